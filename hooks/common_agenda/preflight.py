"""Checks of files the content loader does not read, made before MkDocs cleans `site/`.

MkDocs runs `on_config`, then empties `site/`, then calls `on_files`. Anything a later hook reads
and could fail on must be checked here, or a bad file leaves the reader with no site at all
(issue 13: a non-UTF-8 byte in the MOU template wiped `site/` and printed a traceback). The MOU
template and every Markdown page in `docs/` must read as UTF-8 within the size limit, and be
shaped so Markdown converts it quickly (markdown_shape).
"""

from __future__ import annotations

from pathlib import Path

from .content import Content, load_content
from . import markdown_shape
from .problems import ContentError, Problem
from .quiz_sections import SITE_MARKDOWN, MarkdownSetup
from .yaml_source import read_text

# Markdown files outside docs/ that a hook turns into pages.
MARKDOWN_SOURCES = ("training/mou-template.md",)


def problems_before_writing(root: Path) -> list[Problem]:
    """Each Markdown source that exists reads as UTF-8 text within the size limit and converts quickly."""
    problems: list[Problem] = []
    paths = [root / relative for relative in MARKDOWN_SOURCES] + sorted((root / "docs").rglob("*.md"))
    for path in paths:
        if not path.is_file():
            continue
        display = path.relative_to(root).as_posix()
        text, found = read_text(path, display)
        problems += found or markdown_shape.problems_in(text, display, "body", 1)
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
