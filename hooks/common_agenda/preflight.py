"""Checks of files the content loader does not read, made before MkDocs cleans `site/`.

MkDocs runs `on_config`, then empties `site/`, then calls `on_files`. Anything a later hook reads
and could fail on must be checked here, or a bad file leaves the reader with no site at all
(issue 13: a non-UTF-8 byte in the MOU template wiped `site/` and printed a traceback).
"""

from __future__ import annotations

from pathlib import Path

from .content import Content, load_content
from .problems import ContentError, Problem
from .quiz_sections import SITE_MARKDOWN, MarkdownSetup
from .yaml_source import read_text

# Markdown files outside docs/ that a hook turns into pages.
MARKDOWN_SOURCES = ("training/mou-template.md",)


def problems_before_writing(root: Path) -> list[Problem]:
    """Each Markdown source that exists must read as UTF-8 text within the size limit."""
    problems: list[Problem] = []
    for relative in MARKDOWN_SOURCES:
        path = root / relative
        if path.is_file():
            problems += read_text(path, relative)[1]
    return problems


def load_checked(root: Path, markdown: MarkdownSetup = SITE_MARKDOWN) -> Content:
    """`load_content` plus the files only later hooks read, with every problem in one ContentError."""
    early = problems_before_writing(root)
    try:
        content = load_content(root, markdown=markdown)
    except ContentError as error:
        raise ContentError(early + error.problems) from None
    if early:
        raise ContentError(early)
    return content
