"""Corrupt, foreign and oversized localStorage never breaks a page that reads it.

The quiz page, the quiz index, the nav marks, the certificate page and the evaluation form each
read saved data from localStorage (quiz pages also their saved answers), which any script of the same origin (or a browser extension, or an old version
of the site) may have left in any state. For every hostile value, each page must load without a
page error, leave Object.prototype alone, count the data as no progress, and stay usable.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest

from browsing import PageWatch, built_and_served
from sitekit import TinySite, module_text, quiz_text

PROGRESS = "common-agenda:progress"
ATTEMPTS = "common-agenda:attempts"
ANSWERS = "common-agenda:evaluation"
ENTRY = '{"best": 100, "passed": true, "date": "2026-11-23"}'

# Each value is a JavaScript expression, built in the page: megabytes never cross the wire.
HOSTILE = {
    "4-mb-string": "'x'.repeat(4 * 1024 * 1024)",
    "4-mb-json-shaped": "JSON.stringify({v: 1, quizzes: {'shared-goals': {best: 50, passed: false, date: '2026-11-23',"
                        " pad: 'x'.repeat(4 * 1024 * 1024)}}})",
    "many-foreign-ids": "JSON.stringify({v: 1, quizzes: Object.fromEntries(Array.from({length: 50000},"
                        " (_, i) => ['quiz-' + i, {best: 100, passed: true, date: '2026-11-23'}]))})",
    "deep-array": "'['.repeat(200000) + ']'.repeat(200000)",
    "deep-object-in-entry": "'{\"v\":1,\"quizzes\":{\"shared-goals\":' + '{\"a\":'.repeat(100000) + '1'"
                            " + '}'.repeat(100000) + '}}'",
    "proto-as-quiz-id": f"'{{\"v\":1,\"quizzes\":{{\"__proto__\":{ENTRY}}}}}'",
    "proto-at-top": f"'{{\"__proto__\":{{\"v\":1,\"quizzes\":{{\"shared-goals\":{ENTRY}}}}}}}'",
    "proto-in-entry": "'{\"v\":1,\"quizzes\":{\"shared-goals\":{\"__proto__\":{\"passed\":true},\"best\":100,"
                      "\"date\":\"2026-11-23\"}}}'",
    "constructor-prototype": "'{\"v\":1,\"quizzes\":{\"constructor\":{\"prototype\":{\"passed\":true}}}}'",
    "wrong-version-type": f"'{{\"v\":\"1\",\"quizzes\":{{\"shared-goals\":{ENTRY}}}}}'",
    "quizzes-a-string": "'{\"v\":1,\"quizzes\":\"all passed\"}'",
    "entry-wrong-types": "'{\"v\":1,\"quizzes\":{\"shared-goals\":{\"best\":\"100\",\"passed\":\"true\",\"date\":20261123}}}'",
    "best-infinite": "'{\"v\":1,\"quizzes\":{\"shared-goals\":{\"best\":1e999,\"passed\":true,\"date\":\"2026-11-23\"}}}'",
    "html-in-values": "'{\"v\":1,\"quizzes\":{\"<img src=x onerror=alert(1)>\":" + ENTRY + ","
                      "\"shared-goals\":{\"best\":100,\"passed\":true,\"date\":\"<img src=x onerror=alert(1)>\"}}}'",
    "number": "'1e999'",
    "nan": "'NaN'",
    "empty": "''",
    "lone-surrogate": "'\\ud800{\\u0000'",
}
# A well-formed entry with an extra 4 MB field is still a valid entry: it is read, not reset.
STATUS = {"4-mb-json-shaped": "Not passed yet \u2014 best score 50% (2026-11-23)"}
CERTIFICATE_STATUS = {"4-mb-json-shaped": "Not passed yet \u2014 best score 50%"}

EVALUATION = """\
title: Session evaluation
sections:
  - title: Your reaction
    items:
      - id: useful
        kind: scale
        label: The session was useful for my work.
      - id: constructor
        kind: text
        label: One thing I will do differently.
