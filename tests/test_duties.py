"""Duties pages: training/duties/<place>.yml is checked against its schema and becomes one printable
page per file, with every citation linked to its source. Bad files stop the build with the exact
lines in tests/bad_inputs/duties-*; here, the real New York file, the rules a schema cannot say,
a second state added without code, and the real strict build of the page."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from common_agenda import duties, nav_order
from common_agenda.content import load_content
from common_agenda.problems import ContentError
from sitekit import REPO

NEW_YORK = REPO / "training" / "duties" / "new-york.yml"
SCHEMA = REPO / "schemas" / "duties.schema.json"
CONTENT = ("modules", "quizzes", "training", "schemas")


def load(path: Path = NEW_YORK, **kwargs):
    return duties.load_duties(path, f"training/duties/{path.name}", SCHEMA, **kwargs)


def test_new_york_loads_with_every_duty_the_issue_asks_for():
    page, problems = load()
    assert problems == []
    assert page.title == "Duties in New York" and page.page_uri == "duties/new-york.md"
    ids = [d.id for d in page.duties]
    for wanted in ("state-trafficking-referral", "ocfs-3922", "scr-or-police", "youth-shelter-parent-notice",
                   "missing-from-care", "vawa-consent-minors", "counseling-privilege", "criminal-discovery"):
        assert wanted in ids
    cites = " ".join(rule.cite for d in page.duties for rule in d.rules)
    for cite in ("§ 483-cc", "15-OCFS-ADM-16", "§ 371", "§ 1012", "§ 532-c", "§ 671(a)(35)(B)",
                 "§ 12291(b)(2)", "CPLR 4508", "CPLR 4510", "§ 245.20"):
        assert cite in cites
    assert page.reviewed <= datetime.date.today()
    assert all(d.checked_against for d in page.duties)
    assert NEW_YORK.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/duties.schema.json\n")


def test_the_page_shows_every_citation_with_its_link_and_a_caveat():
    page, _ = load()
    markdown = duties.page_markdown(page)
    assert markdown.startswith('---\ntitle: "Duties in New York"\n---\n# Duties in New York\n')
    for duty in page.duties:
        assert f"{{#{duty.id}}}" in markdown  # each duty has its own address
        for rule in duty.rules:
            assert f"]({rule.url})" in markdown
    assert "Check with counsel" in markdown and "not legal advice" in markdown
    assert "*New York rule*" in markdown and "*Federal rule*" in markdown
    assert "\\(c)" in markdown  # 9 NYCRR 182-1.9(c) is not turned into a copyright sign
    # The review links are for reviewers, not readers.
    assert "checked_against" not in markdown and "nyrules.elaws.us" not in markdown


def test_a_review_date_in_the_future_is_refused(tmp_path):
    path = tmp_path / "new-york.yml"
    path.write_text(NEW_YORK.read_text(encoding="utf-8"), encoding="utf-8")
    page, problems = load(path, today=datetime.date(2026, 1, 1))
    assert page is None
    assert [str(p) for p in problems] == [
        "training/duties/new-york.yml:9: reviewed: 2026-12-01 is in the future — "
        "write the date the duties were last checked, today or earlier"]


def test_a_duty_may_not_take_the_id_of_a_heading_of_the_page(tmp_path):
    path = tmp_path / "new-york.yml"
    path.write_text(NEW_YORK.read_text(encoding="utf-8").replace("id: ocfs-3922", "id: at-a-glance"), encoding="utf-8")
    _, problems = load(path)
    assert [p.what for p in problems] == ["'at-a-glance' is the id of a heading of the page itself"]


def copy_content(root: Path) -> Path:
    for folder in CONTENT:
        shutil.copytree(REPO / folder, root / folder)
    return root


CALIFORNIA = """\
# yaml-language-server: $schema=../../schemas/duties.schema.json
jurisdiction: California
covers: A test file, not a statement of California law.
reviewed: "2026-01-15"
duties:
  - id: example-duty
    title: An example duty
    level: state
    who: Test agencies
    must: Do the test thing | carefully
    when: Within 1 day
    rules:
      - cite: Test Code § 1(c)
        url: https://example.org/test-code-1
    notes: Only a test.
    checked_against: [https://example.org/test-code-1]
"""


def test_another_state_adds_a_file_and_gets_its_own_page_and_nav_entry(tmp_path):
    root = copy_content(tmp_path / "project")
    (root / "training" / "duties" / "california.yml").write_text(CALIFORNIA, encoding="utf-8")
    content = load_content(root, lint_items=False)
    assert [d.title for d in content.duties] == ["Duties in California", "Duties in New York"]
    nav, found = nav_order.expand(["index.md", nav_order.DUTIES_MARKER], content)
    assert nav == ["index.md", {"Duties in California": "duties/california.md"},
                   {"Duties in New York": "duties/new-york.md"}]
    markdown = duties.page_markdown(content.duties[0])
    assert "Do the test thing \\| carefully" in markdown  # a pipe does not end the table cell


def test_a_broken_duties_file_stops_the_whole_load(tmp_path):
    root = copy_content(tmp_path / "project")
    path = root / "training" / "duties" / "new-york.yml"
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index("    level: federal") + 1
    index = next(i for i, d in enumerate(load()[0].duties) if d.level == "federal")
    path.write_text(text.replace("level: federal", "level: national", 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(root)
    assert [str(p) for p in caught.value.problems] == [
        f"training/duties/new-york.yml:{line}: duties[{index}].level: text ('national') is not allowed — "
        "use one of: state, federal, local"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The real mkdocs.yml, hooks and theme over a copy of the content, built with --strict."""
    root = copy_content(tmp_path_factory.mktemp("duties") / "project")
    shutil.copytree(REPO / "docs", root / "docs")  # a docs/ linked out of the project is refused
    for name in ("hooks", "overrides"):
        (root / name).symlink_to(REPO / name)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


def test_the_strict_build_makes_the_page_with_every_citation_and_link(built):
    html = (built / "duties" / "new-york" / "index.html").read_text(encoding="utf-8")
    page, _ = load()
    for duty in page.duties:
        assert f'id="{duty.id}"' in html
        for rule in duty.rules:
            assert f'href="{rule.url}"' in html
            assert unescape(rule.cite) in unescape(html)
    assert "9 NYCRR § 182-1.9(c)" in html and "©" not in html.split("md-footer")[0]
    assert 'class="ca-duties-glance"' in html and html.count('class="ca-duty"') == len(page.duties)
    # In the nav after the first-meeting brief, and linked from it.
    index = html.index('href="../../first-meeting/"')
    assert html.index(">Duties in New York<", index) > index
    brief = (built / "first-meeting" / "index.html").read_text(encoding="utf-8")
    assert 'href="../duties/new-york/"' in brief


def test_the_page_is_searchable(built):
    import json

    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "duties/new-york/" in locations
    assert "duties/new-york/#ocfs-3922" in locations
