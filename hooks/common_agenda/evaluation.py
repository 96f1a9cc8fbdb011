"""The session evaluation: training/evaluation.yml, checked into a model and rendered as a form.

The shape of the file is written only in schemas/evaluation.schema.json; this module adds the
rules a schema cannot say (item ids unique across the whole form, safe HTML in the intro).
Item ids name the form fields, the saved answers in the browser and the rows of the CSV file,
which is why they must be unique in the form and not just in their section.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import unsafe_html, yaml_links
from .problems import Problem
from .reference_data import load_yaml_file
from .render import render
from .yaml_source import YamlDoc, field_name

SOURCE = "training/evaluation.yml"
PAGE_URI = "training/evaluation.md"


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


def load_evaluation(path: Path, display: str, schema: Path) -> tuple[Evaluation | None, list[Problem]]:
    """A site without the file simply has no evaluation page: (None, [])."""
    if not path.is_file():
        return None, []
    doc, problems = load_yaml_file(path, display, schema, checked_elsewhere=lambda path: True)
    if doc is None:
        return None, problems
    # The intro is Markdown inside the form (inline HTML only); the plain-text fields may not hold code either.
    problems = (_check_unique_ids(doc) + _check_intro(doc)
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


def page_markdown(evaluation: Evaluation) -> str:
    return render("evaluation_page.md.j2", evaluation=evaluation)
