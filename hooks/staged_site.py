"""MkDocs hook: `mkdocs build` writes to site.partial/ and swaps it in only on success
(common_agenda/staged_site.py). It must come first under `hooks:`, so every other hook sees
where pages are really written.

`mkdocs serve` builds into a temporary folder of its own and a `--dirty` build updates site/ in
place on purpose: both are left as they are.
"""

import logging
from pathlib import Path

from common_agenda.staged_site import StagedSite

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
        _staged = StagedSite(Path(config.site_dir))
        config.site_dir = _staged.start()
    return config


def on_post_build(config):
    if _staged:
        _staged.succeeded = True


def on_build_error(error):
    if _staged:
        _staged.failed()


def on_shutdown():
    if _staged and _staged.succeeded:
        _staged.finish()
        log.info("The finished site replaced %s", _staged.final)
