"""MkDocs hook: the joint-training kit pages - plans, print packs, scenarios, handouts, checks, keys."""

import logging
from functools import partial
from pathlib import Path

from common_agenda import print_packs, prose_cache
from common_agenda import session_builder as sb
from common_agenda import training_pages as tp
from common_agenda.generated_files import add_generated
from common_agenda.site_state import content_of, quiz_forms

log = logging.getLogger("mkdocs.hooks.training_kit")
_printable: set[str] = set()


def on_files(files, *, config):
    content = content_of(config)
    layout = content.layout
    if not layout.training_dir.is_dir():
        return files  # a site without a training kit

    def exists(uri):
        return files.get_file_from_path(uri) is not None

    tokened = prose_cache.this_build().tokened  # keys show the HTML their quiz and check pages made

    def add(uri, markdown, source=None, in_nav=False):
        add_generated(files, config, uri, markdown, source, in_nav=in_nav)

    for scenario in content.scenarios:
        add(scenario.page_uri, tp.scenario_page(scenario, content, facilitator=True), scenario.source, in_nav=True)
        add(scenario.handout_uri, tp.scenario_page(scenario, content, facilitator=False), scenario.source)
    for view in tp.check_views(content):  # the whole pool's check, then each plan's own
        form = tp.check_form(view, content)
        add(view.page_uri, tp.check_page(view, form, content), content.check.source)
        quiz_forms(config)[view.page_uri] = form
        add(view.sheet_uri, tp.check_sheet(view, content), content.check.source)
        add(view.key_uri, tokened(partial(tp.check_key, view, content)), content.check.source)
        add(view.tally_uri, tp.check_tally(view, content), content.check.source)
    for quiz in content.quizzes:
        add(tp.key_uri(quiz), tokened(partial(tp.quiz_key, quiz, content)), quiz.source)
    add(tp.KEYS_INDEX_URI, tp.keys_index(content))
    mou_path = layout.root / tp.MOU_SOURCE
    mou = tp.mou_page(mou_path.read_text(encoding="utf-8"), content) if mou_path.is_file() else None
    if mou:
        add(tp.MOU_URI, mou, tp.MOU_SOURCE)

    sections = {("scenario", s.id): (s.handout_uri, tp.scenario_page(s, content, facilitator=False))
                for s in content.scenarios}
    brief = Path(config.docs_dir) / tp.BRIEF_URI
    if brief.is_file():
        sections[("handout", "first-meeting")] = (tp.BRIEF_URI, brief.read_text(encoding="utf-8")
                                                  + "\n\n" + tp.local_brief_block(content, tp.BRIEF_URI))
    if content.check:
        sections[("handout", "check")] = (tp.CHECK_SHEET_URI, tp.check_sheet(tp.full_check(content), content))
    if mou:
        sections[("handout", "mou-template")] = (tp.MOU_URI, mou)
    evaluation = files.get_file_from_path(tp.EVALUATION_URI)
    if evaluation is not None:
        sections[("handout", "evaluation")] = (tp.EVALUATION_URI, evaluation.content_string)
    for plan in content.plans:
        add(plan.page_uri, tp.plan_page(plan, content, exists), plan.source, in_nav=True)
        add(plan.pack_uri, tp.print_pack(plan, content, sections, exists), plan.source)
        add(tp.facilitator_pack_uri(plan), tokened(
            partial(print_packs.facilitator_pack, plan, content, sections, exists)), plan.source)
    add(tp.INDEX_URI, tp.training_index(content, exists), in_nav=True)
    add(sb.PAGE_URI, sb.builder_page(content, exists), in_nav=True)
    add(sb.PACK_URI, sb.builder_pack(content, sections, exists))
    if hint := print_packs.maintainer_hint(content):
        log.info(hint)
    _printable.clear()
    _printable.update(print_packs.printable_uris(content))
    return files


def on_page_markdown(markdown, *, page, config, files):
    """A Print button under the title of each printable page, and its script and style."""
    if not print_packs.is_printable(page.file.src_uri, _printable):
        return markdown
    page.meta["ca_assets"] = [*(page.meta.get("ca_assets") or []), print_packs.ASSET]
    return print_packs.with_print_button(markdown)
