"""Refuse Markdown shaped so that converting it would stall the build.

Python-Markdown's link handling looks, from every `[` (and every `(` after `]`), for the bracket
that closes it, to the end of the paragraph when there is none: a paragraph of k brackets and
n characters costs about k × n steps. Measured here (Python-Markdown 3.x, the site's extensions,
one paragraph): 1,000 unclosed `[` take 0.12 s, 2,000 take 0.40 s, 4,000 take 1.6 s, and a
module of 10,000 took about 20 s to build; `[ [ [`, `[a](` repeated and runs of `[` alone behave
alike, while runs of `*`, `_`, `` ` ``, `<` or `](` stay linear (4,000 of them: under 0.01 s).

So each text is given a budget of MAX_COST bracket-characters, summed over its paragraphs
(k × n per paragraph, split at blank lines): about 0.4 s of link searching at worst. The
largest real text today (modules/confidentiality.md) costs 150,000, 1/27 of the budget; the
scan itself takes 2 ms for every content file together.
"""

from __future__ import annotations

import re

from .problems import Problem

MAX_COST = 4_000_000
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
FIX = "close each [ and ( that opens a link, or split the text into paragraphs with blank lines"


def cost(text: str) -> int:
    """Brackets times characters, paragraph by paragraph: what Markdown's link search may scan."""
    return sum((p.count("[") + p.count("(")) * len(p) for p in _PARAGRAPH.split(text)) if "[" in text else 0


def problems_in(text: str, display: str, field: str, first_line: int) -> list[Problem]:
    """One problem at the paragraph where the text's budget runs out, or none."""
    if "[" not in text or (text.count("[") + text.count("(")) * len(text) <= MAX_COST:
        return []  # cheap case: the bound for the whole text is already within budget
    total, offset = 0, 0
    for match in [*_PARAGRAPH.finditer(text), None]:
        end = match.start() if match else len(text)
        paragraph = text[offset:end]
        total += (paragraph.count("[") + paragraph.count("(")) * len(paragraph)
        if total > MAX_COST:
            start = offset + len(paragraph) - len(paragraph.lstrip("\n"))
            line = first_line + text.count("\n", 0, start)
            return [Problem(display, line, field,
                            f"has {paragraph.count('['):,} '[' in a paragraph of {len(paragraph):,} characters, "
                            f"which Markdown would take seconds to convert (limit: {MAX_COST:,} brackets × characters)",
                            FIX)]
        offset = match.end() if match else end
    return []
