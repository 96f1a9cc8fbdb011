"""The session evaluation: training/evaluation.yml, checked into a model and rendered as a form.

The shape of the file is written only in schemas/evaluation.schema.json; this module adds the
rules a schema cannot say (item ids unique across the whole form, safe HTML in the intro).
Item ids name the form fields, the saved answers in the browser and the columns of the CSV file,
which is why they must be unique in the form and not just in their section, and may not take the
name of a column the file already has for something else (date, session, response, file).

The CSV file has one row per response. Its columns are decided here, once, and written into both
pages, so the form that exports a file and the results page that merges files agree on them.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from . import unsafe_html, yaml_links
from .problems import Problem
from .reference_data import load_yaml_file
from .render import render
from .yaml_source import YamlDoc, field_name

SOURCE = "training/evaluation.yml"
PAGE_URI = "training/evaluation.md"
RESULTS_URI = "training/evaluation-results.md"

# Columns the CSV file has besides the questions: when and in which session a response was given,
# a random id that tells a response exported twice from two copies of one that happens to match,
# and (in a merged file) the file it came from. A question may not take one of these names.
META_COLUMNS = {
    "date": "the date the response was given",
    "session": "the session name the facilitator set",
    "response": "the random id of each response",
    "file": "the file a merged row came from",
}
ROLE_ID = "role"  # the question that asks people's role goes right after date and session


@dataclass(frozen=True)
class Item:
    id: str
    kind: str  # scale | choice | text
    label: str
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Evaluation:
    title: str
    intro: str
    sections: tuple[Section, ...]
    source: str
    doc: YamlDoc = field(repr=False, compare=False)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)

    @property
    def columns(self) -> tuple[str, ...]:
        """The header of an exported file: date, session, role, the other questions in form order,
        then the response id. A reader sees first who answered when; the id matters only to the merge."""
        ids = [item.id for item in self.items]
        role = [ROLE_ID] if ROLE_ID in ids else []
        return ("date", "session", *role, *(i for i in ids if i != ROLE_ID), "response")


def load_evaluation(path: Path, display: str, schema: Path) -> tuple[Evaluation | None, list[Problem]]:
    """A site without the file simply has no evaluation page: (None, [])."""
    if not path.is_file():
        return None, []
    doc, problems = load_yaml_file(path, display, schema, checked_elsewhere=lambda path: True)
    if doc is None:
        return None, problems
    # The intro is Markdown inside the form (inline HTML only); the plain-text fields may not hold code either.
    problems = (_check_unique_ids(doc) + _check_column_names(doc) + _check_intro(doc)
                + unsafe_html.problems_in(doc, skip=lambda path: path == ("intro",)))
    problems = problems or yaml_links.localize(doc)  # after the checks, which read links as written
    if problems:
        return None, problems
    data = doc.data
    sections = tuple(
        Section(s["title"].strip(), tuple(Item(i["id"], i["kind"], i["label"].strip(),
                                               tuple(o.strip() for o in i.get("options", [])))
                                          for i in s["items"]))
        for s in data["sections"])
    return Evaluation(data["title"].strip(), data.get("intro", "").strip(), sections, display, doc), []


def _check_unique_ids(doc: YamlDoc) -> list[Problem]:
    problems = []
    first: dict[str, tuple] = {}
    for s_index, section in enumerate(doc.data["sections"]):
        for i_index, item in enumerate(section["items"]):
            path = ("sections", s_index, "items", i_index)
            if item["id"] in first:
                problems.append(Problem(doc.display, doc.line_of(path + ("id",)), field_name(path + ("id",)),
                                        f"'{item['id']}' is already used by {field_name(first[item['id']])}",
                                        "give each item its own id: it names the answer in the saved form and the CSV file"))
            else:
                first[item["id"]] = path
    return problems


def _check_column_names(doc: YamlDoc) -> list[Problem]:
    problems = []
    for s_index, section in enumerate(doc.data["sections"]):
        for i_index, item in enumerate(section["items"]):
            if item["id"] in META_COLUMNS:
                path = ("sections", s_index, "items", i_index, "id")
                problems.append(Problem(doc.display, doc.line_of(path), field_name(path),
                                        f"'{item['id']}' is the name of the CSV column for {META_COLUMNS[item['id']]}",
                                        "choose another id, e.g. '" + item["id"] + "-answer'"))
    return problems


def _check_intro(doc: YamlDoc) -> list[Problem]:
    """Only the intro is Markdown; titles, labels and options are plain text, escaped when rendered."""
    intro = doc.data.get("intro", "")
    found = unsafe_html.find(intro, inline_only=True)
    if not found:
        return []
    line = doc.line_of(("intro",))
    return [Problem(doc.display, line, "intro", found.what, found.fix or (
        "remove it: the intro is Markdown and may only use inline HTML such as <em> or <br>, "
        "never tags that run code, on* attributes or javascript: links"))]


def page_markdown(evaluation: Evaluation, sessions: tuple[str, ...] = ()) -> str:
    """`sessions` are names offered for the session field (the plans' titles); any name may be typed."""
    return render("evaluation_page.md.j2", evaluation=evaluation, sessions=sessions,
                  results=posixpath.relpath(RESULTS_URI, posixpath.dirname(PAGE_URI)))


def results_markdown(evaluation: Evaluation, guide: str | None = None) -> str:
    """`guide` is the facilitator guide's docs path when the site has one, to link its section."""
    here = posixpath.dirname(RESULTS_URI)
    return render("evaluation_results.md.j2", evaluation=evaluation, form=posixpath.relpath(PAGE_URI, here),
                  guide=posixpath.relpath(guide, here) if guide else None)
