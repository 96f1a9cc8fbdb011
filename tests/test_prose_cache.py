"""An answer key shows the HTML its quiz page made of each text, exactly as converting it there would."""

import re
from types import SimpleNamespace

import markdown
import pytest

from common_agenda.prose_cache import ProseCache, lends_html, reusable
from sitekit import TinySite, module_text, quiz_text

CONFIG = SimpleNamespace(markdown_extensions=["md_in_html", "attr_list"], mdx_configs={})


@pytest.mark.parametrize(("text", "expected"), [
    ("Ask the detective what stage the case is at.", True),
    ("First paragraph.\n\nSecond *paragraph*.\n", True),
    ("A [link](../modules/timelines.md) changes with the page.", False),
    ("Raw <b>HTML</b>.", False),
    ("# A heading gets a page-unique id", False),
    ("- a list after **1.** would be text", False),
    ("2. an ordered list", False),
    ("Text\n    indented", False),
    ("Words {: .class }", False),
    ("   ", False),
])
def test_reusable(text, expected):
    assert reusable(text) is expected


def test_text_that_is_not_reusable_stays_markdown():
    cache = ProseCache()
    assert cache.token("See [the module](x.md).") == "See [the module](x.md)."


def _key(prose, prompt, option, why):
    return (f'<div class="ca-key__item" markdown="block">\n\n**1.** {prose(prompt)}\n\n'
            f"- **A. Right:** {prose(option)}\n- B. Not right: {prose('No.')}\n\n*Why:* {prose(why)}\n\n</div>\n")


@pytest.mark.parametrize(("prompt", "why"), [
    ("One *short* prompt.", "Because."),
    ("A prompt\nover two lines.\n\nAnd a second paragraph.\n", "One.\n\nTwo.\n\nThree."),
])
def test_filled_key_is_the_key_converted_as_markdown(prompt, why):
    option = "Ask **both** sides."
    expected = markdown.markdown(_key(str, prompt, option, why), extensions=CONFIG.markdown_extensions)
    cache = ProseCache()
    tokened = _key(cache.token, prompt, option, why)
    assert prompt not in tokened and "Ask **both**" not in tokened
    # the quiz page converted the option and the prompt; the rest is converted when the key asks
    cache.remember(option, "<p>Ask <strong>both</strong> sides.</p>")
    cache.remember(prompt, markdown.markdown(prompt))
    html = markdown.markdown(tokened, extensions=CONFIG.markdown_extensions)
    assert cache.fill(html, CONFIG, tokened) == expected


def test_remembered_html_is_what_fills_the_key():
    cache = ProseCache()
    token = cache.token("Plain words.")
    cache.remember("Plain words.", "<p>Plain <abbr title=\"a term\">words</abbr>.</p>")
    assert cache.fill(f"<li>A. {token}</li>", CONFIG, f"- A. {token}") == '<li>A. Plain <abbr title="a term">words</abbr>.</li>'


def test_a_page_that_defines_an_abbreviation_gets_its_texts_not_tokens():
    cache = ProseCache()

    def page(prose):
        return f"{prose('Plain words.')}\n\n{prose('Each MOU is signed.')}\n"

    assert cache.tokened(page) != page(str)
    defining = ProseCache()
    assert defining.tokened(lambda prose: page(prose) + "\n*[MOU]: memorandum of understanding\n") == (
        "Plain words.\n\nEach MOU is signed.\n\n*[MOU]: memorandum of understanding\n")


def test_tokens_on_a_page_that_defines_an_abbreviation_are_refused():
    cache = ProseCache()
    token = cache.token("Plain words.")
    with pytest.raises(ValueError, match="defines an abbreviation"):
        cache.fill(f"<p>{token}</p>", CONFIG, f"{token}\n\n- *[MOU]: memorandum of understanding\n")


@pytest.mark.parametrize(("markdown", "lends"), [
    ("No MOU overrides the law.", True),
    ("**[a link](x.md)**", False),  # no definition, but the check does not tell them apart
    ("*[MOU]: memorandum of understanding", False),
    ("> *[MOU]:\n> memorandum of understanding", False),  # abbr finds one in a quote or a list too
])
def test_lends_html(markdown, lends):
    assert lends_html(markdown) is lends


SAME = "No MOU overrides the law."
NO_REUSE_HOOK = '''"""Test hook: no quiz text is reused, so each key converts every text among its own page."""
from common_agenda import prose_cache

prose_cache.reusable = lambda text: False
'''


def _defining_quiz(quiz_id: str, title: str) -> str:
    return quiz_text({
        "id: shared-goals": f"id: {quiz_id}", "module: shared-goals": f"module: {quiz_id}",
        "explanation: Different means, one goal.": f'explanation: "Each MOU is signed.\\n\\n*[MOU]: {title}"',
        "explanation: Meet before a case.": f"explanation: {SAME}"})


def _abbreviation_site(root, reuse: bool):
    """Three quizzes share an explanation; the first and the last define MOU for their whole page (the
    red team's case), so the plain one's page lends to the last one's key, and the first's to neither."""
    site = TinySite(root)
    for module_id in ("first", "shared-goals", "last"):
        site.add_module(module_id, module_text(module_id))
    site.write("modules/glossary.yml", "- term: MOU\n  definition: Memorandum of Understanding. A written agreement.\n")
    site.write("training/.keep", "")
    site.write("quizzes/first.yml", _defining_quiz("first", "memorandum of understanding"))
    site.write("quizzes/shared-goals.yml", quiz_text({"explanation: Different means, one goal.": f"explanation: {SAME}"}))
    site.write("quizzes/last.yml", _defining_quiz("last", "an agreement"))
    if not reuse:
        site.extra_hooks = [site.write("no_reuse.py", NO_REUSE_HOOK)]
    build = site.build()
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def abbreviation_builds(tmp_path_factory):
    return (_abbreviation_site(tmp_path_factory.mktemp("reuse") / "project", reuse=True),
            _abbreviation_site(tmp_path_factory.mktemp("fresh") / "project", reuse=False))


KEYS = ("training/answer-keys/first/index.html", "training/answer-keys/shared-goals/index.html",
        "training/answer-keys/last/index.html")


@pytest.mark.parametrize("key", KEYS)
def test_a_key_is_what_converting_every_text_on_it_gives(abbreviation_builds, key):
    reused, fresh = abbreviation_builds
    assert reused.page(key) == fresh.page(key)


def _explanations_with_mou(page: str) -> list[str]:
    return re.findall(r"<p><em>Why:</em> .*MOU.*</p>", page)


@pytest.mark.parametrize(("key", "title"), [(KEYS[0], "memorandum of understanding"), (KEYS[2], "an agreement")])
def test_a_term_the_page_defines_is_its_own_and_marked_at_its_first_use_only(abbreviation_builds, key, title):
    assert _explanations_with_mou(abbreviation_builds[0].page(key)) == [
        f'<p><em>Why:</em> Each <abbr title="{title}" tabindex="0">MOU</abbr> is signed.</p>',
        f"<p><em>Why:</em> {SAME}</p>"]


def test_the_glossary_marks_a_reused_text_where_it_is_the_first_use(abbreviation_builds):
    assert _explanations_with_mou(abbreviation_builds[0].page(KEYS[1])) == [
        '<p><em>Why:</em> No <abbr title="Memorandum of Understanding. A written agreement." tabindex="0">MOU</abbr>'
        " overrides the law.</p>"]
