"""MkDocs hook: quiz answers are set aside while search indexes the page (common_agenda/search_skip.py).

Listed after every hook that changes page content (the glossary's tooltips reach the answers too)."""

from common_agenda import search_skip

_set_aside: dict[str, list[str]] = {}


def on_page_content(html, *, page, config, files):
    html, blocks = search_skip.set_aside(html)
    if blocks:
        _set_aside[page.file.src_uri] = blocks
    return html


def on_post_page(output, *, page, config):
    return search_skip.put_back(output, _set_aside.pop(page.file.src_uri, []))
