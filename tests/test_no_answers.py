"""No answer reaches a page a participant is given or can search, read from the content model.

Hidden things: every option's feedback, every explanation (a question's and a case's "About this
case") and which option is right, for every quiz and the training check. They may be shown only on
the pages that reveal them on request (quiz pages and the online check, behind closed <details>)
and on the facilitator's pages named in FACILITATOR_ONLY. They must never be in the search index,
on a printed check sheet, in a participant print pack or on a participant handout.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from common_agenda.content import load_content
from sitekit import REPO

# Facilitator pages are allowed to hold answers; nothing here reads them except to prove that the
# hidden text is recognisable at all (see test_every_hidden_text_is_found_where_answers_belong).
FACILITATOR_ONLY = ("training/answer-keys/*/index.html", "training/check-key/index.html",
                    "training/checks/*-key/index.html", "training/plans/*-facilitator-pack/index.html",
                    "training/check-tally/index.html", "training/checks/*-tally/index.html")
REVEAL_ON_REQUEST = ("quizzes/*/index.html", "training/check/index.html")
# A sentence these pages teach openly is no secret when an explanation repeats it ("Ask only for what
# you need.", "A subpoena is usually not a court order." in a scenario's notes): it is not looked for.
TAUGHT_OPENLY = ("modules/*/index.html", "glossary/index.html", "training/scenarios/*/index.html")
CHECK_SHEETS = ("training/check-sheet/index.html", "training/checks/*-sheet/index.html")
PARTICIPANT_PAGES = CHECK_SHEETS + ("training/plans/*-print-pack/index.html", "training/builder-pack/index.html",
                                    "training/handouts/*/index.html")
MIN_CHARS, MIN_WORDS = 40, 6
LETTERS = "ABCDEFGH"

_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|code|em|i|span|strong)\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL)
_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                             "\u2014": "-", "\u2026": "...", "\u00a0": " "})


def plain(text: str) -> str:
    """What a reader sees, whether `text` is the author's Markdown or the built HTML: no tags,
    no emphasis marks, no link targets, straight quotes, one space between words and none before punctuation."""
    text = _MD_LINK.sub(r"\1", _SCRIPT.sub(" ", text))
    text = html.unescape(_TAG.sub(" ", _INLINE_TAG.sub("", text))).translate(_TYPOGRAPHY)
    text = re.sub(r"(?<!\w)[*_`]+|[*_`]+(?!\w)", "", text)
    text = " ".join(text.replace("--", "-").split())
    return re.sub(r"(?<=\() | (?=[,.;:!?)])", "", text)  # a tag's space before punctuation (a glossary <abbr>)


def sentences(text: str) -> list[str]:
    """Distinctive pieces of a hidden text: each sentence long enough not to turn up by chance."""
    found = [s.strip() for s in re.split(r"(?<=[.!?])\s+", plain(text))]
    return [s for s in found if len(s) >= MIN_CHARS or len(s.split()) >= MIN_WORDS]


@pytest.fixture(scope="module")
def content():
    return load_content(REPO)


@pytest.fixture(scope="module")
def hidden(content, site_dir) -> dict[str, list[str]]:
    """Where each hidden text comes from -> its distinctive sentences, less those taught openly."""
    found: dict[str, list[str]] = {}
    for quiz in content.quizzes:
        for question in quiz.questions:
            if question.type == "scenario":
                found[f"{quiz.id}/{question.id}: case explanation"] = sentences(question.explanation)
        for question in quiz.scored():
            found[f"{quiz.id}/{question.id}: explanation"] = sentences(question.explanation)
            for option in question.options:
                found[f"{quiz.id}/{question.id}/{option.id}: feedback"] = sentences(option.feedback)
    for item in content.check.items:
        question = item.question
        found[f"check/{question.id}: explanation"] = sentences(question.explanation)
        for option in question.options:
            found[f"check/{question.id}/{option.id}: feedback"] = sentences(option.feedback)
    taught = " ".join(plain(text) for text in pages(site_dir, TAUGHT_OPENLY).values())
    found = {where: [piece for piece in pieces if piece not in taught] for where, pieces in found.items()}
    return {where: pieces for where, pieces in found.items() if pieces}


def pages(site: Path, patterns: tuple[str, ...]) -> dict[str, str]:
    """Every page each pattern names; a pattern that names none fails, so a renamed kind of page cannot
    drop out of the checks unnoticed."""
    found = {}
    for pattern in patterns:
        matched = {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.glob(pattern)}
        assert matched, f"no page matches {pattern}"
        found |= matched
    return found


def test_the_model_has_case_explanations_to_hide(content, hidden):
    """At least one real quiz explains a case (trauma-informed's hospital visit), so its hiding is tested."""
    assert "trauma-informed/hospital-visit: case explanation" in hidden


def test_every_hidden_text_is_found_where_answers_belong(site_dir, hidden):
    """Proves `plain` reads the model and the built pages alike: else the tests below could not fail."""
    allowed = " ".join(plain(text) for text in pages(site_dir, FACILITATOR_ONLY + REVEAL_ON_REQUEST).values())
    missing = [f"{where}: {piece}" for where, pieces in hidden.items() for piece in pieces if piece not in allowed]
    assert missing == []


def test_no_feedback_or_explanation_is_searchable(site_dir, hidden):
    docs = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    index = " ".join(plain(d["title"] + " " + d["text"]) for d in docs)
    leaks = [f"{where}: {piece}" for where, pieces in hidden.items() for piece in pieces if piece in index]
    assert leaks == []


@pytest.mark.parametrize("kind", ["check sheets", "print packs and handouts"])
def test_no_feedback_or_explanation_is_on_paper_for_participants(site_dir, hidden, kind):
    found = pages(site_dir, CHECK_SHEETS if kind == "check sheets" else PARTICIPANT_PAGES[len(CHECK_SHEETS):])
    read = {page: plain(text) for page, text in found.items()}  # once per page, not once per sentence
    leaks = [f"{page}: {where}: {piece}" for page, text in read.items() for where, pieces in hidden.items()
             for piece in pieces if piece in text]
    assert leaks == []


SHEET_BLOCK = re.compile(r'<div class="ca-sheet__q">(.*?)</div>', re.DOTALL)
SHEET_LINE = re.compile(r"<li>(.*?)</li>", re.DOTALL)


def test_every_option_on_a_check_sheet_is_an_empty_box_a_letter_and_its_text_and_nothing_else(site_dir, content):
    """No tick, mark, class or word tells which option is right: each line is exactly what a
    participant needs to answer, in the model's order (a sheet page, or a pack that holds one)."""
    questions = [[f"{LETTERS[i]}. {plain(o.text)}" for i, o in enumerate(item.question.options)]
                 for item in content.check.items]
    box = '<span class="ca-sheet__box"></span> '
    sheets = pages(site_dir, PARTICIPANT_PAGES)
    seen = 0
    for page, text in sheets.items():
        for block in SHEET_BLOCK.findall(text):
            lines = SHEET_LINE.findall(block)
            assert all(line.startswith(box + "<strong>") for line in lines), (page, lines)
            assert [plain(line) for line in lines] in questions, (page, lines)
            assert len(re.findall(r"<li\b", block)) == len(lines), (page, block)  # no <li class=…>
            seen += 1
    full_sheet = SHEET_BLOCK.findall(sheets["training/check-sheet/index.html"])
    assert len(full_sheet) == len(content.check.items)
    assert seen > len(full_sheet)
