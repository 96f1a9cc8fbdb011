"""Links in YAML text are written relative to the YAML file and work on every page that shows the
text: the scan that finds them, the markers that carry them, where each leads, and real builds."""

from __future__ import annotations

import dataclasses
import json
import posixpath
import re
import shutil
import time
from pathlib import Path

import pytest
from test_training import CHECK as TRAINING_CHECK

from common_agenda import yaml_links
from common_agenda.link_targets import Targets, place_on, problems, targets
from common_agenda.modules import load_module
from common_agenda.preflight import load_checked
from common_agenda.problems import ContentError
from common_agenda.yaml_links import (
    END,
    START,
    Link,
    as_written,
    links_in,
    localize,
    marker_problems,
    replace_links,
    target_spans,
)
from common_agenda.yaml_source import parse_yaml
from sitekit import REPO, quiz_text


def found(text: str) -> list[str]:
    return [text[begin:end] for begin, end in target_spans(text)]


# ---- The scan: what Markdown reads as a link target, and nothing else ----

@pytest.mark.parametrize("text, targets_found", [
    ('See [a](../x.md) and ![i](../img.png "title").', ["../x.md", "../img.png"]),
    ("[a](<../a b.md>) and [b]( spaced.md )", ["../a b.md", "spaced.md"]),
    ("[a](x(1).md) [b](y.md 'title')", ["x(1).md", "y.md"]),
    ("[![badge](a.png)](b.md)", ["a.png", "b.md"]),
    ("[a](x.md#frag) [b](#only) [c](https://e.org) [d](mailto:a@b.org)", ["x.md#frag", "#only", "https://e.org", "mailto:a@b.org"]),
    ('[ref]: ../ref.md "t"\n[^1]: a footnote, not a link\n*[MOU]: an abbreviation', ["../ref.md"]),
    # code is shown as text, links and all; an unclosed fence is no code (Markdown shows it as text)
    ("`[a](../code.md)` and [b](real.md)", ["real.md"]),
    ("```\n[a](fenced.md)\n```\n[b](after.md)", ["after.md"]),
    ("~~~~\n[a](fenced.md)\n~~~\n~~~~\n[b](after.md)", ["after.md"]),
    ("```\n[a](unclosed.md)\n", ["unclosed.md"]),
    ("````x\n```\n[a](inside.md)\n`````\n[b](after.md)\n```y\n[c](unclosed.md)", ["after.md", "unclosed.md"]),
    # escaped brackets, a paragraph break and a parenthesis with no target make no link
    ("\\[a](not.md) [b\\](x) [c](yes.md)", ["yes.md"]),
    ("[a paragraph\n\nlater](no.md)", []),
    ("[a](x y z) and text](no.md)", []),
])
def test_the_scan_finds_link_targets_as_markdown_reads_them(text, targets_found):
    assert found(text) == targets_found


@pytest.mark.parametrize("hostile", [
    "](" * 150_000, "[a](b" * 60_000, "[" * 100_000 + "](" * 100_000, "](<" * 100_000,
    "[a](<" * 60_000, "`" * 100_000 + "[a](b)", ("[a](" + "(" * 1_000) * 300, "[x]: y\n" * 40_000,
    # fences that never close (12 s for 4,000 lines when each was followed to the end)
    "```x\n" * 100_000 + "[a](b)", "`a` ](\n[x]: y\n" * 40_000, "".join("`" * n + "\n" for n in range(1_400, 2, -1)) + "[a](b)",
])
def test_the_scan_is_linear_on_hostile_text(hostile):
    started = time.perf_counter()
    target_spans(hostile)
    assert time.perf_counter() - started < 1.5, "each search stops at the next bracket, space or line end"


# ---- Step 1: links are read where they are written ----

