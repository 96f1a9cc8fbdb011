"""The training kit in Chromium: live agenda times, print packs, handouts without facilitator notes."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from common_agenda.content import load_content
from sitekit import REPO

pytestmark = pytest.mark.browser
CONTENT = load_content(REPO)

KIT_PAGES = ["training/", "training/plans/half-day/", "training/plans/half-day-print-pack/",
             "training/scenarios/hotel-operation/", "training/handouts/hotel-operation/", "training/check/",
             "training/check-sheet/", "training/check-key/", "training/answer-keys/",
             "training/answer-keys/confidentiality/", "training/mou-template/", "training/facilitator-guide/",
             "local-contacts/"]


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_changing_the_start_time_updates_every_clock_time_and_print_keeps_it(page, site_url):
    page.goto(site_url + "training/plans/half-day/", wait_until="networkidle")
    times = page.locator("table time.ca-agenda__time")
    assert times.first.inner_text() == "09:00"
    page.get_by_label("Start time").fill("13:30")
    expect(times.first).to_have_text("13:30")
    plan = next(p for p in CONTENT.plans if p.id == "half-day")
    second = plan.blocks[1].offset
    assert times.nth(2).inner_text() == f"{13 + (30 + second) // 60:02d}:{(30 + second) % 60:02d}"
    page.emulate_media(media="print")
    assert page.locator(".ca-agenda__caption").inner_text().startswith("Agenda starting at 13:30")
    assert page.get_by_label("Start time").is_hidden()


@pytest.mark.parametrize("plan", CONTENT.plans, ids=lambda p: p.id)
def test_each_print_pack_prints_agenda_and_handouts_without_facilitator_notes(page, site_url, plan):
    page.goto(site_url + plan.pack_uri.replace(".md", "/"), wait_until="networkidle")
    pages = pdf_pages(page.pdf(format="A4"))
    handouts = len(plan.handout_order())
    assert handouts + 1 <= pages <= 12 * (handouts + 1), pages
    page.emulate_media(media="print")
    text = page.locator("article").inner_text()
    for kind, ref in plan.handout_order():
        if kind == "scenario":
            scenario = CONTENT.scenario(ref)
            assert scenario.title in text
            for note in [scenario.facilitator_notes] + [s.notes for s in scenario.stages if s.notes]:
                assert " ".join(re.sub(r"[*_`]", "", note).split()[:8]) not in " ".join(text.split())
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()


@pytest.mark.parametrize("scenario", CONTENT.scenarios, ids=lambda s: s.id)
def test_participant_handouts_leave_out_facilitator_notes(page, site_url, scenario):
    page.goto(site_url + scenario.handout_uri.replace(".md", "/"), wait_until="networkidle")
    handout = page.locator("article").inner_text()
    page.goto(site_url + scenario.page_uri.replace(".md", "/"), wait_until="networkidle")
    facilitator = page.locator("article").inner_text()
    notes = [scenario.facilitator_notes.splitlines()[0]] + [s.notes.splitlines()[0] for s in scenario.stages if s.notes]
    for note in notes:
        first_words = " ".join(re.sub(r"[*_`]", "", note).split()[:8])
        assert first_words in facilitator.replace("\n", " ")
        assert first_words not in handout.replace("\n", " ")
    assert "made up for training" in handout and "made up for training" in facilitator
    assert scenario.stages[-1].prompts[0][:40] in handout


@pytest.mark.parametrize("path", KIT_PAGES)
def test_kit_pages_make_no_foreign_requests_and_have_no_axe_violations(page, site_url, foreign_requests, path):
    page.goto(site_url + path, wait_until="networkidle")
    violations = [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in Axe().run(page).response["violations"]]
    assert violations == []
    assert foreign_requests == []


def test_the_online_check_uses_the_quiz_questions(page, site_url):
    page.goto(site_url + "training/check/", wait_until="networkidle")
    first = CONTENT.check_questions[0]
    assert page.locator("section.ca-q").count() == len(CONTENT.check_questions)
    section = page.locator("section.ca-q").first
    correct = next(o for o in first.options if o.correct)
    section.get_by_label(re.compile(re.escape(correct.text[:30]))).check()
    section.get_by_role("button", name="Check answer").click()
    assert "Correct." in section.locator(".ca-q__result").inner_text()


def test_local_placeholders_are_marked_when_local_settings_are_missing(page, site_url):
    page.goto(site_url + "training/mou-template/", wait_until="networkidle")
    assert page.locator("mark.ca-placeholder", has_text="[Your agency]").count() >= 1
    assert "{{" not in page.locator("article").inner_text()
