"""Render checked quizzes as pages: one per quiz, and an index that shows the learner's progress."""

from __future__ import annotations

from .content import Content
from .quizzes import Quiz
from .render import render

INDEX_URI = "quizzes/index.md"


def page_markdown(quiz: Quiz, content: Content) -> str:
    return render("quiz_page.md.j2", quiz=quiz, module=content.module(quiz.module),
                  total=len(list(quiz.scored())))


def index_markdown(content: Content) -> str:
    return render("quiz_index.md.j2", quizzes=content.quizzes, modules={m.id: m for m in content.modules})
