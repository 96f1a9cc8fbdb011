"""Role paths as data: each role's core path comes from modules/curriculum.yml, its times from the
modules, and a wrong entry is a located problem an author can act on."""

from __future__ import annotations

import re
import shutil

import pytest
from markupsafe import escape

from common_agenda import role_paths as rp
from common_agenda.content import load_content
from common_agenda.problems import ContentError
from common_agenda.schema_check import check
from common_agenda.yaml_source import parse_yaml
from sitekit import REPO

CURRICULUM = (REPO / "modules" / "curriculum.yml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def content():
    return load_content(REPO)


def paths_of(text: str, content):
    """The paths and problems of a curriculum text, after the schema check the loader makes."""
    doc, problems = parse_yaml(text, "modules/curriculum.yml")
    assert doc is not None, problems
    problems = check(doc, REPO / "schemas" / "curriculum.schema.json")
    if problems:
        return [], problems
    return rp.paths_from(doc, content)


def test_the_real_core_paths_fit_90_minutes_differ_and_total_what_their_parts_say(content):
    paths = {p.audience: p for p in rp.role_paths(content)}
    assert set(paths) == {"police", "provider"}
    for path in paths.values():
        assert 0 < path.core_minutes <= rp.CORE_LIMIT
        assert path.core_minutes == sum(p.minutes for p in path.core)
        assert path.why.strip()
        assert path.now == path.core[:len(path.now)], "read-now is the start of the core path"
        assert rp.brief_minutes(content) + path.now_minutes <= rp.NOW_LIMIT
        assert path.modules == tuple(m for m in content.modules if path.audience in m.audiences)
    police, provider = paths["police"], paths["provider"]
    assert {(p.module.id, p.section) for p in police.core} != {(p.module.id, p.section) for p in provider.core}
    assert police.core_minutes != provider.core_minutes, "the two path pages show different totals"
    assert police.core[0].module.id != provider.core[0].module.id, "each role starts somewhere else"


def test_a_section_takes_its_share_of_the_module_words(content):
    module = content.module("confidentiality")
    total, counts = rp._section_words(module.title, module.body, content.markdown)
    words = dict(counts)["ask-only-for-what-you-need"]
    assert rp.section_minutes(module, "ask-only-for-what-you-need", content.markdown) == \
        max(1, round(module.minutes * words / total))
    # a section includes the headings under it
    assert dict(counts)["who-is-bound-by-what"] > dict(counts)["hipaa-and-privilege-who-they-cover"]
    whole = next(p for p in rp.paths_from(parse_yaml(CURRICULUM.replace(
        "      - confidentiality#case-is-she-with-you\n", "      - relationships\n"), "c.yml")[0], content)[0]
        if p.audience == "police")
    part = next(p for p in whole.core if p.module.id == "relationships")
    assert (part.section, part.minutes) == ("", content.module("relationships").minutes)


def test_an_unknown_module_or_heading_is_a_located_problem(content):
    text = CURRICULUM.replace("      - trauma-informed#evidence-with-consent\n", "      - trauma-informd\n", 1)
    text = text.replace("      - timelines#the-case-clock\n      - timelines#how",
                        "      - timelines#the-case-clock\n      - timelines#no-such-heading\n      - timelines#how", 1)
    lines = text.splitlines()
    _, problems = paths_of(text, content)
    assert [str(p) for p in problems] == [
        f"modules/curriculum.yml:{lines.index('      - trauma-informd') + 1}: paths.police.core[3]: no module has "
        "the id 'trauma-informd' — use a module id: " + ", ".join(m.id for m in content.modules),
        f"modules/curriculum.yml:{lines.index('      - timelines#no-such-heading') + 1}: paths.provider.core[2]: no "
        "heading 'no-such-heading' in modules/timelines.md — write 'timelines' for the whole module, or "
        "'timelines#' and one of: " + ", ".join(rp.section_ids(content.module("timelines"), content.markdown))]
    assert "two-clocks, the-case-clock" in str(problems[1])


def test_a_core_path_over_90_minutes_is_refused_with_its_parts(content):
    text = CURRICULUM.replace("      - shared-goals#do-your-own-job-not-theirs\n  provider:",
                              "      - relationships\n      - sustaining-partnership\n  provider:", 1)
    _, problems = paths_of(text, content)
    [problem] = problems
    assert problem.field == "paths.police.core"
    assert re.match(r"takes \d+ minutes, over the 90-minute limit \(trauma-informed#reactions-that-are-easy-to-misread 3, ",
                    problem.what), problem.what
    assert "sustaining-partnership 30)" in problem.what
    assert "name sections" in problem.fix


def test_two_identical_core_paths_are_refused(content):
    police = CURRICULUM[CURRICULUM.index("  police:"):CURRICULUM.index("  provider:")]
    text = CURRICULUM[:CURRICULUM.index("  provider:")] + police.replace("  police:", "  provider:", 1)
    _, problems = paths_of(text, content)
    assert [p.what for p in problems] == ["the police and provider core paths name the same modules and sections"]


def test_a_part_named_twice_and_read_now_off_the_path_are_refused(content):
    text = CURRICULUM.replace("      - timelines#the-service-clock\n",
                              "      - timelines#the-service-clock\n      - timelines#the-service-clock\n", 1)
    assert "timelines#the-service-clock more than once" in paths_of(text, content)[1][0].what  # the schema's check
    text = CURRICULUM.replace("      - shared-goals#do-your-own-job-not-theirs\n  provider:",
                              "      - shared-goals\n      - shared-goals#when-missions-clash\n  provider:", 1)
    _, problems = paths_of(text, content)
    assert [(p.field, p.what) for p in problems] == [
        ("paths.police.core[19]", "'shared-goals#when-missions-clash' is already on this path")]
    text = CURRICULUM.replace("      - shared-goals#do-your-own-job-not-theirs\n  provider:",
                              "      - shared-goals#do-your-own-job-not-theirs\n      - shared-goals\n  provider:", 1)
    _, problems = paths_of(text, content)  # the whole module after one of its sections (red team)
    assert [(p.field, p.what) for p in problems] == [
        ("paths.police.core[19]", "the whole module 'shared-goals' takes in sections of it named above on this path")]
    text = CURRICULUM.replace("    now:\n      - trauma-informed#reactions-that-are-easy-to-misread\n",
                              "    now:\n      - sustaining-partnership#say-thank-you\n", 1)
    _, problems = paths_of(text, content)
    assert [(p.field, p.what) for p in problems] == [
        ("paths.police.now[0]", "'sustaining-partnership#say-thank-you' is not on the core path")]


def test_a_missing_why_is_a_schema_problem(content):
    text = re.sub(r"  police:\n    why: >-\n(      .*\n)+", "  police:\n", CURRICULUM, count=1)
    _, problems = paths_of(text, content)
    assert [p.field for p in problems] == ["paths.police.why"]


def test_the_build_stops_on_a_bad_path_before_writing(tmp_path):
    root = tmp_path / "project"
    for name in ("modules", "quizzes", "training", "schemas", "docs"):
        shutil.copytree(REPO / name, root / name)
    (root / "modules" / "curriculum.yml").write_text(CURRICULUM.replace("timelines#the-case-clock", "timeline#x"),
                                                     encoding="utf-8")
    content = load_content(root)
    with pytest.raises(ContentError) as raised:
        rp.role_paths(content)
    assert "paths.provider.now[1]: no module has the id 'timeline'" in str(raised.value)
    assert "paths.provider.core[1]: no module has the id 'timeline'" in str(raised.value)


def test_pages_list_the_paths_routes_and_modules_index(content):
    assert [uri for uri, _ in rp.pages(content)] == [
        "paths/police.md", "paths/provider.md", "start/police.md", "start/provider.md", "start/facilitator.md",
        "modules/index.md"]
    index = rp.modules_index_markdown(content)
    assert [line.split("](")[1].split(")")[0] for line in index.splitlines() if re.match(r"\d+\. \*\*\[", line)] == \
        [f"{m.slug}.md" for m in content.modules]
    for module in content.modules:
        assert str(escape(module.summary)) in index and f"{module.minutes} min · For:" in index
