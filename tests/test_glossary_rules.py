"""Where a glossary tooltip may sit, on HTML written out by hand (no build needed)."""

from __future__ import annotations

from common_agenda.glossary import first_use_only

MOU = '<abbr title="Memorandum of understanding.">MOU</abbr>'
KEPT = '<abbr title="Memorandum of understanding." tabindex="0">MOU</abbr>'


def test_a_term_inside_a_link_is_unwrapped_and_the_first_use_outside_it_keeps_the_tooltip():
    """HTML allows no tab stop inside a link: the tooltip moves to the first use outside one."""
    html = f'<p>See <a href="mou/">the {MOU} template</a>. An {MOU} is signed. Another {MOU}.</p>'
    assert first_use_only(html) == f'<p>See <a href="mou/">the MOU template</a>. An {KEPT} is signed. Another MOU.</p>'


def test_a_link_whose_whole_text_is_the_term_carries_no_tooltip():
    html = f'<p><a href="mou/">{MOU}</a> then <a class="x" href="y">{MOU}</a>, and {MOU}.</p>'
    assert first_use_only(html) == f'<p><a href="mou/">MOU</a> then <a class="x" href="y">MOU</a>, and {KEPT}.</p>'


def test_a_term_only_inside_links_has_no_tooltip_at_all():
    html = f'<p><a href="mou/">{MOU}</a></p>\n<p><a href="z">our {MOU}s</a></p>'
    assert first_use_only(html) == '<p><a href="mou/">MOU</a></p>\n<p><a href="z">our MOUs</a></p>'


GLOSSARY = """\
- term: MOU
  definition: Memorandum of understanding.
  aliases:
  - MOUs
  taught_in: shared-goals
- term: screening
  definition: "Asking  questions &lt;first&gt;."
- term: T visa
  definition: A visa for victims.
  aliases:
  - MOU
  taught_in: no-such-module
"""


def load(tmp_path, text, module_ids=None, unreadable=frozenset()):
    from common_agenda.glossary import load_glossary
    from sitekit import REPO
    (tmp_path / "glossary.yml").write_text(text, encoding="utf-8")
    return load_glossary(tmp_path / "glossary.yml", "modules/glossary.yml", REPO / "schemas" / "glossary.schema.json",
                         module_ids, unreadable)


def test_each_glossary_rule_names_its_line_and_a_bad_glossary_gives_no_terms(tmp_path):
    terms, problems = load(tmp_path, GLOSSARY, {"shared-goals", "timelines"})
    assert terms == ()
    assert [str(problem) for problem in problems] == [
        "modules/glossary.yml:11: [2]: 'MOU' is already defined by entry [0] \u2014 define each spelling once: merge the entries or drop the repeat",
        "modules/glossary.yml:7: [1].definition: has a '<' (or an entity that makes one), and becomes the tooltip of the term on "
        "every page \u2014 write it as plain words: tooltips may show their text as HTML",
        "modules/glossary.yml:12: [2].taught_in: no module has the id 'no-such-module' \u2014 use a module id: shared-goals, timelines",
    ]
    _, problems = load(tmp_path, GLOSSARY, {"shared-goals"}, unreadable={"no-such-module"})
    assert len(problems) == 2  # a module that could not be read is not judged


def test_a_good_glossary_loads_trimmed_with_its_aliases_and_none_is_fine(tmp_path):
    from common_agenda.glossary import Term, abbreviations, load_glossary
    text = "- term: ' MOU '\n  definition: ' Memorandum of understanding. '\n  aliases: [' MOUs ']\n- term: T visa\n  definition: A visa.\n"
    terms, problems = load(tmp_path, text, {"shared-goals"})
    assert problems == []
    assert terms == (Term("MOU", "Memorandum of understanding.", ("MOUs",), None), Term("T visa", "A visa.", (), None))
    assert abbreviations(terms) == {"MOU": "Memorandum of understanding.", "MOUs": "Memorandum of understanding.",
                                    "T visa": "A visa."}
    assert load_glossary(tmp_path / "none.yml", "none.yml", tmp_path / "schema.json") == ((), [])


