"""MkDocs hook: a Content-Security-Policy <meta> in every built page (see common_agenda/csp.py).

Every build, served and offline ones too, first checks each whole page: an inline script that
no template of ours or Material's writes, a meta refresh, a <base> or a form that sends anywhere
stops the build (the page's content has already passed the HTML allowlist, so this guards what
templates and hooks add around it).

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
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from common_agenda.csp import KnownScripts, PolicyAsPagesAreWritten, page_problems

log = logging.getLogger("mkdocs.hooks.csp")
_serving = False
_policies = None
_known = None


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def _wanted(config) -> bool:
    return not _serving and not any(name.split("/")[-1] == "offline" for name in config.plugins)


def on_config(config):
    global _known
    own = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    theme = [Path(d) for d in config.theme.dirs if Path(d) not in own]
    _known = KnownScripts.from_templates(own, theme)
    return config


def on_files(files, *, config):
    global _policies
    _policies = None
    if _wanted(config):
        # Each page names the site root relative to itself; 404.html, served at any depth, by its path.
        base_urls = {get_relative_url(".", f.url) for f in files.documentation_pages()}
        base_urls.add(urlsplit(config.site_url or "/").path)
        _policies = PolicyAsPagesAreWritten(Path(config["site_dir"]), base_urls)
    return files


def _stop_if_unknown(output: str, source: str) -> None:
    problems = page_problems(output, _known)
    if problems:
        raise PluginError("\n".join(
            [f"Common Agenda: the build stopped: the page built from {source}:"]
            + [f"  {problem}" for problem in problems]
            + ["Page content cannot carry these (the HTML allowlist refuses them), so a template or hook wrote it:",
               "remove it there. Nothing was published; site/ is as it was."]))


def on_post_page(output, *, page, config):
    _stop_if_unknown(output, page.file.src_uri)
    return _policies.add(page.file.dest_path, output) if _policies else output


def on_post_template(output_content, *, template_name, config):
    if template_name.endswith(".html"):  # 404.html; sitemap.xml is no page
        _stop_if_unknown(output_content, f"the theme template {template_name}")
    return output_content


def on_post_build(config):
    if _serving:
        log.info("Content-Security-Policy left out while serving (live reload runs an inline script)")
        return
    if _policies is None:
        log.info("Content-Security-Policy left out of the offline build (search's iframe-worker shim "
                 "runs an inline script that names the unpacked folder)")
        return
    pages, policy = _policies.finish()
    log.debug("Content-Security-Policy in %d pages: %s", pages, policy)
