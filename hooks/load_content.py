"""MkDocs hook: load and check every content file before MkDocs writes anything.

It runs in `on_config`, before MkDocs cleans `site/`, so bad content stops the build with one
message and leaves the previous site untouched. Files read only by later hooks (the MOU
template, the docs folder's pages), symbolic links and page-path clashes are checked here too
(common_agenda/preflight.py).
"""

from common_agenda.engine import plugin_errors
from common_agenda.generated_files import docs_folder
from common_agenda.preflight import load_checked
from common_agenda.quiz_sections import MarkdownSetup
from common_agenda.site_state import project_root, remember


@plugin_errors
def on_config(config):
    setup = MarkdownSetup.of(config.markdown_extensions, config.mdx_configs)
    remember(config, load_checked(project_root(config), markdown=setup, docs_dir=docs_folder(config),
                                  directory_urls=config.use_directory_urls))
    return config
