"""Routes by role, in Chromium: the three entries on the home page, where each leads, the two core
paths and the modules index, and axe on the new pages in light and dark."""

from __future__ import annotations

import re

import pytest

from browsing import axe_violations
from common_agenda import role_paths as rp
from common_agenda.content import load_content
from sitekit import REPO

pytestmark = pytest.mark.browser

CONTENT = load_content(REPO)
ENTRIES = {"I'm a police officer": "start/police/", "I work with survivors": "start/provider/",
           "I'm running a training": "start/facilitator/"}
NEW_PAGES = ["start/police/", "start/provider/", "start/facilitator/"]  # home, paths and modules: test_browser_site


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_the_home_page_opens_with_three_role_entries_each_leading_to_its_route(browser, site_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    for label, route in ENTRIES.items():
        page.goto(site_url, wait_until="networkidle")
        entry = page.get_by_role("link", name=label, exact=True)
        box = entry.bounding_box()
        assert entry.is_visible() and box["y"] + box["height"] <= height, f"{label} is below the fold at {width} px"
        entry.click()
        page.wait_for_url(site_url + route)
        assert page.locator("article h1").inner_text().startswith(label)
    context.close()


def test_each_route_says_what_to_read_now_and_leads_on(page, site_url):
    for path in rp.role_paths(CONTENT):
        page.goto(site_url + path.route_uri.replace(".md", "/"), wait_until="networkidle")
        now = page.locator("article h2", has_text="minutes").first.inner_text()
        assert now.startswith(f"The next {rp.brief_minutes(CONTENT) + path.now_minutes} minutes")
        steps = page.locator("article ol > li > a")
        assert steps.first.inner_text() == "Before your first meeting"
        assert steps.count() == 1 + len(path.now)
        first = path.now[0]
        page.get_by_role("link", name=first.title, exact=True).click()
        page.wait_for_url(re.compile(re.escape(f"{first.module.slug}/#{first.section}") + "$"))
        assert page.locator(f"article h2#{first.section}").is_visible()
    page.goto(site_url + "start/facilitator/", wait_until="networkidle")
    hrefs = page.locator("article a").evaluate_all("links => links.map(a => a.href)")
    assert site_url + "training/" in hrefs and site_url + "training/facilitator-guide/" in hrefs
    assert all(f"{site_url}training/plans/{plan.id}/" in hrefs for plan in CONTENT.plans)
    assert site_url + "training/builder/" in hrefs


def test_the_two_path_pages_show_different_core_totals(page, site_url):
    totals = {}
    for path in rp.role_paths(CONTENT):
        page.goto(site_url + path.uri.replace(".md", "/"), wait_until="networkidle")
        heading = page.locator("article h2", has_text="Core path").inner_text()
        totals[path.audience] = int(re.search(r"(\d+) minutes", heading).group(1))
        assert totals[path.audience] == path.core_minutes <= 90
        assert page.locator("article .admonition", has_text="Why these parts come first").is_visible()
        assert page.locator("article h2", has_text="Next: the full curriculum").is_visible()
    assert totals["police"] != totals["provider"]


def test_the_modules_index_lists_every_module_in_teaching_order(page, site_url):
    page.goto(site_url + "modules/", wait_until="networkidle")
    titles = page.locator("article ol > li > strong > a").all_inner_texts()
    assert titles == [m.title for m in CONTENT.modules]
    text = page.locator("article").inner_text()
    assert all(m.summary in text and f"{m.minutes} min · For:" in text for m in CONTENT.modules)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_route_pages_have_no_axe_violations_and_ask_no_other_host(page, site_url, foreign_requests, scheme):
    page.emulate_media(color_scheme=scheme)
    found = {}
    for path in NEW_PAGES:
        page.goto(site_url + path, wait_until="networkidle")
        # Material eases colours over 125-250 ms: let them end before axe measures contrast.
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        found[path] = axe_violations(page)
    assert found == {path: [] for path in NEW_PAGES}
    assert foreign_requests == []
