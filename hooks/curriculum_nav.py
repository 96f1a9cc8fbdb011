"""MkDocs hook: the nav entries `modules/*.md` and `quizzes/*.yml` become pages in teaching order."""

from mkdocs.exceptions import PluginError

from common_agenda import nav_order
from common_agenda.site_state import content_of


def on_config(config):
    nav, found = nav_order.expand(config.nav, content_of(config))
    if config.nav is not None and nav_order.MODULES_MARKER not in found:
        raise PluginError(f"mkdocs.yml: nav: has no '{nav_order.MODULES_MARKER}' entry — add it where the "
                          "training modules should appear (they are listed there in teaching order)")
    config.nav = nav
    return config
