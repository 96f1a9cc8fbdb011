"""The two editions of a print pack and the Print button, without a browser (tests/test_print.py prints them)."""

from __future__ import annotations

from markupsafe import escape

from common_agenda import print_packs
from common_agenda import training_pages as tp
from common_agenda.content import load_content
from sitekit import REPO

CONTENT = load_content(REPO)


def sections():
    """What the training_kit hook hands the packs, less the brief (a docs page) and the evaluation form."""
    found = {("scenario", s.id): (s.handout_uri, tp.scenario_page(s, CONTENT, facilitator=False))
             for s in CONTENT.scenarios}
    found[("handout", "check")] = (tp.CHECK_SHEET_URI, tp.check_sheet(tp.full_check(CONTENT), CONTENT))
    return found


def test_the_participant_edition_has_no_facilitator_notes_or_keys():
    for plan in CONTENT.plans:
        pack = tp.print_pack(plan, CONTENT, sections())
        assert pack.count("participant handout") == len({b.scenario.id for b in plan.blocks if b.scenario})
        assert "Facilitator note" not in pack and "Answer key" not in pack
        assert "Source points" not in pack  # which source points a scenario covers is for planners
        assert "[facilitator pack](" + tp.facilitator_pack_uri(plan).rpartition("/")[2] + ")" in pack


def test_the_facilitator_edition_adds_notes_and_the_key_before_the_participant_handouts():
    plan = next(p for p in CONTENT.plans if p.id == "ninety-minutes")
    pack = print_packs.facilitator_pack(plan, CONTENT, sections())
    title = escape(next(b.scenario for b in plan.blocks if b.scenario).title)
    notes = pack.index(f"\n## {title}\n")
    handout = pack.index(f"\n## {title}: participant handout")
    key = pack.index("## Answer key:")
    assert pack.index("facilitator pack") < notes < handout and key < handout
    assert pack.index("## Facilitator script") < notes < pack.index("### Facilitator notes") < handout
    assert "[participant pack](" + plan.pack_uri.rpartition("/")[2] + ")" in pack
    assert "Source points" in pack


def test_the_print_button_goes_under_the_title():
    page = "---\nsearch:\n  exclude: true\n---\n# Title\n\nText.\n"
    made = print_packs.with_print_button(page)
    assert made.index("# Title") < made.index('<button type="button"') < made.index("Text.")
    assert "data-ca-print hidden" in made and "onclick" not in made
    untitled = print_packs.with_print_button("---\ntitle: T\n---\nText.\n")
    assert untitled.startswith("---\ntitle: T\n---\n\n<div class=\"ca-print-bar\"")


def test_printable_pages_are_the_brief_handouts_keys_and_packs():
    printable = print_packs.printable_uris(CONTENT)
    assert {tp.BRIEF_URI, tp.EVALUATION_URI, tp.MOU_URI, tp.LOCAL_URI} <= printable
    assert all(s.handout_uri in printable and s.page_uri not in printable for s in CONTENT.scenarios)
    assert all(tp.key_uri(q) in printable for q in CONTENT.quizzes)
    assert all(print_packs.is_printable(uri, printable) for plan in CONTENT.plans
               for uri in (plan.pack_uri, tp.facilitator_pack_uri(plan)))
    assert print_packs.is_printable("training/builder-pack.md", printable)
    assert not print_packs.is_printable("modules/confidentiality.md", printable)


def test_the_maintainer_hears_about_local_settings_at_build_time_only_when_they_are_missing():
    assert "local.yml" in print_packs.maintainer_hint(CONTENT)  # the project ships none
