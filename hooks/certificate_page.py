"""MkDocs hook: the certificate page, printable once every quiz of a role path is passed.

It is made from every module and quiz at once, so it has no single source and no edit link.
"""

from common_agenda import certificate
from common_agenda.generated_files import add_generated
from common_agenda.site_state import content_of


def on_files(files, *, config):
    add_generated(files, config, certificate.PAGE_URI, certificate.page_markdown(content_of(config)), None)
    return files
