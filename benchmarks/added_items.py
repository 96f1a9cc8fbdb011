"""Questions to add to a real quiz that the real build accepts: schema, meaning and item-writing rules.

The synthetic prose of questions.py is written without regard to the guessing readers of
`common_agenda.item_lint` (the key is often the longest, the most "collaborative"...), and the
build refuses a quiz that such a reader passes. So each slot draws seeded candidates until one
that, added to what is already accepted, keeps every guessing reader at or under its share for
that kind of question (40 %; true/false 55 %, as "always true" and "always false" split them),
keys each true/false question the way fewer are keyed so far, and breaks none of the per-item rules. The linter is the
project's own, imported from `hooks/`, so the rules cannot drift from the ones the build applies.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from questions import LAYOUT, prose, question, wrap

SHARE = {"single": 0.40, "multiple": 0.40, "true_false": 0.55}
ATTEMPTS = 2000


def _rules(hooks: Path):
    if str(hooks) not in sys.path:
        sys.path.insert(0, str(hooks))
    from common_agenda import item_lint, quizzes
    return item_lint, quizzes


class _NoLines:
    """item_problems only asks for a line when it reports a problem; any line will do here."""

    def line_of(self, path) -> int:
        return 0


def _scored(data: dict):
    for q in data["questions"]:
        yield from q.get("questions") or [q]


def _keyed_true(data: dict) -> bool:
    return any(o["correct"] and o["text"].strip().lower() in ("true", "yes") for o in data["options"])


class Picker:
    """Draws candidates for one quiz and keeps count of what the guessing readers would score."""

    def __init__(self, quiz: dict, hooks: Path, seed: str) -> None:
        self.item_lint, self.quizzes = _rules(hooks)
        self.seed = seed
        scored = list(_scored(quiz))
        self.covers = sorted({code for q in scored for code in q.get("covers", [])})
        self.sections = sorted({q["section"] for q in quiz["questions"] if q.get("section")})
        self.counts: dict[str, int] = {}
        self.hits: dict[str, dict[str, int]] = {}
        self.keyed = {True: 0, False: 0}   # true/false questions keyed true, keyed false
        for q in scored:
            self._count(q["type"], self._readers(q), q)

    def _model(self, data: dict):
        return self.quizzes.question_from_data(data, ("questions", 0))

    def _readers(self, data: dict) -> set[str]:
        q = self._model(data)
        return {name for name, reader in self.item_lint.READERS.items() if self.item_lint.right(q, reader(q))}

    def _count(self, kind: str, readers: set[str], data: dict) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if kind == "true_false":
            self.keyed[_keyed_true(data)] += 1
        hits = self.hits.setdefault(kind, {})
        for name in readers:
            hits[name] = hits.get(name, 0) + 1

    def _fits(self, data: dict, readers: set[str]) -> bool:
        kind = data["type"]
        if kind == "true_false" and _keyed_true(data) != (self.keyed[True] <= self.keyed[False]):
            return False
        if self.item_lint.item_problems(self._model(data), "added", _NoLines()):
            return False
        allowed = SHARE[kind] * (self.counts.get(kind, 0) + 1) + 1   # one of slack, or the first few never fit
        hits = self.hits.get(kind, {})
        return all(hits.get(name, 0) + 1 <= allowed for name in readers)

    def item(self, slot: str, qid: str, kind: str) -> dict:
        for attempt in range(ATTEMPTS):
            r = random.Random(f"{self.seed}/{slot}/{attempt}")
            data = question(r, qid, kind)
            data["covers"] = sorted(r.sample(self.covers, k=min(len(self.covers), r.choice([1, 2]))))
            readers = self._readers(data)
            if self._fits(data, readers):
                self._count(kind, readers, data)
                return data
        raise RuntimeError(f"no {kind} question for {qid} passes the item-writing rules in {ATTEMPTS} draws")


def added_questions(quiz: dict, count: int, hooks: Path, seed: str) -> list[dict]:
    """`count` scored questions (a multiple of 10: rounds of questions.LAYOUT) for `quiz`."""
    picker = Picker(quiz, hooks, seed)
    out: list[dict] = []
    number = 0
    while sum(len(q.get("questions") or [q]) for q in out) < count:
        for kind in LAYOUT:
            number += 1
            qid = f"added-{number}"
            if isinstance(kind, tuple):
                r = random.Random(f"{seed}/{qid}/case")
                subs = [picker.item(f"{qid}-{i}", f"{qid}-{i}", sub) for i, sub in enumerate(kind, start=1)]
                item = {"id": qid, "type": "scenario", "prompt": wrap(f"*Fictional case.* {prose(r, 70, 110)}"),
                        "questions": subs}
            else:
                item = picker.item(qid, qid, kind)
            if picker.sections:
                section = picker.sections[number % len(picker.sections)]
                item = {"id": item["id"], "type": item["type"], "section": section,
                        **{k: v for k, v in item.items() if k not in ("id", "type")}}
            out.append(item)
    return out
