"""Under its Content-Security-Policy the site still does everything: nothing is refused, nothing fails.

The pages are served from a copy of the real build whose sitemap.xml names the address it is
served from: Material's instant navigation only follows links that its sitemap lists (port
included), and instant navigation is the hard case for a policy, since it runs the inline
scripts of each page it brings in under the policy of the first page loaded.
"""

from __future__ import annotations

import shutil

import pytest

from browsing import serve
from sitekit import read_config

pytestmark = pytest.mark.browser

RECORD = """
window.__violations = window.__violations || [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(`${e.violatedDirective} refused ${e.blockedURI} ${(e.sample || "").slice(0, 60)}`));
"""
NOT_REGISTERED = "the policy is not enforced: is hooks/csp.py listed under hooks: in mkdocs.yml?"


def built_site_url() -> str:
    return read_config()["site_url"]


@pytest.fixture(scope="module")
def csp_url(site_dir, tmp_path_factory):
    copy = tmp_path_factory.mktemp("csp") / "site"
    shutil.copytree(site_dir, copy)
    with serve(copy) as url:
        sitemap = copy / "sitemap.xml"
        sitemap.write_text(sitemap.read_text(encoding="utf-8").replace(built_site_url(), url), encoding="utf-8")
        yield url


class Watched:
    """A page that records every policy violation, page error and console error."""

    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))

    def refused(self) -> list[str]:
        return self.page.evaluate("window.__violations")

    def all_problems(self) -> list[str]:
        return self.refused() + self.problems


@pytest.fixture
def watched(browser, csp_url, foreign_requests):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    foreign_requests.watch(context, csp_url)
    context.add_init_script(RECORD)
    yield Watched(context.new_page())
    assert foreign_requests == []
    context.close()


def test_the_policy_is_enforced(watched, csp_url):
    page = watched.page
    page.goto(csp_url, wait_until="networkidle")
    page.evaluate("""() => { const s = document.createElement("script");
                             s.textContent = "window.__ran = true"; document.body.append(s); }""")
    assert page.evaluate("window.__ran === undefined"), NOT_REGISTERED
    assert any(v.startswith("script-src") for v in watched.refused())


def test_every_page_loads_without_anything_refused(watched, csp_url, site_dir):
    page = watched.page
    failures = []
    for html in sorted(site_dir.rglob("*.html")):
        path = html.relative_to(site_dir).as_posix().removesuffix("index.html")
        page.goto(csp_url + path, wait_until="load")
        if problems := watched.all_problems():
            failures.append(f"{path or '/'}: {problems}")
        watched.problems.clear()
    assert failures == []


def test_instant_navigation_palette_search_and_a_quiz_work_under_the_policy(watched, csp_url):
    page = watched.page
    page.goto(csp_url, wait_until="networkidle")
    page.evaluate("window.__same_document = true")  # survives instant navigation only

    for _ in range(2):
        page.locator("a.md-footer__link--next").click()
        page.wait_for_load_state("networkidle")
    page.goto(csp_url + "modules/shared-goals/", wait_until="networkidle")
    page.evaluate("window.__same_document = true")
    page.locator("article a[href$='quizzes/shared-goals/']").first.click()
    page.wait_for_url("**/quizzes/shared-goals/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__same_document === true"), "instant navigation was used"

    question = page.locator("section.ca-q").first
    question.locator("input[type=radio]").first.check()
    question.get_by_role("button", name="Check answer").click()
    question.locator(".ca-q__explanation").wait_for(state="visible", timeout=5_000)

    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label[for^='__palette']:visible").first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") != before

    page.locator("input.md-search__input").click()
    page.keyboard.type("confidentiality")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)  # the search worker ran
    assert watched.all_problems() == []
