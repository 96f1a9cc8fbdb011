"""MkDocs hook: each module in `modules/` becomes a page, in teaching order, editable at its source."""

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from common_agenda import module_pages
from common_agenda.site_state import content_of


def on_config(config):
    nav, found = module_pages.expand_nav(config.nav, content_of(config))
    if config.nav is not None and not found:
        raise PluginError(f"mkdocs.yml: nav: has no '{module_pages.NAV_MARKER}' entry — add it where the "
                          "training modules should appear (they are listed there in teaching order)")
    config.nav = nav
    return config


def on_files(files, *, config):
    content = content_of(config)
    for module in content.modules:
        if files.get_file_from_path(module.page_uri):
            raise PluginError(f"docs/{module.page_uri}: clashes with the page made from {module.source} — "
                              "rename or remove the file in docs/")
        page = File.generated(config, module.page_uri, content=module_pages.page_markdown(module, content))
        page.edit_uri = module_pages.repo_relative_edit_uri(module.source)
        files.append(page)
    return files


def on_page_context(context, *, page, config, nav):
    page.edit_url = module_pages.tidy_url(page.edit_url)
    return context
