"""MkDocs hook: the Sources page made from every module's sources, and the review-age report.

The report is logged at INFO level, so it shows in every build's output without failing a
`--strict` build (strict mode counts warnings only): an old review is work for an editor, not a
broken site.
"""

import logging
from datetime import date

from common_agenda import sources
from common_agenda.generated_files import add_generated
from common_agenda.site_state import content_of

log = logging.getLogger("mkdocs.hooks.sources_page")


def on_files(files, *, config):
    content = content_of(config)
    add_generated(files, config, sources.PAGE_URI, sources.page_markdown(content.modules), None)
    report = sources.review_report(content.modules, date.today())
    if report:
        log.info(report)
    return files
