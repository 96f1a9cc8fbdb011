"""MkDocs hook: the certificate page and the "My progress" page, both filled in by the learner's
browser from what it saved.

Each is made from every module and quiz at once, so it has no single source and no edit link.
"""

from common_agenda import certificate, progress_page
from common_agenda.engine import plugin_errors
from common_agenda.generated_files import add_generated
from common_agenda.site_state import content_of


@plugin_errors
def on_files(files, *, config):
    content = content_of(config)
    add_generated(files, config, certificate.PAGE_URI, certificate.page_markdown(content), None)
    add_generated(files, config, progress_page.PAGE_URI, progress_page.page_markdown(content), None)
    return files
