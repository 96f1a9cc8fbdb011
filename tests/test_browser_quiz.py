"""Quizzes as a learner uses them, in headless Chromium, on a tiny site with known answers.

The site is built for the port it is served on, so Material's instant navigation is live.
"""

from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from browsing import built_and_served
from sitekit import QUIZ, TinySite, module_text

pytestmark = pytest.mark.browser

SHUFFLED = """\
id: shuffled
title: Shuffled quiz
module: other
pass_mark: 50
shuffle: true
questions:
  - id: many
    type: single
    prompt: Pick the first letter of the alphabet.
    covers: [A1]
    options:
""" + "".join(
    f"      - {{id: {c}, text: 'Letter {c.upper()}', correct: {str(c == 'a').lower()}, feedback: 'About {c}.'}}\n"
    for c in "abcdefgh"
) + "    explanation: The alphabet starts with A.\n"

RIGHT = {"q-single": ["a"], "q-multiple": ["a", "b"], "q-tf": ["false"], "q-case-1": ["a"], "q-case-2": ["false"]}
WRONG = {"q-single": ["b"], "q-multiple": ["c"], "q-tf": ["true"], "q-case-1": ["b"], "q-case-2": ["true"]}
STORAGE_KEY = "common-agenda:progress"


@pytest.fixture(scope="module")
def quiz_site(tmp_path_factory):
    site = TinySite(tmp_path_factory.mktemp("quiz") / "project")
    site.use_site_assets()
    site.add_module()
    site.add_module("other", module_text("other", title="Other module"))
    site.write("quizzes/shared-goals.yml", QUIZ)
    site.write("quizzes/shuffled.yml", SHUFFLED)
    site.nav = ("- Home: index.md\n- Modules: modules/*.md\n"
                "- Check yourself:\n    - quizzes/index.md\n    - quizzes/*.yml\n")
    with built_and_served(site) as served:
        yield served


@pytest.fixture
def quiz(browser, quiz_site, foreign_requests):
    url, _ = quiz_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    foreign_requests.watch(context, url)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(url + "quizzes/shared-goals/", wait_until="networkidle")
    yield page
    context.close()


def answer(page, question: str, *options: str) -> str:
    section = page.locator(f"#ca-{question}")
    for option in options:
        section.locator(f"#ca-{question}-{option}").check()
    section.get_by_role("button", name="Check answer").click()
    return section.locator(".ca-q__result").inner_text()


def score(page) -> str:
    return page.locator(".ca-quiz__score").inner_text()


def test_right_and_wrong_answers_show_their_feedback_and_the_score(quiz):
    result = answer(quiz, "q-single", "a")
    assert "Correct." in result
    assert "Yes. Shared goals survive different timelines." in result
    assert "Different means, one goal." in result
    assert "Too soon. Talk first." not in result  # feedback of the option not chosen
    assert quiz.locator('#ca-q-single .ca-option[data-option="a"] .ca-mark').inner_text() == "\u2714 Right choice"
    assert score(quiz) == "Score: 1 right out of 1 checked, 5 questions in all."

    result = answer(quiz, "q-tf", "true")
    assert "Not quite." in result and "No. Each role is needed." in result
    assert quiz.locator('#ca-q-tf .ca-option[data-option="true"] .ca-mark').inner_text() == "\u2718 Not right"
    assert score(quiz) == "Score: 1 right out of 2 checked, 5 questions in all."
    assert quiz.locator("#ca-q-tf input").first.is_disabled()
    assert quiz.errors == []


def test_checking_without_a_choice_asks_for_one(quiz):
    quiz.locator("#ca-q-single").get_by_role("button", name="Check answer").click()
    assert quiz.locator("#ca-q-single .ca-q__result").inner_text() == "Choose an answer first."
    assert score(quiz) == "Score: 0 right out of 0 checked, 5 questions in all."


@pytest.mark.parametrize(("chosen", "verdict"), [
    (["a", "b"], "\u2714 Correct."),
    (["a"], "\u2718 Not quite: you chose 1 of the 2 right options."),
    (["a", "b", "c"], "\u2718 Not quite: you chose 2 of the 2 right options and 1 that is not right."),
    (["c"], "\u2718 Not quite: you chose 0 of the 2 right options and 1 that is not right."),
])
def test_multiple_choice_needs_every_right_option_and_no_other(quiz, chosen, verdict):
    result = answer(quiz, "q-multiple", *chosen)
    assert result.splitlines()[0] == verdict


def test_scenario_sub_questions_are_scored_one_by_one(quiz):
    assert "A detective calls a shelter late at night." in quiz.locator("#q-q-case + .ca-case__text, .ca-case__text").first.inner_text()
    assert "Correct." in answer(quiz, "q-case-1", "a")
    assert "Not quite." in answer(quiz, "q-case-2", "true")
    assert score(quiz) == "Score: 1 right out of 2 checked, 5 questions in all."


def finish(page, answers: dict[str, list[str]]) -> str:
    for question, options in answers.items():
        answer(page, question, *options)
    return page.locator(".ca-quiz__summary").inner_text()


