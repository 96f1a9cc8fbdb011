"""MkDocs hook: a Content-Security-Policy <meta> in every built page (see common_agenda/csp.py).

Two builds get none, because an inline script they run cannot be known when the site is built:
- `mkdocs serve`: live reload injects an inline script whose text changes with each request;
- the offline bundle (mkdocs.offline.yml, Material's `offline` plugin): under file:// search runs
  in the iframe-worker shim, which writes an inline script naming the worker's file:// address,
  that is, wherever the zip was unpacked. Only 'unsafe-inline' would allow it, and that would
  make the policy worthless; a bundle opened from disk has no server origin to protect anyway.
`mkdocs build` of mkdocs.yml (the tests, the audit, a deployment) gets the policy.
"""

import logging
from pathlib import Path

from common_agenda.csp import apply_to_site

log = logging.getLogger("mkdocs.hooks.csp")
_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_post_build(config):
    if _serving:
        log.info("Content-Security-Policy left out while serving (live reload runs an inline script)")
        return
    if any(name.split("/")[-1] == "offline" for name in config.plugins):
        log.info("Content-Security-Policy left out of the offline build (search's iframe-worker shim "
                 "runs an inline script that names the unpacked folder)")
        return
    pages, policy = apply_to_site(Path(config["site_dir"]))
    log.debug("Content-Security-Policy in %d pages: %s", pages, policy)
