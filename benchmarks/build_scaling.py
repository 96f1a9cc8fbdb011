"""How does our build time grow with the number of quiz questions, against plain Markdown and mkdocs-quiz?

For each size N (default 50, 500 and 2000 questions) the script writes synthetic content in a
temporary folder, 10 scored questions per quiz and one module per quiz, and builds three sites:

* ours:        modules/*.md and quizzes/*.yml compiled by the real hooks (hooks/*.py), with the
               real theme, overrides, plugins and markdown_extensions of mkdocs.yml;
* plain:       the same text as ordinary Markdown pages (each quiz one .md page with its prompts,
               options, feedback and explanations as paragraphs and lists), same config, no hooks;
* mkdocs-quiz: the plain site with each question written as a `<quiz>` block of the mkdocs-quiz
               plugin (latest release from PyPI), which the script installs in its own virtualenv,
               benchmarks/.venv-mkdocs-quiz, next to the same pinned MkDocs and Material.

Each build is `python -m mkdocs build -q` in a subprocess, timed wall-clock; the table shows
the median of --runs runs (the order of the sites rotates from run to run, so drift hits all
alike).

    .venv/bin/python benchmarks/build_scaling.py                 # 5 runs at 50, 500, 2000
    .venv/bin/python benchmarks/build_scaling.py --runs 1 --sizes 50,500
    .venv/bin/python benchmarks/build_scaling.py --no-mkdocs-quiz  # ours and plain only
    .venv/bin/python benchmarks/build_scaling.py --profile 2000  # cProfile one build of ours
    .venv/bin/python benchmarks/build_scaling.py --profile 2000 --site plain
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from quiz_venv import QUIZ, QUIZ_VENV, QuizEnv, last_line, quiz_env
from sites import (
    CORE_HOOKS,
    QUESTIONS_PER_QUIZ,
    QUIZ_PLUGIN,
    Setup,
    real_setup,
    units_for,
    write_mkdocs_quiz,
    write_ours,
    write_plain,
)

from benchlib import (
    REPO,
    Timed,
    article_words,
    build_env,
    describe_project,
    machine_line,
    mark,
    print_figures,
    profile_build,
    require_mkdocs,
    results_body,
    run_build,
    update_results,
)

RATIO_TARGET = 1.15      # ours / plain at the largest size (2000)
GROWTH_TARGET = 4.5      # ours(2000) / ours(500); 4.0 would be exactly linear
SECTION = "build_scaling"

def timed_build(root: Path, env: dict, python: Path | None, *extra: str, quiet: bool = True) -> Timed:
    """A build with the project's interpreter (python None) or with `python`, timed alike."""
    return run_build(root, env, *extra, quiet=quiet, python=python)


def check_build(name: str, root: Path, env: dict, python: Path | None = None, relax: bool = False) -> str:
    """One strict, verbose build first: it must pass without warnings, and it warms the caches.

    With `relax` (mkdocs-quiz only: the plugin is not ours to fix) a strict failure is allowed
    if the build passes without --strict; the first warning is returned for the notes."""
    done = timed_build(root, env, python, "--strict", quiet=False).done
    if done.returncode == 0:
        return ""
    if relax and timed_build(root, env, python, quiet=False).done.returncode == 0:
        warnings = [line.strip() for line in (done.stdout + done.stderr).splitlines() if line.startswith("WARNING")]
        return warnings[0] if warnings else last_line(done)
    sys.exit(f"{name} site in {root} does not build with --strict:\n{done.stdout}{done.stderr}")


def fmt(seconds: float) -> str:
    return f"{seconds:.2f}"


