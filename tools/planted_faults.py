"""Plant known faults one at a time in copies of the project and see whether the tests named for each notice.

The page scripts have no mutation tool here (Stryker needs a JavaScript test runner; these scripts are
tested in Chromium from pytest), so tools/planted_faults.json lists hand-made faults instead: in a file,
`find` (which must occur exactly once) becomes `replace`, and the `tests` named must then fail. A few
entries plant in the Python side the defects issue 16 found unnoticed. `make mutate` reports the result
in benchmarks/mutation.md; `python tools/planted_faults.py [ID...]` runs some and prints it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "benchmarks")]
from benchlib import copy_project  # noqa: E402 (the working tree as the benchmarks copy it: tracked and new files, links kept)

FAULTS = Path(__file__).with_suffix(".json")
PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x"]


@dataclass(frozen=True)
class Fault:
    id: str
    file: str
    find: str
    replace: str
    tests: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Outcome:
    fault: Fault
    killed: bool
    seconds: float
    failed: str  # the first test that failed, when killed


def load(path: Path = FAULTS) -> list[Fault]:
    return [Fault(**{**entry, "tests": tuple(entry["tests"])}) for entry in json.loads(path.read_text(encoding="utf-8"))]


def problems(faults: list[Fault], repo: Path = REPO) -> list[str]:
    """What keeps the list from meaning anything: a find not found exactly once, a named test that does not exist, a repeated id."""
    found = []
    ids = [fault.id for fault in faults]
    found += [f"{fault_id}: the id is used twice" for fault_id in sorted({i for i in ids if ids.count(i) > 1})]
    for fault in faults:
        source = repo / fault.file
        count = source.read_text(encoding="utf-8").count(fault.find) if source.is_file() else 0
        if count != 1:
            found.append(f"{fault.id}: {fault.file} holds its find {count} times, not once")
        if fault.find == fault.replace:
            found.append(f"{fault.id}: replace is the same as find")
        if not fault.tests:
            found.append(f"{fault.id}: no test is named")
        for test in fault.tests:
            file, _, name = test.partition("::")
            path = repo / file
            if not name or not path.is_file() or not re.search(rf"^def {re.escape(name)}\(", path.read_text(encoding="utf-8"), re.M):
                found.append(f"{fault.id}: no test {test}")
    return found


def run_tests(folder: Path, tests: tuple[str, ...] | list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([*PYTEST, *tests], cwd=folder, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=1800)


def first_failure(output: str) -> str:
    failed = re.search(r"^(?:FAILED|ERROR) (\S+)", output, re.M)
    return failed.group(1) if failed else "?"


def plant(fault: Fault) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="planted-") as folder:
        copy = Path(folder)
        copy_project(REPO, copy)
        source = copy / fault.file
        source.write_text(source.read_text(encoding="utf-8").replace(fault.find, fault.replace, 1), encoding="utf-8")
        started = time.monotonic()
        done = run_tests(copy, fault.tests)
        seconds = time.monotonic() - started
    if done.returncode not in (0, 1):  # reported, not raised: the mutmut half of `make mutate` still gets written
        print(f"planted_faults: {fault.id}: pytest exit {done.returncode}, neither pass nor fail:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
        return Outcome(fault, False, seconds, f"error: pytest exit {done.returncode}")
    return Outcome(fault, done.returncode == 1, seconds, first_failure(done.stdout) if done.returncode == 1 else "")


def run_all(ids: list[str] | None = None) -> list[Outcome]:
    """Every fault (or those named), after checking the list and that the named tests pass unchanged."""
    faults = [fault for fault in load() if not ids or fault.id in ids]
    wrong = problems(faults)
    if wrong:
        raise SystemExit("planted_faults: tools/planted_faults.json is out of date:\n" + "\n".join(wrong))
    with tempfile.TemporaryDirectory(prefix="planted-clean-") as folder:
        copy_project(REPO, Path(folder))
        clean = run_tests(Path(folder), sorted({test for fault in faults for test in fault.tests}))
    if clean.returncode != 0:
        raise SystemExit(f"planted_faults: the named tests fail without any fault:\n{clean.stdout[-4000:]}")
    outcomes = []
    for fault in faults:
        outcome = plant(fault)
        print(f"planted_faults: {fault.id}: {'killed' if outcome.killed else 'SURVIVED'} ({outcome.seconds:.0f} s)")
        outcomes.append(outcome)
    return outcomes


def report_section(outcomes: list[Outcome]) -> list[str]:
    killed = sum(outcome.killed for outcome in outcomes)
    rows = ["| fault | file | change | result | test that noticed | time |", "| --- | --- | --- | --- | --- | ---: |"]
    for outcome in outcomes:
        fault = outcome.fault
        change = f"`{_cell(fault.find.strip())}` → `{_cell(fault.replace.strip())}`" if fault.replace.strip() else f"`{_cell(fault.find.strip())}` removed"
        result = "killed" if outcome.killed else outcome.failed or f"**survived**: {fault.why}"
        noticed = f"`{outcome.failed.split('::')[-1]}`" if outcome.killed else f"(named: `{'`, `'.join(t.split('::')[-1] for t in fault.tests)}`)"
        rows.append(f"| {fault.id} | {fault.file} | {change} | {result} | {noticed} | {outcome.seconds:.0f} s |")
    total = sum(outcome.seconds for outcome in outcomes)
    return [
        "## Page scripts (planted faults)",
        "",
        "Each fault of tools/planted_faults.json is planted alone in a copy of the project and the tests named for it run "
        "(browser tests in Chromium); killed means one of them failed. The named tests first pass once unchanged.",
        "",
        f"**{killed} of {len(outcomes)} killed** in {total / 60:.1f} min.",
        "",
        *rows,
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main() -> int:
    ids = sys.argv[1:]
    outcomes = run_all(ids or None)
    print("\n".join(report_section(outcomes)))
    return 0 if all(outcome.killed for outcome in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
