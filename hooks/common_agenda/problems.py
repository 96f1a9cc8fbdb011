"""Problems found in content files, gathered so an author sees all of them in one build."""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.exceptions import PluginError


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, phrased so an author can act on it without reading code."""

    file: str
    line: int
    field: str
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.what} — {self.fix}"


class ContentError(PluginError):
    """Stops the build before anything is written; MkDocs prints the message without a traceback."""

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
