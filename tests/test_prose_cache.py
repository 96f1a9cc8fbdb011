"""An answer key shows the HTML its quiz page made of each text, exactly as converting it there would."""

from types import SimpleNamespace

import markdown
import pytest

from common_agenda.prose_cache import ProseCache, reusable

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
    assert cache.fill(html, CONFIG) == expected


def test_remembered_html_is_what_fills_the_key():
    cache = ProseCache()
    token = cache.token("Plain words.")
    cache.remember("Plain words.", "<p>Plain <abbr title=\"a term\">words</abbr>.</p>")
    assert cache.fill(f"<li>A. {token}</li>", CONFIG) == '<li>A. Plain <abbr title="a term">words</abbr>.</li>'
