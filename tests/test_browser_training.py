"""The training kit in Chromium: live agenda times, print packs, handouts without facilitator notes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browsing import axe_violations, pdf_pages
from common_agenda.content import load_content
from sitekit import REPO

pytestmark = pytest.mark.browser
CONTENT = load_content(REPO)

KIT_PAGES = ["training/", "training/plans/half-day/", "training/plans/half-day-print-pack/",
             "training/scenarios/hotel-operation/", "training/handouts/hotel-operation/", "training/check/",
             "training/check-sheet/", "training/check-key/", "training/check-tally/", "training/checks/half-day/",
             "training/checks/half-day-sheet/", "training/checks/half-day-tally/", "training/answer-keys/",
             "training/answer-keys/confidentiality/", "training/mou-template/", "training/facilitator-guide/",
             "local-contacts/"]



def test_changing_the_start_time_updates_every_clock_time_and_print_keeps_it(page, site_url):
    page.goto(site_url + "training/plans/half-day/", wait_until="networkidle")
    times = page.locator("table time.ca-agenda__time")
    assert times.first.inner_text() == "09:00"
    page.get_by_label("Start time").fill("13:30")
    expect(times.first).to_have_text("13:30")
    assert times.nth(2).inner_text() == "13:42"  # the second block starts after the 12-minute welcome
    page.emulate_media(media="print")
    assert page.locator(".ca-agenda__caption").inner_text().startswith("Agenda starting at 13:30")
    assert page.get_by_label("Start time").is_hidden()


# A4 pages of each plan's print pack, measured in Chromium (agenda, then each handout): a pack that
# loses a handout, or one that spills onto extra pages, changes them. Measure again when a handout's
# text changes.
PACK_PAGES = {"ninety-minutes": 7, "half-day": 10, "full-day": 19}


@pytest.mark.parametrize("plan", CONTENT.plans, ids=lambda p: p.id)
def test_each_print_pack_prints_agenda_and_handouts_without_facilitator_notes(page, site_url, plan):
    page.goto(site_url + plan.pack_uri.replace(".md", "/"), wait_until="networkidle")
    assert pdf_pages(page.pdf(format="A4")) == PACK_PAGES[plan.id]
    page.emulate_media(media="print")
    text = page.locator("article").inner_text()
    for kind, ref in plan.handout_order():
        if kind == "scenario":
            scenario = CONTENT.scenario(ref)
            assert scenario.title in text
            for note in [scenario.facilitator_notes] + [s.notes for s in scenario.stages if s.notes]:
                assert " ".join(re.sub(r"[*_`]", "", note).split()[:8]) not in " ".join(text.split())
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()


@pytest.mark.parametrize("scenario", CONTENT.scenarios, ids=lambda s: s.id)
def test_participant_handouts_leave_out_facilitator_notes(page, site_url, scenario):
    page.goto(site_url + scenario.handout_uri.replace(".md", "/"), wait_until="networkidle")
    handout = page.locator("article").inner_text()
    page.goto(site_url + scenario.page_uri.replace(".md", "/"), wait_until="networkidle")
    facilitator = page.locator("article").inner_text()
    notes = [scenario.facilitator_notes.splitlines()[0]] + [s.notes.splitlines()[0] for s in scenario.stages if s.notes]
    for note in notes:
        first_words = " ".join(re.sub(r"[*_`]", "", note).split()[:8])
        assert first_words in facilitator.replace("\n", " ")
        assert first_words not in handout.replace("\n", " ")
    assert "made up for training" in handout and "made up for training" in facilitator
    assert scenario.stages[-1].prompts[0][:40] in handout


@pytest.mark.parametrize("path", KIT_PAGES)
def test_kit_pages_make_no_foreign_requests_and_have_no_axe_violations(page, site_url, foreign_requests, path):
    page.goto(site_url + path, wait_until="networkidle")
    assert axe_violations(page) == []
    assert foreign_requests == []


PASS_OR_FAIL = re.compile(r"\b(pass(ed|es|ing)?|fail(ed|s|ing)?|pass mark)\b", re.I)



def answer(page, items, right: int) -> None:
    """Answer the check's questions: the first `right` ones with their right options, the rest wrongly."""
    for index, item in enumerate(items):
        section = page.locator("section.ca-q").nth(index)
        question = item.question
        if index < right:
            picks = [o for o in question.options if o.correct]
        else:
            picks = [next(o for o in question.options if not o.correct)]
        for option in picks:
            # By the option's id: a label's text also holds the definition of any glossary term in it.
            section.locator(f".ca-option[data-option='{option.id}'] input").check()


