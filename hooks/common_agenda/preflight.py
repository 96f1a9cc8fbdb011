"""Checks made before MkDocs cleans `site/`, of what the content loader alone does not cover.

MkDocs runs `on_config`, then empties `site/`, then calls `on_files`. Anything a later hook reads
and could fail on must be checked here, or a bad file leaves the reader with no site at all
(issue 13: a non-UTF-8 byte in the MOU template wiped `site/` and printed a traceback). In order:

1. symbolic links (symlinks.py): a link leading out of the content areas stops everything at
   once, before any file behind it is opened, so a system file is neither read nor quoted;
2. the MOU template and every Markdown page in the docs folder read as UTF-8 within the size
   limit, convert quickly (markdown_shape) and carry nothing unsafe (unsafe_html, which ends with
   the HTML allowlist over the converted page);
3. the content itself (content.load_content), and then the page paths it and the docs folder
   make: two files published at one address (page_paths.py), and where each link written in
   YAML text leads (link_targets.py).

The docs folder is the one MkDocs is configured with, passed in as a path so this module stays
free of MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from .content import Content, load_content
from . import link_targets, markdown_shape, unsafe_html
from .page_paths import PAGE_SUFFIXES, clash_problems, docs_files
from .problems import ContentError, Problem
from .quiz_sections import SITE_MARKDOWN, MarkdownSetup
from .symlinks import link_problems
from .yaml_source import read_text

# Markdown files outside docs/ that a hook turns into pages.
MARKDOWN_SOURCES = ("training/mou-template.md",)


def problems_before_writing(root: Path, docs_dir: Path | None = None) -> list[Problem]:
    """Each Markdown source that exists reads as UTF-8 text within the size limit, converts quickly and safely."""
    docs_dir = root / "docs" if docs_dir is None else docs_dir
    problems: list[Problem] = []
    paths = [root / relative for relative in MARKDOWN_SOURCES]
    paths += [docs_dir / uri for uri in docs_files(docs_dir) if uri.endswith(PAGE_SUFFIXES)]
    for path in paths:
        if not path.is_file():
            continue
        display = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        text, found = read_text(path, display)
        found = found or markdown_shape.problems_in(text, display, "body", 1)
        unsafe = None if found else unsafe_html.find(text, inline_only=False)
        if unsafe:
            found = [Problem(display, unsafe.line + 1, "body", unsafe.what, unsafe.fix or unsafe_html.FIX)]
        problems += found
    return problems


def load_checked(root: Path, markdown: MarkdownSetup = SITE_MARKDOWN, docs_dir: Path | None = None,
                 directory_urls: bool = True) -> Content:
    """`load_content` plus the files only later hooks read, with every problem in one ContentError.

    `docs_dir` is MkDocs' docs_dir (`root/docs` when None); `directory_urls` its use_directory_urls.
    """
    docs_dir = root / "docs" if docs_dir is None else docs_dir
    links = link_problems(root, docs_dir)
    if links:
        raise ContentError(links)
    early = problems_before_writing(root, docs_dir)
    try:
        content = load_content(root, markdown=markdown)
    except ContentError as error:
        raise ContentError(early + error.problems) from None
    problems = early + clash_problems(content, docs_dir, directory_urls) + link_targets.problems(content, docs_dir)
    if problems:
        raise ContentError(problems)
    return content
