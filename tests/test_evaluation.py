"""The session evaluation: each rule has a test with the exact message an author reads, and the
file becomes a real form on a tiny site built with the real hooks."""

from __future__ import annotations

from pathlib import Path

import pytest

from common_agenda.evaluation import load_evaluation
from sitekit import REPO

SCHEMA = REPO / "schemas" / "evaluation.schema.json"

EVALUATION = """\
# yaml-language-server: $schema=../schemas/evaluation.schema.json
title: Session evaluation
intro: Tell us how it went. *Skip* any question.
sections:
  - title: Your reaction
    items:
      - id: useful
        kind: scale
        label: The session was useful for my work.
      - id: role
        kind: choice
        label: I work mainly as
        options: [Police officer, Service provider, Other]
  - title: What you learned
    items:
      - id: one-change
        kind: text
        label: One thing I will do differently.
"""


def evaluation_text(edits: dict[str, str] | None = None) -> str:
    text = EVALUATION
    for old, new in (edits or {}).items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def problems_for(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "evaluation.yml"
    path.write_text(text, encoding="utf-8")
    evaluation, problems = load_evaluation(path, "training/evaluation.yml", SCHEMA)
    assert (evaluation is None) == bool(problems)
    return [str(p) for p in problems]


def test_the_valid_file_loads_into_a_model(tmp_path):
    path = tmp_path / "evaluation.yml"
    path.write_text(EVALUATION, encoding="utf-8")
    evaluation, problems = load_evaluation(path, "training/evaluation.yml", SCHEMA)
    assert problems == []
    assert evaluation.title == "Session evaluation"
    assert evaluation.source == "training/evaluation.yml"
    assert [s.title for s in evaluation.sections] == ["Your reaction", "What you learned"]
    useful, role = evaluation.sections[0].items
    assert (useful.id, useful.kind, useful.label, useful.options) == ("useful", "scale", "The session was useful for my work.", ())
    assert role.options == ("Police officer", "Service provider", "Other")
    assert evaluation.sections[1].items[0].kind == "text"


def test_the_projects_own_evaluation_file_is_valid():
    path = REPO / "training" / "evaluation.yml"
    evaluation, problems = load_evaluation(path, "training/evaluation.yml", SCHEMA)
    assert [str(p) for p in problems] == []
    assert evaluation is not None
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schemas/evaluation.schema.json\n")


def test_the_csv_columns_are_date_session_role_the_questions_then_the_response_id(tmp_path):
    """One row per response: the form and the results page read these columns from the model."""
    path = tmp_path / "evaluation.yml"
    path.write_text(EVALUATION, encoding="utf-8")
    evaluation, _ = load_evaluation(path, "training/evaluation.yml", SCHEMA)
    assert evaluation.columns == ("date", "session", "role", "useful", "one-change", "response")
    path.write_text(evaluation_text({"id: role": "id: work"}), encoding="utf-8")
    evaluation, _ = load_evaluation(path, "training/evaluation.yml", SCHEMA)
    assert evaluation.columns == ("date", "session", "useful", "work", "one-change", "response"), \
        "without a role question the questions stay in form order"
    own, _ = load_evaluation(REPO / "training" / "evaluation.yml", "training/evaluation.yml", SCHEMA)
    assert own.columns[:3] == ("date", "session", "role") and own.columns[-1] == "response"
    assert len(own.columns) == len(own.items) + 3


@pytest.mark.parametrize("column", ["date", "response", "file"])
def test_no_question_takes_the_name_of_a_column_the_file_already_has(tmp_path, column):
    [problem] = problems_for(tmp_path, evaluation_text({"id: useful": f"id: {column}"}))
    assert problem.startswith(f"training/evaluation.yml:7: sections[0].items[0].id: '{column}' is the name of the CSV column for ")


def test_a_missing_file_means_no_page_and_no_problem(tmp_path):
    assert load_evaluation(tmp_path / "nothing.yml", "training/evaluation.yml", SCHEMA) == (None, [])


RULES = {
    "unknown-key": ({"intro: Tell us": "author: Sam\nintro: Tell us"},
                    ["training/evaluation.yml:3: author: is not a known field — remove it; allowed fields are title, intro, sections"]),
    "unknown-item-key": ({"        label: I work mainly as\n": "        label: I work mainly as\n        lable: again\n"},
                         ["training/evaluation.yml:13: sections[0].items[1].lable: is not a known field — did you mean 'label'? allowed fields are id, kind, label, options"]),
    "missing-label": ({"        label: The session was useful for my work.\n": ""},
                      ["training/evaluation.yml:7: sections[0].items[0].label: is missing — add 'label:' (the question or statement as plain text, e.g. The session was useful for my work.)"]),
    "choice-without-options": ({"        options: [Police officer, Service provider, Other]\n": ""},
                               ["training/evaluation.yml:10: sections[0].items[1].options: is missing — add 'options:' (2 to 10 answers to pick from, only for kind: choice, e.g. [Police officer, Service provider, Other])"]),
    "options-on-a-scale-item": ({"        label: The session was useful for my work.\n": "        label: The session was useful for my work.\n        options: [Agree, Disagree]\n"},
                                ["training/evaluation.yml:8: sections[0].items[0].kind: must be 'choice', got text ('scale') — write 'choice' for an item with options, or delete its options list (only choice items have options)"]),
    "duplicate-item-id": ({"id: one-change": "id: useful"},
                          ["training/evaluation.yml:16: sections[1].items[0].id: 'useful' is already used by sections[0].items[0] — give each item its own id: it names the answer in the saved form and the CSV file"]),
    "bad-kind": ({"kind: text": "kind: essay"},
                 ["training/evaluation.yml:17: sections[1].items[0].kind: text ('essay') is not allowed — use one of: scale, choice, text"]),
    "unquoted-yes-no-options": ({"[Police officer, Service provider, Other]": "[Yes, No]"},
                                ["training/evaluation.yml:13: sections[0].items[1].options[0]: must be text, got true/false (true) — write text: one answer to pick, as plain text, e.g. Police officer (quote words like 'Yes' and 'No', which YAML reads as true and false)",
                                 "training/evaluation.yml:13: sections[0].items[1].options[1]: must be text, got true/false (false) — write text: one answer to pick, as plain text, e.g. Police officer (quote words like 'Yes' and 'No', which YAML reads as true and false)"]),
    "repeated-option": ({"[Police officer, Service provider, Other]": "[Police officer, Police officer]"},
                        ["training/evaluation.yml:13: sections[0].items[1].options: lists Police officer more than once — list each value once"]),
    "empty-section": ({"    items:\n      - id: one-change\n        kind: text\n        label: One thing I will do differently.\n": "    items: []\n"},
                      ["training/evaluation.yml:15: sections[1].items: is empty — give the questions of this section, each with id, kind and label"]),
    "id-named-like-a-column": ({"id: one-change": "id: session"},
                               ["training/evaluation.yml:16: sections[1].items[0].id: 'session' is the name of the CSV column for the session name the facilitator set — choose another id, e.g. 'session-answer'"]),
    "script-in-intro": ({"intro: Tell us how it went.": "intro: Tell us <script>alert(1)</script> how it went."},
                        ["training/evaluation.yml:3: intro: contains a <script> tag — remove it: the intro is Markdown and may only use inline HTML such as <em> or <br>, never tags that run code, on* attributes or javascript: links"]),
}


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_gives_its_exact_message(tmp_path, rule):
    edits, expected = RULES[rule]
    assert problems_for(tmp_path, evaluation_text(edits)) == expected


def test_every_property_in_the_schema_has_a_description():
    """Descriptions become the fix hints, so a property without one gives a vague message."""
    import json

    def walk(node, where):
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                if isinstance(prop, dict):
                    assert prop.get("description"), f"{where}.{name} has no description"
            for key, value in node.items():
                if key != "if":  # an `if` tests properties, it does not declare them
                    walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}[{index}]")

    walk(json.loads(SCHEMA.read_text(encoding="utf-8")), "schema")


