"""Read YAML content with the line of every value, so problems can point at the line to fix.

Each file is parsed once: the node tree gives line numbers and is then turned into plain data.
Anchors, aliases and merge keys are refused: content files are short and read by people, and
refusing them closes the door on "billion laughs" style input.

Nothing an author writes may crash the reader (issue 13). Three guards run before the parts of
PyYAML that can fail without a located message:

- **Depth**, before the node tree is built: libyaml's parser is iterative, but the C composer
  that builds nodes from its events recurses, and 30,000 nested `[` (or `{`, `- - -`, `? ? ?`)
  overflow the C stack and kill the interpreter with no message (measured: 5,000 levels give a
  RecursionError, 30,000 a segmentation fault). `_too_deep` walks the event stream (no
  recursion; 300,000 levels read in well under a second) and stops at the first node deeper than
  MAX_DEPTH. It costs about as much as composing (11 ms for all 30 YAML files of the site).
- **Tags**: an explicit tag (`!!int word`, `!!float x`, `!!binary ???`, `!!timestamp nope`,
  `!!set`, `!!python/...`) is refused at its line before any constructor runs; plain scalars that
  YAML 1.1 reads as a date, `=` or `<<` stay text as written (`2026-02-30` is then reported by the
  field's own check, not raised by the date constructor).
- **Numbers**: a plain number longer than MAX_NUMBER_CHARS is refused (Python refuses to turn a
  decimal string of more than 4,300 digits into an int, and a huge hex number breaks any message
  that prints it); every other number, true/false or null is constructed on its own first, so a
  value such as `0x_` or `0b_` (which the YAML 1.1 resolver takes for a number) is a located
  problem, not a ValueError. A number must also be spelled in plain decimal digits: YAML 1.1 reads
  `070` as 56, `0x46`, `1:10` (base 60) and `7_0` as 70, and a pass mark or a length in minutes
  misread that way passes every other check (a time written `9:30` unquoted is refused here too).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import markdown_shape
from .problems import Problem

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_NUMBER_CHARS = 20  # the longest number in the content is 4 characters; ints over 4,300 digits raise
STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
NUMBER_TAGS = {"tag:yaml.org,2002:int": "a whole number", "tag:yaml.org,2002:float": "a number"}
PLAIN_TAGS = {STR_TAG, "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", *NUMBER_TAGS}
# What YAML accepts in a stream; anything else (control characters) is refused by the reader.
_NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")

Path_ = tuple[Any, ...]


@dataclass
class YamlDoc:
    """Plain data plus where each part of it was written."""

    data: Any
    display: str
    lines: dict[Path_, int] = field(default_factory=dict)
    first_line: int = 1
    written: dict[Path_, str] = field(default_factory=dict)  # plain scalars YAML reads as other than text
    has_float: bool = False  # JSON Schema counts 25.0 as an integer; schema_check then checks types strictly


    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest written ancestor (a missing key has no line)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), self.first_line)


def field_name(path: Path_) -> str:
    """Render a data path the way an author reads it: questions[2].options[0].id."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file; a BOM is tolerated because some Windows editors add one unasked."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(display, 1, "file", f"cannot be read ({error.strerror})",
                              "check the file exists and is readable")]
    if len(raw) > MAX_BYTES:
        return None, [Problem(display, 1, "file", f"is too large ({len(raw):,} bytes, the limit is {MAX_BYTES:,})",
                              "split it into smaller files")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(display, line, "file",
                              f"is not UTF-8 text (byte 0x{raw[error.start]:02x} at position {error.start})",
                              "save the file with UTF-8 encoding")]
    if "\x00" in text:
        return None, [Problem(display, text[: text.index("\x00")].count("\n") + 1, "file",
                              "contains a NUL character", "save the file as plain UTF-8 text")]
    return text, []


