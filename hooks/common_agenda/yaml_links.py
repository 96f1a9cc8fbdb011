"""Links in YAML text are written relative to the YAML file, as links in a Markdown file are.

The same text is shown on several pages at different depths: a quiz explanation on the quiz page
(quizzes/x/) and on its answer key (training/answer-keys/x/), a check question on the online check,
the question sheet, the answer key and a print pack. A relative link can only be right for one of
them, so MkDocs reported a correct `../modules/timelines.md` as broken on the answer key, against a
page the author never wrote and with no line, after it had emptied `site/`. So each link is read
where it is written and placed again on every page that shows it, in three steps:

1. `localize` (while the file is loaded, so a problem has its file, line and field): each relative
   link target is resolved from the YAML file's folder into a project path, and the target in the
   text is replaced by a marker that carries that path, what was written and where. The marker is
   made of Unicode private-use characters only, so it holds no `.md`, brackets, spaces, letters or
   `:` that any later check of the text (the item linter's word counts and lengths, the HTML checks,
   the print pack's own link rebasing) could read as something else. Links that cannot work on
   every page are refused here: one leading out of the project, an address from the site's root
   (`/x`, which `--strict` refuses and which breaks when the site is served from a folder), and a
   bare `#anchor` (it would mean a different page wherever the text is shown, and an answer key has
   none of the quiz's anchors).
2. link_targets.problems (once the whole content is loaded, still before `site/` is cleaned): each
   marker's path must name a page or a file of the site, and an #anchor on a module page an id that
   page has; the fix says how to write it.
3. link_targets.place (as each generated page is added): each marker becomes the path from that
   page to the target page, which MkDocs then checks and turns into a URL as for any Markdown link.

Why rewrite text rather than hook into Python-Markdown's link processing: the pages are made as
Markdown and converted by MkDocs, whose own link processor must see an ordinary relative `.md`
link to check it and make its URL; by the time a Markdown tree exists, nothing tells which text
came from which file. The marker carries that across, with no state kept between the steps.

Why a marker is believed only when this process made it: the marker names a file and line, and
steps 2 and 3 report and place what it says, so a marker an author typed (a module body or a
docs page copied into a print pack carries whatever characters it is given) was reported at a
file the author never touched, and a malformed one stopped the build with a traceback. So:

- every place an author writes refuses private-use characters with a located problem: YAML text
  here in `localize`, a module's body in modules.py, docs/ pages and the MOU template by
  `marker_problems` before site/ is cleaned;
- each marker carries an HMAC of its fields under a key drawn when this process starts and never
  written anywhere. Files on disk are written before the key exists, so no author can make a
  marker this process believes, and a believed marker's fields are exactly the ones `localize`
  put there (no registry of links per load is needed: the key is the only state, and it never
  changes while the process lives, so text loaded for one build stays good for its pages);
- reading a marker never fails: one with a wrong or missing tag, bytes that are not UTF-8 or the
  wrong fields is no marker at all and stays in the text as the characters it is (refused at its
  source above, so it cannot reach a page).

A title (or a glossary term, or a duties page's jurisdiction) may hold no link: it also names its
page or heading in the navigation, the contents and the browser tab, which are plain text.

What counts as a link: inline links and images, `[text](target "title")` and `![alt](target)`,
and reference definitions, `[label]: target`, outside code spans and fenced code. Raw HTML
(`<a href>`) is left as it is, as MkDocs leaves it in a Markdown file. Absolute URLs (`https:`,
`mailto:`, `tel:`, `//host`) are not touched. The scan takes time in proportion to the text: every
search stops at the next line end, space or bracket and the scan resumes after what it read (fences
and code lookups use bisection, n log n), so a hostile file cannot stall the build.
"""

from __future__ import annotations

import bisect
import hashlib
import hmac
import html
import json
import posixpath
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from .problems import Problem
from .unsafe_html import code_spans
from .yaml_source import YamlDoc, field_name

START, END = "\ue000", "\ue001"
# Fields that name a page or a heading: shown as plain text in the nav, the table of contents and
# the browser tab, where no page could place a link (a marker there would show as private-use boxes).
PLAIN_NAMES = frozenset({"title", "jurisdiction", "term"})
_BASE = 0xF0000  # each byte of the marker's payload is one character of Unicode plane 15 (private use)
_MARKER = re.compile(START + "([\U000F0000-\U000F00FF]*)" + END)
# Drawn when the process starts, kept in memory only: see "Why a marker is believed" above.
_KEY = secrets.token_bytes(32)
_TAG_BYTES = 16
# Every private-use character (the BMP's area and planes 15 and 16): markers use some of them, and
# no author needs one (they have no agreed meaning and most fonts show an empty box).
PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# What the link scan stops at: an escape, a bracket, a line end (a blank line ends a paragraph).
_TOKEN = re.compile(r"\\.|[\[\]]|\n[ \t]*(?=\n)", re.S)
_ANGLE_TARGET = re.compile(r"<([^<>\n]*)>")
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\[\]\n]+\][ \t]*:[ \t]*(<[^<>\n]*>|\S+)", re.M)
_FENCE_LINE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")


