"""Each page's content against the HTML allowlist, with every problem traced to a source file and line.

A page made from a content file names it (its edit link); a page made from many (a print pack,
the answer keys) or an ordinary docs/ page is searched, and then every content file, for the
first line holding the thing refused. Entity-encoded text may not be found anywhere: the page
itself is then named, at line 1.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from .html_allowlist import FIX, findings, line_of
from .problems import ContentError, Problem

CONTENT_GLOBS = ("modules/*.md", "modules/*.yml", "quizzes/*.yml", "quizzes/*.yaml", "training/**/*.yml",
                 "training/**/*.md", "local.yml")


class PageChecks:
    def __init__(self, root: Path, docs_dir: str | Path):
        self.root = root.resolve()
        self.docs_dir = Path(docs_dir).resolve()
        self.problems: list[Problem] = []
        self._texts: dict[Path, str] | None = None

    def check(self, html: str, src_uri: str, abs_src_path: str | None, edit_uri: str | None) -> None:
        for finding in findings(html):
            self.problems.append(self._located(finding.what, finding.needle, src_uri, abs_src_path, edit_uri))

    def stop_if_any(self) -> None:
        problems, self.problems = self.problems, []
        if problems:
            raise ContentError(problems)

    def _located(self, what: str, needle: str, src_uri: str, abs_src_path: str | None, edit_uri: str | None) -> Problem:
        own = None
        if edit_uri and edit_uri.startswith("../"):
            own = self.docs_dir.joinpath(edit_uri).resolve()
        elif abs_src_path:
            own = Path(abs_src_path).resolve()
        candidates = ([own] if own else []) + [path for path in self._content() if path != own]
        for path in candidates:
            text = self._read(path)
            if text is not None and needle and needle.lower() in text.lower():
                return Problem(self._display(path), line_of(needle, text) + 1, "HTML", what, FIX)
        return Problem(self._display(own) if own else posixpath.join(self._display(self.docs_dir), src_uri),
                       1, "HTML", what, FIX)

    def _content(self) -> list[Path]:
        if self._texts is None:
            paths = sorted({p.resolve() for pattern in CONTENT_GLOBS for p in self.root.glob(pattern) if p.is_file()})
            paths += sorted(p.resolve() for p in self.docs_dir.rglob("*.md") if p.is_file())
            self._texts = dict.fromkeys(paths)
        return list(self._texts)

    def _read(self, path: Path) -> str | None:
        if self._texts is None:
            self._content()
        if self._texts.get(path) is None:
            try:
                self._texts[path] = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
        return self._texts[path]

    def _display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()
