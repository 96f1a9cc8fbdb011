"""MkDocs hook: local.yml adapts the site - a Local contacts page, and contacts on the brief."""

from common_agenda import training_pages as tp
from common_agenda.engine import plugin_errors
from common_agenda.generated_files import add_generated, docs_folder
from common_agenda.link_targets import place
from common_agenda.site_state import content_of


def on_files(files, *, config):
    content = content_of(config)
    add_generated(files, config, tp.LOCAL_URI, tp.local_contacts_page(content), content.local.source)
    return files


@plugin_errors
def on_page_markdown(markdown, *, page, config, files):
    if page.file.src_uri == tp.BRIEF_URI:
        content = content_of(config)
        block = place(tp.local_brief_block(content, tp.BRIEF_URI), tp.BRIEF_URI, content, docs_folder(config))
        return markdown + "\n\n" + block
    return markdown
