"""Synthetic questions that the real build accepts: schema, meaning and item-writing rules.

The prose of questions.py is written without regard to the guessing readers of
`common_agenda.item_lint` (the key is often the longest, the most "collaborative"...), and the
build refuses a quiz that such a reader passes. So each question slot draws seeded candidates
until one that keeps every guessing reader at or under its share for that kind of question
(over all the questions picked so far), is keyed true or false the way fewer are so far, and
breaks none of the per-item rules; a whole quiz is then held to the per-quiz rules and drawn
again if it breaks one. The linter is the project's own, imported from `hooks/`, so the rules
cannot drift from the ones the build applies. The same seeds give the same questions.
"""

from __future__ import annotations

import copy
import random
import sys
from pathlib import Path

from questions import LAYOUT, prose, question, wrap

from benchlib import REPO

# Largest share of one kind of question a guessing reader may answer right: under the site's
# 35 % "key is longest" rule for single answers; true/false near a half, as "always true" and
# "always false" share them out.
SHARE = {"single": 0.33, "multiple": 0.40, "true_false": 0.55}
# "Choose all that apply" keys: option A right in at most 75 % of them, one pattern at most a third.
FIRST_SHARE = 0.60
PATTERN_SHARE = 0.25
ATTEMPTS = 2000


def _rules(hooks: Path):
    if str(hooks) not in sys.path:
        sys.path.insert(0, str(hooks))
    from common_agenda import item_lint, quizzes
    return item_lint, quizzes


class _NoLines:
    """The rules ask for a line only to report a problem; any line will do here."""

    def line_of(self, path) -> int:
        return 0


def scored(questions: list[dict]) -> list[dict]:
    return [sub for q in questions for sub in (q.get("questions") or [q])]


def _keyed_true(data: dict) -> bool:
    return any(o["correct"] and o["text"].strip().lower() in ("true", "yes") for o in data["options"])


def _pattern(data: dict) -> tuple[int, ...]:
    return tuple(i for i, o in enumerate(data["options"]) if o["correct"])


class Picker:
    """Draws questions and keeps count of what each guessing reader would score on them."""

    def __init__(self, covers: list[str], hooks: Path = REPO / "hooks") -> None:
        self.item_lint, self.quizzes = _rules(hooks)
        self.covers = sorted(covers)
        self.counts: dict[str, int] = {}
        self.hits: dict[str, dict[str, int]] = {}
        self.keyed = {True: 0, False: 0}   # true/false questions keyed true, keyed false
        self.patterns: dict[tuple[int, ...], int] = {}   # 'multiple' keys by the positions that are right

    def count(self, questions: list[dict]) -> None:
        """Take questions already written (a real quiz's own) into the counts."""
        for q in scored(questions):
            self._count(q, self._readers(q))

    def _model(self, data: dict):
        return self.quizzes.question_from_data(data, ("questions", 0))

    def _readers(self, data: dict) -> set[str]:
        q = self._model(data)
        return {name for name, reader in self.item_lint.READERS.items() if self.item_lint.right(q, reader(q))}

    def _count(self, data: dict, readers: set[str]) -> None:
        kind = data["type"]
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if kind == "true_false":
            self.keyed[_keyed_true(data)] += 1
        if kind == "multiple":
            self.patterns[_pattern(data)] = self.patterns.get(_pattern(data), 0) + 1
        hits = self.hits.setdefault(kind, {})
        for name in readers:
            hits[name] = hits.get(name, 0) + 1

    def _fits(self, data: dict, readers: set[str]) -> bool:
        kind = data["type"]
        if kind == "true_false" and _keyed_true(data) != (self.keyed[True] <= self.keyed[False]):
            return False
        if kind == "multiple":
            total = self.counts.get(kind, 0) + 1
            pattern = _pattern(data)
            first = sum(n for keys, n in self.patterns.items() if 0 in keys) + (0 in pattern)
            if self.patterns.get(pattern, 0) + 1 > PATTERN_SHARE * total + 1 or first > FIRST_SHARE * total + 1:
                return False
        if self.item_lint.item_problems(self._model(data), "generated", _NoLines()):
            return False
        allowed = SHARE[kind] * (self.counts.get(kind, 0) + 1) + 1   # one of slack, or the first few never fit
        hits = self.hits.get(kind, {})
        return all(hits.get(name, 0) + 1 <= allowed for name in readers)

    def item(self, seed: str, qid: str, kind: str) -> dict:
        for attempt in range(ATTEMPTS):
            r = random.Random(f"{seed}/{attempt}")
            data = question(r, qid, kind)
            data["covers"] = sorted(r.sample(self.covers, k=min(len(self.covers), r.choice([1, 2]))))
            readers = self._readers(data)
            if self._fits(data, readers):
                self._count(data, readers)
                return data
        raise RuntimeError(f"no {kind} question for {qid} passes the item-writing rules in {ATTEMPTS} draws")

    def questions(self, count: int, prefix: str, seed: str, sections: list[str] = ()) -> list[dict]:
        """`count` scored questions (a multiple of 10: rounds of questions.LAYOUT), ids
        `<prefix><n>`; each top-level one names a section in turn when `sections` are given."""
        out: list[dict] = []
        number = 0
        while len(scored(out)) < count:
            for kind in LAYOUT:
                number += 1
                qid = f"{prefix}{number}"
                if isinstance(kind, tuple):
                    case = prose(random.Random(f"{seed}/{qid}"), 70, 110)
                    item = {"id": qid, "type": "scenario", "prompt": wrap(f"*Fictional case.* {case}"),
                            "questions": [self.item(f"{seed}/{qid}-{i}", f"{qid}-{i}", sub)
                                          for i, sub in enumerate(kind, start=1)]}
                else:
                    item = self.item(f"{seed}/{qid}", qid, kind)
                if sections:
                    item = {"id": qid, "type": item["type"], "section": sections[number % len(sections)],
                            **{k: v for k, v in item.items() if k not in ("id", "type")}}
                out.append(item)
        return out

    def quiz(self, count: int, prefix: str, seed: str, pass_mark: int) -> list[dict]:
        """A quiz of its own that also meets the per-quiz rules (drawn again until it does)."""
        for attempt in range(ATTEMPTS):
            state = copy.deepcopy((self.counts, self.hits, self.keyed, self.patterns))
            questions = self.questions(count, prefix, f"{seed}/{attempt}")
            if not self.quiz_problems(questions, pass_mark):
                return questions
            self.counts, self.hits, self.keyed, self.patterns = state
        raise RuntimeError(f"no quiz {prefix} passes the per-quiz item-writing rules in {ATTEMPTS} draws")

    def quiz_problems(self, questions: list[dict], pass_mark: int) -> list:
        lint = self.item_lint
        figures = lint.figures("generated", "generated", pass_mark,
                               [self.quizzes.question_from_data(q, ("questions", 0)) for q in scored(questions)])
        lint.add_best_mix([figures])
        return lint.set_problems(figures, _NoLines())


def added_questions(quiz: dict, count: int, hooks: Path = REPO / "hooks") -> list[dict]:
    """`count` more scored questions for a real quiz, on the source points and module sections
    its own questions use, counted together with them; seeded by the quiz id."""
    picker = Picker(sorted({code for q in scored(quiz["questions"]) for code in q.get("covers", [])}), hooks)
    picker.count(quiz["questions"])
    sections = sorted({q["section"] for q in quiz["questions"] if q.get("section")})
    return picker.questions(count, "added-", quiz["id"], sections)