@dataclass(frozen=True)
class Link:
    """One link as written in a YAML file, carried by its marker from loading to each page."""

    path: str      # the target as a project path: modules/timelines.md, quizzes/x.yml, docs/first-meeting.md
    suffix: str    # ?query and #anchor, as written
    written: str   # the target exactly as the author wrote it
    file: str      # the YAML file, as problems name it
    line: int
    field: str

    @property
    def folder(self) -> str:
        """The folder the link was written from, relative to the project ('' at the top)."""
        return folder_of(self.file)

    def marker(self) -> str:
        fields = json.dumps([self.path, self.suffix, self.written, self.file, self.line, self.field],
                            separators=(",", ":")).encode("ascii")  # escapes a lone surrogate too
        return START + "".join(chr(_BASE + byte) for byte in _tag(fields) + fields) + END


def _tag(fields: bytes) -> bytes:
    return hmac.new(_KEY, fields, hashlib.sha256).digest()[:_TAG_BYTES]


def _decode(payload: str) -> Link | None:
    """The link a marker carries, or None for anything this process did not make; never raises."""
    data = bytes(ord(char) - _BASE for char in payload)  # _MARKER admits only U+F0000 to U+F00FF
    tag, fields = data[:_TAG_BYTES], data[_TAG_BYTES:]
    if len(tag) < _TAG_BYTES or not hmac.compare_digest(tag, _tag(fields)):
        return None
    try:
        values = json.loads(fields.decode("utf-8"))
    except ValueError:  # not UTF-8, not JSON: cannot pass the tag check, but reading must not fail
        return None
    if not (isinstance(values, list) and len(values) == 6 and isinstance(values[4], int)
            and all(isinstance(value, str) for index, value in enumerate(values) if index != 4)):
        return None
    return Link(*values)


def links_in(text: str) -> Iterator[Link]:
    """Every marked link in `text` (text that went through `localize`, or a page made from it);
    a marker this process did not make is skipped."""
    if START in text:
        for match in _MARKER.finditer(text):
            link = _decode(match.group(1))
            if link is not None:
                yield link


def replace_links(text: str, target: Callable[[Link], str]) -> str:
    """`text` with each marker replaced by `target(link)`; a marker this process did not make is left
    as the characters it is (its source refuses them, so none should get this far)."""
    if START not in text:
        return text

    def replaced(match: re.Match) -> str:
        link = _decode(match.group(1))
        return match.group(0) if link is None else target(link)

    return _MARKER.sub(replaced, text)


def marker_problems(text: str, display: str, field: str = "body", first_line: int = 1) -> list[Problem]:
    """A private-use character in Markdown an author wrote (a module body, a docs/ page, the MOU
    template), at its line and column: such characters could pass for a link marker. `first_line`
    is the file line `text` starts on."""
    found = PRIVATE_USE.search(text)
    if found is None:
        return []
    line_start = text.rfind("\n", 0, found.start()) + 1
    return [_private_use(display, first_line + text.count("\n", 0, found.start()), field, text, found,
                         f" at column {found.start() - line_start + 1}")]


def _private_use(display: str, line: int, field: str, text: str, found: re.Match, where: str = "") -> Problem:
    more = len(PRIVATE_USE.findall(text, found.end()))
    code = f"U+{ord(found.group()):04X}{where}"
    what = (f"contains {code} and {more} more private-use characters: they have" if more
            else f"contains {code}, a private-use character: it has")
    return Problem(display, line, field,
                   f"{what} no agreed meaning (most fonts show an empty box), and the build uses such "
                   "characters to mark links",
                   "delete them, or type the characters you meant" if more
                   else "delete it, or type the character you meant")


def as_written(text: str) -> str:
    """The text as the author wrote it, for places that show it without a page (a tooltip)."""
    return replace_links(text, lambda link: link.written)


# ---- Finding link targets in Markdown ----