def around_the_questions(page) -> str:
    """What the check page itself says: everything in the article but the questions' own prose
    (an item's text may say "let it pass"), with the results and live messages it shows."""
    return page.evaluate("""() => {
        const copy = document.querySelector("article").cloneNode(true);
        copy.querySelectorAll("section.ca-q").forEach(q => q.remove());
        return copy.textContent;
    }""")


def saved_checks(page) -> dict:
    return page.evaluate("() => JSON.parse(localStorage.getItem('common-agenda:check'))")


def test_the_check_has_its_own_questions_and_loads_only_its_own_script(page, site_url):
    page.goto(site_url + "training/check/", wait_until="networkidle")
    assert page.locator("section.ca-q").count() == len(CONTENT.check.items)
    scripts = page.evaluate("() => [...document.scripts].map(s => s.src).filter(Boolean)")
    assert any(s.endswith("assets/check.js") for s in scripts)
    assert not any(s.endswith("assets/quiz.js") for s in scripts)
    assert page.get_by_text("Show answer").count() == 0


def test_before_mode_shows_no_answers_no_verdict_and_saves_the_score(page, site_url):
    items = CONTENT.check.items
    page.goto(site_url + "training/check/", wait_until="networkidle")
    assert page.get_by_role("radio", name="Before the session").is_checked()
    assert axe_violations(page) == []
    answer(page, items, right=2)
    page.get_by_role("button", name="Save my before score").click()
    expect(page.locator(".ca-check__end")).to_contain_text("Your before score is saved in this browser")
    expect(page.get_by_role("status").filter(has_text="before score is saved")).to_have_count(1)
    assert page.locator(".ca-check__answer:visible, .ca-mark").count() == 0
    assert page.locator(".ca-answer__verdict:visible, .ca-answer__explanation:visible").count() == 0
    said = around_the_questions(page)  # what the page says beyond the items' own prose
    assert "right answer" not in said.lower() and "Not quite" not in said
    assert f"{2} of {len(items)}" not in said  # no score shown before the session either
    assert not PASS_OR_FAIL.search(around_the_questions(page))
    assert page.locator("[data-pass-mark]").count() == 0
    saved = saved_checks(page)
    assert saved["v"] == 1 and saved["checks"]["all"]["before"]["score"] == 2
    assert saved["checks"]["all"]["before"]["total"] == len(items)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", saved["checks"]["all"]["before"]["date"])
    assert "after" not in saved["checks"]["all"]
    assert page.locator("section.ca-q input:checked").count() == 0  # a fresh start for the after check
    assert axe_violations(page) == []


def test_after_mode_shows_results_right_answers_and_the_change_since_before(page, site_url):
    items = CONTENT.check.items
    total = len(items)
    page.goto(site_url + "training/check/", wait_until="networkidle")
    answer(page, items, right=2)
    page.get_by_role("button", name="Save my before score").click()
    page.reload(wait_until="networkidle")
    # with a before score saved, the page opens in after mode
    assert page.get_by_role("radio", name="After the session").is_checked()
    answer(page, items, right=5)
    page.get_by_role("button", name="Show my results").click()
    end = page.locator(".ca-check__end")
    expect(end).to_contain_text(f"After the session: 5 of {total} right.")
    expect(end).to_contain_text(f"+3 since before the session (you had 2 of {total} right on ")
    expect(page.get_by_role("status")).to_contain_text("+3 since before the session")
    assert page.locator(".ca-check__answer:visible").count() == total
    last = page.locator("section.ca-q").nth(total - 1)
    assert "Not quite. The right answer:" in last.inner_text()
    key = next(o for o in items[-1].question.options if o.correct)
    assert key.feedback.split()[0] in last.locator(".ca-check__answer").inner_text()
    assert last.locator(".ca-option.is-right .ca-mark").inner_text() == "\u2714 Right answer"
    assert not PASS_OR_FAIL.search(around_the_questions(page))
    marks = page.locator(".ca-check__verdict, .ca-mark").all_inner_texts()
    assert marks and not PASS_OR_FAIL.search(" ".join(marks))
    saved = saved_checks(page)["checks"]["all"]
    assert (saved["before"]["score"], saved["after"]["score"]) == (2, 5)
    assert axe_violations(page) == []
    page.emulate_media(color_scheme="dark")
    page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")
    # Material eases colours over 125-250 ms: axe measured a nav link mid-way and saw too little contrast.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    assert axe_violations(page) == []
    # switching back to before mode hides every answer again
    page.get_by_role("radio", name="Before the session").check()
    assert page.locator(".ca-check__answer:visible, .ca-mark").count() == 0
    assert page.locator("section.ca-q input:checked").count() == 0


