"""What `python -m common_agenda check` runs: every check the build makes before it writes anything.

The build makes them in its `on_config` hooks (load_content.py, then role_paths.py); here they run
without MkDocs, with the Markdown extensions and docs folder read from mkdocs.yml (site_config.py),
so an author or a pre-commit hook learns in a moment what a build would refuse.
"""

from __future__ import annotations

from pathlib import Path

from . import role_paths, site_config
from .content import Content, Layout, local_settings_file
from .local_settings import load_local
from .preflight import load_checked
from .problems import stop_if_any


def checked(root: Path, site: site_config.SiteConfig) -> Content:
    """The content as the build would load it; ContentError listing every problem otherwise."""
    content = load_checked(root, markdown=site.markdown, docs_dir=site.docs_dir, directory_urls=site.directory_urls)
    stop_if_any(role_paths.problems(content))
    stop_if_any(agency_problems(Layout(root)))
    return content


def agency_problems(layout: Layout) -> list:
    """Every agencies/*.yml against the settings schema, not only the one this run builds with: a
    pre-commit check should stop a broken agency file before CI's build of that agency does."""
    in_use, _ = local_settings_file(layout)
    problems = []
    for path in sorted((layout.root / "agencies").glob("*.yml")):
        if path.resolve() != in_use.resolve():
            problems += load_local(path, layout.display(path), layout.schema("local"))[2]
    return problems


# What the summary counts: the Content field, then its name for one and for several.
_KINDS = (("modules", "module", "modules"), ("quizzes", "quiz", "quizzes"), ("plans", "session plan", "session plans"),
          ("scenarios", "scenario", "scenarios"), ("activities", "activity", "activities"),
          ("scripts", "facilitator script", "facilitator scripts"), ("duties", "duties page", "duties pages"),
          ("glossary", "glossary term", "glossary terms"))


def counted(content: Content, root: Path) -> str:
    """'10 modules, 10 quizzes, ...': what was checked, each kind the project has."""
    counts = [(len(getattr(content, field)), one, many) for field, one, many in _KINDS]
    counts.append((len(list((root / "agencies").glob("*.yml"))), "agency file", "agency files"))
    return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts if n)
