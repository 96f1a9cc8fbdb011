"""Quizzes: YAML files in `quizzes/`, checked in layers (syntax, schema, meaning) into a model."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import unsafe_html, yaml_links
from .problems import Problem
from .reference_data import load_yaml_file
from .yaml_source import YamlDoc, field_name

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
PROSE_FIELDS = ("title", "intro", "prompt", "text", "feedback", "explanation")


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    options: tuple[Option, ...] = ()
    explanation: str = ""
    covers: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    section: str = ""
    path: tuple = field(default=(), compare=False)

    @property
    def correct_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options if o.correct)


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    module: str
    pass_mark: int
    intro: str
    shuffle: bool
    questions: tuple[Question, ...]
    source: str
    doc: YamlDoc = field(repr=False, compare=False)

    @property
    def page_uri(self) -> str:
        return f"quizzes/{self.id}.md"

    def scored(self) -> Iterator[Question]:
        """The questions that earn a point: sub-questions of a scenario count one by one."""
        for question in self.questions:
            if question.type == "scenario":
                yield from question.questions
            else:
                yield question

    @property
    def covers(self) -> set[str]:
        return {code for q in self.scored() for code in q.covers}


def load_quiz(path: Path, display: str, schema: Path) -> tuple[Quiz | None, list[Problem]]:
    # check_html holds every quiz text to the stricter inline-only rule, with its own message
    doc, problems = load_yaml_file(path, display, schema, checked_elsewhere=lambda path: True)
    if doc is None:
        return None, problems
    problems = check_meaning(doc) + check_html(doc)
    problems = problems or yaml_links.localize(doc)  # after check_html, which reads links as written
    if problems:
        return None, problems
    data = doc.data
    return Quiz(
        id=data["id"],
        title=data["title"].strip(),
        module=data["module"],
        pass_mark=data["pass_mark"],
        intro=data.get("intro", "").strip(),
        shuffle=data.get("shuffle", False),
        questions=tuple(question_from_data(q, ("questions", i)) for i, q in enumerate(data["questions"])),
        source=display,
        doc=doc,
    ), []


def question_from_data(data: dict, path: tuple) -> Question:
    """A question of the model from its checked YAML: quizzes and the training check share it."""
    return Question(
        id=data["id"],
        type=data["type"],
        prompt=data["prompt"].strip(),
        options=tuple(Option(o["id"], o["text"].strip(), o["correct"], o["feedback"].strip())
                      for o in data.get("options", [])),
        explanation=data.get("explanation", "").strip(),
        covers=tuple(data.get("covers", [])),
        questions=tuple(question_from_data(q, path + ("questions", i)) for i, q in enumerate(data.get("questions", []))),
        section=data.get("section", ""),
        path=path,
    )


def _walk_questions(data: dict) -> Iterator[tuple[tuple, dict]]:
    for index, question in enumerate(data["questions"]):
        path = ("questions", index)
        yield path, question
        for sub_index, sub in enumerate(question.get("questions", [])):
            yield path + ("questions", sub_index), sub


def check_meaning(doc: YamlDoc) -> list[Problem]:
    """Rules the schema cannot say: how many options are correct, and ids unique in the quiz."""
    problems: list[Problem] = []

    def add(path: tuple, what: str, fix: str) -> None:
        problems.append(Problem(doc.display, doc.line_of(path), field_name(path), what, fix))

    first_use: dict[str, tuple] = {}
    for path, question in _walk_questions(doc.data):
        qid = question["id"]
        if qid in first_use:
            add(path + ("id",), f"'{qid}' is already used by {field_name(first_use[qid])}",
                "give each question its own id")
        else:
            first_use[qid] = path
        if question["type"] == "scenario":
            continue
        options = question["options"]
        correct = sum(1 for o in options if o["correct"])
        kind = question["type"]
        if kind in ("single", "true_false") and correct != 1:
            add(path + ("options",),
                f"exactly one option must be correct for a '{kind}' question, found {correct}",
                "mark one option correct: true" if correct == 0 else "mark only one option correct: true, the others false")
        if kind == "multiple" and correct == 0:
            add(path + ("options",), "at least one option must be correct for a 'multiple' question, found 0",
                "mark each right option correct: true")
        seen: dict[str, int] = {}
        for index, option in enumerate(options):
            if _BLANK_LINE.search(option["text"].strip()):
                add(path + ("options", index, "text"), "is more than one paragraph, but an option is shown as one line",
                    "write the option as one line; put anything longer in its feedback")
            if option["id"] in seen:
                add(path + ("options", index, "id"), f"'{option['id']}' is already used by options[{seen[option['id']]}]",
                    "give each option of a question its own id")
            else:
                seen[option["id"]] = index
    return problems


def check_html(doc: YamlDoc) -> list[Problem]:
    problems = []
    for path, text in unsafe_html.strings(doc.data):
        found = unsafe_html.find(text, inline_only=True)
        if found:
            problems.append(Problem(doc.display, doc.line_of(path), field_name(path), found.what, found.fix or (
                "remove it: quiz text is Markdown and may only use inline HTML such as "
                "<em> or <br>, never tags that run code, on* attributes or javascript: links")))
    return problems
