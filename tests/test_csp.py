"""The Content-Security-Policy of every built page (hooks/csp.py): only the site's own origin.

The browser side, that nothing the site does is refused, is in test_browser_csp.py.
"""

from __future__ import annotations

import re

import pytest

from common_agenda import csp

_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
NOT_REGISTERED = "no Content-Security-Policy in the built pages: is hooks/csp.py listed under hooks: in mkdocs.yml?"


def policy_of(html: str) -> str | None:
    match = _POLICY.search(html)
    return match.group(1) if match else None


def test_every_page_has_one_policy_before_anything_it_covers(site_dir):
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert len(_POLICY.findall(html)) == 1, f"{page.relative_to(site_dir)}: {NOT_REGISTERED}"
        head = html[:html.index("</head>")]
        meta = head.index("Content-Security-Policy")
        assert meta < min(i for i in (head.find("<script"), head.find("<link"), head.find("<style")) if i >= 0), page


def test_the_policy_allows_only_the_site_and_every_inline_script_by_its_hash(site_dir):
    pages = {p: p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html")}
    policies = {policy_of(html) for html in pages.values()}
    assert len(policies) == 1 and None not in policies, NOT_REGISTERED
    policy = policies.pop()
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in policy and "*" not in policy and "http" not in policy
    allowed = set(directives["script-src"].split())
    for page, html in pages.items():
        assert csp.inline_script_hashes(html) <= allowed, page
    # Material's inline scripts and ours: a handful, not one per page.
    assert 4 <= len(allowed) - 1 <= 12, sorted(allowed)


def test_inline_script_hashes_cover_scripts_that_run_and_nothing_else():
    html = ('<script>alert(1)</script><script type="module">x()</script><script src="a.js"></script>'
            '<script id="__config" type="application/json">{"a": 1}</script>')
    # echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
    assert "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='" in csp.inline_script_hashes(html)
    assert len(csp.inline_script_hashes(html)) == 2


def test_the_policy_goes_right_after_the_charset_and_is_replaced_not_repeated():
    page = '<!doctype html><html><head>\n<meta charset="utf-8">\n<script>x()</script></head><body></body></html>'
    once = csp.with_policy(page, "default-src 'self'")
    twice = csp.with_policy(once, "default-src 'none'")
    assert once.index("Content-Security-Policy") < once.index("<script>")
    assert twice.count("Content-Security-Policy") == 1 and "default-src 'none'" in twice


def test_applying_the_policy_twice_changes_nothing(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<head><meta charset="utf-8"><script>one()</script></head>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<head><meta charset="utf-8"><script>two()</script></head>',
                                               encoding="utf-8")
    pages, policy = csp.apply_to_site(tmp_path)
    first = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert pages == 2 and policy.count("'sha256-") == 2, "each page allows the other's scripts too"
    assert csp.apply_to_site(tmp_path) == (2, policy)
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == first


def _page(scripts: str) -> str:
    return f'<!doctype html><html><head>\n<meta charset="utf-8">\n{scripts}</head><body></body></html>'


def test_pages_get_the_final_policy_as_they_are_written_and_late_scripts_still_reach_earlier_pages(tmp_path):
    scope = '<script>__md_scope=new URL("{}",location),x()</script>'
    policies = csp.PolicyAsPagesAreWritten(tmp_path, {".", "..", "../.."})
    first = policies.add("index.html", _page(scope.format(".")))
    deeper = policies.add("a/b/index.html", _page(scope.format("../..")))
    assert policy_of(first) == policy_of(deeper), "every depth's variant is foreseen from the first page"
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "index.html").write_text(first, encoding="utf-8")
    (tmp_path / "a" / "b" / "index.html").write_text(deeper, encoding="utf-8")
    late = policies.add("c/index.html", _page(scope.format("..") + "<script>late()</script>"))
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "index.html").write_text(late, encoding="utf-8")
    pages, final = policies.finish()
    assert pages == 3 and final.count("'sha256-") == 4  # three depths of the scope script, and late()
    for path in ("index.html", "a/b/index.html", "c/index.html"):
        assert policy_of((tmp_path / path).read_text(encoding="utf-8")) == final, path


# ---- Only known scripts: decided from the templates, not blessed from the output ----

def known_scripts() -> csp.KnownScripts:
    from pathlib import Path

    import material

    from sitekit import REPO
    return csp.KnownScripts.from_templates([REPO / "overrides"], [Path(material.__file__).parent / "templates"])


