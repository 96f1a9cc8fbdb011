"""`make mutate` cannot rot unnoticed: every planted fault still finds its line once and names tests that
exist, and every module mutmut is pointed at has the test files named for it (tools/mutate.py)."""

from __future__ import annotations

import json
import subprocess

import mutate
import planted_faults
from planted_faults import Fault

from sitekit import REPO


def test_every_planted_fault_finds_its_line_exactly_once_and_names_tests_that_exist():
    faults = planted_faults.load()
    assert len(faults) >= 10
    assert planted_faults.problems(faults) == []


def test_a_fault_whose_line_moved_or_whose_test_was_renamed_is_named(tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text("def test_real():\n    pass\n", encoding="utf-8")
    (tmp_path / "page.js").write_text("a >= b;\na >= b;\nc < d;\n", encoding="utf-8")
    faults = [Fault("twice", "page.js", "a >= b;", "a > b;", ("tests/test_x.py::test_real",), ""),
              Fault("gone", "page.js", "e == f;", "e != f;", ("tests/test_x.py::test_real",), ""),
              Fault("renamed", "page.js", "c < d;", "c <= d;", ("tests/test_x.py::test_old_name",), ""),
              Fault("fine", "page.js", "c < d;", "c <= d;", ("tests/test_x.py::test_real",), "")]
    assert planted_faults.problems(faults, tmp_path) == [
        "twice: page.js holds its find 2 times, not once",
        "gone: page.js holds its find 0 times, not once",
        "renamed: no test tests/test_x.py::test_old_name",
    ]


def test_the_fault_list_is_plain_json_with_the_fields_the_report_reads():
    entries = json.loads((REPO / "tools" / "planted_faults.json").read_text(encoding="utf-8"))
    assert all(set(entry) == {"id", "file", "find", "replace", "tests", "why"} for entry in entries)


def test_every_mutated_module_and_its_tests_exist_and_the_default_is_a_subset():
    for module, tests in mutate.MODULES.items():
        assert (REPO / "hooks" / "common_agenda" / f"{module}.py").is_file(), module
        assert tests and all((REPO / test).is_file() for test in tests), module
    assert set(mutate.DEFAULT) <= set(mutate.MODULES)


def test_mutmut_is_told_to_mutate_only_the_chosen_modules_with_their_tests(tmp_path):
    for name in ("src", "hooks", "mutants", "tests", "docs", "mkdocs.yml"):
        (tmp_path / name).mkdir()
    settings = mutate.mutmut_settings(["plans", "glossary"], tmp_path)
    assert settings == (
        "[tool.mutmut]\n"
        'source_paths = ["src"]\n'
        'only_mutate = ["src/common_agenda/plans.py", "src/common_agenda/glossary.py"]\n'
        'also_copy = ["docs", "mkdocs.yml", "tests"]\n'
        'pytest_add_cli_args_test_selection = ["tests/test_glossary_rules.py", "tests/test_training.py"]\n'
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-m", "not browser", "-q"]\n'
        "use_git_change_detection = false\n"
    )


def test_make_installs_mutmut_from_its_own_lock_with_require_hashes():
    done = subprocess.run(["make", "-s", "-n", "-W", "requirements-mutate.txt", ".venv/.mutate"], cwd=REPO,
                          capture_output=True, text=True, check=True)
    installs = [line for line in done.stdout.splitlines() if " pip install " in line]
    assert installs[-1] == ".venv/bin/python -m pip install --quiet --require-hashes -r requirements-mutate.txt"
    assert "mutmut==3.8.1" in (REPO / "requirements-mutate.in").read_text(encoding="utf-8").splitlines()


def test_each_kept_survivor_reason_names_the_change_it_was_written_for():
    """A reason is shown only while its mutant is still that change (mutmut renumbers a function's mutants when it is edited)."""
    reasons = json.loads((REPO / "tools" / "mutation_survivors.json").read_text(encoding="utf-8"))
    assert reasons
    for name, entry in reasons.items():
        assert name.startswith("common_agenda.") and "__mutmut_" in name, name
        assert set(entry) == {"change", "reason"} and " → " in entry["change"] and entry["reason"].strip(), name
