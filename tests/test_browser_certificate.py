"""The certificate as a learner meets it, in headless Chromium, on a tiny site with known paths.

Two modules: `police-only` (audiences [police]) and `shared-goals` ([police, provider]), with a
quiz each. So the police path needs both quizzes and the provider path needs only one. Progress
is written to localStorage the way quiz.js writes it, then the page is reloaded.
"""

from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from browsing import built_and_served
from common_agenda import certificate
from common_agenda.content import load_content
from sitekit import TinySite, module_text, quiz_text

browser_test = pytest.mark.browser

STORAGE_KEY = "common-agenda:progress"
PAGE = "certificate/"
NAME = "Ada Quill-Testperson"
POLICE_ONLY_QUIZ = quiz_text({
    "id: shared-goals": "id: police-only",
    'title: "Check yourself: Shared goals"': 'title: "Check yourself: Police only"',
    "module: shared-goals": "module: police-only",
})


def make_site(root) -> TinySite:
    site = TinySite(root)
    site.use_site_assets()
    site.add_module("police-only", module_text("police-only", title="Working a case with providers",
                                               audiences="[police]", minutes="25"))
    site.add_module("shared-goals", module_text("shared-goals", minutes="40"))
    site.write("quizzes/police-only.yml", POLICE_ONLY_QUIZ)
    site.write("quizzes/shared-goals.yml", quiz_text())
    return site


@pytest.fixture(scope="module")
def cert_site(tmp_path_factory):
    with built_and_served(make_site(tmp_path_factory.mktemp("certificate") / "project")) as (url, _):
        yield url


@pytest.fixture
def cert(browser, cert_site, foreign_requests):
    url = cert_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    foreign_requests.watch(context, url)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.sent = []
    page.on("request", lambda request: page.sent.append(request.url + " " + (request.post_data or "")))
    page.goto(url + PAGE, wait_until="networkidle")
    page.locator("[data-ca-cert-page][data-ca-ready]").wait_for(state="attached")
    yield page
    context.close()


def entry(passed: bool, date: str, best: int | None = None) -> dict:
    return {"best": best if best is not None else (100 if passed else 40), "passed": passed, "date": date}


def set_progress(page, quizzes: dict | None = None, *, raw: str | None = None) -> None:
    value = raw if raw is not None else json.dumps({"v": 1, "quizzes": quizzes or {}})
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, value])
    page.reload(wait_until="networkidle")
    page.locator("[data-ca-cert-page][data-ca-ready]").wait_for(state="attached")


ALL_PASSED = {"police-only": entry(True, "2026-11-23"), "shared-goals": entry(True, "2026-11-20", 80)}


def section(page, audience: str):
    return page.locator(f'[data-ca-cert-path="{audience}"]')


def certificate_of(page, audience: str):
    return page.locator(f'.ca-cert[data-ca-cert="{audience}"]')


def remaining(page, audience: str) -> list[str]:
    return section(page, audience).locator(".ca-cert-progress__remaining a").evaluate_all(
        "links => links.map(a => a.textContent.trim() + ' -> ' + new URL(a.href).pathname)")


def axe_violations(page) -> list[str]:
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in Axe().run(page).response["violations"]]


# ---- The generated page: which quizzes count for which path ----

