"""Facilitator scripts: their rules with exact messages, and how a plan page shows them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from common_agenda.content import load_content
from common_agenda.problems import ContentError
from sitekit import REPO

# shared-goals takes 25 minutes: 3 + 4 + 3 talking points, a 10-minute activity, a 5-minute debrief.
SCRIPT = """\
# yaml-language-server: $schema=../../schemas/module-script.schema.json
module: shared-goals
talking_points:
  - lead: police
    minutes: 3
    text: |
      Police work aims to **stop the harm** and hold the person who caused it to account.
  - lead: provider
    minutes: 4
    text: |
      Provider work aims to meet the young person's needs, on her terms.
  - lead: both
    minutes: 3
    text: |
      Both want her safe. Say where you agree before you say where you differ.
activity:
  title: Two missions, one case
  lead: both
  minutes: 10
  materials: [Flip chart, Markers]
  instructions: |
    Mixed pairs list what each side needs from the other in the first week of a case.
debrief:
  lead: provider
  minutes: 5
  questions:
    - What surprised you about the other side's list?
    - Which need could you meet next week?
"""

PLAN = """\
id: short
title: Short session
summary: A test plan.
length: 45
start: "09:00"
blocks:
  - activity: pre-check
  - module: shared-goals
  - activity: break-short
