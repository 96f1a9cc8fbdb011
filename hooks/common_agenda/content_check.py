"""What `python -m common_agenda check` runs: every check the build makes before it writes anything.

The build makes them in its `on_config` hooks (load_content.py, then role_paths.py); here they run
without MkDocs, with the Markdown extensions and docs folder read from mkdocs.yml (site_config.py),
so an author or a pre-commit hook learns in a moment what a build would refuse.
"""

from __future__ import annotations

from pathlib import Path

from . import role_paths, site_config
from .content import Content
from .preflight import load_checked
from .problems import stop_if_any


def checked(root: Path, site: site_config.SiteConfig) -> Content:
    """The content as the build would load it; ContentError listing every problem otherwise."""
    content = load_checked(root, markdown=site.markdown, docs_dir=site.docs_dir, directory_urls=site.directory_urls)
    stop_if_any(role_paths.problems(content))
    return content


# What the summary counts: the Content field, then its name for one and for several.
_KINDS = (("modules", "module", "modules"), ("quizzes", "quiz", "quizzes"), ("plans", "session plan", "session plans"),
          ("scenarios", "scenario", "scenarios"), ("activities", "activity", "activities"),
          ("scripts", "facilitator script", "facilitator scripts"), ("duties", "duties page", "duties pages"),
          ("glossary", "glossary term", "glossary terms"))


def counted(content: Content) -> str:
    """'10 modules, 10 quizzes, ...': what was checked, each kind the project has."""
    counts = [(len(getattr(content, field)), one, many) for field, one, many in _KINDS]
    return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts if n)
