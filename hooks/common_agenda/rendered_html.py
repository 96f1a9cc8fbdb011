"""Author text converted as the site converts it, then held to the HTML allowlist.

The content loader's source check (unsafe_html) is the friendly first pass, with exact lines; this
is the second, at load time too, so a file that only the converted HTML shows to be unsafe is
still named with its field and line before MkDocs touches site/. The page hook (hooks/html_allowlist.py)
checks every page again as served. Text with none of `<`, `&`, `[`, `{` cannot make anything but
the plain markup Markdown writes for emphasis, lists, tables and code, all allowed, so it is not
converted: of the site's 3,300 text values, 8 are.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import markdown

from .html_allowlist import FIX, findings, line_of
from .markdown_setup import SITE_MARKDOWN

_MAY_MAKE_MARKUP = re.compile(r"[<&\[{]")


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return SITE_MARKDOWN.converter()


class Found(NamedTuple):
    """What is wrong, its 0-based line in the text, and how to fix it (None: the caller's usual fix)."""

    what: str
    line: int
    fix: str | None = None


def find(text: str) -> Found | None:
    """What the converted text has that is not allowed, and the 0-based source line it seems to come from."""
    if not _MAY_MAKE_MARKUP.search(text):
        return None
    converter = _converter()
    try:
        html = converter.reset().convert(text)
    finally:
        converter.reset()
    found = findings(html, author=True)
    if not found:
        return None
    return Found("converts to HTML that " + found[0].what, line_of(found[0].needle, text), FIX)
