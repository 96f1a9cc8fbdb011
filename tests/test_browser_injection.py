"""Injection: author text that could run code is refused, field by field, with the exact message;
text that only looks dangerous (entities, code, autolinks) builds, and no page of it runs anything.

Every prose field of every content type is tried: module front matter and body, every quiz text,
scenarios, session plans (summary, block note), activities, the training check, local.yml
(names, contacts, hotlines, module notes), the evaluation form (title, intro, sections, labels,
options) and the glossary. The refused site is checked in-process (all fields at once: problems
are gathered, not stopped at the first) and with the real `mkdocs build --strict`. The allowed site
is opened page by page in headless Chromium with dialog, console and page-error listeners.
"""

from __future__ import annotations

import re

import pytest

from browsing import built_and_served
from common_agenda import unsafe_html
from common_agenda.content import load_content
from common_agenda.problems import ContentError
from sitekit import QUIZ, TinySite

GENERIC_FIX = unsafe_html.FIX
QUIZ_FIX = ("remove it: quiz text is Markdown and may only use inline HTML such as <em> or <br>, "
            "never tags that run code, on* attributes or javascript: links")
INTRO_FIX = ("remove it: the intro is Markdown and may only use inline HTML such as <em> or <br>, "
             "never tags that run code, on* attributes or javascript: links")

PAYLOADS = {
    "script": ("<script>alert(1)</script>", "contains a <script> tag"),
    "img-onerror": ("<img src=x onerror=alert(1)>", "contains an event-handler attribute in <img>"),
    "svg-onload": ("<svg onload=alert(1)>", "contains a <svg> tag"),
    "a-onclick": ('<a href="#" onclick="alert(1)">x</a>', "contains an event-handler attribute in <a>"),
    "javascript-link": ("[x](javascript:alert(1))", "contains a javascript: (or similar) link"),
    "javascript-angle-link": ("[x](<javascript:alert(1)>)", "contains a javascript: (or similar) link"),
    "data-html-link": ("[x](data:text/html,hi)", "contains a javascript: (or similar) link"),
    "iframe": ('<iframe src="https://example.org"></iframe>', "contains a <iframe> tag"),
}

# ---- Sources with a marked slot in every prose field: @@<field as reported>@@ ----

MODULE = """\
---
id: shared-goals
title: @@title@@
summary: @@summary@@
audiences: [police, provider]
minutes: 20
objectives:
  - @@objectives[0]@@
  - Explain why each role matters.
covers: [A1, A2]
sources:
  - title: Human Trafficking Task Force e-Guide
    publisher: Office for Victims of Crime Training and Technical Assistance Center
    url: https://www.ovcttac.gov/taskforceguide/eguide/how-to-use-this-guide/
    supports: how task forces share goals
    primary: true
reviewed: 2026-12-01
---

## Why it matters

@@body@@
"""


def quiz_template() -> str:
    edits = {
        'title: "Check yourself: Shared goals"': "title: @@title@@",
        "intro: Four questions on *shared goals*.": "intro: @@intro@@",
        "prompt: An officer and a case worker disagree about timing. What is most useful?":
            "prompt: @@questions[0].prompt@@",
        "text: Escalate to a supervisor at once.": "text: @@questions[0].options[1].text@@",  # a wrong option: a long one is fine
        "feedback: Yes. Shared goals survive different timelines.": "feedback: @@questions[0].options[0].feedback@@",
        "explanation: Different means, one goal.": "explanation: @@questions[0].explanation@@",
        "prompt: |\n      *Fictional case.* A detective calls a shelter late at night.\n":
            "prompt: @@questions[3].prompt@@\n",
        "text: The names of every suspect.": "text: @@questions[3].questions[0].options[1].text@@",
        "explanation: Confidentiality rules bind providers.": "explanation: @@questions[3].questions[1].explanation@@",
    }
    text = QUIZ
    for old, new in edits.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


SCENARIO = """\
id: late-call
title: @@title@@
summary: @@summary@@
minutes: 30
covers: [A1]
modules: [shared-goals]
setting: @@setting@@
roles:
  - name: @@roles[0].name@@
    side: police
    brief: @@roles[0].brief@@
  - name: Dana Keller
    side: provider
    brief: You have one bed free.
stages:
  - title: @@stages[0].title@@
    text: @@stages[0].text@@
    prompts:
      - @@stages[0].prompts[0]@@
    notes: @@stages[0].notes@@
  - title: The next morning
    text: Both young people are safe.
    prompts:
      - Who talks to her?
debrief:
  - @@debrief[0]@@
facilitator_notes: @@facilitator_notes@@
"""

