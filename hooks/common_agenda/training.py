"""Training-kit sources: activities, scenarios and the pre/post check (a pool of its own questions)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import yaml_links
from .problems import Problem
from .quizzes import Question, check_html, check_meaning, question_from_data
from .reference_data import load_yaml_file
from .yaml_source import YamlDoc, field_name

if TYPE_CHECKING:
    from .plans import Plan


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
class CheckItem:
    """One question of the check's own pool and the module that teaches it."""

    question: Question
    module: str


@dataclass(frozen=True)
class Check:
    """The pre/post check: a pool of its own questions (never copies of quiz questions), each
    tied to a module, so a session plan's check can hold only what that plan teaches."""

    title: str
    intro: str
    items: tuple[CheckItem, ...]
    source: str
    doc: YamlDoc

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(item.question for item in self.items)


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
    """Checked like a quiz: its schema, then the quizzes' own meaning and HTML rules (one right
    option for single and true_false, unique ids, no code in any text)."""
    if not path.is_file():
        return None, []
    doc, problems = load_yaml_file(path, display, schema, checked_elsewhere=lambda path: True)
    if doc is None:
        return None, problems
    problems = check_meaning(doc) + check_html(doc)
    problems = problems or yaml_links.localize(doc)  # after check_html, which reads links as written
    if problems:
        return None, problems
    d = doc.data
    items = tuple(CheckItem(question_from_data(q, ("questions", i)), q["module"]) for i, q in enumerate(d["questions"]))
    return Check(d["title"].strip(), d.get("intro", "").strip(), items, display, doc), []


def check_references(check: Check, module_ids: set[str], points: dict, unreadable_modules: set[str] = frozenset()
                     ) -> list[Problem]:
    """Each question names a module that exists and source points that exist. A module whose
    file failed on its own (`unreadable_modules`) is not reported again."""
    problems = []
    known = ", ".join(sorted(module_ids))
    for item in check.items:
        path = item.question.path
        if item.module not in module_ids and item.module not in unreadable_modules:
            problems.append(Problem(check.source, check.doc.line_of(path + ("module",)), field_name(path + ("module",)),
                                    f"no module has the id '{item.module}'",
                                    f"name the module that teaches this question: {known}"))
        for index, code in enumerate(item.question.covers):
            if points and code not in points:
                where = path + ("covers", index)
                problems.append(Problem(check.source, check.doc.line_of(where), field_name(where),
                                        f"'{code}' is not a source point",
                                        "use a code listed in modules/source-points.yml: " + ", ".join(points)))
    return problems


def taught_modules(plan: Plan) -> list[str]:
    """The modules a plan teaches, in the order it reaches them: its module blocks, and the
    `modules:` of its scenario blocks."""
    found: list[str] = []
    for block in plan.blocks:
        ids = [block.module.id] if block.module else list(block.scenario.modules) if block.scenario else []
        found += [i for i in ids if i not in found]
    return found


SHORT_SESSION = 90  # minutes; builder.js keeps the same rule


def checked_modules(plan: Plan) -> list[str]:
    """The modules a plan's check asks about. A session of at most 90 minutes asks only about its
    module blocks: the modules its scenario touches would make a check of twelve questions, more
    than a room answers twice in the ten minutes such a session can give checks and forms."""
    if plan.total <= SHORT_SESSION:
        return [b.module.id for b in plan.blocks if b.module]
    return taught_modules(plan)


def plan_check(check: Check, plan: Plan) -> tuple[CheckItem, ...]:
    """A plan's check covers what that plan teaches (see checked_modules), in the pool's order."""
    taught = set(checked_modules(plan))
    return tuple(item for item in check.items if item.module in taught)