def benchmark(setup: Setup, sizes: list[int], runs: int, keep: bool, write_results: bool = True,
              quiz: QuizEnv | None = None, quiz_absent: str = "") -> None:
    """Time ours, plain and (when `quiz` is set) mkdocs-quiz at each size; `quiz_absent` says
    why mkdocs-quiz is not measured, for the notes."""
    results: dict[int, dict] = {}
    writers = {"plain": write_plain, "ours": write_ours, QUIZ: write_mkdocs_quiz}
    names = ["plain", "ours"] + ([QUIZ] if quiz else [])
    pythons = {"plain": None, "ours": None, QUIZ: quiz.python if quiz else None}
    with tempfile.TemporaryDirectory(prefix="ca-bench-") as tmp:
        tmp_path = Path(tmp)
        env = build_env(tmp_path / "pycache")
        for size in sizes:
            units = units_for(size)
            roots = {name: tmp_path / f"{name}-{size}" for name in names}
            for name in names:
                writers[name](roots[name], units, setup)
            strict = {name: check_build(name, roots[name], env, pythons[name], relax=name == QUIZ) for name in names}
            first = units[0].module_id
            parity = {name: article_words(roots[name] / "site" / "quizzes" / first / "index.html") for name in names}
            pages = {name: len(list((roots[name] / "site").rglob("index.html"))) for name in names}
            wall: dict[str, list[float]] = {name: [] for name in names}
            cpu: dict[str, list[float]] = {name: [] for name in names}
            for run in range(runs):
                # The order rotates each run (with two sites, they alternate).
                shift = run % len(names)
                for name in names[shift:] + names[:shift]:
                    timed = timed_build(roots[name], env, pythons[name])
                    if timed.done.returncode != 0:
                        sys.exit(f"{name} build failed:\n{timed.done.stdout}{timed.done.stderr}")
                    wall[name].append(timed.wall)
                    cpu[name].append(timed.cpu)
                print(f"  {size} questions, run {run + 1}/{runs}: "
                      + ", ".join(f"{name} {fmt(wall[name][-1])} s (CPU {fmt(cpu[name][-1])})" for name in names),
                      flush=True)
            results[size] = {"units": len(units), "pages": pages, "parity": parity, "wall": wall, "cpu": cpu,
                             "strict": strict}
        if keep:
            kept = Path(tempfile.mkdtemp(prefix="ca-bench-kept-"))
            for size in sizes:
                for name in names:
                    shutil.copytree(tmp_path / f"{name}-{size}", kept / f"{name}-{size}", symlinks=True)
            print(f"Sites kept in {kept}", flush=True)
    report(setup, results, runs, write_results, quiz, quiz_absent)


def median_of(result: dict, clock: str, site: str) -> float:
    return statistics.median(result[clock][site])


def spread(values: list[float]) -> str:
    return f"{fmt(statistics.median(values))} ({fmt(min(values))}-{fmt(max(values))})"


