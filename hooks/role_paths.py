"""MkDocs hook: the role paths, the three routes from the home page and the modules index, all made
from modules/curriculum.yml and the modules' front matter."""

from common_agenda import role_paths
from common_agenda.engine import plugin_errors
from common_agenda.generated_files import add_generated
from common_agenda.problems import stop_if_any
from common_agenda.site_state import content_of


@plugin_errors
def on_config(config):
    """Path problems (an unknown module or heading, a core path over 90 minutes) stop the build
    here, before MkDocs empties site/."""
    stop_if_any(role_paths.problems(content_of(config)))
    return config


@plugin_errors
def on_files(files, *, config):
    content = content_of(config)
    for path in role_paths.role_paths(content):
        add_generated(files, config, path.uri, role_paths.page_markdown(path, content), role_paths.CURRICULUM)
    if role_paths.has_routes(content):
        for audience, (uri, _) in role_paths.ROUTES.items():
            add_generated(files, config, uri, role_paths.route_markdown(audience, content), role_paths.CURRICULUM,
                          in_nav=False)
    add_generated(files, config, role_paths.MODULES_INDEX_URI, role_paths.modules_index_markdown(content), None)
    return files