PLAN = """\
id: short
title: @@title@@
summary: @@summary@@
length: 30
start: "09:00"
blocks:
  - module: shared-goals
    note: @@blocks[0].note@@
  - activity: talk
"""

ACTIVITIES = """\
talk:
  kind: exercise
  title: @@talk.title@@
  minutes: 10
  lead: both
  materials:
    - @@talk.materials[0]@@
  description: @@talk.description@@
"""

CHECKS = """\
title: @@title@@
intro: @@intro@@
questions:
  - id: first-step
    module: shared-goals
    type: single
    prompt: @@questions[0].prompt@@
    covers: [A1]
    options:
      - id: a
        text: Ask the young person what she needs first
        correct: true
        feedback: @@questions[0].options[0].feedback@@
      - id: b
        text: @@questions[0].options[1].text@@
        correct: false
        feedback: Not the first step.
      - id: c
        text: Wait for the duty sergeant to decide on the case
        correct: false
        feedback: Not the first step either.
    explanation: @@questions[0].explanation@@
"""

LOCAL = """\
agency: @@agency@@
partner: @@partner@@
region: @@region@@
contacts:
  - name: @@contacts[0].name@@
    role: @@contacts[0].role@@
    organisation: @@contacts[0].organisation@@
    phone: 555-0100
    hours: @@contacts[0].hours@@
hotlines:
  - name: @@hotlines[0].name@@
    phone: 1-888-373-7888
    hours: @@hotlines[0].hours@@
module_notes:
  shared-goals: @@module_notes.shared-goals@@
"""

EVALUATION = """\
title: @@title@@
intro: @@intro@@
sections:
  - title: @@sections[0].title@@
    items:
      - id: useful
        kind: scale
        label: @@sections[0].items[0].label@@
      - id: role
        kind: choice
        label: I work mainly as
        options:
          - @@sections[0].items[1].options[0]@@
          - Other
"""

GLOSSARY_TAGS = """\
- term: @@[0].term@@
  definition: A plain definition.
  aliases:
    - @@[0].aliases[0]@@
"""
GLOSSARY_LINKS = """\
- term: MOU
  definition: @@[0].definition@@
"""

SLOT = re.compile(r"@@(.+?)@@")


def fill(template: str, payload: str, *, quoted: bool = True) -> tuple[str, list[tuple[str, int]]]:
    """The template with every slot filled, and (field, line) of each slot."""
    slots = [(m.group(1), template.count("\n", 0, m.start()) + 1) for m in SLOT.finditer(template)]
    value = "'" + payload.replace("'", "''") + "'" if quoted else payload
    return SLOT.sub(lambda m: value, template), slots


def hostile_site(site: TinySite, payload: str) -> list[str]:
    """Write a tiny site with `payload` in every prose field; return the exact lines expected."""
    _, what = next(v for v in PAYLOADS.values() if v[0] == payload)
    expected: list[str] = []

    def put(path: str, template: str, fix: str, *, fixes: dict[str, str] | None = None) -> None:
        text, slots = fill(template, payload)
        site.write(path, text)
        expected.extend(f"{path}:{line}: {field}: {what} — {(fixes or {}).get(field, fix)}" for field, line in slots)

    front, slots = fill(MODULE.split("\n\n## Why")[0], payload)
    body_text = MODULE[len(MODULE.split("\n\n## Why")[0]):]
    body_line = (front + body_text).count("\n", 0, (front + body_text).index("@@body@@")) + 1
    site.add_module(text=front + body_text.replace("@@body@@", payload))
    expected.extend(f"modules/shared-goals.md:{line}: {field}: {what} — {GENERIC_FIX}" for field, line in slots)
    expected.append(f"modules/shared-goals.md:{body_line}: body: {what} — {GENERIC_FIX}")

    put("quizzes/shared-goals.yml", quiz_template(), QUIZ_FIX)
    put("training/scenarios/late-call.yml", SCENARIO, GENERIC_FIX)
    put("training/plans/short.yml", PLAN, GENERIC_FIX)
    put("training/activities.yml", ACTIVITIES, GENERIC_FIX)
    put("training/checks.yml", CHECKS, QUIZ_FIX)  # check items are quiz items: inline HTML only
    put("local.yml", LOCAL, GENERIC_FIX)
    put("training/evaluation.yml", EVALUATION, GENERIC_FIX, fixes={"intro": INTRO_FIX})
    # The glossary schema already keeps < > " out of definitions and [ ] out of terms.
    if "<" in payload and "[" in payload:
        text, _ = fill(GLOSSARY_LINKS, payload)
        site.write("modules/glossary.yml", text)
        shown = payload if len(payload) <= 40 else payload[:37] + "..."
        expected.append(f"modules/glossary.yml:2: [0].definition: text ({shown!r}) is not in the expected form — "
                        "write one or two plain sentences on one line, without quotes, < or >")
    else:
        put("modules/glossary.yml", GLOSSARY_TAGS if "<" in payload else GLOSSARY_LINKS, GENERIC_FIX)
    return expected


