"""A module file becomes a page; a bad one stops the build with a message an author can act on."""

from __future__ import annotations

import pytest

from sitekit import module_text


def assert_stopped_with(build, *lines: str) -> None:
    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output
    assert not build.site.exists(), "nothing may be written when content is bad"
    for line in lines:
        assert line in build.output, f"missing message:\n{line}\n--- output ---\n{build.output}"


def test_valid_module_renders_header_and_edit_link(tiny_site):
    tiny_site.add_module()
    build = tiny_site.build()
    assert build.returncode == 0, build.output
    html = build.page("modules/shared-goals/index.html")
    assert "<h1" in html and "Shared goals, different missions" in html
    assert "20 minutes" in html
    assert "Police officers, Service providers" in html
    assert "<li>Name the goals both groups share.</li>" in html
    assert "Source points covered: A1, A2" in html
    assert 'href="https://example.org/repo/edit/main/modules/shared-goals.md"' in html
    assert "Both groups want survivors to be safe." in html


def test_nav_lists_modules_in_teaching_order_not_file_order(tiny_site):
    tiny_site.add_module("zebra", module_text("zebra", title="Zebra first"))
    tiny_site.add_module("apple", module_text("apple", title="Apple second"))
    tiny_site.nav = "- Home: index.md\n- Modules: modules/*.md"
    build = tiny_site.build()
    assert build.returncode == 0, build.output
    html = build.page("index.html")
    assert html.index("Zebra first") < html.index("Apple second")


def test_nav_without_the_curriculum_entry_is_explained(tiny_site):
    tiny_site.add_module()
    tiny_site.nav = "- Home: index.md"
    build = tiny_site.build()
    assert_stopped_with(build, "mkdocs.yml: nav: has no 'modules/*.md' entry — add it where the training modules should appear")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"minutes": None},
         "modules/shared-goals.md:2: minutes: is missing — add 'minutes:' (reading or teaching time in whole minutes, e.g. 25)"),
        ({"minutes": "twenty"},
         "modules/shared-goals.md:6: minutes: must be a whole number, got text ('twenty') — write a whole number: reading or teaching time in whole minutes, e.g. 25"),
        ({"colour": "blue"},
         "modules/shared-goals.md:18: colour: is not a known field — remove it; allowed fields are id, title, summary, audiences, minutes, objectives, covers, sources, search, reviewed"),
        ({"minuts": "20", "minutes": None},
         "modules/shared-goals.md:17: minuts: is not a known field — did you mean 'minutes'? allowed fields are id, title, summary, audiences, minutes, objectives, covers, sources, search, reviewed"),
        ({"audiences": "[police, cops]"},
         "modules/shared-goals.md:5: audiences[1]: text ('cops') is not allowed — use one of: police, provider, facilitator"),
        ({"objectives": "[Only one]"},
         "modules/shared-goals.md:7: objectives: has 1 item, needs at least 2 — give 2 to 6 learning objectives, one per list item, each starting with a verb"),
        ({"covers": "[A1, A99]"},
         "modules/shared-goals.md:10: covers[1]: 'A99' is not a source point — use a code listed in modules/source-points.yml: A1, A2, A3"),
        ({"covers": "[A1, first]"},
         "modules/shared-goals.md:10: covers[1]: text ('first') is not in the expected form — write a source point code such as A3 or B6 (see modules/source-points.yml)"),
        ({"title": "'Shared goals"},
         "modules/shared-goals.md:3: front matter: YAML syntax error: while scanning a quoted scalar found unexpected end of stream — close the quote or bracket that was opened"),
    ],
    ids=["missing-field", "wrong-type", "unknown-key", "misspelt-key", "bad-enum", "too-few", "unknown-source-point",
         "malformed-code", "yaml-syntax"],
)
def test_bad_front_matter_stops_the_build(tiny_site, overrides, message):
    tiny_site.add_module(text=module_text(**overrides))
    assert_stopped_with(tiny_site.build(), message)


def test_duplicate_id_names_both_files(tiny_site):
    tiny_site.add_module("shared-goals")
    tiny_site.add_module("copy", module_text("shared-goals"), in_order=False)
    assert_stopped_with(tiny_site.build(),
                        "modules/shared-goals.md:2: id: 'shared-goals' is already the id of modules/copy.md — give each module its own id")


def test_module_missing_from_curriculum(tiny_site):
    tiny_site.add_module()
    tiny_site.add_module("extra", module_text("extra"), in_order=False)
    assert_stopped_with(tiny_site.build(),
                        "modules/extra.md:2: id: module 'extra' is not in the teaching order — add '- extra' under 'order:' in modules/curriculum.yml")


def test_curriculum_entry_without_module(tiny_site):
    tiny_site.add_module()
    tiny_site.set_order(["shared-goals", "ghost"])
    assert_stopped_with(tiny_site.build(),
                        "modules/curriculum.yml:3: order[1]: no module has the id 'ghost' — correct the id, or add a module with 'id: ghost' to modules/")


def test_missing_front_matter(tiny_site):
    tiny_site.add_module(text="# Just a heading\n\nNo front matter here.\n")
    assert_stopped_with(tiny_site.build(),
                        "modules/shared-goals.md:1: front matter: is missing — start the file with a line '---', then the fields (id, title, ...), then '---'")


def test_tabs_in_front_matter(tiny_site):
    tiny_site.add_module(text=module_text().replace("minutes: 20", "\tminutes: 20"))
    assert_stopped_with(tiny_site.build(), "modules/shared-goals.md:6: front matter: YAML syntax error:",
                        "— YAML does not allow tabs: indent with spaces")


def test_every_problem_is_reported_at_once(tiny_site):
    tiny_site.add_module(text=module_text(minutes=None, colour="blue"))
    tiny_site.add_module("second", module_text("second", audiences="[everyone]"))
    build = tiny_site.build()
    assert_stopped_with(build, "because of 3 problems", "minutes: is missing", "colour: is not a known field",
                        "modules/second.md:5: audiences[0]")


def test_bad_content_leaves_the_previous_site_alone(tiny_site):
    tiny_site.add_module()
    assert tiny_site.build().returncode == 0
    tiny_site.add_module(text=module_text(minutes="lots"), in_order=False)
    build = tiny_site.build()
    assert build.returncode != 0 and "Traceback" not in build.output
    assert (build.site / "modules/shared-goals/index.html").exists()
