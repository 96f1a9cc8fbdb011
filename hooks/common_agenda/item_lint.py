"""Item-writing rules as code: a quiz that a reader can pass by pattern measures nothing.

The rules follow the item-writing research (Haladyna, Downing & Rodriguez 2002, "A review of
multiple-choice item-writing guidelines"; the NBME item-writing guide) and
`shared/item-writing.md`. Hand-written items drift in known ways — the key is the longest and
most qualified option, keys bunch in one position, true/false items lean to one answer — and
test-wise readers learn those habits. So besides rules on each item, the linter plays simple
guessing readers against every quiz and requires each of them to score well below its pass mark.

Thresholds, and why:
- A key more than 1.2x the longest distractor stands out on sight (the guideline is "similar
  length"; 20 % is about one extra clause in a one-line option).
- With k options the key is longest by chance about 1/k of the time (25-33 %); a quiz may have
  it longest (or shortest) in at most 40 % of its single items, the site in at most 35 %.
- Key positions: no position may hold more than half a quiz's keys, or 40 % of the site's.
- True/false: 40-60 % keyed true over the site, and both answers keyed within a quiz.
- Every guessing reader, and the best mix of them, must score at least 20 points below the pass
  mark: a reader who knows nothing then needs several real answers on top of any pattern.
Shares are only judged where there are enough items for them to mean something (below
`MIN_QUIZ_ITEMS` scored items in a quiz, or `MIN_SITE_ITEMS` on the site, one item moves a share
by more than 15 points); the rules on each item apply always.
"""

from __future__ import annotations

import html
import re
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .problems import Problem
from .quizzes import Option, Question
from .yaml_source import YamlDoc, field_name

KEY_LENGTH_RATIO = 1.2
MULTIPLE_LENGTH_RATIO = 1.3
QUIZ_EXTREME_SHARE = 0.40
MULTIPLE_POSITION_SHARE = 0.75
MULTIPLE_PATTERN_SHARE = 1 / 3
MIN_SITE_MULTIPLE = 8
SITE_LONGEST_SHARE = 0.35
QUIZ_POSITION_SHARE = 0.50
SITE_POSITION_SHARE = 0.40
TRUE_SHARE = (0.40, 0.60)
MARGIN = 20
MIN_QUIZ_ITEMS = 6
MIN_QUIZ_SINGLE = 4
MIN_SITE_ITEMS = 20
CHECK_PASS_MARK = 70
MIN_PASS_MARK = 50
LETTERS = "ABCDEFGH"

_CATCH_ALL = re.compile(r"\b(all|none|both|neither) of (the above|these|them|those)\b|\bboth [a-h] and [a-h]\b",
                        re.IGNORECASE)