"""


@pytest.fixture(scope="module")
def storage_site(tmp_path_factory):
    site = TinySite(tmp_path_factory.mktemp("storage") / "project")
    site.use_site_assets()
    site.add_module("police-only", module_text("police-only", title="Working a case", audiences="[police]"))
    site.add_module("shared-goals", module_text("shared-goals"))
    site.write("quizzes/police-only.yml", quiz_text({"id: shared-goals": "id: police-only",
                                                     "module: shared-goals": "module: police-only"}))
    site.write("quizzes/shared-goals.yml", quiz_text())
    site.write("training/evaluation.yml", EVALUATION)
    site.nav = ("- Home: index.md\n- Modules: modules/*.md\n- Check yourself:\n    - quizzes/index.md\n"
                "    - quizzes/*.yml\n- certificate.md\n- training/evaluation.md\n")
    with built_and_served(site) as (url, _):
        yield url


@pytest.fixture
def page(browser, storage_site, foreign_requests):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    foreign_requests.watch(context, storage_site)
    page = context.new_page()
    PageWatch(foreign_requests).listen(page)
    page.goto(storage_site + "404.html", wait_until="load")
    yield page
    context.close()


def store(page, key: str, expression: str) -> None:
    """Write the value; each hostile value fits Chromium's localStorage quota, so every case
    really reaches the pages (a refused write would have tested nothing)."""
    stored = page.evaluate(f"""() => {{ try {{ localStorage.setItem({key!r}, {expression}); return true; }}
                                      catch (e) {{ return e.name; }} }}""")
    assert stored is True, stored


def unpolluted(page) -> bool:
    return page.evaluate("""() => Object.getOwnPropertyNames(Object.prototype).every(n =>
        ['constructor', '__defineGetter__', '__defineSetter__', 'hasOwnProperty', '__lookupGetter__',
         '__lookupSetter__', 'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'valueOf', '__proto__',
         'toLocaleString'].includes(n)) && ({}).passed === undefined && ({}).best === undefined""")


def answer_first_question(page) -> str:
    section = page.locator("#ca-q-single")
    section.locator("#ca-q-single-a").check()
    section.get_by_role("button", name="Check answer").click()
    return section.locator(".ca-q__result").inner_text()


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_progress_breaks_no_page(page, storage_site, name):
    url = storage_site

    store(page, PROGRESS, HOSTILE[name])
    page.goto(url + "quizzes/shared-goals/", wait_until="load")
    page.locator("form.ca-quiz[data-ca-ready]").wait_for(state="attached")
    assert "Correct." in answer_first_question(page)
    assert unpolluted(page)

    store(page, PROGRESS, HOSTILE[name])
    page.goto(url + "quizzes/", wait_until="load")
    assert page.locator('[data-ca-status="shared-goals"]').inner_text() == STATUS.get(name, "Not taken yet")
    page.get_by_role("button", name="Reset my progress").click()
    page.get_by_role("button", name="Yes, clear my progress").click()
    assert page.evaluate(f"localStorage.getItem('{PROGRESS}')") is None
    assert unpolluted(page)

    store(page, PROGRESS, HOSTILE[name])
    page.goto(url + "certificate/", wait_until="load")
    page.locator("[data-ca-cert-page][data-ca-ready]").wait_for(state="attached")
    cells = page.locator('[data-ca-cert-quiz="shared-goals"]')
    expected = CERTIFICATE_STATUS.get(name, "Not taken yet")
    assert cells.count() == 2 and all(text == expected for text in cells.all_inner_texts())
    assert page.locator(".ca-cert").evaluate_all("els => els.every(e => e.offsetParent === null)")  # none earned
    assert page.locator('[data-ca-cert-path="police"] [data-ca-cert-quiz]').count() == 2
    assert unpolluted(page)
    assert page.errors == [] and page.dialogs == []


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_saved_attempts_break_no_quiz_page(page, storage_site, name):
    """Saved answers are read as data: what does not fit the page's questions and options is ignored."""
    store(page, ATTEMPTS, HOSTILE[name].replace("'shared-goals': {best: 50", "'shared-goals': {'q-single': ['a'], best: 50"))
    page.goto(storage_site + "quizzes/shared-goals/", wait_until="load")
    page.locator("form.ca-quiz[data-ca-ready]").wait_for(state="attached")
    # Only the well-formed entry keeps its saved answer (its 4 MB pad is an extra field); the rest count as none.
    restored = "1 of 5 answered, 1 right." if name == "4-mb-json-shaped" else "0 of 5 answered, 0 right."
    assert page.locator(".ca-quiz__progress").inner_text() == restored
    page.locator("#ca-q-tf-false").check()
    page.locator("#ca-q-tf").get_by_role("button", name="Check answer").click()
    assert "Correct." in page.locator("#ca-q-tf .ca-q__result").inner_text()
    page.reload(wait_until="load")
    page.locator("form.ca-quiz[data-ca-ready]").wait_for(state="attached")
    assert page.locator("#ca-q-tf-false").is_checked()  # the new answer was saved over whatever was there
    assert unpolluted(page)
    assert page.errors == [] and page.dialogs == []