def _code_regions(text: str) -> list[tuple[int, int]]:
    """Fenced code (closed by a later fence of the same character, at least as long, as
    Python-Markdown needs) and one-line code spans, in order. An unclosed fence is no code: Markdown
    shows it as text, links and all, and reads the lines after it as usual."""
    starts, offset = [], 0
    lines = text.split("\n")
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    closer = _closing_fences(lines)
    regions: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        if closer[index] is not None:
            last = closer[index]
            regions.append((starts[index], starts[last] + len(lines[last])))
            index = last + 1
            continue
        if "`" in lines[index]:
            regions += [(starts[index] + a, starts[index] + b) for a, b in code_spans(lines[index])]
        index += 1
    return regions


def _closing_fences(lines: list[str]) -> list[int | None]:
    """For each line that opens a fence, the line that would close it, found in one pass from the
    end: for each fence character, the lines that can close, nearest first, each longer than the
    one before it (a nearer one at least as long hides a farther one), searched by bisection. A
    rescan from every unclosed fence took 12 s for 4,000 lines of ```x."""
    found: list[int | None] = [None] * len(lines)
    closers: dict[str, list[tuple[int, int]]] = {"`": [], "~": []}  # (-length, line), farthest first
    for index in range(len(lines) - 1, -1, -1):
        fence = _FENCE_LINE.match(lines[index])
        if fence is None:
            continue
        marks = fence.group(1)
        stack = closers[marks[0]]
        # stack lengths shrink towards its end (the nearest line); the nearest long enough one is the
        # last with length >= len(marks), i.e. -length <= -len(marks)
        position = bisect.bisect_right(stack, (-len(marks), len(lines)))
        if position:
            found[index] = stack[position - 1][1]
        if not fence.group(2).strip():  # a bare fence can also close one
            while stack and -stack[-1][0] <= len(marks):
                stack.pop()
            stack.append((-len(marks), index))
    return found


def _inline_target(text: str, start: int) -> tuple[int, int, int]:
    """After `](`: (target start, target end, where the scan goes on); an empty span when the
    parenthesis holds no link target Markdown would accept."""
    i, n = start, len(text)
    while i < n and text[i] in " \t":
        i += 1
    if i < n and text[i] == "<":
        angle = _ANGLE_TARGET.match(text, i)
        if angle is None:
            return i, i, i + 1
        begin, end = angle.start(1), angle.end(1)
        after = angle.end()
    else:
        begin, depth = i, 0
        while i < n:
            char = text[i]
            if char in " \t\n":
                break
            if char == "\\":
                i += 2
                continue
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            i += 1
        end = after = min(i, n)
    rest = after
    while rest < n and text[rest] in " \t":
        rest += 1
    if begin == end or rest >= n or text[rest] not in ")\"'(\n":
        return begin, begin, max(after, start)
    return begin, end, after


