"""Find HTML in author text that could run code in a reader's browser, or break the page around it.

Markdown passes raw HTML through, so a quiz prompt could carry a <script>. The check runs on
every prose field before anything is rendered. Code spans and fenced code are skipped for tag
names (Markdown shows them as text), but only where Markdown is sure to treat them as code:
never inside raw HTML blocks, where Markdown leaves backticks alone. Every `<name` counts as a
tag, as Markdown's inline HTML sees it, and attributes are read with quotes, as a browser does.
Event-handler attributes (in tags, or in attribute lists such as `{: onclick=... }`) and
javascript: links (entities decoded) are looked for in code too: Markdown puts code spans into
attributes and unwraps them in link targets. Text such as `&lt;img onerror=...&gt;` is only text.
Every pattern here runs in linear time: a hostile file must not stall the build.
This is the friendly first pass, with exact lines and familiar words. Whatever it passes is then
converted with the site's Markdown and held to the HTML allowlist (rendered_html, html_allowlist),
which judges the parsed HTML itself: a source reading can never predict every parser, so that
second check is the guarantee.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from typing import Any

from . import rendered_html
from .problems import Problem
from .rendered_html import Found
from .yaml_source import YamlDoc, field_name

# `<` then a tag name. Its attributes are read as a browser reads them (a quote opens a value
# only after `=`, and a quoted value may hold `>` or `<`), up to the closing `>` or a stray `<`.
_TAG_START = re.compile(r"<\s*(/\s*)?([A-Za-z][A-Za-z0-9-]*)")
_ATTRIBUTES = re.compile(r"[^\s/<>]*((?:[\s/]+|[^\s/<>=][^\s/<>=]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s<>]*))?)*)(>?)")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*|[^<>!\s]*@[^@<>\s]*)>")  # <https://...>, <a@b.org>
_COMMENT = re.compile(r"<!--|<!\[CDATA\[|<\?")
_EVENT_IN_TAG = re.compile(r"(?:^|[\s\"'/])(on[a-z]+)\s*=", re.I)
_EVENT_IN_LIST = re.compile(r"(?<![A-Za-z0-9_-])(on[a-z]+)\s*=", re.I)  # in `{...}` on one line


def _spaced(word: str) -> str:
    """Browsers drop tabs and line breaks inside a URL: java<tab>script: is still javascript:."""
    return r"\s*".join(re.escape(char) for char in word)


_SCRIPT_URL = re.compile("|".join(_spaced(w) for w in ("javascript:", "vbscript:", "data:text/html")), re.I)
_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_MARKDOWN_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_BACKTICKS = re.compile(r"`+")
# A tag or comment needs `<`, an attribute list `{`, a script URL `:` (or `&` for an entity of it).
_MAY_BE_UNSAFE = re.compile(r"[<{:&]")
_FENCE_OPEN = re.compile(r"(`{3,})[^`\n]*$|(~{3,}).*$")

RUNS_CODE = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
             "base", "link", "meta", "form", "svg", "math", "template", "portal", "fencedframe"}
INLINE_TEXT_TAGS = {"em", "strong", "b", "i", "u", "s", "code", "kbd", "br", "sub", "sup", "small",
                    "mark", "abbr", "q", "cite", "span", "wbr"}
# Tags Markdown keeps inside a paragraph, so code spans next to them are still code spans.
_PARAGRAPH_TAGS = INLINE_TEXT_TAGS | {"a", "img"}

FIX = "remove it: pages may not carry script, style or iframe tags, on* attributes or javascript: links"


def _code_regions(text: str) -> list[tuple[int, int]]:
    """Fenced code and one-line code spans, as Python-Markdown (with SuperFences) reads them.

    Only what Markdown is sure to show as code is returned: a fence opens at the start of a line
    and closes with the very same fence; an unclosed fence ends the search (what follows is
    checked). A code span stays on one line, and a backtick after a backslash opens none.
    """
    regions: list[tuple[int, int]] = []
    lines = text.split("\n")
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    index = 0
    while index < len(lines):
        line = lines[index]
        opened = _FENCE_OPEN.match(line)
        if opened:
            fence = opened.group(1) or opened.group(2)
            close = next((j for j in range(index + 1, len(lines)) if lines[j].rstrip() == fence), None)
            if close is None:
                break
            regions.append((starts[index], starts[close] + len(lines[close])))
            index = close + 1
            continue
        regions += [(starts[index] + a, starts[index] + b) for a, b in code_spans(line)]
        index += 1
    return regions


def code_spans(line: str) -> list[tuple[int, int]]:
    """Backtick runs paired with the next run of the same length on the line (a run after a backslash opens none)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    following: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):  # the next run of the same length, found in one pass
        length = runs[i][1] - runs[i][0]
        following[i] = last.get(length)
        last[length] = i
    spans, i = [], 0
    while i < len(runs):
        start = runs[i][0]
        if following[i] is None or (start and line[start - 1] == "\\"):
            i += 1
            continue
        spans.append((start, runs[following[i]][1]))
        i = following[i] + 1
    return spans


