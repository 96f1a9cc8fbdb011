"""Where a link written in YAML text leads, checked before `site/` is cleaned and placed on each page.

A link is written relative to its YAML file (yaml_links.py) and so names a project path. That path
leads to a page in one of three ways, tried in this order:

1. a content file that becomes a page: `modules/x.md`, `quizzes/x.yml`, `training/scenarios/x.yml`,
   `training/plans/x.yml`, `training/duties/x.yml`, `training/checks.yml`, `training/evaluation.yml`,
   `training/mou-template.md`, `modules/glossary.yml`, `local.yml`: the page made from it, wherever
   its id puts it;
2. a file in the docs folder, `docs/first-meeting.md` or `docs/assets/x.png`: that page or file;
3. the address of a page or file of the site, read as if the YAML file sat at the same place among
   the pages: `../sources.md` from `quizzes/x.yml`, `../../first-meeting.md` from
   `training/duties/x.yml`. Modules are written this way too (their folder is the same in both).

An `#anchor` on a module page must be an id that page will have; anchors on other pages are left
to MkDocs' own check of the built pages (which a failed build no longer costs the previous site).

Which pages exist comes from page_paths.built_pages (the pages the hooks add, itself checked
against a real build) and the docs folder, so nothing here lists pages a second time.
"""

from __future__ import annotations

import dataclasses
import difflib
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from . import evaluation, glossary, module_pages
from . import training_pages as tp
from .content import Content
from .modules import Module
from .page_paths import built_pages, docs_files
from .problems import Problem
from .quiz_sections import sections
from .yaml_links import START, Link, links_in, replace_links


@dataclass(frozen=True)
class Targets:
    """The pages and files a link may lead to, for one build."""

    made_from: dict[str, str]  # content file -> the page made from it
    docs_prefix: str           # the docs folder relative to the project: 'docs'
    pages: frozenset[str]      # every page and docs file, as MkDocs names them

    def page_of(self, project_path: str) -> str:
        """The page or file `project_path` names (not checked: see `exists`)."""
        if project_path in self.made_from:
            return self.made_from[project_path]
        if project_path.startswith(self.docs_prefix + "/"):
            return project_path[len(self.docs_prefix) + 1:]
        return project_path

    def exists(self, project_path: str) -> bool:
        return self.page_of(project_path) in self.pages

    def candidates(self) -> list[str]:
        """Every way of naming a target as a project path, for suggestions."""
        docs = [f"{self.docs_prefix}/{uri}" for uri in self.pages]
        return sorted(set(self.made_from) | set(docs) | set(self.pages))


def targets(content: Content, docs_dir: Path) -> Targets:
    pages = frozenset([page.uri for page in built_pages(content)] + docs_files(docs_dir))
    made_from = {m.source: m.page_uri for m in content.modules}
    made_from.update({q.source: q.page_uri for q in content.quizzes})
    made_from.update({s.source: s.page_uri for s in content.scenarios})
    made_from.update({p.source: p.page_uri for p in content.plans})
    made_from.update({d.source: d.page_uri for d in content.duties})
    if content.check:
        made_from[content.check.source] = tp.CHECK_URI
    if content.evaluation:
        made_from[content.evaluation.source] = evaluation.PAGE_URI
    if content.local.source:
        made_from[content.local.source] = tp.LOCAL_URI
    layout = content.layout
    made_from[layout.display(layout.modules_dir / "glossary.yml")] = glossary.PAGE_URI
    made_from[tp.MOU_SOURCE] = tp.MOU_URI
    # A source whose page the build does not make (no glossary terms, no training/ folder) leads nowhere.
    made_from = {source: page for source, page in made_from.items() if page in pages}
    return Targets(made_from, layout.display(docs_dir), pages)


# ---- Step 2: every link leads to a page ----

def problems(content: Content, docs_dir: Path) -> list[Problem]:
    """Each marked link in the content whose path names no page or file of the site, or whose
    #anchor is on no module page it names (other pages' anchors are left to MkDocs' own check)."""
    found = {link for text in _texts(content) for link in links_in(text)}
    if not found:
        return []
    known = targets(content, docs_dir)
    missing = [_problem(link, known) for link in found if not known.exists(link.path)]
    modules = {m.page_uri: m for m in content.modules}
    anchors = ModuleAnchors(content)
    for link in found:
        module = modules.get(known.page_of(link.path)) if known.exists(link.path) else None
        anchor = link.suffix.partition("#")[2]
        if module is not None and anchor and anchor not in anchors.of(module):
            missing.append(_no_anchor(link, module, content))
    return sorted(missing)


