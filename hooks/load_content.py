"""MkDocs hook: load and check every content file before MkDocs writes anything.

It runs in `on_config`, before MkDocs cleans `site/`, so bad content stops the build with one
message and leaves the previous site untouched.
"""

from common_agenda.content import load_content
from common_agenda.quiz_sections import MarkdownSetup
from common_agenda.site_state import project_root, remember


def on_config(config):
    setup = MarkdownSetup.of(config.markdown_extensions, config.mdx_configs)
    remember(config, load_content(project_root(config), markdown=setup))
    return config