def test_the_check_script_loaded_again_sets_up_once(page, site_url):
    """Instant navigation runs a page's scripts again: a second binding would save twice, the
    second time with the answers already cleared (a before score of 0)."""
    page.goto(site_url + "training/check/", wait_until="networkidle")
    page.evaluate("""() => new Promise(done => {
        const again = document.createElement("script");
        again.src = document.querySelector("script[src$='assets/check.js']").src;
        again.onload = done;
        document.body.appendChild(again);
    })""")
    answer(page, CONTENT.check.items, right=2)
    page.get_by_role("button", name="Save my before score").click()
    expect(page.locator(".ca-check__end")).to_be_visible()
    assert saved_checks(page)["checks"]["all"]["before"]["score"] == 2


def test_a_plans_check_asks_only_what_the_plan_teaches_and_keeps_its_own_scores(page, site_url):
    from common_agenda.training import plan_check

    plan = next(p for p in CONTENT.plans if p.id == "half-day")
    items = plan_check(CONTENT.check, plan)
    page.goto(site_url + "training/plans/half-day/", wait_until="networkidle")
    page.locator("article").get_by_role("link", name="take it online").click()
    page.wait_for_url("**/training/checks/half-day/")
    assert page.locator("section.ca-q").count() == len(items) < len(CONTENT.check.items)
    answer(page, items, right=1)
    page.get_by_role("button", name="Save my before score").click()
    expect(page.locator(".ca-check__end")).to_be_visible()
    assert list(saved_checks(page)["checks"]) == ["plan-half-day"]


@pytest.mark.parametrize(("path", "letter_pages"), [("training/check-sheet/", 5), ("training/checks/half-day-sheet/", 2),
                                                    ("training/plans/half-day-print-pack/", 11)])
def test_the_printed_question_sheet_has_lettered_empty_boxes_and_no_answers(page, site_url, path, letter_pages):
    page.goto(site_url + path, wait_until="networkidle")
    assert pdf_pages(page.pdf(format="Letter")) == letter_pages  # measured; a sheet that breaks badly changes it
    page.emulate_media(media="print")
    sheet = page.locator(".ca-sheet").first
    options = sheet.locator("li")
    assert options.count() >= 3 * 3
    assert page.locator(".ca-sheet input, .ca-sheet .task-list-indicator").count() == 0  # no pre-ticked web checkboxes
    boxes = sheet.locator("li .ca-sheet__box")
    assert boxes.count() == options.count()
    style = boxes.first.evaluate("""b => { const s = getComputedStyle(b), r = b.getBoundingClientRect();
        return [s.borderTopStyle, parseFloat(s.borderTopWidth), s.borderTopColor, s.backgroundColor, r.width, r.height]; }""")
    assert style[0] == "solid" and style[1] >= 1 and style[2] == "rgb(0, 0, 0)", style
    assert style[3] in ("rgba(0, 0, 0, 0)", "transparent") and style[4] >= 8 and style[5] >= 8, style  # empty, not filled
    assert re.match(r"A\. \S", options.first.inner_text().strip())
    text = sheet.inner_text()
    assert "Right" not in text and "Not right" not in text and "\u2714" not in text
    for item in CONTENT.check.items:  # no explanation reaches the participant's sheet
        assert item.question.explanation.split(".")[0][:60] not in " ".join(text.split())
    assert "Choose all that apply. (Choose all that apply.)" not in " ".join(text.split())


def test_the_answer_key_starts_with_a_one_line_key_and_the_scoring_rule(page, site_url):
    page.goto(site_url + "training/check-key/", wait_until="networkidle")
    summary = page.locator(".ca-key-summary").inner_text()
    items = CONTENT.check.items

    def keyed(q):
        if q.type == "true_false":
            return next(o.text for o in q.options if o.correct)
        return ", ".join("ABCDEFGH"[i] for i, o in enumerate(q.options) if o.correct)

    assert summary == "Key: " + " \u00b7 ".join(f"{n}\u00a0{keyed(item.question)}" for n, item in enumerate(items, 1))
    text = page.locator("article").inner_text()
    assert "counts only when every right box and no other is ticked" in text
    assert "Right: Right." not in text
    page.emulate_media(media="print")
    assert page.locator(".ca-key-summary").is_visible()