def test_the_page_lists_the_right_quizzes_for_each_path(tmp_path):
    site = make_site(tmp_path / "project")
    paths = {c.path.audience: [q.id for q in c.quizzes] for c in certificate.certificates(load_content(site.root))}
    assert paths == {"police": ["police-only", "shared-goals"], "provider": ["shared-goals"]}

    build = site.build()
    assert build.returncode == 0, build.output
    html = build.page("certificate/index.html")
    sections = dict(re.findall(r'<section[^>]*data-ca-cert-path="(\w+)"[^>]*>(.*?)</section>', html, re.S))
    assert {audience: re.findall(r'data-ca-cert-quiz="([\w-]+)"', body) for audience, body in sections.items()} == paths
    police = sections["police"]
    assert 'href="../quizzes/police-only/"' in police and 'href="../quizzes/shared-goals/"' in police
    assert "<li>Working a case with providers</li>" in police and "<li>Shared goals, different missions</li>" in police
    assert "1 h 5 min" in police and "40 min" in sections["provider"]
    assert "It is not an accreditation." in police
    assert "ca_assets" not in html and 'href="../assets/certificate.css"' in html and 'src="../assets/certificate.js"' in html
    assert "md-content__button" not in html, "a page made from many sources has no edit link"
    index = json.loads(build.page("search/search_index.json"))
    assert "Needs JavaScript" not in json.dumps(index) and "self-assessed" not in json.dumps(index)


# ---- In the browser ----

@browser_test
def test_with_no_progress_nothing_is_earned_and_every_quiz_remains(cert):
    assert certificate_of(cert, "police").is_hidden() and certificate_of(cert, "provider").is_hidden()
    assert cert.locator(".ca-cert-nojs").is_hidden()
    assert cert.get_by_label("Your name").is_hidden()
    assert cert.locator('[data-ca-cert-quiz="police-only"]').inner_text() == "Not taken yet"
    police = section(cert, "police")
    assert police.locator(".ca-cert-progress__count").inner_text() == \
        "You have passed 0 of 2 quizzes in this path. Still to pass:"
    assert remaining(cert, "police") == ["Check yourself: Police only -> /quizzes/police-only/",
                                         "Check yourself: Shared goals -> /quizzes/shared-goals/"]
    assert remaining(cert, "provider") == ["Check yourself: Shared goals -> /quizzes/shared-goals/"]
    assert cert.errors == []


@browser_test
def test_with_some_quizzes_passed_the_certificate_stays_hidden(cert):
    set_progress(cert, {"police-only": entry(True, "2026-11-23"), "shared-goals": entry(False, "2026-11-24")})
    assert certificate_of(cert, "police").is_hidden() and certificate_of(cert, "provider").is_hidden()
    assert section(cert, "police").locator(".ca-cert-progress__count").inner_text() == \
        "You have passed 1 of 2 quizzes in this path. Still to pass:"
    assert remaining(cert, "police") == ["Check yourself: Shared goals -> /quizzes/shared-goals/"]
    assert cert.locator('[data-ca-cert-path="police"] [data-ca-cert-quiz="police-only"]').inner_text() == \
        "\u2714 Passed (2026-11-23)"
    assert cert.locator('[data-ca-cert-path="police"] [data-ca-cert-quiz="shared-goals"]').inner_text() == \
        "Not passed yet \u2014 best score 40%"

    set_progress(cert, {"shared-goals": entry(True, "2026-11-24")})  # the provider path needs only this one
    assert certificate_of(cert, "provider").is_visible()
    assert certificate_of(cert, "police").is_hidden()
    assert remaining(cert, "police") == ["Check yourself: Police only -> /quizzes/police-only/"]


@browser_test
def test_with_every_quiz_of_the_path_passed_the_certificate_appears(cert):
    set_progress(cert, ALL_PASSED)
    police = certificate_of(cert, "police")
    expect(police).to_be_visible()
    text = " ".join(police.text_content().split())  # the words, not their print styling (capitals)
    for part in ["Common Agenda", "Path for police officers", "Working a case with providers",
                 "Shared goals, different missions", "Total time: 1 h 5 min", "Completed on 2026-11-23",
                 "This certificate records self-assessed completion of the quizzes in this path. "
                 "It is not an accreditation."]:
        assert part in text, part
    assert police.locator("time").get_attribute("datetime") == "2026-11-23"  # the latest passed quiz
    assert police.locator(".ca-cert__modules li").all_inner_texts() == \
        ["Working a case with providers", "Shared goals, different missions"]
    assert section(cert, "police").locator(".ca-cert-progress__remaining").is_hidden()
    assert certificate_of(cert, "provider").locator("time").inner_text() == "2026-11-20"
    assert section(cert, "police").get_by_role("button", name="Print certificate").is_visible()
    assert cert.errors == []


