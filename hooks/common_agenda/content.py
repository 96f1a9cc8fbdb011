"""Load every content file of a project, check it in layers, and return one model of the site.

Layers: each file on its own (syntax, then schema), then the links between files. All problems
are gathered first and raised once, so an author fixes everything in one pass.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import item_lint
from .duties import DutiesPage, duty_files, load_duties
from .evaluation import SOURCE as EVALUATION_SOURCE
from .evaluation import Evaluation, load_evaluation
from .glossary import Term, load_glossary
from .local_settings import DEFAULTS, Local, load_local
from .module_scripts import ModuleScript, check_scripts, load_script, script_files
from .modules import Module, load_module
from .plans import Plan, build_plan, load_plan
from .problems import Problem, stop_if_any
from .quiz_sections import SITE_MARKDOWN, MarkdownSetup, check_sections
from .quizzes import Question, Quiz, load_quiz
from .reference_data import SourcePoint, load_curriculum, load_source_points
from .training import Activity, Check, Scenario, check_references, load_activities, load_check, load_scenario, plan_check
from .yaml_source import YamlDoc, field_name

LOCAL_ENV = "COMMON_AGENDA_LOCAL"  # an agency's settings file in place of local.yml
# An agency file's name becomes its site folder (sites/<name>/), its offline zip and its address on
# the published host (publish.yml allows the same): '.yml' alone would make the folder sites/ itself.
AGENCY_FILE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\.yml")


@dataclass(frozen=True)
class Layout:
    """Where a project keeps its sources; paths in messages are relative to `root`."""

    root: Path

    @property
    def modules_dir(self) -> Path:
        return self.root / "modules"

    @property
    def quizzes_dir(self) -> Path:
        return self.root / "quizzes"

    @property
    def training_dir(self) -> Path:
        return self.root / "training"

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"

    def schema(self, name: str) -> Path:
        return self.schemas_dir / f"{name}.schema.json"

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass(frozen=True)
class Content:
    layout: Layout
    modules: tuple[Module, ...]
    source_points: dict[str, SourcePoint]
    quizzes: tuple[Quiz, ...] = ()
    glossary: tuple[Term, ...] = ()
    activities: dict[str, Activity] = field(default_factory=dict)
    scenarios: tuple[Scenario, ...] = ()
    check: Check | None = None
    check_questions: tuple[Question, ...] = ()  # the check's own pool, as questions
    plans: tuple[Plan, ...] = ()
    local: Local = DEFAULTS
    evaluation: Evaluation | None = None
    duties: tuple[DutiesPage, ...] = ()  # one page per training/duties/<place>.yml
    scripts: dict[str, ModuleScript] = field(default_factory=dict)  # facilitator scripts, by module id
    markdown: MarkdownSetup = SITE_MARKDOWN

    def scenario(self, scenario_id: str) -> Scenario:
        return next(s for s in self.scenarios if s.id == scenario_id)

    def module(self, module_id: str) -> Module:
        return next(m for m in self.modules if m.id == module_id)

    def quiz_for(self, module_id: str) -> Quiz | None:
        return next((q for q in self.quizzes if q.module == module_id), None)

    def script_for(self, module_id: str) -> ModuleScript | None:
        return self.scripts.get(module_id)


def module_files(layout: Layout) -> list[Path]:
    """Every Markdown file in modules/ is a module; a README there is for people browsing the repo."""
    return sorted(p for p in layout.modules_dir.glob("*.md") if p.name.lower() != "readme.md")


def load_content(root: Path, lint_items: bool = True, markdown: MarkdownSetup = SITE_MARKDOWN,
                 local: str | None = None) -> Content:
    """`lint_items=False` skips the item-writing rules, for `make lint`, which reports them itself;
    `markdown` is the site's Markdown setup, which decides the heading ids `section:` may name;
    `local` names the settings file as COMMON_AGENDA_LOCAL does (None: read the variable)."""
    layout = Layout(root)
    problems: list[Problem] = []

    points_path = layout.modules_dir / "source-points.yml"
    points, _, found = load_source_points(points_path, layout.display(points_path), layout.schema("source-points"))
    problems += found

    order_path = layout.modules_dir / "curriculum.yml"
    order, order_doc, found = load_curriculum(order_path, layout.display(order_path), layout.schema("curriculum"))
    problems += found

    modules: list[Module] = []
    unreadable: set[str] = set()
    for path in module_files(layout):
        module, found = load_module(path, layout.display(path), layout.schema("module"))
        problems += found
        if module:
            modules.append(module)
        else:
            unreadable.add(path.stem)
    if not module_files(layout):
        problems.append(Problem(layout.display(layout.modules_dir), 1, "modules", "has no module files",
                                "add at least one modules/<slug>.md (see README: Adding a module)"))

    glossary_path = layout.modules_dir / "glossary.yml"
    glossary, found = load_glossary(glossary_path, layout.display(glossary_path), layout.schema("glossary"),
                                    {m.id for m in modules}, unreadable)
    problems += found

    quizzes: list[Quiz] = []
    for path in sorted(layout.quizzes_dir.glob("*.yml")) + sorted(layout.quizzes_dir.glob("*.yaml")):
        quiz, found = load_quiz(path, layout.display(path), layout.schema("quiz"))
        problems += found
        if quiz:
            quizzes.append(quiz)

    problems += _check_ids(modules)
    if points:
        problems += _check_covers(modules, points, layout.display(points_path))
        problems += _check_quiz_covers(quizzes, points, layout.display(points_path))
    problems += _check_quizzes(quizzes, modules, unreadable)
    if order_doc is not None:
        problems += _check_order(modules, order, order_doc, layout.display(order_path), unreadable)

    training = _load_training(layout, modules, points, unreadable)
    problems += check_sections(quizzes, modules, markdown, training["check"])
    problems += training.pop("problems")
    local_path, found = local_settings_file(layout, local)
    problems += found
    local, local_doc, found = load_local(local_path, layout.display(local_path), layout.schema("local"))
    problems += found
    if local_doc is not None:
        ids = {m.id for m in modules}
        problems += [Problem(local.source, local_doc.line_of(("module_notes", key)), f"module_notes.{key}",
                             f"no module has the id '{key}'", "use a module id: " + ", ".join(sorted(ids)))
                     for key in local.module_notes if key not in ids and key not in unreadable]
    duties: list[DutiesPage] = []
    for path in duty_files(layout.training_dir):
        page, found = load_duties(path, layout.display(path), layout.schema("duties"))
        problems += found
        if page:
            duties.append(page)
    if lint_items and not problems:
        problems += lint_report(quizzes, training["check"], training["check_questions"], training["plans"]).problems
    stop_if_any(problems)

    by_id = {m.id: m for m in modules}
    position = {module_id: index for index, module_id in enumerate(order)}
    quizzes.sort(key=lambda q: (position[q.module], q.id))
    return Content(layout, tuple(by_id[i] for i in order), points, tuple(quizzes), glossary, local=local,
                   duties=tuple(duties), markdown=markdown, **training)


def agency_name_problem(layout: Layout, path: Path) -> Problem:
    return Problem(layout.display(path), 1, "file name",
                   f"'{path.name}' cannot name an agency's site: its name becomes the folder sites/<name>/ and the "
                   "site's address", "rename it to lowercase letters, digits and hyphens ending in .yml, "
                   "e.g. agencies/harbor-city.yml")


def local_settings_file(layout: Layout, named: str | None = None) -> tuple[Path, list[Problem]]:
    """local.yml, or the agency file COMMON_AGENDA_LOCAL names (from the project root), so one checkout
    builds each partnership's site (`make build LOCAL=agencies/<name>.yml`). A named file must exist:
    falling back to local.yml or to blanks would publish one agency's site with another's contacts."""
    named = os.environ.get(LOCAL_ENV, "") if named is None else named
    if not named:
        return layout.root / "local.yml", []
    path = layout.root / named
    if not AGENCY_FILE.fullmatch(path.name):
        return path, [agency_name_problem(layout, path)]
    if not path.is_file():
        return path, [Problem(layout.display(path), 1, "file", f"does not exist ({LOCAL_ENV}={named}, as LOCAL= sets it)",
                              "name an agency file from the project root, e.g. LOCAL=agencies/exampleton.yml")]
    if not path.resolve().is_relative_to(layout.root.resolve()):  # as symlinks.py refuses for local.yml
        return path, [Problem(layout.display(path), 1, "file", "is outside the project, or a symbolic link that leads there",
                              "put the agency's file itself in the project, e.g. agencies/<name>.yml")]
    return path, []


def lint_report(quizzes, check: Check | None, check_questions, plans) -> item_lint.Report:
    """The item-writing rules over every quiz, the check's pool and each plan's part of it."""
    parts = [(plan.id, [item.question for item in plan_check(check, plan)]) for plan in plans] if check else []
    return item_lint.lint(quizzes, check, check_questions, parts)


def _load_training(layout: Layout, modules: list[Module], points: dict[str, SourcePoint],
                   unreadable_modules: set[str] = frozenset()) -> dict:
    """The training kit: activities, scenarios, the check and the plans that draw on them all.

    A reference to a file that failed on its own (`unreadable_*`, by file name) is not reported
    again: its own problems already are, and "no module has the id" would mislead.
    """
    problems: list[Problem] = []
    base = layout.training_dir
    activities, found = load_activities(base / "activities.yml", layout.display(base / "activities.yml"),
                                        layout.schema("activities"))
    problems += found
    activities_unreadable = bool(found)

    scenarios: list[Scenario] = []
    unreadable_scenarios: set[str] = set()
    for path in sorted((base / "scenarios").glob("*.yml")):
        scenario, found = load_scenario(path, layout.display(path), layout.schema("scenario"))
        problems += found
        if scenario:
            scenarios.append(scenario)
        else:
            unreadable_scenarios.add(path.stem)
    module_ids = {m.id for m in modules}
    seen: dict[str, Scenario] = {}
    for scenario in scenarios:
        if scenario.id in seen:
            problems.append(Problem(scenario.source, scenario.doc.line_of(("id",)), "id",
                                    f"'{scenario.id}' is already the id of {seen[scenario.id].source}",
                                    "give each scenario its own id"))
        seen.setdefault(scenario.id, scenario)
        for index, code in enumerate(scenario.covers):
            if points and code not in points:
                problems.append(Problem(scenario.source, scenario.doc.line_of(("covers", index)), f"covers[{index}]",
                                        f"'{code}' is not a source point", "use a code listed in modules/source-points.yml"))
        for index, module_id in enumerate(scenario.modules):
            if module_id not in module_ids and module_id not in unreadable_modules:
                problems.append(Problem(scenario.source, scenario.doc.line_of(("modules", index)), f"modules[{index}]",
                                        f"no module has the id '{module_id}'",
                                        "use a module id: " + ", ".join(sorted(module_ids))))

    check_path = base / "checks.yml"
    check, found = load_check(check_path, layout.display(check_path), layout.schema("checks"))
    problems += found
    check_questions: tuple[Question, ...] = ()
    if check:
        problems += check_references(check, module_ids, points, unreadable_modules)
        check_questions = check.questions

    plans: list[Plan] = []
    by_module = {m.id: m for m in modules}
    loaded: list[ModuleScript] = []
    for path in script_files(base):
        script, found = load_script(path, layout.display(path), layout.schema("module-script"))
        problems += found
        loaded += [script] if script else []
    scripts, found = check_scripts(loaded, by_module, unreadable_modules)
    problems += found
    by_scenario = {s.id: s for s in scenarios}
    plan_ids: dict[str, str] = {}
    for path in sorted((base / "plans").glob("*.yml")):
        doc, found = load_plan(path, layout.display(path), layout.schema("plan"))
        problems += found
        if doc is None:
            continue
        unreadable = {"module": unreadable_modules, "scenario": unreadable_scenarios}
        plan, found = build_plan(doc, by_module, by_scenario, activities,
                                 lambda kind, ref, unreadable=unreadable: activities_unreadable if kind == "activity" else ref in unreadable[kind])
        problems += found
        if plan is None:
            continue
        if plan.id in plan_ids:
            problems.append(Problem(plan.source, doc.line_of(("id",)), "id",
                                    f"'{plan.id}' is already the id of {plan_ids[plan.id]}", "give each plan its own id"))
            continue
        plan_ids[plan.id] = plan.source
        plans.append(plan)
        problems += _unscripted_blocks(plan, doc, scripts, base / "scripts")
    plans.sort(key=lambda p: p.length)
    evaluation_path = layout.root / EVALUATION_SOURCE
    evaluation, found = load_evaluation(evaluation_path, layout.display(evaluation_path), layout.schema("evaluation"))
    problems += found
    return {"problems": problems, "activities": activities, "scenarios": tuple(scenarios), "check": check,
            "check_questions": check_questions, "plans": tuple(plans), "evaluation": evaluation, "scripts": scripts}


def _unscripted_blocks(plan: Plan, doc, scripts: dict, scripts_dir: Path) -> list[Problem]:
    """Once a kit has facilitator scripts, every module block a plan teaches needs one: without it
    the facilitators would have to invent the block. A script that failed to load is reported on
    its own; a kit with no scripts folder (a small site) teaches from the module pages."""
    if not scripts_dir.is_dir():
        return []
    problems = []
    for i, block in enumerate(plan.blocks):  # a built plan has one block per block in its file
        ref = block.module.id if block.module else None
        if ref and ref not in scripts and not (scripts_dir / f"{ref}.yml").exists():
            problems.append(Problem(plan.source, doc.line_of(("blocks", i, "module")), f"blocks[{i}].module",
                                    f"module '{ref}' has no facilitator script, so the facilitators would have "
                                    "to invent this block",
                                    f"add training/scripts/{ref}.yml (see README: Facilitator scripts; schemas/module-script.schema.json), or teach "
                                    "a module that has one"))
    return problems


def _check_ids(modules: list[Module]) -> list[Problem]:
    first: dict[str, Module] = {}
    problems = []
    for module in modules:
        if module.id in first:
            problems.append(Problem(module.source, module.front.line_of(("id",)), "id",
                                    f"'{module.id}' is already the id of {first[module.id].source}",
                                    "give each module its own id"))
        else:
            first[module.id] = module
    return problems


def _check_covers(modules: list[Module], points: dict[str, SourcePoint], points_file: str) -> list[Problem]:
    problems = []
    known = ", ".join(points)
    for module in modules:
        for index, code in enumerate(module.covers):
            if code not in points:
                problems.append(Problem(module.source, module.front.line_of(("covers", index)),
                                        field_name(("covers", index)), f"'{code}' is not a source point",
                                        f"use a code listed in {points_file}: {known}"))
    return problems


def _check_order(modules: list[Module], order: list[str], doc: YamlDoc, order_file: str,
                 unreadable: set[str]) -> list[Problem]:
    """`unreadable` names module files that failed on their own: their problems are already said."""
    problems = []
    ids = {m.id for m in modules}
    for index, module_id in enumerate(order):
        if module_id not in ids and module_id not in unreadable:
            problems.append(Problem(order_file, doc.line_of(("order", index)), field_name(("order", index)),
                                    f"no module has the id '{module_id}'",
                                    f"correct the id, or add a module with 'id: {module_id}' to modules/"))
    listed = set(order)
    for module in modules:
        if module.id not in listed:
            problems.append(Problem(module.source, module.front.line_of(("id",)), "id",
                                    f"module '{module.id}' is not in the teaching order",
                                    f"add '- {module.id}' under 'order:' in {order_file}"))
    return problems


def _check_quiz_covers(quizzes: list[Quiz], points: dict[str, SourcePoint], points_file: str) -> list[Problem]:
    problems = []
    known = ", ".join(points)
    for quiz in quizzes:
        for question in quiz.scored():
            for index, code in enumerate(question.covers):
                if code not in points:
                    path = question.path + ("covers", index)
                    problems.append(Problem(quiz.source, quiz.doc.line_of(path), field_name(path),
                                            f"'{code}' is not a source point",
                                            f"use a code listed in {points_file}: {known}"))
    return problems


def _check_quizzes(quizzes: list[Quiz], modules: list[Module], unreadable: set[str]) -> list[Problem]:
    """Quiz ids are unique, each names a real module, and a module has at most one quiz."""
    problems = []
    ids = [m.id for m in modules]
    by_id: dict[str, Quiz] = {}
    by_module: dict[str, Quiz] = {}
    for quiz in quizzes:
        if quiz.id in by_id:
            problems.append(Problem(quiz.source, quiz.doc.line_of(("id",)), "id",
                                    f"'{quiz.id}' is already the id of {by_id[quiz.id].source}",
                                    "give each quiz its own id"))
        else:
            by_id[quiz.id] = quiz
        if quiz.module not in ids:
            if quiz.module not in unreadable:
                problems.append(Problem(quiz.source, quiz.doc.line_of(("module",)), "module",
                                        f"no module has the id '{quiz.module}'",
                                        "use the id of a module: " + ", ".join(ids) if ids else "add the module first"))
        elif quiz.module in by_module:
            problems.append(Problem(quiz.source, quiz.doc.line_of(("module",)), "module",
                                    f"module '{quiz.module}' already has a quiz ({by_module[quiz.module].source})",
                                    "a module has at most one quiz: merge the two files"))
        else:
            by_module[quiz.module] = quiz
    return problems
