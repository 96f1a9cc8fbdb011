"""The checks made before MkDocs cleans site/: symbolic links (symlinks.py) and page-path clashes
(page_paths.py). Exact messages for each hostile case are in tests/bad_inputs/; these tests pin
what those cases cannot: that the page list agrees with a real build, and the links that are fine.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from common_agenda.content import load_content
from common_agenda.page_paths import address, built_pages, clash_problems, destination, docs_files
from common_agenda.preflight import load_checked
from common_agenda.problems import ContentError
from common_agenda.site_state import content_of
from common_agenda.symlinks import link_problems
from sitekit import REPO


@pytest.fixture(scope="module")
def content():
    return load_content(REPO)


def test_the_page_list_is_exactly_what_the_hooks_add(tmp_path, monkeypatch):
    """The hooks' own on_files, run on the real project (as `serve` would, so nothing is staged)."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    added = sorted(f.src_uri for f in files if f.generated_by)
    predicted = [page.uri for page in built_pages(content_of(config))]
    assert len(added) > 60
    assert sorted(predicted) == added
    assert not list(tmp_path.iterdir())


def test_the_real_project_has_no_clash_and_no_link(content):
    assert clash_problems(content, REPO / "docs") == []
    assert clash_problems(content, REPO / "docs", directory_urls=False) == []
    assert link_problems(REPO, REPO / "docs") == []


def test_destinations_follow_mkdocs():
    assert destination("modules/x.md") == "modules/x/index.html"
    assert destination("modules/x.md", directory_urls=False) == "modules/x.html"
    assert destination("modules/index.md") == destination("modules/README.md") == "modules/index.html"
    assert destination("notes.markdown") == "notes/index.html"
    assert destination("assets/quiz.js") == "assets/quiz.js"
    assert address("index.html") == "/" and address("modules/x/index.html") == "/modules/x/"


def project(root: Path) -> Path:
    for name in ("modules", "quizzes", "training", "schemas", "docs"):
        shutil.copytree(REPO / name, root / name)
    return root


def test_a_readme_beside_an_index_is_blamed_and_folder_pages_clash_only_with_directory_urls(tmp_path):
    root = project(tmp_path / "project")
    (root / "docs" / "modules" / "README.md").write_text("# Modules\n", encoding="utf-8")
    (root / "docs" / "first-meeting").mkdir()
    (root / "docs" / "first-meeting" / "index.md").write_text("# Brief\n", encoding="utf-8")
    content = load_content(root)
    readme = ("docs/modules/README.md:1: file: would be published at /modules/, where the build already "
              "puts docs/modules/index.md — rename or remove docs/modules/README.md")
    assert [str(p) for p in clash_problems(content, root / "docs", directory_urls=False)] == [readme]
    assert sorted(str(p) for p in clash_problems(content, root / "docs")) == [
        "docs/first-meeting/index.md:1: file: would be published at /first-meeting/, where the build already "
        "puts docs/first-meeting.md — rename or remove docs/first-meeting/index.md", readme]


def test_docs_files_leave_out_what_mkdocs_leaves_out(tmp_path):
    for name in ("page.md", ".hidden.md", ".git/config", "templates/x.html", "a/templates/y.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert docs_files(tmp_path) == ["page.md", "a/templates/y.html"]


def test_links_between_content_files_are_accepted_and_followed(tmp_path):
    """A link that stays in the content (a docs page showing a training file, a docs folder that is
    a training folder) is fine, and its target is checked where the link puts it."""
    root = project(tmp_path / "project")
    (root / "docs" / "mou.md").symlink_to("../training/mou-template.md")
    (root / "docs" / "kit").symlink_to("../training/duties")
    assert link_problems(root, root / "docs") == []
    assert {"mou.md", "kit/new-york.yml"} <= set(docs_files(root / "docs"))
    load_checked(root)


def test_a_link_through_a_linked_folder_is_checked_where_it_is_reached(tmp_path):
    root = project(tmp_path / "project")
    (root / "training" / "extra").mkdir()
    (root / "training" / "extra" / "leak.md").symlink_to("/etc/passwd")
    (root / "docs" / "extra").symlink_to("../training/extra")
    found = {str(p) for p in link_problems(root, root / "docs")}
    assert found == {f"{where}/extra/leak.md:1: file: is a symbolic link to a place outside the project (/etc/passwd) — "
                     "copy the file into the project instead of linking to it" for where in ("training", "docs")}


def test_a_docs_folder_linked_out_of_the_project_is_refused_before_anything_is_read(tmp_path):
    root = project(tmp_path / "project")
    shutil.rmtree(root / "docs")
    (root / "docs").symlink_to(REPO / "docs")
    with pytest.raises(ContentError) as caught:
        load_checked(root)
    assert [str(p) for p in caught.value.problems] == [
        f"docs:1: folder: is a symbolic link to a place outside the project ({REPO / 'docs'}) — "
        "copy the folder into the project instead of linking to it"]


def test_a_link_cycle_through_two_content_folders_ends(tmp_path):
    """docs/a -> training/x and training/x/b -> docs: each walk stops where it would come back."""
    root = project(tmp_path / "project")
    (root / "training" / "x").mkdir()
    (root / "training" / "x" / "b").symlink_to("../../docs")
    (root / "docs" / "a").symlink_to("../training/x")
    found = sorted(p.file for p in link_problems(root, root / "docs"))
    assert found == ["docs/a/b", "training/x/b/a"]


def test_a_control_character_in_a_target_cannot_fake_a_second_message_line(tmp_path):
    root = project(tmp_path / "project")
    (root / "quizzes" / "broken.yml").symlink_to("/nowhere\nquizzes/x.yml:1: id: fine")
    [problem] = link_problems(root, root / "docs")
    assert "\n" not in str(problem) and "(/nowhere\\nquizzes/x.yml:1: id: fine)" in str(problem)


def test_a_refused_link_is_never_opened(tmp_path):
    """/dev/zero never ends: reading it would hang the build, so the link check must come first."""
    root = project(tmp_path / "project")
    (root / "modules" / "broken.md").symlink_to("/dev/zero")
    with pytest.raises(ContentError) as caught:
        load_checked(root)
    assert [str(p) for p in caught.value.problems] == [
        "modules/broken.md:1: file: is a symbolic link to a place outside the project (/dev/zero) — "
        "copy the file into the project instead of linking to it"]
