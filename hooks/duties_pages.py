"""MkDocs hook: one printable "Duties in <place>" page per training/duties/<place>.yml."""

from common_agenda import duties
from common_agenda.generated_files import add_generated
from common_agenda.site_state import content_of


def on_files(files, *, config):
    for page in content_of(config).duties:
        add_generated(files, config, page.page_uri, duties.page_markdown(page), page.source)
    return files
