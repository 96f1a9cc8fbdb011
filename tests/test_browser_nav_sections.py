"""A nav section with its own index page opens from its arrow with no script error, says it is open,
and its nav landmark is named for the section (header-buttons.js names the empty label, not the nav)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_opening_a_section_with_an_index_page_throws_nothing_and_says_it_is_open(page, site_url, page_watch):
    page.goto(site_url + "first-meeting/", wait_until="networkidle")
    label = page.locator(".md-nav--primary label.md-nav__link[aria-label='Joint training']")
    assert label.count() == 1
    nav_id = label.get_attribute("id")
    nav = page.locator(f".md-nav--primary nav[aria-labelledby='{nav_id}']")
    assert nav.count() == 1
    assert nav.get_attribute("aria-label") is None  # named through the label, which Material looks it up by
    assert nav.get_attribute("aria-expanded") == "false"
    label.click()
    page.wait_for_timeout(300)
    assert page_watch.errors == [] and page_watch.console_errors == []
    assert nav.get_attribute("aria-expanded") == "true"
    assert page.evaluate("id => document.getElementById(id).getAttribute('aria-label')", nav_id) == "Joint training"


def test_a_section_with_an_index_page_opens_from_the_keyboard(page, site_url, page_watch):
    page.goto(site_url + "first-meeting/", wait_until="networkidle")
    label = page.locator(".md-nav--primary label.md-nav__link[aria-label='Joint training']")
    nav = page.locator(f".md-nav--primary nav[aria-labelledby='{label.get_attribute('id')}']")
    label.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Joint training"
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert page_watch.errors == [] and page_watch.console_errors == []
    assert nav.get_attribute("aria-expanded") == "true"
