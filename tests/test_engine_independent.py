"""The core of common_agenda runs without MkDocs, and `python -m common_agenda check` checks content without a build.

Only the adapters named in common_agenda.MKDOCS_ADAPTERS may import MkDocs (or Material); the
hooks turn the core's errors into MkDocs errors (engine.py). Each subprocess here starts a clean
interpreter, so nothing a test imported earlier hides an import.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from common_agenda import MKDOCS_ADAPTERS
from sitekit import QUIZ, REPO, TinySite

PACKAGE = REPO / "hooks" / "common_agenda"
ENGINE_PACKAGES = {"mkdocs", "material"}
ENV = dict(os.environ, PYTHONPATH=str(REPO / "hooks"), NO_MKDOCS_2_WARNING="1")


def _run(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=120)


# Imports every core module in turn, noting the first that brought in an engine package, then
# runs the check command on the project given; prints what it found as one JSON line last.
_CORE_THEN_CHECK = """
import importlib, json, pathlib, sys
from common_agenda import MKDOCS_ADAPTERS
from common_agenda.__main__ import main

def engine():
    return sorted(name for name in sys.modules if name.split(".")[0] in {"mkdocs", "material"})

first = None
names = sorted(p.stem for p in pathlib.Path(%(package)r).glob("*.py") if p.stem not in MKDOCS_ADAPTERS | {"__init__"})
for name in names:
    importlib.import_module("common_agenda." + name)
    if first is None and engine():
        first = name
code = main(["check", %(project)r])
print(json.dumps({"code": code, "first": first, "engine": engine(), "modules": len(names)}))
"""


def _core_then_check(project: Path, cwd: Path) -> tuple[dict, subprocess.CompletedProcess]:
    done = _run(_CORE_THEN_CHECK % {"package": str(PACKAGE), "project": str(project)}, cwd)
    assert done.stdout, done.stderr
    return json.loads(done.stdout.splitlines()[-1]), done


def test_the_core_and_the_check_of_the_real_site_import_no_mkdocs(tmp_path):
    found, done = _core_then_check(REPO, tmp_path)
    assert found["first"] is None, (f"importing hooks/common_agenda/{found['first']}.py imports {found['engine'][:3]}: "
                                    "only the adapters in common_agenda/__init__.py may import MkDocs")
    assert found["engine"] == [], found["engine"]
    assert found["code"] == 0, done.stderr
    assert found["modules"] >= 40  # the whole core was imported, not an empty glob
    assert re.fullmatch(r"Content OK: 10 modules, 10 quizzes, .* checked in \d+\.\d\d s", done.stdout.splitlines()[0])


def _engine_imports(path: Path) -> list[str]:
    """The engine packages a module imports itself (by `import x` or `from x import`, at any depth in the file)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
        found += [name for name in names if name.split(".")[0] in ENGINE_PACKAGES]
    return found


def test_only_the_named_adapters_import_mkdocs():
    importing = {path.stem: _engine_imports(path) for path in sorted(PACKAGE.glob("*.py"))}
    for name, imports in importing.items():
        if name not in MKDOCS_ADAPTERS:
            assert not imports, (f"hooks/common_agenda/{name}.py imports {', '.join(imports)}: keep MkDocs in the "
                                 "hook or an adapter (see MKDOCS_ADAPTERS in common_agenda/__init__.py)")
    for name in sorted(MKDOCS_ADAPTERS):
        assert importing.get(name), (f"common_agenda.MKDOCS_ADAPTERS names {name}, which imports no MkDocs "
                                     "(or no longer exists): take it off the list")


def test_a_stop_in_the_core_reaches_mkdocs_as_its_own_error_with_the_same_message():
    from mkdocs.exceptions import PluginError

    from common_agenda.engine import plugin_errors
    from common_agenda.problems import ContentError, Problem

    @plugin_errors
    def on_config(config):
        raise ContentError([Problem("quizzes/q.yml", 4, "module", "names no module", "name one")])

    with pytest.raises(PluginError) as raised:
        on_config({})
    assert str(raised.value) == ("Common Agenda: the build stopped because of 1 problem in the content:\n"
                                 "  quizzes/q.yml:4: module: names no module — name one\n"
                                 "Nothing was written. Fix the lines above and build again.")
    assert raised.value.__cause__ is None and raised.value.__suppress_context__  # no chained traceback
    assert on_config.__name__ == "on_config"


