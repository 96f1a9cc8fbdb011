"""The training kit's data rules: plan arithmetic, references, local settings, with exact messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from common_agenda.content import load_content
from common_agenda.plans import clock
from common_agenda.problems import ContentError
from sitekit import REPO

PLAN = """\
id: short
title: Short session
summary: A test plan.
length: 60
start: "09:00"
blocks:
  - activity: pre-check
  - module: shared-goals
  - activity: evaluation
  - activity: break-short
"""


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's content (not its site), to break one file at a time."""
    root = tmp_path / "project"
    for folder in ("modules", "quizzes", "training", "schemas"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.rmtree(root / "training" / "plans")
    (root / "training" / "plans").mkdir()
    return root


def write(root: Path, relative: str, text: str) -> None:
    (root / relative).write_text(text, encoding="utf-8")


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return [str(p) for p in caught.value.problems]


def test_clock_times_add_minutes_and_wrap_past_midnight():
    assert clock("09:00", 95) == "10:35"
    assert clock("23:30", 45) == "00:15"
    assert clock("08:05", 0) == "08:05"


def test_plan_blocks_are_timed_from_their_sources(project):
    write(project, "training/plans/short.yml", PLAN)
    plan = load_content(project).plans[0]
    minutes = {m.id: m.minutes for m in load_content(project).modules}
    assert [b.minutes for b in plan.blocks] == [10, minutes["shared-goals"], 10, 10]
    assert [b.offset for b in plan.blocks] == [0, 10, 10 + minutes["shared-goals"], 20 + minutes["shared-goals"]]
    assert plan.total == 30 + minutes["shared-goals"]
    assert [b.lead for b in plan.blocks][1] == "both"


def test_a_plan_longer_than_stated_is_refused(project):
    write(project, "training/plans/short.yml", PLAN.replace("length: 60", "length: 45"))
    assert problems(project) == [
        "training/plans/short.yml:4: length: the blocks add up to 55 minutes, 10 more than the stated 45 "
        "(allowed: within 5) — shorten or remove blocks, or set length: 55"]


def test_a_plan_shorter_than_stated_is_refused(project):
    write(project, "training/plans/short.yml", PLAN.replace("length: 60", "length: 90"))
    assert problems(project) == [
        "training/plans/short.yml:4: length: the blocks add up to 55 minutes, 35 fewer than the stated 90 "
        "(allowed: within 5) — add or lengthen blocks, or set length: 55"]


def test_within_five_minutes_is_fine(project):
    write(project, "training/plans/short.yml", PLAN)  # 55 against 60
    assert load_content(project).plans[0].length == 60


@pytest.mark.parametrize(("old", "new", "message"), [
    ("module: shared-goals", "module: roles",
     "training/plans/short.yml:8: blocks[1].module: no module has the id 'roles' — use one defined in modules/: confidentiality, "),
    ("activity: evaluation", "activity: karaoke",
     "training/plans/short.yml:9: blocks[2].activity: no activity has the id 'karaoke' — use one defined in training/activities.yml: opening, icebreaker-hopes, "),
    ("activity: pre-check", "scenario: the-heist",
     "training/plans/short.yml:7: blocks[0].scenario: no scenario has the id 'the-heist' — use one defined in training/scenarios/: "),
    ("  - activity: pre-check", "  - activity: pre-check\n    module: shared-goals",
     "training/plans/short.yml:7: blocks[0]: does not match any allowed form — name exactly one of module, scenario or activity in each block"),
    ('start: "09:00"', "start: 9am",
     "training/plans/short.yml:5: start: text ('9am') is not in the expected form — write the default start time as HH:MM in quotes"),
    ("length: 60", "length: 60\nduration: 60",
     "training/plans/short.yml:5: duration: is not a known field — remove it; allowed fields are id, title, summary, length, start, handouts, blocks"),
    ("  - activity: break-short\n", "  - activity: break-short\n    lead: everyone\n",
     "training/plans/short.yml:11: blocks[3].lead: text ('everyone') is not allowed — use one of: police, provider, both"),
])
def test_plan_reference_and_schema_errors(project, old, new, message):
    write(project, "training/plans/short.yml", PLAN.replace(old, new))
    found = problems(project)
    assert any(p.startswith(message) for p in found), "\n".join(found)


CHECK = """\
title: Joint training check
questions:
  - id: goals
    module: shared-goals
    type: single
    prompt: Who does the police work?
    covers: [A2]
    options:
      - {id: a, text: The case worker, correct: false, feedback: No.}
      - {id: b, text: The police officer, correct: true, feedback: Yes.}
      - {id: c, text: Whoever is free now, correct: false, feedback: No.}
    explanation: Each side does its own job.
  - id: scope
    module: confidentiality
    type: true_false
    prompt: A release covers only what it names.
    covers: [A9]
    options:
      - {id: "true", text: "True", correct: true, feedback: Yes.}
      - {id: "false", text: "False", correct: false, feedback: No.}
    explanation: Share what the client agreed to.
  - id: clash
    module: tension-and-conflict
    type: single
    prompt: When should friction be named?
    covers: [A4]
    options:
      - {id: a, text: During a case, correct: false, feedback: No.}
      - {id: b, text: Never at all, correct: false, feedback: No.}
      - {id: c, text: Before a case, correct: true, feedback: Yes.}
    explanation: Name friction early.
"""

SCENARIO_PLAN = PLAN.replace("  - activity: evaluation\n", "  - scenario: school-referral\n").replace("length: 60", "length: 85")


def test_the_check_is_a_pool_of_its_own_questions_each_with_its_module(project):
    content = load_content(project)
    quiz_prompts = {q.prompt for quiz in content.quizzes for q in quiz.scored()}
    assert len(content.check.items) >= 8
    assert all(item.question.prompt not in quiz_prompts for item in content.check.items)
    assert {item.module for item in content.check.items} <= {m.id for m in content.modules}
    assert content.check_questions == content.check.questions

    write(project, "training/checks.yml", CHECK)
    check = load_content(project).check
    assert [(i.question.id, i.question.type, i.module) for i in check.items] == [
        ("goals", "single", "shared-goals"), ("scope", "true_false", "confidentiality"),
        ("clash", "single", "tension-and-conflict")]
    assert check.items[0].question.correct_ids == ("b",) and check.items[0].question.covers == ("A2",)


def test_a_plans_check_holds_the_questions_of_its_modules_and_its_scenarios_modules(project):
    from common_agenda import training_pages
    from common_agenda.training import plan_check, taught_modules

    write(project, "training/checks.yml", CHECK)
    write(project, "training/plans/short.yml", SCENARIO_PLAN)
    content = load_content(project)
    plan = content.plans[0]
    # shared-goals as a block; school-referral teaches trafficking-basics, shared-goals, relationships, confidentiality
    assert taught_modules(plan) == ["shared-goals", "trafficking-basics", "relationships", "confidentiality"]
    # 85 minutes: a short session's check asks only about its module blocks, to fit its ten minutes
    assert [i.question.id for i in plan_check(content.check, plan)] == ["goals"]
    write(project, "training/plans/short.yml",
          SCENARIO_PLAN.replace("length: 85", "length: 100").rstrip("\n") + "\n  - activity: break-short\n" * 2)
    longer = load_content(project).plans[0]
    assert longer.total > 90
    assert [i.question.id for i in plan_check(content.check, longer)] == ["goals", "scope"]
    view = training_pages.check_for(plan, content)
    assert (view.page_uri, view.sheet_uri, view.key_uri, view.tally_uri) == (
        "training/checks/short.md", "training/checks/short-sheet.md", "training/checks/short-key.md",
        "training/checks/short-tally.md")
    assert [v.id for v in training_pages.check_views(content)] == ["all", "plan-short"]

    write(project, "training/plans/short.yml", PLAN)  # shared-goals only
    plan = load_content(project).plans[0]
    assert [i.question.id for i in plan_check(load_content(project).check, plan)] == ["goals"]


@pytest.mark.parametrize(("old", "new", "message"), [
    ("module: tension-and-conflict", "module: conflict",
     "training/checks.yml:23: questions[2].module: no module has the id 'conflict' — name the module that teaches "
     "this question: confidentiality, immigration-relief, protocols-and-mous, relationships, shared-goals, "
     "sustaining-partnership, tension-and-conflict, timelines, trafficking-basics, trauma-informed"),
    ("covers: [A4]", "covers: [A4, A99]",
     "training/checks.yml:26: questions[2].covers[1]: 'A99' is not a source point — use a code listed in "
     "modules/source-points.yml: A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, B1, B2, B3, B4, B5, B6, B7, B8, "
     "B9, B10"),
    ("{id: a, text: The case worker, correct: false", "{id: a, text: The case worker, correct: true",
     "training/checks.yml:8: questions[0].options: exactly one option must be correct for a 'single' question, "
     "found 2 — mark only one option correct: true, the others false"),
    ("  - id: clash", "  - id: goals",
     "training/checks.yml:22: questions[2].id: 'goals' is already used by questions[0] — give each question its own id"),
    ("    module: confidentiality\n", "",
     "training/checks.yml:13: questions[1].module: is missing — add 'module:' (the id of the module that teaches "
     "this question, e.g. confidentiality; a session plan's check has the questions of the modules it teaches)"),
    ("title: Joint training check", "title: Joint training check\npass_mark: 70",
     "training/checks.yml:2: pass_mark: is not a known field — remove it; allowed fields are title, intro, questions"),
    ("type: true_false", "type: scenario",
     "training/checks.yml:15: questions[1].type: text ('scenario') is not allowed — use one of: single, multiple, "
     "true_false"),
])
def test_check_problems_name_the_line_and_the_fix(project, old, new, message):
    write(project, "training/checks.yml", CHECK.replace(old, new))
    assert problems(project) == [message]


def test_the_check_schema_shares_the_quiz_schemas_question_parts():
    """schemas/checks.schema.json copies these definitions (schema_check has no cross-file $ref)."""
    import json

    quiz = json.loads((REPO / "schemas/quiz.schema.json").read_text())["$defs"]
    check = json.loads((REPO / "schemas/checks.schema.json").read_text())["$defs"]
    for name in ("id", "prose", "covers", "section", "option", "options", "true_false_shape"):
        assert check[name] == quiz[name], name
    own_words = ("prompt", "section", "type")  # same shape, descriptions in the check's words
    shared = {k: v for k, v in quiz["subquestion"]["properties"].items() if k not in own_words}
    assert {k: check["question"]["properties"][k] for k in shared} == shared
    assert check["question"]["properties"]["type"]["enum"] == quiz["subquestion"]["properties"]["type"]["enum"]


def test_scenario_schema_errors_name_the_field(project):
    path = project / "training/scenarios/hotel-operation.yml"
    text = path.read_text()
    start = text.index("facilitator_notes:")
    path.write_text(text[:start])
    assert problems(project) == [
        "training/scenarios/hotel-operation.yml:2: facilitator_notes: is missing — add 'facilitator_notes:' "
        "(Markdown for facilitators only; left out of participant handouts)"]


def test_without_local_settings_placeholders_are_used(project):
    local = load_content(project).local
    assert local.source is None
    assert local.is_placeholder("agency") and local.names["agency"] == "Your agency"
    assert local.hotlines[0]["phone"] == "1-888-373-7888"


LOCAL = """\
agency: Exampleton Police Department
partner: Exampleton Youth Services
region: Example County
contacts:
  - name: Det. Ana Reyes
    role: Trafficking cases
    phone: 555-0100
    hours: 24/7
module_notes:
  confidentiality: In Exampleton, ask your agency's legal counsel first.
"""


def test_local_settings_are_read(project):
    write(project, "local.yml", LOCAL)
    local = load_content(project).local
    assert local.names == {"agency": "Exampleton Police Department", "partner": "Exampleton Youth Services",
                           "region": "Example County"}
    assert not local.placeholders
    assert local.contacts[0]["name"] == "Det. Ana Reyes"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("agency: Exampleton", "agencyname: Exampleton",
     "local.yml:1: agencyname: is not a known field — did you mean 'agency'?"),
    ("phone: 555-0100", "phone: call us",
     "local.yml:7: contacts[0].phone: text ('call us') is not in the expected form — write a phone number of digits"),
    ("    phone: 555-0100\n", "",
     "local.yml:5: contacts[0]: does not match any allowed form — give each contact a name, a role, and a phone or an email"),
    ("  confidentiality:", "  confidentialty:",
     "local.yml:10: module_notes.confidentialty: no module has the id 'confidentialty' — use a module id: "),
])
def test_local_settings_errors(project, old, new, message):
    write(project, "local.yml", LOCAL.replace(old, new))
    found = problems(project)
    assert any(p.startswith(message) for p in found), "\n".join(found)


