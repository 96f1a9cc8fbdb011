"""The mkdocs-quiz virtualenv build_scaling.py builds its third site with (benchmarks/.venv-mkdocs-quiz).

The plugin is not a dependency of the project, so it gets its own environment, with the MkDocs, Material, pymdown-extensions and PyYAML of requirements.txt and
every other pin there as a constraint (Markdown, Pygments, Jinja2...): only the plugin and
what it alone needs differ from the project's virtualenv, so the comparison is of the quiz
handling, not of library versions.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from benchlib import REPO

QUIZ = "mkdocs-quiz"     # the third site's name, and the PyPI project it is built with
QUIZ_VENV = Path(__file__).resolve().parent / ".venv-mkdocs-quiz"
QUIZ_PINNED = ("mkdocs", "mkdocs-material", "pymdown-extensions", "PyYAML")
QUIZ_REPORTED = ("mkdocs-quiz", "mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown")
QUIZ_MARKER = QUIZ_VENV / "benchmark-requirements.txt"


@dataclass
class QuizEnv:
    """The mkdocs-quiz virtualenv, ready to build with."""

    python: Path
    versions: dict[str, str]   # QUIZ_REPORTED, as installed

    def others(self) -> str:
        return ", ".join(f"{name} {self.versions[name]}" for name in QUIZ_REPORTED[1:])

    def describe(self) -> str:
        return f"{QUIZ} {self.versions[QUIZ]} ({self.others()})"


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def project_pins() -> dict[str, str]:
    """`name==version` of each package requirements.txt pins, by normalized name. The lock's
    hashes and line continuations are left out: pip takes no hashes from a constraints file."""
    pins = {}
    for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines():
        first = line.split("#", 1)[0].split()[:1]
        if first and "==" in first[0] and not line[:1].isspace():
            pins[normalized(first[0].split("==", 1)[0])] = first[0].split(";")[0]
    return pins


def quiz_requirements() -> list[str]:
    """QUIZ_PINNED as pinned in requirements.txt, then mkdocs-quiz unpinned (the latest release)."""
    pins = project_pins()
    missing = [name for name in QUIZ_PINNED if normalized(name) not in pins]
    if missing:
        raise RuntimeError(f"requirements.txt pins no {', '.join(missing)}")
    return [pins[normalized(name)] for name in QUIZ_PINNED] + [QUIZ]


def last_line(done: subprocess.CompletedProcess) -> str:
    lines = [line.strip() for line in (done.stderr + done.stdout).splitlines() if line.strip()]
    return lines[-1] if lines else f"exit status {done.returncode}"


OFFLINE = ("NewConnectionError", "Failed to establish a new connection", "Temporary failure in name resolution",
           "Name or service not known", "Network is unreachable", "(from versions: none)")


def install_failure(done: subprocess.CompletedProcess) -> str:
    """pip's first ERROR line, and a plain word when the cause is the network: without an index
    pip ends with a misleading "ResolutionImpossible"."""
    text = done.stderr + done.stdout
    errors = [line.strip() for line in text.splitlines() if line.startswith("ERROR:")]
    cause = "the package index is unreachable: " if any(sign in text for sign in OFFLINE) else ""
    return cause + (errors[0] if errors else last_line(done))


def quiz_env() -> tuple[QuizEnv | None, str]:
    """The mkdocs-quiz virtualenv, installed on first use, or None and why not.

    The venv is reused while its marker file records the same Python, requirements and
    requirements.txt; any change (or a failed install, which writes no marker) rebuilds it
    from scratch. A reused venv keeps the mkdocs-quiz it was made with: delete the folder to
    take a newer release. A failure is reported in one line, and the benchmark goes on
    without the third site rather than stopping."""
    shown = QUIZ_VENV.relative_to(REPO)
    python = QUIZ_VENV / "bin" / "python"
    try:
        requirements = quiz_requirements()
        lock = REPO / "requirements.txt"
        constraints = QUIZ_VENV / "constraints.txt"
        marker = "\n".join([
            "# Written by benchmarks/build_scaling.py after a successful install; reused while this matches.",
            f"python {sys.version.split()[0]}",
            *requirements,
            f"constraints {lock.name} sha256 {hashlib.sha256(lock.read_bytes()).hexdigest()}", ""])
        fresh = not (QUIZ_MARKER.is_file() and python.is_file() and QUIZ_MARKER.read_text(encoding="utf-8") == marker)
        if fresh:
            print(f"Installing {QUIZ} into {shown} (first run only)...", flush=True)
            steps = [
                [sys.executable, "-m", "venv", "--clear", str(QUIZ_VENV)],
                [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input",
                 "--retries", "1", "--timeout", "20", "-c", str(constraints), *requirements],
            ]
            for step, command in enumerate(steps):
                if step == 1:   # the venv is there now
                    constraints.write_text("\n".join(project_pins().values()) + "\n", encoding="utf-8")
                done = subprocess.run(command, capture_output=True, text=True)
                if done.returncode != 0:
                    return None, f"install into {shown} failed ({install_failure(done)})"
        query = ("import importlib.metadata as m, json, sys\n"
                 "print(json.dumps({name: m.version(name) for name in sys.argv[1:]}))")
        done = subprocess.run([str(python), "-c", query, *QUIZ_REPORTED], capture_output=True, text=True)
        if done.returncode != 0:
            return None, f"{shown} is not usable ({last_line(done)}); delete it and run again"
        if fresh:
            QUIZ_MARKER.write_text(marker, encoding="utf-8")
        env = QuizEnv(python, json.loads(done.stdout))
        print(f"Using {env.describe()} from {shown}", flush=True)
        return env, ""
    except (OSError, RuntimeError, ValueError) as error:
        return None, f"could not set up {shown} ({error})"