"""


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's content with this file's script for shared-goals and one short plan."""
    root = tmp_path / "project"
    for folder in ("modules", "quizzes", "training", "schemas"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.rmtree(root / "training" / "plans")
    (root / "training" / "plans").mkdir()
    (root / "training" / "scripts").mkdir(exist_ok=True)
    write(root, "training/plans/short.yml", PLAN)
    write(root, "training/scripts/shared-goals.yml", SCRIPT)
    return root


def write(root: Path, relative: str, text: str) -> None:
    (root / relative).write_text(text, encoding="utf-8")


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return [str(p) for p in caught.value.problems]


def minutes_of(module_id: str) -> int:
    return next(m.minutes for m in load_content(REPO).modules if m.id == module_id)


def test_a_script_is_read_with_its_parts_timed_from_the_block_start(project):
    content = load_content(project)
    script = content.script_for("shared-goals")
    assert script.total == 25 == content.module("shared-goals").minutes
    assert [(p.kind, p.offset, p.minutes, p.lead) for p in script.parts()] == [
        ("talking-point", 0, 3, "police"), ("talking-point", 3, 4, "provider"), ("talking-point", 7, 3, "both"),
        ("activity", 10, 10, "both"), ("debrief", 20, 5, "provider")]
    assert script.activity.materials == ("Flip chart", "Markers")
    assert content.script_for("confidentiality").module == "confidentiality"  # training/scripts/confidentiality.yml


def test_parts_that_do_not_fill_the_modules_minutes_are_refused_with_the_sum_and_the_fix(project):
    write(project, "training/scripts/shared-goals.yml", SCRIPT.replace("  minutes: 10\n", "  minutes: 12\n"))
    assert problems(project) == [
        "training/scripts/shared-goals.yml:19: activity.minutes: the parts add up to 27 minutes (talking points "
        "3 + 4 + 3, activity 12, debrief 5), 2 more than the 25 of module 'shared-goals' (modules/shared-goals.md) "
        "— set activity.minutes: 10, or change other parts so they add up to 25: a module block keeps the "
        "module's minutes"]


@pytest.mark.parametrize(("old", "new", "message"), [
    ("module: shared-goals", "module: shared-gols",
     "training/scripts/shared-goals.yml:2: module: no module has the id 'shared-gols' — use a module id: confidentiality, "),
    ("  - lead: provider\n    minutes: 4\n", "  - lead: advocate\n    minutes: 4\n",
     "training/scripts/shared-goals.yml:8: talking_points[1].lead: text ('advocate') is not allowed — use one of: "
     "police, provider, both"),
    ("  questions:\n    - What surprised", "  question:\n    - What surprised",
     "training/scripts/shared-goals.yml:26: debrief.question: is not a known field — did you mean 'questions'? "
     "allowed fields are lead, minutes, questions"),
    ("    - Which need could you meet next week?\n", "",
     "training/scripts/shared-goals.yml:26: debrief.questions: has 1 item, needs at least 2 — give two to four "
     "questions to ask the room"),
    ("    text: |\n      Both want", "    txt: |\n      Both want",
     "training/scripts/shared-goals.yml:14: talking_points[2].txt: is not a known field — did you mean 'text'? "
     "allowed fields are lead, minutes, text"),
])
def test_script_schema_and_reference_errors_name_the_line_and_field(project, old, new, message):
    write(project, "training/scripts/shared-goals.yml", SCRIPT.replace(old, new))
    found = problems(project)
    assert any(p.startswith(message) for p in found), "\n".join(found)


def test_a_script_in_a_file_named_for_another_module_is_refused(project):
    write(project, "training/scripts/goals.yml", SCRIPT)
    assert problems(project) == [
        "training/scripts/goals.yml:2: module: the script for 'shared-goals' is in a file named goals.yml — "
        "rename the file to training/scripts/shared-goals.yml, one script per module"]


def test_script_text_goes_through_the_html_allowlist(project):
    write(project, "training/scripts/shared-goals.yml",
          SCRIPT.replace("Mixed pairs list", "Mixed pairs <script>alert(1)</script> list"))
    found = problems(project)
    assert len(found) == 1 and found[0].startswith("training/scripts/shared-goals.yml:21: activity.instructions: contains a <script> tag"), found


def test_the_plan_page_shows_the_script_under_the_agenda_with_leads_and_moving_clock_times(project):
    from common_agenda import training_pages

    content = load_content(project)
    page = training_pages.plan_page(content.plans[0], content)
    script = page[page.index("## Facilitator script"):]
    assert page.index("| Time |") < page.index("## Facilitator script")
    # the module block starts after the 10-minute pre-check: its parts at 09:10, 09:13, 09:17, 09:20, 09:30
    heads = re.findall(r'data-offset="(\d+)">(\d\d:\d\d)</time>–<time class="ca-agenda__time" '
                       r'data-offset="(\d+)">\d\d:\d\d</time> · (\d+) min</span> ·\n\*\*([^*]+)\*\* · ([A-Za-z ]+)\n', script)
    assert [(h[0], h[1], h[3], h[4], h[5]) for h in heads] == [
        ("10", "09:10", "3", "Talking point 1 of 3", "Police facilitator leads"),
        ("13", "09:13", "4", "Talking point 2 of 3", "Provider facilitator leads"),
        ("17", "09:17", "3", "Talking point 3 of 3", "Both facilitators lead"),
        ("20", "09:20", "10", "Activity: Two missions, one case", "Both facilitators lead"),
        ("30", "09:30", "5", "Debrief", "Provider facilitator leads")]
    assert "*Materials:* Flip chart, Markers" in script
    assert "- What surprised you about the other side's list?" in script
    assert "Police work aims to **stop the harm**" in script
    # activity blocks read their own description: the break reminds people where the advocate is
    assert "say where the on-site advocate will be" in script


def test_a_plan_block_without_a_script_is_refused_once_the_kit_has_scripts(project):
    """Facilitators would otherwise have to invent the block (red team: a deleted script built)."""
    from common_agenda import training_pages

    (project / "training/scripts/shared-goals.yml").unlink()
    with pytest.raises(ContentError) as caught:
        load_content(project)
    assert [(p.field, p.what) for p in caught.value.problems] == [
        ("blocks[1].module", "module 'shared-goals' has no facilitator script, so the facilitators would have to "
                             "invent this block")]
    shutil.rmtree(project / "training/scripts")  # a kit without scripts teaches from the module pages
    content = load_content(project)
    page = training_pages.plan_page(content.plans[0], content)
    assert "no facilitator script yet: teach it from the [module page](../../modules/shared-goals.md)" in page


def test_the_total_row_sits_under_the_time_column(project):
    from common_agenda import training_pages

    content = load_content(project)
    page = training_pages.plan_page(content.plans[0], content)
    assert "| **Total: 45 min** | | | | |" in page
    row = next(line for line in page.splitlines() if "**Module:** [Shared goals" in line)
    assert "| Flip chart, Markers<br>[Module page](../../modules/shared-goals.md)" in row  # the script's materials




def test_every_module_in_the_curriculum_has_a_script_that_fills_its_minutes():
    content = load_content(REPO)
    missing = [m.id for m in content.modules if content.script_for(m.id) is None]
    assert missing == []
    for module in content.modules:
        assert content.script_for(module.id).total == module.minutes
        assert 3 <= len(content.script_for(module.id).talking_points) <= 4