def _blank(text: str, regions: list[tuple[int, int]]) -> str:
    """Keep positions (and so line numbers) while hiding code from the checks."""
    parts, end = [], 0
    for start, stop in regions:
        parts.append(text[end:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:stop]))
        end = stop
    parts.append(text[end:])
    return "".join(parts)


def _decoded(text: str) -> str:
    """Entities decoded and Markdown escapes dropped, without changing how many lines there are."""
    text = _ENTITY.sub(lambda m: re.sub(r"[\t\n\r]", "", html.unescape(m.group())), text)
    return _MARKDOWN_ESCAPE.sub("", text)


def find(text: str, *, inline_only: bool) -> Found | None:
    """Describe the first unsafe thing in `text` and the 0-based line it is on, or None.

    `inline_only` also refuses structural tags (div, table, ...): quiz text sits inside the
    quiz's own markup, where a stray </fieldset> would break the form.
    """
    if not _MAY_BE_UNSAFE.search(text):
        return rendered_html.find(text)  # most prose: every source check below needs one of these characters

    def line(source: str, match: re.Match) -> int:
        return source.count("\n", 0, match.start())

    def tags(source: str) -> Iterator[tuple[re.Match, str, str]]:
        """(start, lowercase name, attributes) of every tag, closed or not."""
        for match in _TAG_START.finditer(source):
            if _AUTOLINK.match(source, match.start()):
                continue  # Markdown makes a link of it; a browser never sees it as a tag
            attributes = _ATTRIBUTES.match(source, match.end())
            spaced = source[match.start() + 1].isspace()
            if attributes.group(2) or not spaced:  # `<b` is a tag to a browser; `< b` only if it closes
                yield match, match.group(2).lower(), attributes.group(1)

    regions = _code_regions(text)
    plain = _blank(text, regions)
    if any(name not in _PARAGRAPH_TAGS for _, name, _ in tags(plain)):
        plain = text  # raw HTML blocks: Markdown leaves backticks inside them as they are

    for match, name, _ in tags(plain):
        if name in RUNS_CODE:
            return Found(f"contains a <{name}> tag", line(plain, match))
    for match, name, attributes in tags(text):
        if _EVENT_IN_TAG.search(attributes):
            return Found(f"contains an event-handler attribute in <{name}>", line(text, match))
    for number, source_line in enumerate(text.split("\n")):
        brace, close = source_line.find("{"), source_line.rfind("}")
        if 0 <= brace < close and (match := _EVENT_IN_LIST.search(source_line, brace, close)):
            return Found(f"contains an event-handler attribute in an attribute list ({match.group(1).lower()}=)", number)
    decoded = _decoded(text)
    if match := _SCRIPT_URL.search(decoded):
        return Found("contains a javascript: (or similar) link", line(decoded, match))
    for match, name, _ in tags(plain):
        if inline_only and name not in INLINE_TEXT_TAGS:
            closing = "/" if match.group(1) else ""
            return Found(f"contains an HTML <{closing}{name}> tag", line(plain, match))
    if inline_only and (match := _COMMENT.search(plain)):
        return Found("contains an HTML comment or processing instruction", line(plain, match))
    return rendered_html.find(text)


def strings(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every text value in parsed YAML, with its path, so each can be checked and located."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, path + (index,))


def problems_in(doc: YamlDoc, *, skip: Callable[[tuple], bool] = lambda path: False) -> list[Problem]:
    """Every text value of a YAML file, checked for anything that could run code when rendered."""
    problems = []
    for path, text in strings(doc.data):
        found = not skip(path) and find(text, inline_only=False)
        if found:
            problems.append(Problem(doc.display, doc.line_of(path), field_name(path), found.what, found.fix or FIX))
    return problems
