"""Every built page is valid HTML: the Nu HTML Checker finds no error on any of them.

The checker is npm's `vnu-jar` at the version tools/audit.py pins, installed into .audit/ on
first use, and runs on the system Java (one JVM for every page: a few seconds). Without Java the
test is skipped, and fails in CI, where a skipped check would hide invalid pages.
"""

from __future__ import annotations

import os
import re
import shutil

import audit
import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _unavailable(message: str) -> None:
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def vnu():
    """The checker is there: Java on the PATH, vnu.jar in .audit/ (installed by npm when missing)."""
    if not shutil.which("java"):
        _unavailable("Java is missing: the HTML validity test runs the Nu HTML Checker (vnu.jar) on it. "
                     "Install Debian's Java: `apt-get install default-jre-headless`.")
    try:
        audit.npm_package("vnu-jar")
    except audit.AuditError as error:
        _unavailable(f"The Nu HTML Checker could not be installed: {error}")
    return audit.vnu_errors


def test_every_built_page_is_valid_html(site_dir, vnu):
    pages = audit.html_pages(site_dir)
    errors = vnu(site_dir, pages)
    assert len(errors) == len(pages) > 50, "every page is checked"
    assert [f"{page}: {message}" for page, found in sorted(errors.items()) for message in found] == []


def test_the_checker_reports_an_invalid_page(tmp_path, vnu):
    """The zero above means something: the same call reports errors where there are some."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>'
        '<input type="checkbox" id="a" autocomplete="off"><label for="nothing">x</label></body></html>',
        encoding="utf-8")
    found = vnu(tmp_path)["index.html"]
    assert len(found) == 2 and "autocomplete" in found[0].text and "for" in found[1].text


def test_material_toggles_lose_only_their_invalid_attribute(site_dir):
    """overrides/main.html filters autocomplete="off" out of Material's two checkbox toggles.

    If a Material release changes that markup, the filter silently stops matching: this says so
    without needing Java. The 404 page (rendered through the same filter) keeps its heading.
    """
    for page in ("index.html", "modules/shared-goals/index.html", "404.html"):
        html = (site_dir / page).read_text(encoding="utf-8")
        toggles = re.findall(r'<input class="md-toggle"[^>]*>', html)
        assert len(toggles) == 2 and all('type="checkbox"' in t for t in toggles), page
        assert not [t for t in toggles if "autocomplete" in t], page
        assert 'autocomplete="off"' in html, "the search box (a text input) keeps its autocomplete=off"
    assert "<h1>404 - Not found</h1>" in (site_dir / "404.html").read_text(encoding="utf-8")