def report(setup: Setup, results: dict[int, dict], runs: int, write_results: bool = True,
           quiz: QuizEnv | None = None, quiz_absent: str = "") -> None:
    header = ["Questions", "Quizzes", "Pages plain/ours", "Plain s (min-max)", "Ours s (min-max)", "Ours/plain",
              "Target", "Result", "Ours/plain CPU"]
    if quiz:
        header += [f"{QUIZ} s (min-max)", f"{QUIZ}/plain", f"{QUIZ}/plain CPU", f"Ours < {QUIZ}"]
    rows = []
    for size, r in sorted(results.items()):
        ratio = median_of(r, "wall", "ours") / median_of(r, "wall", "plain")
        cpu_ratio = median_of(r, "cpu", "ours") / median_of(r, "cpu", "plain")
        graded = size == 2000
        row = [str(size), str(r["units"]), f"{r['pages']['plain']}/{r['pages']['ours']}",
               spread(r["wall"]["plain"]), spread(r["wall"]["ours"]), f"{ratio:.2f}",
               f"<= {RATIO_TARGET}" if graded else "-", mark(ratio <= RATIO_TARGET) if graded else "-",
               f"{cpu_ratio:.2f}"]
        if quiz:
            row += [spread(r["wall"][QUIZ]), f"{median_of(r, 'wall', QUIZ) / median_of(r, 'wall', 'plain'):.2f}",
                    f"{median_of(r, 'cpu', QUIZ) / median_of(r, 'cpu', 'plain'):.2f}",
                    mark(median_of(r, "wall", "ours") < median_of(r, "wall", QUIZ))]
        rows.append(row)
    notes = []
    if 500 in results and 2000 in results:
        def growth(clock: str, site: str) -> float:
            return median_of(results[2000], clock, site) / median_of(results[500], clock, site)
        notes.append(f"Ours growth 2000/500: {growth('wall', 'ours'):.2f} (target <= {GROWTH_TARGET}; 4.00 is linear) "
                     f"{mark(growth('wall', 'ours') <= GROWTH_TARGET)}. By CPU time: ours {growth('cpu', 'ours'):.2f}, "
                     f"plain {growth('cpu', 'plain'):.2f}; plain by the clock {growth('wall', 'plain'):.2f}"
                     + (f"; {QUIZ} {growth('wall', QUIZ):.2f} by the clock, {growth('cpu', QUIZ):.2f} by CPU time"
                        if quiz else ""))
    else:
        notes.append("Ours growth 2000/500: not measured (needs sizes 500 and 2000)")
    if 2000 not in results:
        notes.append(f"The ours/plain target (<= {RATIO_TARGET}) applies at 2000 questions: not measured")
    if quiz:
        def versus(clock: str) -> str:
            return ", ".join(f"{median_of(r, clock, 'ours') / median_of(r, clock, QUIZ):.2f} at {size}"
                             for size, r in sorted(results.items()))
        faster = all(median_of(r, "wall", "ours") < median_of(r, "wall", QUIZ) for r in results.values())
        notes.append(f"Target ours faster than {QUIZ} at every size (wall-clock medians): {mark(faster)}. "
                     f"Ours/{QUIZ}: {versus('wall')}; by CPU time {versus('cpu')}")
    notes.append("Times are wall-clock medians of the whole `python -m mkdocs build -q` process (start-up included); "
                 "the CPU ratios are the same from user+system CPU seconds, which a busy machine disturbs less")
    largest = max(results)
    parity = results[largest]["parity"]
    notes.append(f"Text check, first quiz page at {largest} questions: "
                 + ", ".join(f"{name} {count} words" for name, count in parity.items())
                 + " in `<article>`, scripts and styles left out (ours adds the verdicts, buttons and a second copy "
                   "of each option beside its feedback"
                 + (f"; {QUIZ} its buttons and progress panel" if quiz else "") + ")")
    extra = any(r["pages"]["ours"] != r["pages"]["plain"] for r in results.values())
    notes.append(f"Ours: {setup.describe()}, as in the working tree of {describe_project(REPO)}. Plain: the same module pages, quiz pages and quiz index as ordinary "
                 "Markdown, same theme, extensions and plugins, no hooks"
                 + (". Ours also builds the pages its other hooks make, hence more pages" if extra else ""))
    if quiz:
        strict = [(size, r["strict"][QUIZ]) for size, r in sorted(results.items()) if r["strict"][QUIZ]]
        same_pages = all(r["pages"][QUIZ] == r["pages"]["plain"] for r in results.values())
        notes.append(f"{QUIZ}: version {quiz.versions[QUIZ]} (the latest release when "
                     f"`{QUIZ_VENV.relative_to(REPO)}` was made), with {quiz.others()} as pinned in requirements.txt. "
                     f"Its site is plain with each question a `<quiz>` block (`- [x]`/`- [ ]` options, each "
                     "option's feedback as a `>` line under it, the explanation as the content shown after "
                     f"answering) and `{QUIZ_PLUGIN}` added to the plugins with its default settings, under which "
                     "it adds its styles and scripts inline to every page"
                     + ("" if same_pages else
                        f"; it builds {'/'.join(str(r['pages'][QUIZ]) for r in results.values())} pages")
                     + (f". It fails --strict (at {', '.join(str(size) for size, _ in strict)} questions: "
                        f"\"{strict[0][1]}\"), so its check and warm-up build ran without --strict" if strict
                        else ". Checked with --strict like the others"))
    else:
        notes.append(f"{QUIZ}: not measured ({quiz_absent}), so the target ours faster than {QUIZ} is not checked")

    print()
    print_figures(f"Build time, median of {runs} run(s) each (python -m mkdocs build -q)", header, rows, notes)
    if write_results:
        update_results(SECTION, results_body(
            "## Build scaling: ours vs plain Markdown" + (f" and {QUIZ}" if quiz else ""),
            f"`benchmarks/build_scaling.py`, median of {runs} run(s) each. {machine_line()}.", header, rows, notes))


