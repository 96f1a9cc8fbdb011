"""Local settings: one optional YAML file (local.yml) that adapts the site to an agency, without code.

Without the file every value is a placeholder name, which the pages print as a blank line to fill
in by hand (training_pages.placeholder_or).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import rendered_html
from .markdown_setup import ConversionRefused
from .problems import Problem
from .reference_data import load_yaml_file
from .unsafe_html import strings
from .yaml_source import YamlDoc, field_name

PLACEHOLDERS = {"agency": "Your agency", "partner": "Partner agency", "region": "Your region"}
NATIONAL_HOTLINE = {"name": "National Human Trafficking Hotline (US)", "phone": "1-888-373-7888",
                    "text": "233733", "hours": "24/7"}


@dataclass(frozen=True)
class Local:
    names: dict[str, str]                 # agency, partner, region: value or placeholder text
    placeholders: frozenset[str]          # which of those are placeholders
    contacts: tuple[dict, ...] = ()
    hotlines: tuple[dict, ...] = (NATIONAL_HOTLINE,)
    module_notes: dict[str, str] = field(default_factory=dict)
    source: str | None = None             # None when local.yml is absent

    def is_placeholder(self, key: str) -> bool:
        return key in self.placeholders


DEFAULTS = Local(dict(PLACEHOLDERS), frozenset(PLACEHOLDERS))

# Characters a reader cannot see that reach the page as they are: controls (C0 but tab and line break,
# DEL, C1), which YAML lets through as escapes ("\0"), and the bidi embeddings, overrides and isolates,
# which can make a phone number or a name read backwards.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def load_local(path: Path, display: str, schema: Path) -> tuple[Local, object, list[Problem]]:
    """Return the settings, the parsed document (for line numbers in cross-file checks) and problems."""
    if not path.is_file():
        return DEFAULTS, None, []
    doc, problems = load_yaml_file(path, display, schema)
    if doc is None:
        return DEFAULTS, None, problems
    problems = _invisible_characters(doc) + _note_headings(doc)
    if problems:
        return DEFAULTS, None, problems
    data = doc.data or {}
    names = {key: data.get(key, default) for key, default in PLACEHOLDERS.items()}
    return Local(
        names=names,
        placeholders=frozenset(key for key in PLACEHOLDERS if key not in data),
        contacts=tuple(data.get("contacts", [])),
        hotlines=tuple(data.get("hotlines", [NATIONAL_HOTLINE])),
        module_notes=dict(data.get("module_notes", {})),
        source=display,
    ), doc, []


def _invisible_characters(doc: YamlDoc) -> list[Problem]:
    problems = []
    for path, text in strings(doc.data):
        found = _INVISIBLE.search(text)
        if found:
            code = f"U+{ord(found.group()):04X}"
            problems.append(Problem(doc.display, doc.line_of(path), field_name(path),
                                    f"contains the invisible character {code}, which would reach the page as it is",
                                    f"delete the invisible character {code} (if you cannot see it, retype the value)"))
    return problems


def _note_headings(doc: YamlDoc) -> list[Problem]:
    """A note is shown inside its module's page, above the module's text: a heading in it would be the
    first to take an id such as `two-clocks`, and the module's own section (the one quiz pages link
    to) would become `two-clocks_1`. Judged on the converted HTML, so Setext headings count too."""
    notes = (doc.data or {}).get("module_notes") or {}
    problems = []
    for module_id, note in notes.items():
        try:
            converted = rendered_html.converted(str(note))
        except ConversionRefused:
            continue  # the unsafe-HTML check refuses a note that cannot be converted
        heading = _HEADING.search(converted)
        if heading:
            title = html.unescape(_TAG.sub("", heading.group(2))).strip()
            problems.append(Problem(
                doc.display, doc.line_of(("module_notes", module_id)), f"module_notes.{module_id}",
                f"has a heading ({'#' * int(heading.group(1))} {title}); a note sits inside a module section, "
                "and its heading would take the anchor of the module's own section",
                "write the note without # headings; use **bold** for a title"))
    return problems
