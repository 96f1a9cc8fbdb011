"""The "My progress" page: every module in teaching order, with its time and quiz, for
`docs/assets/progress.js` to fill in from what this browser saved (modules marked read, quizzes
passed and when). The page is the same for everyone; nothing about a learner reaches a server.
"""

from __future__ import annotations

from .content import Content
from .render import render
from .role_paths import duration

PAGE_URI = "progress.md"

# A quiz passed longer ago than this is due for a refresher (progress.js uses the same number,
# written into the page so the two cannot disagree).
REFRESH_AFTER_DAYS = 90


def page_markdown(content: Content) -> str:
    rows = [(m, content.quiz_for(m.id)) for m in content.modules]
    return render("progress_page.md.j2", rows=rows, duration=duration, refresh_days=REFRESH_AFTER_DAYS)
