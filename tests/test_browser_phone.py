"""The site on a phone (390 x 844, touch): nothing scrolls sideways, glossary terms open on tap,
wide tables stack, and the closed drawer keeps out of the keyboard's way.

One browser context and one page for the whole file: each test starts with a page.goto.
"""

from __future__ import annotations

import pytest

from browsing import axe_violations, show_scheme
from common_agenda.glossary import first_use_only

WIDTH = 390

# One page of each type a phone user may open.
PAGE_TYPES = {
    "home": "",
    "module": "modules/timelines/",
    "modules index": "modules/",
    "quiz": "quizzes/confidentiality/",
    "quiz index": "quizzes/",
    "police path": "paths/police/",
    "provider path": "paths/provider/",
    "glossary": "glossary/",
    "sources": "sources/",
    "plan": "training/plans/full-day/",
    "print pack": "training/plans/half-day-print-pack/",
    "facilitator pack": "training/plans/ninety-minutes-facilitator-pack/",
    "session builder": "training/builder/",
    "my progress": "progress/",
    "scenario": "training/scenarios/farm-crew/",
    "handout": "training/handouts/farm-crew/",
    "check": "training/checks/ninety-minutes/",
    "check tally": "training/checks/ninety-minutes-tally/",
    "evaluation": "training/evaluation/",
    "certificate": "certificate/",
    "training index": "training/",
    "first-meeting brief": "first-meeting/",
    "facilitator guide": "training/facilitator-guide/",
    "duties": "duties/new-york/",
    "MOU template": "training/mou-template/",
    "about": "about/",
    "local contacts": "local-contacts/",
}

# The glossary term furthest to the right on the page: the one whose definition is likeliest to
# stick out of the screen.
RIGHTMOST_TERM = """() => {
  let best = -1, right = -1;
  document.querySelectorAll("article abbr[role=button]").forEach((term, index) => {
    const box = term.getBoundingClientRect();
    if (box.width && box.right > right) { right = box.right; best = index; }
  });
  return best;
}"""

DEFINITION_BOX = """(term) => {
  const box = document.getElementById(term.getAttribute("aria-describedby")).getBoundingClientRect();
  return [box.left, box.right, document.documentElement.clientWidth];
}"""