def build_with(tiny_site, text: str):
    tiny_site.add_module()
    tiny_site.write("training/evaluation.yml", text)
    return tiny_site.build()


def test_a_tiny_site_renders_the_form_with_its_labels(tiny_site):
    build = build_with(tiny_site, EVALUATION)
    assert build.returncode == 0, build.output
    html = build.page("training/evaluation/index.html")
    assert '<form class="ca-eval" data-ca-evaluation data-ca-columns="date session role useful one-change response">' in html
    assert '<legend class="ca-eval__section-title">Your reaction</legend>' in html
    assert "<legend>The session was useful for my work.</legend>" in html
    for point in range(1, 6):
        assert (f'<input type="radio" name="ca-eval-useful" id="ca-eval-useful-{point}" value="{point}"' in html)
        assert f'<label for="ca-eval-useful-{point}">{point}</label>' in html
    assert '<span class="ca-eval__end" id="ca-eval-useful-low">Strongly disagree</span>' in html
    assert '<span class="ca-eval__end" id="ca-eval-useful-high">Strongly agree</span>' in html
    assert "<legend>I work mainly as</legend>" in html
    assert '<input type="radio" name="ca-eval-role" id="ca-eval-role-2" value="Service provider"><label for="ca-eval-role-2">Service provider</label>' in html
    assert '<label class="ca-eval__question" for="ca-eval-one-change">One thing I will do differently.</label>' in html
    assert '<textarea class="ca-eval__text" id="ca-eval-one-change" name="ca-eval-one-change" rows="4"></textarea>' in html
    assert "<em>Skip</em> any question." in html  # the intro is Markdown
    assert "never sent anywhere" in html
    assert ">Download my answers (CSV)</button>" in html and ">Clear my answers</button>" in html
    assert ">Submit and hand to the next person</button>" in html
    assert '<details class="ca-eval-device" data-ca-eval-device data-search-exclude hidden>' in html
    assert '<a href="../evaluation-results/">merge the files you collected and see a summary</a>' in html
    assert 'href="https://example.org/repo/edit/main/training/evaluation.yml"' in html
    assert 'assets/evaluation.js"' in html and 'assets/evaluation.css"' in html
    assert "assets/evaluation.js" not in build.page("index.html"), "only the evaluation page loads its script"


