"""Where the core's errors become MkDocs errors: the hooks' events are the only road from one to the other.

The core (everything in common_agenda but the adapters named in __init__.py) raises plain
StopBuild errors, so it runs without MkDocs (`python -m common_agenda check`) and would run
under another engine. MkDocs prints a PluginError's message alone and aborts, but any other
exception with a traceback; so each hook event that can meet a StopBuild is wrapped here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from mkdocs.exceptions import PluginError

from .problems import StopBuild

Event = TypeVar("Event", bound=Callable)


def plugin_errors(event: Event) -> Event:
    """The event, with a StopBuild it raises turned into a PluginError carrying the same message."""

    @functools.wraps(event)
    def shown_by_mkdocs(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except StopBuild as error:
            raise PluginError(str(error)) from None

    return shown_by_mkdocs