@pytest.fixture(scope="module")
def phone(browser, site_url):
    context = browser.new_context(viewport={"width": WIDTH, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def open_page(phone, site_url, path):
    phone.emulate_media(color_scheme="light")
    phone.goto(site_url + path, wait_until="networkidle")
    return phone


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def assert_inside(page, term):
    left, right, width = term.evaluate(DEFINITION_BOX)
    assert 0 <= left and right <= width <= WIDTH, (left, right, width)


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_page_scrolls_sideways_even_with_a_definition_open(phone, site_url, path):
    page = open_page(phone, site_url, path)
    assert scroll_width(page) <= WIDTH
    index = page.evaluate(RIGHTMOST_TERM)
    if index < 0:
        return  # no glossary term on this page (the glossary itself has none)
    term = page.locator("article abbr[role=button]").nth(index)
    term.tap()
    assert term.get_attribute("aria-expanded") == "true"
    assert_inside(page, term)
    assert scroll_width(page) <= WIDTH


@pytest.mark.browser
def test_a_term_opens_on_tap_and_closes_on_a_second_tap_escape_or_a_tap_elsewhere(phone, site_url):
    page = open_page(phone, site_url, "modules/protocols-and-mous/")
    term = page.locator("article abbr[role=button]", has_text="MOU").first
    definition = page.locator("#" + term.get_attribute("aria-describedby"))
    assert term.get_attribute("title") is None  # no second, browser-drawn tooltip on hover
    assert definition.get_attribute("role") == "tooltip"
    assert definition.text_content().startswith("Memorandum of Understanding")  # read as its description
    assert definition.is_hidden()

    term.tap()
    assert definition.is_visible() and term.get_attribute("aria-expanded") == "true"
    assert_inside(page, term)
    term.tap()
    assert definition.is_hidden() and term.get_attribute("aria-expanded") == "false"

    term.tap()
    page.keyboard.press("Escape")
    assert definition.is_hidden()

    term.tap()
    page.locator("article h1").tap()
    assert definition.is_hidden()

    # Loaded twice (as instant navigation may), one tap still opens it once, not open-then-shut.
    page.add_script_tag(url=site_url + "assets/glossary-terms.js")
    page.evaluate("window.caTerms.init()")
    assert page.locator(".ca-term .ca-term").count() == 0  # no term wrapped twice
    term.tap()
    assert definition.is_visible()
    term.press("Enter")  # the keyboard toggles it too
    assert definition.is_hidden()


@pytest.mark.browser
def test_a_term_in_a_table_cell_opens_above_the_table_not_clipped_by_it(phone, site_url):
    """Material's tables hide what overflows them: a definition there is placed in the viewport."""
    page = open_page(phone, site_url, "modules/confidentiality/")
    term = page.locator("article td abbr[role=button]").first
    term.tap()
    assert_inside(page, term)
    on_top = term.evaluate("""(term) => {
      const definition = document.getElementById(term.getAttribute("aria-describedby"));
      const box = definition.getBoundingClientRect();
      return document.elementFromPoint(box.left + box.width / 2, box.bottom - 4) === definition; }""")
    assert on_top


@pytest.mark.browser
def test_a_term_in_a_quiz_answer_opens_without_choosing_the_answer(phone, site_url):
    page = open_page(phone, site_url, "quizzes/relationships/")
    term = page.locator("article label abbr[role=button]").first
    radio = page.locator("#" + term.locator("xpath=ancestor::label").get_attribute("for"))
    term.tap()
    assert term.get_attribute("aria-expanded") == "true"
    assert not radio.is_checked()


@pytest.mark.browser
def test_an_agenda_stacks_into_labelled_rows(phone, site_url):
    page = open_page(phone, site_url, "training/plans/ninety-minutes/")
    table = page.locator("article table").first
    assert table.get_attribute("role") == "table"  # table semantics kept for screen readers
    assert table.locator("thead").bounding_box()["height"] <= 1  # shown only as the cells' labels
    cell = table.locator("tbody tr").first.locator("td").nth(1)
    assert cell.get_attribute("role") == "cell"
    label = cell.evaluate("c => getComputedStyle(c, '::before').content")
    assert "Block" in label
    assert cell.evaluate("c => getComputedStyle(c).display") == "flow-root"  # one row is a block, not a column
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH


def focused(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement;
      return { content: !!e.closest(".md-content"), drawer: !!e.closest(".md-sidebar--primary"),
               visible: e.getBoundingClientRect().right > 0, menu: e.matches("label[for=__drawer] button") }; }""")


@pytest.mark.browser
def test_tab_reaches_the_page_within_a_few_stops_and_the_menu_opens_the_drawer(phone, site_url):
    page = open_page(phone, site_url, "modules/timelines/")
    stops = 0
    while stops < 8:
        page.keyboard.press("Tab")
        stops += 1
        where = focused(page)
        assert not where["drawer"], "a closed drawer link took a tab stop"
        if where["content"]:
            break
    assert where["content"], "Tab did not reach the page within 8 stops"

    # From the keyboard: the menu button opens the drawer, whose links then take the next stops.
    menu = page.get_by_role("button", name="Menu")
    menu.focus()
    assert menu.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)  # the drawer slides in
    assert page.evaluate("__drawer.checked") and menu.get_attribute("aria-expanded") == "true"
    for _ in range(6):
        page.keyboard.press("Tab")
        if focused(page)["drawer"]:
            break
    assert focused(page)["drawer"] and focused(page)["visible"]
    assert axe_violations(page) == []  # the open drawer too (its sections' landmarks need names)
    page.keyboard.press("Escape")  # closes the drawer and returns to its button
    assert not page.evaluate("__drawer.checked") and focused(page)["menu"]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_module_with_a_definition_open_has_no_axe_violations(phone, site_url, scheme):
    page = open_page(phone, site_url, "modules/protocols-and-mous/")
    show_scheme(page, scheme)
    page.locator("article abbr[role=button]").first.tap()
    assert page.locator(".ca-term__def:visible").count() == 1
    assert axe_violations(page) == []


def test_a_table_header_carries_no_definition_on_a_phone_it_is_only_a_label():
    html = ('<table><thead><tr><th>Basis (<abbr title="An order signed by a judge.">court order</abbr>)</th>'
            '</tr></thead><tbody><tr><td>A <abbr title="An order signed by a judge.">court order</abbr></td>'
            '</tr></tbody></table>')
    out = first_use_only(html)
    assert '<th>Basis (court order)</th>' in out
    assert '<td>A <abbr title="An order signed by a judge." tabindex="0">court order</abbr></td>' in out
