"""The Markdown extensions the site converts pages with, for checks that must convert as the site does.

Plain Python-Markdown, no MkDocs: these checks run while content is loaded, before MkDocs writes
anything. tests/test_quiz_sections.py keeps SITE_MARKDOWN in step with mkdocs.yml.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from dataclasses import dataclass, field

import markdown


@dataclass(frozen=True)
class MarkdownSetup:
    """The Markdown extensions the site converts pages with (names, and their settings as JSON so
    the setup can key a cache)."""

    extensions: tuple[str, ...] = ("toc", "tables", "fenced_code", "abbr", "admonition", "attr_list", "def_list",
                                   "footnotes", "md_in_html", "pymdownx.details", "pymdownx.superfences",
                                   "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.smartsymbols")
    configs: str = field(default="{}")

    def converter(self) -> markdown.Markdown:
        return markdown.Markdown(extensions=list(self.extensions), extension_configs=json.loads(self.configs))

    @classmethod
    def of(cls, extensions: list[str], configs: dict) -> MarkdownSetup:
        return cls(tuple(extensions), json.dumps(configs, sort_keys=True, default=str))


SITE_MARKDOWN = MarkdownSetup()  # as in mkdocs.yml


# Python-Markdown converts nested blocks and emphasis by recursion: a few hundred nested lists,
# quotes, <div markdown> or *emphasis* raise RecursionError (a traceback, before issue 13). Every
# check that converts author text does so within this many stack frames of its own, well under
# what the page build has left under Python's limit of 1,000, so text that passes the check
# also converts when its page is built. Real content needs under 100. And within this many
# seconds of processor time, not of the clock, so a busy machine (CI's two cores shared with other
# jobs) does not refuse a page that converts in a fraction of that when idle: the shape limits
# (markdown_shape) keep known slow shapes out, this bounds the rest (the largest real module
# converts in 0.05 s).
STACK_FRAMES = 400
SECONDS = 3.0


class ConversionRefused(Exception):
    """The text nests too deep or takes too long to convert; str() says which, for an author."""


def _too_slow(signum, frame):
    raise ConversionRefused(f"takes over {SECONDS:g} seconds of processor time to convert")


def convert_within_stack(converter: markdown.Markdown, text: str, frames: int = STACK_FRAMES) -> str:
    """The converted text; ConversionRefused when it nests deeper than `frames` calls or runs too long.

    The time bound needs a timer signal, so it holds in the main thread (`mkdocs build`); the
    shape limits still apply where it cannot (`mkdocs serve` rebuilds in another thread)."""
    depth, frame = 0, sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    limit = sys.getrecursionlimit()
    timed = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGPROF, _too_slow) if timed else None
    if timed:
        signal.setitimer(signal.ITIMER_PROF, SECONDS)
    sys.setrecursionlimit(depth + frames)
    try:
        return converter.reset().convert(text)
    except RecursionError:
        raise ConversionRefused("is nested too deeply for Markdown to convert safely (lists, quotes, "
                                "admonitions, <div markdown> or *emphasis* inside one another)") from None
    finally:
        sys.setrecursionlimit(limit)  # the converter keeps its state (e.g. toc_tokens) until its next use
        if timed:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous)
