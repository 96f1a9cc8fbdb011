"""What `python -m common_agenda check` runs: every check the build makes before it writes anything.

The build makes them in its `on_config` hooks (load_content.py, then role_paths.py); here they run
without MkDocs, with the Markdown extensions and docs folder read from mkdocs.yml (site_config.py),
so an author or a pre-commit hook learns in a moment what a build would refuse.
"""

from __future__ import annotations

from pathlib import Path

from . import role_paths, site_config
from .content import AGENCY_FILE, Content, Layout, agency_name_problem, local_settings_file
from .preflight import load_checked
from .problems import ContentError, stop_if_any


def checked(root: Path, site: site_config.SiteConfig) -> Content:
    """The content as the build would load it; ContentError listing every problem otherwise.

    Then the same checks once with each other agencies/*.yml in place of the settings file in use,
    as `make build LOCAL=agencies/<name>.yml` (and CI's publish job) would make them: a note on a
    module that does not exist, or a link from a note that leads nowhere, stops here, before the
    one agency's build fails and holds back every agency's publication."""
    content = _checked(root, site)
    layout = Layout(root)
    in_use, _ = local_settings_file(layout)
    folder = root / "agencies"
    # Every YAML file there, however spelt: agencies/Harbor.YML or harbor.yaml would otherwise be
    # skipped here and by CI's publish job alike, and that agency never built.
    files = sorted(p for p in folder.iterdir() if p.name.lower().endswith((".yml", ".yaml"))) if folder.is_dir() else []
    named = [path for path in files if AGENCY_FILE.fullmatch(path.name)]
    problems = [agency_name_problem(layout, path) for path in files if path not in named]
    for path in named:
        if path.resolve() == in_use.resolve():
            continue
        try:
            _checked(root, site, local=path.relative_to(root).as_posix())
        except ContentError as error:
            problems += error.problems
    stop_if_any(problems)
    return content


def _checked(root: Path, site: site_config.SiteConfig, local: str | None = None) -> Content:
    content = load_checked(root, markdown=site.markdown, docs_dir=site.docs_dir, directory_urls=site.directory_urls,
                           local=local)
    stop_if_any(role_paths.problems(content))
    return content


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