def test_a_bad_plan_stops_the_real_build_cleanly(tiny_site):
    tiny_site.add_module()
    for folder in ("training/scenarios", "training/plans"):
        (tiny_site.root / folder).mkdir(parents=True, exist_ok=True)
    tiny_site.write("training/activities.yml", (REPO / "training/activities.yml").read_text())
    tiny_site.write("training/plans/short.yml", PLAN.replace("length: 60", "length: 200"))
    build = tiny_site.build()
    assert build.returncode != 0 and "Traceback" not in build.output and not build.site.exists()
    assert "training/plans/short.yml:4: length: the blocks add up to 50 minutes, 150 fewer than the stated 200" in build.output


def test_local_settings_reach_the_module_mou_and_contacts_pages(project):
    from common_agenda import module_pages, training_pages

    write(project, "local.yml", LOCAL)
    content = load_content(project)
    module = next(m for m in content.modules if m.id == "confidentiality")
    assert '!!! info "Local note"\n    In Exampleton, ask your agency' in module_pages.page_markdown(module, content)
    mou = training_pages.mou_page("Between {{ agency }} and {{partner}} in {{ region }}.", content)
    assert mou == "Between Exampleton Police Department and Exampleton Youth Services in Example County."
    contacts = training_pages.local_contacts_page(content)
    assert "Det. Ana Reyes" in contacts and "ca-placeholder" not in contacts
    assert "Det. Ana Reyes, Trafficking cases: 555-0100 (24/7)." in training_pages.local_brief_block(content, "first-meeting.md")


