"""Keep a page's answers away from the search indexer, not only out of its index.

Material's search parses every page's HTML, including the parts marked data-search-exclude that
it then leaves out: on a quiz page, the feedback, explanations and buttons are most of the
markup and made indexing cost twice as much as for the same text on a plain page. Runs of such
markup sit between `<!--ca-unindexed-->` and `<!--/ca-unindexed-->`; `set_aside` swaps each for
a numbered comment before search sees the page, and `put_back` restores it in the finished page.
The blocks keep data-search-exclude in the templates, so without this step nothing leaks either;
it is dropped here as Material drops it from what it parsed.
"""

from __future__ import annotations

import re

_BLOCK = re.compile(r"<!--ca-unindexed-->(.*?)<!--/ca-unindexed-->", re.S)
_TOKEN = re.compile(r"<!--ca-unindexed (\d+)-->")
_EXCLUDE = re.compile(r'\sdata-search-exclude="[^"]*"')


def set_aside(html: str) -> tuple[str, list[str]]:
    blocks: list[str] = []

    def keep(match: re.Match) -> str:
        blocks.append(_EXCLUDE.sub("", match.group(1)))
        return f"<!--ca-unindexed {len(blocks) - 1}-->"

    return _BLOCK.sub(keep, html), blocks


def put_back(html: str, blocks: list[str]) -> str:
    return _TOKEN.sub(lambda match: blocks[int(match.group(1))], html) if blocks else html
