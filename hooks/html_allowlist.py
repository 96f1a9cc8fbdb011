"""MkDocs hook: every page's content must pass the HTML allowlist (common_agenda/html_allowlist.py).

This is the guarantee behind the friendlier source checks of the content loader: it sees each
page's content as it will be served inside Material's article - Markdown converted, our quiz and
check forms assembled, glossary terms marked - so nothing an author writes, in any file, reaches
a reader without passing it. It runs after every other content hook (keep it last but the CSP
among `hooks:`); its problems stop the build before a page is written (on_env), and site/ is
built aside and only swapped in when the whole build succeeds (staged_site.py).
"""

from common_agenda.page_allowlist import PageChecks
from common_agenda.site_state import project_root

_checks = None


def on_config(config):
    global _checks
    _checks = PageChecks(project_root(config), config.docs_dir)
    return config


def on_page_content(html, *, page, config, files):
    _checks.check(html, page.file.src_uri, page.file.abs_src_path, page.file.edit_uri)
    return html


def on_env(env, *, config, files):
    _checks.stop_if_any()
    return env