def test_missing_local_settings_print_lines_to_fill_in(project):
    """Not a marked placeholder or a hint about local.yml: the reader of a handout cannot set it."""
    from common_agenda import training_pages

    content = load_content(project)
    mou = training_pages.mou_page("Between {{ agency }} and {{ partner }}.", content)
    line = '<span class="ca-fill__line" aria-hidden="true"></span></span>'  # a bottom border (print.css)
    assert mou == ('Between <span class="ca-fill"><span class="ca-visually-hidden">Your agency, to fill in</span>' + line
                   + ' and <span class="ca-fill"><span class="ca-visually-hidden">Partner agency, to fill in</span>' + line + ".")
    brief = training_pages.local_brief_block(content, "first-meeting.md")
    assert "local.yml" not in brief and "Contact at your agency: <span class=\"ca-fill\">" in brief


def test_the_example_local_settings_file_is_valid(project):
    import shutil as _shutil

    _shutil.copy(REPO / "local.example.yml", project / "local.yml")
    assert load_content(project).local.names["agency"] == "Exampleton Police Department"


MULTI_CHECK = CHECK.replace("""    explanation: Name friction early.
""", """    explanation: Name friction early.
  - id: share
    module: confidentiality
    type: multiple
    prompt: Which may a case worker share with a signed release? Choose all that apply.
    covers: [A9]
    options:
      - {id: a, text: What the release names, correct: true, feedback: "Right. It is what she agreed to."}
      - {id: b, text: Her whole case file and notes, correct: false, feedback: No.}
      - {id: c, text: Dates the release names, correct: true, feedback: "Right. It names them."}
    explanation: Share only what the release names.
""")


