"""Which section of its module teaches a quiz question: heading ids, and the check of `section:`.

A question may name the heading of its module that teaches it (`section: ask-for-a-stage-update`);
a learner who misses the question is linked there. The ids are those the toc extension gives the
module page's headings: its own slugify on the heading text, explicit `{#id}` attributes kept, and
repeats numbered `_1`, `_2` in page order. Rather than imitate that, the page's headings alone (the
title the page template adds, then the module's own) are run through Python-Markdown with the toc
extension, which is cheap and agrees with the built page by construction. Plain Python-Markdown,
no MkDocs: this runs while content is checked, before MkDocs writes anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

import markdown

from .modules import Module
from .problems import Problem
from .quizzes import Question, Quiz
from .yaml_source import field_name

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_NAMEABLE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # the schema's form for `section:` (no toc `_1` repeats)


@dataclass(frozen=True)
class Section:
    id: str
    title: str


def _heading_lines(text: str) -> Iterator[str]:
    """ATX headings outside fenced code, the only kind modules use (they start at `##`)."""
    fence = ""
    for line in text.splitlines():
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) \
                    and not line.strip().strip(fence[0]):
                fence = ""
        elif opened:
            fence = opened.group(1)
        elif _HEADING.match(line):
            yield line.strip()


@lru_cache(maxsize=None)
def _sections(title: str, body: str) -> tuple[Section, ...]:
    md = markdown.Markdown(extensions=["attr_list", "toc"])
    md.convert("\n\n".join(["# " + title, *_heading_lines(body)]))

    def walk(tokens):
        for token in tokens:
            yield Section(token["id"], token["name"])
            yield from walk(token["children"])

    return tuple(walk(md.toc_tokens))[1:]  # the first is the page title


def sections(module: Module) -> tuple[Section, ...]:
    """The module page's sections in order, as the built page will have them (the title left out)."""
    return _sections(module.title, module.body)


def section_of(module: Module, section_id: str) -> Section | None:
    return next((s for s in sections(module) if s.id == section_id), None)


def taught_in(question: Question, parent: Question | None = None) -> str:
    """A question's own section, else its scenario's; empty means the module page as a whole."""
    return question.section or (parent.section if parent else "")


def _with_parents(quiz: Quiz) -> Iterator[tuple[Question, Question | None]]:
    for question in quiz.questions:
        yield question, None
        for sub in question.questions:
            yield sub, question


def check_sections(quizzes: list[Quiz], modules: list[Module]) -> list[Problem]:
    """Every `section:` names a heading id of its quiz's module (a quiz with no such module is told elsewhere)."""
    by_id = {m.id: m for m in modules}
    problems = []
    for quiz in quizzes:
        module = by_id.get(quiz.module)
        if module is None:
            continue
        for question, _ in _with_parents(quiz):
            if question.section and section_of(module, question.section) is None:
                path = question.path + ("section",)
                known = [s.id for s in sections(module) if _NAMEABLE.match(s.id)]
                problems.append(Problem(quiz.source, quiz.doc.line_of(path), field_name(path),
                                        f"no heading '{question.section}' in {module.source}",
                                        "use one of: " + ", ".join(known) if known
                                        else f"give a heading of {module.source} an id such as {{#ask-early}}, "
                                        "or leave section out"))
    return problems


def study_links(quiz: Quiz, module: Module) -> dict[str, Section]:
    """Each scored question's place to read again: its section, or the module page (id '')."""
    whole = Section("", module.title)
    links = {}
    for question, parent in _with_parents(quiz):
        if question.type != "scenario":
            wanted = taught_in(question, parent)
            links[question.id] = (section_of(module, wanted) if wanted else None) or whole
    return links