def test_the_results_page_carries_the_form_as_data_and_says_nothing_is_uploaded(tiny_site):
    build = build_with(tiny_site, evaluation_text({"[Police officer, Service provider, Other]": "[Police officer, Service & provider, Other]"}))
    assert build.returncode == 0, build.output
    html = build.page("training/evaluation-results/index.html")
    assert '<div class="ca-merge" data-ca-merge data-ca-columns="date session role useful one-change response">' in html
    assert '<li data-ca-item="useful" data-kind="scale">The session was useful for my work.</li>' in html
    assert ('<li data-ca-item="role" data-kind="choice">I work mainly as<ul><li>Police officer</li>'
            '<li>Service &amp; provider</li><li>Other</li></ul></li>') in html
    assert "Nothing is uploaded" in html and "nothing is kept" in html
    assert 'type="file"' not in html, "the script makes the file picker"
    assert 'assets/evaluation-merge.js"' in html and 'assets/evaluation.js"' in html, "evaluation.js writes the CSV"
    assert "facilitator-guide" not in html, "a site without the guide gets no link to it"
    assert '<a href="../evaluation/">Session evaluation</a>' in html


def test_plain_text_fields_are_escaped_not_run(tiny_site):
    build = build_with(tiny_site, evaluation_text({"label: I work mainly as": "label: I work mainly as <b>R&D</b>"}))
    assert build.returncode == 0, build.output
    assert "<legend>I work mainly as &lt;b&gt;R&amp;D&lt;/b&gt;</legend>" in build.page("training/evaluation/index.html")
    assert "I work mainly as &lt;b&gt;R&amp;D&lt;/b&gt;<ul>" in build.page("training/evaluation-results/index.html")


def test_a_site_without_the_file_has_no_evaluation_page(tiny_site):
    tiny_site.add_module()
    build = tiny_site.build()
    assert build.returncode == 0, build.output
    assert not (build.site / "training" / "evaluation").exists()
    assert not (build.site / "training" / "evaluation-results").exists()


def test_a_bad_file_stops_the_build_with_every_message(tiny_site):
    build = build_with(tiny_site, evaluation_text({"kind: text": "kind: essay",
                                                 "        label: I work mainly as\n": ""}))
    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output
    assert "Common Agenda: the build stopped because of 2 problems in the content:" in build.output
    assert "training/evaluation.yml:10: sections[0].items[1].label: is missing" in build.output
    assert "training/evaluation.yml:16: sections[1].items[0].kind: text ('essay') is not allowed" in build.output
    assert not (build.site / "training").exists()