def test_the_question_sheet_letters_each_option_with_an_empty_box_and_shows_no_answer(project):
    from common_agenda import training_pages

    write(project, "training/checks.yml", MULTI_CHECK)
    content = load_content(project)
    sheet = training_pages.check_sheet(training_pages.full_check(content), content)
    assert "- [ ]" not in sheet and "[x]" not in sheet  # no task-list circles
    assert sheet.count('<span class="ca-sheet__box"></span> **A.**') == 4
    assert '<span class="ca-sheet__box"></span> **C.** Dates the release names' in sheet
    assert "Choose all that apply. *(Choose all that apply.)*" not in sheet  # said once when the prompt says it
    assert "Who does the police work? *(Choose one.)*" in sheet
    for answer in ["Right", "Yes.", "Each side does its own job", "correct"]:
        assert answer not in sheet
    assert "shows the answers only after the session" not in sheet  # the online intro, not for paper
    assert sheet.count("not graded") == 1


def test_the_answer_key_opens_with_a_one_line_key_and_how_to_score_choose_all(project):
    from common_agenda import training_pages

    write(project, "training/checks.yml", MULTI_CHECK)
    content = load_content(project)
    key = training_pages.check_key(training_pages.full_check(content), content)
    assert "**Key:** 1&nbsp;B · 2&nbsp;True · 3&nbsp;C · 4&nbsp;A, C\n" in key
    assert ('A "choose all that apply" question counts only when every\nright box and no other is ticked.') in key
    assert "[Open the online check](check.md)." in key and "Open the quiz" not in key
    assert "- **A. Right:** What the release names" in key and "- B. Not right: Her whole case file and notes" in key
    assert key.index("**Key:**") < key.index("**1.**")
    assert "\n\n**1.** Who does the police work?" in key  # its own paragraph, not run into the intro


