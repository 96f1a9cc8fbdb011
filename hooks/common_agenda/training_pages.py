"""Render the joint-training kit: plans, scenarios, handouts, checks, answer keys and print packs.

Every page is made from the checked model; handouts reuse the same renderers as the pages they
come from, so a print pack is never a second copy to keep in step.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, replace

from markupsafe import Markup, escape

from . import evaluation
from .content import Content
from .local_settings import Local
from .modules import split_front_matter
from .plans import LEADS, Plan, clock
from .quiz_form import MARKER, QuizForm
from .quizzes import Question, Quiz
from .render import TEMPLATES, render
from .role_paths import duration
from .training import CheckItem, Scenario, plan_check

INDEX_URI = "training/index.md"
CHECK_URI = "training/check.md"
CHECK_SHEET_URI = "training/check-sheet.md"
CHECK_KEY_URI = "training/check-key.md"
CHECK_TALLY_URI = "training/check-tally.md"
TALLY_ROWS = 20
KEYS_INDEX_URI = "training/answer-keys/index.md"
MOU_URI = "training/mou-template.md"
MOU_SOURCE = "training/mou-template.md"
LOCAL_URI = "local-contacts.md"
EVALUATION_URI = evaluation.PAGE_URI
BRIEF_URI = "first-meeting.md"
GUIDE_URI = "training/facilitator-guide.md"

HANDOUTS = {
    "first-meeting": ("Before your first meeting (brief)", BRIEF_URI),
    "check": ("Training check: question sheet", CHECK_SHEET_URI),
    "evaluation": ("Evaluation form", EVALUATION_URI),
    "mou-template": ("MOU and information-sharing template", MOU_URI),
}


def key_uri(quiz: Quiz) -> str:
    return f"training/answer-keys/{quiz.id}.md"


def link(from_uri: str, to_uri: str) -> str:
    """A relative Markdown link target between two docs files, so MkDocs can check it."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def fill_in(label: str) -> Markup:
    """A blank line to write on: what a printed page shows where the site has no local value."""
    return Markup(render("fill_in.html.j2", label=label).strip())


def placeholder_or(local: Local, key: str) -> Markup:
    """A local value, or a blank line to fill in by hand. Not a marked placeholder or a hint about
    local.yml: the reader of a handout cannot set it; the build tells whoever maintains the site."""
    if local.is_placeholder(key):
        return fill_in(local.names[key])
    return escape(local.names[key])


_PLACEHOLDER = re.compile(r"\{\{\s*(agency|partner|region)\s*\}\}")


def fill_placeholders(markdown: str, local: Local) -> str:
    return _PLACEHOLDER.sub(lambda m: str(placeholder_or(local, m.group(1))), markdown)


def _always(uri: str) -> bool:
    return True


def _context(content: Content, uri: str, exists=_always) -> dict:
    """What every kit template may use; `exists(uri)` lets a page link to optional pages only if present."""
    return {"content": content, "here": uri, "rel": lambda to: link(uri, to), "duration": duration, "exists": exists,
            "clock": clock, "leads": LEADS, "handouts": HANDOUTS, "local": content.local,
            "placeholder": lambda key: placeholder_or(content.local, key), "fill_in": fill_in, "key_uri": key_uri,
            "facilitator_pack_uri": facilitator_pack_uri}


def _plan_context(plan: Plan, content: Content, uri: str, exists) -> dict:
    """A plan's pages link its own check, and the "check" handout is its own question sheet."""
    context = _context(content, uri, exists)
    check = check_for(plan, content) or (full_check(content) if content.check else None)
    context["check"] = check
    from .session_builder import PAGE_URI as BUILDER_URI  # imports this module: import late
    from .session_builder import preset_query
    context["adapt"] = f"{link(uri, BUILDER_URI)}?{preset_query(plan)}"
    if check:
        context["handouts"] = {**HANDOUTS, "check": (HANDOUTS["check"][0], check.sheet_uri)}
    return context


