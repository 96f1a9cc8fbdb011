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
