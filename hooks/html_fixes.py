"""MkDocs hook: fix the accessibility of HTML that Markdown extensions produce."""

from common_agenda.html_fixes import label_task_lists


def on_page_content(html, *, page, config, files):
    return label_task_lists(html)