def test_the_terms_regex_is_a_trie_that_keeps_the_longest_match():
    import re

    from common_agenda.glossary import trie_pattern
    assert trie_pattern(("trafficking", "trauma", "T visa", "MOU", "MOUs")) == r"(?:MOU(?:s)?|T\ visa|tra(?:fficking|uma))"
    assert trie_pattern(("MOU",)) == "MOU"
    pattern = re.compile(r"\b(?:" + trie_pattern(("MOU", "MOUs", "T visa")) + r")\b")
    assert pattern.findall("MOUs and an MOU, a T visa, not MOUS") == ["MOUs", "MOU", "T visa"]


def test_the_faster_abbreviations_mark_the_same_terms_as_the_stock_extension():
    import markdown

    from common_agenda.glossary import FasterAbbreviations
    glossary = {"MOU": "Memorandum.", "MOUs": "Memoranda.", "T visa": "A visa.", "blank": ""}
    text = "An MOU and two MOUs.\n\n- a *T visa* item, then MOU\n- `MOU` in code, blank\n\n| MOU | b |\n| - | - |\n| T visa | MOUs |\n"
    extensions = ["abbr", "tables"]
    stock = markdown.markdown(text, extensions=extensions, extension_configs={"abbr": {"glossary": glossary}})
    faster = markdown.markdown(text, extensions=[*extensions, FasterAbbreviations()],
                               extension_configs={"abbr": {"glossary": glossary}})
    assert faster == stock
    assert faster.count('<abbr title="Memorandum.">MOU</abbr>') == 3 and faster.count("<abbr") == 7
    md = markdown.Markdown(extensions=[*extensions, FasterAbbreviations()])
    assert type(md.treeprocessors["abbr"]).__name__ == "_TrieAbbrTreeprocessor"
    assert md.convert("An MOU.") == "<p>An MOU.</p>"  # no glossary: nothing to mark


def test_the_glossary_page_groups_terms_by_first_letter_in_alphabetical_order():
    from common_agenda.glossary import Term, page_markdown
    terms = (Term("victim", "V.", ()), Term("MOU", "M.", ()), Term("minor", "A person under 18.", ()), Term("Ally", "A.", ()))
    page = page_markdown(terms)
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert headings == ["## A", "## M", "## V"]
    assert page.index("minor") < page.index("MOU") < page.index("victim")


def test_headings_and_table_headers_carry_no_tooltip_and_the_first_use_below_them_does():
    html = (f"<h2 id=\"mou\">The {MOU}</h2>\n<table><thead><tr><th>{MOU}</th></tr></thead>"
            f"<tbody><tr><td>{MOU}</td></tr></tbody></table>")
    assert first_use_only(html) == ('<h2 id="mou">The MOU</h2>\n<table><thead><tr><th>MOU</th></tr></thead>'
                                    f"<tbody><tr><td>{KEPT}</td></tr></tbody></table>")


def test_a_repeated_term_names_its_own_line_and_the_glossary_page_drops_every_tooltip(tmp_path):
    from common_agenda.glossary import without_tooltips
    _, problems = load(tmp_path, "- term: MOU\n  definition: One.\n- term: MOU\n  definition: Two.\n")
    assert [str(problem) for problem in problems] == [
        "modules/glossary.yml:3: [1]: 'MOU' is already defined by entry [0] \u2014 define each spelling once: merge the "
        "entries or drop the repeat"]
    assert without_tooltips(f"<p>{MOU} and our {MOU}s</p>") == "<p>MOU and our MOUs</p>"


def test_terms_in_the_tails_between_inline_elements_land_where_the_stock_extension_puts_them():
    import markdown

    from common_agenda.glossary import FasterAbbreviations
    glossary = {"MOU": "Memorandum.", "T visa": "A visa."}
    text = "*one* MOU *two* T visa and MOU *three* end MOU\n\n- *a* T visa *b* MOU"
    configs = {"abbr": {"glossary": glossary}}
    stock = markdown.Markdown(extensions=["abbr"], extension_configs=configs)
    faster = markdown.Markdown(extensions=["abbr", FasterAbbreviations()], extension_configs=configs)
    assert faster.convert(text) == stock.convert(text)
    assert faster.treeprocessors["abbr"].md is faster
    assert [(item.name, item.priority) for item in faster.treeprocessors._priority] == [  # Registry keeps no public priority
        (item.name, item.priority) for item in stock.treeprocessors._priority]