def test_nav_marks_ignore_progress_that_quiz_pages_would_reset(page, storage_site):
    """One bad entry makes the whole record unreadable (quiz pages reset it), so nothing shows as passed."""
    entry = json.loads(ENTRY)
    store(page, PROGRESS, repr(json.dumps({"v": 1, "quizzes": {"shared-goals": entry, "police-only": {"passed": True}}})))
    page.goto(storage_site + "modules/shared-goals/", wait_until="load")
    page.wait_for_function("window.caMarkPassed !== undefined")
    assert page.locator(".ca-nav-passed").count() == 0
    store(page, PROGRESS, repr(json.dumps({"v": 1, "quizzes": {"shared-goals": entry}})))
    page.reload(wait_until="load")
    page.wait_for_function("document.querySelectorAll('.ca-nav-passed').length > 0")
    assert page.locator(".ca-nav-passed").count() == 1
    assert page.errors == []


@pytest.mark.parametrize("name", ["4-mb-string", "deep-array", "proto-at-top", "lone-surrogate", "html-in-values"])
def test_hostile_answers_break_no_evaluation_form(page, storage_site, name):
    store(page, ANSWERS, HOSTILE[name].replace('"quizzes"', '"answers"'))
    page.goto(storage_site + "training/evaluation/", wait_until="load")
    page.locator("form[data-ca-evaluation][data-ca-ready]").wait_for(state="attached")
    page.locator("#ca-eval-constructor").fill("Call the shelter before the raid.")
    page.locator("#ca-eval-useful-4").check()
    saved = page.evaluate(f"JSON.parse(localStorage.getItem('{ANSWERS}'))")
    assert saved == {"v": 1, "answers": {"useful": "4", "constructor": "Call the shelter before the raid."}}
    assert unpolluted(page)
    assert page.errors == [] and page.dialogs == []


def test_prototype_keys_in_saved_answers_are_just_data(page, storage_site):
    store(page, ANSWERS, "'{\"v\":1,\"answers\":{\"__proto__\":\"x\",\"constructor\":\"kept\",\"toString\":\"y\"}}'")
    page.goto(storage_site + "training/evaluation/", wait_until="load")
    page.locator("form[data-ca-evaluation][data-ca-ready]").wait_for(state="attached")
    assert page.locator("#ca-eval-constructor").input_value() == "kept"
    assert unpolluted(page) and page.errors == []


# Our keys only: Material's own scripts (palette, consent) call localStorage without a try, so a
# browser that refuses storage altogether shows errors from the theme; that is outside this project.
BLOCKED_STORAGE = """
for (const name of ['getItem', 'setItem', 'removeItem']) {
  const original = Storage.prototype[name];
  Storage.prototype[name] = function (key, ...rest) {
    if (String(key).startsWith('common-agenda:')) throw new DOMException('blocked by a test', 'SecurityError');
    return original.call(this, key, ...rest);
  };
}
"""


def test_storage_that_throws_breaks_no_page(browser, storage_site, foreign_requests):
    context = browser.new_context()
    context.add_init_script(BLOCKED_STORAGE)
    foreign_requests.watch(context, storage_site)
    page = context.new_page()
    watch = PageWatch(foreign_requests)
    watch.listen(page)
    page.goto(storage_site + "quizzes/shared-goals/", wait_until="load")
    assert "Correct." in answer_first_question(page)
    assert page.locator(".ca-quiz-saved").inner_text() == "This browser does not allow saving, so your results will not be kept."
    page.goto(storage_site + "quizzes/", wait_until="load")
    assert page.locator('[data-ca-status="shared-goals"]').inner_text() == "Not taken yet"
    page.goto(storage_site + "certificate/", wait_until="load")
    assert page.locator(".ca-cert-notice").inner_text().startswith("This browser does not let the page read saved progress")
    page.goto(storage_site + "training/evaluation/", wait_until="load")
    page.locator("#ca-eval-constructor").fill("Still works.")
    assert (watch.errors, watch.dialogs, foreign_requests) == ([], [], [])
    context.close()


