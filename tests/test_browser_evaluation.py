"""The session evaluation as a participant uses it, in headless Chromium, on a tiny site.

The site is built for the port it is served on, so Material's instant navigation is live.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from browsing import built_and_served
from sitekit import TinySite
from test_evaluation import EVALUATION

pytestmark = pytest.mark.browser

STORAGE_KEY = "common-agenda:evaluation"
PAGE = "training/evaluation/"

# The real site's light and dark palettes: without them Material loads no dark colours at all.


@pytest.fixture(scope="module")
def evaluation_site(tmp_path_factory):
    site = TinySite(tmp_path_factory.mktemp("evaluation") / "project")
    site.use_site_assets()
    site.write("docs/index.md", "# Home\n\n[Fill in the session evaluation](training/evaluation.md)\n")
    site.add_module()
    site.write("training/evaluation.yml", EVALUATION)
    with built_and_served(site) as (url, _):
        yield url


def open_form(browser, url: str, foreign_requests, **options):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, **options)
    foreign_requests.watch(context, url)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(url + PAGE, wait_until="networkidle")
    page.locator("form.ca-eval[data-ca-ready]").wait_for()
    return context, page


@pytest.fixture
def form(browser, evaluation_site, foreign_requests):
    context, page = open_form(browser, evaluation_site, foreign_requests)
    yield page
    context.close()


def fill(page, *, useful="4", role="Service provider", change="Less talk, more \"practice\"") -> None:
    page.locator(f"#ca-eval-useful-{useful}").check()
    page.get_by_role("radio", name=role).check()
    page.get_by_label("One thing I will do differently.").fill(change)


def stored(page):
    raw = page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")
    return None if raw is None else json.loads(raw)


def test_answers_are_saved_on_every_change_and_survive_a_reload(form):
    form.locator("#ca-eval-useful-2").check()
    assert stored(form) == {"v": 1, "answers": {"useful": "2"}}
    fill(form)
    assert stored(form) == {"v": 1, "answers": {"useful": "4", "role": "Service provider",
                                                "one-change": "Less talk, more \"practice\""}}
    form.reload(wait_until="networkidle")
    form.locator("form.ca-eval[data-ca-ready]").wait_for()
    assert form.locator("#ca-eval-useful-4").is_checked()
    assert form.locator("form.ca-eval input:checked").count() == 2
    assert form.get_by_role("radio", name="Service provider").is_checked()
    assert form.get_by_label("One thing I will do differently.").input_value() == "Less talk, more \"practice\""
    assert form.locator(".ca-eval__notice").is_hidden()
    assert form.errors == []


def test_the_csv_download_holds_every_answer_quoted_the_rfc_4180_way(form):
    fill(form, change="Less talk, more \"practice\"\nand more cases")
    with form.expect_download() as info:
        form.get_by_role("button", name="Download my answers (CSV)").click()
    download = info.value
    assert download.suggested_filename == "common-agenda-evaluation.csv"
    raw = open(download.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM, so spreadsheets read the file as UTF-8"
    text = raw.decode("utf-8-sig")
    assert text.startswith("section,item,question,answer\r\n")
    assert '"Less talk, more ""practice""\nand more cases"' in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [
        ["section", "item", "question", "answer"],
        ["Your reaction", "useful", "The session was useful for my work.", "4"],
        ["Your reaction", "role", "I work mainly as", "Service provider"],
        ["What you learned", "one-change", "One thing I will do differently.", "Less talk, more \"practice\"\nand more cases"],
    ]
    expect(form.locator(".ca-eval__status")).to_have_text("Your answers were downloaded as common-agenda-evaluation.csv.")
    assert form.errors == []


def test_an_answer_that_looks_like_a_formula_is_not_run_by_a_spreadsheet(form):
    form.get_by_label("One thing I will do differently.").fill("=HYPERLINK(\"http://x\")")
    with form.expect_download() as info:
        form.get_by_role("button", name="Download my answers (CSV)").click()
    rows = list(csv.reader(io.StringIO(open(info.value.path(), encoding="utf-8-sig").read(), newline="")))
    assert rows[-1][-1] == "'=HYPERLINK(\"http://x\")"
    assert rows[1][-1] == "" and rows[2][-1] == "", "unanswered questions keep their row"


# Each field as the CSV must write it: quoted when it holds , ; " or a line break (quotes doubled), and
# quoted with a ' in front when it starts like a formula (= + - @ tab CR), as OWASP advises, so a
# spreadsheet set to either separator shows the text and runs nothing.
CSV_FIELDS = [
    ("plain words", "plain words"),
    ("", ""),
    ("1-1 and a+b", "1-1 and a+b"),
    ("x;=1+1", '"x;=1+1"'),
    ("a,b", '"a,b"'),
    ('a"b', '"a""b"'),
    ("line\nbreak", '"line\nbreak"'),
    ("line\r\nbreak", '"line\r\nbreak"'),
    ('=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'),
    ("=1+1", '"\'=1+1"'),
    ("+1", '"\'+1"'),
    ("-1", '"\'-1"'),
    ("@SUM(A1:A2)", '"\'@SUM(A1:A2)"'),
    ("\t=1+1", '"\'\t=1+1"'),
    ("\r=1+1", '"\'\r=1+1"'),
    ("=cmd|' /C calc'!A0;x", '"\'=cmd|\' /C calc\'!A0;x"'),
]


def test_csv_fields_are_quoted_for_either_separator_and_formulas_are_defused(form):
    fields = [field for field, _ in CSV_FIELDS]
    text = form.evaluate("rows => window.caEvaluation.csvText(rows)", [fields[:8], fields[8:]])
    written = [quoted for _, quoted in CSV_FIELDS]
    assert text == "\ufeff" + ",".join(written[:8]) + "\r\n" + ",".join(written[8:]) + "\r\n"
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))  # a CSV reader gets each field back whole
    assert rows[0] + rows[1] == [field if field[:1] not in "=+-@\t\r" or not field else "'" + field for field in fields]


def test_a_semicolon_answer_downloads_quoted(form):
    """x;=1+1 unquoted would be split at ';' by a spreadsheet using ';' as separator, and =1+1 run."""
    form.get_by_label("One thing I will do differently.").fill("x;=1+1")
    with form.expect_download() as info:
        form.get_by_role("button", name="Download my answers (CSV)").click()
    text = open(info.value.path(), encoding="utf-8", newline="").read()
    assert text == ("\ufeffsection,item,question,answer\r\n"
                    "Your reaction,useful,The session was useful for my work.,\r\n"
                    "Your reaction,role,I work mainly as,\r\n"
                    'What you learned,one-change,One thing I will do differently.,"x;=1+1"\r\n')


def test_clear_asks_first_then_empties_the_form_and_the_storage(form):
    fill(form)
    form.get_by_role("button", name="Clear my answers").click()
    expect(form.get_by_role("button", name="Yes, clear my answers")).to_be_focused()
    form.get_by_role("button", name="Keep my answers").click()
    assert form.locator("#ca-eval-useful-4").is_checked()
    expect(form.get_by_role("button", name="Clear my answers")).to_be_focused()

    form.get_by_role("button", name="Clear my answers").click()
    form.get_by_role("button", name="Yes, clear my answers").click()
    assert form.locator("form.ca-eval input:checked").count() == 0
    assert form.get_by_label("One thing I will do differently.").input_value() == ""
    assert stored(form) is None
    expect(form.locator(".ca-eval__status")).to_have_text("Your answers have been cleared.")
    assert form.locator(".ca-eval__confirm").is_hidden()
    form.reload(wait_until="networkidle")
    assert form.locator("form.ca-eval input:checked").count() == 0


@pytest.mark.parametrize("saved", ["{not json", "[]", "null", '"a string"', '{"v": 2, "answers": {}}',
                                   '{"v": 1, "answers": {"useful": 4}}', '{"v": 1, "answers": []}'])
def test_corrupt_storage_is_reset_with_a_notice_and_the_form_still_works(form, saved):
    form.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, saved])
    form.reload(wait_until="networkidle")
    notice = form.locator(".ca-eval__notice")
    expect(notice).to_be_visible()
    expect(notice).to_have_text("Your saved answers could not be read, so they were cleared. The form is ready to fill in again.")
    assert form.locator("form.ca-eval input:checked").count() == 0
    fill(form)
    assert stored(form)["answers"]["role"] == "Service provider"
    form.reload(wait_until="networkidle")
    assert form.locator(".ca-eval__notice").is_hidden()
    assert form.get_by_role("radio", name="Service provider").is_checked()
    assert form.errors == []


def axe_violations(page) -> list[str]:
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in Axe().run(page).response["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_before_and_after_filling(browser, evaluation_site, foreign_requests, scheme):
    context, page = open_form(browser, evaluation_site, foreign_requests, color_scheme=scheme)
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    page.wait_for_timeout(400)  # let Material's colour transition end, as a person would see it
    assert axe_violations(page) == []
    fill(page)
    page.get_by_role("button", name="Clear my answers").click()
    page.wait_for_timeout(400)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Keep my answers").click()
    page.get_by_role("button", name="Download my answers (CSV)").focus()
    page.wait_for_timeout(400)
    assert axe_violations(page) == []
    assert page.errors == []
    context.close()


def test_the_page_makes_no_request_to_any_other_host(form, foreign_requests):
    fill(form)
    with form.expect_download():
        form.get_by_role("button", name="Download my answers (CSV)").click()
    form.reload(wait_until="networkidle")
    assert foreign_requests == []


def test_print_shows_the_form_without_buttons_notes_or_site_chrome(form):
    form.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, "{not json"])
    form.reload(wait_until="networkidle")
    form.emulate_media(media="print")
    for hidden in (".ca-eval__actions", ".ca-eval__notice", ".ca-eval-note", ".md-header", ".md-sidebar", ".md-footer"):
        expect(form.locator(hidden).first).to_be_hidden()
    assert form.get_by_role("button").filter(has_text=re.compile("answers")).locator("visible=true").count() == 0
    expect(form.locator("#ca-eval-useful-3")).to_be_visible()
    expect(form.locator("#ca-eval-one-change")).to_be_visible()
    def border(selector: str) -> list[str]:
        return form.locator(selector).evaluate("""e => { const s = getComputedStyle(e);
            return [s.appearance, s.borderTopStyle, s.borderTopWidth, s.borderTopColor]; }""")

    assert border("#ca-eval-useful-3") == ["none", "solid", "1px", "rgb(0, 0, 0)"], "an empty box to tick on paper"
    assert border("#ca-eval-one-change")[1:] == ["solid", "1px", "rgb(0, 0, 0)"], "an empty box to write in"
    form.emulate_media(media="screen")
    expect(form.get_by_role("button", name="Download my answers (CSV)")).to_be_visible()


def test_a_scale_item_can_be_answered_with_the_keyboard_alone(form):
    for _ in range(200):
        form.keyboard.press("Tab")
        if form.evaluate("document.activeElement.id") == "ca-eval-useful-1":
            break
    else:
        pytest.fail("Tab never reached the first point of the first scale")
    assert form.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none", "keyboard focus must be visible"
    for _ in range(3):
        form.keyboard.press("ArrowRight")
    assert form.evaluate("document.activeElement.id") == "ca-eval-useful-4"
    assert form.locator("#ca-eval-useful-4").is_checked()
    assert stored(form) == {"v": 1, "answers": {"useful": "4"}}
    form.keyboard.press("Tab")
    assert form.evaluate("document.activeElement.name") == "ca-eval-role", "Tab leaves the group for the next question"


def test_the_form_works_after_instant_navigation(form, evaluation_site):
    form.goto(evaluation_site, wait_until="networkidle")
    form.evaluate("window.__same_document = true")
    form.get_by_role("link", name="Fill in the session evaluation").click()
    form.wait_for_url(re.compile(r"/training/evaluation/$"))
    form.locator("form.ca-eval[data-ca-ready]").wait_for()
    assert form.evaluate("window.__same_document === true"), "expected Material's instant navigation"
    fill(form)
    assert stored(form)["answers"]["useful"] == "4"
    form.go_back()
    expect(form.locator("form.ca-eval")).to_have_count(0)
    form.go_forward()
    form.locator("form.ca-eval[data-ca-ready]").wait_for()
    assert form.locator("#ca-eval-useful-4").is_checked()
    assert form.locator("form.ca-eval[data-ca-ready] .ca-eval__actions:visible").count() == 1
    assert form.errors == []


def test_without_javascript_the_form_shows_and_the_buttons_that_need_it_do_not(browser, evaluation_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(evaluation_site + PAGE)
    assert page.locator("form.ca-eval fieldset.ca-eval__section").count() == 2
    assert page.get_by_role("button", name="Download my answers (CSV)").count() == 0
    page.locator("#ca-eval-useful-5").check()
    assert page.locator("#ca-eval-useful-5").is_checked()
    context.close()