def test_the_plan_links_its_online_check_from_the_agenda_and_the_kit_points_to_the_table_above(project):
    from common_agenda import training_pages

    write(project, "training/checks.yml", CHECK)
    write(project, "training/plans/short.yml", PLAN)
    content = load_content(project)
    page = training_pages.plan_page(content.plans[0], content)
    row = next(line for line in page.splitlines() if "Before we start" in line)
    assert "[Online check](../checks/short.md)" in row and "[Training check: question sheet](../checks/short-sheet.md)" in row
    index = training_pages.training_index(content)
    assert "see the table above" in index and "see the table below" not in index


def test_the_tally_sheet_says_how_to_collect_scores_from_the_online_check(project):
    from common_agenda import training_pages

    write(project, "training/checks.yml", CHECK)
    content = load_content(project)
    tally = training_pages.check_tally(training_pages.full_check(content), content)
    assert "[online check](check.md)" in tally
    assert "reads their after score" in tally and "slip of paper" in tally
    assert "print two [question sheets](check-sheet.md) per participant" in tally


# ---- The three fixed plans as a kit (issue 14) ----

REAL = load_content(REPO)
CHECKS_AND_FORMS = {"pre-check", "post-check", "evaluation", "check-and-evaluation"}


def test_across_the_three_plans_every_module_is_taught_in_a_module_block():
    taught = {b.module.id for plan in REAL.plans for b in plan.blocks if b.module}
    assert [m.id for m in REAL.modules if m.id not in taught] == []
    assert {p.id for p in REAL.plans} == {"ninety-minutes", "half-day", "full-day"}