QUIZ_TEXT = """\
id: x
intro: |
  See [the module](../modules/timelines.md#a-section "its title") and ![a chart](../docs/assets/chart.png).
  Also [the site](https://example.org/a.md), [mail](mailto:a@example.org), [call](tel:+15550100),
  [elsewhere](//example.org/x.md) and `[code](../code.md)`.

  [ref]: ../quizzes/other.yml
questions:
  - feedback: "[another quiz](other.yml?x=1#q-two)"
"""


def localized(text: str, display: str):
    doc, found_problems = parse_yaml(text, display)
    assert doc is not None and not found_problems
    return doc, localize(doc)


def test_relative_links_are_marked_with_their_project_path_and_everything_else_is_left_alone():
    doc, found_problems = localized(QUIZ_TEXT, "quizzes/x.yml")
    assert found_problems == []
    intro, feedback = doc.data["intro"], doc.data["questions"][0]["feedback"]
    assert [(link.path, link.suffix, link.written, link.line, link.field) for link in links_in(intro)] == [
        ("modules/timelines.md", "#a-section", "../modules/timelines.md#a-section", 2, "intro"),
        ("docs/assets/chart.png", "", "../docs/assets/chart.png", 2, "intro"),
        ("quizzes/other.yml", "", "../quizzes/other.yml", 2, "intro")]
    assert [(link.path, link.suffix, link.field) for link in links_in(feedback)] == [
        ("quizzes/other.yml", "?x=1#q-two", "questions[0].feedback")]
    for kept in ("(https://example.org/a.md)", "(mailto:a@example.org)", "(tel:+15550100)",
                 "(//example.org/x.md)", "`[code](../code.md)`", '"its title")'):
        assert kept in intro
    # The marker hides the path from every check that reads the text: no letters, no brackets, no '.md'.
    assert not re.search(r"\.md|[A-Za-z/]", "".join(re.findall(START + ".*?" + END, intro)))
    # A tooltip, which is no page, shows the text as it was written.
    original, _ = parse_yaml(QUIZ_TEXT, "quizzes/x.yml")
    assert as_written(intro) == original.data["intro"] and as_written(feedback) == original.data["questions"][0]["feedback"]


def test_a_link_from_the_top_folder_or_from_two_folders_down_starts_there():
    doc, _ = localized("module_notes:\n  a: '[x](modules/a.md) [y](docs/first-meeting.md)'\n", "local.yml")
    assert [link.path for link in links_in(doc.data["module_notes"]["a"])] == ["modules/a.md", "docs/first-meeting.md"]
    doc, _ = localized("notes: '[x](../../modules/a.md) [y](../first-meeting.md)'\n", "training/duties/ny.yml")
    assert [link.path for link in links_in(doc.data["notes"])] == ["modules/a.md", "training/first-meeting.md"]


def test_a_scheme_spelled_with_entities_is_no_file_name_and_is_left_for_the_unsafe_html_check():
    doc, found_problems = localized("a: '[x](jav&#x61;script:alert(1))'\n", "quizzes/x.yml")
    assert found_problems == [] and doc.data["a"] == "[x](jav&#x61;script:alert(1))"


