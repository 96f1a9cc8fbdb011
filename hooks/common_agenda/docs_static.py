"""The files in the docs folder that are not pages: only kinds that cannot run script (issue 13).

MkDocs copies every file in docs/ that is not a Markdown page into site/ exactly as it is, past
every check that pages get. A red team published `docs/extra.html` with an inline script (which
ran, and whose hash went into every page's policy), `docs/moved.html` with a meta refresh that sent
readers elsewhere, and `docs/assets/d.svg` whose <script> ran when the picture was opened. So only
a short list of kinds may sit beside the pages: stylesheets and scripts where the site keeps its
own (docs/assets/, docs/vendor/), raster pictures, PDF, plain text and CSV, and the NOTICE and
LICENSE files of vendored code. Anything else is a located problem with what to use instead.
Extensions are compared without regard to capital letters, as many servers choose a type by them.
"""

from __future__ import annotations

import posixpath

from .page_paths import PAGE_SUFFIXES
from .problems import Problem

CODE_FOLDERS = ("assets/", "vendor/")   # where the site's own stylesheets and scripts live
CODE = (".css", ".js")
PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico")
DOCUMENTS = (".pdf", ".txt", ".csv")
VENDOR_NOTES = ("NOTICE", "LICENSE")    # exact names, in docs/vendor/ only
ALLOWED = ", ".join(PICTURES + DOCUMENTS)

# Kinds a browser runs script in when the file is opened, with what to use instead.
ACTIVE = {
    (".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml"):
        ("is published as it is, outside every check, and a browser runs the script or redirect an HTML file carries",
         "convert it to a Markdown page ({stem}.md)"),
    (".svg", ".svgz"):
        ("is published as it is, and an SVG picture can carry script that runs when it is opened",
         "use a PNG instead of SVG"),
    (".xml", ".xsl", ".xslt", ".rss", ".atom"):
        ("is published as it is, and a browser can run script in an XML file or its stylesheet",
         "convert it to a Markdown page ({stem}.md), or remove it"),
}


def problems(uris: list[str], display: str) -> list[Problem]:
    """One problem for each file of the docs folder (as page_paths.docs_files lists them) that may
    not be published. `display` names the docs folder in messages, e.g. docs."""
    found = []
    for uri in uris:
        refused = _refused(uri, display)
        if refused:
            found.append(Problem(_shown(f"{display}/{uri}"), 1, "file", *refused))
    return found


def _refused(uri: str, display: str) -> tuple[str, str] | None:
    """What is wrong with publishing `uri` and what to do instead, or None when it may be published."""
    name = posixpath.basename(uri)
    suffix = posixpath.splitext(name)[1]
    kind = suffix.lower()
    if uri.endswith(PAGE_SUFFIXES) or kind in PICTURES + DOCUMENTS:
        return None
    if kind in PAGE_SUFFIXES:  # MkDocs takes only lower-case suffixes for pages
        return (f"is not read as a page: MkDocs knows only the lower-case '{kind}', so it would be published as raw text",
                f"rename it to end in '{kind}'")
    folders = f"{display}/{CODE_FOLDERS[0]} and {display}/{CODE_FOLDERS[1]}"
    if kind in CODE:
        if uri.startswith(CODE_FOLDERS):
            return None
        return (f"is a {'script' if kind == '.js' else 'stylesheet'} outside {folders}",
                f"keep the site's own scripts and stylesheets in {display}/{CODE_FOLDERS[0]}, or remove it")
    if name in VENDOR_NOTES and uri.startswith("vendor/"):
        return None
    for kinds, (what, fix) in ACTIVE.items():
        if kind in kinds:
            return what, fix.replace("{stem}", _shown(f"{display}/{posixpath.splitext(uri)[0]}"))
    shown = f"'{_shown(suffix)}'" if suffix else "no extension"
    return (f"is a kind of file the site does not publish ({shown}): besides Markdown pages, {display}/ holds only "
            f"pictures, documents, and scripts and stylesheets in {folders}",
            f"use one of {ALLOWED}, or remove it")


def _shown(text: str) -> str:
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
