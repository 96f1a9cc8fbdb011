"""MkDocs hook: each quiz in `quizzes/` becomes a page, plus an index of all quizzes."""

from common_agenda import quiz_pages
from common_agenda.generated_files import add_generated
from common_agenda.site_state import content_of


def on_files(files, *, config):
    content = content_of(config)
    for quiz in content.quizzes:
        add_generated(files, config, quiz.page_uri, quiz_pages.page_markdown(quiz, content), quiz.source)
    add_generated(files, config, quiz_pages.INDEX_URI, quiz_pages.index_markdown(content), None)
    return files
