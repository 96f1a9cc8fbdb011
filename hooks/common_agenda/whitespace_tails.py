"""Inline passes that run after Markdown has laid out its blocks skip the line breaks between them.

pymdownx.smartsymbols runs a second inline pass over the whole tree after the `prettify` step has
put a line break after every block. Python-Markdown's inline pass finds where to put what it makes
of a tail by searching the parent's children for the element (`list(parent).index(child)`), so on
a page of thousands of top-level blocks (a quiz page, with each piece of prose a block) every line
break cost a search of the whole page. A line break holds no symbol, so the pass is run with those
whitespace-only tails set aside and they are put back after: the same HTML, without the search.
"""

from __future__ import annotations

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class _WithoutWhitespaceTails(Treeprocessor):
    def __init__(self, md, inner: Treeprocessor):
        super().__init__(md)
        self.inner = inner

    def run(self, root):
        set_aside = [(element, element.tail) for element in root.iter()
                     if element.tail is not None and element.tail.isspace()]
        for element, _ in set_aside:
            element.tail = None
        try:
            result = self.inner.run(root)
        finally:
            for element, tail in set_aside:
                element.tail = tail
        return result


class SkipWhitespaceTails(Extension):
    """Put after pymdownx.smartsymbols in the Markdown extensions; same output, faster."""

    def extendMarkdown(self, md):
        if "smart-symbols" in md.treeprocessors:
            inner = md.treeprocessors["smart-symbols"]
            md.treeprocessors.register(_WithoutWhitespaceTails(md, inner), "smart-symbols", 6.1)
