"""Each page's content against the HTML allowlist, with every problem traced to a source file and line.

A page made from a content file names it (its edit link); a page made from many (a print pack,
the answer keys) or an ordinary docs/ page is searched, and then every content file, for the
first line holding the thing refused. Entity-encoded text may not be found anywhere: the page
itself is then named, at line 1.
"""

from __future__ import annotations

import html as html_text
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

    def check_titles(self, titles: list[tuple[str, str, bool]], src_uri: str, abs_src_path: str | None,
                     edit_uri: str | None) -> None:
        """Titles and descriptions reach the page outside its content: Material writes them into
        <title>, the header, the nav, the footer and the <meta name="description"> attribute as
        they are, and passes a page title through Jinja's striptags, which decodes entities - so
        `&lt;/title&gt;` in a title ends the <title> element. Each is (what, text, decoded): a
        `<` in it (after decoding entities when `decoded`) or a `"` in a description is refused."""
        for what, text, decoded in titles:
            if not isinstance(text, str):
                continue
            shown = html_text.unescape(text) if decoded else text
            bad = "<" in shown or (what == "description" and '"' in shown)
            if bad:
                needle = text if "<" in text or '"' in text else text.split("&", 1)[0] or text
                self.problems.append(self._located(
                    f"the page's {what} ({text[:60]!r}) would be written into the page as HTML, outside its content",
                    needle, src_uri, abs_src_path, edit_uri, "title",
                    "write it as plain words: no <, no HTML entities such as &lt;, and no \" in a description"))

    def stop_if_any(self) -> None:
        problems, self.problems = self.problems, []
        if problems:
            raise ContentError(problems)

    def _located(self, what: str, needle: str, src_uri: str, abs_src_path: str | None, edit_uri: str | None,
                 field: str = "HTML", fix: str = FIX) -> Problem:
        own = None
        if edit_uri and edit_uri.startswith("../"):
            own = self.docs_dir.joinpath(edit_uri).resolve()
        elif abs_src_path:
            own = Path(abs_src_path).resolve()
        candidates = ([own] if own else []) + [path for path in self._content() if path != own]
        for path in candidates:
            text = self._read(path)
            if text is not None and needle and needle.lower() in text.lower():
                return Problem(self._display(path), line_of(needle, text) + 1, field, what, fix)
        return Problem(self._display(own) if own else posixpath.join(self._display(self.docs_dir), src_uri),
                       1, field, what, fix)

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
