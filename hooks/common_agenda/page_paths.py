"""Two files that would be published at one address, found before MkDocs cleans `site/`.

The hooks add their pages in `on_files`, after MkDocs has emptied `site/`, so a clash found
there (a page `docs/modules/x.md` beside a module `x`; a quiz with the id `index` beside the
list of quizzes) used to leave the reader with no site (issue 13). Here the same page paths are
worked out from the loaded content and the docs folder alone, and compared by the file each
becomes in `site/`, so `docs/a.md` and `docs/a/index.md` clash too. Addresses are compared
without regard to capital letters: many web servers and computers treat `Modules/X/` and
`modules/x/` as one place, and one page would then overwrite the other.

`built_pages` must list what the hooks add; tests/test_preflight.py checks it against a real
build's file list, and `generated_files.add_generated` stays as the backstop.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from . import certificate, evaluation, glossary, progress_page, quiz_pages, session_builder, sources
from . import training_pages as tp
from .content import Content
from .problems import Problem
from .role_paths import pages as role_pages

# What MkDocs reads as a Markdown page (mkdocs.utils.markdown_extensions).
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


@dataclass(frozen=True)
class Page:
    """One file the build will publish, and what an author reads about it in a clash."""

    uri: str               # its path among the docs files, as MkDocs names it
    label: str             # "the module page made from modules/x.md"
    file: str | None = None  # the source to blame, None for pages the build makes on its own
    line: int = 1
    field: str = "file"
    fix: str = ""
    docs: bool = False     # a file in the docs folder rather than a page the hooks add


def built_pages(content: Content) -> list[Page]:
    """Every page the hooks add in `on_files`, in the order they add them."""
    pages = [Page(m.page_uri, f"the module page made from {m.source}", m.source, fix=f"rename {m.source}")
             for m in content.modules]
    pages.append(Page(sources.PAGE_URI, "the Sources page"))
    for quiz in content.quizzes:
        pages.append(_by_id(quiz.page_uri, "the quiz page", quiz.source, quiz.doc.line_of(("id",)), "quiz"))
    pages.append(Page(quiz_pages.INDEX_URI, "the list of quizzes"))
    pages += [Page(uri, f"the page '{title}'") for uri, title in role_pages(content)]
    pages.append(Page(certificate.PAGE_URI, "the certificate page"))
    pages.append(Page(progress_page.PAGE_URI, "the My progress page"))
    if content.evaluation is not None:
        pages.append(Page(evaluation.PAGE_URI, f"the evaluation form made from {content.evaluation.source}"))
        pages.append(Page(evaluation.RESULTS_URI, f"the evaluation results page made from {content.evaluation.source}"))
    pages += _training_kit(content)
    pages += [Page(d.page_uri, f"the duties page made from {d.source}", d.source, fix=f"rename {d.source}")
              for d in content.duties]
    pages.append(Page(tp.LOCAL_URI, "the Local contacts page"))
    if content.glossary:
        pages.append(Page(glossary.PAGE_URI, "the Glossary"))
    return pages


def _training_kit(content: Content) -> list[Page]:
    """hooks/training_kit.py's pages: nothing when the project has no training/ folder."""
    layout = content.layout
    if not layout.training_dir.is_dir():
        return []
    pages = []
    for scenario in content.scenarios:
        line = scenario.doc.line_of(("id",))
        pages.append(_by_id(scenario.page_uri, "the scenario page", scenario.source, line, "scenario"))
        pages.append(_by_id(scenario.handout_uri, "the scenario handout", scenario.source, line, "scenario"))
    for view in tp.check_views(content):
        names = {view.page_uri: "check page", view.sheet_uri: "check question sheet",
                 view.key_uri: "check answer key", view.tally_uri: "check tally"}
        for uri, name in names.items():
            if view.plan is None:
                pages.append(Page(uri, f"the training {name} made from {content.check.source}"))
            else:  # the plan's id names these pages
                pages.append(_by_id(uri, f"the {name}", view.plan.source, 1, "plan"))
    for quiz in content.quizzes:
        pages.append(_by_id(tp.key_uri(quiz), "the answer key", quiz.source, quiz.doc.line_of(("id",)), "quiz"))
    pages.append(Page(tp.KEYS_INDEX_URI, "the list of answer keys"))
    mou = layout.root / tp.MOU_SOURCE
    if mou.is_file() and mou.stat().st_size:  # the hook adds no page for an empty template
        pages.append(Page(tp.MOU_URI, f"the MOU template page made from {tp.MOU_SOURCE}"))
    for plan in content.plans:
        pages.append(_by_id(plan.page_uri, "the plan page", plan.source, 1, "plan"))
        pages.append(_by_id(plan.pack_uri, "the print pack", plan.source, 1, "plan"))
        pages.append(_by_id(tp.facilitator_pack_uri(plan), "the facilitator pack", plan.source, 1, "plan"))
    pages.append(Page(tp.INDEX_URI, "the training kit's index"))
    pages.append(Page(session_builder.PAGE_URI, "the session builder"))
    pages.append(Page(session_builder.PACK_URI, "the session builder's print pack"))
    return pages


