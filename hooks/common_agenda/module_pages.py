"""Turn checked modules into generated MkDocs pages whose edit links point at their sources."""

from __future__ import annotations

import json

from .content import Content
from .modules import Module
from .render import render


def page_markdown(module: Module, content: Content) -> str:
    markdown = render("module_page.md.j2", module=module, source_points=content.source_points,
                      quiz=content.quiz_for(module.id), local_note=content.local.module_notes.get(module.id))
    return page_meta(module) + markdown


def page_meta(module: Module) -> str:
    """Front matter for the generated page: only the `search:` setting (a boost) passes through to
    Material's search plugin; the rest of the module's front matter is already in the page."""
    search = module.front.data.get("search")
    return f"---\nsearch: {json.dumps(search)}\n---\n\n" if search else ""
