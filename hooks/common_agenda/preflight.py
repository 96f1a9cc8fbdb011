"""Checks made before MkDocs cleans `site/`, of what the content loader alone does not cover.

MkDocs runs `on_config`, then empties `site/`, then calls `on_files`. Anything a later hook reads
and could fail on must be checked here, or a bad file leaves the reader with no site at all
(issue 13: a non-UTF-8 byte in the MOU template wiped `site/` and printed a traceback). In order:

1. symbolic links (symlinks.py): a link leading out of the content areas stops everything at
   once, before any file behind it is opened, so a system file is neither read nor quoted;
2. the MOU template and every Markdown page in the docs folder read as UTF-8 within the size
   limit, convert quickly (markdown_shape), carry nothing unsafe (unsafe_html, which ends with
   the HTML allowlist over the converted page) and set in their front matter only what the site
   needs (docs_front_matter.py: Material writes other fields unescaped or acts on them); every
   other file in the docs folder is of a kind that cannot run script (docs_static.py), since
   MkDocs publishes it as it is;
3. the content itself (content.load_content), and then the page paths it and the docs folder
   make: two files published at one address (page_paths.py), where each link written in YAML
   text leads (link_targets.py), and the MOU template's front matter once local.yml's names are
   filled in (a name can hold a line break).

The docs folder is the one MkDocs is configured with, passed in as a path so this module stays
free of MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from . import docs_front_matter, docs_static, link_targets, markdown_shape, unsafe_html, yaml_links
from . import training_pages as tp
from .content import Content, load_content
from .page_paths import PAGE_SUFFIXES, clash_problems, docs_files
from .problems import ContentError, Problem
from .quiz_sections import SITE_MARKDOWN, MarkdownSetup
from .symlinks import link_problems
from .yaml_source import read_text

# Markdown files outside docs/ that a hook turns into pages.
MARKDOWN_SOURCES = ("training/mou-template.md",)


def problems_before_writing(root: Path, docs_dir: Path | None = None) -> list[Problem]:
    """Each Markdown source that exists reads as UTF-8 text within the size limit, converts quickly and
    safely and sets only the front matter a page may; each other docs file is of a kind that runs nothing."""
    docs_dir = root / "docs" if docs_dir is None else docs_dir
    uris = docs_files(docs_dir)
    problems = docs_static.problems([uri for uri in uris if not uri.endswith(PAGE_SUFFIXES)], _display(docs_dir, root))
    paths = [root / relative for relative in MARKDOWN_SOURCES]
    paths += [docs_dir / uri for uri in uris if uri.endswith(PAGE_SUFFIXES)]
    for path in paths:
        if not path.is_file():
            continue
        display = _display(path, root)
        text, found = read_text(path, display)
        if text is None:
            problems += found
            continue
        front = docs_front_matter.problems_in(text, display, root / "schemas")
        found = markdown_shape.problems_in(text, display, "body", 1) or _unsafe(text, display, whole=not front)
        problems += front + found + yaml_links.marker_problems(text, display)
    return problems


def _unsafe(text: str, display: str, whole: bool) -> list[Problem]:
    """The first unsafe thing in the text MkDocs converts into the page (its front matter taken
    away, each line where it was); then, when the front matter is sound, in the whole file, as the
    print packs embed the brief and the MOU template with a front matter pattern of their own
    (training_pages.embeddable), which leaves one closed by '...' in the text."""
    views = [docs_front_matter.body(text)]
    views += [text] if whole and views[0] != text else []
    for view in views:
        unsafe = unsafe_html.find(view, inline_only=False)
        if unsafe:
            return [Problem(display, unsafe.line + 1, "body", unsafe.what, unsafe.fix or unsafe_html.FIX)]
    return []


def load_checked(root: Path, markdown: MarkdownSetup = SITE_MARKDOWN, docs_dir: Path | None = None,
                 directory_urls: bool = True, local: str | None = None) -> Content:
    """`load_content` plus the files only later hooks read, with every problem in one ContentError.

    `docs_dir` is MkDocs' docs_dir (`root/docs` when None); `directory_urls` its use_directory_urls;
    `local` the settings file as COMMON_AGENDA_LOCAL names it (None: read the variable).
    """
    docs_dir = root / "docs" if docs_dir is None else docs_dir
    links = link_problems(root, docs_dir)
    if links:
        raise ContentError(links)
    early = problems_before_writing(root, docs_dir)
    try:
        content = load_content(root, markdown=markdown, local=local)
    except ContentError as error:
        raise ContentError(early + error.problems) from None
    problems = early + clash_problems(content, docs_dir, directory_urls) + link_targets.problems(content, docs_dir)
    problems += _filled_mou_front_matter(root, content)
    if problems:
        raise ContentError(problems)
    return content


def _filled_mou_front_matter(root: Path, content: Content) -> list[Problem]:
    """The MOU page's front matter as MkDocs will read it: with local.yml's names in its placeholders."""
    path = root / tp.MOU_SOURCE
    text, found = read_text(path, tp.MOU_SOURCE) if path.is_file() else (None, [])
    if text is None or found:
        return []  # reported with the other Markdown sources
    return docs_front_matter.problems_in(tp.mou_page(text, content), tp.MOU_SOURCE, root / "schemas")


def _display(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