def test_passing_shows_the_pass_message(quiz):
    summary = finish(quiz, RIGHT)
    assert summary == "\u2714 You got 5 of 5 (100%). The pass mark is 70%: you passed. Well done."
    expect(quiz.locator(".ca-quiz__live")).to_contain_text("You got 5 of 5 (100%). The pass mark is 70%: you passed.")


def test_failing_shows_the_fail_message(quiz):
    answers = dict(RIGHT, **{"q-single": ["b"], "q-tf": ["true"]})
    summary = finish(quiz, answers)
    assert summary.startswith("\u2718 You got 3 of 5 (60%). The pass mark is 70%: not passed this time.")


def test_retry_resets_the_quiz(quiz):
    finish(quiz, WRONG)
    quiz.get_by_role("button", name="Start again").click()
    assert quiz.locator("form.ca-quiz input:checked").count() == 0
    assert quiz.locator("form.ca-quiz input:disabled").count() == 0
    assert quiz.locator(".ca-mark").count() == 0
    assert quiz.locator(".ca-q__result:visible").count() == 0
    assert quiz.locator(".ca-quiz__end").is_hidden()
    assert "Correct." in answer(quiz, "q-single", "a")
    assert score(quiz) == "Score: 1 right out of 1 checked, 5 questions in all."


def test_retry_reshuffles_when_the_quiz_asks_for_it(quiz, quiz_site):
    url, _ = quiz_site
    quiz.goto(url + "quizzes/shuffled/", wait_until="networkidle")
    orders = set()
    for _ in range(6):
        orders.add(tuple(quiz.locator("#ca-many .ca-option").evaluate_all("els => els.map(e => e.dataset.option)")))
        answer(quiz, "many", "a")
        quiz.get_by_role("button", name="Start again").click()
    assert len(orders) > 1
    assert all(sorted(order) == list("abcdefgh") for order in orders)


def test_progress_survives_a_reload_and_shows_on_the_index_and_nav(quiz, quiz_site):
    url, _ = quiz_site
    finish(quiz, RIGHT)
    quiz.reload(wait_until="networkidle")
    saved = quiz.locator(".ca-quiz-saved").inner_text()
    assert re.fullmatch(r"Your best so far: Passed \u2014 best score 100% \(\d{4}-\d{2}-\d{2}\)\.", saved)
    stored = json.loads(quiz.evaluate(f"localStorage.getItem('{STORAGE_KEY}')"))
    assert stored["quizzes"]["shared-goals"]["passed"] is True

    quiz.goto(url + "quizzes/", wait_until="networkidle")
    status = quiz.locator('[data-ca-status="shared-goals"]').inner_text()
    assert status.startswith("Passed \u2014 best score 100%")
    assert quiz.locator('[data-ca-status="shuffled"]').inner_text() == "Not taken yet"
    nav_link = quiz.locator(".md-nav__link", has_text="Check yourself: Shared goals").first
    assert "\u2713 passed" in nav_link.inner_text()

    quiz.get_by_role("button", name="Reset my progress").click()
    quiz.get_by_role("button", name="Yes, clear my progress").click()
    assert quiz.locator('[data-ca-status="shared-goals"]').inner_text() == "Not taken yet"
    assert quiz.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None
    assert "\u2713 passed" not in nav_link.inner_text()


def test_a_failed_retake_keeps_the_best_score(quiz):
    finish(quiz, RIGHT)
    quiz.get_by_role("button", name="Start again").click()
    finish(quiz, WRONG)
    entry = json.loads(quiz.evaluate(f"localStorage.getItem('{STORAGE_KEY}')"))["quizzes"]["shared-goals"]
    assert entry["best"] == 100 and entry["passed"] is True


def test_the_quiz_can_be_completed_with_the_keyboard_alone(quiz):
    wanted = {f"ca-{q}-{o}" for q, options in RIGHT.items() for o in options}
    for _ in range(400):
        if quiz.locator(".ca-quiz__summary").inner_text():
            break
        quiz.keyboard.press("Tab")
        focused = quiz.evaluate("""() => { const e = document.activeElement;
            return {tag: e.tagName, type: e.type || '', id: e.id, cls: e.className || '',
                    outline: getComputedStyle(e).outlineStyle}; }""")
        if focused["tag"] == "INPUT" and focused["type"] == "radio":
            group = focused["id"].rsplit("-", 1)[0]
            for _ in range(10):  # arrows move the choice within the group, as people do
                current = quiz.evaluate("document.activeElement.id")
                if current in wanted:
                    break
                quiz.keyboard.press("ArrowDown")
            assert quiz.evaluate("document.activeElement.id").startswith(group)
            if not quiz.evaluate("document.activeElement.checked"):
                quiz.keyboard.press("Space")
        elif focused["tag"] == "INPUT" and focused["type"] == "checkbox" and focused["id"] in wanted:
            quiz.keyboard.press("Space")
        elif "ca-q__check" in focused["cls"]:
            assert focused["outline"] != "none", "keyboard focus must be visible"
            quiz.keyboard.press("Enter")
    assert quiz.locator(".ca-quiz__summary").inner_text().startswith("\u2714 You got 5 of 5 (100%)")


