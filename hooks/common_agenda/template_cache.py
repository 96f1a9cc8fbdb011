"""Keep compiled Jinja templates between builds.

Jinja turns every template into Python code the first time a process uses it: Material's page
templates and ours cost more than the pages of a small site take to convert, on every build.
A bytecode cache in the system's temporary folder (one per user, made private by Jinja, each
entry keyed by the template's name and source) lets the second and later builds skip that work;
a changed template is compiled afresh, so the cache never serves stale markup.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import BytecodeCache, FileSystemBytecodeCache


@lru_cache(maxsize=1)
def shared() -> BytecodeCache | None:
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None  # no usable temporary folder: compile every time, as Jinja does by default
