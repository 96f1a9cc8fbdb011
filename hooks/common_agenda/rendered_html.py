"""Author text converted as the site converts it, then held to the HTML allowlist.

The content loader's source check (unsafe_html) is the friendly first pass, with exact lines; this
is the second, at load time too, so a file that only the converted HTML shows to be unsafe is
still named with its field and line before MkDocs touches site/. The page hook (hooks/html_allowlist.py)
checks every page again as served. Short text with none of `<`, `&`, `[`, `{` can make nothing but the
plain markup Markdown writes for emphasis, lists, tables and code, all allowed, and cannot nest
deep enough to matter, so it is not converted; nor is text of any length that has, besides, no
emphasis marks and no line that could open a block other than a paragraph: it converts to
paragraphs of text, code and line breaks, one level deep (most quiz prose; converting it only to
learn that cost a build of 2,000 added questions a tenth of its time). Other text is converted,
within a bounded stack (markdown_setup.convert_within_stack): text nested too deep is refused,
not a RecursionError.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import markdown

from .html_allowlist import FIX, findings, line_of
from .markdown_setup import SITE_MARKDOWN, ConversionRefused, convert_within_stack

_MAY_MAKE_MARKUP = re.compile(r"[<&\[{]")
_SHORT = 200  # shorter text cannot nest deep enough to matter, so it is converted only for markup
_MAY_NEST = re.compile(r"[*_]|^(?:[ \t]|[-+#>:|=!?`~]|\d+[.)])", re.M)  # emphasis, or a line opening a block


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return SITE_MARKDOWN.converter()


def converted(text: str) -> str:
    """The text as the site converts it, within the bounded stack and time; ConversionRefused otherwise."""
    try:
        return convert_within_stack(_converter(), text)
    except ConversionRefused:
        _converter.cache_clear()  # an interrupted conversion may leave the converter's state half-changed
        raise


class Found(NamedTuple):
    """What is wrong, its 0-based line in the text, and how to fix it (None: the caller's usual fix)."""

    what: str
    line: int
    fix: str | None = None


def find(text: str) -> Found | None:
    """What the converted text has that is not allowed, and the 0-based source line it seems to come from."""
    if not _MAY_MAKE_MARKUP.search(text) and (len(text) <= _SHORT or not _MAY_NEST.search(text.strip())):
        return None
    try:
        html = converted(text)
    except ConversionRefused as refused:
        return Found(str(refused), 0, "nest fewer levels, or split the text: a handful of levels and short "
                                      "paragraphs are plenty for a reader")
    found = findings(html, author=True)
    if not found:
        return None
    return Found("converts to HTML that " + found[0].what, line_of(found[0].needle, text), FIX)