@browser_test
def test_the_name_shows_on_the_certificate_and_is_stored_nowhere(cert, foreign_requests):
    set_progress(cert, ALL_PASSED)
    before = cert.evaluate("JSON.stringify(Object.entries(localStorage))")
    name = cert.get_by_label("Your name")
    assert name.get_attribute("autocomplete") == "name"
    name.fill(NAME)
    assert certificate_of(cert, "police").locator(".ca-cert__name").inner_text() == NAME
    assert certificate_of(cert, "provider").locator(".ca-cert__name").inner_text() == NAME
    name.press("Enter")
    cert.evaluate("() => { window.print = () => {}; }")  # headless Chromium has no print dialog
    section(cert, "police").get_by_role("button", name="Print certificate").click()
    cert.wait_for_timeout(300)
    stores = cert.evaluate("""() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage),
                                                   document.cookie])""")
    assert NAME not in stores and "Quill" not in stores
    assert cert.evaluate("JSON.stringify(Object.entries(localStorage))") == before, "the page only reads progress"
    assert not any("Quill" in sent for sent in cert.sent)
    assert foreign_requests == []


@browser_test
@pytest.mark.parametrize("stored", ["{not json", "[]", "null", '{"v": 1, "quizzes": {"x": {"best": "lots"}}}',
                                    '{"v": 99, "quizzes": {}}', '"a string"',
                                    '{"v": 1, "quizzes": {"police-only": {"best": 100, "passed": "yes", "date": "2026-11-23"}}}'])
def test_corrupt_progress_counts_as_none_says_so_and_is_left_alone(cert, stored):
    set_progress(cert, raw=stored)
    assert cert.locator(".ca-cert-notice").inner_text().startswith("Your saved quiz progress could not be read")
    assert certificate_of(cert, "police").is_hidden() and certificate_of(cert, "provider").is_hidden()
    assert cert.locator('[data-ca-cert-quiz="police-only"]').first.inner_text() == "Not taken yet"
    assert len(remaining(cert, "police")) == 2
    assert cert.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") == stored
    assert cert.errors == []


@browser_test
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_before_and_after_earning(cert, scheme):
    # Tiny sites have no palette toggle, so "dark" is the browser's preference only, as in
    # test_browser_quiz; add "certificate/" to test_browser_site.PAGES for the real slate palette.
    cert.emulate_media(color_scheme=scheme)
    cert.reload(wait_until="networkidle")
    cert.wait_for_timeout(400)  # let Material's colour transition end
    assert axe_violations(cert) == []
    set_progress(cert, ALL_PASSED)
    cert.get_by_label("Your name").fill(NAME)
    section(cert, "police").get_by_role("button", name="Print certificate").focus()
    cert.wait_for_timeout(400)
    assert axe_violations(cert) == []
    set_progress(cert, raw="{not json")
    cert.wait_for_timeout(400)
    assert axe_violations(cert) == []


@browser_test
def test_the_page_makes_no_request_to_any_other_host(cert, foreign_requests):
    set_progress(cert, ALL_PASSED)
    cert.get_by_label("Your name").fill(NAME)
    assert foreign_requests == []


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