def target_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every link and image target in Markdown `text`, in order, outside code."""
    if "](" not in text and "]:" not in text and "] :" not in text:
        return []
    code = _code_regions(text) if "`" in text or "~~~" in text else []
    spans: list[tuple[int, int]] = []

    code_starts = [begin for begin, _ in code]  # in order, not overlapping

    def in_code(position: int) -> bool:
        before = bisect.bisect_right(code_starts, position) - 1
        return before >= 0 and position < code[before][1]

    for reference in _REFERENCE.finditer(text):
        if not in_code(reference.start()):
            begin, end = reference.span(1)
            if text[begin] == "<":
                begin, end = begin + 1, end - 1
            if begin < end:
                spans.append((begin, end))

    regions = iter(code)
    region = next(regions, None)
    opened = 0  # '[' not yet closed in this paragraph
    position = 0
    while True:
        token = _TOKEN.search(text, position)
        if token is None:
            break
        at = token.start()
        while region is not None and region[1] <= at:
            region = next(regions, None)
        if region is not None and region[0] <= at:
            position = region[1]
            continue
        char = token.group()
        position = token.end()
        if char == "[":
            opened += 1
        elif char == "]":
            if opened:
                opened -= 1
                if text.startswith("(", at + 1):
                    begin, end, position = _inline_target(text, at + 2)
                    if begin < end:
                        spans.append((begin, end))
        elif char[0] == "\n":
            opened = 0
    return sorted(spans)


# ---- Step 1: read each link where it is written ----

@dataclass(frozen=True)
class _Source:
    """Where a YAML file sits, for resolving what it links to."""

    display: str
    folder: str  # relative to the project, '' at the top

    def relative(self, project_path: str) -> str:
        return posixpath.relpath(project_path, self.folder or ".")

    @property
    def named(self) -> str:
        return f"{self.folder}/" if self.folder else "the project's top folder"


def folder_of(display: str) -> str:
    folder = posixpath.dirname(display)
    return "" if folder in ("", ".") else folder


def localize(doc: YamlDoc, skip: Callable[[tuple], bool] = lambda path: False) -> list[Problem]:
    """Replace each relative link target in every text of `doc.data` by its marker, in place, and
    return the links that cannot work wherever the text is shown.

    `doc.display` is the file's path relative to the project, so its folder is where links start.
    Call it after every check of the text as written: a check that looks at link targets (a
    `javascript:` link) must see them, not markers. `skip(path)` leaves out fields whose checks
    come later; the loader that checks them calls this again afterwards.
    """
    source = _Source(doc.display, folder_of(doc.display))
    problems: list[Problem] = []

    def rewrite(text: str, where: tuple) -> str:
        if skip(where):
            return text
        found = PRIVATE_USE.search(text)
        if found:
            problems.append(_private_use(doc.display, doc.line_of(where), field_name(where), text, found))
            return text
        spans = target_spans(text)
        if not spans:
            return text
        if where and where[-1] in PLAIN_NAMES:
            problems.append(Problem(doc.display, doc.line_of(where), field_name(where),
                                    f"links to '{text[spans[0][0]:spans[0][1]]}', but a {where[-1]} names its page "
                                    "or heading in the navigation, the contents and the browser tab, where a link "
                                    "shows as its Markdown", f"write the {where[-1]} without a link; put the link in "
                                    "the text below it"))
            return text
        parts, end = [], 0
        for begin, stop in spans:
            parts.append(text[end:begin])
            parts.append(_marked(text[begin:stop], where))
            end = stop
        parts.append(text[end:])
        return "".join(parts)

    def _marked(written: str, where: tuple) -> str:
        if _absolute(written):
            return written  # the same from every page
        problem = _refused(written, source, doc.line_of(where), field_name(where))
        if problem:
            problems.append(problem)
            return written
        target, suffix = _split(written)
        if not target:
            return written
        project_path = posixpath.normpath(posixpath.join(source.folder, unquote(target)))
        if project_path == ".." or project_path.startswith(("../", "/")):
            problems.append(Problem(doc.display, doc.line_of(where), field_name(where),
                                    f"links to '{written}', which leads out of the project",
                                    f"link to a page of the site, written relative to {source.named} "
                                    f"(e.g. {source.relative('modules')}/ for the modules)"))
            return written
        return Link(project_path, suffix, written, doc.display, doc.line_of(where), field_name(where)).marker()

    _walk(doc.data, (), rewrite)
    return problems


def _decoded(written: str) -> str:
    """The target with entities decoded and Markdown escapes and spaces dropped, as a browser reads it."""
    return re.sub(r"\\(?=[!-/:-@\[-`{-~])|\s", "", html.unescape(written))


def _split(written: str) -> tuple[str, str]:
    """('../x.md', '#anchor') from '../x.md#anchor'; a query stays with the anchor."""
    cut = min((i for i in (written.find("?"), written.find("#")) if i != -1), default=len(written))
    return written[:cut], written[cut:]


def _absolute(written: str) -> bool:
    """An absolute URL, also when spelled with entities (`jav&#x61;script:` is a scheme, not a file
    name: the unsafe-HTML checks judge it)."""
    return bool(_SCHEME.match(written) or written.startswith("//") or _SCHEME.match(_decoded(written)))


def _refused(written: str, source: _Source, line: int, field: str) -> Problem | None:
    """Relative links that no rewriting can make work on every page that shows the text."""
    if written.startswith(("/", "\\")):
        page = posixpath.normpath(written.lstrip("/\\")) or "index.md"
        return Problem(source.display, line, field,
                       f"links to '{written}', an address from the site's root, which breaks when the site "
                       "is served from a folder or opened from the offline copy",
                       f"write the path relative to {source.named}, e.g. {source.relative(page)}")
    if written.startswith("#") and len(written) > 1:
        own = posixpath.basename(source.display)
        return Problem(source.display, line, field,
                       f"links to '{written}' alone, but YAML text is shown on more than one page (a quiz "
                       f"and its answer key, a plan and its print pack), and '{written}' would mean each of them",
                       f"name the page, written relative to {source.named}, e.g. {own}{written} (the page "
                       "made from this file)")
    return None


def _walk(node: Any, path: tuple, rewrite: Callable[[str, tuple], str]) -> None:
    """Rewrite every text value below `node` in place (YAML nesting is bounded, so recursion is)."""
    if isinstance(node, dict):
        items = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    else:
        return
    for key, value in items:
        if isinstance(value, str):
            node[key] = rewrite(value, path + (key,))
        else:
            _walk(value, path + (key,), rewrite)
