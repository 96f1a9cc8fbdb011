"""`make mutate`: how many small changes to the core the fast tests notice (mutmut), and which planted
faults in the page scripts the browser tests notice (tools/planted_faults.py); writes benchmarks/mutation.md.

mutmut 3 names a mutant's module from its path with a leading `src.` removed, so it runs in a copy
of the project (a temporary folder; the repository is untouched) where hooks/ is moved to src/ and
hooks becomes a link to it: the tests and the site's hook files import the mutated common_agenda
through hooks/ as they always do, and mutmut names its mutants `common_agenda.<module>.…`.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from importlib import metadata
from pathlib import Path

import planted_faults

REPO = Path(__file__).resolve().parent.parent
REPORT = REPO / "benchmarks" / "mutation.md"
# Why each kept survivor is kept, by mutant name, with the change the reason was written for: mutmut numbers a
# function's mutants in order, so an edit to the function gives the name to another change, and then the
# reason is not shown. A survivor without a matching entry is listed as unexplained.
SURVIVORS = REPO / "tools" / "mutation_survivors.json"

# Module -> the fast, non-browser test files that exercise it. mutmut runs, for each mutant, only the
# tests among these that called the mutated function. The default set runs in about 15 minutes on two cores,
# half of it plans (each of its mutants reloads the whole content in some 40 tests) and the planted faults.
MODULES = {
    "plans": ["tests/test_training.py"],
    "quizzes": ["tests/test_quiz_validation.py"],
    "problems": ["tests/test_quiz_validation.py"],
    "quiz_sections": ["tests/test_quiz_sections.py"],
    "glossary": ["tests/test_glossary_rules.py"],
    "staged_site": ["tests/test_staged_site.py"],
    "whitespace_tails": ["tests/test_whitespace_tails.py"],
    "html_allowlist": ["tests/test_html_allowlist.py"],
    "item_lint": ["tests/test_item_lint.py"],
}
DEFAULT = ["plans", "quizzes", "problems", "glossary", "staged_site", "whitespace_tails", "html_allowlist"]

# mutmut's words for a mutant's fate; a timeout counts as noticed (the tests did not pass).
DETECTED = {"killed", "timeout"}


def mutmut_settings(modules: list[str], workspace: Path) -> str:
    """The [tool.mutmut] table for the copy's pyproject.toml: mutate only the chosen modules, run only their tests."""
    tests = sorted({test for module in modules for test in MODULES[module]})
    also_copy = sorted(path.name for path in workspace.iterdir() if path.name not in {"src", "hooks", "mutants"})
    lines = [
        "[tool.mutmut]",
        'source_paths = ["src"]',
        f"only_mutate = {json.dumps([f'src/common_agenda/{module}.py' for module in modules])}",
        f"also_copy = {json.dumps(also_copy)}",
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}",
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-m", "not browser", "-q"]',
        "use_git_change_detection = false",
    ]
    return "\n".join(lines) + "\n"


def prepare(workspace: Path, modules: list[str]) -> None:
    planted_faults.copy_project(REPO, workspace)
    (workspace / "hooks").rename(workspace / "src")
    (workspace / "hooks").symlink_to("src")
    with (workspace / "pyproject.toml").open("a", encoding="utf-8") as pyproject:
        pyproject.write("\n" + mutmut_settings(modules, workspace))
    (workspace / "mutants").mkdir()
    (workspace / "mutants" / "hooks").symlink_to("src")


