"""Put the prose MkDocs converted on a quiz page into the quiz form's markup.

A quiz page's Markdown (quiz_page.md.j2) is the form's prose in one flat run, each field after a
`MARKER + KEY` line, between the keys `form-start` and `form-end`. PieceMarkers makes each such
line an empty <ca-piece> element: a block of its own, which no prose can swallow (quiz text may
hold no block HTML, quizzes.check_html), and which costs Markdown next to nothing, where an HTML
comment per field cost a third of the page's conversion. `assemble` cuts the converted run into
its pieces and renders quiz_form.html.j2 around them, before the glossary and search see the page.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from xml.etree import ElementTree

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markupsafe import Markup

from .problems import StopBuild
from .quizzes import Quiz
from .render import render

# Made anew in each build process, so no author can write a marker line into a quiz by chance or on purpose.
MARKER = f"::ca-piece-{secrets.token_hex(6)} "
_KEY = re.compile(r"[A-Za-z0-9_:-]+")
_START, _END = '<ca-piece key="form-start"></ca-piece>', '<ca-piece key="form-end"></ca-piece>'
_PIECE = re.compile(r'<ca-piece key="([A-Za-z0-9_:-]+)"></ca-piece>')
_ONE_PARAGRAPH = re.compile(r"<p>((?:(?!</?p[\s>]).)*)</p>", re.S)


class _Markers(BlockProcessor):
    def test(self, parent, block):
        return block.startswith(MARKER) and _KEY.fullmatch(block[len(MARKER):]) is not None

    def run(self, parent, blocks):
        ElementTree.SubElement(parent, "ca-piece", {"key": blocks.pop(0)[len(MARKER):]})


class PieceMarkers(Extension):
    """Registered by hooks/quiz_pages.py for every page; only quiz pages carry the marker lines."""

    def extendMarkdown(self, md):
        md.parser.blockprocessors.register(_Markers(md.parser), "ca_piece_markers", 99)


@dataclass(frozen=True)
class QuizForm:
    """What a quiz page's form is made from: the quiz, how many questions it scores, and the
    template that lays it out (the training check has its own, with no answers in reach before)."""

    quiz: Quiz
    total: int
    template: str = "quiz_form.html.j2"


def _form_span(html: str) -> tuple[int, int] | None:
    start = html.find(_START)
    end = html.find(_END, start)
    return (start, end + len(_END)) if start >= 0 and end >= 0 else None


def assemble(html: str, form: QuizForm, remember=None) -> str:
    """`remember(text, html)`, when given, hears each prompt, option and explanation as converted
    here, so its answer key can show the same HTML (prose_cache.py)."""
    span = _form_span(html)
    if span is None:
        raise _bug(form, "the quiz form's markers are missing from the converted page")
    parts = _PIECE.split(html[span[0] + len(_START):span[1] - len(_END)])
    pieces = {key: text.strip() for key, text in zip(parts[1::2], parts[2::2])}
    if remember is not None:
        for key, text in _key_texts(form.quiz.questions):
            if key in pieces:
                remember(text, pieces[key])

    def piece(key: str, inline: bool = False, continues: bool = False) -> Markup:
        if key not in pieces:
            raise _bug(form, f"the field '{key}' was lost when the page's Markdown was converted")
        text = pieces[key]
        if inline and (whole := _ONE_PARAGRAPH.fullmatch(text)):
            text = whole.group(1)  # an option's text sits inside its <label>
        if continues:  # the template opened a paragraph (a verdict): the piece's first one goes on in it
            text = " " + text[3:] if text.startswith("<p>") else "</p>\n" + text
        return Markup(text)

    markup = render(form.template, quiz=form.quiz, total=form.total, piece=piece, has=pieces.__contains__)
    return html[:span[0]] + markup + html[span[1]:]


def _key_texts(questions):
    """(piece key, source text) of what an answer key shows: prompts, options and explanations."""
    for q in questions:
        yield f"{q.id}:prompt", q.prompt
        for o in q.options:
            yield f"{q.id}:{o.id}:text", o.text
        if q.explanation:
            yield f"{q.id}:explanation", q.explanation
        yield from _key_texts(q.questions)


def _bug(form: QuizForm, what: str) -> StopBuild:
    """Markers are made per build and no quiz text can hold one, so this is never the author's doing."""
    return StopBuild(f"{form.quiz.source}: {what} — a fault in Common Agenda's quiz pages, not in the file; "
                     "please report it with this quiz file attached")
