"""How long does an author wait after saving a quiz, against saving a module, under `mkdocs serve`?

Copies the project into a temporary folder, starts `python -m mkdocs serve` there (live reload
on, as authors run it) and, once it serves, makes one-line edits in turn to a quiz (its `intro:`
line) and to a module (the first paragraph line of its text), --edits of each, each edit a new
sentence at the end of that line. Each edit is timed three ways: from the save to the server's
"Reloading browsers" (what the author waits for, the watcher noticing the change included);
MkDocs' own "Documentation built in N seconds" (the rebuild alone); and the CPU time the server
used meanwhile (steadier on a busy machine). The ratio quiz/module of the medians says whether
quiz authors wait longer than module authors.

    .venv/bin/python benchmarks/rebuild.py
    .venv/bin/python benchmarks/rebuild.py --edits 3 --no-results
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchlib import (
    MKDOCS,
    REPO,
    build_env,
    copy_project,
    describe_project,
    machine_line,
    print_figures,
    require_mkdocs,
    results_body,
    update_results,
)

SECTION = "rebuild"
QUIZ = "quizzes/shared-goals.yml"
MODULE = "modules/shared-goals.md"
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
STARTUP = 600      # seconds to wait for the first build
REBUILD = 300      # seconds to wait for one rebuild


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def edit_line(path: Path, number: int) -> None:
    """Add a sentence to one line: the quiz's `intro:` (inside its quotes, if quoted) or the
    module's first paragraph line after the front matter."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if path.suffix == ".yml":
        index = next(i for i, line in enumerate(lines) if line.startswith("intro:"))
    else:
        body = lines.index("---", 1) + 1
        index = next(i for i in range(body, len(lines)) if lines[i][:1].isalpha())
    line = lines[index]
    quote = line[-1] if line[-1:] in "\"'" and path.suffix == ".yml" else ""
    lines[index] = (line[:-1] if quote else line) + f" Edited {number}." + quote
    path.write_text("\n".join(lines), encoding="utf-8")


class Server:
    """`mkdocs serve` in `root`, its log read line by line with the time each line arrived."""

    def __init__(self, root: Path, env: dict) -> None:
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.log: list[str] = []
        port = free_port()
        self.process = subprocess.Popen(MKDOCS + ["serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=root, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put((time.monotonic(), line.rstrip()))

    def wait_for(self, text: str, timeout: float) -> tuple[float, float | None]:
        """When `text` appeared, and the build time MkDocs logged before it (None if none)."""
        built = None
        deadline = time.monotonic() + timeout
        while True:
            try:
                at, line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                self.stop()
                sys.exit(f"mkdocs serve: no '{text}' within {timeout} s. Its log:\n" + "\n".join(self.log[-40:]))
            self.log.append(line)
            found = BUILT.search(line)
            if found:
                built = float(found.group(1))
            if "Aborted with" in line or line.startswith("ERROR"):
                self.stop()
                sys.exit("mkdocs serve: the build failed. Its log:\n" + "\n".join(self.log[-40:]))
            if text in line:
                return at, built

    def cpu(self) -> float:
        """CPU seconds (user + system) the server has used so far; NaN where /proc is missing."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def quiet(self, seconds: float = 1.0) -> None:
        """Let any late log lines (a second watcher event) pass before the next edit."""
        time.sleep(seconds)
        while not self.lines.empty():
            self.log.append(self.lines.get()[1])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def measure(project: Path, edits: int) -> dict[str, dict[str, list[float]]]:
    times = {name: {"wait": [], "build": [], "cpu": []} for name in ("quiz", "module")}
    with tempfile.TemporaryDirectory(prefix="ca-rebuild-") as tmp:
        root = Path(tmp) / "project"
        copy_project(project, root)
        server = Server(root, build_env(Path(tmp) / "pycache"))
        try:
            server.wait_for("Serving on", STARTUP)
            server.quiet(2)
            for number in range(1, edits + 1):
                # Alternate which goes first, so drift hits both alike.
                order = (("quiz", QUIZ), ("module", MODULE)) if number % 2 else (("module", MODULE), ("quiz", QUIZ))
                for name, relative in order:
                    saved, cpu = time.monotonic(), server.cpu()
                    edit_line(root / relative, number)
                    done, built = server.wait_for("Reloading browsers", REBUILD)
                    times[name]["wait"].append(done - saved)
                    times[name]["cpu"].append(server.cpu() - cpu)
                    times[name]["build"].append(built if built is not None else float("nan"))
                    server.quiet()
                print(f"  edit {number}/{edits}: " + ", ".join(
                    f"{name} {times[name]['wait'][-1]:.2f} s (built in {times[name]['build'][-1]:.2f}, "
                    f"CPU {times[name]['cpu'][-1]:.2f})"
                    for name in ("quiz", "module")), flush=True)
        finally:
            server.stop()
    return times


def report(project: Path, times: dict, edits: int, section: str | None) -> None:
    def med(name: str, what: str) -> float:
        return statistics.median(times[name][what])

    def spread(name: str, what: str) -> str:
        values = times[name][what]
        return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"

    header = ["One-line edit to", "Save to reload s (min-max)", "MkDocs build s (min-max)", "Server CPU s (min-max)"]
    rows = [[label, spread(name, "wait"), spread(name, "build"), spread(name, "cpu")]
            for name, label in (("quiz", f"a quiz (`{QUIZ}`, its intro)"),
                                ("module", f"a module (`{MODULE}`, a paragraph)"))]
    notes = [
        f"Rebuild ratio quiz/module: {med('quiz', 'wait') / med('module', 'wait'):.2f} from save to reload, "
        f"{med('quiz', 'build') / med('module', 'build'):.2f} by MkDocs' own build time, "
        f"{med('quiz', 'cpu') / med('module', 'cpu'):.2f} by the server's CPU time (steadier on a busy machine)",
        f"Project measured: {describe_project(project)}, as it is (no added questions)",
        "`mkdocs serve` with live reload, as authors run it; a full rebuild follows either edit "
        "(MkDocs 1.6 has no partial rebuild), so the ratio shows what a quiz edit adds, if anything",
    ]
    print()
    print_figures(f"mkdocs serve rebuilds, median of {edits} edit(s) each", header, rows, notes)
    if section:
        title = " (before)" if section.endswith("_before") else ""
        update_results(section, results_body(
            f"## Rebuild under `mkdocs serve`{title}: a quiz edit vs a module edit",
            f"`benchmarks/rebuild.py`, median of {edits} edit(s) each. {machine_line()}.", header, rows, notes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=REPO, help="the project to measure (default this repository)")
    parser.add_argument("--edits", type=int, default=5, help="edits of each file (default 5)")
    parser.add_argument("--section", default=SECTION,
                        help=f"the section of results.md to write (default {SECTION}; {SECTION}_before for a baseline)")
    parser.add_argument("--no-results", dest="results", action="store_false", help="leave results.md alone")
    args = parser.parse_args()
    require_mkdocs()
    if args.edits < 1:
        parser.error("--edits: at least 1")
    project = args.project.resolve()
    times = measure(project, args.edits)
    report(project, times, args.edits, args.section if args.results else None)


if __name__ == "__main__":
    main()
