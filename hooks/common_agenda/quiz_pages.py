"""Render checked quizzes as pages: one per quiz, and an index that shows the learner's progress."""

from __future__ import annotations

from .content import Content
from .quiz_form import MARKER, QuizForm
from .quiz_sections import study_links
from .quizzes import Quiz
from .render import render

INDEX_URI = "quizzes/index.md"


def form(quiz: Quiz) -> QuizForm:
    return QuizForm(quiz, total=len(list(quiz.scored())))


def page_markdown(form: QuizForm, content: Content) -> str:
    """`study` links each question to the module section that teaches it, for review after a miss."""
    module = content.module(form.quiz.module)
    return render("quiz_page.md.j2", quiz=form.quiz, module=module, total=form.total, marker=MARKER,
                  study=study_links(form.quiz, module, content.markdown))


def index_markdown(content: Content) -> str:
    return render("quiz_index.md.j2", quizzes=content.quizzes, modules={m.id: m for m in content.modules})