_TAGGED_CONFIG = """\
site_name: Tagged
site_url: !ENV [CA_TEST_SITE_URL, "http://127.0.0.1:8000/"]
docs_dir: !ENV [CA_TEST_DOCS, pages]
use_directory_urls: !ENV [CA_TEST_URLS, true]
markdown_extensions:
  - abbr
  - toc:
      permalink: !ENV [CA_TEST_PERMALINK, "#"]
  - tables
"""


@pytest.mark.parametrize("project", ["real", "tagged"])
def test_the_check_reads_mkdocs_yml_as_mkdocs_does(project, tmp_path, monkeypatch):
    from mkdocs.config import load_config

    from common_agenda import site_config
    from common_agenda.markdown_setup import MarkdownSetup

    root = REPO
    if project == "tagged":
        root = tmp_path
        (root / "pages").mkdir()
        (root / "mkdocs.yml").write_text(_TAGGED_CONFIG, encoding="utf-8")
        monkeypatch.setenv("CA_TEST_URLS", "false")  # read as YAML reads it: a bool
        monkeypatch.delenv("CA_TEST_DOCS", raising=False)
        monkeypatch.delenv("CA_TEST_PERMALINK", raising=False)
    ours = site_config.read(root)
    theirs = load_config(str(root / "mkdocs.yml"))
    assert ours.markdown == MarkdownSetup.of(theirs.markdown_extensions, theirs.mdx_configs)
    assert (ours.docs_dir, ours.directory_urls) == (Path(theirs.docs_dir), theirs.use_directory_urls)
    if project == "tagged":
        assert ours == site_config.SiteConfig(MarkdownSetup(("toc", "tables", "fenced_code", "abbr"),
                                                            '{"toc": {"permalink": "#"}}'), tmp_path / "pages", False)


def test_the_check_reads_no_tag_of_mkdocs_yml_that_builds_an_object_or_runs_code(tmp_path):
    from common_agenda import site_config

    victim = tmp_path / "keep-me.txt"
    victim.write_text("still here", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Tagged\nmarkdown_extensions:\n"
        f"  - toc:\n      permalink: !!python/object/apply:os.remove [{victim}]\n"
        "      title: !relative $config_dir\n", encoding="utf-8")
    read = site_config.read(tmp_path)
    assert victim.read_text(encoding="utf-8") == "still here"
    assert read.markdown.configs == json.dumps({"toc": {"permalink": [str(victim)], "title": "$config_dir"}})


# ------------------------------------------------ where a StopBuild can reach MkDocs
# A call graph read from the source: each function of common_agenda, what it calls (resolved through
# the module's imports; `obj.method()` stands for every method of that name), and so which functions
# can raise a StopBuild (they construct one, or call one that can). A hook event that calls one must
# be wrapped in engine.plugin_errors, or MkDocs prints a traceback; a function wrapped in it stops the
# chain. Names are matched, not types, so this can only ask for too many wrappers, never too few.

Function = tuple[str, str]  # (module, name); module "*" for a method called on an object


def _imported(tree: ast.Module, module: str) -> dict[str, Function]:
    """Local name -> ("module", X) for a common_agenda module, else (X, name) for a function or class."""
    names = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level == 1:
                base = source
            elif source.split(".")[0] == "common_agenda":
                base = source.partition(".")[2]
            else:
                continue
            for alias in node.names:
                names[alias.asname or alias.name] = (base, alias.name) if base else ("module", alias.name)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef) and module:
            names[node.name] = (module, node.name)
    return names


def _calls(function: ast.FunctionDef, names: dict[str, Function]) -> set[Function]:
    found = set()
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Name) and node.func.id in names:
            found.add(names[node.func.id])
        elif isinstance(node.func, ast.Attribute):
            owner = names.get(node.func.value.id) if isinstance(node.func.value, ast.Name) else None
            found.add((owner[1], node.func.attr) if owner and owner[0] == "module" else ("*", node.func.attr))
    return found


def _wrapped(function: ast.FunctionDef) -> bool:
    return any(ast.unparse(d).endswith("plugin_errors") for d in function.decorator_list)