def plan_page(plan: Plan, content: Content, exists=_always) -> str:
    return render("plan_page.md.j2", plan=plan, **_plan_context(plan, content, plan.page_uri, exists))


def scenario_page(scenario: Scenario, content: Content, *, facilitator: bool) -> str:
    uri = scenario.page_uri if facilitator else scenario.handout_uri
    return render("scenario_page.md.j2", scenario=scenario, facilitator=facilitator, **_context(content, uri))


@dataclass(frozen=True)
class CheckView:
    """One check as a room takes it: the whole pool (`id` "all"), or one plan's share of it (`id`
    the plan's id). The id names its pages and the key its scores are saved under in a browser."""

    id: str
    title: str
    intro: str
    items: tuple[CheckItem, ...]
    plan: Plan | None = None

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(item.question for item in self.items)

    def _uri(self, suffix: str) -> str:
        if self.plan is None:
            return {"": CHECK_URI, "-sheet": CHECK_SHEET_URI, "-key": CHECK_KEY_URI, "-tally": CHECK_TALLY_URI}[suffix]
        return f"training/checks/{self.plan.id}{suffix}.md"

    page_uri = property(lambda self: self._uri(""))
    sheet_uri = property(lambda self: self._uri("-sheet"))
    key_uri = property(lambda self: self._uri("-key"))
    tally_uri = property(lambda self: self._uri("-tally"))


def full_check(content: Content) -> CheckView:
    check = content.check
    return CheckView("all", check.title, check.intro, check.items)


def check_for(plan: Plan, content: Content) -> CheckView | None:
    """The plan's own check: the pool's questions on what it teaches; None when the pool has none."""
    items = plan_check(content.check, plan) if content.check else ()
    if not items:
        return None
    return CheckView(f"plan-{plan.id}", f"{content.check.title} \u2014 {plan.title}", content.check.intro, items, plan)


def check_views(content: Content) -> list[CheckView]:
    """The full pool's check, then each plan's own."""
    if not content.check:
        return []
    return [full_check(content)] + [view for plan in content.plans if (view := check_for(plan, content))]


def check_form(view: CheckView, content: Content) -> QuizForm:
    """The check as a form laid out by check_form.html.j2: no pass mark, no answers before."""
    questions = tuple(replace(q, id=f"check-{q.id}") for q in view.questions)
    quiz = Quiz(view.id, view.title, "", 0, view.intro, False, questions, content.check.source, content.check.doc)
    return QuizForm(quiz, total=len(questions), template="check_form.html.j2")


def check_page(view: CheckView, form: QuizForm, content: Content) -> str:
    return render("check_page.md.j2", view=view, questions=form.quiz.questions, total=form.total, marker=MARKER,
                  **_context(content, view.page_uri))


def check_sheet(view: CheckView, content: Content) -> str:
    return render("question_sheet.md.j2", title=view.title, intro=view.intro, questions=view.questions,
                  **_context(content, view.sheet_uri))


def check_key(view: CheckView, content: Content, prose=str) -> str:
    return answer_key(f"Answer key: {view.title}", view.questions, content, view.key_uri,
                      link(view.key_uri, view.page_uri), "Open the online check", prose)


def check_tally(view: CheckView, content: Content) -> str:
    return render("check_tally.md.j2", view=view, total=len(view.items), rows=TALLY_ROWS,
                  **_context(content, view.tally_uri))


def answer_key(title: str, questions: list[Question] | tuple[Question, ...], content: Content, uri: str,
               source_link: str | None = None, source_label: str = "Open the quiz", prose=str) -> str:
    """`prose(text)` is what the key shows for a prompt, option or explanation: the Markdown itself,
    or a token for the HTML its quiz page made of it (prose_cache.ProseCache.token)."""
    return render("answer_key.md.j2", title=title, questions=questions, source_link=source_link,
                  source_label=source_label, prose=prose, **_context(content, uri))


