""""My progress" as a returning learner meets it, in headless Chromium, on a tiny site.

Two modules with a quiz each: `police-only` (25 min) and `shared-goals` (40 min). Progress is
written to localStorage the way quiz.js and progress-marks.js write it, with dates counted back
from the browser's own today, then the page is reloaded.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from browsing import PageWatch, axe_violations, built_and_served, show_scheme
from sitekit import TinySite, module_text, quiz_text

pytestmark = pytest.mark.browser

PROGRESS, ATTEMPTS, READ = "common-agenda:progress", "common-agenda:attempts", "common-agenda:read"
PAGE = "progress/"


@pytest.fixture(scope="module")
def progress_site(tmp_path_factory):
    site = TinySite(tmp_path_factory.mktemp("progress") / "project")
    site.use_site_assets()
    site.add_module("police-only", module_text("police-only", title="Working a case with providers",
                                               audiences="[police]", minutes="25"))
    site.add_module("shared-goals", module_text("shared-goals", minutes="40"))
    site.write("quizzes/police-only.yml", quiz_text({
        "id: shared-goals": "id: police-only", "module: shared-goals": "module: police-only",
        'title: "Check yourself: Shared goals"': 'title: "Check yourself: Police only"'}))
    site.write("quizzes/shared-goals.yml", quiz_text())
    with built_and_served(site) as (url, _):
        yield url


@pytest.fixture
def page(browser, progress_site, foreign_requests):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    foreign_requests.watch(context, progress_site)
    page = context.new_page()
    PageWatch(foreign_requests).listen(page)
    page.goto(progress_site + PAGE, wait_until="networkidle")
    page.locator("[data-ca-progress-page][data-ca-ready]").wait_for(state="attached")
    yield page
    context.close()


def day(page, days_ago: int) -> str:
    """YYYY-MM-DD, `days_ago` days before the browser's today (noon, so no clock change moves it)."""
    return page.evaluate("""n => { const d = new Date(); d.setHours(12); d.setDate(d.getDate() - n);
                                   return d.toLocaleDateString('sv'); }""", days_ago)


def seed(page, quizzes: dict | None = None, reads: dict | None = None) -> None:
    page.evaluate("""([k, v, r, m]) => { localStorage.setItem(k, v); if (m !== null) localStorage.setItem(r, m); }""",
                  [PROGRESS, json.dumps({"v": 1, "quizzes": quizzes or {}}), READ,
                   None if reads is None else json.dumps({"v": 1, "modules": reads})])
    page.reload(wait_until="networkidle")
    page.locator("[data-ca-progress-page][data-ca-ready]").wait_for(state="attached")


def passed(date: str, best: int = 100, *, on: str | None = None) -> dict:
    entry = {"best": best, "passed": True, "date": date}
    if on:
        entry["passedOn"] = on
    return entry


def filled(page) -> None:
    """A quiz passed 120 days ago, one passed 10 days ago, and one module marked read."""
    seed(page, {"police-only": passed(day(page, 120), on=day(page, 120)),
                "shared-goals": passed(day(page, 10), 80, on=day(page, 10))},
         {"shared-goals": {"date": day(page, 12)}})


def summary(page) -> str:
    return page.locator("[data-ca-progress-summary]").inner_text()



def test_empty_progress_says_so(page):
    assert summary(page) == "You have marked 0 of 2 modules as read and passed 0 of 2 quizzes: 0 min of study in all."
    expect(page.locator("[data-ca-refreshers-none]")).to_have_text("No refresher is due.")
    assert page.locator(".ca-progress-nojs").is_hidden()
    assert page.errors == []