def test_searching_a_questions_words_lists_and_opens_that_question(quiz):
    quiz.locator("input.md-search__input").click()
    quiz.keyboard.type("disagree about timing")
    link = quiz.locator(".md-search-result__item a[href$='#q-q-single']").first
    link.wait_for(timeout=10_000)
    assert "Question 1 of 5" in link.inner_text()
    link.click()
    expect(quiz).to_have_url(re.compile(r"/quizzes/shared-goals/#q-q-single$"))


def test_no_answer_text_reaches_the_search_index(quiz_site):
    _, site = quiz_site
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index)
    entries = [d["location"] for d in index["docs"] if d["location"].startswith("quizzes/shared-goals/")]
    assert "quizzes/shared-goals/#q-q-single" in entries and "quizzes/shared-goals/#q-q-case-2" in entries
    for secret in ["Shared goals survive", "Too soon", "Different means, one goal", "Enough to plan",
                   "Confidentiality rules bind providers", "Show answer", "Check answer", "data-correct"]:
        assert secret not in text, secret


def test_answers_stay_hidden_until_asked(quiz):
    assert quiz.get_by_text("Yes. Shared goals survive different timelines.").is_hidden()
    assert quiz.get_by_text("Different means, one goal.").is_hidden()


def test_quiz_pages_make_no_request_to_any_other_host(quiz, quiz_site, foreign_requests):
    url, _ = quiz_site
    finish(quiz, RIGHT)
    quiz.goto(url + "quizzes/", wait_until="networkidle")
    assert foreign_requests == []


def axe_violations(page) -> list[str]:
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in Axe().run(page).response["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_quiz_pages_have_no_axe_violations_before_and_after_answering(quiz, quiz_site, scheme):
    url, _ = quiz_site
    quiz.emulate_media(color_scheme=scheme)
    quiz.reload(wait_until="networkidle")
    assert axe_violations(quiz) == []
    finish(quiz, dict(RIGHT, **{"q-single": ["b"]}))
    quiz.locator(".ca-quiz__retry").focus()
    quiz.wait_for_timeout(400)  # let Material's colour transition end, as a person would see it
    assert axe_violations(quiz) == []
    quiz.goto(url + "quizzes/", wait_until="networkidle")
    quiz.get_by_role("button", name="Reset my progress").click()
    quiz.wait_for_timeout(400)
    assert axe_violations(quiz) == []


@pytest.mark.parametrize("stored", ["{not json", "[]", "null", '{"v": 1, "quizzes": {"x": {"best": "lots"}}}',
                                    '{"v": 99, "quizzes": {}}', '"a string"'])
def test_corrupt_or_foreign_progress_is_reset_with_a_notice(quiz, quiz_site, stored):
    url, _ = quiz_site
    quiz.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, stored])
    quiz.reload(wait_until="networkidle")
    assert quiz.locator(".ca-quiz-saved").inner_text() == "Your saved quiz progress could not be read, so it was reset."
    assert "Correct." in answer(quiz, "q-single", "a")
    quiz.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, stored])
    quiz.goto(url + "quizzes/", wait_until="networkidle")
    assert quiz.locator('[data-ca-status="shared-goals"]').inner_text() == "Not taken yet"
    assert quiz.errors == []


def test_without_javascript_every_question_shows_and_answers_open_on_request(browser, quiz_site):
    url, _ = quiz_site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "quizzes/shared-goals/")
    assert page.locator("section.ca-q").count() == 5
    assert page.get_by_role("button", name="Check answer").count() == 0
    section = page.locator("#ca-q-single")
    assert section.get_by_text("Different means, one goal.").is_hidden()
    section.get_by_text("Show answer").click()
    assert section.get_by_text("Different means, one goal.").is_visible()
    assert section.get_by_text("Yes. Shared goals survive different timelines.").is_visible()
    context.close()


def test_quiz_works_after_instant_navigation_from_its_module(quiz, quiz_site):
    url, _ = quiz_site
    quiz.goto(url + "modules/shared-goals/", wait_until="networkidle")
    quiz.evaluate("window.__same_document = true")
    quiz.get_by_role("link", name=re.compile("Take the quiz")).click()
    quiz.wait_for_url(re.compile(r"/quizzes/shared-goals/$"))
    quiz.locator("#ca-q-single").wait_for()
    assert quiz.evaluate("window.__same_document === true"), "expected Material's instant navigation"
    assert "Correct." in answer(quiz, "q-single", "a")
    quiz.go_back()
    expect(quiz.locator("form.ca-quiz")).to_have_count(0)
    quiz.go_forward()
    quiz.locator("form.ca-quiz[data-ca-ready]").wait_for()
    assert "Correct." in answer(quiz, "q-single", "a")
    assert quiz.errors == []
