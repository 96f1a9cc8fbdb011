"""The front matter of a page in the docs folder: only the few fields the site needs (issue 13).

MkDocs hands a page's front matter to the theme as `page.meta`, and Material writes several of its
fields into the page as they are, unescaped (`subtitle`, `status`, `author`; `tags` into the search
results), takes `icon:` as the path of a template to include (a path gave a TemplateNotFound
traceback), and renders the page with any template it names: `template: redirect.html` with
`location: https://evil.example/` sent every reader elsewhere. Our own `ca_assets: [...]` becomes
`<script src="../assets/<name>.js">`, and `["../notes.txt#"]` loaded a text file as a script; no
page in docs/ uses it (the build's own quiz, check and plan pages name theirs in our templates).
So a docs page may hold only what schemas/docs-page.schema.json lists (title, description,
search, hide), and its title and description are plain words.

The front matter is found as MkDocs finds it (mkdocs.utils.meta.get_data): a first line `---`,
YAML, then `---` or `...`; failing that, MultiMarkdown's `name: value` lines at the very top, up
to the first empty line, which MkDocs reads as settings too. The YAML is read with the project's
safe reader (yaml_source: depth, tag and number limits), so hostile front matter is a located
problem, never a crash. The same holds for the MOU template, which becomes a page the same way.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from . import schema_check
from .problems import Problem
from .yaml_source import YamlDoc, parse_yaml

# mkdocs.utils.meta, as MkDocs 1.6 writes them.
YAML_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")

SCHEMA = "docs-page"
TOP_LINES = ("MkDocs reads the 'name: value' lines at the very top of a page, up to the first empty line, "
             "as the page's settings")
# Why the fields people reach for first are refused, in words an author can weigh.
WHY = {
    "template": "would build the page from another template (redirect.html with location: sends readers to another site)",
    "location": "is the address Material's redirect template sends readers to",
    "subtitle": "is written into the page by Material as HTML, unescaped",
    "status": "is written into the page by Material as HTML, unescaped",
    "author": "is written into the page by Material as HTML, unescaped",
    "tags": "is written into the search results by Material as HTML, unescaped",
    "icon": "is read by Material as the path of a template file to include",
    "ca_assets": "loads page scripts, which only the build's own pages (quizzes, checks, plans) need",
}
PLAIN = "write it as plain words: no <, no HTML entities such as &lt; or &quot;, and no \" in a description"


def problems_in(text: str, display: str, schemas_dir: Path) -> list[Problem]:
    """Every problem in the front matter of one page's text (read as MkDocs reads it)."""
    doc, problems, top_lines = read(text, display)
    if doc is None:
        return problems
    note = f" ({TOP_LINES})" if top_lines else ""
    problems = schema_check.check(doc, schemas_dir / f"{SCHEMA}.schema.json")
    return [_explained(p, note) for p in problems] + _plain_words(doc)


def read(text: str, display: str) -> tuple[YamlDoc | None, list[Problem], bool]:
    """The page's metadata as MkDocs will see it (None when it has none), the problems that keep it
    from being read, and whether it came from MultiMarkdown's lines at the top."""
    text = _newlines(text)
    found = YAML_RE.match(text)
    if not found:
        data, lines, _ = _top_lines(text)
        return (YamlDoc(data, display, lines=lines) if data else None), [], True
    doc, problems = parse_yaml(found.group(1), display, line_offset=1, what="front matter")
    if problems:
        return None, [_empty(p) for p in problems], False
    if not isinstance(doc.data, dict):
        return None, [Problem(display, doc.first_line, "front matter",
                              f"must be a group of 'name: value' fields, got {_kind(doc.data)}",
                              "write 'name: value' lines between the two '---' lines (title, description, search, "
                              "hide), or remove the front matter")], False
    return doc, [], False


def body(text: str) -> str:
    """The text MkDocs converts into the page: the metadata lines it takes away are left empty, so
    every line keeps its number. The body checks must read this, not the whole file: a quoted
    description spanning lines can put a ``` fence at the start of a line, which hid the rest of
    the page from them although MkDocs never converts it. (A front matter MkDocs cannot read stays
    in its page as text, but that is refused above, so it is left out here too.)"""
    text = _newlines(text)
    found = YAML_RE.match(text)
    if found:
        return "\n" * text.count("\n", 0, found.end()) + text[found.end():]
    _, _, taken = _top_lines(text)
    return "\n" * taken + "\n".join(text.split("\n")[taken:])


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")  # MkDocs opens pages with universal newlines


def _top_lines(text: str) -> tuple[dict[str, str], dict[tuple, int], int]:
    """MultiMarkdown metadata as mkdocs.utils.meta reads it (every value is text), the line of each
    field, and how many lines MkDocs takes away with it (the empty line that ends it too)."""
    data: dict[str, str] = {}
    lines: dict[tuple, int] = {}
    key = None
    taken = 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip() == "":
            taken = number
            break
        if match := META_RE.match(line):
            key = match.group("key").lower().strip()
            value = match.group("value").strip()
            data[key] = f"{data[key]} {value}" if key in data else value
            lines.setdefault((key,), number)
        elif (more := META_MORE_RE.match(line)) and key:
            data[key] += " " + more.group("value").strip()
        else:
            break
        taken = number
    return data, lines, taken


def _explained(problem: Problem, note: str) -> Problem:
    """A refused field says why it is refused; every field name is shown on one printable line."""
    field = "".join(c if c.isprintable() else repr(c)[1:-1] for c in problem.field)
    field = field if len(field) <= 80 else field[:77] + "..."
    what = problem.what
    if what == "is not a known field" and problem.field in WHY:
        what = f"is not allowed on a page: it {WHY[problem.field]}"
    return Problem(problem.file, problem.line, field, what + note, problem.fix)


def _plain_words(doc: YamlDoc) -> list[Problem]:
    """Material writes the title into <title> (decoding entities) and the description into an
    attribute, both unescaped: a `<`, or an entity that decodes to `<` or `"`, would end them."""
    problems = []
    for key in ("title", "description"):
        value = doc.data.get(key)
        if not isinstance(value, str):
            continue
        decoded = html.unescape(value)
        quotes = '"' in decoded if key == "description" else decoded.count('"') > value.count('"')
        if "<" in decoded or quotes:
            problems.append(Problem(doc.display, doc.line_of((key,)), key,
                                    f"the page's {key} ({value[:60]!r}) would be written into the page as HTML, "
                                    "outside its content", PLAIN))
    return problems


def _empty(problem: Problem) -> Problem:
    if problem.what != "is empty":
        return problem
    return Problem(problem.file, problem.line, problem.field, "is empty",
                   "write fields between the two '---' lines, or remove both lines")


def _kind(data) -> str:
    if isinstance(data, list):
        return f"a list of {len(data)} item{'s' if len(data) != 1 else ''}"
    return f"text ({str(data)[:40]!r})" if isinstance(data, str) else f"a single value ({str(data)[:40]})"