@pytest.mark.parametrize("display, text, message", [
    ("training/scenarios/s.yml", "notes: |\n  Read the [password file](../../../etc/passwd).\n",
     "training/scenarios/s.yml:1: notes: links to '../../../etc/passwd', which leads out of the project — link to a "
     "page of the site, written relative to training/scenarios/ (e.g. ../../modules/ for the modules)"),
    ("quizzes/x.yml", "a: '[x](%2Fetc%2Fpasswd)'\n",
     "quizzes/x.yml:1: a: links to '%2Fetc%2Fpasswd', which leads out of the project — link to a page of the site, "
     "written relative to quizzes/ (e.g. ../modules/ for the modules)"),
    ("quizzes/x.yml", "q:\n  - f: '[x](/modules/timelines.md)'\n",
     "quizzes/x.yml:2: q[0].f: links to '/modules/timelines.md', an address from the site's root, which breaks when "
     "the site is served from a folder or opened from the offline copy — write the path relative to quizzes/, "
     "e.g. ../modules/timelines.md"),
    ("local.yml", "a: '[x](/local-contacts.md)'\n",
     "local.yml:1: a: links to '/local-contacts.md', an address from the site's root, which breaks when the site is "
     "served from a folder or opened from the offline copy — write the path relative to the project's top folder, "
     "e.g. local-contacts.md"),
    ("quizzes/x.yml", "a: '[question 2](#q-two)'\n",
     "quizzes/x.yml:1: a: links to '#q-two' alone, but YAML text is shown on more than one page (a quiz and its "
     "answer key, a plan and its print pack), and '#q-two' would mean each of them — name the page, written "
     "relative to quizzes/, e.g. x.yml#q-two (the page made from this file)"),
    ("quizzes/x.yml", "title: 'Check yourself: [Timelines](../modules/timelines.md)'\n",
     "quizzes/x.yml:1: title: links to '../modules/timelines.md', but a title names its page or heading in the "
     "navigation, the contents and the browser tab, where a link shows as its Markdown — write the title without a "
     "link; put the link in the text below it"),
    ("quizzes/x.yml", "a: \"odd \\ue000 text\"\n",
     "quizzes/x.yml:1: a: contains U+E000, a private-use character: it has no agreed meaning (most fonts show an "
     "empty box), and the build uses such characters to mark links — delete it, or type the character you meant"),
    ("quizzes/x.yml", "a:\n  - \"\\uf8ff \\U000F0041 and \\U0010FFFD\"\n",
     "quizzes/x.yml:2: a[0]: contains U+F8FF and 2 more private-use characters: they have no agreed meaning (most "
     "fonts show an empty box), and the build uses such characters to mark links — delete them, or type the "
     "characters you meant"),
])
def test_links_no_page_could_show_rightly_are_refused_at_their_line(display, text, message):
    doc, _ = parse_yaml(text, display)
    assert [str(p) for p in localize(doc)] == [message]


# ---- Markers: only this process's own are believed, and reading one never fails ----

def chars(data: bytes) -> str:
    return "".join(chr(0xF0000 + byte) for byte in data)


FIELDS = ["modules/nowhere.md", "", "nowhere.md", "modules/x.yml", 3, "intro"]
HAND_MADE = {
    # what the red team wrote (issue 13): the old form, fields and no tag, blamed on modules/x.yml:3
    "old form, no tag": START + chars("\x1f".join(map(str, FIELDS)).encode()) + END,
    "made-up tag": START + chars(bytes(16) + json.dumps(FIELDS).encode()) + END,
    "empty": START + END,
    "shorter than a tag": START + chars(b"abc") + END,
    "not UTF-8": START + chars(b"\xff" * 40) + END,
    "never closed": START + chars(bytes(40)),
    "other characters inside": START + "modules/x.md" + END,
    "an end alone": END + chars(bytes(40)) + END,
}


@pytest.mark.parametrize("marker", HAND_MADE.values(), ids=HAND_MADE.keys())
def test_a_marker_this_process_did_not_make_is_no_link_and_never_an_error(marker):
    text = f"See [a]({marker}) here."
    assert list(links_in(text)) == []
    assert replace_links(text, lambda link: "REPLACED") == text
    assert as_written(text) == text
    assert place_on(text, "quizzes/timelines.md", KNOWN) == text


def test_a_marker_made_with_another_key_is_not_believed(monkeypatch):
    """Another process (or an author who copied a marker out of one) has another key."""
    link = Link(*FIELDS)
    mine = link.marker()
    monkeypatch.setattr(yaml_links, "_KEY", bytes(32))
    theirs = link.marker()
    monkeypatch.undo()
    assert len(theirs) == len(mine) and theirs != mine
    assert list(links_in(theirs)) == [] and list(links_in(mine)) == [link]


def test_a_tagged_marker_with_fields_of_the_wrong_shape_is_still_no_link():
    """Not reachable without the key; shows that reading stays total past the tag check."""
    for fields in (b"\xff\xfe", b"not json", b"[1,2]", b'["a","b","c","d","3","f"]', b"{}"):
        marker = START + chars(yaml_links._tag(fields) + fields) + END
        assert list(links_in(marker)) == [] and replace_links(marker, str) == marker