def test_every_hash_in_every_policy_is_a_script_the_templates_write(site_dir):
    known = known_scripts()
    scripts = {s for page in site_dir.rglob("*.html") for s in csp.inline_scripts(page.read_text(encoding="utf-8"))}
    assert scripts and all(known.allows(s) for s in scripts), [s[:60] for s in scripts if not known.allows(s)]
    expected = {csp.script_hash(s) for s in scripts}
    for page in site_dir.rglob("*.html"):
        listed = set(re.findall(r"'sha256-[^']+'", policy_of(page.read_text(encoding="utf-8"))))
        assert listed == expected, page


def test_known_scripts_are_the_templates_own_with_only_url_like_values_filled_in():
    known = known_scripts()
    ours = 'for(const id of["__drawer","__search"]){const toggle=document.getElementById(id);if(toggle)toggle.checked=false}'
    assert known.allows(ours)
    scope = ('__md_scope=new URL("{}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
             '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
             '__md_set=(e,_,t=localStorage,a=__md_scope)=>{{try{{t.setItem(a.pathname+"."+e,JSON.stringify(_))}}catch(e){{}}}}')
    assert known.allows(scope.format("../..")) and known.allows(scope.format("/"))
    assert not known.allows(scope.format('",alert(1),"'))  # a value cannot leave its string
    assert not known.allows(ours + ";alert(1)") and not known.allows("alert(1)")


@pytest.mark.parametrize("html, expected", [
    ("<script>alert(1)</script>", "has an inline script that is not one of the known template scripts: 'alert(1)'"),
    ('<meta http-equiv="refresh" content="0;url=https://example.org">', "has a <meta http-equiv>"),
    ("<META HTTP-EQUIV=Refresh CONTENT=0>", "has a <meta http-equiv>"),
    # Found by the red team: a '>' in an earlier attribute, an entity in the value, src= inside a value.
    ('<meta name="a>b" http-equiv="refresh" content="0;url=https://example.org">', "has a <meta http-equiv>"),
    ('<meta http-equiv="&#114;efresh" content="0;url=https://example.org">', "has a <meta http-equiv>"),
    ('<meta name="<" http-equiv="refresh" content="0;url=https://example.org">', "has a <meta http-equiv>"),
    ('<script title="src=x">alert(502)</script>', "has a script tag not in a form our templates or Material write"),
    ('<script src="https://example.org/a.js"></script>', "has a script tag not in a form our templates or Material write"),
    ('<script src="//example.org/a.js" defer></script>', "has a script tag not in a form our templates or Material write"),
    ('<script/src="a.js"></script>', "has a script tag not in a form our templates or Material write"),
    ('<form class="a>b" action="https://example.org/">', "has a form that sends to an address"),
    ('<iframe src="x"></iframe>', "has an <iframe>"),
    ('<a href="javascript:alert(1)">x</a>', "has a javascript: address"),
    ('<base href="https://example.org/">', "has a <base> element"),
    ('<form action="https://example.org/collect">', "has a form that sends to an address"),
    ('<button formaction="https://example.org">', "has a form that sends to an address"),
])
def test_a_page_with_anything_no_template_writes_is_refused(html, expected):
    problems = csp.page_problems(f"<html><head></head><body>{html}</body></html>", known_scripts())
    assert not csp.page_problems('<html><head><script src="../assets/x.js" defer></script></head></html>', known_scripts())
    code_sample = '<pre><code>&lt;meta http-equiv="refresh"&gt; &lt;form action="x"&gt;</code></pre>'
    assert not csp.page_problems(f"<html><body>{code_sample}</body></html>", known_scripts())
    assert problems and problems[0].startswith(expected), problems


INJECTING_HOOK = '''
def on_post_page(output, *, page, config):
    return output.replace("</body>", "<script>alert(document.domain)</script></body>")
'''


def test_a_hook_that_adds_a_script_stops_the_build_and_the_site_stays(tmp_path):
    from sitekit import QUIZ, REPO, TinySite
    site = TinySite(tmp_path)
    site.add_module()
    site.write("quizzes/shared-goals.yml", QUIZ)
    site.extra_hooks = [site.write("inject.py", INJECTING_HOOK), REPO / "hooks" / "csp.py"]
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("previous", encoding="utf-8")
    build = site.build()
    assert build.returncode != 0 and "Traceback" not in build.output
    assert "has an inline script that is not one of the known template scripts: 'alert(document.domain)'" in build.output
    assert "Nothing was published; site/ is as it was." in build.output
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("site")) == ["site"]
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["index.html"]