@browser_test
def test_print_shows_only_the_chosen_certificate_on_one_page(cert):
    set_progress(cert, ALL_PASSED)
    cert.get_by_label("Your name").fill(NAME)
    cert.evaluate("() => { window.__printed = []; window.print = () => window.__printed.push("
                  "document.querySelector('.ca-cert.is-chosen').dataset.caCert); }")
    section(cert, "provider").get_by_role("button", name="Print certificate").click()
    assert cert.evaluate("window.__printed") == ["provider"]
    section(cert, "police").get_by_role("button", name="Print certificate").click()
    assert cert.evaluate("window.__printed") == ["provider", "police"]

    cert.emulate_media(media="print")
    police = certificate_of(cert, "police")
    expect(police).to_be_visible()
    assert NAME in police.inner_text()
    for hidden in ["h1", ".ca-cert-path h2", "table", ".ca-cert-name", ".ca-cert-progress",
                   ".ca-cert-actions", ".md-header", ".md-sidebar", ".md-footer"]:
        assert cert.locator(hidden).evaluate_all("els => els.every(e => !e.checkVisibility())"), hidden
    expect(certificate_of(cert, "provider")).to_be_hidden()
    assert pdf_pages(cert.pdf()) == 1
    assert pdf_pages(cert.pdf(prefer_css_page_size=True)) == 1  # the sheet's own size: landscape
    cert.emulate_media(media="screen")
    expect(section(cert, "police").locator("table")).to_be_visible()


@browser_test
def test_printing_from_the_browser_menu_prints_the_first_earned_certificate(cert):
    set_progress(cert, {"shared-goals": entry(True, "2026-11-24")})
    cert.emulate_media(media="print")
    expect(certificate_of(cert, "provider")).to_be_visible()
    assert cert.locator("table").evaluate_all("els => els.every(e => !e.checkVisibility())")
    assert pdf_pages(cert.pdf()) == 1


@browser_test
def test_with_nothing_earned_the_page_prints_as_it_is(cert):
    cert.emulate_media(media="print")
    expect(section(cert, "police").locator("table")).to_be_visible()
    expect(cert.locator("h1")).to_be_visible()


@browser_test
def test_without_javascript_a_plain_note_explains_the_certificate(browser, cert_site):
    url = cert_site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + PAGE)
    note = page.locator(".ca-cert-nojs")
    expect(note).to_be_visible()
    assert "needs JavaScript" in note.inner_text() and "saved in this browser" in note.inner_text()
    assert page.locator(".ca-cert").evaluate_all("els => els.every(e => !e.checkVisibility())")
    assert page.locator(".ca-cert-name").is_hidden()
    expect(section(page, "police").get_by_role("link", name="Check yourself: Police only")).to_be_visible()
    context.close()


@browser_test
def test_works_after_instant_navigation_and_sets_up_once(cert, cert_site):
    url = cert_site
    cert.goto(url, wait_until="networkidle")
    cert.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [STORAGE_KEY, json.dumps({"v": 1, "quizzes": {"shared-goals": entry(True, "2026-11-23")}})])
    cert.evaluate("() => { window.__same_document = true; window.__printed = 0; window.print = () => window.__printed++; }")
    for visit in range(2):  # the second visit comes back by instant navigation, with the script loaded again
        cert.locator(".md-nav__link", has_text="Your certificate").first.click()
        cert.wait_for_url(re.compile(r"/certificate/$"))
        cert.locator("[data-ca-cert-page][data-ca-ready]").wait_for(state="attached")
        assert remaining(cert, "police") == ["Check yourself: Police only -> /quizzes/police-only/"]
        expect(certificate_of(cert, "provider")).to_be_visible()
        section(cert, "provider").get_by_role("button", name="Print certificate").click()
        assert cert.evaluate("window.__printed") == visit + 1, "one click, one print: set up once"
        cert.locator(".md-nav__link", has_text="Home").first.click()
        cert.wait_for_url(url)
    assert cert.evaluate("window.__same_document === true"), "expected Material's instant navigation"
    assert cert.errors == []


@browser_test
def test_a_quiz_passed_in_another_tab_updates_the_open_page(cert, cert_site):
    url = cert_site
    other = cert.context.new_page()
    other.goto(url, wait_until="networkidle")
    other.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, json.dumps({"v": 1, "quizzes": ALL_PASSED})])
    expect(certificate_of(cert, "police")).to_be_visible()
    assert cert.errors == []