_ABSOLUTE = re.compile(r"\b(always|never|only|all|none|must|every|any|nothing|no one|everyone)\b", re.IGNORECASE)
_HEDGE = re.compile(r"\b(may|might|can|could|often|usually|sometimes|some|generally|likely|possibly|probably|"
                    r"most|many|in part)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_STOP = frozenset("""that this with what which when where while from have they their them then than there
    these those into your about would could should will shall does done each other some such only very
    also just more most much many been being were what's it's""".split())
# A link's text counts, not its target; each bracket run is scanned once (no backtracking over `[[[[`).
_MARKUP = re.compile(r"\[([^\[\]]*)\]\([^()]*\)|[*_`]|<[^<>]+>")
# Text a reader never sees: zero-width and other format characters, and elements hidden on purpose.
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_HIDING = re.compile(r"<[a-z][^<>]*\b(hidden|aria-hidden|style|class)\b[^<>]*>", re.IGNORECASE)


def length(text: str) -> int:
    """What a reader sees of an option: Markdown marks, tags and link targets do not count, an
    entity counts as the one character it shows, and runs of spaces (also no-break ones) as one."""
    visible = html.unescape(_MARKUP.sub(lambda m: m.group(1) or "", text))
    return len(" ".join(_INVISIBLE.sub("", visible).split()))


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _is_true(option: Option) -> bool:
    return option.id.lower() in ("true", "yes") or option.text.strip().lower() in ("true", "yes")


# ---- Guessing readers: each picks a set of option ids for an item without knowing the subject ----

Reader = Callable[[Question], frozenset]


def _by_length(q: Question, longest: bool) -> frozenset:
    options = q.options
    if q.type == "multiple":
        middle = statistics.median(length(o.text) for o in options)
        return frozenset(o.id for o in options if (length(o.text) > middle if longest else length(o.text) < middle))
    pick = (max if longest else min)(options, key=lambda o: length(o.text))
    return frozenset({pick.id})


def longest(q: Question) -> frozenset:
    return _by_length(q, True)


def shortest(q: Question) -> frozenset:
    return _by_length(q, False)


def _always(answer: bool) -> Reader:
    def reader(q: Question) -> frozenset:
        if q.type == "true_false":
            return frozenset(o.id for o in q.options if _is_true(o) == answer)
        return longest(q)
    return reader


def _position(index: int) -> Reader:
    def reader(q: Question) -> frozenset:
        if q.type == "true_false":
            return frozenset({q.options[index % 2].id})
        return frozenset({q.options[min(index, len(q.options) - 1)].id})
    return reader


def stem_overlap(q: Question) -> frozenset:
    if q.type == "true_false":
        return longest(q)
    stem = _words(q.prompt)
    return _pick(q, [len(stem & _words(o.text)) for o in q.options])


_COLLABORATIVE = re.compile(r"\b(ask|asks|talk|talks|both|together|joint|jointly|explain|offer|agree|agrees|partner|"
                            r"partners|plan|consent|safely|safe)\b", re.IGNORECASE)


def _pick(q: Question, scores: list[float]) -> frozenset:
    """The option with the top score, the longest of equals (a reader with no signal falls back on
    length); for a multiple question, those above the median."""
    if q.type == "multiple":
        middle = statistics.median(scores)
        return frozenset(o.id for o, n in zip(q.options, scores) if n > middle)
    top = [o for o, n in zip(q.options, scores) if n == max(scores)]
    return frozenset({max(top, key=lambda o: length(o.text)).id})


def collaborative(q: Question) -> frozenset:
    """On this site the right step is usually the joint, consent-minded one, and a reader learns it:
    the option with the most words of working together (less two for each absolute word)."""
    if q.type == "true_false":
        return frozenset(o.id for o in q.options if _is_true(o) == bool(_COLLABORATIVE.search(_claim(q.prompt))))
    return _pick(q, [len(_COLLABORATIVE.findall(o.text)) - 2 * len(_ABSOLUTE.findall(o.text)) for o in q.options])


def convergence(q: Question) -> frozenset:
    """Writers build wrong options by varying the right one, so the right one shares most with the rest."""
    if q.type == "true_false":
        return longest(q)
    words = [_words(o.text) for o in q.options]
    return _pick(q, [sum(len(w & other) for j, other in enumerate(words) if j != i) for i, w in enumerate(words)])


def distinctive(q: Question) -> frozenset:
    """The option that alone picks up a word of the question (a clang cue)."""
    if q.type == "true_false":
        return longest(q)
    stem = _words(q.prompt)
    words = [_words(o.text) & stem for o in q.options]
    return _pick(q, [len(w - set().union(*(other for j, other in enumerate(words) if j != i)))
                     for i, w in enumerate(words)])


def no_absolutes(q: Question) -> frozenset:
    """Absolute words mark a distractor, says test-taking folklore; for true/false, a false claim."""
    if q.type == "true_false":
        return frozenset(o.id for o in q.options if _is_true(o) != bool(_ABSOLUTE.search(q.prompt)))
    plain = [o for o in q.options if not _ABSOLUTE.search(o.text)] or list(q.options)
    if q.type == "multiple":
        return frozenset(o.id for o in plain)
    return frozenset({max(plain, key=lambda o: length(o.text)).id})


def _claim(prompt: str) -> str:
    """The statement a true/false question asks about: after "True or false", else its last sentence."""
    found = re.search(r"true or false\W*(.*)$", prompt.strip(), re.IGNORECASE | re.DOTALL)
    return found.group(1) if found else re.split(r"(?<=[.?!])\s+", prompt.strip())[-1]


def hedges(q: Question) -> frozenset:
    """A hedged claim ("may", "often") is true and a flat one false, says test-taking folklore."""
    if q.type == "true_false":
        return frozenset(o.id for o in q.options if _is_true(o) == bool(_HEDGE.search(_claim(q.prompt))))
    return longest(q)


def every_other(q: Question) -> frozenset:
    """For a multiple question, tick A, C, E …: the pattern hand-written keys fall into."""
    if q.type == "multiple":
        return frozenset(o.id for o in q.options[::2])
    return longest(q)


READERS: dict[str, Reader] = {
    "longest": longest,
    "shortest": shortest,
    "always true": _always(True),
    "always false": _always(False),
    **{f"always {LETTERS[i]}": _position(i) for i in range(4)},
    "stem words": stem_overlap,
    "no absolutes": no_absolutes,
    "hedged is true": hedges,
    "every other": every_other,
    "collaborative": collaborative,
    "convergence": convergence,
    "lone stem word": distinctive,
}
BEST_MIX = "best mix"
READER_NOTES = {
    "longest": "the longest option; true/false: the longer word (False); multiple: options longer than the median",
    "shortest": "the mirror of longest",
    "always true": "true/false always True (longest elsewhere)",
    "always false": "true/false always False (longest elsewhere)",
    "always A": "the option in that position as written (A = True for true/false); likewise B, C, D",
    "stem words": "the option sharing most words with the question",
    "no absolutes": "avoid options with always/never/only/all/must…; a true/false claim with one is False",
    "hedged is true": "a true/false claim with may/can/often… is True, a flat one False",
    "every other": "multiple: tick A, C, E…",
    "collaborative": "the option with most words of working together (ask, both, together, agree, plan, consent…)",
    "convergence": "the option sharing most words with the other options",
    "lone stem word": "the option that alone repeats a word of the question",
    BEST_MIX: "for each kind of question, the reader that does best over the whole site",
}


def right(q: Question, chosen: frozenset) -> bool:
    return chosen == frozenset(q.correct_ids)


# ---- Figures for one set of items ----

@dataclass
class Figures:
    """What an author needs to see before adding to a quiz (one row of `make lint`)."""

    name: str
    source: str
    pass_mark: int
    items: int = 0
    singles: int = 0
    key_longest: int = 0
    key_shortest: int = 0
    ratios: list[float] = field(default_factory=list)
    positions: dict[str, int] = field(default_factory=dict)
    true_keys: int = 0
    multiple_keys: list[tuple[int, ...]] = field(default_factory=list)
    kinds: dict[str, list[str]] = field(default_factory=dict)
    graded: bool = True
    false_keys: int = 0
    scores: dict[str, int] = field(default_factory=dict)
    hits: dict[str, list[str]] = field(default_factory=dict)
    wins: dict[str, dict[str, int]] = field(default_factory=dict)

    def percent(self, name: str) -> int:
        return round(100 * self.scores.get(name, 0) / self.items) if self.items else 0

    @property
    def limit(self) -> int:
        return self.pass_mark - MARGIN

    @property
    def worst(self) -> tuple[str, int]:
        name = max(self.scores, key=lambda n: (self.scores[n], n == BEST_MIX), default=BEST_MIX)
        return name, self.percent(name)


def figures(name: str, source: str, pass_mark: int, questions: Sequence[Question], graded: bool = True) -> Figures:
    f = Figures(name, source, pass_mark, items=len(questions), graded=graded)
    for q in questions:
        keys = [i for i, o in enumerate(q.options) if o.correct]
        if q.type == "single":
            f.singles += 1
            key = q.options[keys[0]]
            others = [length(o.text) for o in q.options if not o.correct]
            if others:
                f.key_longest += length(key.text) > max(others)
                f.key_shortest += length(key.text) < min(others)
                f.ratios.append(length(key.text) / max(max(others), 1))
            letter = LETTERS[keys[0]]
            f.positions[letter] = f.positions.get(letter, 0) + 1
        elif q.type == "multiple":
            f.multiple_keys.append(tuple(keys))
        elif q.type == "true_false":
            if _is_true(q.options[keys[0]]):
                f.true_keys += 1
            else:
                f.false_keys += 1
        f.kinds.setdefault(q.type, []).append(q.id)
        wins = f.wins.setdefault(q.type, {})
        for reader_name, reader in READERS.items():
            hit = right(q, reader(q))
            f.scores[reader_name] = f.scores.get(reader_name, 0) + hit
            if hit:
                f.hits.setdefault(reader_name, []).append(q.id)
            wins[reader_name] = wins.get(reader_name, 0) + hit
    return f


def add_best_mix(rows: Sequence[Figures], also: Sequence[Figures] = ()) -> None:
    """The reader who has learned the site's habits: for each kind of question, the guessing rule
    that works best over all quizzes, applied to each. (Choosing per quiz, with hindsight, would be
    no strategy a reader could follow: among ten rules one always fits a handful of items.)"""
    best: dict[str, str] = {}
    for kind in {kind for f in rows for kind in f.wins}:
        totals = {name: sum(f.wins.get(kind, {}).get(name, 0) for f in rows) for name in READERS}
        best[kind] = max(totals, key=lambda name: totals[name])
    for f in list(rows) + list(also):
        f.scores[BEST_MIX] = sum(wins.get(best.get(kind, "longest"), 0) for kind, wins in f.wins.items())
        f.hits[BEST_MIX] = [qid for kind in f.wins for qid in f.kinds.get(kind, []) if qid in f.hits.get(best[kind], [])]


# ---- Rules ----

def item_problems(q: Question, source: str, doc: YamlDoc) -> list[Problem]:
    """Rules on one item, whatever the size of its quiz."""
    problems: list[Problem] = []

    def add(path: tuple, what: str, fix: str) -> None:
        problems.append(Problem(source, doc.line_of(path), field_name(path), what, fix))

    where = q.path + ("options",)
    for index, option in enumerate(q.options):
        found = _CATCH_ALL.search(option.text)
        if found:
            add(where + (index, "text"), f"'{found.group(0)}' is a catch-all option",
                "write a real alternative: a reader can answer a catch-all by spotting two right or wrong options")
    for index, option in enumerate(q.options):
        if _INVISIBLE.search(option.text) or _HIDING.search(option.text):
            add(where + (index, "text"), "has text or markup a reader does not see (a zero-width character, or a "
                "hidden, aria-hidden, style or class attribute)",
                "write the option as plain text; its length must be the length a reader sees")
    texts = [" ".join(o.text.lower().split()) for o in q.options]
    for index, text in enumerate(texts):
        if text in texts[:index]:
            add(where + (index, "text"), f"repeats options[{texts.index(text)}]", "give each option its own text")
    right_lengths = [length(o.text) for o in q.options if o.correct]
    wrong_lengths = [length(o.text) for o in q.options if not o.correct]
    if q.type == "single":
        if len(q.options) < 3:
            add(where, f"a 'single' question has {len(q.options)} options, needs at least 3",
                "add a plausible wrong option (a real mistake someone makes), or make it a true_false question")
        elif wrong_lengths and right_lengths[0] > KEY_LENGTH_RATIO * max(max(wrong_lengths), 1):
            add(where, f"the right option is {right_lengths[0] / max(max(wrong_lengths), 1):.1f}x as long as the longest "
                       f"wrong one ({right_lengths[0]} vs {max(wrong_lengths)} characters), at most "
                       f"{KEY_LENGTH_RATIO}x is allowed",
                "trim the right option or enrich the wrong ones so no option stands out by length")
    if q.type == "multiple":
        if not wrong_lengths:
            add(where, "every option is right, so ticking everything scores",
                "add at least one plausible wrong option")
        elif len(right_lengths) == 1 and right_lengths[0] > KEY_LENGTH_RATIO * max(max(wrong_lengths), 1):
            add(where, f"the one right option is {right_lengths[0] / max(max(wrong_lengths), 1):.1f}x as long as the "
                       f"longest wrong one, at most {KEY_LENGTH_RATIO}x is allowed",
                "trim the right option or enrich the wrong ones so no option stands out by length")
        elif statistics.mean(right_lengths) > MULTIPLE_LENGTH_RATIO * max(statistics.mean(wrong_lengths), 1):
            ratio = statistics.mean(right_lengths) / max(statistics.mean(wrong_lengths), 1)
            add(where, f"right options are on average {ratio:.1f}x as long as wrong ones, at most "
                       f"{MULTIPLE_LENGTH_RATIO}x is allowed",
                "trim the right options or enrich the wrong ones so length does not give them away")
    return problems


def set_problems(f: Figures, doc: YamlDoc, anchor: tuple = ("questions",)) -> list[Problem]:
    """Rules on one quiz (or the check) as a whole: only when it is big enough for shares to mean something."""
    problems: list[Problem] = []
    line, where = doc.line_of(anchor), field_name(anchor)

    part = f.name.split(": ", 1)[1] + "'s part of the check: " if f.name.startswith("training check: ") else ""

    def add(what: str, fix: str) -> None:
        problems.append(Problem(f.source, line, where, part + what, fix))

    def answered(name: str) -> str:
        return ", ".join(f.hits.get(name, []))

    if f.pass_mark < MIN_PASS_MARK:
        problems.append(Problem(f.source, doc.line_of(("pass_mark",)), "pass_mark",
                                f"is {f.pass_mark}, below {MIN_PASS_MARK}: a reader could pass by guessing alone",
                                f"set a pass mark of at least {MIN_PASS_MARK} (70 is usual)"))
        return problems
    if f.items < MIN_QUIZ_ITEMS:
        # Too few questions for shares to mean anything, but no fixed pattern may pass a graded quiz
        # (the check is not graded: a plan's part of one or two questions is no quiz to pass).
        for name in READERS if f.graded else ():
            if f.percent(name) >= f.pass_mark:
                add(f"a reader guessing by '{name}' passes this quiz: {f.percent(name)}% ({answered(name)}), "
                    f"the pass mark is {f.pass_mark}%",
                    f"add questions (from {MIN_QUIZ_ITEMS} on, the full rules apply) or change those keys")
        return problems

    if f.singles >= MIN_QUIZ_SINGLE:
        for count, word, fix in ((f.key_longest, "longest", "trim some right options or lengthen the wrong ones"),
                                 (f.key_shortest, "shortest", "make some right options fuller or the wrong ones terser")):
            if count > QUIZ_EXTREME_SHARE * f.singles:
                add(f"the right option is the {word} in {count} of {f.singles} single-answer questions, at most "
                    f"{int(QUIZ_EXTREME_SHARE * 100)}% is allowed", fix)
        letter, count = max(f.positions.items(), key=lambda kv: kv[1])
        if count > QUIZ_POSITION_SHARE * f.singles:
            add(f"{count} of {f.singles} single-answer keys are option {letter}, at most half may share a position",
                "move some right options to other positions (as written; shuffling does not change the answer key)")
    if f.true_keys + f.false_keys >= 2 and not (f.true_keys and f.false_keys):
        keyed = "true" if f.true_keys else "false"
        add(f"all {f.true_keys + f.false_keys} true/false questions are keyed {keyed}",
            f"rewrite at least one so its answer is {'false' if keyed == 'true' else 'true'}")
    for name in list(READERS) + [BEST_MIX]:
        if f.percent(name) > f.limit:
            add(f"a reader guessing by '{name}' scores {f.percent(name)}% ({f.scores[name]} of {f.items}: "
                f"{answered(name)}); guessing must stay at most {f.limit}% ({MARGIN} points under the "
                f"{f.pass_mark}% pass mark)",
                "rewrite some of those questions so that pattern picks a wrong option (`make lint` explains each reader)")
    return problems


def site_problems(all_figures: Iterable[Figures], anchor_line: Callable[[Figures], int]) -> list[Problem]:
    """Habits across the whole site, which a reader learns after a few quizzes."""
    rows = list(all_figures)
    singles = sum(f.singles for f in rows)
    problems: list[Problem] = []
    if singles >= MIN_SITE_ITEMS:
        most = max(rows, key=lambda f: f.key_longest)
        share = sum(f.key_longest for f in rows) / singles
        if share > SITE_LONGEST_SHARE:
            problems.append(Problem(most.source, anchor_line(most), "questions",
                                    f"across the site the right option is the longest in {share:.0%} of single-answer "
                                    f"questions, at most {SITE_LONGEST_SHARE:.0%} is allowed (this file has the most)",
                                    "trim right options or enrich wrong ones here first"))
        totals: dict[str, int] = {}
        for f in rows:
            for letter, count in f.positions.items():
                totals[letter] = totals.get(letter, 0) + count
        letter, count = max(totals.items(), key=lambda kv: kv[1])
        if count > SITE_POSITION_SHARE * singles:
            most = max(rows, key=lambda f: f.positions.get(letter, 0))
            problems.append(Problem(most.source, anchor_line(most), "questions",
                                    f"across the site {count} of {singles} single-answer keys are option {letter}, at most "
                                    f"{SITE_POSITION_SHARE:.0%} may share a position (this file has the most)",
                                    "move some right options here to other positions"))
    problems += _multiple_habits(rows, anchor_line)
    tf = sum(f.true_keys + f.false_keys for f in rows)
    if tf >= MIN_SITE_ITEMS // 2:
        share = sum(f.true_keys for f in rows) / tf
        if not TRUE_SHARE[0] <= share <= TRUE_SHARE[1]:
            keyed = "false" if share < TRUE_SHARE[0] else "true"
            most = max(rows, key=lambda f: f.false_keys if keyed == "false" else f.true_keys)
            problems.append(Problem(most.source, anchor_line(most), "questions",
                                    f"across the site {share:.0%} of true/false questions are keyed true, "
                                    f"{TRUE_SHARE[0]:.0%} to {TRUE_SHARE[1]:.0%} is needed (this file has the most keyed {keyed})",
                                    f"rewrite some true/false questions here so their answer is {'true' if keyed == 'false' else 'false'}"))
    return problems


def _multiple_habits(rows: list[Figures], anchor_line: Callable[[Figures], int]) -> list[Problem]:
    """Keys of "choose all that apply" questions fall into habits too: option A always right, or
    the same set (A, C, E) again and again. A reader who spots it needs no shuffling to use it on paper."""
    keys = [(f, k) for f in rows for k in f.multiple_keys]
    if len(keys) < MIN_SITE_MULTIPLE:
        return []
    problems = []
    first = sum(1 for _, k in keys if 0 in k)
    if first > MULTIPLE_POSITION_SHARE * len(keys):
        most = max(rows, key=lambda f: sum(0 in k for k in f.multiple_keys))
        problems.append(Problem(most.source, anchor_line(most), "questions",
                                f"across the site option A is right in {first} of {len(keys)} 'choose all that apply' "
                                f"questions, at most {MULTIPLE_POSITION_SHARE:.0%} is allowed (this file has the most)",
                                "make option A wrong in some of them, or move a right option down"))
    patterns: dict[tuple[int, ...], int] = {}
    for _, k in keys:
        patterns[k] = patterns.get(k, 0) + 1
    pattern, count = max(patterns.items(), key=lambda kv: kv[1])
    if count > MULTIPLE_PATTERN_SHARE * len(keys):
        letters = ", ".join(LETTERS[i] for i in pattern)
        most = max(rows, key=lambda f: f.multiple_keys.count(pattern))
        problems.append(Problem(most.source, anchor_line(most), "questions",
                                f"across the site {count} of {len(keys)} 'choose all that apply' questions are keyed "
                                f"exactly {letters}, at most a third may share one pattern (this file has the most)",
                                "vary which and how many options are right"))
    return problems


@dataclass(frozen=True)
class Report:
    rows: tuple[Figures, ...]
    problems: tuple[Problem, ...]


def lint(quizzes: Sequence, check=None, check_questions: Sequence[Question] = (),
         plan_checks: Sequence[tuple[str, Sequence[Question]]] = ()) -> Report:
    """Every quiz, and the training check held to the bar of a 70 % pass mark (it is not graded):
    the whole pool, and each plan's part of it (`plan_checks`: name and questions), since a room
    takes only its plan's part."""
    rows: list[Figures] = []
    problems: list[Problem] = []
    docs = {}
    for quiz in quizzes:
        scored = list(quiz.scored())
        for q in scored:
            problems += item_problems(q, quiz.source, quiz.doc)
        rows.append(figures(quiz.id, quiz.source, quiz.pass_mark, scored))
        docs[quiz.source] = quiz.doc
    if check is not None and check_questions:
        for q in check_questions:
            problems += item_problems(q, check.source, check.doc)
        rows.append(figures("training check", check.source, CHECK_PASS_MARK, list(check_questions), graded=False))
        docs[check.source] = check.doc
    parts = [figures(f"training check: {name}", check.source, CHECK_PASS_MARK, list(questions), graded=False)
             for name, questions in plan_checks] if check is not None else []
    add_best_mix(rows, parts)
    for f in rows + parts:
        problems += set_problems(f, docs[f.source])
    problems += site_problems(rows, lambda f: docs[f.source].line_of(("questions",)))
    return Report(tuple(rows + parts), tuple(problems))


def table(report: Report) -> str:
    """The figures per quiz as plain text, widest readers first, for `make lint`."""
    names = list(READERS) + [BEST_MIX]
    lines = ["Guessing readers (each answers without knowing the subject; where a reader has no rule for a kind",
             "of question it takes the longest option):"]
    lines += [f"  {name}: {note}" for name, note in READER_NOTES.items()] + [""]
    for f in report.rows:
        ratio = f"{statistics.mean(f.ratios):.2f} (max {max(f.ratios):.2f})" if f.ratios else "-"
        positions = " ".join(f"{letter}{f.positions.get(letter, 0)}" for letter in LETTERS[:4]) if f.singles else "-"
        tf = f"{f.true_keys} true, {f.false_keys} false" if f.true_keys + f.false_keys else "-"
        lines.append(f"{f.name}  ({f.source})")
        lines.append(f"  {f.items} scored questions, {f.singles} single-answer · pass mark {f.pass_mark}% · "
                     f"guessing limit {f.limit}%")
        lines.append(f"  key is longest option: {f.key_longest} of {f.singles} · shortest: {f.key_shortest} · "
                     f"key length / longest wrong: {ratio}")
        lines.append(f"  key positions: {positions} · true/false keys: {tf}")
        scores = "  ".join(f"{name} {f.percent(name)}%" + ("!" if f.percent(name) > f.limit else "") for name in names)
        lines.append(f"  guessing readers: {scores}")
        lines.append("")
    rows = [f for f in report.rows if not f.name.startswith("training check: ")]
    singles = sum(f.singles for f in rows)
    if singles:
        totals = {letter: sum(f.positions.get(letter, 0) for f in rows) for letter in LETTERS[:4]}
        tf = sum(f.true_keys + f.false_keys for f in rows)
        lines.append(f"site: {sum(f.items for f in rows)} scored questions · key longest in "
                     f"{sum(f.key_longest for f in rows)} of {singles} single-answer ("
                     f"{sum(f.key_longest for f in rows) / singles:.0%}) · positions "
                     + " ".join(f"{k}{v}" for k, v in totals.items())
                     + (f" · true/false keyed true {sum(f.true_keys for f in rows)} of {tf}" if tf else ""))
    return "\n".join(lines)