def test_every_field_survives_the_marker_whatever_it_holds():
    link = Link("modules/a b.md", "?x=1#y", "a b.md\x1f\ud800\u00e9", "quizzes/x.yml", 12, "q[0].f")
    assert list(links_in("a " + link.marker() + " b")) == [link]


@pytest.mark.parametrize("text, first_line, message", [
    ("plain text\nno marker\n", 1, None),
    ("line one\nsee \ue000 here\n", 1, "x.md:2: body: contains U+E000 at column 5, a private-use character: it has no "
     "agreed meaning (most fonts show an empty box), and the build uses such characters to mark links — delete it, "
     "or type the character you meant"),
    ("\n\n\U000F0041\ue001 and \U0010FFFD", 20, "x.md:22: body: contains U+F0041 at column 1 and 2 more private-use "
     "characters: they have no agreed meaning (most fonts show an empty box), and the build uses such characters to "
     "mark links — delete them, or type the characters you meant"),
])
def test_a_private_use_character_in_markdown_is_found_at_its_line_and_column(text, first_line, message):
    found = [str(p) for p in marker_problems(text, "x.md", "body", first_line)]
    assert found == ([message] if message else [])


def test_a_module_body_with_a_hand_made_marker_is_refused_at_its_line_and_names_no_other_file(tmp_path):
    body = "\n## Why\n\nSee [the plan](" + HAND_MADE["old form, no tag"] + ").\n"
    text = MODULE_FRONT + body
    path = tmp_path / "x.md"
    path.write_text(text, encoding="utf-8")
    module, found = load_module(path, "modules/x.md", REPO / "schemas" / "module.schema.json")
    assert module is None
    line = text.splitlines().index("See [the plan](" + HAND_MADE["old form, no tag"] + ").") + 1
    assert [(p.file, p.line, p.field) for p in found] == [("modules/x.md", line, "body")]
    assert found[0].what.startswith("contains U+E000 at column 16 and ")


MODULE_FRONT = """---
id: x
title: X
summary: A module.
audiences: [police, provider]
minutes: 20
objectives: [Name the goals both groups share., Explain why each role matters.]
covers: [A1]
sources:
  - {title: A guide, publisher: An agency, url: "https://example.org/", supports: it, primary: true}
reviewed: 2026-12-01
---
"""


# ---- Steps 2 and 3: where a path leads, and the path from each page ----

KNOWN = Targets(
    made_from={"modules/timelines.md": "modules/timelines.md", "quizzes/t.yml": "quizzes/timelines.md",
               "modules/glossary.yml": "glossary.md", "training/checks.yml": "training/check.md"},
    docs_prefix="docs",
    pages=frozenset({"modules/timelines.md", "quizzes/timelines.md", "glossary.md", "training/check.md",
                     "first-meeting.md", "assets/a b.png", "sources.md", "training/answer-keys/timelines.md"}))


@pytest.mark.parametrize("path, page", [
    ("quizzes/t.yml", "quizzes/timelines.md"),     # the page made from a content file, wherever its id puts it
    ("modules/timelines.md", "modules/timelines.md"),
    ("docs/first-meeting.md", "first-meeting.md"),  # a file in the docs folder
    ("first-meeting.md", "first-meeting.md"),       # a page's address, from the same place among the pages
    ("sources.md", "sources.md"),
    ("training/answer-keys/timelines.md", "training/answer-keys/timelines.md"),
])
def test_a_path_leads_to_the_page_made_from_it_a_docs_file_or_a_page_address(path, page):
    assert KNOWN.exists(path) and KNOWN.page_of(path) == page


@pytest.mark.parametrize("path", ["quizzes/timelines.yml", "modules/curriculum.yml", "docs/sources-list.md",
                                  "training/first-meeting.md", "modules"])
