"""What do quiz questions cost on the real site, against the same text as plain Markdown?

Copies the project (the files git tracks or would track) three times into a temporary folder and builds each:

* base:  the project as it is;
* ours:  its ten quizzes given --added more scored questions between them (200 each by default:
         quiz files are capped at 1 MB and a module has one quiz), which the real build checks
         (schema, item-writing rules) and compiles into quiz pages, answer keys and print packs;
* plain: the project as it is plus the same added text as ten ordinary Markdown pages (one per
         quiz, in the nav after the quizzes): prompts, options, feedback and explanations.

Both added sites pay for the same base project and differ only in how the added text is
written, so ours/plain is the whole-build ratio an author sees, and
(ours - base) / (plain - base) is what one added question costs against its Markdown.
Each build is `python -m mkdocs build -q` in a subprocess, after one --strict build of each
(a check and a warm-up); medians of --runs runs, the order rotating from run to run.

    .venv/bin/python benchmarks/real_site.py                       # then the generated site too
    .venv/bin/python benchmarks/real_site.py --runs 1 --no-generated --no-results
    .venv/bin/python benchmarks/real_site.py --project /tmp/bench-before --section real_site_before
    .venv/bin/python benchmarks/real_site.py --profile             # cProfile one build of ours
    .venv/bin/python benchmarks/real_site.py --profile --site plain
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from pathlib import Path

import yaml
from checked_items import added_questions, scored
from questions import dump, plain_question
from sites import numbered_questions

from benchlib import (
    REPO,
    build_env,
    copy_project,
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

SITES = ("base", "ours", "plain")
RATIO_TARGET = 1.5        # ours / plain, the whole build
RATIO_STRETCH = 1.15
ADDED_DIR = "added"       # docs/added/<quiz id>.md in the plain site
NAV_MARKER = "- quizzes/*.yml"
GUARD_FILE = "hooks/common_agenda/markdown_setup.py"
GUARD_SECONDS = 120


def added_text(project: Path, per_quiz: int) -> dict[Path, tuple[dict, list[dict]]]:
    """Each quiz file with its data and the questions added to it (seeded by the quiz id, so the
    same text every run and for every project measured)."""
    out = {}
    for path in sorted((project / "quizzes").glob("*.yml")):
        quiz = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[path.relative_to(project)] = (quiz, added_questions(quiz, per_quiz))
    return out


def write_ours(root: Path, added: dict) -> list[int]:
    """Append the questions to each quiz's `questions:` list (its last key); returns file sizes."""
    sizes = []
    for relative, (quiz, questions) in added.items():
        path = root / relative
        text = path.read_text(encoding="utf-8")
        if list(quiz)[-1] != "questions":
            sys.exit(f"{relative}: 'questions:' is not the last key, so the benchmark cannot append to it")
        items = dump({"questions": questions}, indented=True).split("\n", 1)[1]
        path.write_text(text.rstrip("\n") + "\n\n" + items, encoding="utf-8")
        sizes.append(path.stat().st_size)
    return sizes


def markdown_page(quiz: dict, questions: list[dict]) -> str:
    total = len(scored(questions))
    out = [f"# {quiz['title']}: more questions", "", quiz.get("intro", "").strip(), ""]
    return "\n".join(out + numbered_questions(questions, plain_question, total))


def write_plain(root: Path, added: dict) -> None:
    """Ten Markdown pages beside the project, listed in the nav right after the quizzes."""
    pages = []
    for (quiz, questions) in added.values():
        page = f"{ADDED_DIR}/{quiz['id']}.md"
        (root / "docs" / page).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / page).write_text(markdown_page(quiz, questions), encoding="utf-8")
        pages.append(page)
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines) if line.strip().startswith(NAV_MARKER)), None)
    if at is None:
        sys.exit(f"mkdocs.yml: no nav line '{NAV_MARKER}' to put the Markdown pages after")
    indent = lines[at][:len(lines[at]) - len(lines[at].lstrip())]
    lines[at + 1:at + 1] = [f"{indent}- {page}\n" for page in pages]
    config.write_text("".join(lines), encoding="utf-8")


