"""The checks made before MkDocs cleans site/: symbolic links (symlinks.py), page-path clashes
(page_paths.py), the front matter of docs pages (docs_front_matter.py) and the kinds of file the
docs folder may hold (docs_static.py). Exact messages for each hostile case are in
tests/bad_inputs/; these tests pin what those cases cannot: that the page list and the front matter
agree with what MkDocs and Material really read, and the links, fields and files that are fine.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import material
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.utils.meta import get_data

from common_agenda import docs_front_matter, docs_static
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
    (root / "docs" / "modules").mkdir(exist_ok=True)
    (root / "docs" / "modules" / "README.md").write_text("# Modules\n", encoding="utf-8")
    (root / "docs" / "first-meeting").mkdir()
    (root / "docs" / "first-meeting" / "index.md").write_text("# Brief\n", encoding="utf-8")
    content = load_content(root)
    readme = ("docs/modules/README.md:1: file: would be published at /modules/, where the build already "
              "puts the page 'Training modules' — rename or remove docs/modules/README.md")
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
    (root / "training" / "handouts").mkdir()
    (root / "training" / "handouts" / "notes.md").write_text("# Notes\n\nWhat to bring.\n", encoding="utf-8")
    (root / "docs" / "mou.md").symlink_to("../training/mou-template.md")
    (root / "docs" / "kit").symlink_to("../training/handouts")
    (root / "docs" / "duties").symlink_to("../training/duties")
    assert link_problems(root, root / "docs") == []
    assert {"mou.md", "kit/notes.md", "duties/new-york.yml"} <= set(docs_files(root / "docs"))
    with pytest.raises(ContentError) as caught:
        load_checked(root)
    assert [p.file for p in caught.value.problems] == ["docs/duties/new-york.yml"]  # a file kind docs/ may not hold
    (root / "docs" / "duties").unlink()
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


# ---- Front matter of docs pages (docs_front_matter.py) ----

SCHEMAS = REPO / "schemas"
ALLOWED_FIELDS = "allowed fields are title, description, search, hide"


def front_matter_problems(text: str) -> list[str]:
    return [str(p) for p in docs_front_matter.problems_in(text, "docs/x.md", SCHEMAS)]


@pytest.mark.parametrize("text", [
    "---\ntitle: A\nsearch: {boost: 2}\n---\n\n# A\n",
    "---\ntitle: A\n...\n# A\n",                           # YAML may also end with ...
    "---  \ntemplate: x\n---\t\nbody\n",                     # blanks after the markers
    "---\r\ntemplate: x\r\n---\r\n",                         # Windows line endings
    "template: redirect.html\nLocation: https://x.example/\n    more\n\n# A\n",  # MultiMarkdown lines
    "   Note: a first line that reads as a setting\n\n# A\n",
    "# A\n\ntemplate: x\n",                                 # not at the top: no metadata
    "---\ntemplate: x\n",                                    # never closed: no metadata
    "---\n---\ntemplate: x\n---\n",
    "\ntemplate: x\n",
])
def test_front_matter_is_found_exactly_where_mkdocs_finds_it(text):
    """The fields checked are the fields MkDocs hands the theme, in both of the forms it reads, and
    the body checked is the text it converts, each line at its number in the file."""
    markdown, meta = get_data(text.replace("\r\n", "\n"))
    doc, problems, _ = docs_front_matter.read(text, "docs/x.md")
    assert problems == []
    assert (set(doc.data) if doc else set()) == set(meta)
    body = docs_front_matter.body(text)
    assert body.lstrip("\n") == markdown.lstrip("\n")
    assert body.count("\n") == text.replace("\r\n", "\n").count("\n")


def test_the_body_checks_read_the_page_without_its_front_matter(tmp_path):
    """A quoted description over several lines put a ``` fence at the start of a line: the checks
    read the rest of the page as code, but MkDocs converts only the body, where the fence is gone."""
    root = project(tmp_path / "project")
    (root / "docs" / "extra.md").write_text('---\ndescription: "Notes\n```\nfor the team"\n---\n\n# Notes\n\n'
                                            "![](https://tracker.example.org/p.png)\n\n```\nx\n```\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_checked(root)
    assert [(p.file, p.line, p.field) for p in caught.value.problems] == [("docs/extra.md", 9, "body")]
    assert "loads an image from another place" in caught.value.problems[0].what


