"""Check data against the JSON Schemas in `schemas/` and turn each failure into a Problem.

The schemas are the only place the shape of content is written. Each property's `description`
doubles as the "how to fix it" hint, so the hint an author reads and the documentation editors
show come from the same sentence.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from .problems import Problem
from .yaml_source import YamlDoc, field_name

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


@cache
def schema_of(schema_path: Path) -> dict:
    return json.loads(schema_path.read_text(encoding="utf-8"))


@cache
def validator_for(schema_path: Path) -> Draft202012Validator:
    """The explaining validator, built only when a file fails the fast path (jsonschema takes
    longer to import than a small site takes to build). tests/test_schema_check.py checks
    every schema against the metaschema."""
    from jsonschema import Draft202012Validator, validators

    # JSON Schema counts 25.0 as an integer; the code that uses minutes and lengths does not.
    strict = Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda checker, value: isinstance(value, int) and not isinstance(value, bool))
    return validators.extend(Draft202012Validator, type_checker=strict)(schema_of(schema_path))


# Keywords newer than draft 7, which fastjsonschema would silently ignore.
_NEWER_KEYWORDS = {"dependentSchemas", "dependentRequired", "unevaluatedProperties", "unevaluatedItems",
                   "prefixItems", "$dynamicRef", "$dynamicAnchor", "minContains", "maxContains"}


def _keywords(schema: Any) -> set[str]:
    if isinstance(schema, dict):
        return set(schema) | {k for value in schema.values() for k in _keywords(value)}
    if isinstance(schema, list):
        return {k for value in schema for k in _keywords(value)}
    return set()


@cache
def fast_validator_for(schema_path: Path):
    """A compiled validator that only says yes or no, about 25 times faster than jsonschema.

    Valid files, nearly all of them, pass through it alone; a file it rejects goes to jsonschema,
    which finds and explains every problem. A schema using keywords the compiler does not know
    gets no fast path, so a file can never pass here and fail there.
    """
    schema = schema_of(schema_path)
    if _keywords(schema) & _NEWER_KEYWORDS:
        return None
    return fastjsonschema.compile(schema)


def check(doc: YamlDoc, schema_path: Path, *, base_path: tuple = ()) -> list[Problem]:
    """All schema problems of one document. `base_path` prefixes paths when data is a part of the doc."""
    data = doc.data if not base_path else _dig(doc.data, base_path)
    fast = fast_validator_for(schema_path)
    if fast is not None and not doc.has_float:  # the fast path takes 25.0 for an integer
        try:
            fast(data)
            return []
        except fastjsonschema.JsonSchemaException:
            pass  # explained below
    validator = validator_for(schema_path)
    problems = []
    for error in validator.iter_errors(data):
        problems.extend(_describe(error, doc, base_path, validator.schema))
    return problems


def _dig(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _words(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int):
        return f"a whole number ({value})"
    if isinstance(value, float):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text ({shown!r})"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a group of fields"
    return f"a {type(value).__name__} ({value})"


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a group of 'name: value' fields",
    "null": "empty",
}


def _hint(schema: dict, fallback: str, lead: str = "write") -> str:
    """Turn the schema's description into an instruction: 'write a whole number: minutes, e.g. 25'."""
    description = schema.get("description")
    if not description:
        return fallback
    return f"{lead} {description}" if lead else description


def _describe_property(schema: Any, name: str) -> str | None:
    """A required field named in an if/then branch is described where its parent declares it."""
    if isinstance(schema, dict):
        prop = schema.get("properties", {}).get(name)
        if isinstance(prop, dict) and prop.get("description"):
            return prop["description"]
        for value in schema.values():
            found = _describe_property(value, name)
            if found:
                return found
    elif isinstance(schema, list):
        for value in schema:
            found = _describe_property(value, name)
            if found:
                return found
    return None