def relax_time_guard(root: Path) -> bool:
    """Raise the project's guard on Markdown conversion time (a wall-clock alarm of a few seconds
    a page) in a copy. A ten-page split puts about 300 KB of Markdown on each plain page, which a
    loaded machine, or cProfile, can take longer than that to convert, stopping the build; the
    guard only arms a timer, so raising it changes no work measured. True when it was found."""
    path = root / GUARD_FILE
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    relaxed = re.sub(r"^SECONDS = [0-9.]+$", f"SECONDS = {GUARD_SECONDS}", text, count=1, flags=re.M)
    if relaxed == text:
        return False
    path.write_text(relaxed, encoding="utf-8")
    return True


def copy_site(project: Path, root: Path) -> bool:
    copy_project(project, root)
    return relax_time_guard(root)


def prepare(project: Path, tmp: Path, per_quiz: int) -> tuple[dict[str, Path], dict]:
    roots = {name: tmp / name for name in SITES}
    added = added_text(project, per_quiz)
    guard = [copy_site(project, root) for root in roots.values()][0]
    sizes = write_ours(roots["ours"], added)
    write_plain(roots["plain"], added)
    info = {"questions": sum(len(scored(qs)) for _, qs in added.values()),
            "quizzes": len(added), "largest": max(sizes), "guard": guard}
    if info["largest"] > 1_000_000:
        sys.exit(f"a quiz file grew to {info['largest']:,} bytes, over the 1 MB cap: use fewer --added")
    return roots, info


def check_build(name: str, root: Path, env: dict) -> None:
    done = run_build(root, env, "--strict", quiet=False).done
    if done.returncode != 0:
        sys.exit(f"the {name} site in {root} does not build with --strict:\n{done.stdout[-4000:]}{done.stderr[-4000:]}")


def fmt(seconds: float) -> str:
    return f"{seconds:.2f}"


def spread(values: list[float]) -> str:
    return f"{fmt(statistics.median(values))} ({fmt(min(values))}-{fmt(max(values))})"


def measure(roots: dict[str, Path], env: dict, runs: int) -> tuple[dict, dict]:
    for name, root in roots.items():
        check_build(name, root, env)
    wall: dict[str, list[float]] = {name: [] for name in SITES}
    cpu: dict[str, list[float]] = {name: [] for name in SITES}
    for run in range(runs):
        shift = run % len(SITES)
        for name in SITES[shift:] + SITES[:shift]:
            timed = run_build(roots[name], env)
            if timed.done.returncode != 0:
                sys.exit(f"{name} build failed:\n{timed.done.stdout}{timed.done.stderr}")
            wall[name].append(timed.wall)
            cpu[name].append(timed.cpu)
        print(f"  run {run + 1}/{runs}: " + ", ".join(f"{n} {fmt(wall[n][-1])} s (CPU {fmt(cpu[n][-1])})" for n in SITES),
              flush=True)
    return wall, cpu


def report(project: Path, info: dict, wall: dict, cpu: dict, runs: int, section: str | None) -> None:
    def med(clock: dict, name: str) -> float:
        return statistics.median(clock[name])

    def ratios(clock: dict) -> tuple[float, float]:
        base, ours, plain = (med(clock, n) for n in SITES)
        return ours / plain, (ours - base) / (plain - base) if plain > base else float("inf")

    whole, each = ratios(wall)
    whole_cpu, each_cpu = ratios(cpu)
    header = ["Site", "Wall s (min-max)", "CPU s (min-max)", "Added cost s", "Added cost CPU s"]
    labels = {"base": "Real site as it is", "ours": f"+ {info['questions']} questions in the quizzes",
              "plain": "+ the same text as Markdown pages"}
    rows = [[labels[n], spread(wall[n]), spread(cpu[n]),
             "-" if n == "base" else fmt(med(wall, n) - med(wall, "base")),
             "-" if n == "base" else fmt(med(cpu, n) - med(cpu, "base"))] for n in SITES]
    notes = [
        f"Whole build ours/plain: {whole:.2f} by the clock, {whole_cpu:.2f} by CPU time "
        f"(target <= {RATIO_TARGET} {mark(whole <= RATIO_TARGET)}; stretch <= {RATIO_STRETCH} {mark(whole <= RATIO_STRETCH)})",
        f"Each added question against its Markdown, (ours - base) / (plain - base): {each:.2f} by the clock, "
        f"{each_cpu:.2f} by CPU time",
        f"Project measured: {describe_project(project)}",
        f"Added: {info['questions']} scored questions, {info['questions'] // info['quizzes']} to each of the "
        f"{info['quizzes']} quizzes (largest quiz file {info['largest']:,} bytes, the cap is 1,000,000), "
        "generated by benchmarks/checked_items.py and accepted by the real schema and item-writing rules; "
        "the plain site has the same prompts, options, feedback and explanations as ten Markdown pages",
        "Times are medians of the whole `python -m mkdocs build -q` process (start-up included); "
        "each site was first built once with --strict",
        (f"In all three copies the Markdown conversion time guard (`{GUARD_FILE}` SECONDS) was raised to "
         f"{GUARD_SECONDS:g} s, so a loaded machine cannot stop the build of the 300 KB plain pages; it only arms a timer"
         if info["guard"] else "The Markdown conversion time guard was not found, so it was left as it is"),
    ]
    print()
    print_figures(f"Real site, median of {runs} run(s) each (python -m mkdocs build -q)", header, rows, notes)
    if section:
        title = "before" if section.endswith("_before") else "after"
        update_results(section, results_body(
            f"## Real site ({title}): quizzes with added questions vs the same text as Markdown",
            f"`benchmarks/real_site.py`, median of {runs} run(s) each. {machine_line()}.", header, rows, notes))