def test_checks_and_forms_take_at_most_ten_minutes_of_the_ninety_minute_plan_and_stay_linked():
    from common_agenda import training_pages

    plan = next(p for p in REAL.plans if p.id == "ninety-minutes")
    forms = [b for b in plan.blocks if b.activity and b.activity.kind in CHECKS_AND_FORMS]
    assert sum(b.minutes for b in forms) <= 10 and plan.total == plan.length == 90
    handouts = {h for b in forms for h in b.handouts}
    assert {"check", "evaluation"} <= handouts  # a before and an after check, and the evaluation
    assert [b.activity.kind for b in forms] == ["pre-check", "check-and-evaluation"]
    page = training_pages.plan_page(plan, REAL)
    row = next(line for line in page.splitlines() if "**Check and evaluation:**" in line)
    assert "[Online check](../checks/ninety-minutes.md)" in row and "[Evaluation form](../evaluation.md)" in row


@pytest.mark.parametrize("plan", REAL.plans, ids=lambda p: p.id)
def test_each_plan_opens_with_the_opening_and_ends_with_the_closing(plan):
    assert plan.blocks[0].activity and plan.blocks[0].activity.kind == "opening"
    assert plan.blocks[-1].activity and plan.blocks[-1].activity.kind == "closing"
    assert abs(plan.total - plan.length) <= 5


def test_the_opening_and_closing_say_what_a_facilitator_needs():
    opening, closing = REAL.activities["opening"].description, REAL.activities["closing"].description
    for words in ("ground rules", "step out", "advocate", "made up", "Welcome"):
        assert words.lower() in opening.lower(), words
    for words in ("commitment", "next meeting", "support", "thank"):
        assert words.lower() in closing.lower(), words


def test_each_block_keeps_what_it_is_who_leads_it_and_its_note_and_the_handouts_come_once_in_order(project):
    write(project, "training/plans/short.yml", """\
id: short
title: Short session
summary: A test plan.
length: 90
start: "09:00"
handouts: [first-meeting]
blocks:
  - activity: pre-check
  - module: shared-goals
    lead: provider
    note: "  Ask who has met the other side.  "
  - scenario: school-referral
  - activity: evaluation
    lead: both
  - activity: break-short
""")
    plan = load_content(project).plans[0]
    assert [(b.kind, b.ref, b.title, b.minutes, b.lead, b.note) for b in plan.blocks] == [
        ("activity", "pre-check", "Before we start", 10, "police", ""),  # an activity's own lead
        ("module", "shared-goals", "Shared goals, different missions", 25, "provider", "Ask who has met the other side."),
        ("scenario", "school-referral", plan.blocks[2].scenario.title, 35, "both", ""),
        ("activity", "evaluation", "Session evaluation", 10, "both", ""),
        ("activity", "break-short", "Short break", 10, "both", "")]
    assert plan.handout_order() == [("handout", "first-meeting"), ("handout", "check"), ("scenario", "school-referral"),
                                    ("handout", "evaluation")]
    assert (plan.title, plan.summary, plan.source) == ("Short session", "A test plan.", "training/plans/short.yml")


def test_a_plan_naming_a_module_that_failed_on_its_own_adds_no_message_of_its_own(project):
    write(project, "training/plans/short.yml", PLAN)
    shared = project / "modules" / "shared-goals.md"
    shared.write_text(shared.read_text(encoding="utf-8").replace("minutes: 25", "minutes: soon"), encoding="utf-8")
    found = problems(project)
    assert found and all(line.startswith("modules/shared-goals.md:") for line in found), found


def test_every_unknown_block_is_named_not_only_the_first(project):
    write(project, "training/plans/short.yml", PLAN.replace("module: shared-goals", "module: roles")
          .replace("activity: evaluation", "activity: karaoke"))
    assert [line.split(" — ")[0] for line in problems(project)] == [
        "training/plans/short.yml:8: blocks[1].module: no module has the id 'roles'",
        "training/plans/short.yml:9: blocks[2].activity: no activity has the id 'karaoke'"]
