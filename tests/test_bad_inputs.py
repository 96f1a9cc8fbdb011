"""Hostile and broken input: every case in tests/bad_inputs/ stops the build with the exact lines an
author reads, and never with a traceback.

A case is a folder:

- `files/` holds files to drop into a copy of the real project, at their relative paths
  (e.g. `files/modules/broken.md`); a case about duplicates brings the second file;
- `delete.txt` lists project files to remove first; `generate.txt` names a file the test writes
  itself (the oversized one: megabytes are not committed);
- `symlinks.txt` has one `path -> target` line per symbolic link to make (git would keep a
  committed link, but a link to /etc/passwd in the repository is not wanted): whatever is at
  `path` is removed first, and `target` is written into the link as it stands;
- `fifos.txt` lists paths where a named pipe (FIFO) is made, whatever was there removed first (git
  cannot hold one); `folders.txt` lists paths where an empty folder replaces whatever was there;
- `expected.txt` holds the exact problem lines, one per line, or `accepted.txt` says the case must
  load and build (a byte-order mark, Windows line endings);
- `README.txt` says in a sentence what the case tries.

Each case is loaded with `load_content`; its problems must include every expected line, and any
other problem must name a file the case touched, so a broken file never sets off misleading
messages about the files that point at it (a duplicate names the existing file on purpose). Every case is also built with the real `mkdocs build --strict`, over a previous `site/`: it must exit non-zero with every expected line, no traceback, and the previous site left exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from common_agenda.preflight import load_checked as load_content  # what the build's on_config runs
from common_agenda.problems import ContentError
from sitekit import REPO

CASES_DIR = Path(__file__).parent / "bad_inputs"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir())
CONTENT = ("modules", "quizzes", "training", "schemas", "docs")
HUGE_BYTES = 1_100_000  # over yaml_source.MAX_BYTES (1 MB)


def generated_text() -> str:
    return "---\nid: huge\n---\n" + "x" * HUGE_BYTES


def case_files(case: str) -> list[str]:
    """The project-relative paths a case writes, deletes or generates."""
    folder = CASES_DIR / case
    paths = [p.relative_to(folder / "files").as_posix() for p in (folder / "files").rglob("*") if p.is_file()] \
        if (folder / "files").exists() else []
    for name in ("delete.txt", "generate.txt", "fifos.txt", "folders.txt"):
        if (folder / name).exists():
            paths += (folder / name).read_text(encoding="utf-8").split()
    return paths + [path for path, _ in symlinks(case)]


def symlinks(case: str) -> list[tuple[str, str]]:
    """The (path, target) pairs of a case's symlinks.txt."""
    listing = CASES_DIR / case / "symlinks.txt"
    if not listing.exists():
        return []
    return [tuple(line.split(" -> ", 1)) for line in listing.read_text(encoding="utf-8").splitlines() if line]


def copy_project(root: Path) -> Path:
    for folder in CONTENT:
        shutil.copytree(REPO / folder, root / folder)
    return root


def apply_case(case: str, root: Path) -> None:
    folder = CASES_DIR / case
    if (folder / "delete.txt").exists():
        for relative in (folder / "delete.txt").read_text(encoding="utf-8").split():
            (root / relative).unlink()
    if (folder / "files").exists():
        for source in (folder / "files").rglob("*"):
            if source.is_file():
                target = root / source.relative_to(folder / "files")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
    if (folder / "generate.txt").exists():
        relative = (folder / "generate.txt").read_text(encoding="utf-8").strip()
        (root / relative).write_text(generated_text(), encoding="utf-8")
    for relative, target in symlinks(case):
        _cleared(root / relative).symlink_to(target)
    for name, make in (("fifos.txt", os.mkfifo), ("folders.txt", os.mkdir)):
        for relative in (folder / name).read_text(encoding="utf-8").split() if (folder / name).exists() else []:
            make(_cleared(root / relative))


