"""Place generated pages in the nav: one entry in mkdocs.yml stands for a whole list, in teaching order.

`modules/*.md` becomes the module pages and `quizzes/*.yml` the quiz pages, both in the order of
modules/curriculum.yml, so the order is written once; `training/plans/*.yml` lists the session
plans (shortest first), `training/scenarios/*.yml` the scenarios and `training/duties/*.yml` the
duties pages, one per place.
"""

from __future__ import annotations

from typing import Any

from .content import Content

MODULES_MARKER = "modules/*.md"
QUIZZES_MARKER = "quizzes/*.yml"
PLANS_MARKER = "training/plans/*.yml"
SCENARIOS_MARKER = "training/scenarios/*.yml"
DUTIES_MARKER = "training/duties/*.yml"


def marker_pages(content: Content) -> dict[str, list[dict[str, str]]]:
    return {
        MODULES_MARKER: [{m.title: m.page_uri} for m in content.modules],
        QUIZZES_MARKER: [{q.title: q.page_uri} for q in content.quizzes],
        PLANS_MARKER: [{p.title: p.page_uri} for p in content.plans],
        SCENARIOS_MARKER: [{s.title: s.page_uri} for s in content.scenarios],
        DUTIES_MARKER: [{d.title: d.page_uri} for d in content.duties],
    }


def expand(nav: list[Any] | None, content: Content) -> tuple[list[Any] | None, set[str]]:
    """Return the nav with every marker replaced, and the set of markers found."""
    if nav is None:
        return None, set()
    pages = marker_pages(content)
    found: set[str] = set()

    def walk(items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            if isinstance(item, str) and item in pages:
                found.add(item)
                out.extend(pages[item])
            elif isinstance(item, dict):
                new = {}
                for title, value in item.items():
                    if isinstance(value, str) and value in pages:
                        found.add(value)
                        new[title] = list(pages[value])
                    elif isinstance(value, list):
                        new[title] = walk(value)
                    else:
                        new[title] = value
                out.append(new)
            else:
                out.append(item)
        return out

    return walk(nav), found