def test_a_quiz_passed_120_days_ago_is_due_for_a_refresher_and_one_passed_10_days_ago_is_not(page):
    filled(page)
    due = page.locator("[data-ca-refreshers] li")
    expect(due).to_have_count(1)
    assert due.inner_text() == f"Time for a refresher: Check yourself: Police only (passed on {day(page, 120)}, 120 days ago)"
    assert due.locator("a").evaluate("a => new URL(a.href).pathname") == "/quizzes/police-only/"
    assert page.locator("[data-ca-refreshers-none]").is_hidden()
    police = page.locator('[data-ca-passed="police-only"]')
    shared = page.locator('[data-ca-passed="shared-goals"]')
    assert police.inner_text() == f"{day(page, 120)} \u2014 time for a refresher"
    assert shared.inner_text() == day(page, 10) and "refresher" not in shared.inner_text()
    assert page.locator('[data-ca-read="shared-goals"]').inner_text() == day(page, 12)
    assert page.locator('[data-ca-read="police-only"]').inner_text() == "Not yet"
    # Totals: each module counted once, read or passed: 25 + 40 minutes.
    assert summary(page) == "You have marked 1 of 2 modules as read and passed 2 of 2 quizzes: 1 h 5 min of study in all."
    why = page.locator("#refreshers + p").inner_text()
    assert "Knowledge fades within months of a training, while attitudes hold" in why and "90 days" in why
    assert page.errors == []


def test_progress_saved_before_pass_dates_were_kept_still_reads(page):
    """An entry from before passedOn existed counts from its date: old progress keeps its refreshers."""
    seed(page, {"police-only": passed(day(page, 91)), "shared-goals": passed(day(page, 90))})
    expect(page.locator("[data-ca-refreshers] li")).to_have_count(1)
    assert "Police only" in page.locator("[data-ca-refreshers] li").inner_text()
    assert page.locator('[data-ca-passed="shared-goals"]').inner_text() == day(page, 90)


def test_a_quiz_tried_but_not_passed_shows_its_best_score(page):
    """As the quiz index and the CSV do (a tester saw only "Not yet" here, 60% there)."""
    seed(page, {"police-only": {"best": 60, "passed": False, "date": day(page, 3)}})
    assert page.locator('[data-ca-passed="police-only"]').inner_text() == "Tried \u2014 best 60%"
    assert page.locator('[data-ca-passed="shared-goals"]').inner_text() == "Not yet"
    assert summary(page).startswith("You have marked 0 of 2 modules as read and passed 0 of 2")