def quiz_key(quiz: Quiz, content: Content, prose=str) -> str:
    uri = key_uri(quiz)
    return answer_key(f"Answer key: {quiz.title}", quiz.questions, content, uri, link(uri, quiz.page_uri), prose=prose)


def keys_index(content: Content) -> str:
    return render("answer_keys_index.md.j2", **_context(content, KEYS_INDEX_URI))


def mou_page(template_markdown: str, content: Content) -> str:
    """The body's unset names become lines to fill in; in front matter (a title is plain text, and
    a fill-in line is HTML) they stay the name, such as 'Your agency'."""
    front, body, no_front_matter = split_front_matter(template_markdown, MOU_SOURCE)
    if no_front_matter:
        return fill_placeholders(template_markdown, content.local)
    front = _PLACEHOLDER.sub(lambda m: content.local.names[m.group(1)], front)
    return f"---\n{front}---\n" + fill_placeholders(body, content.local)


def local_contacts_page(content: Content, exists=_always) -> str:
    return render("local_contacts.md.j2", **_context(content, LOCAL_URI, exists))


def local_brief_block(content: Content, uri: str) -> str:
    """The short local-contacts block added to the end of the first-meeting brief."""
    return render("local_brief.md.j2", **_context(content, uri))


def training_index(content: Content, exists=_always) -> str:
    return render("training_index.md.j2", check_for=lambda plan: check_for(plan, content),
                  **_context(content, INDEX_URI, exists))


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_HEADING = re.compile(r"^(#{1,5}) ", re.M)
_LINK = re.compile(r"(\]\()([^)\s#:]+\.md)([#)])")


def embeddable(markdown: str, from_uri: str, to_uri: str) -> str:
    """A page's Markdown made fit to sit inside another page: no front matter, headings one level
    down, and relative links rebased from where it was written to where it now stands."""
    markdown = _FRONT_MATTER.sub("", markdown, count=1)
    markdown = _HEADING.sub(lambda m: "#" + m.group(1) + " ", markdown)
    from_dir = posixpath.dirname(from_uri)
    return _LINK.sub(lambda m: m.group(1) + link(to_uri, posixpath.normpath(posixpath.join(from_dir, m.group(2))))
                     + m.group(3), markdown)


def facilitator_pack_uri(plan: Plan) -> str:
    return f"training/plans/{plan.id}-facilitator-pack.md"


def print_pack(plan: Plan, content: Content, sections: dict[tuple[str, str], tuple[str, str]], exists=_always, *,
               edition: str = "participant", facilitator_parts: list[tuple[tuple[str, str], str]] = ()) -> str:
    """The agenda, then every handout the plan uses, each starting on a new page.

    `sections` maps (kind, ref) from `plan.handout_order()` to (the handout's docs path, its Markdown);
    the check's question sheet is the plan's own. The facilitator edition (print_packs.py) puts its
    `facilitator_parts`, already embeddable, between the agenda and the handouts.
    """
    uri = plan.pack_uri if edition == "participant" else facilitator_pack_uri(plan)
    check = check_for(plan, content)
    if check and ("handout", "check") in sections:
        sections = {**sections, ("handout", "check"): (check.sheet_uri, check_sheet(check, content))}
    parts = [(key, embeddable(sections[key][1], sections[key][0], uri))
             for key in plan.handout_order() if key in sections]
    script = edition == "facilitator" and (TEMPLATES / "plan_script.md.j2").is_file()  # the kit's scripts, when it has them
    return render("print_pack.md.j2", plan=plan, parts=parts, edition=edition, facilitator_parts=facilitator_parts,
                  script=script, for_participants=edition == "participant",
                  other_edition=facilitator_pack_uri(plan) if edition == "participant" else plan.pack_uri,
                  **_plan_context(plan, content, uri, exists))
