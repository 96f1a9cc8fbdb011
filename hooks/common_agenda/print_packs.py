"""Printable pages: which pages get a Print button, and the facilitator edition of a print pack.

A print pack comes in two editions made from the same parts. The participant edition is what a
room is handed: the agenda and the participant handouts. The facilitator edition adds what only
facilitators may see: the facilitator script of each block, each scenario's facilitator notes and
the check's answer key.
"""

from __future__ import annotations

import re

from . import training_pages as tp
from .content import Content
from .plans import Plan
from .render import render

ASSET = "print-button"  # docs/assets/print-button.js and .css, added to each printable page's ca_assets
HINT = ("No local.yml: the brief, the handouts, the MOU template and the Local contacts page print a blank "
        "line to fill in where an agency's name or contacts would go. Copy local.example.yml to local.yml "
        "and set them (see the README).")


def printable_uris(content: Content) -> set[str]:
    """Every page meant to be printed and handed out or kept at the front of the room."""
    uris = {tp.BRIEF_URI, tp.EVALUATION_URI, tp.MOU_URI, tp.LOCAL_URI, tp.KEYS_INDEX_URI}
    uris |= {s.handout_uri for s in content.scenarios}
    uris |= {uri for view in tp.check_views(content) for uri in (view.sheet_uri, view.key_uri, view.tally_uri)}
    uris |= {tp.key_uri(quiz) for quiz in content.quizzes}
    for plan in content.plans:
        uris |= {plan.pack_uri, tp.facilitator_pack_uri(plan)}
    return uris


def is_printable(uri: str, printable: set[str]) -> bool:
    """One of `printable`, or any print pack (the session builder's too)."""
    return uri in printable or (uri.startswith("training/") and uri.endswith("-pack.md"))


_H1 = re.compile(r"^# .*\n", re.M)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def with_print_button(markdown: str) -> str:
    """The page with its Print button right under its title (or at its top, if it has none)."""
    button = render("print_button.html.j2")
    heading = _H1.search(markdown)
    if heading:
        at = heading.end()
    else:
        front = _FRONT_MATTER.match(markdown)
        at = front.end() if front else 0
    return markdown[:at] + "\n" + button + "\n" + markdown[at:]


def maintainer_hint(content: Content) -> str | None:
    """What whoever maintains the site should hear at build time (and no reader on a page)."""
    return HINT if content.local.source is None else None


def facilitator_pack(plan: Plan, content: Content, sections: dict[tuple[str, str], tuple[str, str]],
                     exists=tp._always, prose=str) -> str:
    """The facilitator edition: the participant edition's parts, after each block's script, each
    scenario's facilitator notes and the check's answer key."""
    uri = tp.facilitator_pack_uri(plan)
    notes = [(("scenario", s.id), tp.embeddable(tp.scenario_page(s, content, facilitator=True), s.page_uri, uri))
             for s in _scenarios(plan)]
    check = tp.check_for(plan, content)
    if check:
        notes.append((("key", check.id), tp.embeddable(tp.check_key(check, content, prose), check.key_uri, uri)))
    return tp.print_pack(plan, content, sections, exists, edition="facilitator", facilitator_parts=notes)


def _scenarios(plan: Plan):
    seen = []
    for block in plan.blocks:
        if block.scenario and block.scenario not in seen:
            seen.append(block.scenario)
    return seen
