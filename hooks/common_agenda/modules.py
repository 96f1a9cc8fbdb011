"""Training modules: Markdown files in `modules/` with YAML front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import schema_check, unsafe_html
from .problems import Problem
from .yaml_source import YamlDoc, field_name, parse_yaml, read_text

_FENCE = re.compile(r"^---[ \t]*$")


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
            problems = [Problem(display, 2, "front matter", "is empty", "write the fields id, title, summary, audiences, minutes, objectives, covers")]
        return None, problems
    problems = schema_check.check(doc, schema)
    body_line = front_text.count("\n") + 3
    if not body.strip():
        problems.append(Problem(display, body_line - 1, "body", "is empty",
                                "write the module's text below the closing '---' line"))
    if isinstance(doc.data, dict):
        problems += _unsafe(doc, body, body_line)
    if problems:
        return None, problems
    data = doc.data
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
        front=doc,
    ), []


def _unsafe(doc: YamlDoc, body: str, body_line: int) -> list[Problem]:
    """Module Markdown may hold layout HTML, but nothing that runs code in a reader's browser."""
    fix = "remove it: pages may not carry script, style or iframe tags, on* attributes or javascript: links"
    problems = []
    for key, value in doc.data.items():
        for index, text in enumerate(value if isinstance(value, list) else [value]):
            found = isinstance(text, str) and unsafe_html.find(text, inline_only=False)
            if found:
                path = (key, index) if isinstance(value, list) else (key,)
                problems.append(Problem(doc.display, doc.line_of(path), field_name(path), found[0], fix))
    found = unsafe_html.find(body, inline_only=False)
    if found:
        problems.append(Problem(doc.display, body_line + found[1], "body", found[0], fix))
    return problems
