"""The session builder's data, without a browser: every block is offered, a preset's address
names its plan's blocks exactly, and the pack holds a section for everything a session can need."""

from __future__ import annotations

import re
from urllib.parse import parse_qs

from common_agenda import session_builder as sb
from common_agenda.content import load_content
from sitekit import REPO

REAL = load_content(REPO)


def test_the_catalogue_offers_every_module_scenario_and_activity_once():
    tokens = [e.token for entries in sb.catalogue(REAL).values() for e in entries]
    assert len(tokens) == len(set(tokens))
    assert set(tokens) == ({f"module:{m.id}" for m in REAL.modules} | {f"scenario:{s.id}" for s in REAL.scenarios}
                           | {f"activity:{a}" for a in REAL.activities})


def test_a_presets_address_names_its_plans_blocks_start_and_length():
    entries = {e.token: e for group in sb.catalogue(REAL).values() for e in group}
    for plan in REAL.plans:
        query = parse_qs(sb.preset_query(plan))
        assert query["start"] == [plan.start] and query["length"] == [str(plan.length)]
        rebuilt = []
        for token in query["blocks"][0].split(","):
            name, _, lead = token.partition("@")
            entry = entries[name]
            rebuilt.append((entry.kind, entry.id, entry.minutes, lead or entry.lead))
        assert rebuilt == [(b.kind, b.ref, b.minutes, b.lead) for b in plan.blocks], plan.id


def test_the_pack_has_a_section_for_every_block_and_handout_and_the_checks_questions():
    sections = {("handout", "evaluation"): ("training/evaluation.md", "# Evaluation form\n"),
                ("handout", "check"): ("training/check-sheet.md", "# Not this one\n")}
    sections |= {("scenario", s.id): (s.handout_uri, f"# {s.title}\n") for s in REAL.scenarios}
    pack = sb.builder_pack(REAL, sections)
    found = set(re.findall(r'data-ca-section="([^"]+)"', pack))
    tokens = {e.token for group in sb.catalogue(REAL).values() for e in group}
    assert found == ({f"script:{t}" for t in tokens} | {f"module:{m.id}" for m in REAL.modules}
                     | {"handout:evaluation", "handout:check"} | {f"scenario:{s.id}" for s in REAL.scenarios})
    assert "Not this one" not in pack  # the check's sheet is the chosen modules' questions
    assert set(re.findall(r'data-ca-check="([^"]+)"', pack)) == {item.module for item in REAL.check.items}
