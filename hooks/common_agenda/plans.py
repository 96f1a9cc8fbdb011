"""Session plans: blocks of modules, scenarios and activities, timed from the sources they name.

A module block takes its minutes from the module's front matter and a scenario block from the
scenario, so a plan never restates a length. The stated `length` is checked against the sum.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .modules import Module
from .problems import Problem
from .reference_data import load_yaml_file
from .training import Activity, Scenario
from .yaml_source import YamlDoc

TOLERANCE = 5
LEADS = {"police": "Police facilitator", "provider": "Provider facilitator", "both": "Both facilitators"}


@dataclass(frozen=True)
class Block:
    kind: str                 # module | scenario | activity
    ref: str
    title: str
    minutes: int
    offset: int               # minutes from the start
    lead: str
    note: str
    module: Module | None = None
    scenario: Scenario | None = None
    activity: Activity | None = None

    @property
    def handouts(self) -> tuple[str, ...]:
        if self.activity:
            return self.activity.handouts
        return ()


@dataclass(frozen=True)
class Plan:
    id: str
    title: str
    summary: str
    length: int
    start: str
    handouts: tuple[str, ...]
    blocks: tuple[Block, ...]
    source: str

    @property
    def total(self) -> int:
        return sum(b.minutes for b in self.blocks)

    @property
    def page_uri(self) -> str:
        return f"training/plans/{self.id}.md"

    @property
    def pack_uri(self) -> str:
        return f"training/plans/{self.id}-print-pack.md"

    def handout_order(self) -> list[tuple[str, str]]:
        """Every handout the session uses, once, in the order it is first needed: (kind, ref)."""
        seen: list[tuple[str, str]] = [("handout", h) for h in self.handouts]
        for block in self.blocks:
            items = [("handout", h) for h in block.handouts]
            if block.scenario:
                items.append(("scenario", block.scenario.id))
            for item in items:
                if item not in seen:
                    seen.append(item)
        return seen


def clock(start: str, offset: int) -> str:
    """'09:00' plus 95 minutes is '10:35' (wrapping past midnight)."""
    hours, minutes = (int(part) for part in start.split(":"))
    total = (hours * 60 + minutes + offset) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def load_plan(path: Path, display: str, schema: Path) -> tuple[YamlDoc | None, list[Problem]]:
    return load_yaml_file(path, display, schema)


def build_plan(doc: YamlDoc, modules: dict[str, Module], scenarios: dict[str, Scenario],
               activities: dict[str, Activity],
               unreadable: Callable[[str, str], bool] = lambda kind, ref: False) -> tuple[Plan | None, list[Problem]]:
    """Resolve each block against the other sources and time it; check the stated length.

    `unreadable(kind, ref)` says a block names a file that failed on its own: its problems are
    already reported, so the plan is left out without another message.
    """
    data, problems, blocks, offset = doc.data, [], [], 0
    sources = {"module": modules, "scenario": scenarios, "activity": activities}
    where = {"module": "modules/", "scenario": "training/scenarios/", "activity": "training/activities.yml"}
    for index, raw in enumerate(data["blocks"]):
        kind = next(k for k in ("module", "scenario", "activity") if k in raw)
        ref = raw[kind]
        item = sources[kind].get(ref)
        if item is None and unreadable(kind, ref):
            return None, problems
        if item is None:
            known = ", ".join(sources[kind]) or "none yet"
            problems.append(Problem(doc.display, doc.line_of(("blocks", index, kind)), f"blocks[{index}].{kind}",
                                    f"no {kind} has the id '{ref}'",
                                    f"use one defined in {where[kind]}: {known}"))
            continue
        lead = raw.get("lead") or (item.lead if kind == "activity" else "both")
        blocks.append(Block(kind, ref, item.title, item.minutes, offset, lead, raw.get("note", "").strip(),
                            **{kind: item}))
        offset += item.minutes
    if problems:
        return None, problems
    stated = data["length"]
    if abs(offset - stated) > TOLERANCE:
        gap = offset - stated
        more_or_less = f"{gap} more" if gap > 0 else f"{-gap} fewer"
        fix = ("shorten or remove blocks" if gap > 0 else "add or lengthen blocks") + f", or set length: {offset}"
        problems.append(Problem(doc.display, doc.line_of(("length",)), "length",
                                f"the blocks add up to {offset} minutes, {more_or_less} than the stated {stated} "
                                f"(allowed: within {TOLERANCE})", fix))
        return None, problems
    return Plan(data["id"], data["title"].strip(), data["summary"].strip(), stated, data["start"],
                tuple(data.get("handouts", [])), tuple(blocks), doc.display), []
