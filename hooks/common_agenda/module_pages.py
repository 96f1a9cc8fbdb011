"""Turn checked modules into generated MkDocs pages placed in the nav in teaching order."""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .content import Content
from .modules import Module
from .render import render

NAV_MARKER = "modules/curriculum.yml"


def page_markdown(module: Module, content: Content) -> str:
    return render("module_page.md.j2", module=module, source_points=content.source_points)


def expand_nav(nav: list[Any] | None, content: Content) -> tuple[list[Any] | None, bool]:
    """Replace the nav entry `modules/curriculum.yml` with the module pages in teaching order.

    Returns the new nav and whether the marker was found, so the caller can tell the author.
    """
    if nav is None:
        return None, False
    pages = [{m.title: m.page_uri} for m in content.modules]
    found = False

    def walk(items: list[Any]) -> list[Any]:
        nonlocal found
        out: list[Any] = []
        for item in items:
            if item == NAV_MARKER:
                found = True
                out.extend(pages)
            elif isinstance(item, dict):
                new = {}
                for title, value in item.items():
                    if value == NAV_MARKER:
                        found = True
                        new[title] = list(pages)
                    elif isinstance(value, list):
                        new[title] = walk(value)
                    else:
                        new[title] = value
                out.append(new)
            else:
                out.append(item)
        return out

    return walk(nav), found


def repo_relative_edit_uri(source: str) -> str:
    """Edit links are relative to the docs folder; modules live beside it."""
    return f"../{source}"


def tidy_url(url: str | None) -> str | None:
    """Resolve '..' in an edit URL so the link names `modules/x.md`, not `docs/../modules/x.md`."""
    if not url:
        return url
    parts = urlsplit(url)
    path = posixpath.normpath(parts.path) if parts.path else parts.path
    return urlunsplit(parts._replace(path=path))
