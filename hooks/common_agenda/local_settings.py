"""Local settings: one optional YAML file (local.yml) that adapts the site to an agency, without code.

Without the file every value is a placeholder name, which the pages print as a blank line to fill
in by hand (training_pages.placeholder_or).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem
from .reference_data import load_yaml_file

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


def load_local(path: Path, display: str, schema: Path) -> tuple[Local, object, list[Problem]]:
    """Return the settings, the parsed document (for line numbers in cross-file checks) and problems."""
    if not path.is_file():
        return DEFAULTS, None, []
    doc, problems = load_yaml_file(path, display, schema)
    if doc is None:
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
