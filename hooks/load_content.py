"""MkDocs hook: load and check every content file before MkDocs writes anything.

It runs in `on_config`, before MkDocs cleans `site/`, so bad content stops the build with one
message and leaves the previous site untouched. Files read only by later hooks (the MOU
template, the docs folder's pages), symbolic links and page-path clashes are checked here too
(common_agenda/preflight.py).
"""

import os
from pathlib import Path

from common_agenda.preflight import load_checked
from common_agenda.quiz_sections import MarkdownSetup
from common_agenda.site_state import project_root, remember


def on_config(config):
    setup = MarkdownSetup.of(config.markdown_extensions, config.mdx_configs)
    root = project_root(config)
    # The configured docs folder, named from the (resolved) project root like every other path.
    docs = Path(os.path.normpath(root / os.path.relpath(config.docs_dir, os.path.dirname(config.config_file_path))))
    remember(config, load_checked(root, markdown=setup, docs_dir=docs, directory_urls=config.use_directory_urls))
    return config
