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


@pytest.mark.parametrize(("scheme", "name"), [("light", "Switch to dark mode"), ("dark", "Switch to light mode")])
def test_tab_reaches_the_colour_toggle_that_is_shown_with_its_own_name(page, site_url, page_watch, scheme, name):
    """A keyboard user on a page opened dark reached the hidden light toggle: 'Switch to dark mode', no ring."""
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "first-meeting/", wait_until="networkidle")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('input.md-option')"):
            break
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == name
    assert page.evaluate("() => document.activeElement.nextElementSibling.hidden") is False  # its ring shows
    page.keyboard.press("Enter")  # Material's key for the toggle: it switches to the other palette
    page.wait_for_function("want => document.body.dataset.mdColorScheme === want",
                           arg={"light": "slate", "dark": "default"}[scheme])
    assert page_watch.errors == []