class ModuleAnchors:
    """The ids a module page will have, from its whole generated Markdown converted as the site
    converts it (headings, the page's own sections, `{#id}` and `id="..."`), worked out only for
    modules a link names with an anchor."""

    def __init__(self, content: Content):
        self.content = content
        self.found: dict[str, frozenset[str]] = {}

    def of(self, module: Module) -> frozenset[str]:
        if module.id not in self.found:
            html = self.content.markdown.converter().convert(module_pages.page_markdown(module, self.content))
            self.found[module.id] = frozenset(re.findall(r'\bid="([^"]*)"', html))
        return self.found[module.id]


def _no_anchor(link: Link, module: Module, content: Content) -> Problem:
    anchor = link.suffix.partition("#")[2]
    ids = [section.id for section in sections(module, content.markdown)]
    close = difflib.get_close_matches(anchor, ids, n=1, cutoff=0.6)
    fix = (f"use the id of one of its headings, e.g. #{close[0]}" if close
           else "use the id of one of its headings: " + ", ".join(ids) if ids
           else "link to the module page without an anchor")
    return Problem(link.file, link.line, link.field,
                   f"links to '{link.written}', but {module.source} has no heading or anchor '{anchor}'", fix)


def _problem(link: Link, known: Targets) -> Problem:
    folder = link.folder
    named = f"{folder}/" if folder else "the project's top folder"
    example = _closest(link.path, known) or _any_module(known)
    fix = f"write the path relative to {named}"
    if example:
        fix += f", e.g. {posixpath.relpath(example, folder or '.')}{link.suffix}"
    return Problem(link.file, link.line, link.field,
                   f"links to '{link.written}', but no page or file of the site is at {link.path}", fix)


def _closest(path: str, known: Targets) -> str | None:
    """The target the author most likely meant: the same file name (or nearly) in another folder,
    preferring the one that shares most of the path."""
    names = {}
    for candidate in known.candidates():
        names.setdefault(posixpath.basename(candidate), []).append(candidate)
    name = posixpath.basename(path)
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.8)
    if not close:
        return None
    wanted = path.split("/")

    def shared_tail(candidate: str) -> tuple[int, int]:
        parts = candidate.split("/")
        common = 0
        while common < min(len(parts), len(wanted)) - 1 and parts[-2 - common] == wanted[-2 - common]:
            common += 1
        return common, -len(parts)

    # Prefer a content file (what the author edits) over the page address it makes.
    options = names[close[0]]
    sources = [c for c in options if c in known.made_from or c.startswith(known.docs_prefix + "/")]
    return max(sources or options, key=shared_tail)


def _any_module(known: Targets) -> str | None:
    modules = sorted(source for source in known.made_from if source.startswith("modules/") and source.endswith(".md"))
    return modules[0] if modules else None


def _texts(value: Any, seen: set[int] | None = None) -> Iterator[str]:
    """Every text held anywhere in the content model that may carry a link marker."""
    seen = set() if seen is None else seen
    if isinstance(value, str):
        if START in value:
            yield value
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _texts(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item, seen)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type) and id(value) not in seen:
        seen.add(id(value))
        for item in dataclasses.fields(value):
            yield from _texts(getattr(value, item.name), seen)


# ---- Step 3: each page gets the path from itself to the target ----

def place_on(markdown: str, page_uri: str, known: Targets) -> str:
    """`markdown`, made for the page `page_uri`, with each marked link leading from that page.

    A link step 2 did not pass (none should reach here) is put back as written, so MkDocs' own
    check of the page reports it.
    """
    here = posixpath.dirname(page_uri) or "."

    def target(link: Link) -> str:
        if not known.exists(link.path):
            return link.written
        return quote(posixpath.relpath(known.page_of(link.path), here)) + link.suffix

    return replace_links(markdown, target)


_last: dict[str, Any] = {}  # the targets of the build in progress, kept with the content they come from


def place(markdown: str, page_uri: str, content: Content, docs_dir: Path) -> str:
    """`place_on` with the targets of `content`, worked out once per build."""
    if START not in markdown:
        return markdown
    if _last.get("content") is not content or _last.get("docs_dir") != docs_dir:
        _last.update(content=content, docs_dir=docs_dir, targets=targets(content, docs_dir))
    return place_on(markdown, page_uri, _last["targets"])
