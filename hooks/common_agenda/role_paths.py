"""Role paths: the modules for one audience, in teaching order, with the total time computed.

Membership comes from each module's `audiences`, order from the curriculum and time from each
module's `minutes`, so nothing here is typed twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from .content import Content
from .modules import Module
from .render import render

PATHS = {
    "police": ("paths/police.md", "Path for police officers"),
    "provider": ("paths/provider.md", "Path for service providers"),
}


@dataclass(frozen=True)
class RolePath:
    audience: str
    uri: str
    title: str
    modules: tuple[Module, ...]

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.modules)


def role_paths(content: Content) -> list[RolePath]:
    return [RolePath(audience, uri, title, tuple(m for m in content.modules if audience in m.audiences))
            for audience, (uri, title) in PATHS.items()]


def duration(minutes: int) -> str:
    """'4 h 35 min', '50 min', '2 h': how people say a length of time."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def page_markdown(path: RolePath, content: Content) -> str:
    return render("role_path.md.j2", path=path, duration=duration, quiz_for=content.quiz_for)
