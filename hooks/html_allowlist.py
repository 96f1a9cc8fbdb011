"""MkDocs hook: every page's content must pass the HTML allowlist (common_agenda/html_allowlist.py).

This is the guarantee behind the friendlier source checks of the content loader: it sees each
page's content as it will be served inside Material's article - Markdown converted, our quiz and
check forms assembled, glossary terms marked - so nothing an author writes, in any file, reaches
a reader without passing it. Titles and descriptions, which Material writes outside the content
(and partly unescaped), are checked too. It runs after every other content hook (keep it last but the CSP
among `hooks:`); its problems stop the build before a page is written (on_env), and site/ is
built aside and only swapped in when the whole build succeeds (staged_site.py).
"""

from common_agenda.engine import plugin_errors
from common_agenda.page_allowlist import PageChecks
from common_agenda.site_state import project_root

_checks = None


def on_config(config):
    global _checks
    _checks = PageChecks(project_root(config), config.docs_dir)
    return config


def on_page_content(html, *, page, config, files):
    where = (page.file.src_uri, page.file.abs_src_path, page.file.edit_uri)
    _checks.check(html, *where)
    meta = page.meta or {}
    titles = [("title", page.title, True), ("front-matter title", meta.get("title"), False),
              ("description", meta.get("description"), False)]
    titles += [("heading", item.title, False) for item in _toc_items(page.toc)]
    _checks.check_titles(titles, *where)
    return html


def on_nav(nav, *, config, files):
    for item in _nav_items(nav.items):
        if item.title and not item.is_page:  # a page's title is checked with the page
            _checks.check_titles([("nav title", item.title, True)], "mkdocs.yml", None, None)
    return nav


def _toc_items(items):
    for item in items:
        yield item
        yield from _toc_items(item.children)


def _nav_items(items):
    for item in items:
        yield item
        yield from _nav_items(getattr(item, "children", None) or [])


@plugin_errors
def on_env(env, *, config, files):
    _checks.stop_if_any()
    return env
