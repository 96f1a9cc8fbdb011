"""Module sources and review dates: the generated Sources page and the review-age report.

Every module names its sources in front matter; the Sources page lists them all once (one entry per
address), and a module whose last review is more than 12 months old is reported at build time. The
report is information, not a build failure: an old review date is a job for an editor, not a broken
page.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from .modules import Module, Source
from .render import render

PAGE_URI = "sources.md"
REVIEW_MONTHS = 12


@dataclass(frozen=True)
class ListedSource:
    """One address on the Sources page, with every module that relies on it."""

    source: Source
    modules: tuple[tuple[Module, str], ...]  # (module, the point it supports there)

    @property
    def primary(self) -> bool:
        return self.source.primary


def listed_sources(modules: tuple[Module, ...]) -> list[ListedSource]:
    """All modules' sources, one per URL (the first title and publisher written win), sorted by
    publisher then title. A source is primary if any module marks it so."""
    firsts: dict[str, Source] = {}
    users: dict[str, list[tuple[Module, str]]] = {}
    primary: set[str] = set()
    for module in modules:
        for source in module.sources:
            key = source.url.rstrip("/")
            firsts.setdefault(key, source)
            if source.primary:
                primary.add(key)
            if all(m.id != module.id for m, _ in users.setdefault(key, [])):
                users[key].append((module, source.supports))
    listed = [ListedSource(Source(s.title, s.publisher, s.url, s.supports, key in primary), tuple(users[key]))
              for key, s in firsts.items()]
    return sorted(listed, key=lambda s: (s.source.publisher.lower(), s.source.title.lower()))


def page_markdown(modules: tuple[Module, ...]) -> str:
    listed = listed_sources(modules)
    return render("sources_page.md.j2", primary=[s for s in listed if s.primary],
                  other=[s for s in listed if not s.primary])


def review_due(reviewed: date) -> date:
    """The day a review made on `reviewed` runs out: the same date 12 months on (28 February for
    29 February)."""
    year = reviewed.year + REVIEW_MONTHS // 12
    return reviewed.replace(year=year, day=min(reviewed.day, calendar.monthrange(year, reviewed.month)[1]))


def overdue(modules: tuple[Module, ...], today: date) -> list[Module]:
    """Modules whose last review is more than 12 months before `today`, oldest first."""
    late = [m for m in modules if m.reviewed is not None and today > review_due(m.reviewed)]
    return sorted(late, key=lambda m: (m.reviewed, m.source))


def review_report(modules: tuple[Module, ...], today: date) -> str | None:
    """One line naming every module due for review, or None when all are current."""
    late = overdue(modules, today)
    if not late:
        return None
    listed = "; ".join(f"{m.source} (reviewed {m.reviewed.isoformat()})" for m in late)
    count = f"{len(late)} module{'s' if len(late) != 1 else ''}"
    return (f"Review due: {count} last reviewed more than {REVIEW_MONTHS} months ago: {listed} — "
            f"check each against its sources, then update 'reviewed:'")
