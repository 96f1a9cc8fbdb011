"""Pull the running prose out of a module's Markdown, for reading-level checks.

Headings, front matter, admonition and tab markers, tables, code and link targets are not prose:
they would distort a readability score either way.
"""

from __future__ import annotations

import re

_DROP_LINE = re.compile(r"^\s*(#|!!!|\?\?\?|===|\||\*\[|---\s*$)")
_CODE = re.compile(r"```.*?```", re.S)


def body_prose(markdown: str) -> str:
    text = markdown
    if text.startswith("---"):
        text = text.split("\n---", 1)[1].split("\n", 1)[1]
    text = _CODE.sub(" ", text)
    lines = [line for line in text.splitlines() if not _DROP_LINE.match(line)]
    text = "\n".join(lines)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)     # links: keep the words
    text = re.sub(r"`[^`]*`|<[^>]+>|\{[^}]*\}", " ", text)    # code, tags, attribute lists
    text = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", text, flags=re.M)  # list markers
    text = re.sub(r"[*_]{1,3}", "", text)
    return re.sub(r"[ \t]+", " ", text).strip()
