"""The project's conventions hold: hashed locks that `make lock` reproduces, an editor schema for every
content file, pre-commit hooks that run, and mkdocs.yml watching only what `mkdocs serve` reloads."""

from __future__ import annotations

import difflib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitekit import REPO, read_config

IN_FILES = sorted(REPO.glob("requirements*.in"))
SETTINGS = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
MATERIAL_SCHEMA = "https://squidfunk.github.io/mkdocs-material/schema.json"
# Each partnership's own copy of local.example.yml: a glob for it, but no such file in the repository.
UNCOMMITTED = {"local.yml"}
# These two check the front matter of Markdown pages, which the YAML extension does not read.
FRONT_MATTER_SCHEMAS = {"module.schema.json", "docs-page.schema.json"}
NOT_CONTENT = {"tests", "node_modules", "dist", "sites"}  # beside hidden files and folders and site*/ build output


def lock_entries(text: str) -> dict[str, list[str]]:
    """name==version -> its hashes, for every package a pip-compile lock pins."""
    entries: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        stripped = line.strip().rstrip("\\").strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("--hash="):
            entries[current].append(stripped.removeprefix("--hash="))
        else:
            current = stripped
            entries[current] = []
    return entries


def test_every_in_file_pins_its_direct_dependencies_exactly():
    assert [p.name for p in IN_FILES if p.name in ("requirements.in", "requirements-test.in")] == \
        ["requirements-test.in", "requirements.in"]
    for source in IN_FILES:
        for line in source.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line and not line.startswith(("-r ", "-c ")):
                assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*==[0-9][0-9A-Za-z.+!-]*", line), f"{source.name}: {line}"


def test_every_lock_pins_every_package_with_its_hashes():
    for source in IN_FILES:
        lock = source.with_suffix(".txt")
        entries = lock_entries(lock.read_text(encoding="utf-8"))
        assert entries, lock.name
        for requirement, hashes in entries.items():
            assert re.fullmatch(r"[a-z0-9][a-z0-9._-]*==\S+", requirement), f"{lock.name}: {requirement}"
            assert hashes and all(h.startswith("sha256:") and len(h) == 7 + 64 for h in hashes), f"{lock.name}: {requirement}"


def test_the_test_lock_holds_the_site_lock_at_the_same_versions():
    """`make test` installs requirements-test.txt alone, so it must carry every site pin unchanged."""
    site = lock_entries((REPO / "requirements.txt").read_text(encoding="utf-8"))
    test = lock_entries((REPO / "requirements-test.txt").read_text(encoding="utf-8"))
    assert set(site) <= set(test)
    assert {"pip-tools==7.6.2", "ruff==0.17.6", "pytest==9.2.0", "mkdocs==1.6.1"} <= set(test)


def test_make_installs_each_lock_with_require_hashes():
    done = subprocess.run(["make", "-s", "-n", "-B", ".venv/.site", ".venv/.test"], cwd=REPO,
                          capture_output=True, text=True, check=True)
    installs = [line for line in done.stdout.splitlines() if " pip install " in line]
    assert installs == [".venv/bin/python -m pip install --quiet --require-hashes -r requirements.txt",
                        ".venv/bin/python -m pip install --quiet --require-hashes -r requirements-test.txt"]


