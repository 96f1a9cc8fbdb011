"""The site as a person meets it: in headless Chromium, served from 127.0.0.1."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGES = ["", "modules/shared-goals/"]


def axe_violations(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
            for v in results.response["violations"]]


@pytest.mark.parametrize("path", PAGES)
def test_pages_make_no_request_to_any_other_host(page, site_url, foreign_requests, path):
    page.goto(site_url + path, wait_until="networkidle")
    assert foreign_requests == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_axe_violations(page, site_url, path, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path, wait_until="networkidle")
    assert axe_violations(page) == []


def test_search_finds_the_module(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type("missions")
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=10_000)
    assert "Shared goals, different missions" in result.inner_text()
    assert "modules/shared-goals/" in result.locator("a").first.get_attribute("href")