def _can_stop() -> set[Function]:
    graph: dict[Function, set[Function]] = {}
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _imported(tree, path.stem)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and not _wrapped(node):
                graph.setdefault((path.stem, node.name), set()).update(_calls(node, names))
    stops = {("problems", "StopBuild"), ("problems", "ContentError")}
    while True:
        named = {name for _, name in stops}
        more = {f for f, calls in graph.items()
                if f not in stops and any(c in stops or (c[0] == "*" and c[1] in named) for c in calls)}
        if not more:
            return stops
        stops |= more


def test_every_hook_event_that_can_meet_a_stop_hands_it_to_mkdocs_as_a_plugin_error():
    stops = _can_stop()
    named = {name for _, name in stops}
    assert ("preflight", "load_checked") in stops and ("quiz_form", "assemble") in stops  # the graph sees through modules
    unwrapped, wrapped = [], 0
    for path in sorted((REPO / "hooks").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _imported(tree, "")
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("on_"):
                reached = sorted(c for c in _calls(node, names) if c in stops or (c[0] == "*" and c[1] in named))
                if reached and not _wrapped(node):
                    unwrapped.append(f"hooks/{path.name}: {node.name} calls {'.'.join(reached[0])}")
                wrapped += bool(reached)
    assert not unwrapped, ("these events can raise the core's StopBuild, which MkDocs would print with a traceback: "
                           "put @plugin_errors (common_agenda/engine.py) on each\n" + "\n".join(unwrapped))
    assert wrapped >= 5


def _tiny_project(root: Path, quiz: str = QUIZ) -> TinySite:
    site = TinySite(root)
    site.add_module()
    site.write("quizzes/shared-goals.yml", quiz)
    (root / "mkdocs.yml").write_text(site.config(), encoding="utf-8")
    return site


def _check(project: Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "common_agenda", "check", str(project)], cwd=cwd, env=ENV,
                          capture_output=True, text=True, timeout=120)


def test_check_passes_a_good_project_from_another_folder_and_writes_nothing(tmp_path):
    _tiny_project(tmp_path / "project")
    (tmp_path / "elsewhere").mkdir()
    done = _check(tmp_path / "project", tmp_path / "elsewhere")
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"Content OK: 1 module, 1 quiz checked in \d+\.\d\d s\n", done.stdout)
    assert done.stderr == ""
    assert sorted(p.name for p in (tmp_path / "project").iterdir()) == ["docs", "mkdocs.yml", "modules", "quizzes",
                                                                         "schemas"]
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_check_names_a_broken_quiz_line_and_exits_1_without_mkdocs(tmp_path):
    broken = QUIZ.replace("module: shared-goals\n", "module: no-such-module\n")
    assert broken != QUIZ
    _tiny_project(tmp_path / "project", broken)
    found, done = _core_then_check(tmp_path / "project", tmp_path)
    assert found["code"] == 1 and found["engine"] == []
    assert done.stderr.splitlines() == [  # `module:` is the quiz's line 4; shared-goals is the one module
        "Common Agenda: 1 problem in the content:",
        "  quizzes/shared-goals.yml:4: module: no module has the id 'no-such-module' — use the id of a module: shared-goals",
        "Fix the lines above and check again; the build stops on these."]
    assert not (tmp_path / "project" / "site").exists()

    cli = _check(tmp_path / "project", tmp_path)
    assert (cli.returncode, cli.stdout, cli.stderr) == (1, "", done.stderr)


