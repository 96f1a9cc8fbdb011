"""Each quiz rule has a test with the exact message an author reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from common_agenda.quizzes import load_quiz
from sitekit import QUIZ, REPO, module_text, quiz_text

SCHEMA = REPO / "schemas" / "quiz.schema.json"


def problems_for(tmp_path: Path, text: str | bytes) -> list[str]:
    path = tmp_path / "roles.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    quiz, problems = load_quiz(path, "quizzes/roles.yml", SCHEMA)
    assert (quiz is None) == bool(problems)
    return [str(p) for p in problems]


def test_the_valid_quiz_loads_into_a_model(tmp_path):
    path = tmp_path / "q.yml"
    path.write_text(QUIZ)
    quiz, problems = load_quiz(path, "quizzes/q.yml", SCHEMA)
    assert problems == []
    assert [q.id for q in quiz.scored()] == ["q-single", "q-multiple", "q-tf", "q-case-1", "q-case-2"]
    assert quiz.questions[1].correct_ids == ("a", "b")
    assert quiz.covers == {"A1", "A2"}


RULES = {
    "yaml-syntax": ({"covers: [A1]": "covers: [A1"},
                    "quizzes/roles.yml:11: YAML: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']' — close the list with ']' and separate items with commas"),
    "tab": ({"pass_mark: 70": "pass_mark:\t70\n\tshuffle: true"},
            "quizzes/roles.yml:6: YAML: YAML syntax error:"),
    "missing-field": ({"pass_mark: 70\n": ""},
                      "quizzes/roles.yml:2: pass_mark: is missing — add 'pass_mark:' (the percentage needed to pass, from 1 to 100, e.g. 70)"),
    "unknown-field": ({"pass_mark: 70": "pass_mark: 70\npassmark: 80"},
                      "quizzes/roles.yml:6: passmark: is not a known field — did you mean 'pass_mark'? allowed fields are id, title, module, pass_mark, intro, shuffle, questions"),
    "pass-mark-range": ({"pass_mark: 70": "pass_mark: 120"},
                        "quizzes/roles.yml:5: pass_mark: is 120, must be at most 100 — use a value at most 100"),
    "wrong-type": ({"pass_mark: 70": "pass_mark: seventy"},
                   "quizzes/roles.yml:5: pass_mark: must be a whole number, got text ('seventy') — write a whole number: the percentage needed to pass, from 1 to 100, e.g. 70"),
    "bad-type": ({"type: multiple": "type: several"},
                 "quizzes/roles.yml:24: questions[1].type: text ('several') is not allowed — use one of: single, multiple, true_false, scenario"),
    "option-without-feedback": ({"        feedback: Too soon. Talk first.\n": ""},
                                "quizzes/roles.yml:17: questions[0].options[1].feedback: is missing — add 'feedback:' (why this choice is right or wrong (Markdown))"),
    "question-without-explanation": ({"    explanation: Different means, one goal.\n": ""},
                                     "quizzes/roles.yml:8: questions[0].explanation: is missing — add 'explanation:' (the point the question checks, shown after answering (Markdown))"),
    "single-two-correct": ({"        feedback: Too soon. Talk first.": "        feedback: Too soon. Talk first.\n        # now both are correct", "        text: Escalate to a supervisor at once.\n        correct: false": "        text: Escalate to a supervisor at once.\n        correct: true"},
                           "quizzes/roles.yml:12: questions[0].options: exactly one option must be correct for a 'single' question, found 2 — mark only one option correct: true, the others false"),
    "single-none-correct": ({"        text: Talk about what each side needs.\n        correct: true": "        text: Talk about what each side needs.\n        correct: false"},
                            "quizzes/roles.yml:12: questions[0].options: exactly one option must be correct for a 'single' question, found 0 — mark one option correct: true"),
    "multiple-none-correct": ({"        text: What each side can and cannot do.\n        correct: true": "        text: What each side can and cannot do.\n        correct: false",
                               "        text: Confidentiality rules.\n        correct: true": "        text: Confidentiality rules.\n        correct: false"},
                              "quizzes/roles.yml:27: questions[1].options: at least one option must be correct for a 'multiple' question, found 0 — mark each right option correct: true"),
    "true-false-three-options": ({"        feedback: Right. Neither does the other's job.": "        feedback: Right. Neither does the other's job.\n      - id: maybe\n        text: Maybe\n        correct: false\n        feedback: No."},
                                 "quizzes/roles.yml:45: questions[2].options: has 3 items, allows at most 2 — give exactly two options: one for true and one for false"),
    "scenario-with-options": ({"      *Fictional case.* A detective calls a shelter late at night.\n": "      *Fictional case.* A detective calls a shelter late at night.\n    options: []\n"},
                              "quizzes/roles.yml:59: questions[3].options: is not used by a 'scenario' question — a scenario has no options of its own: put them in its sub-questions under 'questions:'"),
    "nested-scenario": ({"        type: true_false\n        prompt: The shelter": "        type: scenario\n        prompt: The shelter"},
                        "quizzes/roles.yml:76: questions[3].questions[1].type: text ('scenario') is not allowed — use one of: single, multiple, true_false"),
    "duplicate-question-id": ({"  - id: q-tf": "  - id: q-single"},
                              "quizzes/roles.yml:41: questions[2].id: 'q-single' is already used by questions[0] — give each question its own id"),
    "duplicate-option-id": ({"      - id: b\n        text: Confidentiality rules.": "      - id: a\n        text: Confidentiality rules."},
                            "quizzes/roles.yml:32: questions[1].options[1].id: 'a' is already used by options[0] — give each option of a question its own id"),
    "unquoted-true-id": ({'      - id: "true"\n        text: "True"\n        correct: false\n        feedback: No. Each role is needed.': '      - id: true\n        text: "True"\n        correct: false\n        feedback: No. Each role is needed.'},
                         "quizzes/roles.yml:46: questions[2].options[0].id: must be text, got true/false (true) — write text: a short name of letters, digits, hyphens or underscores, e.g. q1 (quote words like 'true')"),
    "script-tag": ({"prompt: Which belong in a first meeting? Choose all that apply.": "prompt: Which belong? <script>alert(1)</script>"},
                   "quizzes/roles.yml:25: questions[1].prompt: contains a <script> tag — remove it: quiz text is Markdown and may only use inline HTML such as <em> or <br>, never tags that run code, on* attributes or javascript: links"),
    "event-attribute": ({"text: Confidentiality rules.": "text: <span onmouseover=alert(1)>Confidentiality</span> rules."},
                        "quizzes/roles.yml:33: questions[1].options[1].text: contains an event-handler attribute in <span>"),
    "javascript-link": ({"feedback: Enough to plan.": "feedback: \"[Enough](javascript:alert(1)) to plan.\""},
                        "quizzes/roles.yml:68: questions[3].questions[0].options[0].feedback: contains a javascript: (or similar) link"),
    "iframe": ({"explanation: Meet before a case.": "explanation: <iframe src=x></iframe>"},
               "quizzes/roles.yml:40: questions[1].explanation: contains a <iframe> tag"),
    "style-tag": ({"intro: Four questions on *shared goals*.": "intro: <style>body{display:none}</style>"},
                  "quizzes/roles.yml:6: intro: contains a <style> tag"),
    "structural-html": ({"text: Details of a current client.": "text: Details</fieldset> of a current client."},
                        "quizzes/roles.yml:37: questions[1].options[2].text: contains an HTML </fieldset> tag"),
    "empty-file": ({QUIZ: "# nothing here\n"}, "quizzes/roles.yml:1: YAML: is empty — write the fields the file needs"),
    "alias": ({"covers: [A2]\n    options:\n      - id: a\n        text: What": "covers: &c [A2]\n    options:\n      - id: a\n        text: What",
               "    covers: [A2]\n    options:\n      - id: \"true\"": "    covers: *c\n    options:\n      - id: \"true\""},
              "quizzes/roles.yml:44: questions[2].covers: uses a YAML alias (*name) or merge key (<<) — write the value out in full: anchors and aliases are not supported"),
}


@pytest.mark.parametrize("rule", RULES)
def test_rule_message(tmp_path, rule):
    edits, message = RULES[rule]
    problems = problems_for(tmp_path, quiz_text(edits))
    assert any(p.startswith(message) for p in problems), "\n".join(problems)


def test_scenario_needs_two_subquestions(tmp_path):
    text = QUIZ[: QUIZ.index("      - id: q-case-2")]
    problems = problems_for(tmp_path, text)
    assert problems == ["quizzes/roles.yml:59: questions[3].questions: has 1 item, needs at least 2 — "
                        "give two or more sub-questions about the case (single, multiple or true_false)"]


RESERVED = ("choose another name: the names built into every JavaScript object (constructor, prototype, toString, "
            "valueOf, hasOwnProperty, __proto__ and the like) are reserved, because the browser saves progress under these ids")


def test_ids_that_are_names_built_into_javascript_objects_are_refused(tmp_path):
    """The browser keeps progress and answers in objects keyed by these ids: 'constructor' must never be one."""
    text = quiz_text({"id: shared-goals": "id: constructor", "  - id: q-single": "  - id: toString",
                      "      - id: b\n        text: Escalate": "      - id: valueOf\n        text: Escalate",
                      "  - id: q-tf": "  - id: prototype", "      - id: q-case-1": "      - id: hasOwnProperty"})
    assert problems_for(tmp_path, text) == [
        f"quizzes/roles.yml:2: id: text ('constructor') is not allowed — {RESERVED}",
        f"quizzes/roles.yml:8: questions[0].id: text ('toString') is not allowed — {RESERVED}",
        f"quizzes/roles.yml:17: questions[0].options[1].id: text ('valueOf') is not allowed — {RESERVED}",
        f"quizzes/roles.yml:41: questions[2].id: text ('prototype') is not allowed — {RESERVED}",
        f"quizzes/roles.yml:60: questions[3].questions[0].id: text ('hasOwnProperty') is not allowed — {RESERVED}",
    ]


def test_ids_that_only_contain_a_reserved_name_are_fine(tmp_path):
    text = quiz_text({"id: shared-goals": "id: constructor-site", "  - id: q-single": "  - id: toString2",
                      "  - id: q-tf": "  - id: my_prototype"})
    assert problems_for(tmp_path, text) == []


def test_code_spans_may_mention_tags(tmp_path):
    text = quiz_text({"prompt: Which belong in a first meeting? Choose all that apply.":
                      "prompt: Which belong? Never paste a `<script>` tag."})
    assert problems_for(tmp_path, text) == []


def test_not_utf8(tmp_path):
    problems = problems_for(tmp_path, QUIZ.encode("utf-8").replace(b"Four", b"F\xfcr"))
    assert problems == ["quizzes/roles.yml:6: file: is not UTF-8 text (byte 0xfc at position 158) — save the file with UTF-8 encoding"]


def test_all_problems_of_a_file_are_gathered(tmp_path):
    problems = problems_for(tmp_path, quiz_text({"pass_mark: 70": "pass_mark: 0", "type: multiple": "type: several"}))
    assert len(problems) == 2


# Cross-file rules need the whole project: tiny sites built with the real command.

def stopped(build, message):
    assert build.returncode != 0 and "Traceback" not in build.output, build.output
    assert not build.site.exists()
    assert message in build.output, build.output


def test_quiz_for_a_missing_module(tiny_site):
    tiny_site.add_module()
    tiny_site.write("quizzes/roles.yml", quiz_text({"module: shared-goals": "module: roles"}))
    stopped(tiny_site.build(), "quizzes/roles.yml:4: module: no module has the id 'roles' — use the id of a module: shared-goals")


def test_duplicate_quiz_ids(tiny_site):
    tiny_site.add_module()
    tiny_site.add_module("other", module_text("other"))
    tiny_site.write("quizzes/a.yml", QUIZ)
    tiny_site.write("quizzes/b.yml", quiz_text({"module: shared-goals": "module: other"}))
    stopped(tiny_site.build(), "quizzes/b.yml:2: id: 'shared-goals' is already the id of quizzes/a.yml — give each quiz its own id")


def test_a_module_has_at_most_one_quiz(tiny_site):
    tiny_site.add_module()
    tiny_site.write("quizzes/a.yml", QUIZ)
    tiny_site.write("quizzes/b.yml", quiz_text({"id: shared-goals": "id: second"}))
    stopped(tiny_site.build(), "quizzes/b.yml:4: module: module 'shared-goals' already has a quiz (quizzes/a.yml) — a module has at most one quiz: merge the two files")


def test_unknown_source_point_in_a_question(tiny_site):
    tiny_site.add_module()
    tiny_site.write("quizzes/a.yml", quiz_text({"covers: [A1]": "covers: [A1, B42]"}))
    stopped(tiny_site.build(), "quizzes/a.yml:11: questions[0].covers[1]: 'B42' is not a source point — use a code listed in modules/source-points.yml")


def test_quiz_page_and_links(tiny_site):
    tiny_site.add_module()
    tiny_site.write("quizzes/roles.yml", QUIZ)
    build = tiny_site.build()
    assert build.returncode == 0, build.output
    html = build.page("quizzes/shared-goals/index.html")
    assert 'href="https://example.org/repo/edit/main/quizzes/roles.yml"' in html
    assert html.count('class="ca-q__options"') == 5
    assert html.count('type="checkbox" name="ca-') == 3 and html.count('type="radio" name="ca-') == 10
    assert '<h2 id="q-q-single">Question 1 of 5' in html
    assert '<h3 id="q-q-case-2">Question 5 of 5' in html
    assert "<em>shared goals</em>" in html
    assert "assets/quiz.js" in html
    module = build.page("modules/shared-goals/index.html")
    assert 'href="../../quizzes/shared-goals/"' in module and "Check yourself" in module
    assert "assets/quiz.js" not in module
    index = build.page("quizzes/index.html")
    assert 'data-ca-status="shared-goals"' in index and "assets/quiz.js" in index


def test_quiz_prose_keeps_its_markdown_inside_the_form(tiny_site):
    """The form's prose is converted in one pass and moved into place: links resolve, an option's
    text stays inline in its label, and each verdict opens its feedback whatever the feedback holds."""
    tiny_site.add_module()
    tiny_site.write("quizzes/roles.yml", quiz_text({
        "text: Talk about what each side needs.": "text: Talk about [needs](../modules/shared-goals.md#why-it-matters).",
        "feedback: Yes. Shared goals survive different timelines.":
            'feedback: "Yes. Shared goals survive.\\n\\nA second paragraph with `code`."',
        "feedback: Too soon. Talk first.": 'feedback: "- talk first\\n- then decide"',
        "explanation: Different means, one goal.": 'explanation: "```\\nunclosed fence"',
        "prompt: A provider should do the officer's job when the officer is slow.":
            'prompt: "A provider should do the job.\\n\\n::ca-piece q-single:prompt"',
    }))
    build = tiny_site.build()
    assert build.returncode == 0, build.output
    html = build.page("quizzes/shared-goals/index.html")
    assert ('<label for="ca-q-single-a"><span class="ca-letter">A.</span> Talk about '
            '<a href="../../modules/shared-goals/#why-it-matters">needs</a>.</label>') in html
    assert ('<p><strong class="ca-answer__verdict">A. Right:</strong> Yes. Shared goals survive.</p>\n'
            "<p>A second paragraph with <code>code</code>.</p>") in html
    assert ('<p><strong class="ca-answer__verdict">B. Not right:</strong></p>\n<ul>\n<li>talk first</li>') in html
    # an unclosed fence stays text and swallows nothing after it
    assert "<p>```\nunclosed fence</p>" in html and '<h2 id="q-q-multiple">Question 2 of 5' in html
    # the form's build markers are gone, and the answers (set aside while search indexed the page)
    # are back without the search attribute
    # a line that looks like the build's own field marker is only text (the real one changes each build)
    assert "<p>A provider should do the job.</p>\n<p>::ca-piece q-single:prompt</p>" in html
    assert "<ca-piece" not in html and "ca-unindexed" not in html and "data-search-exclude=" not in html
    assert html.count('<details class="ca-answer">') == 5


def test_a_form_that_lost_its_markers_stops_with_a_message_naming_the_quiz(tmp_path):
    from common_agenda import quiz_form
    from common_agenda.problems import StopBuild

    path = tmp_path / "q.yml"
    path.write_text(QUIZ)
    quiz, _ = load_quiz(path, "quizzes/q.yml", SCHEMA)
    with pytest.raises(StopBuild, match=r"^quizzes/q\.yml: the quiz form's markers are missing from the converted "
                                        r"page — a fault in Common Agenda's quiz pages, not in the file"):
        quiz_form.assemble("<p>no form here</p>", quiz_form.QuizForm(quiz, 5))


# Every rule again, inside a scenario's sub-question: the checker walks the case's questions as
# well as the quiz's own, so each of these would load if it stopped at the top level. Lines count
# from sitekit.QUIZ: the case opens at line 55, q-case-1 at 60, q-case-2 at 75.
SUB = "questions[3].questions"
REMOVE_IT = ("remove it: quiz text is Markdown and may only use inline HTML such as <em> or <br>, never tags that "
             "run code, on* attributes or javascript: links")
SUB_RULES = {
    "unknown-field": ({"        prompt: What should the shelter ask?": "        prompt: What should the shelter ask?\n        explaination: x"},
                      f"quizzes/roles.yml:63: {SUB}[0].explaination: is not a known field — did you mean 'explanation'? "
                      "allowed fields are id, type, prompt, options, explanation, covers, section"),
    "missing-covers": ({"        covers: [A1]\n": ""},
                       f"quizzes/roles.yml:60: {SUB}[0].covers: is missing — add 'covers:'"),
    "wrong-type": ({"text: How many young people and what language.\n            correct: true":
                    "text: How many young people and what language.\n            correct: \"true\""},
                   f"quizzes/roles.yml:67: {SUB}[0].options[0].correct: must be true or false, got text ('true') — "
                   "write true or false: true if choosing this option is right, else false"),
    "bad-type": ({"type: single\n        prompt: What should": "type: several\n        prompt: What should"},
                 f"quizzes/roles.yml:61: {SUB}[0].type: text ('several') is not allowed — use one of: single, multiple, true_false"),
    "option-without-feedback": ({"            feedback: Not needed to plan.\n": ""},
                                f"quizzes/roles.yml:69: {SUB}[0].options[1].feedback: is missing — add 'feedback:' "
                                "(why this choice is right or wrong (Markdown))"),
    "question-without-explanation": ({"        explanation: Ask only for what you need.\n": ""},
                                     f"quizzes/roles.yml:60: {SUB}[0].explanation: is missing — add 'explanation:' "
                                     "(the point the question checks, shown after answering (Markdown))"),
    "single-two-correct": ({"text: The names of every suspect.\n            correct: false":
                            "text: The names of every suspect.\n            correct: true"},
                           f"quizzes/roles.yml:64: {SUB}[0].options: exactly one option must be correct for a 'single' "
                           "question, found 2 — mark only one option correct: true, the others false"),
    "single-none-correct": ({"text: How many young people and what language.\n            correct: true":
                             "text: How many young people and what language.\n            correct: false"},
                            f"quizzes/roles.yml:64: {SUB}[0].options: exactly one option must be correct for a 'single' "
                            "question, found 0 — mark one option correct: true"),
    "true-false-two-correct": ({'            text: "True"\n            correct: false':
                                '            text: "True"\n            correct: true'},
                               f"quizzes/roles.yml:79: {SUB}[1].options: exactly one option must be correct for a "
                               "'true_false' question, found 2 — mark only one option correct: true, the others false"),
    "multiple-none-correct": ({"type: single\n        prompt: What should": "type: multiple\n        prompt: What should",
                               "text: How many young people and what language.\n            correct: true":
                               "text: How many young people and what language.\n            correct: false"},
                              f"quizzes/roles.yml:64: {SUB}[0].options: at least one option must be correct for a "
                              "'multiple' question, found 0 — mark each right option correct: true"),
    "true-false-three-options": ({"            feedback: Right.\n": "            feedback: Right.\n          - id: maybe\n"
                                  "            text: Maybe\n            correct: false\n            feedback: No.\n"},
                                 f"quizzes/roles.yml:79: {SUB}[1].options: has 3 items, allows at most 2 — give exactly "
                                 "two options: one for true and one for false"),
    "option-of-two-paragraphs": ({"text: The names of every suspect.": 'text: "The names.\\n\\nOf every suspect."'},
                                 f"quizzes/roles.yml:70: {SUB}[0].options[1].text: is more than one paragraph, but an "
                                 "option is shown as one line — write the option as one line; put anything longer in its feedback"),
    "id-used-by-a-sibling": ({"      - id: q-case-2": "      - id: q-case-1"},
                             f"quizzes/roles.yml:75: {SUB}[1].id: 'q-case-1' is already used by {SUB}[0] — give each question its own id"),
    "id-used-at-the-top-level": ({"      - id: q-case-1": "      - id: q-single"},
                                 f"quizzes/roles.yml:60: {SUB}[0].id: 'q-single' is already used by questions[0] — "
                                 "give each question its own id"),
    "id-used-by-its-scenario": ({"      - id: q-case-1": "      - id: q-case"},
                                f"quizzes/roles.yml:60: {SUB}[0].id: 'q-case' is already used by questions[3] — "
                                "give each question its own id"),
    "duplicate-option-id": ({"          - id: b\n            text: The names": "          - id: a\n            text: The names"},
                            f"quizzes/roles.yml:69: {SUB}[0].options[1].id: 'a' is already used by options[0] — "
                            "give each option of a question its own id"),
    "unquoted-true-id": ({'          - id: "true"\n            text: "True"': '          - id: true\n            text: "True"'},
                         f"quizzes/roles.yml:80: {SUB}[1].options[0].id: must be text, got true/false (true) — write text: "
                         "a short name of letters, digits, hyphens or underscores, e.g. q1 (quote words like 'true')"),
    "reserved-option-id": ({"          - id: b\n            text: The names": "          - id: constructor\n            text: The names"},
                           f"quizzes/roles.yml:69: {SUB}[0].options[1].id: text ('constructor') is not allowed — {RESERVED}"),
    "script-tag": ({"prompt: What should the shelter ask?": "prompt: What? <script>alert(1)</script>"},
                   f"quizzes/roles.yml:62: {SUB}[0].prompt: contains a <script> tag — {REMOVE_IT}"),
    "event-attribute": ({"text: The names of every suspect.": "text: <span onmouseover=alert(1)>The names</span> of every suspect."},
                        f"quizzes/roles.yml:70: {SUB}[0].options[1].text: contains an event-handler attribute in <span>"),
    "javascript-link": ({"explanation: Ask only for what you need.": 'explanation: "[Ask](javascript:alert(1)) only."'},
                        f"quizzes/roles.yml:74: {SUB}[0].explanation: contains a javascript: (or similar) link"),
    "iframe": ({"explanation: Confidentiality rules bind providers.": "explanation: <iframe src=x></iframe>"},
               f"quizzes/roles.yml:88: {SUB}[1].explanation: contains a <iframe> tag"),
    "style-tag": ({"feedback: Not needed yet.}": 'feedback: "<style>body{display:none}</style>"}'},
                  f"quizzes/roles.yml:73: {SUB}[0].options[2].feedback: contains a <style> tag — {REMOVE_IT}"),
    "structural-html": ({"text: How many young people and what language.": "text: How many</fieldset> young people."},
                        f"quizzes/roles.yml:66: {SUB}[0].options[0].text: contains an HTML </fieldset> tag"),
    "alias": ({"        covers: [A1]\n        options:": "        covers: &c [A1]\n        options:",
               "        covers: [A2]\n        options:": "        covers: *c\n        options:"},
              f"quizzes/roles.yml:78: {SUB}[1].covers: uses a YAML alias (*name) or merge key (<<) — write the value "
              "out in full: anchors and aliases are not supported"),
}


@pytest.mark.parametrize("rule", SUB_RULES)
def test_rule_message_inside_a_scenario_sub_question(tmp_path, rule):
    edits, message = SUB_RULES[rule]
    problems = problems_for(tmp_path, quiz_text(edits))
    assert len(problems) == 1 and problems[0].startswith(message), "\n".join(problems)


def test_a_case_explanation_is_on_the_quiz_page_behind_about_this_case_but_never_in_search(tiny_site):
    """sitekit.QUIZ's scenario carries an explanation of its own: it must reach the page, closed,
    and stay out of search like every other answer."""
    import json

    tiny_site.add_module()
    tiny_site.write("quizzes/roles.yml", QUIZ)
    build = tiny_site.build()
    assert build.returncode == 0, build.output
    html = build.page("quizzes/shared-goals/index.html")
    assert ('<details class="ca-answer ca-case__explanation">\n<summary>About this case</summary>\n'
            "<p>A late call is about the young people's safety tonight. Ask what you need to plan a safe bed, "
            "and leave their story for them to tell when they choose.</p>\n</details>") in html
    index = (build.site / "search/search_index.json").read_text(encoding="utf-8")
    docs = json.loads(index)["docs"]
    assert any(d["location"] == "quizzes/shared-goals/#q-q-case-2" for d in docs)
    text = " ".join(d["text"] for d in docs)
    for fragment in ("safety tonight", "leave their story for them to tell", "About this case"):
        assert fragment not in text, fragment


def test_the_build_stop_message_counts_its_problems_in_words():
    from common_agenda.problems import ContentError, Problem
    one = Problem("quizzes/a.yml", 3, "id", "is used twice", "give each its own id")
    two = Problem("quizzes/a.yml", 1, "title", "is empty", "write a title")
    assert str(ContentError([one])).splitlines() == [
        "Common Agenda: the build stopped because of 1 problem in the content:",
        "  quizzes/a.yml:3: id: is used twice \u2014 give each its own id",
        "Nothing was written. Fix the lines above and build again."]
    assert str(ContentError([one, two, one])).splitlines()[:3] == [
        "Common Agenda: the build stopped because of 2 problems in the content:",
        "  quizzes/a.yml:1: title: is empty \u2014 write a title",
        "  quizzes/a.yml:3: id: is used twice \u2014 give each its own id"]


def test_every_field_reaches_the_model_trimmed_and_absent_ones_take_their_defaults(tmp_path):
    from common_agenda.quizzes import Option
    text = (QUIZ.replace("pass_mark: 70", "pass_mark: 70\nshuffle: true")
            .replace("    covers: [A1]\n    options:", "    covers: [A1]\n    section: late-call\n    options:", 1))
    path = tmp_path / "q.yml"
    path.write_text(text, encoding="utf-8")
    quiz, problems = load_quiz(path, "quizzes/q.yml", SCHEMA)
    assert problems == []
    assert (quiz.id, quiz.title, quiz.module, quiz.pass_mark, quiz.intro, quiz.shuffle, quiz.source) == (
        "shared-goals", "Check yourself: Shared goals", "shared-goals", 70, "Four questions on *shared goals*.", True,
        "quizzes/q.yml")
    assert quiz.doc.display == "quizzes/q.yml"
    single, case = quiz.questions[0], quiz.questions[3]
    assert (single.prompt, single.explanation, single.section, single.path) == (
        "An officer and a case worker disagree about timing. What is most useful?", "Different means, one goal.",
        "late-call", ("questions", 0))
    assert single.options[2] == Option("c", "Wait until the case closes to talk.", False, "Too late. Talk now.")
    assert case.prompt == "*Fictional case.* A detective calls a shelter late at night."  # the block's newline trimmed
    assert [(q.id, q.path, q.section) for q in case.questions] == [
        ("q-case-1", ("questions", 3, "questions", 0), ""), ("q-case-2", ("questions", 3, "questions", 1), "")]
    assert case.explanation.startswith("A late call is about")

    bare = QUIZ.replace("intro: Four questions on *shared goals*.\n", "").replace(
        "    explanation: A late call is about the young people's safety tonight.", "    # no case explanation")
    bare = bare[:bare.index("    # no case explanation")] + "    # no case explanation\n"
    path.write_text(bare, encoding="utf-8")
    quiz, problems = load_quiz(path, "quizzes/q.yml", SCHEMA)
    assert problems == []
    assert (quiz.intro, quiz.shuffle, quiz.questions[3].explanation) == ("", False, "")


def test_control_characters_in_a_message_are_escaped_from_delete_up_to_no_break_space():
    from common_agenda.problems import Problem
    shown = str(Problem("q.yml", 1, "id", "has a\x1fb\x7fc\x9fd\xa0e~", "fix it"))
    assert shown == "q.yml:1: id: has a\\x1fb\\x7fc\\x9fd\xa0e~ \u2014 fix it"
