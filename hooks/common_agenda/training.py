"""Training-kit sources: activities, scenarios and the pre/post check (which reuses quiz questions)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .quizzes import Question, Quiz
from .reference_data import load_yaml_file
from .yaml_source import YamlDoc

@dataclass(frozen=True)
class Activity:
    id: str
    kind: str
    title: str
    minutes: int
    lead: str
    materials: tuple[str, ...]
    handouts: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Role:
    name: str
    side: str
    brief: str


@dataclass(frozen=True)
class Stage:
    title: str
    text: str
    prompts: tuple[str, ...]
    notes: str


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    summary: str
    minutes: int
    covers: tuple[str, ...]
    modules: tuple[str, ...]
    setting: str
    roles: tuple[Role, ...]
    stages: tuple[Stage, ...]
    debrief: tuple[str, ...]
    facilitator_notes: str
    source: str
    doc: YamlDoc

    @property
    def page_uri(self) -> str:
        return f"training/scenarios/{self.id}.md"

    @property
    def handout_uri(self) -> str:
        return f"training/handouts/{self.id}.md"


@dataclass(frozen=True)
class Check:
    title: str
    intro: str
    pass_mark: int
    refs: tuple[str, ...]
    source: str
    doc: YamlDoc


def load_activities(path: Path, display: str, schema: Path) -> tuple[dict[str, Activity], list[Problem]]:
    if not path.is_file():
        return {}, []
    doc, problems = load_yaml_file(path, display, schema)
    if doc is None:
        return {}, problems
    return {key: Activity(key, a["kind"], a["title"], a["minutes"], a["lead"], tuple(a.get("materials", [])),
                          tuple(a.get("handouts", [])), a["description"].strip())
            for key, a in doc.data.items()}, []


def load_scenario(path: Path, display: str, schema: Path) -> tuple[Scenario | None, list[Problem]]:
    doc, problems = load_yaml_file(path, display, schema)
    if doc is None:
        return None, problems
    d = doc.data
    return Scenario(
        id=d["id"], title=d["title"].strip(), summary=d["summary"].strip(), minutes=d["minutes"],
        covers=tuple(d["covers"]), modules=tuple(d.get("modules", [])), setting=d["setting"].strip(),
        roles=tuple(Role(r["name"], r["side"], r["brief"].strip()) for r in d["roles"]),
        stages=tuple(Stage(s["title"], s["text"].strip(), tuple(s["prompts"]), s.get("notes", "").strip())
                     for s in d["stages"]),
        debrief=tuple(d["debrief"]), facilitator_notes=d["facilitator_notes"].strip(), source=display, doc=doc,
    ), []


def load_check(path: Path, display: str, schema: Path) -> tuple[Check | None, list[Problem]]:
    if not path.is_file():
        return None, []
    doc, problems = load_yaml_file(path, display, schema)
    if doc is None:
        return None, problems
    d = doc.data
    return Check(d["title"].strip(), d.get("intro", "").strip(), d.get("pass_mark", 70), tuple(d["items"]),
                 display, doc), []


def resolve_check(check: Check, quizzes: tuple[Quiz, ...] | list[Quiz],
                  unreadable: set[str] = frozenset()) -> tuple[list[Question], list[Problem]]:
    """The check's questions, taken from the quizzes: one copy of each question, ever.

    References into a quiz file that failed on its own (`unreadable`, by file name) are skipped:
    that file's problems are already reported.
    """
    by_ref = {f"{quiz.id}/{q.id}": q for quiz in quizzes for q in quiz.scored()}
    parents = {f"{quiz.id}/{q.id}" for quiz in quizzes for q in quiz.questions if q.type == "scenario"}
    questions, problems = [], []
    for index, ref in enumerate(check.refs):
        if ref in by_ref:
            questions.append(by_ref[ref])
            continue
        if ref.split("/")[0] in unreadable:
            continue
        what = (f"'{ref}' is a scenario; name one of its sub-questions instead" if ref in parents
                else f"no quiz question is '{ref}'")
        problems.append(Problem(check.source, check.doc.line_of(("items", index)), f"items[{index}]", what,
                                "write <quiz id>/<question id> of a single, multiple or true_false question in quizzes/"))
    return questions, problems
