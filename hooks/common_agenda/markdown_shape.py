"""Refuse Markdown shaped so that converting it would stall the build.

Python-Markdown's link handling looks, from every `[` (and every `(` after `]`), for the bracket
that closes it, to the end of the paragraph when there is none: a paragraph of k brackets and
n characters costs about k × n steps. Measured here (Python-Markdown 3.x, the site's extensions,
one paragraph): 1,000 unclosed `[` take 0.12 s, 2,000 take 0.40 s, 4,000 take 1.6 s, and a
module of 10,000 took about 20 s to build; `[ [ [`, `[a](` repeated and runs of `[` alone behave
alike. The red team found the same growth for `<` (8,000 `<a ` in a paragraph: 4.2 s to convert,
43 s to build, most of it in the search index) and for backtick runs of many lengths.

So each text is given a budget of MAX_COST "openers × characters" (`[`, `(`, `<`, `` ` ``),
summed over its blocks (k × n per block): about 0.4 s at worst. A block ends at a blank line
and also where Markdown starts a new inline run anyway - a list item, a table row, a heading,
a definition (250 ordinary links in a list were refused while it counted the list as one
paragraph). A block may also have at most MAX_BLOCK_LINES lines (8,000 definition lines in one
list took 43 s). The largest real text today (modules/confidentiality.md) costs 150,000, 1/27 of
the budget; the scan itself takes a few ms for every content file together. What is left - a
shape no budget foresaw - meets the time bound of the conversion itself
(markdown_setup.convert_within_stack).
"""

from __future__ import annotations

import re

from .problems import Problem

MAX_COST = 4_000_000
MAX_BLOCK_LINES = 1_000
# A blank line, or a line break before what starts a new inline run: list item, table row, heading, definition.
_BLANK = re.compile(r"\n[ \t]*\n")
_PARAGRAPH = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|\||#{1,6}[ \t]|:[ \t]))")
FIX = "close each [, ( and < you open, or split the text into shorter paragraphs or list items"


def _openers(block: str) -> int:
    return block.count("[") + block.count("(") + block.count("<") + block.count("`")


def cost(text: str) -> int:
    """Openers times characters, block by block: what Markdown's searches may scan."""
    return sum(_openers(p) * len(p) for p in _PARAGRAPH.split(text))


def problems_in(text: str, display: str, field: str, first_line: int) -> list[Problem]:
    """One problem at the block where the text's budget runs out, or none."""
    if _openers(text) * len(text) <= MAX_COST and text.count("\n") < MAX_BLOCK_LINES:
        return []  # cheap case: the bound for the whole text is already within budget
    offset = 0
    for match in [*_BLANK.finditer(text), None]:
        end = match.start() if match else len(text)
        if text.count("\n", offset, end) >= MAX_BLOCK_LINES:
            return [Problem(display, first_line + text.count("\n", 0, offset), field,
                            f"has a block of {len(text[offset:end].splitlines()):,} lines with no blank line, which "
                            f"Markdown would take seconds to convert (limit: {MAX_BLOCK_LINES:,} lines)",
                            "split it with blank lines, or into several pages")]
        offset = match.end() if match else end
    total, offset = 0, 0
    for match in [*_PARAGRAPH.finditer(text), None]:
        end = match.start() if match else len(text)
        paragraph = text[offset:end]
        start = offset + len(paragraph) - len(paragraph.lstrip("\n"))
        line = first_line + text.count("\n", 0, start)
        total += _openers(paragraph) * len(paragraph)
        if total > MAX_COST:
            return [Problem(display, line, field,
                            f"has {_openers(paragraph):,} of [ ( < ` in a block of {len(paragraph):,} characters, which "
                            f"Markdown would take seconds to convert (limit: {MAX_COST:,} openers × characters)", FIX)]
        offset = match.end() if match else end
    return []