def test_the_fields_the_real_docs_pages_use_pass_and_so_does_every_allowed_form():
    for path in sorted((REPO / "docs").rglob("*.md")):
        assert docs_front_matter.problems_in(path.read_text(encoding="utf-8"), "docs/x.md", SCHEMAS) == [], path
    assert "search:" in (REPO / "docs" / "first-meeting.md").read_text(encoding="utf-8")
    assert front_matter_problems('---\ntitle: Say "no" to this\ndescription: One plain sentence.\n'
                                 "search: {boost: 0.5, exclude: false}\nhide: [navigation, toc, footer, path]\n---\n") == []
    assert front_matter_problems("title: Notes\ndescription: One plain sentence.\n\n# Notes\n") == []


def test_the_hide_values_are_those_material_reads():
    """If a Material release reads another value, the schema's list should be looked at again."""
    templates = Path(material.__file__).parent / "templates"
    read = {m for path in templates.rglob("*.html")
            for m in re.findall(r'"([a-z]+)" in page\.meta\.hide', path.read_text(encoding="utf-8"))}
    schema = json.loads((SCHEMAS / "docs-page.schema.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]["hide"]["items"]["enum"]) == read


@pytest.mark.parametrize("field, value, why", [
    ("template", "redirect.html", "would build the page from another template"),
    ("location", "https://evil.example/", "the address Material's redirect template sends readers to"),
    ("subtitle", "<img src=x onerror=alert(1)>", "written into the page by Material as HTML, unescaped"),
    ("status", "new", "written into the page by Material as HTML, unescaped"),
    ("author", "A", "written into the page by Material as HTML, unescaped"),
    ("icon", "../../../../base", "read by Material as the path of a template file to include"),
    ("tags", "[a]", "written into the search results by Material as HTML, unescaped"),
    ("ca_assets", "[quiz]", "loads page scripts"),
])
def test_each_field_material_or_our_templates_act_on_is_refused_at_its_line(field, value, why):
    found = front_matter_problems(f"---\ntitle: Notes\n{field}: {value}\n---\n\n# Notes\n")
    assert len(found) == 1 and found[0].startswith(f"docs/x.md:3: {field}: is not allowed on a page: it "), found
    assert why in found[0] and ALLOWED_FIELDS in found[0]


def test_unknown_and_misplaced_fields_name_what_is_allowed():
    assert front_matter_problems("---\ncolour: red\nsearch: {boost: 2, weight: 1}\nhide: [nav]\n---\n") == [
        "docs/x.md:2: colour: is not a known field — remove it; " + ALLOWED_FIELDS,
        "docs/x.md:3: search.weight: is not a known field — remove it; allowed fields are boost, exclude",
        "docs/x.md:4: hide[0]: text ('nav') is not allowed — use one of: navigation, toc, footer, path, tags, feedback"]
    [top] = front_matter_problems("Template: redirect.html\n\n# Notes\n")
    assert top.startswith("docs/x.md:1: template: is not allowed on a page") and "MkDocs reads the 'name: value' lines" in top


@pytest.mark.parametrize("front_matter, expected", [
    ('title: "About </title><b>x</b>"', "docs/x.md:2: title: the page's title ('About </title><b>x</b>') would be written"),
    ("title: 'About &lt;/title&gt;'", "docs/x.md:2: title: the page's title ('About &lt;/title&gt;') would be written"),
    ("title: 'About &quot; &#34;'", "docs/x.md:2: title: the page's title ('About &quot; &#34;') would be written"),
    ("description: 'About\"><b>x</b>'", "docs/x.md:2: description: the page's description ('About\"><b>x</b>') would"),
    ("description: About &quot;x", "docs/x.md:2: description: the page's description ('About &quot;x') would be written"),
])
def test_a_title_or_description_that_could_leave_its_element_is_refused(front_matter, expected):
    [found] = front_matter_problems(f"---\n{front_matter}\n---\n")
    assert found.startswith(expected) and found.endswith("no \" in a description"), found


@pytest.mark.parametrize("yaml_text, expected", [
    ("- a\n- b", "docs/x.md:2: front matter: must be a group of 'name: value' fields, got a list of 2 items"),
    ("just words", "docs/x.md:2: front matter: must be a group of 'name: value' fields, got text ('just words')"),
    ("# only a comment", "docs/x.md:2: front matter: is empty — write fields between the two '---' lines"),
    ("[" * 30_000, "docs/x.md:2: [0][0][0]...: is nested more than 40 levels deep"),
    ("title: !!binary aGk=", "docs/x.md:2: title: uses the YAML tag !!binary"),
    ("search: {boost: " + "9" * 4400 + "}", "docs/x.md:2: search.boost: is a number 4,400 characters long"),
    ("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]", "docs/x.md:3: b[0]: uses a YAML alias"),
    ("title: A\ntitle: B", "docs/x.md:3: title: is written twice (first on line 2)"),
    ("title: 'unclosed", "docs/x.md:2: front matter: YAML syntax error"),
    ('"a\\nb": 1', "docs/x.md:2: a\\nb: is not a known field"),   # one line, whatever the key holds
])
def test_hostile_front_matter_is_a_located_problem(yaml_text, expected):
    found = front_matter_problems(f"---\n{yaml_text}\n---\n\n# Notes\n")
    assert any(line.startswith(expected) for line in found), found
    assert all("\n" not in line for line in found)


def test_a_front_matter_the_print_packs_would_show_as_text_is_checked_as_text(tmp_path):
    """The print packs strip a front matter closed by '---' only (training_pages.embeddable), so the
    brief's front matter closed by '...' is converted there with the brief: it is checked as Markdown too."""
    root = project(tmp_path / "project")
    brief = root / "docs" / "first-meeting.md"
    text = brief.read_text(encoding="utf-8").replace("---\n\n#", "...\n\n#", 1)
    brief.write_text(text.replace("search:", "description: See [the guide](javascript:alert(1))\nsearch:", 1),
                     encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_checked(root)
    assert [(p.file, p.line, p.field) for p in caught.value.problems] == [("docs/first-meeting.md", 2, "body")]
    assert "javascript:" in caught.value.problems[0].what


def test_the_mou_template_front_matter_is_checked_with_local_names_filled_in(tmp_path):
    """A local.yml name may hold a line break, which would add a field to a front matter that
    names the agency: the MOU page is read again as MkDocs will read it."""
    root = project(tmp_path / "project")
    mou = root / "training" / "mou-template.md"
    text = mou.read_text(encoding="utf-8")
    mou.write_text("---\ntitle: MOU for {{ agency }}\n---\n\n" + text, encoding="utf-8")
    load_checked(root)  # with no local.yml the title holds the plain name (a fill-in line is only for the body)
    from common_agenda import training_pages as tp
    from common_agenda.content import load_content
    page = tp.mou_page(mou.read_text(encoding="utf-8"), load_content(root))
    assert page.startswith("---\ntitle: MOU for Your agency\n---\n") and "<" not in page.split("---")[1]
    (root / "local.yml").write_text("agency: Exampleton Police Department\n", encoding="utf-8")
    load_checked(root)
    (root / "local.yml").write_text('agency: "Exampleton\\ntemplate: redirect.html"\n', encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_checked(root)
    assert [str(p).split(" — ")[0] for p in caught.value.problems] == [
        "training/mou-template.md:3: template: is not allowed on a page: it would build the page from another "
        "template (redirect.html with location: sends readers to another site)"]


# ---- Files in the docs folder that are not pages (docs_static.py) ----

def test_every_file_in_the_real_docs_folder_may_be_published():
    uris = docs_files(REPO / "docs")
    assert "vendor/iframe-worker/NOTICE" in uris and "assets/quiz.js" in uris
    assert docs_static.problems(uris, "docs") == []
    assert docs_static.problems(["a/b.PNG", "c.pdf", "d.txt", "e.csv", "f.webp", "vendor/x/LICENSE"], "docs") == []


@pytest.mark.parametrize("uri, expected", [
    ("extra.html", "is published as it is, outside every check, and a browser runs the script or redirect an HTML "
                   "file carries — convert it to a Markdown page (site-src/extra.md)"),
    ("a/b.XHTML", "— convert it to a Markdown page (site-src/a/b.md)"),
    ("assets/d.svg", "an SVG picture can carry script that runs when it is opened — use a PNG instead of SVG"),
    ("feed.xml", "a browser can run script in an XML file or its stylesheet"),
    ("notes.js", "is a script outside site-src/assets/ and site-src/vendor/ — keep the site's own scripts"),
    ("a/x.css", "is a stylesheet outside site-src/assets/ and site-src/vendor/"),
    ("NOTICE", "is a kind of file the site does not publish (no extension)"),
    ("assets/data.json", "is a kind of file the site does not publish ('.json')"),
    ("Notes.MD", "is not read as a page: MkDocs knows only the lower-case '.md'"),
])
def test_a_file_that_could_run_script_or_is_of_no_known_kind_is_refused(uri, expected):
    [problem] = docs_static.problems([uri], "site-src")
    assert (problem.file, problem.line, problem.field) == (f"site-src/{uri}", 1, "file")
    assert expected in str(problem), str(problem)


# ---- What the walk refuses besides links (entries.py); each exact message for a case is in bad_inputs/ ----

def _walked(root: Path) -> list[str]:
    return [str(p) for p in link_problems(root, root / "docs")]


def test_unreadable_folders_and_files_are_refused(tmp_path, monkeypatch):
    """The tests run as root, where os.access always says yes and chmod 000 changes nothing: the
    refusals are tested with os.access and os.scandir answering as they do for an ordinary user."""
    root = project(tmp_path / "project")
    import common_agenda.entries as entries
    denied = {str(root / "quizzes"), str(root / "docs" / "assets" / "extra.css"), str(root / "modules")}
    (root / "docs" / "assets" / "extra.css").write_text("p {}\n", encoding="utf-8")
    monkeypatch.setattr(entries.os, "access", lambda path, mode: str(path) not in denied)
    found = _walked(root)
    assert "quizzes:1: folder: cannot be opened (no permission to list it), so its files would be left out " \
           "— make it readable (chmod u+rx quizzes), or remove it" in found
    assert "modules:1: folder: cannot be opened (no permission to list it), so its files would be left out " \
           "— make it readable (chmod u+rx modules), or remove it" in found
    assert "docs/assets/extra.css:1: file: cannot be read (no permission) — make it readable " \
           "(chmod a+r docs/assets/extra.css), or remove it" in found
    assert len(found) == 3
    monkeypatch.undo()
    import common_agenda.symlinks as symlinks
    real_scandir = os.scandir

    def scandir(path):
        if str(path) == str(root / "training"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)
    monkeypatch.setattr(symlinks.os, "scandir", scandir)
    assert _walked(root) == ["training:1: folder: cannot be opened (Permission denied), so its files would be "
                             "left out — make it readable (chmod u+rx training), or remove it"]


def test_names_and_kinds_the_build_would_skip_or_mangle(tmp_path):
    root = project(tmp_path / "project")
    for name in ("a?b.md", "x%41.md", "a<b.md", "new\nline.md", "q'uote.md"):
        (root / "modules" / name).write_text("x\n", encoding="utf-8")
    (root / "training" / "plans" / "half-day.yml").rename(root / "training" / "plans" / "half-day.yaml")
    (root / "modules" / "x.MD").write_text("x\n", encoding="utf-8")
    (root / "modules" / "README.md").write_text("x\n", encoding="utf-8")
    (root / "local.YML").write_text("x: 1\n", encoding="utf-8")
    os.mkfifo(root / "docs" / "assets" / "pipe")
    (root / "docs" / "assets" / "through.css").symlink_to(root / "docs" / "assets" / "pipe")
    (root / "training" / "duties").rename(root / "training" / "gone")
    (root / "training" / "duties").write_text("x\n", encoding="utf-8")
    found = _walked(root)
    named = [line.split(":1:")[0] for line in found]
    assert named == ["local.YML", "modules/a<b.md", "modules/a?b.md", "modules/new\\nline.md", "modules/q'uote.md",
                     "modules/x%41.md", "modules/x.MD", "training/plans/half-day.yaml",
                     "docs/assets/pipe", "docs/assets/through.css"], found
    assert found[0].endswith("rename it to local.yml") and found[6].endswith("rename it to x.md")
    assert found[7].endswith("rename it to half-day.yml")
    assert all("named pipe" in line for line in found[-2:])
    (root / "training" / "duties").unlink()
    (root / "modules").rename(root / "gone-modules")
    (root / "modules").write_text("x\n", encoding="utf-8")
    assert "modules:1: file: is a file where the build expects a folder — replace it with the folder modules/, " \
           "or remove it" in _walked(root)
