"""Render generated pages from the Jinja templates beside this file; no markup lives in Python."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import template_cache

TEMPLATES = Path(__file__).parent / "templates"

AUDIENCE_NAMES = {
    "police": "Police officers",
    "provider": "Service providers",
    "facilitator": "Training facilitators",
}


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=template_cache.shared(),
    )
    env.globals["audience_names"] = AUDIENCE_NAMES
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
