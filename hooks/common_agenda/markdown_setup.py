"""The Markdown extensions the site converts pages with, for checks that must convert as the site does.

Plain Python-Markdown, no MkDocs: these checks run while content is loaded, before MkDocs writes
anything. tests/test_quiz_sections.py keeps SITE_MARKDOWN in step with mkdocs.yml.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import markdown


@dataclass(frozen=True)
class MarkdownSetup:
    """The Markdown extensions the site converts pages with (names, and their settings as JSON so
    the setup can key a cache)."""

    extensions: tuple[str, ...] = ("toc", "tables", "fenced_code", "abbr", "admonition", "attr_list", "def_list",
                                   "footnotes", "md_in_html", "pymdownx.details", "pymdownx.superfences",
                                   "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.smartsymbols")
    configs: str = field(default="{}")

    def converter(self) -> markdown.Markdown:
        return markdown.Markdown(extensions=list(self.extensions), extension_configs=json.loads(self.configs))

    @classmethod
    def of(cls, extensions: list[str], configs: dict) -> "MarkdownSetup":
        return cls(tuple(extensions), json.dumps(configs, sort_keys=True, default=str))


SITE_MARKDOWN = MarkdownSetup()  # as in mkdocs.yml