@pytest.mark.parametrize("name", PAYLOADS)
def test_every_prose_field_refuses_code_with_the_exact_message(tiny_site, name):
    expected = hostile_site(tiny_site, PAYLOADS[name][0])
    with pytest.raises(ContentError) as caught:
        load_content(tiny_site.root)
    found = [str(p) for p in caught.value.problems]
    assert sorted(found) == sorted(expected), "\n".join(sorted(set(found) ^ set(expected)))
    assert len(expected) >= 45


@pytest.mark.parametrize("name", ["script", "img-onerror", "javascript-angle-link"])
def test_the_real_build_refuses_them_and_writes_nothing(tiny_site, name):
    expected = hostile_site(tiny_site, PAYLOADS[name][0])
    build = tiny_site.build()
    assert build.returncode != 0 and "Traceback" not in build.output, build.output
    assert not build.site.exists()
    missing = [line for line in expected if line not in build.output]
    assert not missing, "\n".join(missing) + "\n--- output ---\n" + build.output


# ---- Text that only looks dangerous is allowed, and runs nothing in a browser ----

LOOKS_DANGEROUS = [
    "Entities: &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;.",
    "A code span: `<script>alert(1)</script>` and `<iframe src=x>`.",
    "An autolink: <https://example.org/search?q=script> and a mail link: <someone@example.org>.",
    "Plain words: JavaScript, alert(1), onerror, onload and data:image are only words here.",
    'Inline HTML that is fine: <em>stress</em>, <kbd>Ctrl</kbd>, <abbr title="onclick is not run">MOU</abbr>.',
    '[A safe link](https://example.org/?javascript=no "a script is only a word").',  # no '<' in titles: tooltips insert them
]
SAFE_BODY = "\n\n".join(LOOKS_DANGEROUS) + "\n\n```html\n<script>alert(1)</script>\n<iframe src=x></iframe>\n```\n"


def allowed_site(root) -> TinySite:
    site = TinySite(root)
    site.use_site_assets()
    one_line = " ".join(LOOKS_DANGEROUS[:2] + LOOKS_DANGEROUS[3:5])
    quoted = "'" + one_line.replace("'", "''") + "'"
    # Titles, glossary definitions (tooltips) and link titles must be plain words: Material writes
    # them outside the content or as titles, so they are not filled with look-alikes here.
    front, _ = fill(MODULE.split("\n\n## Why")[0], "Shared goals, different missions")
    site.add_module(text=front + "\n\n## Why it matters\n\n" + SAFE_BODY)
    quiz, _ = fill(quiz_template(), one_line)
    site.write("quizzes/shared-goals.yml", quiz.replace("title: " + quoted, 'title: "Check yourself: Shared goals"', 1))
    scenario, _ = fill(SCENARIO, one_line)
    scenario = scenario.replace("title: " + quoted, "title: The late call", 1)
    scenario = scenario.replace("summary: " + quoted, "summary: 'A late call, &lt;script&gt; and `<script>`.'", 1)
    site.write("training/scenarios/late-call.yml", scenario)
    plan, _ = fill(PLAN, one_line)
    site.write("training/plans/short.yml", plan.replace("title: " + quoted, "title: Short session", 1))
    activities, _ = fill(ACTIVITIES, one_line)
    site.write("training/activities.yml", activities.replace("title: " + quoted, "title: Talk", 1))
    checks, _ = fill(CHECKS, one_line)
    site.write("training/checks.yml", checks.replace("title: " + quoted, "title: Before and after", 1))
    local, _ = fill(LOCAL, "Riverside &lt;script&gt; `<script>`")
    site.write("local.yml", local.replace("module_notes:\n  shared-goals: 'Riverside &lt;script&gt; `<script>`'",
                                          "module_notes:\n  shared-goals: " + quoted))
    evaluation, _ = fill(EVALUATION, "Useful &lt;script&gt;alert(1)&lt;/script&gt; `<b onclick>`")
    site.write("training/evaluation.yml", evaluation.replace("intro: 'Useful", "intro: 'Intro: Useful", 1))
    site.write("modules/glossary.yml", "- term: MOU\n  definition: A memorandum of understanding; alert(1) and onclick are only words.\n"
                                       "- term: shelter\n  definition: A safe place; `script` and iframe are only words here.\n")
    site.nav = ("- Home: index.md\n- Modules: modules/*.md\n- Check yourself:\n    - quizzes/index.md\n    - quizzes/*.yml\n"
                "- Training:\n    - training/index.md\n    - training/plans/*.yml\n    - training/scenarios/*.yml\n"
                "    - training/evaluation.md\n    - local-contacts.md\n- Glossary: glossary.md\n")
    return site


