"""The site as a person meets it: in headless Chromium, served from 127.0.0.1."""

from __future__ import annotations

import pytest

from browsing import SCHEMES, axe_violations, pdf_pages, search_results

pytestmark = pytest.mark.browser

PAGES = ["", "first-meeting/", "modules/shared-goals/", "modules/confidentiality/", "paths/police/",
         "paths/provider/", "glossary/", "sources/", "about/", "quizzes/", "modules/", "certificate/",
         "progress/"]



@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_axe_violations_and_ask_no_other_host(page, site_url, foreign_requests, path, scheme):
    """One visit for both checks (a separate visit per page for the requests alone cost 13 page loads)."""
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path, wait_until="networkidle")
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
    assert axe_violations(page) == []
    assert foreign_requests == []


def test_a_glossary_term_shows_its_definition_on_keyboard_focus(page, site_url):
    page.goto(site_url + "modules/protocols-and-mous/", wait_until="networkidle")
    term = page.locator("article abbr", has_text="MOU").first
    definition = page.locator("#" + term.get_attribute("aria-describedby"))  # glossary-terms.js
    assert "Memorandum of Understanding" in definition.text_content()  # screen readers, open or not
    for _ in range(200):  # reach it the way a keyboard user does
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "true"
    assert page.locator(".ca-term__def:visible").first.text_content().startswith("Memorandum of Understanding")
    assert axe_violations(page) == []


# Realistic questions from officers, providers and facilitators, and the page each needs.
QUERIES = [
    ("MOU", "modules/protocols-and-mous/"),
    ("confidentiality release", "modules/confidentiality/"),
    ("continued presence", "modules/immigration-relief/"),
    ("timeline", "modules/timelines/"),
    ("first meeting", "first-meeting/"),
    ("who signs U visa", "modules/immigration-relief/"),
    ("subpoena", "modules/confidentiality/"),
    ("trauma", "modules/trauma-informed/"),
    ("Safe Harbour", "modules/trafficking-basics/"),
    ("vicarious trauma", "modules/sustaining-partnership/"),
    ("cross-training", "modules/sustaining-partnership/"),
    ("conflict", "modules/tension-and-conflict/"),
    ("T-visa", "modules/immigration-relief/"),  # "T visa": a one-letter term matches nearly every page
    ("what to bring", "first-meeting/"),
    ("mandated reporter", "glossary/"),
    ("lunch", "modules/relationships/"),
    ("hotline", "local-contacts/"),  # its "Hotlines" section; about/ has the one for readers themselves
    ("thank officers", "modules/sustaining-partnership/"),
    ("after-action review", "modules/tension-and-conflict/"),
    ("quiz progress", "quizzes/"),
]


def test_search_finds_the_right_page_in_the_first_three_results(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    misses = []
    for query, expected in QUERIES:
        top = search_results(page, site_url, query)[:3]
        if not any(href.split("#")[0] == expected for href in top):
            misses.append(f"{query!r}: wanted {expected}, got {top}")
    assert misses == []



@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_first_meeting_brief_prints_on_two_pages_without_site_chrome(page, site_url, paper):
    page.goto(site_url + "first-meeting/", wait_until="networkidle")
    assert pdf_pages(page.pdf(format=paper, print_background=True)) == 2
    page.emulate_media(media="print")
    for chrome in [".md-header", ".md-sidebar--primary", ".md-search", ".md-footer"]:
        assert page.locator(chrome).first.is_hidden(), chrome
    assert page.get_by_role("heading", name="Before your first meeting").is_visible()


# Firefox restores a checkbox's state when a page is reloaded. This stands in for it: it checks
# Material's drawer and search toggles as soon as the parser inserts them, before any script runs.
RESTORE_TOGGLES = """
new MutationObserver((records, observer) => {
  const toggles = ["__drawer", "__search"].map((id) => document.getElementById(id));
  if (toggles.every(Boolean)) { toggles.forEach((t) => { t.checked = true; }); observer.disconnect(); }
}).observe(document, { childList: true, subtree: true });
"""


def test_a_reload_never_reopens_the_drawer_or_the_search(page, site_url):
    """Material's autocomplete="off" on the toggles did this; it is invalid HTML, so a script does it now."""
    page.add_init_script(RESTORE_TOGGLES)
    page.goto(site_url + "modules/shared-goals/", wait_until="networkidle")
    assert page.evaluate("[__drawer.checked, __search.checked]") == [False, False]
    assert page.locator(".md-search__output").is_hidden()
