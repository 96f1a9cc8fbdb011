"""No page shows its reader markup, template syntax, placeholders or notes meant for whoever maintains
the site (issue 14): a printed brief once ended with `{: .ca-local-brief }`, a line telling the reader
to "add your contacts in local.yml" and yellow [Your agency] placeholders, on every handout and pack.

Read from every page of the real site, as text a reader can see: scripts, styles and elements the
page hides are left out; code samples are kept, so a leftover cannot hide in one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from justhtml import JustHTML

SKIPPED = {"script", "style", "template", "noscript", "head"}

LEFTOVERS = [
    ("an attribute list Markdown did not apply", re.compile(r"\{:")),
    ("Jinja or placeholder syntax", re.compile(r"\{\{|\}\}|\{%|%\}")),
    ("a hint about the settings file", re.compile(r"local\.ya?ml", re.I)),
    ("a bracketed placeholder", re.compile(r"\[(?:Your|Partner|No local|Agency|Region|Name|Contact)\b[^\]\n]{0,40}\]")),
    ("Markdown bold that was not converted", re.compile(r"\*\*")),
    ("a Markdown link that was not converted", re.compile(r"\]\(")),
    ("an HTML entity shown as text", re.compile(r"&(?:lt|gt|amp|quot|#\d+);")),
    ("a note to self", re.compile(r"\bTODO\b|\bFIXME\b|\bXXX\b")),
    ("filler text", re.compile(r"\blorem ipsum\b|\blorem\b", re.I)),
]


def visible_text(html: str) -> str:
    """The text a reader can see, one line per block of text, as a browser with the page's
    scripts not yet run shows it (an element marked `hidden` is not shown)."""
    parts: list[str] = []

    def walk(node) -> None:
        name = (node.name or "").lower()
        if name == "#text":
            parts.append(node.data or "")
            return
        if name in SKIPPED or name.startswith("#comment"):
            return
        if "hidden" in (getattr(node, "attrs", None) or {}):
            return
        for child in node.children or ():
            walk(child)
        if name in {"p", "li", "tr", "td", "th", "div", "h1", "h2", "h3", "h4", "br", "legend", "label", "pre"}:
            parts.append("\n")

    walk(JustHTML(html, sanitize=False).root)
    return "".join(parts)


def leftovers(text: str) -> list[str]:
    found = []
    for what, pattern in LEFTOVERS:
        for match in pattern.finditer(text):
            start = max(0, match.start() - 50)
            found.append(f"{what}: …{text[start:match.end() + 50]!r}…")
    return found


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "handouts" not in p.parts)


def test_every_built_page_shows_no_leftovers(site_dir):
    everything = pages(site_dir)
    assert len(everything) > 50  # the whole site, not a part of it
    problems = {}
    for page in everything:
        found = leftovers(visible_text(page.read_text(encoding="utf-8")))
        if found:
            problems[page.relative_to(site_dir).as_posix()] = found
    assert problems == {}


@pytest.mark.parametrize("uri", ["first-meeting/index.html", "local-contacts/index.html",
                                 "training/plans/ninety-minutes-print-pack/index.html",
                                 "training/plans/ninety-minutes-facilitator-pack/index.html"])
def test_an_unset_local_value_is_a_labelled_line_to_fill_in(site_dir, uri):
    """Without local.yml (the project ships none): a line to write on, which a screen reader names."""
    html = (site_dir / uri).read_text(encoding="utf-8")
    assert 'class="ca-placeholder"' not in html and "<mark" not in html
    fills = JustHTML(html, sanitize=False).query(".ca-fill")
    assert fills
    for fill in fills:
        label = fill.query_one(".ca-visually-hidden").to_text()
        assert label.endswith(", to fill in") and len(label) > len(", to fill in")
        line = fill.query_one(".ca-fill__line")
        assert line.attrs.get("aria-hidden") == "true" and line.to_text() == ""  # drawn by print.css


@pytest.mark.parametrize(("text", "what"), [
    ("Local contacts. {: .ca-local-brief }", "an attribute list"),
    ("Between {{ agency }} and", "Jinja"),
    ("add your contacts in local.yml.", "settings file"),
    ("Contact: [Your agency] and [Partner agency]", "bracketed placeholder"),
    ("**Local contacts.**", "bold"),
    ("see [the guide](guide.md)", "link"),
    ("Shown as &amp;lt;b&amp;gt;", "entity"),
    ("TODO: write this", "note to self"),
    ("Lorem ipsum dolor", "filler"),
])
def test_the_check_finds_each_kind_of_leftover(text, what):
    assert any(what in found for found in leftovers(visible_text(f"<p>{text}</p>")))


def test_the_check_reads_what_a_reader_sees():
    html = ("<p>Shown [1] text</p><script>var a = '{{ x }}'</script><div hidden>{{ hidden }}</div>"
            "<p>a &lt;b&gt; tag</p>")
    assert leftovers(visible_text(html)) == []
    assert "a <b> tag" in visible_text(html)
