"""Shared helpers for the benchmark scripts: the repository, the build command, results.md."""

from __future__ import annotations

import io
import os
import platform
import pstats
import re
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.md"
MKDOCS = [sys.executable, "-m", "mkdocs"]

RESULTS_HEADER = """\
# Benchmark results

Written by the scripts in this folder (see README.md). Each script replaces only its own
section, between its `<!-- name:start -->` and `<!-- name:end -->` comments; re-run a script
to refresh its figures.
"""


def require_mkdocs() -> None:
    try:
        import material  # noqa: F401
        import mkdocs  # noqa: F401
    except ImportError:
        sys.exit("mkdocs and mkdocs-material are not importable: run with the project's "
                 "virtualenv, e.g. .venv/bin/python " + " ".join(sys.argv))


def build_env(pycache: Path | None = None) -> dict[str, str]:
    """The environment for `mkdocs build`: no MkDocs 2 banner, and (when given) byte code kept
    out of the repository so a benchmark leaves no files behind."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if pycache is not None:
        # Byte code goes to `pycache` (Python then reads it only from there), and must be
        # written, or every build would compile MkDocs, Material and Pygments from source.
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@dataclass
class Timed:
    wall: float     # seconds on the clock
    cpu: float      # user + system seconds of the build process: less sensitive to a busy machine
    done: subprocess.CompletedProcess


def run_build(cwd: Path, env: dict[str, str], *extra: str, quiet: bool = True, python: Path | None = None) -> Timed:
    """Run `python -m mkdocs build [-q] ...` in `cwd` and time it; `python` is another
    interpreter to build with (another virtualenv's), by default this one."""
    command = ([str(python), "-m", "mkdocs"] if python else MKDOCS) + ["build"] + (["-q"] if quiet else []) + list(extra)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timed(wall, cpu, done)


def machine_line() -> str:
    load = f", load average {os.getloadavg()[0]:.2f} at the end" if hasattr(os, "getloadavg") else ""
    return (f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, "
            f"{os.cpu_count()} CPUs; run {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}{load}")


def markdown_table(header: list[str], rows: list[list[str]], align: str | None = None) -> str:
    align = align or "l" + "r" * (len(header) - 1)
    rule = ["---:" if a == "r" else ":---:" if a == "c" else "---" for a in align]
    lines = [header, rule] + rows
    return "\n".join("| " + " | ".join(str(cell) for cell in line) + " |" for line in lines)


def text_table(header: list[str], rows: list[list[str]], align: str | None = None) -> str:
    align = align or "l" + "r" * (len(header) - 1)
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]

    def fmt(row: list[str]) -> str:
        return "  ".join(str(c).rjust(w) if a == "r" else str(c).ljust(w) for c, w, a in zip(row, widths, align))

    return "\n".join([fmt(header), "  ".join("-" * w for w in widths)] + [fmt(r) for r in rows])


def print_figures(title: str, header: list[str], rows: list[list[str]], notes: list[str]) -> None:
    """The figures on the terminal: a title, the table, one note a line."""
    print(title)
    print(text_table(header, rows))
    for note in notes:
        print(note)


def results_body(heading: str, intro: str, header: list[str], rows: list[list[str]], notes: list[str]) -> str:
    """A results.md section: heading, what was run on which machine, the table, the notes as a list."""
    return "\n".join([heading, "", intro, "", markdown_table(header, rows), "", *[f"- {note}." for note in notes]])


def update_results(name: str, body: str, path: Path = RESULTS) -> None:
    """Create or replace the section `name` of results.md, leaving the other sections alone."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    section = f"{start}\n{body.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else RESULTS_HEADER
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def mark(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may use MkDocs' own tags (`!ENV [NAME, default]`, `!relative`): read each as
    its plain value (an `!ENV` as its default), which is all a benchmark needs from it."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node, deep=True)
        return items[-1] if suffix == "ENV" and items else items
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    return loader.construct_scalar(node)


_ConfigLoader.add_multi_constructor("!", _untagged)


def read_config(project: Path = REPO) -> dict:
    """The project's mkdocs.yml as data."""
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def project_hooks(project: Path = REPO) -> list[Path]:
    """The hook files `mkdocs.yml` lists, in its order: the one source of the hook list."""
    return [(project / hook).resolve() for hook in read_config(project).get("hooks", [])]


PROFILE_RUNNER = """\
import cProfile, sys
from mkdocs.__main__ import cli
profiler = cProfile.Profile()
try:
    profiler.runcall(cli.main, args=['build', '-q'], prog_name='mkdocs', standalone_mode=False)
finally:
    profiler.dump_stats(sys.argv[1])
"""


def profile_build(root: Path, env: dict[str, str], out: Path, hooks_dir: Path, top: int, title: str) -> None:
    """cProfile one `mkdocs build -q` in `root` (after a warm-up build elsewhere) and print the
    hotspots, overall and in `hooks_dir`, by cumulative and by own time."""
    done = subprocess.run([sys.executable, "-c", PROFILE_RUNNER, str(out)], cwd=root, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(done.stdout + done.stderr)
    stats = pstats.Stats(str(out))
    print(f"{title}: {stats.total_tt:.2f} s under cProfile")
    hooks = str(hooks_dir)
    for heading, key, pattern in (
        ("Whole build, by cumulative time", "cumulative", None),
        ("Whole build, by own time", "tottime", None),
        ("hooks/ (incl. common_agenda), by cumulative time", "cumulative", hooks),
        ("hooks/ (incl. common_agenda), by own time", "tottime", hooks),
    ):
        buffer = io.StringIO()
        stats.stream = buffer
        restrictions = ([re.escape(pattern)] if pattern else []) + [top]
        stats.sort_stats(key).print_stats(*restrictions)
        lines = buffer.getvalue().splitlines()
        start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), len(lines))
        print(f"\n{heading}:")
        print("\n".join(line.replace(hooks + "/", "hooks/") for line in lines[start:] if line.strip()))


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class ArticleText(HTMLParser):
    """Visible words inside <article>, to show the sites carry the same text. Void elements
    (<input>, <br>...) have no end tag, so they open no level (or every word after the first
    one would count, footer included); the text of <script> and <style> is not visible."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.hidden = 0
        self.words = 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if tag == "article" or self.depth:
            self.depth += 1
            if tag in ("script", "style"):
                self.hidden += 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.depth:
            self.depth -= 1
            if tag in ("script", "style") and self.hidden:
                self.hidden -= 1

    def handle_data(self, data):
        if self.depth and not self.hidden:
            self.words += len(data.split())


def article_words(html_file: Path) -> int:
    parser = ArticleText()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser.words


def copy_project(project: Path, dest: Path) -> None:
    """The project's files as they are in the working tree: tracked, and new ones not ignored (a
    change in progress may add a module), symlinks kept as links; never site/, .venv/ and the like."""
    listed = subprocess.run(["git", "-C", str(project), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, text=True)
    if listed.returncode != 0:
        sys.exit(f"{project} is not a git checkout: {listed.stderr.strip()}")
    for name in filter(None, listed.stdout.split("\0")):
        source, target = project / name, dest / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree, not yet committed
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)


def describe_project(project: Path) -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True).stdout.strip()
    dirty = " with uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    return f"commit {git('rev-parse', '--short', 'HEAD')}{dirty} of {git('log', '-1', '--format=%cs')}"
