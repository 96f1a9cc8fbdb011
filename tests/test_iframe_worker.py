"""The script search's file:// shim writes into its iframe, read from the shim so the offline policy can hash it.

That Chromium runs it under the offline bundle's policy (search finds results, nothing is refused)
is proved in test_offline_bundle.py; here, that it is read exactly and that a shim it cannot read
stops the offline build instead of shipping a search the policy would refuse.
"""

from __future__ import annotations

import pytest

from common_agenda import iframe_worker
from sitekit import QUIZ, REPO, TinySite

SHIM = REPO / "docs" / "vendor" / "iframe-worker" / "shim.js"
# Upstream's iframe-worker 1.0.4 template: the worker's address (${e}) is in the script's text.
UPSTREAM = ('document.write(`<html><body><script>postMessage=${c};importScripts=${d};addEventListener("error",'
            '({error})=>{parent.dispatchEvent(new ErrorEvent("error",{filename:"${e}",error}))})<\\/script>'
            '<script src=${e}?${+Date.now()}><\\/script></body></html>`)')


def test_our_shims_iframe_script_is_its_two_functions_and_an_error_handler_with_no_address():
    shim = SHIM.read_text(encoding="utf-8")
    script = iframe_worker.written_script(shim)
    c = 'function c(s,n){parent.postMessage(s,n||"*")}'
    assert script.startswith(f"postMessage={c};importScripts=function d(...s){{return s.reduce(")
    assert script.endswith('{filename:f,error}))})(document.currentScript.dataset.filename))')
    assert "${" not in script and "search" not in script and ".js" not in script


def test_upstreams_template_names_the_worker_address_and_is_refused():
    shim = "function c(s,n){parent.postMessage(s,n||\"*\")}function d(){}" + UPSTREAM
    with pytest.raises(iframe_worker.ShimNotUnderstood, match=r"puts in \$\{e\}, which is not one of the shim's functions"):
        iframe_worker.written_script(shim)


def test_a_function_is_read_to_its_own_closing_brace_past_braces_in_strings():
    script = 'var x=1;function d(a){return a?"}{":\'{\'}function e(){}'
    assert iframe_worker.function_source(script, "d") == 'function d(a){return a?"}{":\'{\'}'


@pytest.mark.parametrize("shim, expected", [
    ("var nothing=1", "expected one document.write"),
    ("function c(){return `x`}document.write(`<html><body><script>a=${c}<\\/script>`)", "template literal"),
    ("document.write(`<html><body><script>a='\\x41'<\\/script>`)", "has an escape"),
])
def test_a_shim_written_another_way_is_refused_with_the_reason(shim, expected):
    with pytest.raises(iframe_worker.ShimNotUnderstood, match=expected):
        iframe_worker.written_script(shim)


def test_an_offline_build_with_a_shim_it_cannot_read_stops_and_the_site_stays(tmp_path):
    site = TinySite(tmp_path)
    site.add_module()
    site.write("quizzes/shared-goals.yml", QUIZ)
    site.write("docs/vendor/iframe-worker/shim.js", "function c(){}function d(){}" + UPSTREAM)
    site.extra = "plugins: [search, offline]\nextra:\n  polyfills: [vendor/iframe-worker/shim.js]\n"
    site.extra_hooks = [REPO / "hooks" / "csp.py"]
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("previous", encoding="utf-8")
    build = site.build()
    assert build.returncode != 0 and "Traceback" not in build.output, build.output
    assert "the offline build stopped: " in build.output and "puts in ${e}" in build.output, build.output
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["index.html"]


def test_an_offline_build_without_our_shim_stops_before_loading_it_from_another_host(tmp_path):
    site = TinySite(tmp_path)
    site.add_module()
    site.write("quizzes/shared-goals.yml", QUIZ)
    site.extra = "plugins: [search, offline]\n"
    site.extra_hooks = [REPO / "hooks" / "csp.py"]
    build = site.build()
    assert build.returncode != 0 and "Traceback" not in build.output, build.output
    assert "the offline build needs our copy of the iframe-worker shim" in build.output, build.output