def profile(setup: Setup, size: int, top: int, site: str = "ours") -> None:
    """cProfile one build of one site (ours or plain) at `size` questions; print where the time goes."""
    with tempfile.TemporaryDirectory(prefix="ca-prof-") as tmp:
        tmp_path = Path(tmp)
        env = build_env(tmp_path / "pycache")
        root = tmp_path / f"{site}-{size}"
        (write_ours if site == "ours" else write_plain)(root, units_for(size), setup)
        check_build(site, root, env)  # warms the byte-code cache
        profile_build(root, env, tmp_path / "build.prof", REPO / "hooks", top,
                      f"Profile of one build of {site} at {size} questions"
                      + (f" ({setup.describe()})" if site == "ours" else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed builds per site and size (default 5)")
    parser.add_argument("--sizes", default="50,500,2000",
                        help=f"comma-separated question counts, multiples of {QUESTIONS_PER_QUIZ} (default 50,500,2000)")
    parser.add_argument("--hooks", default="all",
                        help="hooks for ours: 'all' (every hook in mkdocs.yml, the default), 'core' "
                             f"({', '.join(CORE_HOOKS)}) or comma-separated file names in hooks/")
    parser.add_argument("--no-glossary", dest="glossary", action="store_false",
                        help="leave modules/glossary.yml out of ours (isolates the cost of the tooltips)")
    parser.add_argument("--no-results", dest="results", action="store_false",
                        help="print the table only; leave benchmarks/results.md alone")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites and print where")
    parser.add_argument("--no-mkdocs-quiz", dest="mkdocs_quiz", action="store_false",
                        help=f"time ours and plain only: no {QUIZ} site, and {QUIZ_VENV.relative_to(REPO)} "
                             "is neither made nor used")
    parser.add_argument("--profile", type=int, metavar="SIZE",
                        help="instead of timing, cProfile one build of ours at SIZE questions")
    parser.add_argument("--site", choices=("ours", "plain"), default="ours",
                        help="the site --profile builds (default ours)")
    parser.add_argument("--top", type=int, default=20, help="rows per profile listing (default 20)")
    args = parser.parse_args()
    require_mkdocs()
    setup = real_setup(args.hooks, args.glossary)
    if args.profile:
        if args.profile <= 0 or args.profile % QUESTIONS_PER_QUIZ:
            parser.error(f"--profile: the size must be a positive multiple of {QUESTIONS_PER_QUIZ}")
        profile(setup, args.profile, args.top, args.site)
        return
    try:
        sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error("--sizes: give whole numbers separated by commas, e.g. 50,500")
    if not sizes or any(s <= 0 or s % QUESTIONS_PER_QUIZ for s in sizes):
        parser.error(f"--sizes: each size must be a positive multiple of {QUESTIONS_PER_QUIZ}")
    if args.runs < 1:
        parser.error("--runs: at least 1")
    quiz, quiz_absent = quiz_env() if args.mkdocs_quiz else (None, "--no-mkdocs-quiz")
    if args.mkdocs_quiz and quiz is None:
        print(f"{QUIZ}: not measured, {quiz_absent}; going on with ours and plain", flush=True)
    benchmark(setup, sizes, args.runs, args.keep, args.results, quiz, quiz_absent)


if __name__ == "__main__":
    main()
