"""Start times in Chromium: the time set on a plan travels to its print pack in the address and is
remembered in this browser (and opens the session builder); the address wins over what is
remembered; the box and the agenda write times the same way."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from common_agenda.content import load_content
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
    # the last block's end: the 90-minute plan's six blocks (two times each) end at 13:30 + 1 h 30 min
    assert page.locator("table time.ca-agenda__time").nth(11).inner_text() == "15:00"
    for path in (PACK, PLAN_PAGE):  # reopened without the time in the address: remembered
        page.goto(site_url + path, wait_until="networkidle")
        assert first_time(page) == "13:30", path
        assert page.get_by_label("Start time").input_value() == "13:30", path
    page.goto(site_url + "training/builder/", wait_until="networkidle")  # the builder opens at the last start set
    assert page.get_by_label("Start time").input_value() == "13:30"
    assert page.locator(".ca-builder__total").inner_text().startswith("Starts 13:30")
    page.goto(site_url + PACK + "?start=08:15", wait_until="networkidle")  # the address wins
    assert first_time(page) == "08:15"
    page.goto(site_url + PACK + "?start=31:00", wait_until="networkidle")  # not a time: the plan's own, said so
    assert first_time(page) == PLAN.start
    assert "not a time on the 24-hour clock" in page.locator(".ca-plan-start__note").inner_text()
    other = next(p for p in CONTENT.plans if p.id != PLAN.id)  # remembered per plan
    page.goto(site_url + other.page_uri.replace(".md", "/"), wait_until="networkidle")
    assert first_time(page) == other.start
    for corrupt in ("not json", json.dumps({PLAN.id: {"toString": 1}}), '["13:30"]'):  # what another script left
        page.evaluate("value => localStorage.setItem('ca-plan-start', value)", corrupt)
        page.goto(site_url + PLAN_PAGE, wait_until="networkidle")
        assert first_time(page) == PLAN.start, corrupt


EDGE = """box => {
    const rgba = text => (text.match(/[\\d.]+/g) || []).map(Number);
    const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                       return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
    const page = rgba(getComputedStyle(document.body).backgroundColor);
    const on = c => { const a = c.length > 3 ? c[3] : 1; return [0, 1, 2].map(i => c[i] * a + page[i] * (1 - a)); };
    const ratio = c => { const [x, y] = [lum(on(c)), lum(page)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const style = getComputedStyle(box);
    box.focus();
    const focused = getComputedStyle(box);
    const result = { width: parseFloat(style.borderTopWidth), border: ratio(rgba(style.borderTopColor)),
                     ring: parseFloat(focused.outlineWidth), ringContrast: ratio(rgba(focused.outlineColor)) };
    box.blur();
    return result;
}"""


@pytest.mark.parametrize("locale, scheme", [("en-US", "light"), ("de-DE", "dark")])
def test_the_time_box_and_the_agenda_write_times_alike(browser, site_url, locale, scheme):
    """Chromium's own time box showed '12:00 PM' beside a 24-hour agenda in en-US: the box is now
    a text box written the agenda's way, whatever the browser's locale. A box with no border read
    as part of its label ("Start time 13:30"): both boxes have an edge and a focus ring of 3:1."""
    context = browser.new_context(locale=locale, color_scheme=scheme)
    page = context.new_page()
    try:
        for path, box, times in ((PLAN_PAGE, page.get_by_label("Start time"), "table time.ca-agenda__time"),
                                 ("training/builder/?blocks=activity:pre-check&start=14:05&length=90",
                                  page.get_by_label("Start time"), ".ca-builder__agenda time")):
            page.goto(site_url + path, wait_until="networkidle")
            assert box.get_attribute("type") == "text"
            edge = box.evaluate(EDGE)
            assert edge["width"] >= 1 and edge["border"] >= 3, (path, edge)
            assert edge["ring"] >= 2 and edge["ringContrast"] >= 3, (path, edge)
            assert page.locator(f"#{box.get_attribute('aria-describedby')}").inner_text().startswith(
                "Type a 24-hour time, such as 13:30.")  # not "as in the agenda: 13:30", read as its start
            assert box.input_value() == page.locator(times).first.inner_text()
            box.fill("7:05")
            box.press("Tab")
            expect(page.locator(times).first).to_have_text("07:05")
            assert box.input_value() == "07:05"
    finally:
        context.close()