_HINTS = (
    ("mapping values are not allowed", "", "put text that contains ': ' in quotes, or check the indentation"),
    ("could not find expected ':'", "", "check the line has 'key: value' and that quotes are closed"),
    ("expected <block end>", "", "line the item up with the others at the same level (spaces only)"),
    ("found undefined alias", "", "write the value out in full: aliases (*name) are not supported"),
    ("found unexpected end of stream", "", "close the quote or bracket that was opened"),
    ("did not find expected ',' or ']'", "", "close the list with ']' and separate items with commas"),
    ("did not find expected ',' or '}'", "", "close the group with '}' and separate fields with commas"),
    ("found unknown escape character", "", "use single quotes, or double the backslash"),
    ("did not find expected key", "", "line the item up with the others at the same level (spaces only)"),
    ("did not find expected '-' indicator", "", "start every list item with '- ' at the same indentation"),
    ("expected a single document", "", "remove the extra '---' line: one file holds one document"),
    ("found character that cannot start any token", "", "put the text in quotes"),
)


def _hint(message: str) -> str:
    for needle, also, hint in _HINTS:
        if needle in message and also in message:
            return hint
    return "fix the YAML syntax on this line (quote text that has special characters)"


def parse_yaml(text: str, display: str, *, line_offset: int = 0, what: str = "YAML") -> tuple[YamlDoc | None, list[Problem]]:
    """Parse one YAML document. `line_offset` shifts lines when the YAML sits inside a larger file."""
    deep = _too_deep(text, display, line_offset)
    if deep:
        return None, deep
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(display, 1 + line_offset, what, "is empty", "write the fields the file needs")]
        doc = YamlDoc(None, display, first_line=node.start_mark.line + 1 + line_offset)
        problems = _record_lines(node, doc, line_offset, loader)
        if problems:
            return None, problems
        doc.data = loader.construct_document(node)
        return doc, []
    except (ValueError, TypeError, KeyError, OverflowError) as error:  # last resort: every known case is refused above
        return None, [Problem(display, 1 + line_offset, what, f"cannot be read ({type(error).__name__}: {str(error)[:120]})",
                              "put values that are text in quotes and remove any YAML tag (!!...)")]
    except yaml.MarkedYAMLError as error:
        message = " ".join(part for part in (error.context, error.problem) if part).replace("\t", "\\t")
        mark = error.problem_mark or error.context_mark
        if ("end of stream" in message or "flow" in message) and error.context_mark:
            mark = error.context_mark  # an unclosed quote or bracket: point at where it opened
        line_index = mark.line if mark else 0
        source_lines = text.splitlines()
        offending = source_lines[line_index] if line_index < len(source_lines) else ""
        hint = "YAML does not allow tabs: indent with spaces" if "\t" in offending else _hint(message)
        return None, [Problem(display, line_index + 1 + line_offset, what, f"YAML syntax error: {message}", hint)]
    except yaml.reader.ReaderError as error:
        found = _NOT_PRINTABLE.search(text)
        if found is None:
            return None, [Problem(display, 1 + line_offset, what, f"YAML error: {error.reason}", _hint(error.reason))]
        return None, [Problem(display, text.count("\n", 0, found.start()) + 1 + line_offset, what,
                              f"contains the invisible control character U+{ord(found.group()):04X}, which YAML does not allow",
                              "delete it (if you cannot see it, retype the line)")]
    except yaml.YAMLError as error:
        return None, [Problem(display, 1 + line_offset, what, f"YAML error: {error}", _hint(str(error)))]
    except RecursionError:
        return None, [Problem(display, 1 + line_offset, what, "is nested too deeply to read",
                              "flatten the structure: content files need only a few levels")]
    finally:
        loader.dispose()