def test_export_downloads_a_dated_csv_of_what_was_done(page):
    filled(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my progress (CSV)").click()
    download = info.value
    today = day(page, 0)
    assert download.suggested_filename == f"common-agenda-progress-{today}.csv"
    lines = open(download.path(), encoding="utf-8").read().splitlines()
    assert lines == [
        "module,title,minutes,read_on,quiz,quiz_passed_on,best_score,refresher_due",
        f"police-only,Working a case with providers,25,,police-only,{day(page, 120)},100,yes",
        f'shared-goals,"Shared goals, different missions",40,{day(page, 12)},shared-goals,{day(page, 10)},80,',
    ]
    assert page.locator("[data-ca-progress-status]").inner_text() == \
        f"Your progress was downloaded as common-agenda-progress-{today}.csv."


def test_clear_asks_first_then_removes_everything_saved(page):
    filled(page)
    page.evaluate(f"localStorage.setItem('{ATTEMPTS}', '{{\"v\":1,\"quizzes\":{{}}}}')")
    page.get_by_role("button", name="Clear my progress").click()
    page.get_by_role("button", name="Keep my progress").click()
    assert page.evaluate(f"localStorage.getItem('{PROGRESS}')") is not None
    expect(page.get_by_role("button", name="Clear my progress")).to_be_focused()
    page.get_by_role("button", name="Clear my progress").click()
    page.get_by_role("button", name="Yes, clear my progress").click()
    assert page.evaluate(f"[localStorage.getItem('{PROGRESS}'), localStorage.getItem('{ATTEMPTS}'),"
                         f" localStorage.getItem('{READ}')]") == [None, None, None]
    assert summary(page).startswith("You have marked 0 of 2 modules as read and passed 0 of 2 quizzes")
    expect(page.locator("[data-ca-refreshers] li")).to_have_count(0)
    assert page.locator("[data-ca-progress-status]").inner_text() == "Your progress has been cleared."
    assert page.errors == []


def test_mark_as_read_at_the_end_of_a_module_page(page, progress_site):
    page.goto(progress_site + "modules/police-only/", wait_until="networkidle")
    box = page.locator(".ca-read-mark")
    expect(box).to_be_visible()
    # Before the quiz link, after the module's text.
    assert box.evaluate("b => b.nextElementSibling.id") == "check-yourself"
    box.get_by_role("button", name="Mark as read").click()
    today = day(page, 0)
    assert box.locator(".ca-read-mark__text").inner_text() == f"\u2714 You marked this module as read on {today}."
    assert json.loads(page.evaluate(f"localStorage.getItem('{READ}')")) == {"v": 1, "modules": {"police-only": {"date": today}}}
    expect(page.locator(".md-nav__link .ca-nav-read")).to_have_count(1)
    box.get_by_role("link", name="See my progress").click()
    page.locator("[data-ca-progress-page][data-ca-ready]").wait_for(state="attached")
    assert page.locator('[data-ca-read="police-only"]').inner_text() == today
    assert summary(page) == "You have marked 1 of 2 modules as read and passed 0 of 2 quizzes: 25 min of study in all."
    page.go_back(wait_until="networkidle")
    expect(page.locator(".ca-read-mark")).to_contain_text("You marked this module as read")
    page.evaluate("dispatchEvent(new Event('beforeprint'))")  # nothing to press on paper
    expect(page.locator(".ca-read-mark")).to_have_count(0)
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    page.locator(".ca-read-mark").get_by_role("button", name="Mark as not read").click()
    assert json.loads(page.evaluate(f"localStorage.getItem('{READ}')")) == {"v": 1, "modules": {}}
    expect(page.locator(".md-nav__link .ca-nav-read")).to_have_count(0)
    assert page.errors == []


def test_unreadable_saved_progress_counts_as_nothing_and_says_so(page):
    page.evaluate(f"localStorage.setItem('{READ}', '{{\"v\":1,\"modules\":{{\"x\":{{\"date\":\"2026-02-30\"}}}}}}')")
    page.reload(wait_until="networkidle")
    assert page.locator("[data-ca-progress-notice]").inner_text() == \
        "Some saved progress could not be read, so it is not counted here."
    assert summary(page).startswith("You have marked 0 of 2")
    assert page.errors == []


def test_dates_still_to_come_are_unreadable_here_in_the_read_box_and_the_nav(page, progress_site):
    """Red team: 2099-12-31 showed as passed and read, with no refresher due. Tomorrow is allowed
    (a clock a little ahead); the day after is not."""
    seed(page, {"shared-goals": passed("2099-12-31", on="2099-12-31")}, {"shared-goals": {"date": "2099-12-31"}})
    assert page.locator("[data-ca-progress-notice]").inner_text() == \
        "Some saved progress could not be read, so it is not counted here."
    assert summary(page).startswith("You have marked 0 of 2 modules as read and passed 0 of 2")
    assert "2099" not in page.locator("article").inner_text()
    page.goto(progress_site + "modules/shared-goals/", wait_until="networkidle")
    expect(page.locator(".ca-read-mark__text")).to_contain_text("Your saved reading marks could not be read")
    assert "2099" not in page.locator(".ca-read-mark__text").inner_text()
    expect(page.locator(".ca-nav-read, .ca-nav-passed")).to_have_count(0)
    page.goto(progress_site + PAGE, wait_until="networkidle")
    seed(page, {"shared-goals": passed(day(page, -1), on=day(page, -1))}, {"shared-goals": {"date": day(page, -1)}})
    assert page.locator("[data-ca-progress-notice]").is_hidden()
    assert page.locator('[data-ca-read="shared-goals"]').inner_text() == day(page, -1)
    seed(page, {"shared-goals": passed(day(page, -2), on=day(page, -2))}, {"shared-goals": {"date": day(page, -2)}})
    assert summary(page).startswith("You have marked 0 of 2 modules as read and passed 0 of 2")
    assert page.errors == []


def test_without_javascript_the_page_says_it_needs_it_and_that_nothing_is_sent(browser, progress_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(progress_site + PAGE)
    note = page.locator(".ca-progress-nojs")
    expect(note).to_be_visible()
    assert "needs JavaScript" in note.inner_text() and "Nothing is sent anywhere" in note.inner_text()
    assert page.locator("[data-ca-progress-body]").is_hidden()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_empty_and_filled(page, scheme):
    show_scheme(page, scheme)
    assert axe_violations(page) == []
    filled(page)
    page.get_by_role("button", name="Clear my progress").click()  # the confirmation showing
    page.wait_for_timeout(400)
    assert axe_violations(page) == []