def profile(project: Path, per_quiz: int, top: int, site: str) -> None:
    """cProfile one build of one of the three sites; print where the time goes."""
    with tempfile.TemporaryDirectory(prefix="ca-real-prof-") as tmp:
        tmp_path = Path(tmp)
        env = build_env(tmp_path / "pycache")
        root = tmp_path / site
        added = added_text(project, per_quiz)
        copy_site(project, root)
        if site == "ours":
            write_ours(root, added)
        elif site == "plain":
            write_plain(root, added)
        check_build(site, root, env)   # also warms the byte-code cache
        what = {"base": "as it is", "ours": f"with {per_quiz} questions added to each quiz",
                "plain": f"with {per_quiz} questions a quiz added as Markdown pages"}[site]
        profile_build(root, env, tmp_path / "build.prof", root / "hooks", top,
                      f"Profile of one build of the real site {what} ({site})")


def generated(runs: int) -> None:
    """The generated site at 2000 questions, ours and plain, from build_scaling.py (not written)."""
    import build_scaling
    build_scaling.benchmark(build_scaling.real_setup("all", True), [2000], runs, keep=False, write_results=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=REPO,
                        help="the project to measure (a git checkout; default this repository)")
    parser.add_argument("--runs", type=int, default=3, help="timed builds per site (default 3)")
    parser.add_argument("--added", type=int, default=200,
                        help="scored questions added to each quiz, a multiple of 10 (default 200)")
    parser.add_argument("--section", default="real_site",
                        help="the section of results.md to write (default real_site; real_site_before for a baseline)")
    parser.add_argument("--no-results", dest="results", action="store_false", help="leave results.md alone")
    parser.add_argument("--no-generated", dest="generated", action="store_false",
                        help="skip the generated site's figures (build_scaling.py at 2000 questions)")
    parser.add_argument("--profile", action="store_true", help="instead of timing, cProfile one build of ours")
    parser.add_argument("--site", choices=SITES, default="ours", help="the site --profile builds (default ours)")
    parser.add_argument("--top", type=int, default=25, help="rows per profile listing (default 25)")
    args = parser.parse_args()
    require_mkdocs()
    project = args.project.resolve()
    if not (project / "mkdocs.yml").is_file():
        parser.error(f"--project: no mkdocs.yml in {project}")
    if args.added <= 0 or args.added % 10:
        parser.error("--added: a positive multiple of 10")
    if args.runs < 1:
        parser.error("--runs: at least 1")
    if args.profile:
        profile(project, args.added, args.top, args.site)
        return
    with tempfile.TemporaryDirectory(prefix="ca-real-") as tmp:
        tmp_path = Path(tmp)
        roots, info = prepare(project, tmp_path, args.added)
        wall, cpu = measure(roots, build_env(tmp_path / "pycache"), args.runs)
    report(project, info, wall, cpu, args.runs, args.section if args.results else None)
    if args.generated:
        print("\nThe generated site (build_scaling.py), for comparison:", flush=True)
        generated(args.runs)


if __name__ == "__main__":
    main()
