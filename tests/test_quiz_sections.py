"""A question's `section:` names a heading of its module, with the id the built page gives it.

The ids come from quiz_sections.sections (the module converted with the site's Markdown extensions);
these tests hold them to the ids of pages MkDocs really built, tiny and real.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from common_agenda.content import load_content
from common_agenda.problems import ContentError
from common_agenda.quiz_sections import SITE_MARKDOWN, MarkdownSetup, sections, study_links
from sitekit import REPO, module_text, quiz_text

# The tiny sites' extensions (tests/sitekit.py, after MkDocs's own three), for loading them as their build does
TINY = MarkdownSetup(("toc", "tables", "fenced_code", "abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details"))

TRICKY_BODY = """
## Why it matters

Both groups want survivors to be safe.

## Ask for a *stage* update {#stage-update}

```text
## Not a heading: inside a fence
```

## Why it matters

### Who calls whom: `911` & the hotline

## Mission (c) 1/2 --> done
"""


def tricky_module(module_id: str = "shared-goals") -> str:
    return module_text(module_id).split("\n## Why it matters")[0] + TRICKY_BODY


def messages(root: Path, setup: MarkdownSetup = TINY) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_content(root, markdown=setup)
    return [str(p) for p in raised.value.problems]


def test_a_section_that_is_no_heading_of_the_module_is_named_with_the_ids_to_use(tiny_site):
    tiny_site.add_module("shared-goals", tricky_module())
    tiny_site.write("quizzes/shared-goals.yml", quiz_text({
        "    covers: [A2]\n": "    covers: [A2]\n    section: foo\n",
        "        covers: [A1]\n": "        covers: [A1]\n        section: stage-updates\n",
    }))
    text = (tiny_site.root / "quizzes/shared-goals.yml").read_text()
    line = text.splitlines().index("    section: foo") + 1
    sub_line = text.splitlines().index("        section: stage-updates") + 1
    ids = "why-it-matters, stage-update, who-calls-whom-911-the-hotline, mission-c-12-done"
    # why-it-matters_1, the repeated heading's id, is left out: `section:` cannot name it (give it an {#id})
    assert messages(tiny_site.root) == [
        f"quizzes/shared-goals.yml:{line}: questions[1].section: no heading 'foo' in modules/shared-goals.md"
        f" — use one of: {ids}",
        f"quizzes/shared-goals.yml:{sub_line}: questions[3].questions[0].section: no heading 'stage-updates' in"
        f" modules/shared-goals.md — use one of: {ids}",
    ]


def test_sections_that_exist_pass_and_become_each_questions_study_link(tiny_site):
    tiny_site.add_module("shared-goals", tricky_module())
    tiny_site.write("quizzes/shared-goals.yml", quiz_text({
        "    covers: [A1]\n": "    covers: [A1]\n    section: who-calls-whom-911-the-hotline\n",
        "    type: scenario\n": "    type: scenario\n    section: stage-update\n",
        "        covers: [A2]\n": "        covers: [A2]\n        section: mission-c-12-done\n",
    }))
    content = load_content(tiny_site.root, markdown=TINY)
    links = study_links(content.quizzes[0], content.modules[0], TINY)
    assert {q: (s.id, s.title) for q, s in links.items()} == {
        "q-single": ("who-calls-whom-911-the-hotline", "Who calls whom: 911 &amp; the hotline"),
        "q-multiple": ("", "Shared goals, different missions"),  # no section: the module page
        "q-tf": ("", "Shared goals, different missions"),
        "q-case-1": ("stage-update", "Ask for a stage update"),  # the scenario's section
        "q-case-2": ("mission-c-12-done", "Mission (c) 1/2 --&gt; done"),  # its own
    }


def built_heading_ids(page: str) -> list[str]:
    article = page[page.index("<article"):page.index("</article>")]
    return re.findall(r"<h[1-6][^>]* id=\"([^\"]+)\"", article)


def test_ids_match_a_tiny_built_page(tiny_site):
    tiny_site.add_module("shared-goals", tricky_module())
    build = tiny_site.build()
    assert build.returncode == 0, build.output
    content = load_content(tiny_site.root, markdown=TINY)
    built = built_heading_ids(build.page("modules/shared-goals/index.html"))
    ours = [s.id for s in sections(content.modules[0], TINY)]
    # the first is the page title; the page template adds its sources list after the body
    assert built[1:] == ours + ["sources-and-review"]


def test_ids_match_every_real_module_page(site_dir):
    content = load_content(Path(__file__).resolve().parent.parent)
    for module in content.modules:
        built = built_heading_ids((site_dir / "modules" / module.slug / "index.html").read_text(encoding="utf-8"))
        ours = [s.id for s in sections(module)]
        assert ours and built[1:len(ours) + 1] == ours, module.source
        assert built[len(ours) + 1:] in (["sources-and-review"], ["check-yourself", "sources-and-review"]), \
            module.source  # headings the page template adds after the module's own


def test_the_default_setup_is_the_one_in_mkdocs_yml():
    """`make lint` and the tests load content without MkDocs; they must see the ids the site builds."""
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    assert SITE_MARKDOWN.extensions == tuple(config["markdown_extensions"])


HIDDEN_AND_BOXED = """
## Why it matters

<!--
## Commented out
-->

<div>
## In raw html
</div>

!!! tip "A tip"
    ## Inside a tip

## Calls at any hour (c) rules
"""


def test_ids_are_those_the_page_has_not_those_the_source_seems_to_have(tiny_site):
    tiny_site.add_module("shared-goals", module_text("shared-goals").split("\n## Why it matters")[0]
                         + HIDDEN_AND_BOXED)
    site_ids = [s.id for s in sections(load_content(tiny_site.root, markdown=TINY).modules[0], SITE_MARKDOWN)]
    assert site_ids == ["why-it-matters", "inside-a-tip", "calls-at-any-hour-rules"]
    tiny_site.write("quizzes/shared-goals.yml", quiz_text({"    covers: [A2]\n": "    covers: [A2]\n    section: commented-out\n"}))
    assert [m.split(" — ")[0].split(": ", 1)[1] for m in messages(tiny_site.root, SITE_MARKDOWN)] == [
        "questions[1].section: no heading 'commented-out' in modules/shared-goals.md"]


def test_a_check_questions_section_names_a_heading_of_its_own_module(tmp_path):
    import shutil

    project = tmp_path / "project"
    for folder in ("modules", "quizzes", "training", "schemas"):
        shutil.copytree(REPO / folder, project / folder)
    checks = project / "training" / "checks.yml"
    text = checks.read_text(encoding="utf-8")
    first = re.search(r"^    section: (\S+)$", text, re.MULTILINE)
    checks.write_text(text[:first.start(1)] + "calls-at-any-hour" + text[first.end(1):], encoding="utf-8")
    line = text[:first.start()].count("\n") + 1
    found = messages(project, SITE_MARKDOWN)
    assert len(found) == 1 and found[0].startswith(
        f"training/checks.yml:{line}: questions[0].section: no heading 'calls-at-any-hour' in modules/")
