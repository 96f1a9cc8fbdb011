"""Turn checked modules into generated MkDocs pages whose edit links point at their sources."""

from __future__ import annotations

from .content import Content
from .modules import Module
from .render import render


def page_markdown(module: Module, content: Content) -> str:
    return render("module_page.md.j2", module=module, source_points=content.source_points,
                  quiz=content.quiz_for(module.id), local_note=content.local.module_notes.get(module.id))
