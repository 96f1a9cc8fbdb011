"""Print packs on paper (issue 14): printed by Chromium as `make handouts` prints them, then read back
with pypdf. Nothing a room is handed shows markup or placeholders, no agenda row or evaluation
question, check question (with its options) or answer-key item is cut in two by a page break, each
handout starts on a new page, and every page has a footer with the title and page number.

Where a row or question falls is found by marks written into the page just before it is printed:
a short word at the start and the end of each agenda cell, each question and answer-key item, and of
each handout. A row or question is whole when all its marks are on one page.
"""

from __future__ import annotations

import io
import re
from datetime import date

import handouts
import pytest
from pypdf import PdfReader
from test_leftovers import leftovers

from browsing import axe_violations
from common_agenda import training_pages as tp
from common_agenda.content import load_content
from sitekit import REPO

pytestmark = pytest.mark.browser

CONTENT = load_content(REPO)
NINETY = next(plan for plan in CONTENT.plans if plan.id == "ninety-minutes")
PARTICIPANT = NINETY.pack_uri.replace(".md", "/")
FACILITATOR = tp.facilitator_pack_uri(NINETY).replace(".md", "/")

# Marks: zzr<row>c<cell>[se]zz in agenda cells, zzq<n>[se]zz around each evaluation question,
# zzh<n>[se]zz around each handout of the pack, zzs<n>[se]zz around each check question on a question
# sheet and zzk<n>[se]zz around each answer-key item. Tiny, so they hardly move anything.
MARK = """() => {
  const mark = (el, text, atEnd) => {
    const span = document.createElement('span');
    span.textContent = ' ' + text + ' ';
    span.style.fontSize = '3px';
    if (atEnd) el.append(span); else el.prepend(span);
  };
  const agenda = document.querySelector('article table');
  agenda.querySelectorAll('tbody tr').forEach((row, r) => row.querySelectorAll('td').forEach((cell, c) => {
    mark(cell, 'zzr' + r + 'c' + c + 'szz', false); mark(cell, 'zzr' + r + 'c' + c + 'ezz', true);
  }));
  document.querySelectorAll('.ca-eval__item').forEach((item, n) => {
    mark(item, 'zzq' + n + 'szz', false); mark(item, 'zzq' + n + 'ezz', true);
  });
  document.querySelectorAll('.ca-print-section').forEach((section, n) => {
    mark(section, 'zzh' + n + 'szz', false); mark(section, 'zzh' + n + 'ezz', true);
  });
  const sheet = document.querySelectorAll('.ca-sheet__q'), key = document.querySelectorAll('.ca-key__item');
  sheet.forEach((q, n) => { mark(q, 'zzs' + n + 'szz', false); mark(q, 'zzs' + n + 'ezz', true); });
  key.forEach((q, n) => { mark(q, 'zzk' + n + 'szz', false); mark(q, 'zzk' + n + 'ezz', true); });
  return [agenda.querySelectorAll('tbody tr').length, document.querySelectorAll('.ca-eval__item').length,
          document.querySelectorAll('.ca-print-section').length, sheet.length, key.length];
}"""


class Printed:
    def __init__(self, data: bytes):
        self.pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]

    def marks(self) -> dict[str, list[int]]:
        """Each mark, and the pages (from 1) it is on."""
        found: dict[str, list[int]] = {}
        for number, text in enumerate(self.pages, 1):
            for mark in re.findall(r"zz([rqhsk]\d+(?:c\d+)?[se])zz", text):
                found.setdefault(mark, []).append(number)
        return found


