"""Duties of one place: training/duties/<place>.yml, checked into a model and rendered as a printable page.

Each file maps who must do what, by when and under which rule in one state (New York first), with
a link to each rule's primary source. Another state adds its own file and gets its own page, with
no code: the page's address comes from the file name (training/duties/california.yml becomes
duties/california/). The shape of a file is written only in schemas/duties.schema.json; this
module adds what a schema cannot say (duty ids unique in the file, a review date that exists and
is not in the future).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem
from .reference_data import load_yaml_file
from .render import render
from .yaml_source import YamlDoc

FOLDER = "duties"  # under training/
LEVELS = {"state": "state rule", "federal": "federal rule", "local": "local rule"}
RESERVED_IDS = ("at-a-glance", "duty-by-duty")  # the ids of the page's own headings


@dataclass(frozen=True)
class Rule:
    cite: str
    url: str


@dataclass(frozen=True)
class Duty:
    id: str
    title: str
    level: str  # state | federal | local
    who: str
    must: str
    when: str
    rules: tuple[Rule, ...]
    notes: str
    checked_against: tuple[str, ...]


@dataclass(frozen=True)
class DutiesPage:
    slug: str  # the file name without .yml
    jurisdiction: str
    covers: str
    reviewed: datetime.date
    intro: str
    duties: tuple[Duty, ...]
    source: str
    doc: YamlDoc = field(repr=False, compare=False)

    @property
    def title(self) -> str:
        return f"Duties in {self.jurisdiction}"

    @property
    def page_uri(self) -> str:
        return f"{FOLDER}/{self.slug}.md"

    def level_name(self, duty: Duty) -> str:
        """'New York rule' for a state duty on the New York page; 'federal rule' stays general."""
        name = LEVELS[duty.level]
        return f"{self.jurisdiction} rule" if duty.level == "state" else name[0].upper() + name[1:]


def duty_files(training_dir: Path) -> list[Path]:
    folder = training_dir / FOLDER
    return sorted(folder.glob("*.yml")) if folder.is_dir() else []


def load_duties(path: Path, display: str, schema: Path, *, today: datetime.date | None = None) -> tuple[DutiesPage | None, list[Problem]]:
    doc, problems = load_yaml_file(path, display, schema)
    if doc is None:
        return None, problems
    reviewed, problems = _check_reviewed(doc, today or datetime.date.today())
    problems += _check_unique_ids(doc)
    if problems:
        return None, problems
    data = doc.data
    duties = tuple(
        Duty(d["id"], d["title"].strip(), d["level"], d["who"].strip(), d["must"].strip(), d["when"].strip(),
             tuple(Rule(r["cite"].strip(), r["url"]) for r in d["rules"]), d["notes"].strip(),
             tuple(d["checked_against"]))
        for d in data["duties"])
    return DutiesPage(path.stem, data["jurisdiction"].strip(), data["covers"].strip(), reviewed,
                      data.get("intro", "").strip(), duties, display, doc), []


def _check_reviewed(doc: YamlDoc, today: datetime.date) -> tuple[datetime.date | None, list[Problem]]:
    text = doc.data["reviewed"]
    line = doc.line_of(("reviewed",))
    try:
        reviewed = datetime.date.fromisoformat(text)
    except ValueError:
        return None, [Problem(doc.display, line, "reviewed", f"'{text}' is not a date that exists",
                              "write the date of the last review as YYYY-MM-DD, e.g. 2026-12-01")]
    if reviewed > today:
        return None, [Problem(doc.display, line, "reviewed", f"{text} is in the future",
                              "write the date the duties were last checked, today or earlier")]
    return reviewed, []


def _check_unique_ids(doc: YamlDoc) -> list[Problem]:
    problems = []
    first: dict[str, int] = {}
    for index, duty in enumerate(doc.data["duties"]):
        path = ("duties", index, "id")
        if duty["id"] in RESERVED_IDS:
            problems.append(Problem(doc.display, doc.line_of(path), f"duties[{index}].id",
                                    f"'{duty['id']}' is the id of a heading of the page itself",
                                    "choose another id (not " + " or ".join(RESERVED_IDS) + ")"))
        elif duty["id"] in first:
            problems.append(Problem(doc.display, doc.line_of(path), f"duties[{index}].id",
                                    f"'{duty['id']}' is already the id of duties[{first[duty['id']]}]",
                                    "give each duty its own id: it is the duty's address on the page"))
        else:
            first[duty["id"]] = index
    return problems


def page_markdown(page: DutiesPage) -> str:
    return render("duties_page.md.j2", page=page)