def _by_id(uri: str, what: str, source: str, line: int, kind: str) -> Page:
    """A page named after an id in its source (a plan's line is not kept, so it is the file's first)."""
    return Page(uri, f"{what} made from {source}", source, line, "id", f"give the {kind} in {source} another id")


def docs_files(docs_dir: Path) -> list[str]:
    """The files MkDocs takes from the docs folder, as it names them: it follows folder links and
    leaves out names starting with '.' and the top-level templates/ folder (its default exclusions).

    Call it only after symlinks.link_problems found nothing: that is what makes the walk end.
    """
    if not docs_dir.is_dir():
        return []
    found = []
    for folder, folders, files in os.walk(docs_dir, followlinks=True):
        relative = Path(folder).relative_to(docs_dir).as_posix()
        relative = "" if relative == "." else relative + "/"
        folders[:] = sorted(f for f in folders if not f.startswith(".") and not (relative + f == "templates"))
        found += [relative + f for f in sorted(files) if not f.startswith(".")]
    return found


def destination(uri: str, directory_urls: bool = True) -> str:
    """The file in `site/` that MkDocs writes for `uri` (File.dest_uri)."""
    if not uri.endswith(PAGE_SUFFIXES):
        return uri
    parent, name = posixpath.split(uri)
    stem = posixpath.splitext(name)[0]
    stem = "index" if stem == "README" else stem
    if stem == "index" or not directory_urls:
        return posixpath.join(parent, stem + ".html")
    return posixpath.join(parent, stem, "index.html")


def address(destination_uri: str) -> str:
    """How a reader sees a destination: `/modules/x/` for modules/x/index.html."""
    if destination_uri == "index.html" or destination_uri.endswith("/index.html"):
        return "/" + destination_uri[: -len("index.html")]
    return "/" + destination_uri


def _index_first(uri: str) -> tuple:
    """MkDocs keeps a folder's index.md over its README.md, so the README is the one blamed."""
    folder, name = posixpath.split(uri)
    return folder, not name.startswith("index."), name


def clash_problems(content: Content, docs_dir: Path, directory_urls: bool = True) -> list[Problem]:
    """Each page that would land where another already does, blamed on the one easiest to move:
    the docs file before a page made from content, and that before a page the build always makes."""
    display = content.layout.display(docs_dir)
    docs = [Page(uri, f"{display}/{uri}", f"{display}/{uri}", fix=f"rename or remove {display}/{uri}", docs=True)
            for uri in sorted(docs_files(docs_dir), key=_index_first)]
    built = built_pages(content)
    order = [p for p in built if p.file is None] + [p for p in built if p.file is not None] + docs
    owners: dict[str, Page] = {}
    problems: dict[tuple[str, int, str], Problem] = {}
    for page in order:
        place = destination(page.uri, directory_urls)
        owner = owners.setdefault(place.casefold(), page)
        if owner is page:
            continue
        where = address(place)
        owner_place = destination(owner.uri, directory_urls)
        verb = "would be published at" if page.docs else "makes the page"
        if owner_place == place:
            what = f"{verb} {where}, where the build already puts {owner.label}"
        else:
            what = (f"{verb} {where}, which differs only in capital letters from {address(owner_place)}, where "
                    f"the build already puts {owner.label} (many servers and computers take the two for one)")
        file = page.file or page.label
        problems.setdefault((file, page.line, page.field), Problem(file, page.line, page.field, what, page.fix))
    return list(problems.values())
