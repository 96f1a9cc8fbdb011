"""Smart symbols come out the same when the line breaks between blocks are set aside for the pass."""

import markdown

from common_agenda.whitespace_tails import SkipWhitespaceTails

EXTENSIONS = ["pymdownx.smartsymbols", "md_in_html", "admonition", "def_list", "tables"]
TEXT = """# Title (c) 2024

First (tm) paragraph with *emphasis* (r) after it, 1/2 and +/- and --> too.

- item one (c)
- item **two** =/= three
    - nested 1st and 2nd

<div markdown="block">

Inside *a* block (tm), then text.

</div>

!!! note "Note (c)"
    Body <-- with an arrow.

Term
:   Definition 3/4

| a (c) | b |
| ----- | - |
| c --> | d |
"""


def test_same_html_as_the_stock_pass():
    stock = markdown.markdown(TEXT, extensions=EXTENSIONS)
    faster = markdown.markdown(TEXT, extensions=[*EXTENSIONS, SkipWhitespaceTails()])
    assert faster == stock
    assert "&copy;" in faster and "&trade;" in faster and "&frac12;" in faster and "&rarr;" in faster


def test_many_blocks_keep_their_line_breaks():
    text = "\n\n".join(f"Block {n} (c)" for n in range(50))
    faster = markdown.markdown(text, extensions=["pymdownx.smartsymbols", SkipWhitespaceTails()])
    assert faster == "\n".join(f"<p>Block {n} &copy;</p>" for n in range(50))