def test_the_online_check_says_its_answers_are_in_the_page_and_its_sheet_link_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "training/checks/half-day/")
    assert "the answers are part of this page" in page.locator("article").inner_text()
    link = page.locator("[data-ca-check-nojs]").get_by_role("link", name="printed question sheet")
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.status == 200 and "question sheet" in response.text()
    context.close()


def test_saving_a_before_score_with_no_answer_asks_for_one_and_saves_nothing(page, site_url):
    page.goto(site_url + "training/check/", wait_until="networkidle")
    page.get_by_role("button", name="Save my before score").click()
    message = "You have not answered any question yet, so nothing was saved. Answer at least one question, then save."
    expect(page.locator(".ca-check__end")).to_have_text(message)
    expect(page.locator(".ca-check__live")).to_have_text(message)
    assert page.locator(".ca-check__live").get_attribute("aria-live") == "polite"
    assert page.evaluate("localStorage.getItem('common-agenda:check')") is None
    answer(page, CONTENT.check.items[:1], right=1)  # one answer is enough
    page.get_by_role("button", name="Save my before score").click()
    expect(page.locator(".ca-check__end")).to_contain_text("Your before score is saved in this browser")
    assert saved_checks(page)["checks"]["all"]["before"]["score"] == 1
    assert axe_violations(page) == []


def test_no_before_score_is_kept_once_the_answers_were_seen(page, site_url):
    """Red team: choose After first, see every answer, then save a perfect Before. Refused, plainly."""
    items = CONTENT.check.items
    page.goto(site_url + "training/check/", wait_until="networkidle")
    page.get_by_role("radio", name="After the session").check()
    answer(page, items, right=3)
    page.get_by_role("button", name="Show my results").click()
    page.reload(wait_until="networkidle")
    assert page.get_by_role("radio", name="After the session").is_checked()  # an after score: the session is over
    page.get_by_role("radio", name="Before the session").check()
    help_text = page.locator(".ca-check__mode-help").inner_text()
    assert f"An after score (3 of {len(items)} right, " in help_text
    answer(page, items, right=len(items))
    page.get_by_role("button", name="Save my before score").click()
    end = page.locator(".ca-check__end")
    expect(end).to_contain_text("cannot show what the session added, so none is kept. Nothing was saved.")
    assert "before" not in saved_checks(page)["checks"]["all"]
    assert saved_checks(page)["checks"]["all"]["after"]["score"] == 3


def test_the_tally_sheet_works_out_the_groups_average_change(page, site_url):
    total = len(CONTENT.check.items)
    page.goto(site_url + "training/check-tally/", wait_until="networkidle")
    page.get_by_label("Scores, one participant per line").fill(f"2 5\n3, 6\n\nfour five\n1\t{total + 1}")
    page.get_by_role("button", name="Work out the averages").click()
    expect(page.get_by_role("status")).to_have_text(
        f"2 participants. Average before: 2.5 of {total}. Average after: 5.5 of {total}. Average change: +3. "
        f"Skipped lines 4, 5: each line needs two numbers from 0 to {total}.")
    assert not PASS_OR_FAIL.search(page.locator("article").inner_text())
    assert axe_violations(page) == []
    rows = page.locator(".ca-tally-table tbody tr")
    assert rows.nth(0).inner_text().split("\t") == ["1", "2", "5", "+3"]
    assert rows.nth(1).inner_text().split("\t") == ["2", "3", "6", "+3"]
    assert rows.nth(2).inner_text().split("\t") == ["3", "", "", ""]
    assert rows.last.inner_text().split("\t") == ["Average", "2.5", "5.5", "+3"]
    text = page.locator("article").inner_text()
    assert "reads their after score" in text and "online check" in text
    page.emulate_media(media="print")
    assert page.get_by_role("button", name="Work out the averages").is_hidden()
    assert page.get_by_label("Scores, one participant per line").is_hidden()
    expect(page.locator(".ca-tally__result")).to_be_visible()  # the worked-out averages print
    assert page.locator(".ca-tally__result").inner_text().startswith("2 participants. Average before: 2.5")
    assert page.locator(".ca-tally-table tbody tr").count() == 21  # 20 participants and the average
    page.emulate_media(media="screen")
    page.get_by_label("Scores, one participant per line").fill("\n".join(f"{i % 5} {i % 7}" for i in range(23)))
    page.get_by_role("button", name="Work out the averages").click()
    assert rows.count() == 24 and rows.nth(22).inner_text().startswith("23\t")  # more people than printed rows


