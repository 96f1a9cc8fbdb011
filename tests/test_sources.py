"""Sources and review dates: each module page ends with its sources and the date it was last
checked, the Sources page is made from every module's sources, and an old review is reported
without failing a strict build."""

from __future__ import annotations

from datetime import date

from common_agenda import sources
from common_agenda.content import load_content
from sitekit import TinySite, module_text

PRIMARY = ("\n  - title: Instructions for Form I-914, Supplement B"
           "\n    publisher: US Citizenship and Immigration Services"
           "\n    url: https://example.org/i-914"
           "\n    supports: who may sign the T visa declaration"
           "\n    primary: true")
GUIDE = ("\n  - title: Confidentiality FAQs"
         "\n    publisher: NNEDV Safety Net"
         "\n    url: https://example.org/faq"
         "\n    supports: releases are written and time-limited")


def tiny(tmp_path, **modules: dict) -> TinySite:
    site = TinySite(tmp_path)
    for module_id, fields in modules.items():
        site.add_module(module_id, module_text(module_id, **fields))
    return site


def test_review_due_is_twelve_months_on_and_29_february_falls_back():
    assert sources.review_due(date(2025, 12, 1)) == date(2026, 12, 1)
    assert sources.review_due(date(2024, 2, 29)) == date(2025, 2, 28)


def test_only_reviews_older_than_twelve_months_are_reported(tmp_path):
    site = tiny(tmp_path, **{"old-one": {"reviewed": "2025-11-30"}, "on-the-day": {"reviewed": "2025-12-01"},
                             "fresh": {"reviewed": "2026-12-01"}})
    modules = load_content(site.root).modules
    today = date(2026, 12, 1)  # a fixed "today": the test does not age
    assert [m.id for m in sources.overdue(modules, today)] == ["old-one"]
    assert sources.review_report(modules, today) == (
        "Review due: 1 module last reviewed more than 12 months ago: modules/old-one.md (reviewed 2025-11-30) — "
        "check each against its sources, then update 'reviewed:'")
    assert sources.review_report(modules, date(2026, 11, 30)) is None


def test_an_old_review_is_reported_by_the_build_but_does_not_fail_strict_mode(tmp_path):
    site = tiny(tmp_path, **{"shared-goals": {"reviewed": "2020-01-15"}})
    build = site.build()
    assert build.returncode == 0, build.output
    assert ("INFO    -  Review due: 1 module last reviewed more than 12 months ago: "
            "modules/shared-goals.md (reviewed 2020-01-15)") in build.output


def test_module_page_ends_with_its_sources_and_last_reviewed_date(tmp_path):
    site = tiny(tmp_path, **{"shared-goals": {"sources": PRIMARY + GUIDE}})
    build = site.build()
    assert build.returncode == 0, build.output
    assert "Review due" not in build.output
    html = build.page("modules/shared-goals/index.html")
    end = html[html.index('id="sources-and-review"'):]
    assert '<a href="https://example.org/i-914">Instructions for Form I-914, Supplement B</a>' in end
    assert "US Citizenship and Immigration Services. Primary source." in end
    assert "Supports: who may sign the T visa declaration" in end
    assert '<a href="https://example.org/faq">Confidentiality FAQs</a>. NNEDV Safety Net.' in end
    assert 'Last reviewed <time datetime="2026-12-01">1 December 2026</time>' in end


def test_sources_page_is_generated_once_per_address_and_grouped(tmp_path):
    site = tiny(tmp_path, **{"shared-goals": {"sources": PRIMARY + GUIDE},
                             "timelines": {"title": "Timelines", "sources": PRIMARY}})
    build = site.build()
    assert build.returncode == 0, build.output
    html = build.page("sources/index.html")
    assert "Safe Harbour NY Fast Facts" in html and "Linda C. J. Turner" in html
    assert html.count('href="https://example.org/i-914"') == 1, "one entry per address"
    primary, other = html.split('id="practice-guidance-and-training-resources"')
    assert "example.org/i-914" in primary and "example.org/faq" in other
    entry = primary[primary.index("example.org/i-914"):]
    assert "Shared goals, different missions</a> (who may sign the T visa declaration)" in entry
    assert "Timelines</a> (who may sign the T visa declaration)" in entry
