"""Each item-writing rule, broken alone on a tiny quiz, with the exact message an author reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from common_agenda import item_lint
from common_agenda.quizzes import load_quiz
from sitekit import REPO

SCHEMA = REPO / "schemas" / "quiz.schema.json"

# Six items that pass every rule: four single-answer keys at A, B, C and D, neither longest nor
# shortest, and two true/false items, one keyed true and one keyed false.
SINGLES = [
    ("s1", 0, ["Find out what stage the case is at.", "Email a complaint to the supervisor.", "Wait for the detective to call."]),
    ("s2", 1, ["Share the whole file with police.", "Name only the facts police need.", "Ask to talk it over together."]),
    ("s3", 2, ["Promise her that the visa will come.", "Say the certification is certain.", "Explain that USCIS decides it.",
               "Agree to ask police for a letter."]),
    ("s4", 3, ["Phone the director at home.", "Drive the youth to the station.", "Plan a joint visit for next week.",
               "Call the on-call line tonight."]),
]
TRUE_FALSE = [("t1", True), ("t2", False)]


def item(qid: str, kind: str, options: list[tuple[str, str, bool]], prompt: str = "A fictional case. What next?") -> dict:
    return {"id": qid, "type": kind, "prompt": prompt, "covers": ["A1"], "explanation": "The point.",
            "options": [{"id": oid, "text": text, "correct": ok, "feedback": "Why."} for oid, text, ok in options]}


def single(qid: str, key: int, texts: list[str]) -> dict:
    return item(qid, "single", [("abcdefgh"[i], t, i == key) for i, t in enumerate(texts)])


def true_false(qid: str, answer: bool) -> dict:
    return item(qid, "true_false", [("true", "True", answer), ("false", "False", not answer)])


def base_items() -> list[dict]:
    return [single(*s) for s in SINGLES] + [true_false(*t) for t in TRUE_FALSE]


def load(tmp_path: Path, questions: list[dict], quiz_id: str = "roles", pass_mark: int = 70):
    data = {"id": quiz_id, "title": "Check", "module": "roles", "pass_mark": pass_mark, "questions": questions}
    path = tmp_path / f"{quiz_id}.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, width=1000), encoding="utf-8")
    quiz, problems = load_quiz(path, f"quizzes/{quiz_id}.yml", SCHEMA)
    assert problems == []
    return quiz


def messages(*quizzes) -> list[str]:
    return sorted(str(p) for p in item_lint.lint(quizzes).problems)


def test_the_base_quiz_passes_every_rule(tmp_path):
    quiz = load(tmp_path, base_items())
    assert messages(quiz) == []
    row = item_lint.lint([quiz]).rows[0]
    assert row.positions == {"A": 1, "B": 1, "C": 1, "D": 1}
    assert (row.true_keys, row.false_keys) == (1, 1)
    assert all(row.percent(name) <= 50 for name in row.scores)


def replace(index: int, new: dict) -> list[dict]:
    items = base_items()
    items[index] = new
    return items


ITEM_RULES = {
    "two-option-single": (
        replace(0, single("s1", 0, ["Ask what stage the case is at.", "Email the supervisor about delay."])),
        "quizzes/roles.yml:12: questions[0].options: a 'single' question has 2 options, needs at least 3 — add a "
        "plausible wrong option (a real mistake someone makes), or make it a true_false question"),
    "key-stands-out": (
        replace(0, single("s1", 0, ["Ask the detective what stage the case is at and when to check back.",
                                    "Email the supervisor about delay.", "Wait for the detective to call."])),
        "quizzes/roles.yml:12: questions[0].options: the right option is 2.0x as long as the longest wrong one "
        "(67 vs 33 characters), at most 1.2x is allowed — trim the right option or enrich the wrong ones so no "
        "option stands out by length"),
    "catch-all": (
        replace(0, single("s1", 0, ["Ask what stage the case is at.", "Email the supervisor about delay.",
                                    "None of the above."])),
        "quizzes/roles.yml:22: questions[0].options[2].text: 'None of the above' is a catch-all option — write a "
        "real alternative: a reader can answer a catch-all by spotting two right or wrong options"),
    "repeated-option": (
        replace(0, single("s1", 0, ["Ask what stage the case is at.", "Email the supervisor about delay.",
                                    "Email the  supervisor about delay."])),
        "quizzes/roles.yml:22: questions[0].options[2].text: repeats options[1] — give each option its own text"),
    "multiple-all-right": (
        replace(4, item("t1", "multiple", [("a", "Response times.", True), ("b", "Sharing limits.", True),
                                           ("c", "Reporting duties.", True)])),
        "quizzes/roles.yml:96: questions[4].options: every option is right, so ticking everything scores — add at "
        "least one plausible wrong option"),
    "multiple-right-ones-longer": (
        replace(4, item("t1", "multiple", [("a", "How long each side takes to answer at night.", True),
                                           ("b", "What each side may share during a case.", True),
                                           ("c", "A client's story.", False), ("d", "Suspects' names.", False)])),
        "quizzes/roles.yml:96: questions[4].options: right options are on average 2.5x as long as wrong ones, at "
        "most 1.3x is allowed — trim the right options or enrich the wrong ones so length does not give them away"),
}


@pytest.mark.parametrize("name", ITEM_RULES)
def test_each_item_rule_has_its_exact_message(tmp_path, name):
    questions, expected = ITEM_RULES[name]
    assert expected in messages(load(tmp_path, questions))


def test_item_rules_reach_inside_a_scenario(tmp_path):
    case = {"id": "case", "type": "scenario", "prompt": "A fictional case.", "questions": [
        single("c1", 0, ["Ask what stage the case is at.", "Email the supervisor about delay."]),
        true_false("c2", True)]}
    found = messages(load(tmp_path, base_items() + [case]))
    assert ("quizzes/roles.yml:130: questions[6].questions[0].options: a 'single' question has 2 options, needs at "
            "least 3 — add a plausible wrong option (a real mistake someone makes), or make it a true_false question"
            ) in found


def test_longest_key_too_often(tmp_path):
    items = base_items()
    for index, (qid, key, texts) in enumerate(SINGLES[:2]):
        texts = list(texts)
        texts[key] = texts[key] + " now"
        items[index] = single(qid, key, texts)
    found = messages(load(tmp_path, items))
    assert ("quizzes/roles.yml:5: questions: the right option is the longest in 2 of 4 single-answer questions, "
            "at most 40% is allowed — trim some right options or lengthen the wrong ones") in found


def test_keys_bunched_in_one_position(tmp_path):
    items = base_items()
    items[2] = single("s3", 1, ["Say certification is certain.", "Explain USCIS decides it.", "Promise the visa will come.",
                                "Tell her to wait quietly."])
    items[3] = single("s4", 1, ["Phone the shelter's director.", "Call the on-call number.", "Leave a voicemail and go.",
                                "Drive the youth to the station."])
    found = messages(load(tmp_path, items))
    assert ("quizzes/roles.yml:5: questions: 3 of 4 single-answer keys are option B, at most half may share a "
            "position — move some right options to other positions (as written; shuffling does not change the "
            "answer key)") in found


def test_true_false_all_keyed_one_way(tmp_path):
    found = messages(load(tmp_path, base_items()[:4] + [true_false("t1", False), true_false("t2", False)]))
    assert ("quizzes/roles.yml:5: questions: all 2 true/false questions are keyed false — rewrite at least one so "
            "its answer is true") in found


def test_a_guessing_reader_over_the_limit(tmp_path):
    # Four more true/false items keyed false: 'always false' now answers 6 of 10 (5 of them and s1, by length)
    items = base_items() + [true_false(f"f{i}", False) for i in range(4)]
    found = messages(load(tmp_path, items, pass_mark=60))
    assert ("quizzes/roles.yml:5: questions: a reader guessing by 'always false' scores 50% (5 of 10: t2, f0, f1, f2, "
            "f3); guessing must stay at most 40% (20 points under the 60% pass mark) — rewrite some of those questions "
            "so that pattern picks a wrong option (`make lint` explains each reader)") in found


def test_the_best_mix_picks_the_best_reader_for_each_type(tmp_path):
    quiz = load(tmp_path, base_items())
    row = item_lint.lint([quiz]).rows[0]
    singles = max(sum(item_lint.right(q, reader(q)) for q in quiz.scored() if q.type == "single")
                  for reader in item_lint.READERS.values())
    assert row.scores[item_lint.BEST_MIX] == singles + 1  # one of the two true/false items, whichever way


def test_a_small_quiz_is_judged_item_by_item_and_no_pattern_may_pass_it(tmp_path):
    """Below 6 questions shares mean little, so only one quiz-level rule holds: no fixed pattern passes."""
    items = [true_false("t1", False), true_false("t2", True), single(*SINGLES[2])]
    assert messages(load(tmp_path, items)) == []
    assert messages(load(tmp_path, [true_false("t1", False), true_false("t2", False), single(*SINGLES[2])])) == []
    found = messages(load(tmp_path, [true_false("t1", False), true_false("t2", False), single(*SINGLES[2])],
                          pass_mark=60))
    assert ("quizzes/roles.yml:5: questions: a reader guessing by 'always false' passes this quiz: 67% (t1, t2), the "
            "pass mark is 60% — add questions (from 6 on, the full rules apply) or change those keys") in found


def test_site_wide_habits_are_caught_across_quizzes(tmp_path):
    """Five quizzes, each fine alone, whose keys are all option A or B and whose true/false items lean false."""
    quizzes = []
    for n in range(5):
        items = base_items()
        items[2] = single("s3", 0, ["Explain USCIS decides it.", "Say certification is certain.",
                                    "Promise the visa will come.", "Tell her to wait quietly."])
        items[3] = single("s4", 1, ["Phone the shelter's director.", "Call the on-call number.",
                                    "Leave a voicemail and go.", "Drive the youth to the station."])
        items[4] = true_false("t1", n == 0)
        quizzes.append(load(tmp_path, items, quiz_id=f"quiz-{n}"))
    found = messages(*quizzes)
    assert ("quizzes/quiz-0.yml:5: questions: across the site 10 of 20 single-answer keys are option A, at most "
            "40% may share a position (this file has the most) — move some right options here to other positions"
            ) in found
    assert ("quizzes/quiz-1.yml:5: questions: across the site 10% of true/false questions are keyed true, 40% to "
            "60% is needed (this file has the most keyed false) — rewrite some true/false questions here so their "
            "answer is true") in found


def test_option_length_ignores_markup():
    assert item_lint.length("Ask *what* [stage](../x.md) it is at <em>now</em>.") == len("Ask what stage it is at now.")



def test_the_real_quizzes_pass_and_every_reader_stays_well_under_the_pass_mark():
    """Every quiz, the check's pool and each plan's part of it: every guessing reader at least 20
    points under the pass mark (the figures `make lint` prints)."""
    from common_agenda.content import lint_report, load_content

    content = load_content(REPO, lint_items=False)
    report = lint_report(content.quizzes, content.check, content.check_questions, content.plans)
    assert [str(p) for p in report.problems] == []
    assert len(report.rows) == len(content.quizzes) + 1 + len(content.plans)
    for row in report.rows:
        # a plan's part of the ungraded check may be short (the 90-minute plan asks 3 questions
        # twice in its ten minutes); every quiz and the whole pool hold enough for the full rules
        if not row.name.startswith("training check: "):
            assert row.items >= item_lint.MIN_QUIZ_ITEMS, row.name
        for name in list(item_lint.READERS) + [item_lint.BEST_MIX]:
            assert row.percent(name) <= row.pass_mark - item_lint.MARGIN, (row.name, name, row.percent(name))


def test_make_lint_prints_the_table_and_exits_0_on_the_real_site(capsys):
    from common_agenda.__main__ import main

    assert main(["lint", str(REPO)]) == 0
    out = capsys.readouterr().out
    assert "training check: ninety-minutes  (training/checks.yml)" in out
    assert "guessing readers: longest" in out and out.rstrip().endswith("Every quiz passes the item-writing rules.")


def test_the_command_exits_1_and_lists_each_breach(tmp_path, capsys):
    import shutil

    from common_agenda.__main__ import main

    project = tmp_path / "project"
    shutil.copytree(REPO, project, ignore=shutil.ignore_patterns(".git", ".venv", "site", "node_modules", ".audit"))
    quiz = project / "quizzes" / "timelines.yml"
    data = yaml.safe_load(quiz.read_text(encoding="utf-8"))
    first = next(q for q in data["questions"] if q["type"] == "single")
    key = next(o for o in first["options"] if o["correct"])
    key["text"] = key["text"] + " Then write it all down, share it with the whole team and check back every week."
    quiz.write_text(yaml.safe_dump(data, sort_keys=False, width=1000), encoding="utf-8")
    assert main(["lint", str(project)]) == 1
    out = capsys.readouterr().out
    assert "item-writing problem(s); the build stops on these:" in out
    assert re.search(r"  quizzes/timelines\.yml:\d+: questions\[\d\]\.options: the right option is \d\.\dx as long as the "
                     r"longest wrong one", out)


@pytest.mark.parametrize("padding", ["&nbsp;" * 30, "\u200b" * 30, "\u00a0" * 30])
def test_padding_a_reader_cannot_see_does_not_count(padding):
    assert item_lint.length("Call the" + padding + " on-call line.") == len("Call the on-call line.")


def test_hidden_text_in_an_option_is_refused(tmp_path):
    items = replace(0, single("s1", 0, ["Find out what stage the case is at.",
                                        'Email <span hidden>a long complaint about it</span> the supervisor.',
                                        "Wait for the detective to\u200b call."]))
    found = messages(load(tmp_path, items))
    for index in (1, 2):
        assert (f"quizzes/roles.yml:{14 + 4 * index}: questions[0].options[{index}].text: has text or markup a reader "
                "does not see (a zero-width character, or a hidden, aria-hidden, style or class attribute) — write "
                "the option as plain text; its length must be the length a reader sees") in found


def test_options_that_are_only_markup_do_not_crash_the_linter(tmp_path):
    items = replace(0, single("s1", 0, ["Find out what stage the case is at.", "_", "<b></b>"]))
    assert ("quizzes/roles.yml:12: questions[0].options: the right option is 35.0x as long as the longest wrong one "
            "(35 vs 0 characters), at most 1.2x is allowed — trim the right option or enrich the wrong ones so no "
            "option stands out by length") in messages(load(tmp_path, items))


def test_a_long_run_of_brackets_is_measured_in_one_pass():
    assert item_lint.length("[" * 20000 + "](x") == 20003


def test_a_multiple_question_with_one_right_option_is_held_to_the_single_rule(tmp_path):
    items = replace(4, item("t1", "multiple", [("a", "How long each side takes at night.", True),
                                               ("b", "A client's story.", False), ("c", "Suspects' names.", False)]))
    assert ("quizzes/roles.yml:96: questions[4].options: the one right option is 2.0x as long as the longest wrong "
            "one, at most 1.2x is allowed — trim the right option or enrich the wrong ones so no option stands out "
            "by length") in messages(load(tmp_path, items))


def test_yes_and_no_count_as_true_and_false(tmp_path):
    items = base_items()[:4] + [item("t1", "true_false", [("yes", "Yes", True), ("no", "No", False)]),
                                true_false("t2", False)]
    row = item_lint.lint([load(tmp_path, items)]).rows[0]
    assert (row.true_keys, row.false_keys) == (1, 1)


def test_a_pass_mark_guessing_could_reach(tmp_path):
    assert ("quizzes/roles.yml:4: pass_mark: is 40, below 50: a reader could pass by guessing alone — set a pass mark "
            "of at least 50 (70 is usual)") in messages(load(tmp_path, base_items(), pass_mark=40))


def test_the_collaborative_reader_picks_the_option_that_sounds_joint(tmp_path):
    q = single("s9", 2, ["Report her to the unit.", "Refuse to give any details.", "Ask to plan it together.",
                         "Wait for the next meeting."])
    quiz = load(tmp_path, [q])
    assert item_lint.collaborative(next(quiz.scored())) == frozenset({"c"})


def test_multiple_answer_keys_in_one_pattern_across_the_site(tmp_path):
    quizzes = []
    for n in range(4):
        items = base_items() + [item(f"m{k}", "multiple", [("a", "Response times by night.", True),
                                                          ("b", "The suspect list today.", False),
                                                          ("c", "What each side may share.", True)])
                                for k in range(2)]
        quizzes.append(load(tmp_path, items, quiz_id=f"quiz-{n}"))
    found = messages(*quizzes)
    assert ("quizzes/quiz-0.yml:5: questions: across the site option A is right in 8 of 8 'choose all that apply' "
            "questions, at most 75% is allowed (this file has the most) — make option A wrong in some of them, or move "
            "a right option down") in found
    assert ("quizzes/quiz-0.yml:5: questions: across the site 8 of 8 'choose all that apply' questions are keyed "
            "exactly A, C, at most a third may share one pattern (this file has the most) — vary which and how many "
            "options are right") in found


def test_shortest_key_too_often(tmp_path):
    items = base_items()
    items[0] = single("s1", 0, ["Ask now.", "Email a complaint to the supervisor.", "Wait for the detective to call."])
    items[1] = single("s2", 1, ["Share the whole file with police.", "Name the facts.", "Ask to talk it over together."])
    assert ("quizzes/roles.yml:5: questions: the right option is the shortest in 3 of 4 single-answer questions, at "
            "most 40% is allowed — make some right options fuller or the wrong ones terser") in messages(load(tmp_path, items))


def test_the_key_longest_across_the_site(tmp_path):
    """Quizzes of four questions are judged item by item, but the site still sees the habit."""
    quizzes = []
    for n in range(5):
        items = [single(*s) for s in SINGLES]
        for index in (0, 1):
            qid, key, texts = SINGLES[index]
            texts = list(texts)
            texts[key] = texts[key].rstrip(".") + " now."
            items[index] = single(qid, key, texts)
        quizzes.append(load(tmp_path, items, quiz_id=f"quiz-{n}"))
    assert ("quizzes/quiz-0.yml:5: questions: across the site the right option is the longest in 50% of "
            "single-answer questions, at most 35% is allowed (this file has the most) — trim right options or "
            "enrich wrong ones here first") in messages(*quizzes)


def test_a_plans_part_of_the_check_is_named_in_its_message(tmp_path):
    quiz = load(tmp_path, base_items())
    part = item_lint.figures("training check: ninety-minutes", "training/checks.yml", 70,
                             list(quiz.scored()), graded=False)
    part.scores["always false"] = 6
    part.hits["always false"] = [q.id for q in quiz.scored()]
    found = [str(p) for p in item_lint.set_problems(part, quiz.doc)]
    assert any(m.startswith("training/checks.yml:5: questions: ninety-minutes's part of the check: a reader guessing "
                            "by 'always false' scores 100% (6 of 6: s1, s2, s3, s4, t1, t2)") for m in found), found


def guessing_a(ceiling: int, pass_mark: int) -> str:
    return (f"quizzes/roles.yml:5: questions: a reader guessing by 'always A' scores 33% (2 of 6: s1, t1); guessing must "
            f"stay at most {ceiling}% (20 points under the {pass_mark}% pass mark) — rewrite some of those questions so "
            "that pattern picks a wrong option (`make lint` explains each reader)")


def test_a_pass_mark_of_49_is_refused_and_nothing_else_is_judged(tmp_path):
    assert messages(load(tmp_path, base_items(), pass_mark=49)) == [
        "quizzes/roles.yml:4: pass_mark: is 49, below 50: a reader could pass by guessing alone — set a pass mark "
        "of at least 50 (70 is usual)"]


@pytest.mark.parametrize(("pass_mark", "ceiling"), [(50, 30), (51, 31)])
def test_a_pass_mark_of_50_or_51_is_accepted_and_the_guessing_rules_apply(tmp_path, pass_mark, ceiling):
    """At 50 the pass mark itself is fine, so the readers are judged: 2 of 6 (33%) against 20 points under it."""
    found = messages(load(tmp_path, base_items(), pass_mark=pass_mark))
    assert not any("pass_mark:" in m for m in found), found
    assert guessing_a(ceiling, pass_mark) in found


@pytest.mark.parametrize(("pass_mark", "passes"), [(66, True), (67, True), (68, False)])
def test_a_small_quiz_is_refused_when_guessing_reaches_the_pass_mark_exactly(tmp_path, pass_mark, passes):
    """'always false' scores 2 of 3 (67%): at a pass mark of 67 it passes (scores at the mark pass), at 68 not."""
    items = [true_false("t1", False), true_false("t2", False), single(*SINGLES[2])]
    found = messages(load(tmp_path, items, pass_mark=pass_mark))
    message = ("quizzes/roles.yml:5: questions: a reader guessing by 'always false' passes this quiz: 67% (t1, t2), the "
               f"pass mark is {pass_mark}% — add questions (from 6 on, the full rules apply) or change those keys")
    assert (message in found) is passes, found


@pytest.mark.parametrize(("pass_mark", "refused"), [(52, True), (53, False), (54, False)])
def test_guessing_exactly_at_the_ceiling_is_allowed_one_point_over_is_not(tmp_path, pass_mark, refused):
    """'always A' scores 33%; the ceiling is 20 points under the pass mark: 32 refuses it, 33 and 34 allow it."""
    found = messages(load(tmp_path, base_items(), pass_mark=pass_mark))
    assert (guessing_a(pass_mark - 20, pass_mark) in found) is refused, found
