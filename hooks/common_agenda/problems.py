"""Problems found in content files, gathered so an author sees all of them in one build.

Plain exceptions, no MkDocs: the hooks turn them into MkDocs errors (engine.py), and
`python -m common_agenda check` prints them itself.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, phrased so an author can act on it without reading code."""

    file: str
    line: int
    field: str
    what: str
    fix: str

    def __str__(self) -> str:
        return _shown(f"{self.file}:{self.line}: {self.field}: {self.what} — {self.fix}")


def _shown(text: str) -> str:
    """Control characters quoted from a file (a NUL, an ESC that would recolour the terminal, a line
    break that would fake a second problem) are printed as \\x.. escapes."""
    return "".join(f"\\x{ord(c):02x}" if (ord(c) < 32 or 127 <= ord(c) < 160) else c for c in text)


class StopBuild(Exception):
    """The build cannot go on, and the message says all a reader needs: it is shown without a traceback."""


class ContentError(StopBuild):
    """Stops the build before anything is written, listing every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"Common Agenda: the build stopped because of {count} {noun} in the content:"]
        lines += [f"  {problem}" for problem in self.problems]
        lines.append("Nothing was written. Fix the lines above and build again.")
        super().__init__("\n".join(lines))


def stop_if_any(problems: list[Problem]) -> None:
    if problems:
        raise ContentError(problems)
