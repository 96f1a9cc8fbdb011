"""Smart symbols come out the same when the line breaks between blocks are set aside for the pass."""

from xml.etree import ElementTree

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


def test_the_pass_is_wrapped_in_place_and_sees_no_line_breaks_between_blocks():
    """The output alone cannot tell whether the wrapper runs (it is the same HTML, faster), so look at it."""
    stock = markdown.Markdown(extensions=["pymdownx.smartsymbols"])
    md = markdown.Markdown(extensions=["pymdownx.smartsymbols", SkipWhitespaceTails()])
    wrapper = md.treeprocessors["smart-symbols"]
    assert type(wrapper).__name__ == "_WithoutWhitespaceTails" and wrapper.md is md
    assert type(wrapper.inner) is type(stock.treeprocessors["smart-symbols"])
    priorities = {registry: {item.name: item.priority for item in registry._priority}  # Registry keeps no public priority
                  for registry in (stock.treeprocessors, md.treeprocessors)}
    assert priorities[md.treeprocessors] == priorities[stock.treeprocessors]

    seen = []

    class Inner:
        def run(self, root):
            seen.extend(element.tail for element in root.iter())

    wrapper.inner = Inner()
    root = ElementTree.fromstring("<div><p>a</p>\n<p>b (c)</p> tail\n<p>c</p>\n</div>")
    wrapper.run(root)
    assert seen == [None, None, " tail\n", None]  # the div, then each p: only the tail with text is left
    assert [element.tail for element in root.iter()] == [None, "\n", " tail\n", "\n"]  # and all are put back
