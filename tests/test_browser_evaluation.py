"""The session evaluation as a participant uses it, in headless Chromium, on a tiny site.

The site is built for the port it is served on, so Material's instant navigation is live.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from playwright.sync_api import expect
from test_evaluation import EVALUATION

from browsing import PageWatch, axe_violations, built_and_served
from sitekit import TinySite

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
    PageWatch(foreign_requests).listen(page)
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


HEADER = ["date", "session", "role", "useful", "one-change", "response"]


def download_rows(page, button: str):
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    download = info.value
    raw = open(download.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM, so spreadsheets read the file as UTF-8"
    return download.suggested_filename, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_my_answers_download_as_one_row_with_the_shared_devices_columns(form):
    fill(form, change="Less talk, more \"practice\"\nand more cases")
    name, rows = download_rows(form, "Download my answers (CSV)")
    today = date.today().isoformat()
    assert rows[0] == HEADER
    assert name == f"evaluation-{today}-response-{rows[1][5][:4]}.csv", "never the name of a shared device's export"
    assert len(rows) == 2
    assert rows[1][:5] == [today, "", "Service provider", "4", "Less talk, more \"practice\"\nand more cases"]
    assert re.fullmatch(r"[0-9a-f]{16}", rows[1][5]), "a random id, so a file sent twice is merged once"
    expect(form.locator(".ca-eval__status")).to_have_text(f"Your answers were downloaded as {name}.")
    form.get_by_label("One thing I will do differently.").fill("Changed my mind")
    name, again = download_rows(form, "Download my answers (CSV)")
    assert again[1][5] == rows[1][5], "the same person's second download keeps the id: the merge keeps one"
    assert form.errors == []


def test_an_answer_that_looks_like_a_formula_is_not_run_by_a_spreadsheet(form):
    form.get_by_label("One thing I will do differently.").fill("=HYPERLINK(\"http://x\")")
    _, rows = download_rows(form, "Download my answers (CSV)")
    assert rows[1][HEADER.index("one-change")] == "'=HYPERLINK(\"http://x\")"
    assert rows[1][HEADER.index("useful")] == "" and rows[1][HEADER.index("role")] == "", "unanswered questions keep their column"


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
    assert text.startswith("\ufeffdate,session,role,useful,one-change,response\r\n")
    assert f"\r\n{date.today().isoformat()},,,,\"x;=1+1\"," in text


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
    for hidden in (".ca-eval__actions", ".ca-eval__notice", ".ca-eval-note", ".ca-eval-device", ".md-header", ".md-sidebar", ".md-footer"):
        expect(form.locator(hidden).first).to_be_hidden()
    assert form.get_by_role("button").filter(has_text=re.compile("answers")).locator("visible=true").count() == 0
    expect(form.locator("#ca-eval-useful-3")).to_be_visible()
    expect(form.locator("#ca-eval-one-change")).to_be_visible()
    def border(selector: str) -> list[str]:
        return form.locator(selector).evaluate("""e => { const s = getComputedStyle(e);
            return [s.appearance, s.borderTopStyle, s.borderTopWidth, s.borderTopColor]; }""")

    assert border("#ca-eval-useful-3") == ["none", "solid", "1px", "rgb(0, 0, 0)"], "an empty box to tick on paper"
    assert border("#ca-eval-one-change")[1:] == ["solid", "1px", "rgb(0, 0, 0)"], "an empty box to write in"
    box = form.locator("#ca-eval-one-change").evaluate("""e => { const s = getComputedStyle(e);
        return [s.resize, e.getBoundingClientRect().width / e.closest('.ca-eval__item').getBoundingClientRect().width,
                e.getBoundingClientRect().height / parseFloat(s.fontSize)]; }""")
    assert box[0] == "none" and box[1] > 0.99 and box[2] >= 6.9, f"a full-width box with room to write: {box}"
    assert form.locator(".ca-eval__item").evaluate_all(
        "items => items.map(i => getComputedStyle(i).breakInside)") == ["avoid"] * 3, "no question split across pages"
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


# ---- Shared device: one response per person, kept on the device, exported as one file ----

DEVICE_KEY = "common-agenda:evaluation-device"


def set_up_device(page, session: str) -> None:
    page.locator("details.ca-eval-device summary").click()
    page.get_by_label("Session name").fill(session)
    page.get_by_label(re.compile("^Shared device")).check()
    expect(page.locator("details.ca-eval-device summary")).to_be_focused()
    assert not page.locator("details.ca-eval-device").evaluate("d => d.open"), "closed as soon as the device goes round"
    expect(page.get_by_role("button", name="Submit and hand to the next person")).to_be_visible()
    expect(page.get_by_role("button", name="Download my answers (CSV)")).to_be_hidden()


def test_three_people_on_one_device_give_one_file_with_three_rows(form):
    set_up_device(form, "Riverside ninety-minutes")
    people = [("5", "Police officer", "Call the shelter first"), ("3", "Service provider", "=1+1, \"quoted\""),
              ("4", "Other", "")]
    handover = form.locator(".ca-eval__handover")
    for number, (useful, role, change) in enumerate(people, start=1):
        fill(form, useful=useful, role=role, change=change)
        if number == 2:
            form.locator("details.ca-eval-device summary").click()  # the facilitator looks at the count
        form.get_by_role("button", name="Submit and hand to the next person").click()
        assert not form.locator("details.ca-eval-device").evaluate("d => d.open"), "closed again for the next person"
        expect(handover).to_be_focused()
        expect(handover).to_contain_text("Please hand the device to the next person")
        expect(handover).to_contain_text(f"{number} response{'s' if number > 1 else ''} kept on this device")
        assert form.locator("form.ca-eval input:checked").count() == 0
        assert form.get_by_label("One thing I will do differently.").input_value() == ""
        assert stored(form) is None, "the next person finds no draft"
        for _, answer, words in people:
            assert answer not in handover.inner_text() and (not words or words not in handover.inner_text())
    form.get_by_role("button", name="Submit and hand to the next person").click()
    expect(form.locator(".ca-eval__status")).to_have_text("Answer at least one question before you submit.")
    form.locator("#ca-eval-useful-1").check()
    expect(handover).to_have_text("This device is shared. When you have answered, press “Submit and hand to the next "
                                  "person” at the end of the form.")
    form.get_by_role("button", name="Clear my answers").click()
    form.get_by_role("button", name="Yes, clear my answers").click()

    form.reload(wait_until="networkidle")
    form.locator("details.ca-eval-device summary").click()
    expect(form.get_by_label("Session name")).to_have_value("Riverside ninety-minutes")
    expect(form.locator(".ca-eval-device__count")).to_have_text("Responses kept on this device: 3.")
    name, rows = download_rows(form, "Download all kept responses (CSV)")
    today = date.today().isoformat()
    assert name == f"evaluation-{today}-riverside-ninety-minutes.csv"
    assert rows[0] == HEADER
    assert len(rows) == 4
    assert {row[0] for row in rows[1:]} == {today} and {row[1] for row in rows[1:]} == {"Riverside ninety-minutes"}
    by_role = {row[2]: row for row in rows[1:]}
    assert sorted(by_role) == ["Other", "Police officer", "Service provider"]
    assert by_role["Service provider"][3:5] == ["3", "'=1+1, \"quoted\""]
    assert by_role["Police officer"][3:5] == ["5", "Call the shelter first"]
    assert len({row[5] for row in rows[1:]}) == 3
    assert [row[5] for row in rows[1:]] == sorted(row[5] for row in rows[1:]), "rows in id order, not hand-over order"

    form.get_by_role("button", name="Delete kept responses").click()
    expect(form.get_by_role("button", name="Yes, delete them")).to_be_focused()
    expect(form.locator(".ca-eval-device__question")).to_contain_text("Delete the 3 responses kept on this device?")
    form.get_by_role("button", name="Keep them").click()
    expect(form.locator(".ca-eval-device__count")).to_have_text("Responses kept on this device: 3.")
    form.get_by_role("button", name="Delete kept responses").click()
    form.get_by_role("button", name="Yes, delete them").click()
    expect(form.locator(".ca-eval-device__count")).to_have_text("No responses are kept on this device.")
    assert json.loads(form.evaluate(f"localStorage.getItem('{DEVICE_KEY}')"))["responses"] == []
    assert form.errors == []


def test_a_session_in_the_address_is_set_on_the_device(form, evaluation_site):
    form.goto(evaluation_site + PAGE + "?session=C%C3%B4te%20d%27Or%20%2F%20half-day", wait_until="networkidle")
    form.locator("form.ca-eval[data-ca-ready]").wait_for()
    fill(form)
    name, rows = download_rows(form, "Download my answers (CSV)")
    assert name == f"evaluation-{date.today().isoformat()}-cote-d-or-half-day-response-{rows[1][5][:4]}.csv", "a safe file name"
    assert rows[1][1] == "Côte d'Or / half-day"


def kept_response(n: int, useful="4") -> dict:
    return {"response": f"{n:016x}", "date": "2026-12-01", "session": "Riverside", "answers": {"useful": useful}}


LEFT_ALONE = "They are left as they were: the facilitator can download or delete them under “For the facilitator”."


def test_one_unreadable_kept_response_leaves_the_others_and_itself_in_place(form):
    """20 good responses and one whose answer is a number: the 20 are kept, the odd one is never deleted
    without the facilitator asking, and it can be downloaded as it was stored."""
    bad = {"response": "ffff", "date": "2026-12-01", "session": "Riverside", "answers": {"useful": 4}}
    saved = json.dumps({"v": 1, "session": "Riverside", "shared": True,
                        "responses": [kept_response(n) for n in range(1, 21)] + [bad]})
    form.evaluate("([k, v]) => localStorage.setItem(k, v)", [DEVICE_KEY, saved])
    form.reload(wait_until="networkidle")
    expect(form.locator(".ca-eval__notice")).to_have_text("1 kept response could not be read. " + LEFT_ALONE)
    assert form.evaluate(f"localStorage.getItem('{DEVICE_KEY}')") == saved, "nothing written or removed on reading"
    form.locator("details.ca-eval-device summary").click()
    expect(form.locator(".ca-eval-device__count")).to_have_text("Responses kept on this device: 20.")
    expect(form.locator(".ca-eval-device__unread-text")).to_contain_text("1 kept response could not be read.")
    fill(form)
    form.get_by_role("button", name="Submit and hand to the next person").click()
    kept = json.loads(form.evaluate(f"localStorage.getItem('{DEVICE_KEY}')"))
    assert len(kept["responses"]) == 21 and kept["unread"] == [bad], "written back, not dropped"
    form.locator("details.ca-eval-device summary").click()
    with form.expect_download() as info:
        form.get_by_role("button", name="Download the stored data as it is (text)").click()
    assert json.loads(open(info.value.path(), encoding="utf-8").read())["unread"] == [bad], "the stored text as it is"
    form.get_by_role("button", name="Delete the data that could not be read").click()
    form.get_by_role("button", name="Keep them").click()
    assert "unread" in json.loads(form.evaluate(f"localStorage.getItem('{DEVICE_KEY}')"))
    form.get_by_role("button", name="Delete the data that could not be read").click()
    form.get_by_role("button", name="Yes, delete the unreadable data").click()
    kept = json.loads(form.evaluate(f"localStorage.getItem('{DEVICE_KEY}')"))
    assert "unread" not in kept and len(kept["responses"]) == 21
    expect(form.locator(".ca-eval-device__unread")).to_be_hidden()
    expect(form.locator(".ca-eval-device__count")).to_have_text("Responses kept on this device: 21.")
    assert form.errors == []


@pytest.mark.parametrize("saved", ['{not json', "[1]", '{"v": 2, "responses": []}'])
def test_kept_data_that_is_not_ours_to_read_is_left_in_place_with_a_notice(form, saved):
    form.evaluate("([k, v]) => localStorage.setItem(k, v)", [DEVICE_KEY, saved])
    form.reload(wait_until="networkidle")
    expect(form.locator(".ca-eval__notice")).to_have_text(
        "The data kept on this device for the evaluation could not be read. " + LEFT_ALONE)
    assert form.evaluate(f"localStorage.getItem('{DEVICE_KEY}')") == saved
    expect(form.get_by_role("button", name="Download my answers (CSV)")).to_be_visible()
    form.locator("details.ca-eval-device summary").click()
    form.get_by_label("Session name").fill("North")
    assert json.loads(form.evaluate(f"localStorage.getItem('{DEVICE_KEY}')"))["unread"] == [saved]
    assert form.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_in_shared_device_mode(browser, evaluation_site, foreign_requests, scheme):
    context, page = open_form(browser, evaluation_site, foreign_requests, color_scheme=scheme)
    set_up_device(page, "Riverside")
    page.locator("details.ca-eval-device summary").click()
    page.get_by_role("button", name="Delete kept responses").click()
    fill(page)
    page.get_by_role("button", name="Submit and hand to the next person").click()
    page.wait_for_timeout(400)
    assert axe_violations(page) == []
    page.locator("details.ca-eval-device summary").click()
    page.get_by_role("button", name="Delete kept responses").click()
    page.wait_for_timeout(400)
    assert axe_violations(page) == []
    assert page.errors == []
    context.close()


# ---- The results page: several exported files merged in the browser ----

RESULTS = "training/evaluation-results/"


def csv_file(name: str, rows: list[list[str]]) -> dict:
    text = "\ufeff" + "\r\n".join(",".join('"' + c.replace('"', '""') + '"' if set(c) & set(',"\n') else c for c in row)
                                   for row in rows) + "\r\n"
    return {"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")}


DEVICE_A = csv_file("evaluation-2026-12-01-riverside.csv", [
    HEADER,
    ["2026-12-01", "Riverside", "Police officer", "5", "Call the shelter first", "aaaa000000000001"],
    ["2026-12-01", "Riverside", "Service provider", "4", "'=SUM(A1:A2)", "aaaa000000000002"],
    ["2026-12-01", "Riverside", "Service provider", "2", "", "aaaa000000000003"],
])
PHONE = csv_file("evaluation-2026-12-01.csv", [
    HEADER, ["2026-12-01", "", "Other", "5", "Meet before the next case,\nnot after", "bbbb000000000001"]])
EXTRA = csv_file("typed-from-paper.csv", [
    ["date", "session", "role", "useful", "one-change", "room"],
    ["2026-12-01", "Riverside", "Police officer", "3", "", "Too warm"],
    ["2026-12-01", "Riverside", "Police officer", "3", "", "Too warm"],
])
WRONG = csv_file("contacts.csv", [["name", "email"], ["Sam", "sam@example.org"]])
EMPTY = {"name": "empty.csv", "mimeType": "text/csv", "buffer": b""}
SHEET = {"name": "results.xlsx", "mimeType": "application/octet-stream", "buffer": b"PK\x03\x04"}


@pytest.fixture
def results(browser, evaluation_site, foreign_requests):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    foreign_requests.watch(context, evaluation_site)
    page = context.new_page()
    PageWatch(foreign_requests).listen(page)
    page.goto(evaluation_site + RESULTS, wait_until="networkidle")
    page.locator("[data-ca-merge][data-ca-ready]").wait_for()
    yield page
    context.close()


def summary_of(page, item: str):
    return page.locator(f".ca-merge__question[data-ca-item='{item}']")


def test_three_files_merge_into_one_summary_and_bad_files_are_named(results, foreign_requests):
    expect(results.get_by_text("Nothing is uploaded", exact=True)).to_be_visible()
    results.get_by_label("Evaluation files (CSV)").set_input_files([DEVICE_A, PHONE, EXTRA, WRONG, EMPTY, SHEET])
    report = results.locator(".ca-merge__report")
    expect(report.locator("li")).to_have_count(6)
    items = report.locator("li").all_inner_texts()
    assert items[0] == "evaluation-2026-12-01-riverside.csv: 3 responses added."
    assert items[1] == "evaluation-2026-12-01.csv: 1 response added."
    assert items[2] == ("typed-from-paper.csv: 2 responses added; 1 row matches another row exactly and is marked in the "
                        "table (1 column not on this form kept: room).")
    assert items[3].startswith("Not read: contacts.csv — its columns (name, email) are not those of this evaluation form")
    assert items[4] == "Not read: empty.csv — the file is empty."
    assert items[5].startswith("Not read: results.xlsx — it is a spreadsheet, not a CSV file.")

    expect(results.locator(".ca-merge__overview")).to_have_text(
        "6 responses from 3 files. Sessions: Riverside (5). Dates: 2026-12-01.")
    useful = summary_of(results, "useful")
    assert useful.get_attribute("data-mean") == "3.7"  # (5 + 4 + 2 + 5 + 3 + 3) / 6
    expect(useful.locator(".ca-merge__figures")).to_have_text("Mean 3.7 out of 5 (1 strongly disagree, 5 strongly agree); 6 answers.")
    expect(useful.locator(".ca-merge__by-role")).to_have_text(
        "By role: Police officer: mean 3.7 (3 answers); Service provider: mean 3.0 (2 answers); Other: mean 5.0 (1 answer).")
    assert summary_of(results, "role").locator(".ca-merge__by-role").count() == 0
    counts = useful.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => [r.cells[0].textContent, r.cells[1].textContent, r.cells[2].textContent])")
    assert counts == [["1", "0", "0%"], ["2", "1", "17%"], ["3", "2", "33%"], ["4", "1", "17%"], ["5", "2", "33%"]]
    assert useful.locator(".ca-merge__bar--35").count() == 2 and useful.locator(".ca-merge__bar[aria-hidden='true']").count() == 5
    role = summary_of(results, "role").locator("tbody tr").evaluate_all(
        "rows => rows.map(r => [r.cells[0].textContent, r.cells[1].textContent])")
    assert role == [["Police officer", "3"], ["Service provider", "2"], ["Other", "1"]]
    texts = summary_of(results, "one-change").locator("li").all_inner_texts()
    assert texts == ["Call the shelter first", "=SUM(A1:A2)", "Meet before the next case,\nnot after"]
    expect(summary_of(results, "room").locator(".ca-merge__question-title")).to_have_text("room (not on this form)")
    assert results.locator(".ca-merge__rows tbody tr").count() == 6
    assert results.locator(".ca-merge__row--flagged").count() == 1

    # The same file again is read, but adds nothing: every response has an id already seen.
    results.get_by_label("Evaluation files (CSV)").set_input_files([DEVICE_A])
    expect(report.locator("li").last).to_have_text(
        "evaluation-2026-12-01-riverside.csv: 0 responses added; 3 responses were already read and left out.")
    assert results.locator(".ca-merge__rows tbody tr").count() == 6

    with results.expect_download() as info:
        results.get_by_role("button", name="Download the merged file (CSV)").click()
    assert info.value.suggested_filename == f"evaluation-merged-{date.today().isoformat()}.csv"
    text = open(info.value.path(), encoding="utf-8-sig", newline="").read()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == HEADER + ["room", "file"]
    assert len(rows) == 7
    assert rows[2][4] == "'=SUM(A1:A2)", "defused once, not twice"
    assert '"\'=SUM(A1:A2)"' in text and '"Meet before the next case,\nnot after"' in text
    assert rows[5][-2:] == ["Too warm", "typed-from-paper.csv"]
    assert results.errors == [] and foreign_requests == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_the_results_page(browser, evaluation_site, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(evaluation_site + RESULTS, wait_until="networkidle")
    page.locator("[data-ca-merge][data-ca-ready]").wait_for()
    page.wait_for_timeout(400)
    assert axe_violations(page) == []
    page.get_by_label("Evaluation files (CSV)").set_input_files([DEVICE_A, PHONE, EXTRA, WRONG])
    page.locator(".ca-merge__result:not([hidden])").wait_for()
    page.locator(".ca-merge__table").focus()
    page.wait_for_timeout(400)
    assert axe_violations(page) == []
    context.close()


def raw_file(name: str, text: str) -> dict:
    return {"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")}


def test_files_saved_by_spreadsheets_and_broken_files(results):
    """A spreadsheet set to ';' saves with semicolons; a file from before this change has one row per
    question; each broken file is named with what is wrong, and the good ones are still merged."""
    results.get_by_label("Evaluation files (CSV)").set_input_files([
        raw_file("semicolons.csv", "date;session;role;useful;one-change\n2026-12-02;North;Police officer;4;\"a; b\"\n"),
        raw_file("old.csv", "section,item,question,answer\r\nYour reaction,useful,The session was useful for my work.,2\r\n"
                            "Your reaction,role,I work mainly as,Other\r\n"),
        raw_file("unclosed.csv", "date,session,useful\r\n2026-12-02,North,\"4\r\n"),
        raw_file("long-row.csv", "date,session,useful\r\n2026-12-02,North,4,5\r\n"),
        raw_file("twice.csv", "date,useful,useful\r\n2026-12-02,4,5\r\n"),
        raw_file("header-only.csv", "date,session,useful\r\n"),
        {"name": "binary.csv", "mimeType": "text/csv", "buffer": b"\x00\x01\x02PK"},
        raw_file("notes.txt", "date,session,useful\r\n2026-12-02,North,4\r\n"),
        raw_file("repeat.csv", "date,session,role,response\r\n2026-12-02,North,Other,cccc000000000001\r\n"
                               "2026-12-02,North,Other,cccc000000000001\r\n"),
        {"name": "latin1.csv", "mimeType": "text/csv", "buffer": "date,session,role\r\n2026-12-02,Côte,Other\r\n".encode("latin-1")},
        raw_file("wide.csv", ",".join(f"c{n}" for n in range(20000)) + "\r\n" + ",".join("x" * 20000) + "\r\n"),
    ])
    items = results.locator(".ca-merge__report li")
    expect(items).to_have_count(11)
    assert items.all_inner_texts() == [
        "semicolons.csv: 1 response added.",
        "old.csv: 1 response added (an older one-person file: read as one response without date or session).",
        "Not read: unclosed.csv — it is not a valid CSV file: a quoted value that starts on line 2 is never closed.",
        "Not read: long-row.csv — line 2 has 4 values but the first line names 3 columns.",
        "Not read: twice.csv — the first line names the column 'useful' twice.",
        "Not read: header-only.csv — it has the column names but no responses.",
        "Not read: binary.csv — it is not a CSV file but binary data. Export the responses from the evaluation form again.",
        "Not read: notes.txt — it is not a CSV file (its name does not end in .csv). Use the file the evaluation form downloaded.",
        "repeat.csv: 1 response added; 1 response was already read and left out.",
        "latin1.csv: 1 response added (saved in another encoding, so some letters show as \ufffd: save it as CSV UTF-8 and add it again).",
        "Not read: wide.csv — it has 20000 columns, and this page reads at most 200 columns per file. Use the file the evaluation form downloaded.",
    ]
    assert summary_of(results, "useful").get_attribute("data-mean") == "3.0"
    assert summary_of(results, "one-change").locator("li").all_inner_texts() == ["a; b"]
    results.get_by_role("button", name="Start again").click()
    expect(results.locator(".ca-merge__result")).to_be_hidden()
    expect(results.get_by_label("Evaluation files (CSV)")).to_be_focused()

    # A 4.9 MB file of 85,817 rows froze the page for over a minute: now 5,000 are read, 200 shown.
    big = "\r\n".join([",".join(HEADER)] + [f"2026-12-02,North,Other,{n % 5 + 1},Words {n},{n:016x}"
                                              for n in range(85817)]) + "\r\n"
    results.evaluate("""() => { const input = document.querySelector(".ca-merge__input");
        input.addEventListener("change", () => { window.__t0 = performance.now(); });
        new MutationObserver(() => { if (!window.__t1) window.__t1 = performance.now(); })
            .observe(document.querySelector(".ca-merge__result"), { attributes: true }); }""")
    results.get_by_label("Evaluation files (CSV)").set_input_files([raw_file("huge.csv", big)])
    expect(items).to_have_count(1)
    took = results.evaluate("window.__t1 - window.__t0")
    print(f"huge.csv read, summed up and shown in {took:.0f} ms")
    assert took < 3000, f"reading, summing up and showing took {took:.0f} ms"
    expect(items).to_have_text("huge.csv: 5000 responses added; the rest of this file was not read: this page reads at most "
                               "5,000 responses in all, so merge fewer files at a time.")
    expect(results.locator(".ca-merge__overview")).to_contain_text("5000 responses from 1 file.")
    assert results.locator(".ca-merge__rows tbody tr").count() == 200
    expect(results.locator(".ca-merge__shown")).to_have_text("Showing the first 200 of 5,000 rows; the merged file has them all.")
    assert summary_of(results, "one-change").locator("li").count() == 200
    expect(summary_of(results, "one-change").locator(".ca-merge__more")).to_have_text(
        "Showing the first 200 of 5000 written answers; the merged file has them all.")
    with results.expect_download() as info:
        results.get_by_role("button", name="Download the merged file (CSV)").click()
    assert len(open(info.value.path(), encoding="utf-8-sig").read().splitlines()) == 5001
    assert results.errors == []
