"""Training modules: Markdown files in `modules/` with YAML front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import markdown_shape, schema_check, unsafe_html, yaml_links
from .problems import Problem
from .yaml_source import YamlDoc, parse_yaml, read_text

_FENCE = re.compile(r"^---[ \t]*$")


@dataclass(frozen=True)
class Source:
    """A public source a module relies on; `primary` marks law, regulation, agency forms and official guides."""

    title: str
    publisher: str
    url: str
    supports: str
    primary: bool = False


@dataclass(frozen=True)
class Module:
    id: str
    slug: str
    title: str
    summary: str
    audiences: tuple[str, ...]
    minutes: int
    objectives: tuple[str, ...]
    covers: tuple[str, ...]
    body: str
    source: str
    sources: tuple[Source, ...]
    reviewed: date
    front: YamlDoc = field(repr=False, compare=False)

    @property
    def page_uri(self) -> str:
        """Where the generated page sits among the docs files (and so its URL)."""
        return f"modules/{self.slug}.md"


def split_front_matter(text: str, display: str) -> tuple[str, str, list[Problem]]:
    """Return (yaml, body). Front matter must open on line 1 so nobody mistakes it for a rule."""
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        return "", "", [Problem(display, 1, "front matter", "is missing",
                                "start the file with a line '---', then the fields (id, title, ...), then '---'")]
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index].rstrip("\r\n")):
            return "".join(lines[1:index]), "".join(lines[index + 1:]), []
    return "", "", [Problem(display, 1, "front matter", "is not closed",
                            "add a line '---' after the last front matter field")]


def load_module(path: Path, display: str, schema: Path) -> tuple[Module | None, list[Problem]]:
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    front_text, body, problems = split_front_matter(text, display)
    if problems:
        return None, problems
    doc, problems = parse_yaml(front_text, display, line_offset=1, what="front matter")
    if doc is None:
        if not problems:
            problems = [Problem(display, 2, "front matter", "is empty",
                                "write the fields id, title, summary, audiences, minutes, objectives, covers, sources, reviewed")]
        return None, problems
    problems = schema_check.check(doc, schema)
    body_line = front_text.count("\n") + 3
    if not body.strip():
        problems.append(Problem(display, body_line - 1, "body", "is empty",
                                "write the module's text below the closing '---' line"))
    stalls = markdown_shape.problems_in(body, display, "body", body_line)  # before any regex reads the body
    problems += stalls
    problems += yaml_links.marker_problems(body, display, "body", body_line)  # could pass for a link's marker
    if isinstance(doc.data, dict) and not stalls:
        problems += _unsafe(doc, body, body_line)
    problems = problems or yaml_links.localize(doc)  # front matter links, written relative to modules/
    if problems:
        return None, problems
    data = doc.data
    reviewed, problems = _reviewed_date(doc)
    problems += _primary_source(doc)
    if problems:
        return None, problems
    return Module(
        id=data["id"],
        slug=path.stem,
        title=data["title"],
        summary=data["summary"],
        audiences=tuple(data["audiences"]),
        minutes=data["minutes"],
        objectives=tuple(data["objectives"]),
        covers=tuple(data["covers"]),
        body=body,
        source=display,
        sources=tuple(Source(s["title"], s["publisher"], s["url"], s["supports"], s.get("primary", False))
                      for s in data["sources"]),
        reviewed=reviewed,
        front=doc,
    ), []


def _reviewed_date(doc: YamlDoc) -> tuple[date | None, list[Problem]]:
    """The schema checks the form YYYY-MM-DD; this checks the day exists."""
    try:
        return date.fromisoformat(doc.data["reviewed"]), []
    except ValueError:
        return None, [Problem(doc.display, doc.line_of(("reviewed",)), "reviewed",
                              f"'{doc.data['reviewed']}' is not a real date",
                              "write the day the module was last checked against its sources, as YYYY-MM-DD")]


def _primary_source(doc: YamlDoc) -> list[Problem]:
    """Every module rests on at least one primary source, so a reader can check it at its origin."""
    if any(s.get("primary") is True for s in doc.data["sources"]):
        return []
    return [Problem(doc.display, doc.line_of(("sources",)), "sources", "has no primary source",
                    "mark at least one source 'primary: true' (a statute, regulation, agency form "
                    "instructions or an official guide), or add one")]


def _unsafe(doc: YamlDoc, body: str, body_line: int) -> list[Problem]:
    """Module Markdown may hold layout HTML, but nothing that runs code in a reader's browser:
    every front-matter text (sources included), then the body."""
    problems = unsafe_html.problems_in(doc)
    found = unsafe_html.find(body, inline_only=False)
    if found:
        problems.append(Problem(doc.display, body_line + found[1], "body", found.what, found.fix or unsafe_html.FIX))
    return problems
