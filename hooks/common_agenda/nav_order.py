"""Place generated pages in the nav: one entry in mkdocs.yml stands for a whole list, in teaching order.

`modules/*.md` becomes the module pages and `quizzes/*.yml` the quiz pages, both in the order of
modules/curriculum.yml, so the order is written once.
"""

from __future__ import annotations

from typing import Any

from .content import Content

MODULES_MARKER = "modules/*.md"
QUIZZES_MARKER = "quizzes/*.yml"


def marker_pages(content: Content) -> dict[str, list[dict[str, str]]]:
    return {
        MODULES_MARKER: [{m.title: m.page_uri} for m in content.modules],
        QUIZZES_MARKER: [{q.title: q.page_uri} for q in content.quizzes],
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
