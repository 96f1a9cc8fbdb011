"""The certificate as a learner meets it, in headless Chromium, on a tiny site with known paths.

Three modules with a quiz each: `police-only` (audiences [police], 25 min), `shared-goals`
([police, provider], 40 min) and `case-notes` ([provider], 30 min). The core paths (curriculum.yml)
take a section of `police-only` and one of `shared-goals` for officers, and the same section of
`shared-goals` for providers; `case-notes` is on no core path. So the police core path needs two
quizzes, the provider core path one. Progress is written to localStorage the way quiz.js writes
it, then the page is reloaded.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from browsing import PageWatch, axe_violations, built_and_served, pdf_pages, show_scheme
from common_agenda import certificate
from common_agenda.content import load_content
from sitekit import TinySite, module_text, quiz_text

browser_test = pytest.mark.browser

STORAGE_KEY = "common-agenda:progress"
PAGE = "certificate/"
NAME = "Ada Quill-Testperson"


def quiz_for(module_id: str, title: str) -> str:
    return quiz_text({"id: shared-goals": f"id: {module_id}",
                      'title: "Check yourself: Shared goals"': f'title: "Check yourself: {title}"',
                      "module: shared-goals": f"module: {module_id}"})


# A second, longer section, so that the first is a short part a core path can take.
MORE = "\n## More detail\n\n" + "Each side keeps its own rules and its own records. " * 60 + "\n"
WHY = "A test path, what this role most needs first, in plain words for the tiny site."
CURRICULUM = f"""\
order:
  - police-only
  - shared-goals
  - case-notes