def mutmut(workspace: Path, *args: str, check: bool = True) -> str:
    command = [str(Path(sys.executable).with_name("mutmut")), *args]
    done = subprocess.run(command, cwd=workspace, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise SystemExit(f"mutate: `mutmut {' '.join(args)}` failed (exit {done.returncode}):\n{done.stdout[-4000:]}{done.stderr[-4000:]}")
    return done.stdout


def results(workspace: Path) -> dict[str, str]:
    """Mutant name -> mutmut's status for it."""
    found = {}
    for line in mutmut(workspace, "results", "--all", "true").splitlines():
        name, colon, status = line.strip().rpartition(": ")
        if colon and "__mutmut_" in name:
            found[name] = status
    return found


def change_of(workspace: Path, name: str) -> str:
    """The mutant's changed line, old -> new, from `mutmut show`."""
    diff = mutmut(workspace, "show", name, check=False).splitlines()
    old = next((line[1:].strip() for line in diff if line.startswith("-") and not line.startswith("---")), "")
    new = next((line[1:].strip() for line in diff if line.startswith("+") and not line.startswith("+++")), "")
    return f"`{old}` → `{new}`"


def module_of(name: str) -> str:
    return name.split(".")[1]


def score_table(statuses: dict[str, str], modules: list[str]) -> tuple[list[str], int, int]:
    rows = ["| module | tests | killed | survived | not covered | total | score |", "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    killed_all = total_all = 0
    for module in modules:
        mine = [status for name, status in statuses.items() if module_of(name) == module]
        killed = sum(status in DETECTED for status in mine)
        survived = sum(status == "survived" for status in mine)
        uncovered = len(mine) - killed - survived
        tests = ", ".join(Path(test).name for test in MODULES[module])
        rows.append(f"| {module}.py | {tests} | {killed} | {survived} | {uncovered} | {len(mine)} | {percent(killed, len(mine))} |")
        killed_all += killed
        total_all += len(mine)
    rows.append(f"| **all** | | {killed_all} | | | {total_all} | **{percent(killed_all, total_all)}** |")
    return rows, killed_all, total_all


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def survivor_lines(workspace: Path, statuses: dict[str, str]) -> list[str]:
    reasons = json.loads(SURVIVORS.read_text(encoding="utf-8")) if SURVIVORS.exists() else {}
    lines = []
    for name, status in sorted(statuses.items(), key=lambda item: mutant_order(item[0])):
        if status in DETECTED:
            continue
        change = change_of(workspace, name)
        recorded = reasons.get(name, {})
        reason = recorded["reason"] if recorded.get("change") == change else \
            "unexplained: a gap to close with a test, or a reason to record in tools/mutation_survivors.json"
        lines.append(f"- `{name}` ({status}): {change}. {reason}")
    return lines or ["None."]


def mutant_order(name: str) -> tuple[str, int]:
    stem, _, number = name.rpartition("__mutmut_")
    return stem, int(number)


def run_mutmut(modules: list[str], children: int, keep: Path | None) -> tuple[list[str], float, int]:
    """Run mutmut on the modules in a copy of the project; the report's Python section, seconds taken, mutant count."""
    workspace = Path(tempfile.mkdtemp(prefix="mutate-")) if keep is None else keep
    timing = workspace / "mutate-run.json"  # in a kept folder: its run is reused, to write the report again
    try:
        if timing.exists():
            run = json.loads(timing.read_text(encoding="utf-8"))
            if not isinstance(run, dict) or run.get("source") != source():
                raise SystemExit(f"mutate: {workspace} holds a run of {run.get('source') if isinstance(run, dict) else 'an older tree'}, "
                                 f"not of {source()}: its mutants are not this code's; give --keep a new folder")
            seconds, children = run["seconds"], run["children"]
        else:
            prepare(workspace, modules)
            started = time.monotonic()
            mutmut(workspace, "run", "--max-children", str(children), check=False)
            seconds = time.monotonic() - started
            timing.write_text(json.dumps({"seconds": seconds, "children": children, "source": source()}), encoding="utf-8")
        statuses = results(workspace)
        if not statuses:
            raise SystemExit(f"mutate: mutmut reported no mutants; see {workspace}/mutants")
        rows, killed, total = score_table(statuses, modules)
        print(f"mutate: {killed}/{total} mutants killed ({percent(killed, total)}) in {seconds / 60:.1f} min")
        core = sorted((REPO / "hooks" / "common_agenda").glob("*.py"))
        chosen = [path for path in core if path.stem in modules]
        section = [
            "## Python core (mutmut)",
            "",
            f"Modules in `hooks/common_agenda/`, each against its fast non-browser tests (`make mutate MODULES=\"{' '.join(modules)}\"`). "
            "A mutant is killed when a test fails (or times out) with the change in place; \"not covered\" means no chosen test called the function.",
            "",
            f"This is {len(chosen)} of the core's {len(core)} modules ({lines_in(chosen)} of its {lines_in(core)} lines): the ones whose "
            "rules decide what a reader sees or whether a build may publish, and whose tests run in seconds. The score says "
            "nothing of the rest (the whole core is about 13,650 mutants, days of running); `MODULES=` adds others.",
            "",
            *rows,
            "",
            f"Run time: {seconds / 60:.1f} min for {total} mutants with {children} workers "
            f"({seconds * children / total:.1f} s of a core per mutant).",
            "",
            "### Survivors",
            "",
            *survivor_lines(workspace, statuses),
        ]
        return section, seconds, total
    finally:
        if keep is None:
            shutil.rmtree(workspace, ignore_errors=True)


def lines_in(paths: list[Path]) -> str:
    return f"{sum(len(path.read_text(encoding='utf-8').splitlines()) for path in paths):,}"


def source() -> str:
    """The commit the run measured, and whether the files differed from it (a copy takes the tree as it is)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "no git commit"
    changed = git("status", "--porcelain", "--", ".", ":!benchmarks/mutation.md")  # new files are copied too
    return commit + (" with uncommitted changes" if changed else "")


def header() -> list[str]:
    versions = ", ".join(f"{package} {metadata.version(package)}" for package in ("mutmut", "pytest", "playwright"))
    return [
        "# Mutation score",
        "",
        f"Written by `make mutate` (tools/mutate.py) on {date.today().isoformat()} at commit {source()}: "
        f"Python {platform.python_version()}, {versions}, "
        f"{chromium_version()}. Do the tests notice a small wrong change to the code? Each change is made in a copy of the project.",
        "",
    ]


def chromium_version() -> str:
    try:
        return subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    except OSError:
        return "no Chromium"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--modules", nargs="+", choices=sorted(MODULES), default=DEFAULT,
                        help=f"core modules to mutate (default: {' '.join(DEFAULT)})")
    parser.add_argument("--children", type=int, default=2, help="mutmut workers (default 2, the machine's cores)")
    parser.add_argument("--no-planted", action="store_true", help="skip the page-script planted faults")
    parser.add_argument("--keep", type=Path, help="run mutmut in this folder and keep it, to inspect mutants; given a kept "
                        "folder again, its run is reused (with --no-planted the report's planted section too), to add survivor reasons")
    parser.add_argument("--report", type=Path, default=REPORT, help="where to write the report")
    args = parser.parse_args()
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
    reused = args.keep is not None and (args.keep / "mutate-run.json").exists()
    _, heading, previous = (args.report.read_text(encoding="utf-8") if args.report.exists() else "").partition("\n## Page scripts")
    if args.no_planted and reused and heading:
        planted = ["", "## Page scripts" + previous.rstrip("\n")]
    else:
        planted = [] if args.no_planted else ["", *planted_faults.report_section(planted_faults.run_all())]  # the shorter half first
    section, _, _ = run_mutmut(args.modules, args.children, args.keep)
    lines = [*header(), *section, *planted]
    args.report.write_text(re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n", encoding="utf-8")
    print(f"mutate: wrote {args.report.relative_to(REPO) if args.report.is_relative_to(REPO) else args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
