"""Render the joint-training kit: plans, scenarios, handouts, checks, answer keys and print packs.

Every page is made from the checked model; handouts reuse the same renderers as the pages they
come from, so a print pack is never a second copy to keep in step.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace

from markupsafe import Markup, escape

from . import evaluation
from .content import Content
from .local_settings import Local
from .plans import LEADS, Plan, clock
from .quiz_form import MARKER, QuizForm
from .quizzes import Question, Quiz
from .render import render
from .role_paths import duration
from .training import Scenario

INDEX_URI = "training/index.md"
CHECK_URI = "training/check.md"
CHECK_SHEET_URI = "training/check-sheet.md"
CHECK_KEY_URI = "training/check-key.md"
KEYS_INDEX_URI = "training/answer-keys/index.md"
MOU_URI = "training/mou-template.md"
MOU_SOURCE = "training/mou-template.md"
LOCAL_URI = "local-contacts.md"
EVALUATION_URI = evaluation.PAGE_URI
BRIEF_URI = "first-meeting.md"
GUIDE_URI = "training/facilitator-guide.md"

HANDOUTS = {
    "first-meeting": ("Before your first meeting (brief)", BRIEF_URI),
    "check": ("Training check: question sheet", CHECK_SHEET_URI),
    "evaluation": ("Evaluation form", EVALUATION_URI),
    "mou-template": ("MOU and information-sharing template", MOU_URI),
}


def key_uri(quiz: Quiz) -> str:
    return f"training/answer-keys/{quiz.id}.md"


def link(from_uri: str, to_uri: str) -> str:
    """A relative Markdown link target between two docs files, so MkDocs can check it."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def placeholder_or(local: Local, key: str) -> Markup:
    """A local value, or a visibly marked placeholder that says where to set it."""
    if local.is_placeholder(key):
        return Markup('<mark class="ca-placeholder" title="Set this in local.yml">[{}]</mark>').format(local.names[key])
    return escape(local.names[key])


_PLACEHOLDER = re.compile(r"\{\{\s*(agency|partner|region)\s*\}\}")


def fill_placeholders(markdown: str, local: Local) -> str:
    return _PLACEHOLDER.sub(lambda m: str(placeholder_or(local, m.group(1))), markdown)


def _always(uri: str) -> bool:
    return True


def _context(content: Content, uri: str, exists=_always) -> dict:
    """What every kit template may use; `exists(uri)` lets a page link to optional pages only if present."""
    return {"content": content, "here": uri, "rel": lambda to: link(uri, to), "duration": duration, "exists": exists,
            "clock": clock, "leads": LEADS, "handouts": HANDOUTS, "local": content.local,
            "placeholder": lambda key: placeholder_or(content.local, key), "key_uri": key_uri}


def plan_page(plan: Plan, content: Content, exists=_always) -> str:
    return render("plan_page.md.j2", plan=plan, **_context(content, plan.page_uri, exists))


def scenario_page(scenario: Scenario, content: Content, *, facilitator: bool) -> str:
    uri = scenario.page_uri if facilitator else scenario.handout_uri
    return render("scenario_page.md.j2", scenario=scenario, facilitator=facilitator, **_context(content, uri))


def check_form(content: Content) -> QuizForm:
    """The check as a quiz form: its questions are the quizzes' own, with ids made unique."""
    check = content.check
    questions = tuple(replace(q, id=f"check-{index + 1}-{q.id}") for index, q in enumerate(content.check_questions))
    quiz = Quiz("training-check", check.title, "", check.pass_mark, check.intro, False, questions, check.source, check.doc)
    return QuizForm(quiz, total=len(questions))


def check_page(form: QuizForm) -> str:
    return render("quiz_page.md.j2", quiz=form.quiz, module=None, total=form.total, marker=MARKER,
                  index_link=link(CHECK_URI, "quizzes/index.md"))


def check_sheet(content: Content, uri: str = CHECK_SHEET_URI) -> str:
    return render("question_sheet.md.j2", title=content.check.title, intro=content.check.intro,
                  questions=content.check_questions, **_context(content, uri))


def answer_key(title: str, questions: list[Question] | tuple[Question, ...], content: Content, uri: str,
               source_link: str | None = None) -> str:
    return render("answer_key.md.j2", title=title, questions=questions, source_link=source_link,
                  **_context(content, uri))


def check_key(content: Content) -> str:
    return answer_key(f"Answer key: {content.check.title}", content.check_questions, content, CHECK_KEY_URI)


def quiz_key(quiz: Quiz, content: Content) -> str:
    uri = key_uri(quiz)
    return answer_key(f"Answer key: {quiz.title}", quiz.questions, content, uri, link(uri, quiz.page_uri))


def keys_index(content: Content) -> str:
    return render("answer_keys_index.md.j2", **_context(content, KEYS_INDEX_URI))


def mou_page(template_markdown: str, content: Content) -> str:
    return fill_placeholders(template_markdown, content.local)


def local_contacts_page(content: Content, exists=_always) -> str:
    return render("local_contacts.md.j2", **_context(content, LOCAL_URI, exists))


def local_brief_block(content: Content, uri: str) -> str:
    """The short local-contacts block added to the end of the first-meeting brief."""
    return render("local_brief.md.j2", **_context(content, uri))


def training_index(content: Content, exists=_always) -> str:
    return render("training_index.md.j2", **_context(content, INDEX_URI, exists))


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_HEADING = re.compile(r"^(#{1,5}) ", re.M)
_LINK = re.compile(r"(\]\()([^)\s#:]+\.md)([#)])")


def embeddable(markdown: str, from_uri: str, to_uri: str) -> str:
    """A page's Markdown made fit to sit inside another page: no front matter, headings one level
    down, and relative links rebased from where it was written to where it now stands."""
    markdown = _FRONT_MATTER.sub("", markdown, count=1)
    markdown = _HEADING.sub(lambda m: "#" + m.group(1) + " ", markdown)
    from_dir = posixpath.dirname(from_uri)
    return _LINK.sub(lambda m: m.group(1) + link(to_uri, posixpath.normpath(posixpath.join(from_dir, m.group(2))))
                     + m.group(3), markdown)


def print_pack(plan: Plan, content: Content, sections: dict[tuple[str, str], tuple[str, str]], exists=_always) -> str:
    """The agenda, then every handout the plan uses, each starting on a new page.

    `sections` maps (kind, ref) from `plan.handout_order()` to (the handout's docs path, its Markdown).
    """
    parts = [(key, embeddable(sections[key][1], sections[key][0], plan.pack_uri))
             for key in plan.handout_order() if key in sections]
    return render("print_pack.md.j2", plan=plan, parts=parts, **_context(content, plan.pack_uri, exists))