paths:
  police:
    why: {WHY}
    now: [police-only#why-it-matters]
    core: [police-only#why-it-matters, shared-goals#why-it-matters]
  provider:
    why: {WHY}
    now: [shared-goals#why-it-matters]
    core: [shared-goals#why-it-matters]
"""


def make_site(root) -> TinySite:
    site = TinySite(root)
    site.use_site_assets()
    site.add_module("police-only", module_text("police-only", title="Working a case with providers",
                                               audiences="[police]", minutes="25") + MORE)
    site.add_module("shared-goals", module_text("shared-goals", minutes="40") + MORE)
    site.add_module("case-notes", module_text("case-notes", title="Keeping case notes", audiences="[provider]",
                                              minutes="30"))
    site.write("modules/curriculum.yml", CURRICULUM)
    site.write("quizzes/police-only.yml", quiz_for("police-only", "Police only"))
    site.write("quizzes/shared-goals.yml", quiz_text())
    site.write("quizzes/case-notes.yml", quiz_for("case-notes", "Case notes"))
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
    PageWatch(foreign_requests).listen(page)
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


ALL_PASSED = {"police-only": entry(True, "2026-11-23"), "shared-goals": entry(True, "2026-11-20", 80),
              "case-notes": entry(True, "2026-11-21")}


def section(page, audience: str):
    return page.locator(f'[data-ca-cert-path="{audience}"]')


def sheet(page):
    return page.locator('.ca-cert[data-ca-cert="record"]')


def words(locator) -> str:
    return " ".join(locator.text_content().split())  # the words, not their print styling (capitals)


def remaining(page, audience: str) -> list[str]:
    return section(page, audience).locator(".ca-cert-progress__remaining a").evaluate_all(
        "links => links.map(a => a.textContent.trim() + ' -> ' + new URL(a.href).pathname)")


def record_rows(page) -> list[list[str]]:
    rows = page.locator("[data-ca-record] tbody tr")
    return [row.locator("td").all_inner_texts() for row in rows.all() if row.is_visible()]


def paths_in_order(page) -> list[str]:
    return page.locator("[data-ca-cert-path]").evaluate_all("s => s.map(n => n.dataset.caCertPath)")



# ---- The generated page: which quizzes count for which core path ----

def test_the_page_lists_the_right_quizzes_for_each_core_path(tmp_path):
    site = make_site(tmp_path / "project")
    certs = certificate.certificates(load_content(site.root))
    paths = {c.path.audience: [q.id for q in c.quizzes] for c in certs}
    assert paths == {"police": ["police-only", "shared-goals"], "provider": ["shared-goals"]}
    assert [c.title for c in certs] == ["Core path for police officers", "Core path for service providers"]

    build = site.build()
    assert build.returncode == 0, build.output
    html = build.page("certificate/index.html")
    sections = dict(re.findall(r'<section[^>]*data-ca-cert-path="(\w+)"[^>]*>(.*?)</section>', html, re.S))
    assert {audience: re.findall(r'data-ca-cert-quiz="([\w-]+)"', body) for audience, body in sections.items()} == paths
    police = sections["police"]
    assert 'href="../quizzes/police-only/"' in police and 'href="../quizzes/shared-goals/"' in police
    assert 'href="../paths/police/"' in police
    assert re.findall(r'data-ca-record-quiz="([\w-]+)"', html) == ["police-only", "shared-goals", "case-notes"]
    for label in ["Facilitator's name", "Organisation", "Facilitator's signature", "Date"]:
        assert f'<span class="ca-cert__label">{label}</span>' in html, label
    assert "not an accreditation." in html
    assert "ca_assets" not in html and 'href="../assets/certificate.css"' in html and 'src="../assets/certificate.js"' in html
    assert "md-content__button" not in html, "a page made from many sources has no edit link"
    index = json.loads(build.page("search/search_index.json"))
    assert "Needs JavaScript" not in json.dumps(index) and "self-assessed" not in json.dumps(index)


# ---- In the browser ----

@browser_test
def test_with_no_progress_there_is_no_certificate_and_every_quiz_remains(cert):
    assert sheet(cert).is_hidden()
    assert "not passed a module's quiz" in cert.locator("[data-ca-record-empty]").inner_text()
    assert cert.locator(".ca-cert-nojs").is_hidden()
    assert cert.get_by_label("Your name").is_hidden()
    assert cert.locator('[data-ca-cert-quiz="police-only"]').inner_text() == "Not taken yet"
    assert section(cert, "police").locator(".ca-cert-progress__count").inner_text() == \
        "You have passed 0 of 2 quizzes in this path. Still to pass:"
    assert remaining(cert, "police") == ["Check yourself: Police only -> /quizzes/police-only/",
                                         "Check yourself: Shared goals -> /quizzes/shared-goals/"]
    assert remaining(cert, "provider") == ["Check yourself: Shared goals -> /quizzes/shared-goals/"]
    assert cert.errors == []


@browser_test
def test_two_quizzes_passed_make_a_certificate_of_those_two_and_name_no_path(cert):
    set_progress(cert, {"police-only": entry(True, "2026-11-23"), "case-notes": entry(True, "2026-11-24"),
                        "shared-goals": entry(False, "2026-11-25")})
    expect(sheet(cert)).to_be_visible()
    assert record_rows(cert) == [["Working a case with providers", "25 min", "2026-11-23"],
                                 ["Keeping case notes", "30 min", "2026-11-24"]]
    assert sheet(cert).locator("tfoot").inner_text().split("\t") == ["Total", "55 min", "2 modules"]
    assert cert.locator("[data-ca-cert-claim]").inner_text() == "has passed the quizzes of the modules below."
    text = words(sheet(cert)).lower()
    assert "path" not in text and "police" not in text and "curriculum" not in text
    assert section(cert, "police").locator(".ca-cert-progress__count").inner_text() == \
        "You have passed 1 of 2 quizzes in this path. Still to pass:"
    assert remaining(cert, "police") == ["Check yourself: Shared goals -> /quizzes/shared-goals/"]
    assert cert.locator('[data-ca-cert-path="police"] [data-ca-cert-quiz="police-only"]').inner_text() == \
        "\u2714 Passed (2026-11-23)"
    assert cert.locator('[data-ca-cert-path="police"] [data-ca-cert-quiz="shared-goals"]').inner_text() == \
        "Not passed yet \u2014 best score 40%"
    assert cert.get_by_label("Your name").is_visible()
    assert paths_in_order(cert)[:2] == ["police", "provider"]  # police 1 of 2 ahead of provider 0 of 1
    # The time shown is the modules' reading time, on the certificate and in each path.
    assert sheet(cert).locator("thead th").all_inner_texts()[1].lower() == "reading time"
    assert section(cert, "police").locator("thead th").nth(2).inner_text().lower() == "reading time"
    assert cert.errors == []


@browser_test
def test_a_core_path_is_named_only_when_every_quiz_of_it_is_passed(cert):
    set_progress(cert, {"shared-goals": entry(True, "2026-11-24")})  # the provider core path needs only this one
    assert cert.locator("[data-ca-cert-claim]").inner_text() == \
        "has completed the core path for service providers, passing the quiz of the module below."
    assert "police" not in words(sheet(cert)).lower()
    assert section(cert, "provider").locator(".ca-cert-progress__count").inner_text() == \
        "\u2714 You have passed every quiz of this core path (1 of 1). Your certificate names it."
    assert remaining(cert, "police") == ["Check yourself: Police only -> /quizzes/police-only/"]
    # The path closest to done comes first (provider 1 of 1, police 1 of 2), not the page's order.
    assert paths_in_order(cert)[:2] == ["provider", "police"]
    assert cert.locator("[data-ca-cert-path]").evaluate_all("s => s.map(n => n.previousElementSibling.tagName)")[0] \
        == "SECTION"  # still after the certificate

    set_progress(cert, {"shared-goals": entry(True, "2026-11-24"), "police-only": entry(True, "2026-11-25")})
    assert cert.locator("[data-ca-cert-claim]").inner_text() == ("has completed the core path for police officers and "
                                                                  "the core path for service providers, passing the "
                                                                  "quizzes of the modules below.")


@browser_test
def test_with_every_quiz_passed_it_names_the_full_curriculum_and_no_role(cert):
    set_progress(cert, ALL_PASSED)
    text = words(sheet(cert))
    for part in ["Common Agenda", "Certificate of completion", "This records that",
                 "has completed the full Common Agenda curriculum, passing the quiz of every module below.",
                 "Working a case with providers 25 min 2026-11-23", "Shared goals, different missions 40 min 2026-11-20",
                 "Keeping case notes 30 min 2026-11-21", "Total 1 h 35 min 3 modules",
                 "Facilitator's name", "Organisation", "Facilitator's signature", "Date",
                 "self-assessed completion, not an accreditation."]:
        assert part in text, part
    assert "police" not in text.lower() and "service providers" not in text and "core path" not in text
    assert sheet(cert).locator("time").evaluate_all("ts => ts.map(t => t.dateTime)") == \
        ["2026-11-23", "2026-11-20", "2026-11-21"]
    assert cert.errors == []


@browser_test
def test_the_date_credited_is_the_day_the_quiz_was_passed(cert):
    """quiz.js keeps `date` for the last attempt and `passedOn` for the last pass: a failed retake
    does not move the day credited."""
    set_progress(cert, {"shared-goals": {**entry(True, "2026-11-30", 80), "passedOn": "2026-11-02"}})
    assert record_rows(cert) == [["Shared goals, different missions", "40 min", "2026-11-02"]]
    assert cert.locator('[data-ca-cert-path="provider"] [data-ca-cert-quiz="shared-goals"]').inner_text() == \
        "\u2714 Passed (2026-11-02)"


@browser_test
def test_the_name_shows_on_the_certificate_and_is_stored_nowhere(cert, foreign_requests):
    set_progress(cert, ALL_PASSED)
    before = cert.evaluate("JSON.stringify(Object.entries(localStorage))")
    name = cert.get_by_label("Your name")
    assert name.get_attribute("autocomplete") == "name"
    name.fill(NAME)
    assert sheet(cert).locator(".ca-cert__name").inner_text() == NAME
    name.press("Enter")
    cert.evaluate("() => { window.print = () => {}; }")  # headless Chromium has no print dialog
    cert.get_by_role("button", name="Print my certificate").click()
    cert.wait_for_timeout(300)
    stores = cert.evaluate("""() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage),
                                                   document.cookie])""")
    assert NAME not in stores and "Quill" not in stores
    assert cert.evaluate("JSON.stringify(Object.entries(localStorage))") == before, "the page only reads progress"
    assert not any("Quill" in sent for sent in cert.sent)
    assert foreign_requests == []


@browser_test
@pytest.mark.parametrize("stored", ["{not json", "[]", '{"v": 1, "quizzes": {"x": {"best": "lots"}}}',
                                    '{"v": 99, "quizzes": {}}',
                                    '{"v": 1, "quizzes": {"police-only": {"best": 100, "passed": "yes", "date": "2026-11-23"}}}'])
def test_corrupt_progress_counts_as_none_says_so_and_is_left_alone(cert, stored):
    set_progress(cert, raw=stored)
    assert cert.locator(".ca-cert-notice").inner_text().startswith("Your saved quiz progress could not be read")
    assert sheet(cert).is_hidden()
    assert cert.locator('[data-ca-cert-quiz="police-only"]').first.inner_text() == "Not taken yet"
    assert len(remaining(cert, "police")) == 2
    assert cert.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") == stored
    assert cert.errors == []


@browser_test
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_before_and_with_a_certificate(cert, scheme):
    # Tiny sites have the site's palettes chosen by media query, so "dark" is the real slate scheme.
    show_scheme(cert, scheme)
    assert axe_violations(cert) == []
    set_progress(cert, {"shared-goals": entry(True, "2026-11-24"), "case-notes": entry(True, "2026-11-25")})
    cert.get_by_label("Your name").fill(NAME)
    cert.get_by_role("button", name="Print my certificate").focus()
    cert.wait_for_timeout(400)
    assert axe_violations(cert) == []
    set_progress(cert, raw="{not json")
    cert.wait_for_timeout(400)
    assert axe_violations(cert) == []



@browser_test
def test_print_shows_the_certificate_alone_on_one_page_with_lines_for_the_facilitator(cert):
    set_progress(cert, ALL_PASSED)
    cert.get_by_label("Your name").fill(NAME)
    cert.evaluate("() => { window.__printed = 0; window.print = () => window.__printed++; }")
    cert.get_by_role("button", name="Print my certificate").click()
    assert cert.evaluate("window.__printed") == 1
    foreign = cert.locator(".md-header")

    cert.emulate_media(media="print")
    expect(sheet(cert)).to_be_visible()
    assert NAME in sheet(cert).inner_text()
    lines = sheet(cert).locator(".ca-cert__field")
    expect(lines).to_have_count(4)
    for field in lines.all():
        expect(field).to_be_visible()
        blank = field.locator(".ca-cert__blank").bounding_box()
        assert blank["width"] > 150 and blank["height"] > 15, "a line long and tall enough to write on"
    for hidden in ["h1", ".ca-cert-path h2", ".ca-cert-path table", ".ca-cert-name", ".ca-cert-progress",
                   ".ca-cert-actions", ".md-sidebar", ".md-footer"]:
        assert cert.locator(hidden).evaluate_all("els => els.every(e => !e.checkVisibility())"), hidden
    assert foreign.evaluate_all("els => els.every(e => !e.checkVisibility())")
    assert pdf_pages(cert.pdf()) == 1
    assert pdf_pages(cert.pdf(prefer_css_page_size=True)) == 1  # the sheet's own size: landscape
    cert.emulate_media(media="screen")
    expect(section(cert, "police").locator("table")).to_be_visible()


@browser_test
def test_with_nothing_passed_the_page_prints_as_it_is(cert):
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
        expect(sheet(cert)).to_be_visible()
        cert.get_by_role("button", name="Print my certificate").click()
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
    expect(cert.locator("[data-ca-cert-claim]")).to_contain_text("full Common Agenda curriculum")
    assert cert.errors == []


@browser_test
def test_the_page_says_in_plain_words_that_guessing_cannot_pass_a_counted_quiz(cert):
    text = " ".join(cert.locator("article").inner_text().split())
    assert "Every quiz counted here was tested before it was published, so that guessing cannot pass it" in text
    for developer_word in ["the build", "item check", "refuses"]:
        assert developer_word not in text.lower()


@browser_test
def test_saved_progress_is_read_by_own_properties_only(cert):
    """A saved entry named like an inherited property counts for nothing and breaks nothing."""
    set_progress(cert, raw='{"v": 1, "quizzes": {"__proto__": {"best": 100, "passed": true, "date": "2026-11-01"}, '
                           '"constructor": {"best": 100, "passed": true, "date": "2026-11-02"}}}')
    assert record_rows(cert) == []
    assert cert.locator("[data-ca-record-empty]").is_visible()
    assert cert.locator('[data-ca-cert-quiz="police-only"]').first.inner_text() == "Not taken yet"
    assert cert.errors == []