def _describe(error: ValidationError, doc: YamlDoc, base: tuple, root_schema: dict) -> list[Problem]:
    path = base + tuple(error.absolute_path)
    if "propertyNames" in error.relative_schema_path:
        path += (error.instance,)  # the name of a field is wrong: point at that field
    line = doc.line_of(path)
    kind = error.validator
    value = error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}
    here = field_name(path)

    def problem(field: str, what: str, fix: str, at: int | None = None) -> Problem:
        return Problem(doc.display, at or line, field, what, fix)

    if kind == "required":
        missing = [name for name in value if name not in error.instance]
        out = []
        for name in missing:
            description = schema.get("properties", {}).get(name, {}).get("description") or _describe_property(root_schema, name)
            fix = f"add '{name}:'" + (f" ({description})" if description else "")
            out.append(problem(field_name(path + (name,)), "is missing", fix))
        return out
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(schema.get("properties", {}))
        out = []
        for name in error.instance:
            if name in allowed:
                continue
            close = difflib.get_close_matches(str(name), allowed, n=1)
            fix = (f"did you mean '{close[0]}'? " if close else "remove it; ") + "allowed fields are " + ", ".join(allowed)
            out.append(problem(field_name(path + (name,)), "is not a known field", fix, doc.line_of(path + (name,))))
        return out
    if kind == "type":
        wanted = value if isinstance(value, list) else [value]
        expected = " or ".join(_TYPE_WORDS.get(t, t) for t in wanted)
        got = f"got {_words(error.instance)}"
        written = doc.written.get(path)
        number = isinstance(error.instance, (int, float)) and not isinstance(error.instance, bool)
        if number and written and written.lower() != str(error.instance).lower():
            got = f"but YAML reads {written} as {_words(error.instance)}"  # 9:30 is 570, 0x1F is 31
        fix = _hint(schema, f"write {expected}", f"write {expected}:")
        if number and wanted == ["string"]:  # the author meant text: the quotes are what a YAML newcomer lacks
            key = f"{path[-1]}: " if path and isinstance(path[-1], str) else ""
            fix = f'put it in quotes so YAML reads it as text, e.g. {key}"{written or error.instance}"' + (
                f"; {schema['description']}" if schema.get("description") else "")
        return [problem(here, f"must be {expected}, {got}", fix)]
    if kind == "enum":
        options = ", ".join(str(v) for v in value)
        return [problem(here, f"{_words(error.instance)} is not allowed", f"use one of: {options}")]
    if kind == "const":
        return [problem(here, f"must be {value!r}, got {_words(error.instance)}", _hint(schema, f"write {value!r}"))]
    if kind == "pattern":
        return [problem(here, f"{_words(error.instance)} is not in the expected form", _hint(schema, f"match the pattern {value}"))]
    if kind in ("minItems", "maxItems"):
        count = len(error.instance)
        if kind == "minItems":
            what = "is empty" if count == 0 else f"has {count} item{'s' if count != 1 else ''}, needs at least {value}"
            return [problem(here, what, _hint(schema, f"add items until there are at least {value}", "give"))]
        return [problem(here, f"has {count} items, allows at most {value}", _hint(schema, f"keep at most {value}", "give"))]
    if kind == "uniqueItems":
        seen, dupes = set(), []
        for item in error.instance:
            key = json.dumps(item, sort_keys=True, default=str)
            if key in seen:
                dupes.append(item)
            seen.add(key)
        shown = ", ".join(str(d) for d in dupes) or "a value"
        return [problem(here, f"lists {shown} more than once", "list each value once")]
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = {"minimum": "at least", "maximum": "at most",
                 "exclusiveMinimum": "more than", "exclusiveMaximum": "less than"}[kind]
        return [problem(here, f"is {error.instance}, must be {bound} {value}", f"use a value {bound} {value}")]
    if kind in ("minLength", "maxLength"):
        if kind == "minLength":
            return [problem(here, "is empty", _hint(schema, "write some text"))]
        return [problem(here, f"is {len(error.instance)} characters long, the limit is {value}", "shorten it")]
    if kind == "not" and isinstance(error.instance, dict):
        names = [n for n in value.get("required", []) if n in error.instance] if isinstance(value, dict) else []
        kind_name = error.instance.get("type", "this")
        return [problem(field_name(path + (name,)), f"is not used by a '{kind_name}' question",
                        _hint(schema, "remove it", ""), doc.line_of(path + (name,))) for name in names] or [
            problem(here, "has a field that does not belong here", _hint(schema, "remove it", ""))]
    if kind == "not" and not isinstance(error.instance, list):  # a reserved value, such as an id 'constructor'
        return [problem(here, f"{_words(error.instance)} is not allowed", _hint(schema, "use another value", ""))]
    if kind in ("oneOf", "anyOf"):
        return [problem(here, "does not match any allowed form", _hint(schema, "compare it with the schema", ""))]
    return [problem(here, error.message, _hint(schema, "compare it with the schema"))]
