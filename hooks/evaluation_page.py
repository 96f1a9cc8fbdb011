"""MkDocs hook: the session evaluation form and the page that merges its exported files, made from
training/evaluation.yml when it exists."""

from common_agenda import evaluation
from common_agenda.generated_files import add_generated
from common_agenda.site_state import content_of

GUIDE_URI = "training/facilitator-guide.md"


def on_files(files, *, config):
    content = content_of(config)
    form = content.evaluation
    if form is not None:
        sessions = tuple(plan.title for plan in content.plans)
        add_generated(files, config, evaluation.PAGE_URI, evaluation.page_markdown(form, sessions), form.source)
        guide = GUIDE_URI if files.get_file_from_path(GUIDE_URI) is not None else None
        # Reached from the form and the facilitator guide, not the nav.
        add_generated(files, config, evaluation.RESULTS_URI, evaluation.results_markdown(form, guide), form.source,
                      in_nav=False)
    return files