def test_full_storage_still_lets_a_quiz_be_finished(page, storage_site):
    filled = page.evaluate("""() => {
        let size = 4 * 1024 * 1024, n = 0;
        while (size >= 1) {
            try { localStorage.setItem('filler-' + n, 'x'.repeat(size)); n += 1; } catch (e) { size = Math.floor(size / 2); }
        }
        return n; }""")
    assert filled >= 1
    page.goto(storage_site + "quizzes/shared-goals/", wait_until="load")
    for question, option in [("q-single", "a"), ("q-multiple", "a"), ("q-multiple", "b"), ("q-tf", "false"),
                             ("q-case-1", "a"), ("q-case-2", "false")]:
        page.locator(f"#ca-{question}-{option}").check()
        if (question, option) != ("q-multiple", "a"):
            page.locator(f"#ca-{question}").get_by_role("button", name="Check answer").click()
    assert page.locator(".ca-quiz__summary").inner_text().startswith("\u2714 You got 5 of 5 (100%)")
    assert page.locator(".ca-quiz-saved").inner_text() == "Your answers could not be saved in this browser."
    assert page.errors == []


# ---- quiz.js, progress-marks.js and certificate.js read saved progress the same way ----

PASSED = {"best": 100, "passed": True, "date": "2026-11-23"}
TOMORROW = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()  # the browser runs on this machine's clock
# Each record holds shared-goals passed; `accepted` says whether the record as a whole is readable.
# quiz.js resets an unreadable record, so the nav and the certificate must show nothing passed.
RECORDS = {
    "plain": ({"shared-goals": PASSED}, True),
    "leap-day": ({"shared-goals": {**PASSED, "date": "2024-02-29"}}, True),
    "constructor-entry": ({"shared-goals": PASSED, "constructor": PASSED}, True),
    "proto-entry": ({"shared-goals": PASSED, "__proto__": PASSED}, True),
    "score-0-and-100": ({"shared-goals": PASSED, "police-only": {**PASSED, "best": 0, "passed": False}}, True),
    "passed-on": ({"shared-goals": {**PASSED, "passedOn": "2026-08-01"}}, True),  # the day passed, added later
    "passed-on-feb-30": ({"shared-goals": {**PASSED, "passedOn": "2026-02-30"}}, False),
    "passed-on-a-number": ({"shared-goals": {**PASSED, "passedOn": 20261123}}, False),
    "passed-on-not-passed": ({"shared-goals": PASSED, "police-only": {**PASSED, "passed": False, "passedOn": "2026-11-01"}}, False),
    "constructor-half-entry": ({"shared-goals": PASSED, "constructor": {"passed": True}}, False),
    "date-9999-99-99": ({"shared-goals": {**PASSED, "date": "9999-99-99"}}, False),
    # A day still to come was never saved here (red team: 2099 showed as passed, no refresher due).
    "date-2099": ({"shared-goals": {**PASSED, "date": "2099-12-31"}}, False),
    "passed-on-2099": ({"shared-goals": {**PASSED, "passedOn": "2099-12-31"}}, False),
    "date-tomorrow": ({"shared-goals": {**PASSED, "date": TOMORROW, "passedOn": TOMORROW}}, True),  # a clock ahead
    "date-feb-30": ({"shared-goals": {**PASSED, "date": "2026-02-30"}}, False),
    "date-no-leap-day": ({"shared-goals": {**PASSED, "date": "2025-02-29"}}, False),
    "date-month-13": ({"shared-goals": {**PASSED, "date": "2026-13-01"}}, False),
    "date-with-time": ({"shared-goals": {**PASSED, "date": "2026-11-23T10:00"}}, False),
    "date-other-format": ({"shared-goals": {**PASSED, "date": "11/23/2026"}}, False),
    "date-an-object": ({"shared-goals": {**PASSED, "date": {"toString": 1, "valueOf": 2}}}, False),
    "date-a-number": ({"shared-goals": {**PASSED, "date": 20261123}}, False),
    "score-1e300": ({"shared-goals": {**PASSED, "best": 1e300}}, False),
    "score-negative": ({"shared-goals": {**PASSED, "best": -1}}, False),
    "score-101": ({"shared-goals": {**PASSED, "best": 101}}, False),
    "score-text": ({"shared-goals": {**PASSED, "best": "100"}}, False),
    "passed-text": ({"shared-goals": {**PASSED, "passed": "true"}}, False),
    "passed-number": ({"shared-goals": {**PASSED, "passed": 1}}, False),
    "entry-a-list": ({"shared-goals": PASSED, "police-only": [100, True, "2026-11-23"]}, False),
    "entry-null": ({"shared-goals": PASSED, "police-only": None}, False),
}


