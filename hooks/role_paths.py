"""MkDocs hook: one page per role path (officers, providers), with times computed from the modules."""

from common_agenda import role_paths
from common_agenda.generated_files import add_generated
from common_agenda.site_state import content_of


def on_files(files, *, config):
    content = content_of(config)
    for path in role_paths.role_paths(content):
        add_generated(files, config, path.uri, role_paths.page_markdown(path, content), None)
    return files
