"""The session builder in Chromium: a session kept in the address survives a reload, the fixed
plans are presets of it, what the address says is checked, and the page passes axe and fits a phone."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from browsing import axe_violations
from common_agenda.content import load_content
from common_agenda.plans import LEADS
from sitekit import REPO

pytestmark = pytest.mark.browser
CONTENT = load_content(REPO)
BUILDER = "training/builder/"
# Each fixed plan's blocks from its start, added up by hand from training/plans/*.yml and the
# modules' and activities' minutes.
PLAN_TIMES = {
    "ninety-minutes": ["12:00\u201312:12", "12:12\u201312:15", "12:15\u201312:40", "12:40\u201313:15",
                       "13:15\u201313:22", "13:22\u201313:30"],
    "half-day": ["09:00\u201309:12", "09:12\u201309:22", "09:22\u201310:02", "10:02\u201310:35", "10:35\u201310:45",
                 "10:45\u201311:20", "11:20\u201312:00", "12:00\u201312:10", "12:10\u201312:20", "12:20\u201312:28"],
    "full-day": ["08:30\u201308:42", "08:42\u201308:57", "08:57\u201309:07", "09:07\u201309:32", "09:32\u201309:42",
                 "09:42\u201310:18", "10:18\u201310:48", "10:48\u201310:58", "10:58\u201311:38", "11:38\u201312:18",
                 "12:18\u201313:03", "13:03\u201313:33", "13:33\u201314:03", "14:03\u201314:33", "14:33\u201314:43",
                 "14:43\u201315:18", "15:18\u201315:28", "15:28\u201315:38", "15:38\u201315:46"],
}


def agenda(page, rows=".ca-builder__agenda > li") -> list[tuple[str, str, str]]:
    """(time range, block, lead) per row, as the builder or its pack shows them."""
    return page.locator(rows).evaluate_all("""rows => rows.map(row => [
        row.querySelector('.ca-builder__when').textContent,
        row.querySelector('.ca-builder__what').textContent,
        (row.querySelector('select') || {}).value !== undefined
          ? row.querySelector('select').selectedOptions[0].textContent
          : row.children[2].textContent])""")


def test_a_built_session_survives_a_reload_and_reaches_its_print_pack(page, site_url):
    page.goto(site_url + BUILDER + "?blocks=&start=09:00&length=90", wait_until="networkidle")
    for token in ("activity:pre-check", "module:shared-goals", "scenario:school-referral"):
        page.locator(f"[data-ca-block='{token}'] button.ca-builder__add").click()
    page.get_by_label("Start time").fill("13:30")
    assert page.evaluate("localStorage.getItem('ca-last-start')") == "13:30"  # for a builder opened without one
    page.get_by_label("Who leads").nth(1).select_option("police")
    page.get_by_role("button", name="Move up: Shared goals").click()
    before = agenda(page)
    assert before[0][0] == "13:30\u201313:55"  # shared-goals is 25 minutes
    assert before[0][1].startswith("Module: ") and before[0][2] == LEADS["police"]
    assert "blocks=module:shared-goals@police,activity:pre-check,scenario:school-referral" in page.url
    assert "start=13:30" in page.url and "length=90" in page.url
    page.reload(wait_until="networkidle")
    assert agenda(page) == before
    assert page.get_by_label("Start time").input_value() == "13:30"
    total = page.locator(".ca-builder__total").inner_text()
    assert total.startswith("Starts 13:30") and "of a 1 h 30 min target" in total
    page.locator("a.ca-builder__pack").click()
    page.wait_for_url("**/builder-pack/**")
    expect(page.locator(".ca-builder-pack tbody tr")).to_have_count(3)
    rows = page.locator(".ca-builder-pack tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).slice(0, 3).map(c => c.textContent))")
    assert [tuple(r) for r in rows] == [tuple(r) for r in before]
    shown = page.locator("[data-ca-section]:visible").evaluate_all(
        "els => els.map(e => e.getAttribute('data-ca-section'))")
    assert shown[:3] == ["handout:first-meeting", "module:shared-goals", "handout:check"]
    assert "scenario:school-referral" in shown and "handout:evaluation" not in shown
    # 70 minutes: as a fixed plan of at most 90 minutes, the check asks only about the module blocks
    checks = page.locator("[data-ca-check]:visible").evaluate_all("els => els.map(e => e.getAttribute('data-ca-check'))")
    assert checks == ["shared-goals"]
    # the participants' printed copy leaves out what plans the session; the screen keeps it
    planning = [".ca-builder-pack__title", ".ca-builder-pack__edition", ".ca-builder-pack__target",
                "[data-ca-section='module:shared-goals'] .ca-builder__key"]
    for selector in planning:
        expect(page.locator(selector)).to_be_visible()
    page.emulate_media(media="print")
    for selector in planning:
        expect(page.locator(selector)).to_be_hidden()
    assert page.locator(".ca-builder-pack__caption").inner_text().strip() == "Starts 13:30, ends 14:40."  # 25 + 10 + 35 minutes
    expect(page.locator(".ca-builder-pack tbody tr")).to_have_count(3)
    page.emulate_media(media="screen")
    page.get_by_role("link", name="Open the facilitator edition").click()
    page.wait_for_url("**edition=facilitator**")
    expect(page.locator(".ca-builder-pack tbody tr")).to_have_count(3)
    shown = page.locator("[data-ca-section]:visible").evaluate_all(
        "els => els.map(e => e.getAttribute('data-ca-section'))")
    assert shown[:4] == ["script:module:shared-goals", "script:activity:pre-check", "script:scenario:school-referral",
                         "handout:first-meeting"]
    if CONTENT.script_for("shared-goals"):  # its parts' clock times count from its block's start
        script = page.locator("[data-ca-section='script:module:shared-goals'] time.ca-agenda__time")
        assert script.first.inner_text() == "13:30"
    # an activity's script says when it runs, not only how long: after shared-goals' 25 minutes, for 10
    times = page.locator("[data-ca-section='script:activity:pre-check'] time.ca-agenda__time").all_inner_texts()
    assert times[:2] == ["13:55", "14:05"]


def test_each_fixed_plan_is_a_preset_of_the_builder(page, site_url):
    for plan in CONTENT.plans:
        page.goto(site_url + plan.page_uri.replace(".md", "/"), wait_until="networkidle")
        page.get_by_role("link", name="Adapt this plan in the session builder").click()
        page.wait_for_url("**/training/builder/**")
        expect(page.locator(".ca-builder__agenda > li")).to_have_count(len(plan.blocks))
        expected = [(when, b.title, LEADS[b.lead]) for when, b in zip(PLAN_TIMES[plan.id], plan.blocks, strict=True)]
        assert [(when, block.split(": ", 1)[1], lead) for when, block, lead in agenda(page)] == expected
        assert page.get_by_label("Target length (minutes)").input_value() == str(plan.length)
        assert page.locator(".ca-builder__notes").inner_text() == ""
        if plan is CONTENT.plans[0] and plan.blocks[-1].activity and plan.blocks[-1].activity.kind == "closing":
            # a new block goes before the closing, not after it (no string of Up presses)
            module = CONTENT.modules[-1]
            page.locator(f"[data-ca-block='module:{module.id}'] button.ca-builder__add").click()
            titles = [block.split(": ", 1)[1] for _, block, _ in agenda(page)]
            assert titles[-2:] == [module.title, plan.blocks[-1].title]
            said = page.locator(f"[data-ca-block='module:{module.id}'] .ca-builder__added").inner_text()
            assert said.startswith(f"Added as block {len(plan.blocks)}, before the closing, "), said


def test_what_the_address_says_is_checked_and_never_becomes_markup(page, site_url):
    hostile = "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"
    page.goto(site_url + BUILDER + f"?blocks=module:shared-goals@chief,module:no-such,{hostile},"
              "activity:pre-check@__proto__,activity:pre-check@toString&start=25:61&length=abc", wait_until="networkidle")
    notes = page.locator(".ca-builder__notes").inner_text()
    assert "no-such" in notes and "<img src=x onerror=alert(1)>" in notes
    assert "not a time on the 24-hour clock, so 09:00 is used" in notes and "target length" in notes
    assert page.locator(".md-content img[src='x']").count() == 0
    pre_check = CONTENT.activities["pre-check"]
    assert [(block, lead) for _, block, lead in agenda(page)] == [  # an unknown lead leaves the block its own
        (f"Module: {CONTENT.module('shared-goals').title}", LEADS["both"])] + [
        (f"{pre_check.kind.replace('-', ' ').capitalize()}: {pre_check.title}", LEADS[pre_check.lead])] * 2
    # a known block with an unknown lead is kept, and the note says so rather than "left out"
    shared = CONTENT.module("shared-goals").title
    assert f"Unknown lead \u201cchief\u201d for {shared}: its own lead, {LEADS['both']}, is used." in notes
    assert f"Unknown lead \u201c__proto__\u201d for {pre_check.title}" in notes
    assert f"Unknown lead \u201ctoString\u201d for {pre_check.title}" in notes
    left_out = next(line for line in notes.splitlines() if line.startswith("Left out"))
    assert "chief" not in left_out and "pre-check" not in left_out and "no-such" in left_out
    assert page.get_by_label("Start time").input_value() == "09:00"
    assert page.get_by_label("Target length (minutes)").input_value() == "90"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_builder_and_its_pack_have_no_axe_violations(page, site_url, scheme):
    plan = CONTENT.plans[0]
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + plan.page_uri.replace(".md", "/"), wait_until="networkidle")
    page.get_by_role("link", name="Adapt this plan in the session builder").click()
    page.wait_for_url("**/training/builder/**")
    page.wait_for_timeout(400)  # Material's colour transitions
    assert axe_violations(page) == []
    page.get_by_label("Start time").fill("1")  # an unfinished time is marked, not obeyed
    assert page.get_by_label("Start time").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []
    page.locator("a.ca-builder__pack").click()
    page.wait_for_url("**/builder-pack/**")
    page.wait_for_timeout(400)
    assert axe_violations(page) == []


def test_the_builder_and_its_pack_fit_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    plan = max(CONTENT.plans, key=lambda p: len(p.blocks))
    try:
        page.goto(site_url + plan.page_uri.replace(".md", "/"), wait_until="networkidle")
        adapt = page.get_by_role("link", name="Adapt this plan in the session builder").get_attribute("href")
        builder = urljoin(page.url, adapt)
        for url in (builder, builder.replace("/builder/", "/builder-pack/")):
            page.goto(url, wait_until="networkidle")
            assert page.locator(".ca-builder__agenda > li, .ca-builder-pack tbody tr").count() == len(plan.blocks)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
            if url == builder:  # a finger's size for each move, and Remove apart from Down
                row = page.locator(".ca-builder__agenda > li").first
                boxes = {a: row.locator(f"[data-ca-action='{a}']").bounding_box() for a in ("up", "down", "remove")}
                assert all(b["width"] >= 44 and b["height"] >= 44 for b in boxes.values()), boxes
                down, remove = boxes["down"], boxes["remove"]
                if abs(down["y"] - remove["y"]) < 1:
                    assert remove["x"] - (down["x"] + down["width"]) >= 16, boxes
    finally:
        context.close()


def test_a_session_holds_at_most_forty_blocks_from_the_address_or_the_add_buttons(page, site_url):
    """40 is MAX_BLOCKS in hooks/common_agenda/session_builder.py, written out here."""
    page.goto(site_url + BUILDER + "?blocks=" + ",".join(["activity:break-short"] * 41) + "&start=09:00&length=90",
              wait_until="networkidle")
    assert len(agenda(page)) == 40
    assert "The address names 41 blocks; only the first 40 are used." in page.locator(".ca-builder__notes").inner_text()
    block = page.locator("[data-ca-block='activity:break-short']")
    block.locator("button.ca-builder__add").click()
    assert len(agenda(page)) == 40
    expect(block.locator(".ca-builder__added")).to_have_text("A session holds at most 40 blocks.")