@pytest.mark.parametrize("name", RECORDS)
def test_nav_marks_and_certificate_accept_exactly_what_the_quiz_page_accepts(page, storage_site, name):
    quizzes, accepted = RECORDS[name]
    value = repr(json.dumps({"v": 1, "quizzes": quizzes}))

    store(page, PROGRESS, value)
    page.goto(storage_site + "modules/shared-goals/", wait_until="load")
    page.wait_for_function("window.caMarkPassed !== undefined")
    marked = page.locator(".ca-nav-passed")
    assert marked.count() == (1 if accepted else 0)
    if accepted:
        assert marked.first.evaluate("n => n.closest('a').pathname").endswith("/quizzes/shared-goals/")

    page.goto(storage_site + "certificate/", wait_until="load")
    page.locator("[data-ca-cert-page][data-ca-ready]").wait_for(state="attached")
    cells = page.locator('[data-ca-cert-quiz="shared-goals"]').all_inner_texts()
    shown = quizzes["shared-goals"].get("passedOn", quizzes["shared-goals"]["date"])  # the day passed, where kept
    assert cells == [f"\u2714 Passed ({shown})" if accepted else "Not taken yet"] * 2

    page.goto(storage_site + "quizzes/", wait_until="load")
    status = page.locator('[data-ca-status="shared-goals"]')
    expected = f"Passed \u2014 best score 100% ({quizzes['shared-goals']['date']})" if accepted else "Not taken yet"
    if accepted and (datetime.date.today() - datetime.date.fromisoformat(shown)).days > 90:
        expected += " \u2014 time for a refresher"  # passed over 90 days before this run
    assert status.inner_text() == expected
    saved = page.evaluate(f"localStorage.getItem('{PROGRESS}')")
    assert (saved is not None) == accepted  # the quiz page resets what it cannot read, and says so
    if not accepted:
        assert page.locator(".ca-progress-tools__notice").inner_text() == \
            "Your saved quiz progress could not be read, so it was reset."
    assert unpolluted(page)
    assert page.errors == [] and page.dialogs == []


ALL_RIGHT = [("q-single", "a"), ("q-multiple", "a"), ("q-multiple", "b"), ("q-tf", "false"), ("q-case-1", "a"),
             ("q-case-2", "false")]


def finish_quiz(page) -> None:
    for question, option in ALL_RIGHT:
        page.locator(f"#ca-{question}-{option}").check()
        if (question, option) != ("q-multiple", "a"):
            page.locator(f"#ca-{question}").get_by_role("button", name="Check answer").click()


