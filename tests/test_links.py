"""Every internal link of the built site leads somewhere: the file exists, and so does the #anchor."""

from __future__ import annotations

import audit


def test_every_internal_link_and_anchor_of_the_site_resolves(site_dir):
    report = audit.broken_links(site_dir, audit.site_url())
    assert report.pages > 50 and report.checked > 1000, "the crawl read the whole site"
    assert report.broken == []


def test_the_crawl_reports_missing_files_anchors_and_links_out_of_the_site(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h1 id="here">A</h1>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<p id="top-note">'
        '<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="#top-note">ok</a> <a href="#top">ok</a> '
        '<a href="http://127.0.0.1:8000/a/#here">ok: site_url</a> <a href="https://example.org/">external</a> '
        '<a href="mailto:x@example.org">external</a> '
        '<a href="a/#gone">no anchor</a> <a href="b/">no file</a> <img src="logo.png" alt=""> '
        '<a href="http://127.0.0.1:8000/b/">no file</a> <a href="../../up/">outside</a>',
        encoding="utf-8")
    report = audit.broken_links(tmp_path, "http://127.0.0.1:8000/")
    assert report.external == 2
    assert [b.split(" -> ")[1] for b in report.broken] == [
        'no id "gone" in a/index.html', "no file b/index.html", "no file logo.png", "no file b/index.html",
        "outside the site"]