def test_a_path_to_no_page_leads_nowhere(path):
    assert not KNOWN.exists(path)


def test_each_page_gets_the_path_from_itself_to_the_target():
    doc, _ = localized("a: 'See [t](../modules/timelines.md#ask \"t\"), ![c](../docs/assets/a%20b.png) and "
                       "[q](t.yml?x#q-two).'\n", "quizzes/t.yml")
    text = doc.data["a"]
    assert place_on(text, "quizzes/timelines.md", KNOWN) == (
        'See [t](../modules/timelines.md#ask "t"), ![c](../assets/a%20b.png) and [q](timelines.md?x#q-two).')
    assert place_on(text, "training/answer-keys/timelines.md", KNOWN) == (
        'See [t](../../modules/timelines.md#ask "t"), ![c](../../assets/a%20b.png) and '
        '[q](../../quizzes/timelines.md?x#q-two).')
    assert place_on(text, "glossary.md", KNOWN) == (
        'See [t](modules/timelines.md#ask "t"), ![c](assets/a%20b.png) and [q](quizzes/timelines.md?x#q-two).')


def test_a_link_that_leads_nowhere_is_put_back_as_written_for_mkdocs_to_report():
    doc, _ = localized("a: '[t](../modules/gone.md)'\n", "quizzes/t.yml")
    assert place_on(doc.data["a"], "training/answer-keys/timelines.md", KNOWN) == "[t](../modules/gone.md)"


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    for folder in ("modules", "quizzes", "training", "schemas", "docs"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def test_the_real_content_links_each_source_to_its_page(project):
    known = targets(load_checked(project), project / "docs")
    assert {source: known.page_of(source) for source in (
        "quizzes/timelines.yml", "training/scenarios/gone-cold.yml", "training/plans/half-day.yml",
        "training/duties/new-york.yml", "training/checks.yml", "training/evaluation.yml", "modules/glossary.yml",
        "training/mou-template.md", "docs/first-meeting.md", "docs/assets/quiz.css")} == {
        "quizzes/timelines.yml": "quizzes/timelines.md", "training/scenarios/gone-cold.yml": "training/scenarios/gone-cold.md",
        "training/plans/half-day.yml": "training/plans/half-day.md", "training/duties/new-york.yml": "duties/new-york.md",
        "training/checks.yml": "training/check.md", "training/evaluation.yml": "training/evaluation.md",
        "modules/glossary.yml": "glossary.md", "training/mou-template.md": "training/mou-template.md",
        "docs/first-meeting.md": "first-meeting.md", "docs/assets/quiz.css": "assets/quiz.css"}
    assert all(known.exists(source) for source in known.made_from)
    assert not known.exists("local.yml"), "no local.yml: the Local contacts page is made, but from no file"


def test_every_problem_of_the_content_is_found_at_once_with_a_suggested_path(project):
    edits = {
        "modules/glossary.yml": ("term: MOU\n  definition: ",
                                 "term: MOU\n  definition: See [the template](training/mou-template.md). "),
        "training/checks.yml": ("intro: ", "intro: Read [the brief](../first-meting.md) first. "),
        # a module anchor must be on the module page: its headings, and the page's own sections too
        "quizzes/shared-goals.yml": ("    explanation: Police and providers share one agenda",
                                     "    explanation: See [when missions clash](../modules/shared-goals.md#when-mission-clash), "
                                     "[its sources](../modules/shared-goals.md#sources-and-review) and [the quiz]"
                                     "(../modules/shared-goals.md#check-yourself). Police and providers share one agenda"),
    }
    for relative, (old, new) in edits.items():
        text = (project / relative).read_text(encoding="utf-8")
        assert old in text, relative
        (project / relative).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_checked(project)
    lines = [str(p) for p in caught.value.problems]
    assert len(lines) == 3, lines
    assert lines[0].startswith("modules/glossary.yml:") and lines[0].endswith(
        "links to 'training/mou-template.md', but no page or file of the site is at modules/training/mou-template.md"
        " — write the path relative to modules/, e.g. ../training/mou-template.md")
    assert lines[2].startswith("training/checks.yml:") and lines[2].endswith(
        "intro: links to '../first-meting.md', but no page or file of the site is at first-meting.md — write the path "
        "relative to training/, e.g. ../docs/first-meeting.md")
    assert lines[1].startswith("quizzes/shared-goals.yml:") and lines[1].endswith(
        "questions[0].explanation: links to '../modules/shared-goals.md#when-mission-clash', but modules/shared-goals.md "
        "has no heading or anchor 'when-mission-clash' — use the id of one of its headings, e.g. #when-missions-clash")


def test_a_hand_made_marker_that_got_past_every_loader_still_names_no_file(project):
    """The loaders refuse private-use characters; should one ever be missed, step 2 reports nothing
    from a marker it did not make, and step 3 places nothing."""
    content = load_checked(project)
    forged = {name: f"[a]({marker})" for name, marker in HAND_MADE.items()}
    first = dataclasses.replace(content.modules[0], body=content.modules[0].body + " ".join(forged.values()))
    content = dataclasses.replace(content, modules=(first,) + content.modules[1:])
    assert problems(content, project / "docs") == []
    for text in forged.values():
        assert place_on(text, "modules/x.md", targets(content, project / "docs")) == text


# ---- Real builds: one link, every page that shows it ----

# The training tests' check, with one link in a prompt, written from training/.
CHECK = TRAINING_CHECK.replace("prompt: Who does the police work?\n",
                               "prompt: Who does the police work? See [why it matters](../modules/shared-goals.md#why-it-matters).\n")
assert CHECK != TRAINING_CHECK

SCENARIO = """\
id: desk
title: The front desk
summary: Two partners plan a first call.
minutes: 20
covers: [A1]
modules: [shared-goals]
setting: This scenario is fictional. A detective and a case worker plan their first call.
roles:
  - {name: Detective Rui Alves, side: police, brief: You want to call the shelter before the next case.}
  - {name: "Mara Osei, case worker", side: provider, brief: You want to know what the detective will ask for.}
stages:
  - title: The call
    text: The detective calls. Both have read [the module](../../modules/shared-goals.md#why-it-matters).
    prompts: [What should each side say first?]
  - title: The follow-up
    text: A week later they talk again.
    prompts: [What should they agree next?]
debrief: [What made the call work?]
facilitator_notes: Keep it short.
"""

PLAN = """\
id: short
title: Short session
summary: A test plan for an MOU. Read [the home page](../../docs/index.md) first.
length: 60
start: "09:00"
blocks:
  - activity: pre-check
  - module: shared-goals
    note: Slides on [shared goals](../../modules/shared-goals.md).
  - scenario: desk
  - activity: break-short
"""

EXPLANATION = "Different means, one goal. See [why it matters](../modules/shared-goals.md#why-it-matters)."


def link_site(tiny_site, explanation: str = EXPLANATION):
    for module_id in ("shared-goals", "confidentiality", "tension-and-conflict"):
        tiny_site.add_module(module_id)
    tiny_site.write("quizzes/shared-goals.yml", quiz_text({"explanation: Different means, one goal.":
                                                            f"explanation: {explanation}"}))
    tiny_site.write("training/activities.yml", (REPO / "training/activities.yml").read_text(encoding="utf-8"))
    tiny_site.write("training/checks.yml", CHECK)
    tiny_site.write("training/scenarios/desk.yml", SCENARIO)
    tiny_site.write("training/plans/short.yml", PLAN)
    tiny_site.write("modules/glossary.yml", "- term: MOU\n  definition: A memorandum of understanding; see "
                                            "[why it matters](shared-goals.md#why-it-matters).\n")


def hrefs(html: str, text: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"[^>]*>' + re.escape(text) + "</a>", html)


def resolve(site: Path, page: str, href: str) -> tuple[Path, str]:
    """The built file a relative href on `page` leads to, and its anchor."""
    path, _, anchor = href.partition("#")
    path = path.split("?")[0]
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    file = site / target
    return (file / "index.html" if file.is_dir() else file), anchor


def test_one_link_written_from_the_yaml_file_works_on_every_page_that_shows_it(tiny_site):
    link_site(tiny_site)
    build = tiny_site.build()
    assert build.returncode == 0, build.output
    module = build.site / "modules/shared-goals/index.html"
    shows = {  # page: (link text, how many times it shows there)
        "quizzes/shared-goals/index.html": ("why it matters", 1),         # the quiz's explanation
        "training/answer-keys/shared-goals/index.html": ("why it matters", 1),  # its answer key
        "training/check/index.html": ("why it matters", 1),               # the check's prompt, online
        "training/check-sheet/index.html": ("why it matters", 1),         # on the question sheet
        "training/check-key/index.html": ("why it matters", 1),           # on the answer key
        "training/checks/short/index.html": ("why it matters", 1),        # the plan's own check
        "training/checks/short-sheet/index.html": ("why it matters", 1),
        "training/checks/short-key/index.html": ("why it matters", 1),
        "training/scenarios/desk/index.html": ("the module", 1),          # a scenario stage
        "training/handouts/desk/index.html": ("the module", 1),
        "training/plans/short/index.html": ("shared goals", 2),           # a plan block's note: agenda, script
        # the print pack: the agenda's note, the plan's question sheet and the scenario handout
        "training/plans/short-print-pack/index.html": ("shared goals", 1),
        "glossary/index.html": ("why it matters", 1),                     # a glossary definition
    }
    for page, (text, times) in shows.items():
        found_hrefs = hrefs(build.page(page), text)
        assert len(found_hrefs) == times, (page, found_hrefs)
        for href in found_hrefs:
            file, anchor = resolve(build.site, page, href)
            assert file == module, (page, href)
            assert not anchor or f'id="{anchor}"' in module.read_text(encoding="utf-8"), (page, href)
    pack = build.page("training/plans/short-print-pack/index.html")
    for text in ("why it matters", "the module"):  # the embedded question sheet and handout
        assert [resolve(build.site, "training/plans/short-print-pack/index.html", h)[0] for h in hrefs(pack, text)] == [module]
    (href,) = hrefs(build.page("training/plans/short/index.html"), "the home page")  # docs/index.md
    assert resolve(build.site, "training/plans/short/index.html", href)[0] == build.site / "index.html"
    # No marker reaches a built file, a tooltip shows the link as written.
    assert not [p for p in build.site.rglob("*.html") if START in p.read_text(encoding="utf-8")]
    assert ('<abbr title="A memorandum of understanding; see [why it matters](shared-goals.md#why-it-matters)." '
            'tabindex="0">MOU</abbr>') in build.page("training/plans/short/index.html")


def test_a_broken_link_stops_the_build_at_its_yaml_line_before_site_is_touched(tiny_site):
    link_site(tiny_site, "See [why it matters](modules/shared-goals.md#why-it-matters).")
    (tiny_site.root / "site").mkdir()
    (tiny_site.root / "site" / "index.html").write_text("the previous site\n", encoding="utf-8")
    build = tiny_site.build()
    assert build.returncode != 0 and "Traceback" not in build.output
    line = next(n for n, text in enumerate(quiz_text().splitlines(), 1) if "explanation: Different means" in text)
    assert (f"quizzes/shared-goals.yml:{line}: questions[0].explanation: links to "
            "'modules/shared-goals.md#why-it-matters', but no page or file of the site is at "
            "quizzes/modules/shared-goals.md — write the path relative to quizzes/, e.g. "
            "../modules/shared-goals.md#why-it-matters") in build.output
    assert sorted(p.name for p in (tiny_site.root / "site").iterdir()) == ["index.html"]
    assert (tiny_site.root / "site" / "index.html").read_text(encoding="utf-8") == "the previous site\n"
