"""MkDocs hook: `mkdocs build` writes to site.partial-<pid>/ and swaps it in only on success
(common_agenda/staged_site.py). It must come first under `hooks:`, so every other hook sees
where pages are really written.

`mkdocs serve` builds into a temporary folder of its own and a `--dirty` build updates site/ in
place on purpose: both are left as they are.
"""

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from common_agenda.site_state import project_root
from common_agenda.staged_site import StagedSite, StagedSiteError

log = logging.getLogger("mkdocs.hooks.staged_site")
_command = None
_staged = None


def on_startup(command, dirty):
    global _command
    _command = command if not dirty else None


def on_config(config):
    global _staged
    _staged = None
    if _command in ("build", "gh-deploy"):
        root = project_root(config)
        sources = (Path(config.docs_dir), root / "modules", root / "quizzes", root / "training", root / "hooks",
                   root / "schemas", root / "overrides", root / ".git")
        _staged = StagedSite(Path(config.site_dir), sources)
        try:
            config.site_dir = _staged.start()
        except StagedSiteError as error:
            _staged = None
            raise PluginError(f"Common Agenda: {error}") from None
    return config


def on_post_build(config):
    if _staged:
        _staged.succeeded = True


def on_build_error(error):
    """MkDocs' own last line ("Aborted with 1 warnings in strict mode!") does not say whether the
    previous site survived; a reader about to publish needs to know it did."""
    if _staged:
        _staged.failed()
        log.error("Common Agenda: the build failed; %s was left as it was.", _staged.final)


def on_shutdown():
    if _staged and _staged.succeeded:
        try:
            _staged.finish()
        except StagedSiteError as error:
            log.error("Common Agenda: %s", error)
            raise SystemExit(1) from None
        log.info("The finished site replaced %s", _staged.final)
