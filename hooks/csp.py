"""MkDocs hook: a Content-Security-Policy <meta> in every built page (see common_agenda/csp.py).

Every build, served and offline ones too, first checks each whole page: an inline script that
no template of ours or Material's writes, a meta refresh, a <base> or a form that sends anywhere
stops the build (the page's content has already passed the HTML allowlist, so this guards what
templates and hooks add around it).

`mkdocs build` of mkdocs.yml (the tests, the audit, a deployment) and of mkdocs.offline.yml (the
bundle opened from file://) get the policy. Only `mkdocs serve` gets none: live reload injects an
inline script whose text changes with each request.

The offline bundle has the same directives, and one more hash. Under file:// Chromium will not
start a Web Worker, so search runs in the iframe-worker shim (docs/vendor/iframe-worker/), which
writes an inline <script> into an about:blank iframe; the iframe inherits the page's policy, so
that script is allowed by its hash, read from the shim file when the build starts
(common_agenda/iframe_worker.py; our copy of the shim keeps the worker's address out of that
script, so one hash serves every page). If the shim cannot be read that way the build stops:
a bundle whose search the policy refuses would only fail on the reader's laptop.
What 'self' means under file://, measured in Chromium (tests/test_offline_bundle.py): every
file: URL on the disk, not only the unpacked folder (a script or image from a folder beside it
loads too), so there the policy keeps out inline scripts, inline styles and other schemes, and
the HTML allowlist is what keeps a page from naming another file. A tighter source would have to
name the folder the zip is unpacked to, which is not known when it is built. Material fetches
nothing under file:// (the search index comes as a script), and Chromium refuses fetch and XHR
of file: URLs by itself.
"""

import logging
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from common_agenda import iframe_worker
from common_agenda.csp import KnownScripts, PolicyAsPagesAreWritten, page_problems, script_hash

log = logging.getLogger("mkdocs.hooks.csp")
_serving = False
_policies = None
_known = None
_run_time_hashes: set[str] = set()  # scripts no page holds that the pages write as they run


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def _offline(config) -> bool:
    return any(name.split("/")[-1] == "offline" and getattr(plugin.config, "enabled", True)
               for name, plugin in config.plugins.items())


def _shim_script_hash(config) -> str:
    """The hash of the script our copy of the iframe-worker shim writes into its iframe."""
    docs = Path(config.docs_dir).resolve()
    listed = [str(getattr(entry, "path", entry)) for entry in config.extra.get("polyfills", [])]
    local = [docs / path for path in listed if "iframe-worker" in path and "//" not in path]
    if len(local) != 1 or not local[0].resolve().is_relative_to(docs) or not local[0].is_file():
        raise PluginError("Common Agenda: the offline build needs our copy of the iframe-worker shim: "
                          "extra.polyfills should name one file in the docs folder "
                          f"(vendor/iframe-worker/shim.js); it lists {listed}.")
    try:
        script = iframe_worker.written_script(local[0].read_text(encoding="utf-8"))
    except (iframe_worker.ShimNotUnderstood, OSError, UnicodeDecodeError) as error:
        raise PluginError(f"Common Agenda: the offline build stopped: {local[0]}: {error}. Without the script "
                          "it writes, the Content-Security-Policy would refuse search under file://. "
                          "docs/vendor/iframe-worker/NOTICE says how our copy differs from upstream's.") from None
    return script_hash(script)


def on_config(config):
    global _known, _run_time_hashes
    own = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    theme = [Path(d) for d in config.theme.dirs if Path(d) not in own]
    _known = KnownScripts.from_templates(own, theme)
    _run_time_hashes = {_shim_script_hash(config)} if _offline(config) and not _serving else set()
    return config


def on_files(files, *, config):
    global _policies
    _policies = None
    if not _serving:
        # Each page names the site root relative to itself; 404.html, served at any depth, by its path.
        base_urls = {get_relative_url(".", f.url) for f in files.documentation_pages()}
        base_urls.add(urlsplit(config.site_url or "/").path)
        _policies = PolicyAsPagesAreWritten(Path(config["site_dir"]), base_urls, _run_time_hashes)
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
    if _serving or _policies is None:
        log.info("Content-Security-Policy left out while serving (live reload runs an inline script)")
        return
    # Pages MkDocs copies rather than renders (an .html file in docs/, which the content checks
    # refuse) never passed on_post_page: their scripts must not reach the policy either.
    for path in sorted(Path(config["site_dir"]).rglob("*.html")):
        if path not in _policies.written and path.name != "404.html":
            _stop_if_unknown(path.read_text(encoding="utf-8", errors="replace"), path.name)
    pages, policy = _policies.finish()
    log.debug("Content-Security-Policy in %d pages: %s", pages, policy)