def test_make_lock_on_a_clean_copy_reproduces_the_committed_locks(tmp_path):
    """What `make lock` runs (tools/lock.py, pip-compile reading PyPI), on a copy of the .in files and
    the committed locks, writes the locks again byte for byte: they are generated, not hand-edited."""
    for path in IN_FILES:
        shutil.copyfile(path, tmp_path / path.name)
        shutil.copyfile(path.with_suffix(".txt"), tmp_path / path.with_suffix(".txt").name)
    done = subprocess.run([sys.executable, str(REPO / "tools" / "lock.py"), str(tmp_path)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    for path in IN_FILES:
        name = path.with_suffix(".txt").name
        committed = (REPO / name).read_text(encoding="utf-8")
        compiled = (tmp_path / name).read_text(encoding="utf-8")
        diff = "".join(list(difflib.unified_diff(committed.splitlines(True), compiled.splitlines(True),
                                                 f"committed {name}", f"make lock {name}"))[:40])
        assert compiled == committed, f"run `make lock` and commit {name}:\n{diff}"


def mapped_patterns() -> dict[str, str]:
    """glob -> the schema it is given in .vscode/settings.json."""
    return {pattern: schema for schema, patterns in SETTINGS["yaml.schemas"].items() for pattern in patterns}


def content_yaml_files() -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(REPO):
        dirs[:] = [d for d in dirs if not d.startswith((".", "site")) and d not in NOT_CONTENT]
        found += [Path(folder, f) for f in files if f.endswith((".yml", ".yaml")) and not f.startswith(".")]
    return sorted(found)


def test_every_editor_glob_matches_a_file_and_every_schema_exists():
    for pattern in mapped_patterns():
        assert pattern in UNCOMMITTED or list(REPO.glob(pattern)), pattern
    local = [schema for schema in SETTINGS["yaml.schemas"] if not schema.startswith("https://")]
    assert all((REPO / schema).is_file() for schema in local), local
    assert {Path(schema).name for schema in local} == \
        {p.name for p in (REPO / "schemas").glob("*.schema.json")} - FRONT_MATTER_SCHEMAS


def test_every_content_yaml_file_gets_the_schema_its_first_line_names():
    """The first-line comment and the editor settings agree, so a new file needs neither to be right."""
    by_file = {}
    for pattern, schema in mapped_patterns().items():
        for path in REPO.glob(pattern):
            by_file.setdefault(path, set()).add(schema)
    files = content_yaml_files()
    assert len(files) >= 40
    for path in files:
        relative = path.relative_to(REPO).as_posix()
        assert len(by_file.get(path, ())) == 1, f"{relative}: {by_file.get(path)}"
        schema = next(iter(by_file[path]))
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if schema == MATERIAL_SCHEMA:
            assert relative.startswith("mkdocs"), relative
            continue
        named = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert named, f"{relative}: {first}"
        assert (path.parent / named.group(1)).resolve() == (REPO / schema).resolve(), relative


def test_the_editor_knows_mkdocs_yml_tags():
    assert {"!ENV scalar", "!ENV sequence"} <= set(SETTINGS["yaml.customTags"])
    extensions = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]


def pre_commit_hooks() -> dict[str, dict]:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_the_pre_commit_hooks_are_local_and_pass_on_the_project():
    """The hooks run what pre-commit would run: the content check over the project, ruff over a file."""
    hooks = pre_commit_hooks()
    assert sorted(hooks) == ["content-check", "ruff"]
    assert {hook["language"] for hook in hooks.values()} == {"system"}
    check = subprocess.run(shlex.split(hooks["content-check"]["entry"]), cwd=REPO, capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.startswith("Content OK: "), check.stdout + check.stderr
    ruff = subprocess.run([*shlex.split(hooks["ruff"]["entry"]), "tests/test_conventions.py"], cwd=REPO,
                          capture_output=True, text=True)
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr


@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.offline.yml"])
def test_serve_watches_only_what_it_reloads(config):
    """MkDocs keeps the hook modules it imported: watching hooks/ would rebuild with the old code."""
    merged = {**read_config("mkdocs.yml"), **read_config(config)}
    assert merged["watch"] == ["modules", "quizzes", "training", "schemas", "overrides"]
    assert all((REPO / folder).is_dir() for folder in merged["watch"])


def test_site_url_comes_from_site_url_in_the_environment(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://training.example.org/")
    assert read_config()["site_url"] == "https://training.example.org/"
    monkeypatch.delenv("SITE_URL")
    assert read_config()["site_url"] == "http://127.0.0.1:8000/"


def test_edit_links_come_from_edit_uri_in_the_environment(monkeypatch):
    """A partnership's copy points "Edit this page" at its own repository (publish.yml sets EDIT_URI)."""
    monkeypatch.setenv("EDIT_URI", "https://git.example.org/harbor/training/edit/main/docs/")
    assert read_config()["edit_uri"] == "https://git.example.org/harbor/training/edit/main/docs/"
    monkeypatch.delenv("EDIT_URI")
    assert read_config()["edit_uri"] == "https://github.com/common-agenda/common-agenda/edit/main/docs/"
