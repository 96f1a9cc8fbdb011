"""MkDocs hook: each quiz in `quizzes/` becomes a page, plus an index of all quizzes."""

from common_agenda import prose_cache, quiz_form, quiz_pages, whitespace_tails
from common_agenda.engine import plugin_errors
from common_agenda.generated_files import add_generated
from common_agenda.site_state import content_of, quiz_forms


def on_config(config):
    prose_cache.new_build()
    config.markdown_extensions.append(quiz_form.PieceMarkers())
    config.markdown_extensions.append(whitespace_tails.SkipWhitespaceTails())  # a quiz page has thousands of blocks
    return config


def on_files(files, *, config):
    content = content_of(config)
    forms = quiz_forms(config)
    for quiz in content.quizzes:
        form = quiz_pages.form(quiz)
        add_generated(files, config, quiz.page_uri, quiz_pages.page_markdown(form, content), quiz.source)
        forms[quiz.page_uri] = form
    add_generated(files, config, quiz_pages.INDEX_URI, quiz_pages.index_markdown(content), None)
    return files


@plugin_errors
def on_page_content(html, *, page, config, files):
    """Every quiz form, including the training kit's check, is laid out here from its converted prose,
    which its answer key then shows in place of its tokens (before the glossary marks first uses)."""
    form = quiz_forms(config).get(page.file.src_uri)
    cache = prose_cache.this_build()
    if form:  # a page that defines an abbreviation lends no HTML: it may differ from anywhere else
        return quiz_form.assemble(html, form, cache.remember if prose_cache.lends_html(page.markdown) else None)
    return cache.fill(html, config, page.markdown)