@pytest.mark.parametrize("quiz_id", ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"])
def test_a_quiz_id_named_like_an_object_internal_is_just_an_id(page, storage_site, quiz_id):
    """The schema refuses these ids; the scripts do not rely on it. The quiz page and the quiz list
    are served with shared-goals renamed, as if such a quiz had been built."""
    def renamed(route):
        response = route.fetch()
        body = response.text().replace('data-ca-quiz="shared-goals"', f'data-ca-quiz="{quiz_id}"') \
                              .replace('data-ca-status="shared-goals"', f'data-ca-status="{quiz_id}"')
        route.fulfill(response=response, body=body)
    page.route("**/quizzes/**", renamed)
    police = {"best": 80, "passed": True, "date": "2026-10-01"}
    store(page, PROGRESS, repr(json.dumps({"v": 1, "quizzes": {"police-only": police}})))

    page.goto(storage_site + "quizzes/", wait_until="load")
    assert page.locator(f'[data-ca-status="{quiz_id}"]').inner_text() == "Not taken yet"  # never "passed" on arrival
    page.goto(storage_site + "quizzes/shared-goals/", wait_until="load")
    page.locator("form.ca-quiz[data-ca-ready]").wait_for(state="attached")
    assert page.locator(".ca-quiz-saved").is_hidden()
    finish_quiz(page)
    assert page.locator(".ca-quiz__summary").inner_text().startswith("\u2714 You got 5 of 5 (100%)")

    saved = page.evaluate(f"""() => {{ const q = JSON.parse(localStorage.getItem('{PROGRESS}')).quizzes;
        return Object.keys(q).map(k => [k, q[k]]); }}""")
    today = page.evaluate("new Date().toLocaleDateString('sv')")  # YYYY-MM-DD, the browser's own day
    assert sorted(saved) == sorted([["police-only", police],
                                    [quiz_id, {"best": 100, "passed": True, "date": today, "passedOn": today}]])
    attempts = page.evaluate(f"Object.keys(JSON.parse(localStorage.getItem('{ATTEMPTS}')).quizzes)")
    assert attempts == [quiz_id]

    page.goto(storage_site + "quizzes/", wait_until="load")
    assert page.locator(f'[data-ca-status="{quiz_id}"]').inner_text() == f"Passed \u2014 best score 100% ({today})"
    assert page.locator('[data-ca-status="police-only"]').inner_text() == "Passed \u2014 best score 80% (2026-10-01)"
    page.goto(storage_site + "certificate/", wait_until="load")
    page.locator("[data-ca-cert-page][data-ca-ready]").wait_for(state="attached")
    assert page.locator('[data-ca-cert-quiz="police-only"]').first.inner_text() == "\u2714 Passed (2026-10-01)"
    assert unpolluted(page)
    assert page.errors == [] and page.dialogs == []


@pytest.mark.parametrize("item", ["__proto__", "constructor", "toString"])
def test_evaluation_answers_under_object_internal_names_are_kept_as_data(page, storage_site, item):
    """An item id the page does not have is ignored, never read through the prototype; a page item
    named 'constructor' gets its own saved text and nothing inherited."""
    store(page, ANSWERS, repr(json.dumps({"v": 1, "answers": {item: "stored", "useful": "3"}})))
    page.goto(storage_site + "training/evaluation/", wait_until="load")
    page.locator("form[data-ca-evaluation][data-ca-ready]").wait_for(state="attached")
    assert page.locator("#ca-eval-constructor").input_value() == ("stored" if item == "constructor" else "")
    assert page.locator("#ca-eval-useful-3").is_checked()
    assert page.locator(".ca-eval__notice").is_hidden()
    assert unpolluted(page) and page.errors == []


def same_function(name: str, *scripts: str) -> bool:
    assets = Path(__file__).resolve().parent.parent / "docs" / "assets"
    whole = r"\n  function " + name + r"\(.*?\{(?:[^\n]*\}\n|.*?\n  \}\n)"  # on one line, or to its closing brace
    bodies = [re.search(whole, (assets / script).read_text(), re.S)
              for script in scripts]
    assert all(bodies), (name, scripts)
    return len({m.group(0) for m in bodies}) == 1


def test_every_script_checks_dates_with_the_same_function():
    """quiz.js, progress-marks.js, progress.js and certificate.js each carry dayOk (no shared module
    loads on every page that needs it): one rule, kept identical here."""
    assert same_function("dayOk", "quiz.js", "progress-marks.js", "progress.js", "certificate.js")


def test_the_quiz_pages_and_my_progress_flag_refreshers_by_the_same_rule():
    from common_agenda.progress_page import REFRESH_AFTER_DAYS
    assert same_function("refresherDue", "quiz.js", "progress.js")
    assert same_function("passedOn", "quiz.js", "progress.js")
    quiz_js = (Path(__file__).resolve().parent.parent / "docs" / "assets" / "quiz.js").read_text()
    assert re.search(r"var REFRESH_DAYS = (\d+);", quiz_js).group(1) == str(REFRESH_AFTER_DAYS)