def _cleared(path: Path) -> Path:
    """The path with whatever stood there removed and its folder made, ready for a link, pipe or folder."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def expected_lines(case: str) -> list[str]:
    return (CASES_DIR / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_the_cases_cover_every_content_type_and_kind_of_breakage():
    assert len(CASES) >= 32
    for case in CASES:
        folder = CASES_DIR / case
        assert (folder / "README.txt").is_file(), case
        assert (folder / "expected.txt").is_file() != (folder / "accepted.txt").is_file(), case
        assert case_files(case), f"{case} changes no file"
    touched = {path for case in CASES for path in case_files(case)}
    for kind in ("modules/", "quizzes/", "training/plans/", "training/scenarios/", "local.yml"):
        assert any(path.startswith(kind) for path in touched), kind
    for kind in ("yaml-syntax", "tab", "bom", "not-utf8", "utf16", "empty-file", "wrong-types", "missing-keys",
                 "unknown-keys", "duplicate-id", "duplicate-key", "dangling", "huge-file", "deep-nesting",
                 "alias-bomb", "merge-key", "control-character", "no-cascade", "symlink", "page-path-clash"):
        assert any(kind in case for case in CASES), kind
    # Nothing committed is large: the oversized file is written by the test.
    assert all(p.stat().st_size < 64_000 for p in CASES_DIR.rglob("*") if p.is_file())


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gives_the_exact_message(tmp_path, case):
    root = copy_project(tmp_path / "project")
    apply_case(case, root)
    if (CASES_DIR / case / "accepted.txt").exists():
        content = load_content(root)
        assert content.modules and content.quizzes
        return
    with pytest.raises(ContentError) as caught:
        load_content(root)
    found = [str(p) for p in caught.value.problems]
    missing = [line for line in expected_lines(case) if line not in found]
    assert not missing, "missing:\n" + "\n".join(missing) + "\n--- found ---\n" + "\n".join(found)
    touched, expected = set(case_files(case)), set(expected_lines(case))
    strays = [line for line, p in zip(found, caught.value.problems) if p.file not in touched and line not in expected]
    assert not strays, "unexpected problems in files the case did not touch:\n" + "\n".join(strays)
    assert all(p.line >= 1 and p.field and p.what and p.fix for p in caught.value.problems)


def test_a_bom_and_windows_line_endings_read_the_same_as_plain_utf8(tmp_path):
    plain = load_content(copy_project(tmp_path / "plain"))
    root = copy_project(tmp_path / "bom")
    for case in ("module-bom-crlf-accepted", "quiz-bom-accepted"):
        apply_case(case, root)
    bom = load_content(root)
    original, read = plain.module("shared-goals"), bom.module("shared-goals")
    assert (read.title, read.objectives, read.covers) == (original.title, original.objectives, original.covers)
    assert read.body.replace("\r\n", "\n") == original.body
    assert bom.quiz_for("shared-goals").questions == plain.quiz_for("shared-goals").questions


# ---- The real command: every case, built over a previous site/ that must stay as it was ----

# Cases with a history: what the real build did with them before, and the line it must print now.
BUILT = {
    "module-body-svg-onload": "modules/broken.md:24: body: contains a <svg> tag",
    "module-huge-file": "modules/broken.md:1: file: is too large",
    "quiz-alias-bomb": "quizzes/broken.yml:2: a1[0]: uses a YAML alias",
    "quiz-utf16": "quizzes/broken.yml:1: file: is not UTF-8 text",
    "plan-unquoted-start": "training/plans/broken.yml:6: start: '9:30' is read by YAML as 570",
    "scenario-broken-no-cascade": "training/scenarios/school-referral.yml:5: YAML: YAML syntax error",
    "local-module-note-event-handler": "local.yml:11: module_notes.confidentiality: contains an event-handler attribute",
    "glossary-javascript-link": "modules/glossary.yml:2: [0].definition: contains a javascript: (or similar) link",
    "evaluation-label-script": "training/evaluation.yml:7: sections[0].items[0].label: contains a <script> tag",
    # Crashes before issue 13: a ValueError traceback, a segmentation fault, a constructor's ValueError.
    "module-huge-number": "modules/broken.md:6: minutes: is a number 4,400 characters long",
    "quiz-nested-30000": "quizzes/broken.yml:2: questions[0][0]...: is nested more than 40 levels deep",
    "quiz-tag-on-word": "quizzes/broken.yml:4: pass_mark: uses the YAML tag !!int",
    # Failures after MkDocs had cleaned site/ before issue 13 (a traceback and no site left).
    "mou-not-utf8": "training/mou-template.md:195: file: is not UTF-8 text",
    "glossary-blank-term": "modules/glossary.yml:7: [0].term: text (' ') is not in the expected form",
    "module-minutes-not-whole": "modules/shared-goals.md:6: minutes: must be a whole number, got a number (25.0)",
    "module-bracket-flood": "modules/broken.md:22: body: has 10,000 of [ ( < ` in a block of 10,001 characters",  # 20 s before
    # Published before issue 13: /etc/passwd in every print pack.
    "mou-template-symlink-outside": "training/mou-template.md:1: file: is a symbolic link to a place outside the project",
    # MkDocs' own walk of docs/ follows folder links: refused before it starts.
    "docs-folder-symlink-loop": "docs/again:1: folder: is a symbolic link to a folder it is inside",
    # Found in on_files before issue 13, after MkDocs had emptied site/.
    "page-path-clash-docs-vs-module": "docs/modules/shared-goals.md:1: file: would be published at /modules/shared-goals/",
    "page-path-clash-quiz-id-index": "quizzes/shared-goals.yml:2: id: makes the page /quizzes/",
    # Before the docs front matter and file kinds were checked: an icon path on a page in the nav stopped
    # the build with a jinja2 TemplateNotFound traceback; an SVG with a script was published as it is.
    "docs-front-matter-icon-path": "docs/about.md:2: icon: is not allowed on a page",
    "docs-static-svg-script": "docs/assets/d.svg:1: file: is published as it is",
}
PREVIOUS_SITE = "<p>the site as it was before this build</p>\n"
ACCEPTED_TOGETHER = ("module-bom-crlf-accepted", "quiz-bom-accepted", "local-bom-crlf-accepted")


def real_project(root: Path) -> Path:
    """A copy of the project that the real mkdocs.yml builds: content and docs/ copied (a docs/ linked
    to the repository would be refused as a link out of the project), the code linked."""
    copy_project(root)
    for name in ("hooks", "overrides"):
        (root / name).symlink_to(REPO / name)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


REFUSED = [case for case in CASES if not (CASES_DIR / case / "accepted.txt").exists()]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Every case, each built by its own `mkdocs build --strict` process, three at a time (a refused
    build stops in on_config, so the whole set of about 150 takes about a minute)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")

    def build(name: str, cases: tuple[str, ...]):
        root = real_project(tmp_path_factory.mktemp(name) / "project")
        for case in cases:
            apply_case(case, root)
        if name != "accepted":  # a previous build, which a bad source must leave as it was
            (root / "site").mkdir()
            (root / "site" / "index.html").write_text(PREVIOUS_SITE, encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
        return name, (done.returncode, done.stdout, root)

    jobs = [(case, (case,)) for case in REFUSED] + [("accepted", ACCEPTED_TOGETHER)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        return dict(pool.map(lambda job: build(*job), jobs))


def test_every_case_with_a_history_is_still_a_case():
    assert set(BUILT) <= set(REFUSED)


@pytest.mark.parametrize("case", REFUSED)
def test_the_real_build_stops_cleanly(builds, case):
    returncode, output, root = builds[case]
    assert returncode != 0, output
    assert "Traceback" not in output, output
    site = sorted(p.relative_to(root).as_posix() for p in (root / "site").rglob("*"))
    assert site == ["site/index.html"], "nothing may be written or deleted when content is bad"
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == PREVIOUS_SITE
    assert BUILT.get(case, "") in output, output
    for line in expected_lines(case):
        assert line in output, f"missing:\n{line}\n--- output ---\n{output}"
    assert "Nothing was written. Fix the lines above and build again." in output


def test_bom_and_windows_line_endings_build(builds):
    returncode, output, root = builds["accepted"]
    assert returncode == 0, output
    module = (root / "site/modules/shared-goals/index.html").read_text(encoding="utf-8")
    assert "Shared goals, different missions" in module and "\ufeff" not in module
    quiz = (root / "site/quizzes/shared-goals/index.html").read_text(encoding="utf-8")
    assert 'data-ca-quiz="shared-goals"' in quiz and "\ufeff" not in quiz
    contacts = (root / "site/local-contacts/index.html").read_text(encoding="utf-8")
    assert "Exampleton Police Department" in contacts and "\ufeff" not in contacts
