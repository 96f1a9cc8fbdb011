"""MkDocs hook: the session evaluation form, made from training/evaluation.yml when it exists."""

from common_agenda import evaluation
from common_agenda.generated_files import add_generated
from common_agenda.site_state import content_of


def on_files(files, *, config):
    form = content_of(config).evaluation
    if form is not None:
        add_generated(files, config, evaluation.PAGE_URI, evaluation.page_markdown(form), form.source)
    return files