def _tag_name(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _too_deep(text: str, display: str, offset: int) -> list[Problem]:
    """Read the event stream (iterative in libyaml) and refuse the first node nested more than
    MAX_DEPTH levels, before the recursive composer sees it. Syntax errors are left to the parse
    that follows, which reports them with their hints."""
    loader = Loader(text)
    stack: list[list] = []  # per open collection: [path, next index or key, expecting a key]
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                stack.pop()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            path: Path_ = ()
            if stack:
                frame = stack[-1]
                if frame[2] is None:  # a list: the next index
                    path = frame[0] + (frame[1],)
                    frame[1] += 1
                elif frame[2]:  # a key: remember it for its value
                    frame[1] = event.value if isinstance(event, yaml.ScalarEvent) else "?"
                    frame[2] = False
                    path = frame[0] + (frame[1],)
                else:
                    path = frame[0] + (frame[1],)
                    frame[2] = True
            if len(path) > MAX_DEPTH:
                return [Problem(display, event.start_mark.line + 1 + offset, field_name(path[:3]) + "...",
                                f"is nested more than {MAX_DEPTH} levels deep",
                                "flatten the structure: content files need only a few levels")]
            if isinstance(event, yaml.SequenceStartEvent):
                stack.append([path, 0, None])
            elif isinstance(event, yaml.MappingStartEvent):
                stack.append([path, None, True])
    except yaml.YAMLError:
        return []
    finally:
        loader.dispose()
    return []


def _scalar_problem(node: yaml.ScalarNode, path: Path_, line: int, doc: YamlDoc, loader) -> Problem | None:
    """Refuse an explicit tag, a number too long to convert, and a value its constructor rejects;
    plain scalars YAML 1.1 reads as dates, `=` or `<<` become text as written."""
    plain = not node.style
    implicit = loader.resolve(yaml.ScalarNode, node.value, (plain, not plain))
    name = field_name(path)
    if node.tag != implicit:
        return Problem(doc.display, line, name, f"uses the YAML tag {_tag_name(node.tag)}",
                       "remove the tag: write text (in quotes if it has special characters), a number, true or false")
    if node.tag not in PLAIN_TAGS:
        node.tag = STR_TAG  # dates stay text as written; a bad one (2026-02-30) is reported, not a crash
        return None
    if node.tag in NUMBER_TAGS and len(node.value) > MAX_NUMBER_CHARS:
        return Problem(doc.display, line, name,
                       f"is a number {len(node.value):,} characters long (the limit is {MAX_NUMBER_CHARS})",
                       "write a shorter number, or put the value in quotes if it is text")
    if node.tag != STR_TAG:
        try:
            value = loader.yaml_constructors[node.tag](loader, node)
        except (ValueError, TypeError, KeyError, OverflowError):
            return Problem(doc.display, line, name,
                           f"'{node.value}' looks like {NUMBER_TAGS.get(node.tag, 'a value')} to YAML but cannot be read as one",
                           "write a plain number, or put the value in quotes if it is text")
        if node.tag in NUMBER_TAGS and not node.style and not _DECIMAL[node.tag].fullmatch(node.value):
            plain = _plain_digits(node.value, value)
            return Problem(doc.display, line, name, f"'{node.value}' is read by YAML as {value} ({_spelling(node.value)})",
                           f'write the number in plain digits ({plain}), or quote it if it is text ("{node.value}")')
        if isinstance(value, float):
            doc.has_float = True
            if not math.isfinite(value):  # .nan passes every minimum and maximum, and is not valid JSON
                return Problem(doc.display, line, name, f"'{node.value}' is not a number content can use",
                               "write an ordinary number, or put the value in quotes if it is text")
    return None


# The spellings read as the number they show; YAML 1.1 also reads octal (070 is 56), 0x, 0o, 0b,
# base 60 (1:10 is 70) and '_' separators, which an author writing a pass mark does not expect.
_DECIMAL = {"tag:yaml.org,2002:int": re.compile(r"[-+]?(0|[1-9][0-9]*)"),
            "tag:yaml.org,2002:float": re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")}


def _spelling(written: str) -> str:
    digits = written.lstrip("+-")
    if ":" in digits:
        return "base 60: each ':' multiplies what comes before by 60"
    if "_" in digits:
        return "YAML drops the '_'"
    for prefix, base in (("0x", "hexadecimal"), ("0o", "octal"), ("0b", "binary")):
        if digits.lower().startswith(prefix):
            return f"'{digits[:2]}' makes it {base}"
    return "a leading 0 makes it octal"


def _plain_digits(written: str, value: Any) -> str:
    """What the author most likely meant: the digits as written when they look decimal, else the value read."""
    digits = written.replace("_", "")
    if re.fullmatch(r"[-+]?[0-9]+(\.[0-9]*)?", digits):
        sign = "-" if digits.startswith("-") else ""
        digits = digits.lstrip("+-").lstrip("0") or "0"
        return sign + ("0" + digits if digits.startswith(".") else digits)
    return str(value)


def _record_lines(root: yaml.Node, doc: YamlDoc, offset: int, loader) -> list[Problem]:
    """Walk the node tree without recursion, noting lines and refusing aliases and duplicate keys."""
    problems: list[Problem] = []
    aliases: list[Problem] = []
    seen: set[int] = set()
    bracket_cost = 0  # Markdown's link search over the file's texts (markdown_shape), one budget per file
    stack: list[tuple[yaml.Node, Path_]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        line = node.start_mark.line + 1 + offset
        if len(path) > MAX_DEPTH:
            return problems + [Problem(doc.display, line, field_name(path[:3]) + "...",
                                       f"is nested more than {MAX_DEPTH} levels deep",
                                       "flatten the structure: content files need only a few levels")]
        if id(node) in seen:
            # An alias shares the anchored node and its line: point at the field holding the alias instead.
            aliases.append(Problem(doc.display, doc.line_of(path), field_name(path),
                                   "uses a YAML alias (*name) or merge key (<<)",
                                   "write the value out in full: anchors and aliases are not supported"))
            continue
        seen.add(id(node))
        doc.lines.setdefault(path, line)
        if isinstance(node, yaml.ScalarNode):
            found = _scalar_problem(node, path, line, doc, loader)
            if found:
                problems.append(found)
                continue
            if node.tag == STR_TAG and "[" in node.value and bracket_cost <= markdown_shape.MAX_COST:
                bracket_cost += markdown_shape.cost(node.value)
                if bracket_cost > markdown_shape.MAX_COST:
                    problems.append(Problem(doc.display, line, field_name(path),
                                            f"brings the file's text to {bracket_cost:,} openers ([ ( < `) × characters, which "
                                            f"Markdown would take seconds to convert (limit: {markdown_shape.MAX_COST:,})",
                                            markdown_shape.FIX))
        elif node.tag not in (MAP_TAG, SEQ_TAG):
            problems.append(Problem(doc.display, line, field_name(path), f"uses the YAML tag {_tag_name(node.tag)}",
                                    "remove the tag: write a plain list or group of fields"))
            continue
        if isinstance(node, yaml.ScalarNode) and node.tag != STR_TAG and not node.style:
            doc.written[path] = node.value
        children: list[tuple[yaml.Node, Path_]] = []
        if isinstance(node, yaml.MappingNode):
            keys: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1 + offset
                if key_node.tag == "tag:yaml.org,2002:merge":
                    problems.append(Problem(doc.display, key_line, field_name(path),
                                            "uses a YAML merge key (<<)",
                                            "write the fields out in full: merge keys are not supported"))
                    continue
                if not isinstance(key_node, yaml.ScalarNode):
                    problems.append(Problem(doc.display, key_line, field_name(path),
                                            "has a list or a group of fields as a field name",
                                            "write each field name as plain text, followed by ':'"))
                    continue
                key_node.tag = STR_TAG  # field names are text as written: `1:`, `yes:` and `null:` too
                key = key_node.value
                if key in keys:
                    problems.append(Problem(doc.display, key_line, field_name(path + (key,)),
                                            f"is written twice (first on line {keys[key]})",
                                            "keep one of them: YAML would silently drop the first"))
                    continue
                keys[key] = key_line
                doc.lines[path + (key,)] = key_line
                children.append((value_node, path + (key,)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                children.append((item, path + (index,)))
        stack.extend(reversed(children))  # visit in document order, so the alias is the one reported
    if len(aliases) > 1:  # one line for an alias bomb, not thousands
        first = aliases[0]
        aliases = [Problem(first.file, first.line, first.field, first.what,
                           f"{first.fix} ({len(aliases) - 1} more aliases follow in this file)")]
    return problems + aliases
