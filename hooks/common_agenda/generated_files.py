"""Add pages made from content files to MkDocs' file list, with edit links to their sources."""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit, urlunsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel


def add_generated(files: Files, config, uri: str, markdown: str, source: str | None, *,
                  in_nav: bool = True) -> File:
    """`source` is the repository path the page is made from (None for pages made from many).

    Pages reached from an index rather than the nav (handouts, answer keys, print packs) pass
    `in_nav=False`, so MkDocs does not warn that the nav leaves them out.
    """
    existing = files.get_file_from_path(uri)
    if existing is not None:
        made_from = f"the page made from {source}" if source else "a page the build makes"
        raise PluginError(f"docs/{uri}: clashes with {made_from} — rename or remove docs/{uri}")
    inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
    page = File.generated(config, uri, content=markdown, inclusion=inclusion)
    # Edit links are relative to the docs folder; sources live beside it.
    page.edit_uri = f"../{source}" if source else None
    files.append(page)
    return page


def tidy_edit_url(url: str | None) -> str | None:
    """Resolve '..' in an edit URL so the link names `modules/x.md`, not `docs/../modules/x.md`."""
    if not url:
        return url
    parts = urlsplit(url)
    path = posixpath.normpath(parts.path) if parts.path else parts.path
    return urlunsplit(parts._replace(path=path))
