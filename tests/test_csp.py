"""The Content-Security-Policy of every built page (hooks/csp.py): only the site's own origin.

The browser side, that nothing the site does is refused, is in test_browser_csp.py.
"""

from __future__ import annotations

import re

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
