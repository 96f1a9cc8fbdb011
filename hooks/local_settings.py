"""MkDocs hook: local.yml adapts the site - a Local contacts page, and contacts on the brief."""

from common_agenda import training_pages as tp
from common_agenda.generated_files import add_generated
from common_agenda.site_state import content_of


def on_files(files, *, config):
    content = content_of(config)
    add_generated(files, config, tp.LOCAL_URI, tp.local_contacts_page(content), content.local.source)
    return files


def on_page_markdown(markdown, *, page, config, files):
    if page.file.src_uri == tp.BRIEF_URI:
        return markdown + "\n\n" + tp.local_brief_block(content_of(config), tp.BRIEF_URI)
    return markdown