@pytest.fixture(scope="module")
def allowed(tmp_path_factory):
    with built_and_served(allowed_site(tmp_path_factory.mktemp("allowed") / "project")) as served:
        yield served


@pytest.fixture
def watched(browser, allowed, foreign_requests):
    url, _ = allowed
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    foreign_requests.watch(context, url)
    page = context.new_page()
    page.dialogs, page.errors, page.console_errors = [], [], []

    def on_dialog(dialog):
        page.dialogs.append(f"{dialog.type}: {dialog.message} at {page.url}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: page.errors.append(f"{error} at {page.url}"))
    page.on("console", lambda m: m.type == "error" and "Failed to load resource" not in m.text
            and page.console_errors.append(f"{m.text} at {page.url}"))
    yield page
    context.close()


LIVE_CODE = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const value = attr.value.replace(/\\s/g, '').toLowerCase();
      if (attr.name.startsWith('on')) found.push(el.tagName + ' ' + attr.name);
      if (/^(javascript|vbscript):|^data:text\\/html/.test(value)) found.push(el.tagName + ' ' + attr.name + '=' + value);
    }
    if (['IFRAME', 'OBJECT', 'EMBED', 'FRAME'].includes(el.tagName)) found.push(el.tagName);
  }
  for (const s of document.scripts) if (!s.src && /alert\\(/.test(s.textContent)) found.push('inline script');
  return found;
}"""


def test_text_that_only_looks_dangerous_builds_and_shows_as_text(allowed):
    _, site = allowed
    module = (site / "modules/shared-goals/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in module
    assert "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>" in module
    assert '<a href="https://example.org/search?q=script">' in module
    quiz = (site / "quizzes/shared-goals/index.html").read_text(encoding="utf-8")
    assert "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>" in quiz


def test_no_page_of_the_allowed_site_runs_anything(watched, allowed):
    url, site = allowed
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert len(pages) >= 10
    for path in pages:
        watched.goto(url + ("" if path == "." else path + "/"), wait_until="load")
        watched.wait_for_timeout(100)  # page scripts have run; a dialog would have opened by now
        assert watched.evaluate(LIVE_CODE) == [], path
    assert watched.dialogs == [] and watched.errors == [] and watched.console_errors == []


UNCOVERED = """e => { e.scrollIntoView({block: "center"}); const r = e.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return !!hit && (e.contains(hit) || hit.contains(e)); }"""
CLICKED = 54  # measured: what a reader can click on the quiz page as it first opens


def test_clicking_every_link_and_button_on_the_quiz_page_opens_no_dialog(watched, allowed):
    """Each target is clicked on the page as it first opens (storage cleared), so which ones a reader
    can click does not depend on what the clicks before it changed, and the count is exact."""
    url, _ = allowed
    quiz_url = url + "quizzes/shared-goals/"
    targets = "a[href], button, summary, label, input"
    watched.add_init_script("try { localStorage.clear(); } catch (error) {}")  # each page opens as new
    watched.goto(quiz_url, wait_until="networkidle")
    watched.locator("form.ca-quiz[data-ca-ready]").wait_for(state="attached")
    # What a reader can click on the page as it opens (the skip link sits under the header until
    # focused): read once, since every click below starts from that same fresh page.
    clickable = [index for index, target in enumerate(watched.locator(targets).all())
                 if target.is_visible() and target.is_enabled() and target.evaluate(UNCOVERED)]
    clicked = 0
    for index in clickable:
        watched.goto(quiz_url, wait_until="load")
        watched.locator("form.ca-quiz[data-ca-ready]").wait_for(state="attached")
        target = watched.locator(targets).nth(index)
        target.click(timeout=2000, no_wait_after=True)
        clicked += 1
        watched.wait_for_timeout(50)
        watched.wait_for_load_state("networkidle")  # a link the click followed, even a refused one, has settled
        watched.keyboard.press("Escape")
    assert clicked == CLICKED, clicked
    watched.goto(quiz_url, wait_until="networkidle")
    for details in watched.locator("details.ca-answer").all():  # open every answer, as no-JS readers do
        details.evaluate("d => d.open = true")
    assert watched.evaluate(LIVE_CODE) == []
    assert watched.dialogs == [] and watched.errors == [] and watched.console_errors == []
