"""Hand the checked content from the loading hook to the hooks that render pages.

MkDocs loads each hook file as its own module, so they share the model through the config
object of the build in progress; a new build (e.g. `mkdocs serve` reloading) loads afresh.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .content import Content

_ATTRIBUTE = "_common_agenda_content"
_FORMS = "_common_agenda_quiz_forms"


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def remember(config: MkDocsConfig, content: Content) -> None:
    setattr(config, _ATTRIBUTE, content)


def content_of(config: MkDocsConfig) -> Content:
    try:
        return getattr(config, _ATTRIBUTE)
    except AttributeError:
        raise PluginError("Common Agenda: hooks/load_content.py must come first under 'hooks:' in mkdocs.yml") from None


def quiz_forms(config: MkDocsConfig) -> dict:
    """Quiz forms by page path: the hooks that add quiz pages register them, quiz_pages assembles them."""
    forms = getattr(config, _FORMS, None)
    if forms is None:
        forms = {}
        setattr(config, _FORMS, forms)
    return forms
