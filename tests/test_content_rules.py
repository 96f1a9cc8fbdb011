"""The knowledge base keeps its promises: coverage, quiz size, reading level, caveats, both views."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import textstat

from common_agenda import sources
from common_agenda.content import load_content
from common_agenda.role_paths import role_paths
from prose import body_prose
from sitekit import REPO

CONTENT = load_content(REPO)
MODULES = {m.id: m for m in CONTENT.modules}
BANNED = ["child prostitute", "underage prostitute", "teen prostitute", "juvenile prostitute",
          "child prostitution", "child sex worker", "underage sex worker", "child sex work"]
LEGAL = re.compile(r"\b(laws?|legal|legally|statutes?|visas?|subpoenas?|court orders?|HIPAA|42 CFR|VAWA|"
                   r"FVPSA|VOCA|Brady|mandated reporters?|certif\w+|warrants?)\b", re.I)
CAVEAT = '!!! warning "Check your jurisdiction"'
FICTIONAL = '!!! note "Fictional case"'


def test_every_source_point_is_covered_by_a_module_and_a_quiz_question():
    by_modules = {code for m in CONTENT.modules for code in m.covers}
    by_questions = {code for q in CONTENT.quizzes for code in q.covers}
    points = set(CONTENT.source_points)
    assert len(points) == 22
    assert sorted(points - by_modules) == [], "source points no module covers"
    assert sorted(points - by_questions) == [], "source points no quiz question covers"


def test_ten_modules_each_with_a_quiz():
    assert len(CONTENT.modules) == 10
    assert [m.id for m in CONTENT.modules if CONTENT.quiz_for(m.id) is None] == []


@pytest.mark.parametrize("quiz", CONTENT.quizzes, ids=lambda q: q.id)
def test_each_quiz_has_six_questions_of_three_types(quiz):
    scored = list(quiz.scored())
    types = {q.type for q in quiz.questions} | {q.type for q in scored}
    assert len(scored) >= 6
    assert len(types) >= 3, types


def test_at_least_sixty_questions_in_all():
    assert sum(len(list(q.scored())) for q in CONTENT.quizzes) >= 60


@pytest.mark.parametrize("path", sorted((REPO / "quizzes").glob("*.yml")), ids=lambda p: p.name)
def test_every_quiz_file_names_its_schema_for_editors(path):
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schemas/quiz.schema.json\n")


@pytest.mark.parametrize("module", CONTENT.modules, ids=lambda m: m.id)
def test_module_prose_reads_at_grade_ten_or_below(module):
    grade = textstat.flesch_kincaid_grade(body_prose(module.body))
    assert grade <= 10, f"{module.source}: Flesch-Kincaid grade {grade}"


def all_text_files() -> list[Path]:
    files = [*REPO.glob("modules/*.md"), *REPO.glob("modules/*.yml"), *REPO.glob("quizzes/*.yml"), *REPO.glob("docs/**/*.md")]
    return sorted(files)


@pytest.mark.parametrize("path", all_text_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_no_banned_terms(path):
    text = path.read_text(encoding="utf-8").lower()
    assert [term for term in BANNED if term in text] == []


@pytest.mark.parametrize("module", CONTENT.modules, ids=lambda m: m.id)
def test_a_module_that_states_legal_points_carries_the_jurisdiction_caveat(module):
    if LEGAL.search(module.body):
        assert CAVEAT in module.body, f"{module.source} mentions law ({LEGAL.search(module.body).group()}) without the caveat"


@pytest.mark.parametrize("module", CONTENT.modules, ids=lambda m: m.id)
def test_every_module_shows_both_perspectives_and_a_fictional_case(module):
    tabs = '=== "Police view"' in module.body and '=== "Provider view"' in module.body
    table = re.search(r"^\|.*\bPolice\b.*\|.*\bProviders?\b.*\|", module.body, re.M)
    assert tabs or table, f"{module.source}: no side-by-side police and provider view"
    assert FICTIONAL in module.body


def test_module_pages_link_to_their_quiz(site_dir):
    for module in CONTENT.modules:
        html = (site_dir / "modules" / module.slug / "index.html").read_text(encoding="utf-8")
        quiz = CONTENT.quiz_for(module.id)
        assert f'href="../../quizzes/{quiz.id}/"' in html, module.id
        assert (site_dir / "quizzes" / quiz.id / "index.html").exists()


def test_role_path_totals_are_computed_from_module_minutes(site_dir):
    for path in role_paths(CONTENT):
        html = (site_dir / path.uri.replace(".md", "/index.html")).read_text(encoding="utf-8")
        expected = sum(m.minutes for m in CONTENT.modules if path.audience in m.audiences)
        hours, rest = divmod(expected, 60)
        assert f"{hours} h {rest} min in all" in html or f"{hours} h in all" in html
        assert html.count('<td><a href="../../modules/') == len(path.modules)  # the full curriculum's rows
        assert f"<strong>{path.core_minutes} min</strong>" in html  # the core path's total


def test_glossary_has_thirty_terms_and_tooltips_come_from_it(site_dir):
    assert len(CONTENT.glossary) >= 30
    page = (site_dir / "glossary/index.html").read_text(encoding="utf-8")
    assert all(term.term in page for term in CONTENT.glossary)
    mou = next(t for t in CONTENT.glossary if t.term == "MOU")
    html = (site_dir / "modules/protocols-and-mous/index.html").read_text(encoding="utf-8")
    assert f'<abbr title="{mou.definition}" tabindex="0">MOU</abbr>' in html
    assert html.count(f'title="{mou.definition}"') == 1, "one tooltip per term per page"
    assert not re.search(r"<h[1-6][^>]*>[^<]*<abbr", html), "no tooltips in headings"


def test_sources_credit_both_source_documents():
    text = sources.page_markdown(CONTENT.modules)  # the Sources page is generated, not written by hand
    assert "Safe Harbour NY Fast Facts" in text and "Office of Children and Family Services" in text
    assert "Networking" in text and "Linda C. J. Turner" in text and "2023" in text


def test_about_page_covers_safety_and_limits():
    text = (REPO / "docs/about.md").read_text(encoding="utf-8").lower()
    for phrase in ["not legal advice", "jurisdiction", "new york", "fictional", "lived through", "hotline"]:
        assert phrase in text, phrase


@pytest.mark.parametrize("module_id", sorted(MODULES))
def test_every_module_has_sources_with_a_primary_one_and_a_review_date(module_id):
    module = MODULES[module_id]
    assert module.sources, "sources: lists what the module relies on"
    assert any(s.primary for s in module.sources), "at least one primary source (law, form, official guide)"
    assert all(s.url.startswith(("https://", "http://")) and s.supports.strip() for s in module.sources)
    assert module.reviewed is not None
