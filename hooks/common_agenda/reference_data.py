"""Small YAML lists that other content points at: the source points and the teaching order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import schema_check, unsafe_html, yaml_links
from .problems import Problem
from .yaml_source import YamlDoc, parse_yaml, read_text


@dataclass(frozen=True)
class SourcePoint:
    code: str
    source: str
    label: str


def load_yaml_file(path: Path, display: str, schema: Path, *,
                   checked_elsewhere: Callable[[tuple], bool] = lambda path: False) -> tuple[YamlDoc | None, list[Problem]]:
    """Read, parse and schema-check one YAML file, and refuse text that could run code in a page
    (`checked_elsewhere(path)` is true for fields with a stricter check of their own); None when any step failed."""
    if not path.is_file():
        return None, [Problem(display, 1, "file", "is missing", f"create {display} (see {schema.name})")]
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    doc, problems = parse_yaml(text, display)
    if doc is None:
        return None, problems
    problems = schema_check.check(doc, schema) or unsafe_html.problems_in(doc, skip=checked_elsewhere)
    # Links are written relative to this file; fields checked elsewhere are localized after that check.
    problems = problems or yaml_links.localize(doc, skip=checked_elsewhere)
    return (None if problems else doc), problems


def load_source_points(path: Path, display: str, schema: Path) -> tuple[dict[str, SourcePoint], YamlDoc | None, list[Problem]]:
    doc, problems = load_yaml_file(path, display, schema)
    if doc is None:
        return {}, None, problems
    points = {code: SourcePoint(code, entry["source"], entry["label"]) for code, entry in doc.data.items()}
    return points, doc, []


def load_curriculum(path: Path, display: str, schema: Path) -> tuple[list[str], YamlDoc | None, list[Problem]]:
    doc, problems = load_yaml_file(path, display, schema)
    if doc is None:
        return [], None, problems
    return list(doc.data["order"]), doc, []
