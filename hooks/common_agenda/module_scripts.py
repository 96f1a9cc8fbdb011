"""Facilitator scripts: how two facilitators teach one module block, as data.

A script fills exactly the module's own minutes, so a module block in a plan keeps its time and
the clock times of the blocks after it stay true. A module without a script is allowed (the plan
page then points to the module page); a script for no module, or one whose parts do not add up,
is a problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .modules import Module
from .problems import Problem
from .reference_data import load_yaml_file
from .yaml_source import YamlDoc

FOLDER = "training/scripts"


@dataclass(frozen=True)
class TalkingPoint:
    lead: str
    minutes: int
    text: str


@dataclass(frozen=True)
class ScriptActivity:
    title: str
    lead: str
    minutes: int
    materials: tuple[str, ...]
    instructions: str


@dataclass(frozen=True)
class Debrief:
    lead: str
    minutes: int
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    """One timed part of a script as the plan page shows it: minutes from the block's start."""

    kind: str          # talking-point | activity | debrief
    offset: int
    minutes: int
    lead: str
    item: object


@dataclass(frozen=True)
class ModuleScript:
    module: str
    talking_points: tuple[TalkingPoint, ...]
    activity: ScriptActivity
    debrief: Debrief
    source: str
    doc: YamlDoc

    @property
    def total(self) -> int:
        return sum(p.minutes for p in self.talking_points) + self.activity.minutes + self.debrief.minutes

    def parts(self) -> tuple[Part, ...]:
        """Talking points, then the activity, then the debrief, each with its offset in the block."""
        parts, offset = [], 0
        items = [("talking-point", p) for p in self.talking_points] + [("activity", self.activity), ("debrief", self.debrief)]
        for kind, item in items:
            parts.append(Part(kind, offset, item.minutes, item.lead, item))
            offset += item.minutes
        return tuple(parts)


def script_files(training_dir: Path) -> list[Path]:
    return sorted((training_dir / "scripts").glob("*.yml"))


def load_script(path: Path, display: str, schema: Path) -> tuple[ModuleScript | None, list[Problem]]:
    doc, problems = load_yaml_file(path, display, schema)
    if doc is None:
        return None, problems
    d = doc.data
    activity = d["activity"]
    return ModuleScript(
        module=d["module"],
        talking_points=tuple(TalkingPoint(p["lead"], p["minutes"], p["text"].strip()) for p in d["talking_points"]),
        activity=ScriptActivity(activity["title"].strip(), activity["lead"], activity["minutes"],
                                tuple(activity.get("materials", [])), activity["instructions"].strip()),
        debrief=Debrief(d["debrief"]["lead"], d["debrief"]["minutes"], tuple(q.strip() for q in d["debrief"]["questions"])),
        source=display, doc=doc,
    ), []


def check_scripts(scripts: list[ModuleScript], modules: dict[str, Module],
                  unreadable_modules: set[str] = frozenset()) -> tuple[dict[str, ModuleScript], list[Problem]]:
    """Each script names a module, is named after it, and fills the module's minutes exactly.

    A module whose file failed on its own (`unreadable_modules`) is not reported again.
    """
    problems: list[Problem] = []
    found: dict[str, ModuleScript] = {}
    known = ", ".join(sorted(modules)) or "none yet"
    for script in scripts:
        stem = Path(script.source).stem
        module = modules.get(script.module)
        if module is None:
            if script.module not in unreadable_modules:
                problems.append(Problem(script.source, script.doc.line_of(("module",)), "module",
                                        f"no module has the id '{script.module}'", f"use a module id: {known}"))
            continue
        if stem != script.module:
            problems.append(Problem(script.source, script.doc.line_of(("module",)), "module",
                                    f"the script for '{script.module}' is in a file named {stem}.yml",
                                    f"rename the file to {FOLDER}/{script.module}.yml, one script per module"))
            continue
        if script.total != module.minutes:
            problems.append(_sum_problem(script, module))
            continue
        found[script.module] = script
    return found, problems


def _sum_problem(script: ModuleScript, module: Module) -> Problem:
    """Name each part's minutes, so the author sees where the difference is, and the change that fixes it."""
    points = " + ".join(str(p.minutes) for p in script.talking_points)
    parts = f"talking points {points}, activity {script.activity.minutes}, debrief {script.debrief.minutes}"
    gap = script.total - module.minutes
    fitted = script.activity.minutes - gap
    more_or_less = f"{gap} more" if gap > 0 else f"{-gap} fewer"
    what = (f"the parts add up to {script.total} minutes ({parts}), {more_or_less} than the {module.minutes} "
            f"of module '{module.id}' ({module.source})")
    fix = (f"set activity.minutes: {fitted}" if fitted >= 1 else "shorten the talking points or the debrief")
    fix += f", or change other parts so they add up to {module.minutes}: a module block keeps the module's minutes"
    return Problem(script.source, script.doc.line_of(("activity", "minutes")), "activity.minutes", what, fix)