def test_the_plans_agenda_links_the_online_check(page, site_url):
    page.goto(site_url + "training/plans/half-day/", wait_until="networkidle")
    row = page.locator("table tr", has_text="Printed checks or a link to the online check").first
    link = row.get_by_role("link", name="Online check")
    assert link.evaluate("a => a.href") == site_url + "training/checks/half-day/"


def test_local_values_are_lines_to_fill_in_when_local_settings_are_missing(page, site_url):
    page.goto(site_url + "training/mou-template/", wait_until="networkidle")
    assert page.locator(".ca-fill", has_text="Your agency, to fill in").count() >= 1
    assert "[Your agency]" not in page.locator("article").inner_text()
    assert "{{" not in page.locator("article").inner_text()


def test_the_check_can_be_answered_and_saved_with_the_keyboard_alone(page, site_url):
    """Tab to each question's first option, Space to choose it, then Tab to the save button and Enter."""
    page.goto(site_url + "training/check/", wait_until="networkidle")
    total = len(CONTENT.check.items)
    chosen = 0
    for _ in range(total * 12 + 40):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement;
            return {tag: e.tagName, type: e.type || '', name: e.name || '', text: (e.textContent || '').trim(),
                    checked: !!e.checked, inCheck: !!e.closest('form.ca-check')}; }""")
        if focused["inCheck"] and focused["type"] in ("radio", "checkbox") and focused["name"].startswith("ca-check-"):
            if not page.evaluate("n => document.querySelector(`[name='${n}']:checked`)", focused["name"]):
                page.keyboard.press("Space")
                chosen += 1
        if focused["tag"] == "BUTTON" and focused["text"] == "Save my before score":
            break
    assert chosen == total
    page.keyboard.press("Enter")
    expect(page.locator(".ca-check__end")).to_contain_text("Your before score is saved in this browser")
    assert saved_checks(page)["checks"]["all"]["before"]["total"] == total


def test_the_plan_page_carries_each_module_blocks_script_with_times_that_follow_the_start(page, site_url):
    """Issue 14: a facilitator pair runs the 90-minute plan from its page alone: opening, each
    module block's talking points, activity and debrief with who leads, closing; clock times move."""
    plan = next(p for p in CONTENT.plans if p.id == "ninety-minutes")
    block = next(b for b in plan.blocks if b.module)
    script = CONTENT.script_for(block.module.id)
    page.goto(site_url + "training/plans/ninety-minutes/", wait_until="networkidle")
    article = page.locator("article")
    heads = article.locator(".ca-script__head")
    assert heads.count() == sum(len(CONTENT.script_for(b.module.id).parts()) for b in plan.blocks if b.module)
    text = " ".join(article.inner_text().split())
    assert script.activity.title in text and f"Talking point {len(script.talking_points)} of " in text
    for question in script.debrief.questions:
        assert " ".join(re.sub(r"[*_`]", "", question).split()[:6]) in text
    assert "Welcome, ground rules and who is here" in text and "Commitments and the next meeting" in text
    assert text.index("Facilitator script") > text.index("Total: 1 h 30 min")
    assert article.locator("table tr").last.locator("td").first.inner_text() == "Total: 1 h 30 min"
    page.get_by_label("Start time").fill("13:30")
    # shared-goals starts after 12 + 3 minutes; its debrief 20 minutes into its block
    expect(heads.first.locator("time").first).to_have_text("13:45")
    expect(heads.last.locator("time").first).to_have_text("14:05")
    # training/scripts/shared-goals.yml: both open, then the police facilitator, then the provider
    for n, lead in enumerate(("Both facilitators lead", "Police facilitator leads", "Provider facilitator leads")):
        assert heads.nth(n).inner_text().endswith(lead), heads.nth(n).inner_text()
    assert axe_violations(page) == []
    page.emulate_media(color_scheme="dark")
    page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    assert axe_violations(page) == []


def test_the_tally_counts_a_participant_with_every_answer_right_and_none(page, site_url):
    total = len(CONTENT.check.items)
    page.goto(site_url + "training/check-tally/", wait_until="networkidle")
    page.get_by_label("Scores, one participant per line").fill(f"0 {total}\n{total} {total}")
    page.get_by_role("button", name="Work out the averages").click()
    expect(page.get_by_role("status")).to_have_text(
        f"2 participants. Average before: {total / 2:g} of {total}. Average after: {total} of {total}. "
        f"Average change: +{total / 2:g}.")
