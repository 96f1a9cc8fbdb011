"""Property-based tests: whatever a quiz file holds, loading it gives a Quiz or problems an author
can act on (file, a positive line, a field, what is wrong, how to fix it), never a crash.

Hypothesis generates quiz structures with keys dropped, added and misspelt, values of the wrong
type, random Unicode, random nesting, and raw YAML text and bytes. Bounded so the file stays fast.
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from common_agenda import unsafe_html
from common_agenda.problems import Problem
from common_agenda.quizzes import Quiz, load_quiz
from common_agenda.yaml_source import YamlDoc, parse_yaml
from sitekit import QUIZ, REPO

SCHEMA = REPO / "schemas" / "quiz.schema.json"
DISPLAY = "quizzes/generated.yml"
VALID = yaml.safe_load(QUIZ)
BOUNDED = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

_folder = tempfile.TemporaryDirectory(prefix="quiz-properties-")
FILE = Path(_folder.name) / "generated.yml"
set_hypothesis_home_dir(Path(_folder.name) / "hypothesis")  # Hypothesis's caches stay out of the project


def assert_actionable(problems: list[Problem], display: str = DISPLAY) -> None:
    assert problems, "a refusal must say why"
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.file == display
        assert type(problem.line) is int and problem.line >= 1, problem
        for part in (problem.field, problem.what, problem.fix):
            assert isinstance(part, str) and part.strip(), problem
        assert "Traceback" not in str(problem)


def load_bytes(raw: bytes) -> tuple[Quiz | None, list[Problem]]:
    FILE.write_bytes(raw)
    quiz, problems = load_quiz(FILE, DISPLAY, SCHEMA)  # anything raised here fails the test
    if quiz is None:
        assert_actionable(problems)
    else:
        assert problems == []
        assert_sound(quiz)
    return quiz, problems


def assert_sound(quiz: Quiz) -> None:
    """A quiz that loads is one the pages can render: the rules the schema and loader promise hold."""
    assert isinstance(quiz.id, str) and isinstance(quiz.title, str) and isinstance(quiz.module, str)
    assert type(quiz.pass_mark) is int and 1 <= quiz.pass_mark <= 100
    assert isinstance(quiz.shuffle, bool) and quiz.questions
    for question in quiz.scored():
        correct = [o for o in question.options if o.correct]
        assert question.type in ("single", "multiple", "true_false")
        assert len(correct) == 1 if question.type in ("single", "true_false") else correct
        assert len({o.id for o in question.options}) == len(question.options)
        for text in (question.prompt, question.explanation, *(o.text for o in question.options),
                     *(o.feedback for o in question.options)):
            assert unsafe_html.find(text, inline_only=True) is None


def dump(data) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


# ---- Strategies ----

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.sampled_from(["", "yes", "no", "on", "off", "~", "null", "9:30", "0x1F", "1e3", "2026-11-23",
                     "<script>alert(1)</script>", "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>",
                     "&lt;script&gt;", "`<script>`", "single", "multiple", "true_false", "scenario", "A1", "B42"]),
)
keys = st.one_of(st.sampled_from(["id", "title", "module", "pass_mark", "intro", "shuffle", "questions", "type",
                                  "prompt", "covers", "options", "text", "correct", "feedback", "explanation",
                                  "passmark", "Questions", "__proto__", "<<", ""]),
                 st.text(max_size=12), st.integers(-5, 5), st.booleans(), st.none())
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(keys, inner, max_size=4)),
                      max_leaves=12)


def paths_in(data, path=()):
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths_in(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths_in(value, path + (index,))


@st.composite
def mutated_quizzes(draw):
    """The valid quiz with a few random edits: new text, or a value dropped, replaced, added or wrapped."""
    data = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(0, 4))):
        paths = [p for p in paths_in(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        action = draw(st.sampled_from(["retext", "retext", "drop", "replace", "add", "wrap"]))
        if action == "retext":  # often still a valid quiz: random Unicode in a prose field
            if isinstance(parent[last], str) and last in ("title", "intro", "prompt", "text", "feedback", "explanation"):
                parent[last] = draw(st.text(min_size=1, max_size=60).filter(str.strip))
        elif action == "drop":
            del parent[last]
        elif action == "replace":
            parent[last] = draw(values)
        elif action == "wrap":
            parent[last] = draw(st.sampled_from([[parent[last]], {"value": parent[last]}]))
        elif isinstance(parent, dict):
            parent[draw(keys)] = draw(values)
        else:
            parent.append(draw(values))
    return data


YAML_PIECES = ["id: q\n", "title: T\n", "module: m\n", "pass_mark: 70\n", "questions:\n", "  - ", "    ", "\t",
               "- ", ": ", "? ", "&a ", "*a", "<<: ", "[", "]", "{", "}", ", ", "'", '"', "|\n", ">-\n", "---\n",
               "...\n", "%YAML 1.1\n", "!!python/object:os.system ", "!!binary ", "!!set ", "!custom ", "#", "\n",
               "\ufeff", "\x07", "\x85", "\u2028", "é", "😀", "\\", "x", "1", "true", "null", "~", "9:30"]


# ---- Properties ----

@BOUNDED
@given(mutated_quizzes())
def test_mutated_quizzes_load_or_explain(data):
    quiz, _ = load_bytes(dump(data))
    event("loaded" if quiz else "refused")


@BOUNDED
@given(values)
def test_any_structure_at_all_loads_or_explains(data):
    quiz, _ = load_bytes(dump(data))
    assert quiz is None  # nothing this random is a whole quiz


@BOUNDED
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=30).map("".join))
def test_yaml_like_text_loads_or_explains(text):
    load_bytes(text.encode("utf-8"))


@BOUNDED
@given(st.text(max_size=300))
def test_random_unicode_text_loads_or_explains(text):
    load_bytes(text.encode("utf-8", "surrogatepass"))


@BOUNDED
@given(st.binary(max_size=300))
def test_random_bytes_load_or_explain(raw):
    load_bytes(raw)


@BOUNDED
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=30).map("".join), st.integers(0, 50))
def test_parse_yaml_returns_a_document_or_problems(text, offset):
    doc, problems = parse_yaml(text, DISPLAY, line_offset=offset)
    if doc is None:
        assert_actionable(problems)
        assert all(p.line > offset for p in problems)
    else:
        assert isinstance(doc, YamlDoc) and problems == []
        for path in paths_in(doc.data):
            assert type(doc.line_of(path)) is int and doc.line_of(path) > offset


@BOUNDED
@given(st.integers(1, 60), st.sampled_from(["flow list", "flow map", "block list", "block map"]))
def test_nesting_of_any_depth_loads_or_explains(depth, style):
    if style == "flow list":
        nested = "[" * depth + "x" + "]" * depth
    elif style == "flow map":
        nested = "{a: " * depth + "x" + "}" * depth
    else:
        item = "- " if style == "block list" else "a:"
        nested = "".join("\n" + "  " * (level + 1) + item for level in range(depth)) + " x"
    load_bytes(f"id: q\nquestions: {nested}\n".encode())


# ---- What the HTML check lets through renders without live code ----

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.smartsymbols"]
HTML_PIECES = ["<script>alert(1)</script>", "`", "``", "\n```\n", "\n~~~\n", "\n", "\n\n", "<div>", "</div>",
               '<span title="', '"', "'", ">", "<img src=x onerror=alert(1)>", " onerror=alert(1) ", "<img",
               "<svg/onload=alert(1)>", "[x](", ")", "javascript:alert(1)", "&#106;avascript:alert(1)",
               "{: onclick=alert(1) }", "    ", "<p>", "\\", "x", '<a href="', "<section>", "<!--", "-->",
               "<em>", "</em>", "- ", "> ", "<details markdown=\"1\">", "data:text/html,x", "<b "]


@BOUNDED
@given(st.lists(st.sampled_from(HTML_PIECES), min_size=1, max_size=9).map("".join))
def test_prose_the_check_accepts_renders_without_live_code(text):
    from html.parser import HTMLParser

    assume(not unsafe_html.find(text, inline_only=False))
    live: list[str] = []

    class Scan(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in unsafe_html.RUNS_CODE:
                live.append(tag)
            for name, value in attrs:
                url = "".join((value or "").split()).lower()
                if name.startswith("on") or url.startswith(("javascript:", "vbscript:", "data:text/html")):
                    live.append(f"{name}={value}")

        handle_startendtag = handle_starttag

    scan = Scan(convert_charrefs=True)
    scan.feed(markdown.markdown(text, extensions=EXTENSIONS))
    scan.close()
    assert live == [], text


@pytest.mark.parametrize("text", ["<img/src=x/onerror=alert(1)>", '<span title="`" onmouseover=alert(1) x="`">x</span>',
                                  "[x](&#106;avascript:alert(1))", "    ```\n<script>alert(1)</script>\n    ```",
                                  "para\n{: onclick=alert(1) }", "<div>\n`<script>alert(1)</script>`\n</div>"])
def test_known_bypasses_are_caught(text):
    assert unsafe_html.find(text, inline_only=False)