def test_check_reads_every_agency_file_not_only_the_one_in_use(tmp_path):
    """A pre-commit check stops a broken agencies/*.yml before CI's build of that agency would."""
    _tiny_project(tmp_path / "project")
    agencies = tmp_path / "project" / "agencies"
    agencies.mkdir()
    (agencies / "exampleton.yml").write_text("agency: Exampleton Police Department\n", encoding="utf-8")
    done = _check(tmp_path / "project", tmp_path)
    assert re.fullmatch(r"Content OK: 1 module, 1 quiz, 1 agency file checked in \d+\.\d\d s\n", done.stdout), done.stderr
    (agencies / "sampleford.yml").write_text("agency: Sampleford County Sheriff's Office\nsurprise: 1\n", encoding="utf-8")
    done = _check(tmp_path / "project", tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines()[1].startswith("  agencies/sampleford.yml:2: surprise: "), done.stderr


def test_check_reads_the_markdown_extensions_a_parent_config_gives_through_inherit(tmp_path):
    """MkDocs merges the file INHERIT names under mkdocs.yml; a question's `section: patience` names a heading
    id `{#patience}` that needs attr_list, listed only in the grandparent: the check passes with the chain
    and fails without it."""
    quiz = QUIZ.replace("    covers: [A1]\n", "    covers: [A1]\n    section: patience\n", 1)
    assert quiz != QUIZ
    site = _tiny_project(tmp_path / "project", quiz)
    module = site.root / "modules" / "shared-goals.md"
    module.write_text(module.read_text(encoding="utf-8") + "\n## Patience {#patience}\n\nWait.\n", encoding="utf-8")
    config = site.root / "mkdocs.yml"
    extensions = "markdown_extensions: [abbr, admonition, attr_list, md_in_html, toc, pymdownx.details]\n"
    assert extensions in config.read_text(encoding="utf-8")
    (site.root / "shared").mkdir()
    (site.root / "shared" / "base.yml").write_text(extensions + "site_name: Parent\n", encoding="utf-8")
    (site.root / "middle.yml").write_text("INHERIT: shared/base.yml\n", encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace(extensions, "INHERIT: middle.yml\n"), encoding="utf-8")
    done = _check(site.root, tmp_path)
    assert done.returncode == 0, done.stderr
    config.write_text(config.read_text(encoding="utf-8").replace("INHERIT: middle.yml\n", ""), encoding="utf-8")
    done = _check(site.root, tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines()[1] == ("  quizzes/shared-goals.yml:12: questions[0].section: no heading 'patience' in "
                                           "modules/shared-goals.md — use one of: why-it-matters, patience-patience")


@pytest.mark.parametrize(("files", "reason"), [
    ({"mkdocs.yml": b"site_name: Tiny\n\xff\n"}, "mkdocs.yml is not UTF-8 text (byte 16)"),
    ({"mkdocs.yml": b""}, "it is empty; the build needs at least site_name"),
    ({"mkdocs.yml": b"INHERIT: a.yml\n", "a.yml": b"INHERIT: mkdocs.yml\n"}, "INHERIT in a.yml leads back to mkdocs.yml, a loop"),
    ({"mkdocs.yml": b"INHERIT: base.yml\n"}, "INHERIT in mkdocs.yml names {root}/base.yml, which does not exist"),
])
def test_check_says_in_one_line_why_it_cannot_read_mkdocs_yml(files, reason, tmp_path):
    """As the build stops (it too refuses an empty config: site_name is required), with no traceback."""
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    done = _check(tmp_path, tmp_path)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"Common Agenda: cannot read {tmp_path}/mkdocs.yml: {reason.format(root=tmp_path)}\n"


def test_check_refuses_an_agency_file_name_that_cannot_name_a_site(tmp_path, monkeypatch):
    """The name becomes sites/<name>/: 'agencies/.yml' made the build write into sites/ itself."""
    _tiny_project(tmp_path / "project")
    agencies = tmp_path / "project" / "agencies"
    agencies.mkdir()
    for name in (".yml", "Harbor.YML", "harbor city.yml", "harbor.yaml"):
        (agencies / name).write_text("agency: Harbor City\n", encoding="utf-8")
    (agencies / "README.md").write_text("Our agencies.\n", encoding="utf-8")
    done = _check(tmp_path / "project", tmp_path)
    assert done.returncode == 1
    fix = ("cannot name an agency's site: its name becomes the folder sites/<name>/ and the site's address — rename it "
           "to lowercase letters, digits and hyphens ending in .yml, e.g. agencies/harbor-city.yml")
    assert done.stderr.splitlines()[1:-1] == [f"  agencies/{name}:1: file name: '{name}' {fix}"
                                               for name in (".yml", "Harbor.YML", "harbor city.yml", "harbor.yaml")]
    monkeypatch.setenv("COMMON_AGENDA_LOCAL", "agencies/.yml")
    from common_agenda.content import Layout, local_settings_file
    assert [str(p) for p in local_settings_file(Layout(tmp_path / "project"))[1]] == [
        f"agencies/.yml:1: file name: '.yml' {fix}"]
