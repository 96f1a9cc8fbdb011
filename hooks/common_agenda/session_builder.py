"""The session builder: every block a plan can use, rendered into the page as a catalogue that
builder.js reads, so a session is put together in the browser from the build's own data and
nothing is fetched. The three fixed plans are presets of it: a preset is only a builder address.

A block is named in the address as `kind:id`, with `@lead` when the plan gives it another lead
than its own (e.g. `module:confidentiality@provider`); the same token sits on the catalogue entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlencode

from .content import Content
from .plans import Block, Plan
from .render import render
from .training_pages import _always, _context, embeddable, scenario_page

PAGE_URI = "training/builder.md"
PACK_URI = "training/builder-pack.md"
MAX_BLOCKS = 40  # more than any day holds; builder.js ignores the rest of a longer address
KIND_LABELS = {"module": "Module", "scenario": "Scenario"}


@dataclass(frozen=True)
class Entry:
    """One block the builder offers, with what builder.js needs to time it and to pick its pack."""

    token: str
    kind: str
    id: str
    label: str                       # what the agenda calls its kind: "Module", "Pre check"
    title: str
    minutes: int
    lead: str
    page_uri: str | None             # where it is explained (module or scenario page)
    handouts: tuple[str, ...]        # pack sections it needs, as tokens: "handout:check", "scenario:x"
    modules: tuple[str, ...]         # modules it teaches, for the session's check
    summary: str
    activity_kind: str = ""          # "closing", "break"...: builder.js adds new blocks before a closing


def default_lead(block: Block) -> str:
    return block.activity.lead if block.activity else "both"


def block_token(block: Block) -> str:
    token = f"{block.kind}:{block.ref}"
    return token if block.lead == default_lead(block) else f"{token}@{block.lead}"


def preset_query(plan: Plan) -> str:
    """The builder address that rebuilds `plan`: its blocks in order, its start and its length."""
    return urlencode({"blocks": ",".join(block_token(b) for b in plan.blocks), "start": plan.start,
                      "length": plan.length}, safe=",:@")


def catalogue(content: Content) -> dict[str, list[Entry]]:
    """Every block a session can use, grouped as the page shows them."""
    activities = [Entry(f"activity:{a.id}", "activity", a.id, a.kind.replace("-", " ").capitalize(), a.title,
                        a.minutes, a.lead, None, tuple(f"handout:{h}" for h in a.handouts), (), "", a.kind)
                  for a in content.activities.values()]
    modules = [Entry(f"module:{m.id}", "module", m.id, "Module", m.title, m.minutes, "both", m.page_uri, (),
                     (m.id,), m.summary) for m in content.modules]
    scenarios = [Entry(f"scenario:{s.id}", "scenario", s.id, "Scenario", s.title, s.minutes, "both", s.page_uri,
                       (f"scenario:{s.id}",), tuple(s.modules), s.summary) for s in content.scenarios]
    return {"Activities, breaks, checks and forms": activities, "Modules": modules, "Scenarios": scenarios}


def check_by_module(content: Content) -> dict[str, list]:
    """The check's questions, grouped by the module each asks about, in the pool's order."""
    grouped: dict[str, list] = {}
    for item in content.check.items if content.check else ():
        grouped.setdefault(item.module, []).append(item.question)
    return grouped


def builder_page(content: Content, exists=_always) -> str:
    return render("session_builder.md.j2", groups=catalogue(content), presets=content.plans,
                  preset_query=preset_query, checks=check_by_module(content), pack_uri=PACK_URI,
                  page_uri=PAGE_URI, max_blocks=MAX_BLOCKS,
                  **_context(content, PAGE_URI, exists))


def after_start(start: str, offset: int) -> str:
    """A script's time as it reads before builder.js knows the block's start: '5m', '1h 5m' into the
    block, which is also what HTML accepts as the text of a <time> (a duration)."""
    hours, minutes = divmod(offset, 60)
    return f"{hours}h {minutes}m" if hours else f"{minutes}m"


def builder_pack(content: Content, sections: dict[tuple[str, str], tuple[str, str]], exists=_always) -> str:
    """Every section a built session could print, each marked with its token; builder.js shows
    only those the address asks for, in the order the session needs them.

    The participant edition's sections come from `sections`, the print packs' own map of
    (kind, ref) to (docs path, Markdown), with the check's question sheet replaced by the chosen
    modules' questions. The facilitator edition puts first what each block needs to be run (its
    `script:` section): a module's script, an activity's instructions, a scenario's notes. A
    script's clock times count from its block's start (`clock` here writes '5m'), and
    builder.js sets them once it knows when the block begins."""
    parts = [(f"{kind}:{ref}", embeddable(markdown, uri, PACK_URI))
             for (kind, ref), (uri, markdown) in sections.items() if (kind, ref) != ("handout", "check")]
    notes = {s.id: embeddable(scenario_page(s, content, facilitator=True), s.page_uri, PACK_URI)
             for s in content.scenarios}
    return render("session_builder_pack.md.j2", parts=parts, modules=content.modules, notes=notes,
                  checks=check_by_module(content), groups=catalogue(content),
                  **{**_context(content, PACK_URI, exists), "clock": after_start,
                     "from_start": SimpleNamespace(start="00:00", offset=0)})