# ---- The record of completed modules: what a learner has done before a path is finished ----

def record_rows(page) -> list[list[str]]:
    rows = page.locator("[data-ca-record] tbody tr")
    return [row.locator("td").all_inner_texts() for row in rows.all() if row.is_visible()]


@browser_test
def test_the_record_lists_each_passed_module_with_its_time_date_and_the_total(cert):
    assert cert.locator("[data-ca-record-body]").is_hidden()
    assert "not passed a module's quiz" in cert.locator("[data-ca-record-empty]").inner_text()
    set_progress(cert, {"police-only": entry(True, "2026-11-23"), "shared-goals": entry(False, "2026-11-24")})
    record = cert.locator('.ca-cert[data-ca-cert="record"]')
    expect(record).to_be_visible()
    assert record_rows(cert) == [["Working a case with providers", "25 min", "2026-11-23"]]
    assert record.locator("time").get_attribute("datetime") == "2026-11-23"
    assert record.locator("tfoot").inner_text().split("\t") == ["Total", "25 min", "1 module"]
    assert certificate_of(cert, "police").is_hidden()  # the path is not finished, the record is there anyway
    assert cert.get_by_label("Your name").is_visible()

    set_progress(cert, ALL_PASSED)
    assert record_rows(cert) == [["Working a case with providers", "25 min", "2026-11-23"],
                                 ["Shared goals, different missions", "40 min", "2026-11-20"]]
    assert record.locator("tfoot").inner_text().split("\t") == ["Total", "1 h 5 min", "2 modules"]
    assert cert.errors == []


@browser_test
def test_the_page_says_in_plain_words_that_guessing_cannot_pass_a_counted_quiz(cert):
    text = " ".join(cert.locator("article").inner_text().split())
    assert "Every quiz counted here was tested before it was published, so that guessing cannot pass it" in text
    for developer_word in ["the build", "item check", "refuses"]:
        assert developer_word not in text.lower()


@browser_test
def test_the_record_prints_alone_when_chosen(cert):
    set_progress(cert, {"police-only": entry(True, "2026-11-23")})
    cert.get_by_label("Your name").fill(NAME)
    cert.evaluate("() => { window.__printed = []; window.print = () => window.__printed.push("
                  "document.querySelector('.ca-cert.is-chosen').dataset.caCert); }")
    cert.get_by_role("button", name="Print my record").click()
    assert cert.evaluate("window.__printed") == ["record"]
    cert.emulate_media(media="print")
    record = cert.locator('.ca-cert[data-ca-cert="record"]')
    expect(record).to_be_visible()
    assert NAME in record.inner_text()
    assert cert.locator(".ca-cert-path").evaluate_all("els => els.every(e => !e.checkVisibility())")


@browser_test
def test_saved_progress_is_read_by_own_properties_only(cert):
    """A saved entry named like an inherited property counts for nothing and breaks nothing."""
    set_progress(cert, raw='{"v": 1, "quizzes": {"__proto__": {"best": 100, "passed": true, "date": "2026-11-01"}, '
                           '"constructor": {"best": 100, "passed": true, "date": "2026-11-02"}}}')
    assert record_rows(cert) == []
    assert cert.locator("[data-ca-record-empty]").is_visible()
    assert cert.locator('[data-ca-cert-quiz="police-only"]').first.inner_text() == "Not taken yet"
    assert cert.errors == []


@browser_test
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_a_record(cert, scheme):
    cert.emulate_media(color_scheme=scheme)
    set_progress(cert, {"police-only": entry(True, "2026-11-23")})
    expect(cert.locator('.ca-cert[data-ca-cert="record"]')).to_be_visible()
    cert.get_by_role("button", name="Print my record").focus()
    cert.wait_for_timeout(400)  # let Material's colour transition end
    assert axe_violations(cert) == []
