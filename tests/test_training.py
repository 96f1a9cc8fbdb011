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
     "training/plans/short.yml:9: blocks[2].activity: no activity has the id 'karaoke' — use one defined in training/activities.yml: icebreaker-hopes, "),
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


def test_check_items_must_name_real_questions(project):
    text = (project / "training/checks.yml").read_text()
    write(project, "training/checks.yml", text + "  - shared-goals/no-such-question\n")
    found = problems(project)
    assert found == [f"training/checks.yml:{text.count(chr(10)) + 1}: items[10]: no quiz question is "
                     "'shared-goals/no-such-question' — write <quiz id>/<question id> of a single, multiple or "
                     "true_false question in quizzes/"]


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
agency: Riverside Police Department
partner: Riverside Youth Services
region: Riverside County
contacts:
  - name: Det. Ana Reyes
    role: Trafficking cases
    phone: 555-0100
    hours: 24/7
module_notes:
  confidentiality: In Riverside, call the county attorney's office first.
"""


def test_local_settings_are_read(project):
    write(project, "local.yml", LOCAL)
    local = load_content(project).local
    assert local.names == {"agency": "Riverside Police Department", "partner": "Riverside Youth Services",
                           "region": "Riverside County"}
    assert not local.placeholders
    assert local.contacts[0]["name"] == "Det. Ana Reyes"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("agency: Riverside", "agencyname: Riverside",
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
    assert '!!! info "Local note"\n    In Riverside, call the county attorney' in module_pages.page_markdown(module, content)
    mou = training_pages.mou_page("Between {{ agency }} and {{partner}} in {{ region }}.", content)
    assert mou == "Between Riverside Police Department and Riverside Youth Services in Riverside County."
    contacts = training_pages.local_contacts_page(content)
    assert "Det. Ana Reyes" in contacts and "ca-placeholder" not in contacts
    assert "Det. Ana Reyes, Trafficking cases: 555-0100 (24/7)." in training_pages.local_brief_block(content, "first-meeting.md")


def test_missing_local_settings_show_marked_placeholders(project):
    from common_agenda import training_pages

    content = load_content(project)
    mou = training_pages.mou_page("Between {{ agency }} and {{ partner }}.", content)
    assert mou == ('Between <mark class="ca-placeholder" title="Set this in local.yml">[Your agency]</mark> and '
                   '<mark class="ca-placeholder" title="Set this in local.yml">[Partner agency]</mark>.')


def test_the_example_local_settings_file_is_valid(project):
    import shutil as _shutil

    _shutil.copy(REPO / "local.example.yml", project / "local.yml")
    assert load_content(project).local.names["agency"] == "Riverside Police Department"
