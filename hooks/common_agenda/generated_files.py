"""Add pages made from content files to MkDocs' file list, with edit links to their sources."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from . import link_targets
from .engine import plugin_errors
from .site_state import content_of, project_root
from .yaml_links import START


@plugin_errors
def add_generated(files: Files, config, uri: str, markdown: str, source: str | None, *,
                  in_nav: bool = True) -> File:
    """`source` is the repository path the page is made from (None for pages made from many).

    Links written in YAML text reach here marked (yaml_links.py) and leave relative to `uri`;
    placing them reads the role paths, which stop the build when wrong (hooks/role_paths.py stops it first).

    Pages reached from an index rather than the nav (handouts, answer keys, print packs) pass
    `in_nav=False`, so MkDocs does not warn that the nav leaves them out.
    """
    existing = files.get_file_from_path(uri)
    if existing is not None:
        made_from = f"the page made from {source}" if source else "a page the build makes"
        raise PluginError(f"docs/{uri}: clashes with {made_from} — rename or remove docs/{uri}")
    inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
    if START in markdown:
        markdown = link_targets.place(markdown, uri, content_of(config), docs_folder(config))
    page = File.generated(config, uri, content=markdown, inclusion=inclusion)
    # Edit links are relative to the docs folder; sources live beside it.
    page.edit_uri = f"../{source}" if source else None
    files.append(page)
    return page


def docs_folder(config) -> Path:
    """The configured docs folder, named from the project root as the content loader names every path."""
    relative = os.path.relpath(config.docs_dir, os.path.dirname(config.config_file_path))
    return Path(os.path.normpath(project_root(config) / relative))


def tidy_edit_url(url: str | None) -> str | None:
    """Resolve '..' in an edit URL so the link names `modules/x.md`, not `docs/../modules/x.md`."""
    if not url:
        return url
    parts = urlsplit(url)
    path = posixpath.normpath(parts.path) if parts.path else parts.path
    return urlunsplit(parts._replace(path=path))