@pytest.fixture(scope="module")
def printing(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def printed(page, url: str, marked: bool = False):
    page.goto(url, wait_until="networkidle")
    counts = page.evaluate(MARK) if marked else None
    return Printed(handouts.pdf(page)), counts


@pytest.fixture(scope="module")
def participant(printing, site_url):
    return printed(printing, site_url + PARTICIPANT, marked=True)


@pytest.fixture(scope="module")
def plain_participant(printing, site_url):
    return printed(printing, site_url + PARTICIPANT)[0]


@pytest.fixture(scope="module")
def marked_facilitator(printing, site_url):
    return printed(printing, site_url + FACILITATOR, marked=True)


@pytest.fixture(scope="module")
def facilitator(marked_facilitator):
    return marked_facilitator[0]


def test_the_packs_have_a_sane_number_of_pages(plain_participant, facilitator):
    # The ninety-minute plan on A4, measured in Chromium: the agenda, then the brief, the check's sheet,
    # the scenario and the evaluation form (7 pages, as test_browser_training's PACK_PAGES); the facilitator
    # pack adds the script, notes and answer key (16). A lost handout or a spill onto a new page changes
    # them: measure again when a handout's text changes.
    assert (len(plain_participant.pages), len(facilitator.pages)) == (7, 16)


def test_the_printed_packs_show_no_leftovers(plain_participant, facilitator):
    for pack in (plain_participant, facilitator):
        assert leftovers("\n".join(pack.pages)) == []


def test_the_participant_pack_holds_no_facilitator_notes_or_answer_keys(plain_participant, facilitator):
    words = "\n".join(plain_participant.pages)
    assert "Facilitator note" not in words and "Answer key" not in words
    assert "participant handout" in words and "Session evaluation" in words
    notes = "\n".join(facilitator.pages)
    assert "Facilitator notes" in notes and "Answer key" in notes and "participant handout" in notes


def test_every_page_has_a_footer_with_title_and_page_number(plain_participant, facilitator):
    """print.css draws the footer (@page margin boxes), so the browser's Print button gets it too;
    `make handouts` prints with Chromium's own footer off (handouts.pdf), so it is there once."""
    for pack, title in ((plain_participant, "90-minute introduction: participant pack"),
                        (facilitator, "90-minute introduction: facilitator pack")):
        total = len(pack.pages)
        for number, text in enumerate(pack.pages, 1):
            assert f"page {number} of {total}" in text
            assert len(re.findall(r"page \d+ of \d+", text)) == 1
            assert text.count(title) == 1 + (number == 1)  # the footer, and the heading on page 1
            assert f"printed {date.today():%B} {date.today().day}, {date.today().year}" in text  # en: December 1, 2026


def test_no_agenda_row_or_evaluation_question_is_cut_across_pages(participant):
    pack, (rows, questions, sections, _, _) = participant
    assert rows == len(NINETY.blocks) + 1 and questions >= 8 and sections >= 4  # blocks, and the Total row
    marks = pack.marks()
    groups: dict[str, set[int]] = {}
    for mark, pages in marks.items():
        if mark.startswith(("r", "q")):
            groups.setdefault(re.match(r"[rq]\d+", mark).group(), set()).update(pages)
    assert len(groups) == rows + questions  # every mark was found in the PDF's text
    assert {name: sorted(pages) for name, pages in groups.items() if len(pages) > 1} == {}


def whole(marks: dict[str, list[int]], kind: str) -> tuple[int, dict[str, list[int]]]:
    """How many of one kind of marked thing were found, and those that run over more than one page."""
    groups: dict[str, set[int]] = {}
    for mark, pages in marks.items():
        if mark.startswith(kind):
            groups.setdefault(mark[:-1], set()).update(pages)
    return len(groups), {name: sorted(pages) for name, pages in groups.items() if len(pages) > 1}


def test_no_check_question_or_answer_key_item_is_cut_across_pages(participant, marked_facilitator):
    """A question with its options, and a key item with its explanation, each on one page: testers
    found "A. True" on one page and "B. False" on the next, and a key item split across two."""
    pack, (_, _, _, sheet, key) = participant
    assert sheet >= 3 and key == 0
    assert whole(pack.marks(), "s") == (sheet, {})
    pack, (_, _, _, sheet, key) = marked_facilitator
    assert sheet >= 3 and key == sheet
    assert whole(pack.marks(), "s") == (sheet, {})
    assert whole(pack.marks(), "k") == (key, {})


def test_each_handout_starts_on_a_new_page(participant):
    pack, (_, _, sections, _, _) = participant
    marks = pack.marks()
    agenda_end = max(pages[0] for mark, pages in marks.items() if mark.startswith("r"))
    starts = [marks[f"h{n}s"][0] for n in range(sections)]
    ends = [marks[f"h{n}e"][0] for n in range(sections)]
    assert starts[0] > agenda_end
    assert all(starts[n] > ends[n - 1] for n in range(1, sections))


@pytest.mark.parametrize("path", [PARTICIPANT, FACILITATOR, "first-meeting/", "training/evaluation/",
                                  "training/handouts/school-referral/", "training/mou-template/"])
def test_a_print_button_prints_the_page_and_is_not_printed(printing, site_url, path):
    page = printing
    page.emulate_media(media="screen")
    page.goto(site_url + path, wait_until="networkidle")
    button = page.locator("article").get_by_role("button", name="Print this page")
    assert button.count() == 1 and button.is_visible()
    assert button.evaluate("b => b.tagName") == "BUTTON"
    page.evaluate("() => { window.print = () => { document.body.dataset.caPrinted = 'yes'; }; }")
    button.click()
    assert page.evaluate("document.body.dataset.caPrinted") == "yes"
    page.emulate_media(media="print")
    assert not button.is_visible()
    page.emulate_media(media="screen")


def test_the_evaluation_form_in_a_pack_is_laid_out_for_paper(printing, site_url):
    page = printing
    page.goto(site_url + PARTICIPANT, wait_until="networkidle")
    page.emulate_media(media="print")
    try:
        shape = page.evaluate("""() => {
          const box = document.querySelector('.ca-eval__text'), form = document.querySelector('form.ca-eval');
          const scale = document.querySelector('.ca-eval__points');
          const points = [...scale.querySelectorAll('.ca-eval__point')].map(p => p.getBoundingClientRect().top);
          return {boxWidth: box.getBoundingClientRect().width, formWidth: form.getBoundingClientRect().width,
                  resize: getComputedStyle(box).resize, oneLine: Math.max(...points) - Math.min(...points) < 4,
                  item: getComputedStyle(document.querySelector('.ca-eval__item')).breakInside};
        }""")
    finally:
        page.emulate_media(media="screen")
    assert shape["boxWidth"] > 0.9 * shape["formWidth"]
    assert shape["resize"] == "none" and shape["oneLine"] and shape["item"] == "avoid"


def test_the_facilitator_pack_reads_well_on_paper(printing, site_url):
    """Print styles, measured in the facilitator pack as Chromium prints it: section and block headings
    of the script stand out from the text; glossary terms and tab labels are not underlined like links;
    a local contact to fill in is one drawn line long enough for a name and phone (it was 12 underscores)."""
    page = printing
    page.goto(site_url + FACILITATOR, wait_until="networkidle")
    page.emulate_media(media="print")
    try:
        look = page.evaluate("""() => {
          const style = (selector) => getComputedStyle(document.querySelector('article ' + selector));
          const size = (s) => parseFloat(s.fontSize);
          const p = style('p'), h2 = style('h2'), h3 = style('h3');
          const marked = (s) => s.textDecorationLine !== 'none' || s.borderBottomStyle !== 'none';
          const labels = [...document.querySelectorAll('article .tabbed-labels > label, article .tabbed-labels > label > a')].map(getComputedStyle);
          return {h2: size(h2) / size(p), h3: size(h3) / size(p), h2Weight: +h2.fontWeight,
                  h3Weight: +h3.fontWeight, h2Rule: h2.borderTopStyle + ' ' + parseFloat(h2.borderTopWidth),
                  terms: document.querySelectorAll('article abbr').length, tabs: labels.length,
                  markedTerms: [...document.querySelectorAll('article abbr, article .ca-term')]
                    .filter((e) => marked(getComputedStyle(e))).length,
                  markedTabs: labels.filter((s) => marked(s) || s.color !== 'rgb(0, 0, 0)').length,
                  fills: [...document.querySelectorAll('article p .ca-fill__line')].map((l) => {
                    const s = getComputedStyle(l), box = l.getBoundingClientRect();
                    return [box.width / parseFloat(s.fontSize), l.getClientRects().length, s.borderBottomStyle];
                  })};
        }""")
    finally:
        page.emulate_media(media="screen")
    assert look["h2"] >= 1.4 and look["h3"] >= 1.15
    assert look["h2Weight"] >= 700 and look["h3Weight"] >= 700
    assert look["h2Rule"].startswith("solid ") and float(look["h2Rule"].split()[1]) >= 1
    assert look["terms"] > 0 and look["tabs"] > 0
    assert look["markedTerms"] == 0 and look["markedTabs"] == 0
    assert len(look["fills"]) >= 2
    assert all(width >= 15.9 and pieces == 1 and line == "solid" for width, pieces, line in look["fills"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [PARTICIPANT, FACILITATOR])
def test_the_packs_have_no_axe_violations(printing, site_url, path, scheme):
    page = printing
    page.emulate_media(media="screen", color_scheme=scheme)
    page.goto(site_url + path, wait_until="networkidle")
    page.wait_for_timeout(400)  # Material's colour transitions end before axe measures contrast
    assert axe_violations(page) == []
