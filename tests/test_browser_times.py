"""Start times in Chromium: the time set on a plan travels to its print pack in the address and is
remembered in this browser; the address wins over what is remembered; the box and the agenda
write times the same way."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from common_agenda.content import load_content
from common_agenda.plans import clock
from sitekit import REPO

pytestmark = pytest.mark.browser
CONTENT = load_content(REPO)
PLAN = next(p for p in CONTENT.plans if p.id == "ninety-minutes")
PLAN_PAGE = PLAN.page_uri.replace(".md", "/")
PACK = PLAN.pack_uri.replace(".md", "/")


def first_time(page) -> str:
    return page.locator("table time.ca-agenda__time").first.inner_text()


def test_a_start_time_set_on_a_plan_reaches_its_print_pack_and_is_remembered(page, site_url):
    page.goto(site_url + PLAN_PAGE, wait_until="networkidle")
    assert first_time(page) == PLAN.start
    page.get_by_label("Start time").fill("13:30")
    expect(page.locator("table time.ca-agenda__time").first).to_have_text("13:30")
    assert "start=13:30" in page.url  # the page's own address keeps it, for a bookmark
    pack = page.locator(f".md-content a[href*='{PLAN.id}-print-pack']").first
    assert "start=13:30" in pack.get_attribute("href")
    assert "start=13:30" in page.get_by_role("link", name="Adapt this plan in the session builder").get_attribute("href")
    pack.click()
    page.wait_for_url(f"**/{PACK}?*")
    assert first_time(page) == "13:30"
    assert page.get_by_label("Start time").input_value() == "13:30"
    last = PLAN.blocks[-1]
    assert page.locator("table time.ca-agenda__time").nth(2 * len(PLAN.blocks) - 1).inner_text() == \
        clock("13:30", last.offset + last.minutes)
    for path in (PACK, PLAN_PAGE):  # reopened without the time in the address: remembered
        page.goto(site_url + path, wait_until="networkidle")
        assert first_time(page) == "13:30", path
        assert page.get_by_label("Start time").input_value() == "13:30", path
    page.goto(site_url + PACK + "?start=08:15", wait_until="networkidle")  # the address wins
    assert first_time(page) == "08:15"
    page.goto(site_url + PACK + "?start=31:00", wait_until="networkidle")  # not a time: the plan's own, said so
    assert first_time(page) == PLAN.start
    assert "not a time on the 24-hour clock" in page.locator(".ca-plan-start__note").inner_text()
    other = next(p for p in CONTENT.plans if p.id != PLAN.id)  # remembered per plan
    page.goto(site_url + other.page_uri.replace(".md", "/"), wait_until="networkidle")
    assert first_time(page) == other.start
    for corrupt in ("not json", '{"%s": {"toString": 1}}' % PLAN.id, '["13:30"]'):  # what another script left
        page.evaluate("value => localStorage.setItem('ca-plan-start', value)", corrupt)
        page.goto(site_url + PLAN_PAGE, wait_until="networkidle")
        assert first_time(page) == PLAN.start, corrupt


@pytest.mark.parametrize("locale", ["en-US", "de-DE"])
def test_the_time_box_and_the_agenda_write_times_alike(browser, site_url, locale):
    """Chromium's own time box showed '12:00 PM' beside a 24-hour agenda in en-US: the box is now
    a text box written the agenda's way, whatever the browser's locale."""
    context = browser.new_context(locale=locale)
    page = context.new_page()
    try:
        for path, box, times in ((PLAN_PAGE, page.get_by_label("Start time"), "table time.ca-agenda__time"),
                                 ("training/builder/?blocks=activity:pre-check&start=14:05&length=90",
                                  page.get_by_label("Start time"), ".ca-builder__agenda time")):
            page.goto(site_url + path, wait_until="networkidle")
            assert box.get_attribute("type") == "text"
            assert box.input_value() == page.locator(times).first.inner_text()
            box.fill("7:05")
            box.press("Tab")
            expect(page.locator(times).first).to_have_text("07:05")
            assert box.input_value() == "07:05"
    finally:
        context.close()
