"""MkDocs hook: each module in `modules/` becomes a page, editable at its source."""

from common_agenda import module_pages
from common_agenda.generated_files import add_generated, tidy_edit_url
from common_agenda.site_state import content_of


def on_files(files, *, config):
    content = content_of(config)
    for module in content.modules:
        add_generated(files, config, module.page_uri, module_pages.page_markdown(module, content), module.source)
    return files


def on_page_context(context, *, page, config, nav):
    page.edit_url = tidy_edit_url(page.edit_url)
    return context
