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
import hashlib
import io
import json
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml
from questions import LAYOUT, TOPICS, cap, prose, question, wrap

from benchlib import (
    REPO,
    Timed,
    build_env,
    machine_line,
    mark,
    markdown_table,
    require_mkdocs,
    run_build,
    text_table,
    update_results,
)

QUESTIONS_PER_QUIZ = 10
RATIO_TARGET = 1.15      # ours / plain at the largest size (2000)
GROWTH_TARGET = 4.5      # ours(2000) / ours(500); 4.0 would be exactly linear
SECTION = "build_scaling"
QUIZ = "mkdocs-quiz"     # the third site's name, and the PyPI project it is built with
QUIZ_PLUGIN = "mkdocs_quiz"  # the plugin's entry point name (group mkdocs.plugins) in mkdocs.yml


@dataclass
class Unit:
    """One module and its quiz, as data both sites are written from."""

    number: int
    module_id: str
    module_title: str
    summary: str
    objectives: list[str]
    covers: list[str]
    body: str
    quiz: dict


def make_unit(number: int) -> Unit:
    r = random.Random(number)
    topic = TOPICS[number % len(TOPICS)]
    module_id = f"unit-{number:03d}"
    title = f"Unit {number}: {cap(topic)}"
    questions: list[dict] = []
    for index, kind in enumerate(LAYOUT, start=1):
        qid = f"u{number}-q{index}"
        if isinstance(kind, tuple):
            case = prose(r, 70, 110)
            questions.append({"id": qid, "type": "scenario", "prompt": wrap(f"*Fictional case.* {case}"),
                              "questions": [question(r, f"{qid}-{i}", sub) for i, sub in enumerate(kind, start=1)]})
        else:
            questions.append(question(r, qid, kind))
    quiz = {"id": module_id, "title": f"Check yourself: {cap(topic)} ({number})", "module": module_id,
            "pass_mark": 70, "intro": f"Ten questions on *{topic}* when police and providers work together. "
                                      "Each answer explains why.",
            "shuffle": False, "questions": questions}
    paragraphs = []
    for heading in ("Why it matters", "What each side brings", "When it goes wrong"):
        paragraphs.append(f"## {heading}\n\n" + "\n\n".join(wrap(prose(r, 60, 90)) for _ in range(2)))
    body = "\n".join(paragraphs)
    return Unit(number, module_id, title,
                summary=f"How police and providers handle {topic} together, and what to do when they disagree.",
                objectives=[f"Name what each side needs from {topic}.", "Explain why neither side should do the other's job.",
                            "Plan a first step for the next shared case."],
                covers=["A1", "A2", "A9"], body=body, quiz=quiz)


def units_for(size: int) -> list[Unit]:
    return [make_unit(n) for n in range(1, size // QUESTIONS_PER_QUIZ + 1)]


# --------------------------------------------------------------------------------------------
# The three sites.
# --------------------------------------------------------------------------------------------

HOME = """\
# Common Agenda (benchmark)

Synthetic content for timing the build: {units} modules, each with a quiz of ten questions.

- [Training modules](modules/index.md)
- [Check yourself](quizzes/index.md)
"""
MODULES_INDEX = "# Training modules\n\nThe modules are listed in teaching order.\n"
CORE_HOOKS = ("load_content.py", "curriculum_nav.py", "module_pages.py", "quiz_pages.py")
# Both sites log nav and link findings as INFO, not WARNING: ours has pages that its other hooks
# make (role paths, answer keys, training index...) and that link to real pages this synthetic
# site does not have. MkDocs still makes the same checks, so the work is the same.
RELAXED_VALIDATION = {
    "nav": {"omitted_files": "info", "not_found": "info", "absolute_links": "info"},
    "links": {"not_found": "info", "anchors": "info", "absolute_links": "info", "unrecognized_links": "info"},
}


@dataclass
class Setup:
    """What the real project uses, read at run time so the benchmark follows the project."""

    config: dict
    hooks: list[Path]          # absolute paths, in mkdocs.yml order
    data: list[Path]           # reference data copied into ours: modules/*.yml except the curriculum

    @property
    def glossary(self) -> Path | None:
        return next((p for p in self.data if p.name == "glossary.yml"), None)

    def describe(self) -> str:
        tooltips = self.glossary is not None and any(h.name == "glossary.py" for h in self.hooks)
        glossary = (f"the real glossary ({len(yaml.safe_load(self.glossary.read_text(encoding='utf-8')))} terms, "
                    "tooltips on every page)" if tooltips else "no glossary tooltips")
        return f"hooks {', '.join(h.name for h in self.hooks)}, with {glossary}"


def real_setup(hooks: str, glossary: bool) -> Setup:
    """`hooks`: "all" (every hook in mkdocs.yml), "core" (modules and quizzes only) or file names."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    if hooks == "all":
        chosen = [(REPO / h).resolve() for h in config.get("hooks", [])]
    else:
        names = CORE_HOOKS if hooks == "core" else tuple(n.strip() for n in hooks.split(",") if n.strip())
        chosen = [REPO / "hooks" / name for name in names]
        missing = [h.name for h in chosen if not h.is_file()]
        if missing:
            sys.exit(f"--hooks: no such file in hooks/: {', '.join(missing)}")
    absent = [name for name in CORE_HOOKS if name not in {h.name for h in chosen}]
    if absent:
        sys.exit(f"--hooks: the benchmark needs {', '.join(CORE_HOOKS)}; missing {', '.join(absent)}")
    data = [p for p in sorted((REPO / "modules").glob("*.yml"))
            if p.name != "curriculum.yml" and (glossary or p.name != "glossary.yml")]
    return Setup(config, chosen, data)


def site_config(setup: Setup, *, ours: bool, nav: list) -> dict:
    """The real config (theme, plugins, markdown_extensions, extra_css/js...) with paths made
    absolute, `watch` dropped, our own nav, relaxed validation, and the hooks only for ours."""
    config = {key: value for key, value in setup.config.items() if key not in ("watch", "hooks", "nav")}
    theme = dict(config["theme"])
    if "custom_dir" in theme:
        theme["custom_dir"] = str(REPO / theme["custom_dir"])
    config["theme"] = theme
    if ours:
        config["hooks"] = [str(h) for h in setup.hooks]
    config["nav"] = nav
    config["validation"] = RELAXED_VALIDATION
    return config


def nav_for(modules: list, quizzes: list) -> list:
    return [{"Home": "index.md"},
            {"Training modules": ["modules/index.md"] + modules},
            {"Check yourself": ["quizzes/index.md"] + quizzes}]


class _Dumper(yaml.SafeDumper):
    """Multi-line text as `|` blocks, the way authors write prompts in quizzes/*.yml."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, width=95, allow_unicode=True)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def common_docs(root: Path, units: list[Unit]) -> None:
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets")
    write(root / "docs" / "index.md", HOME.format(units=len(units)))
    write(root / "docs" / "modules" / "index.md", MODULES_INDEX)


def write_ours(root: Path, units: list[Unit], setup: Setup) -> None:
    common_docs(root, units)
    shutil.copytree(REPO / "schemas", root / "schemas")
    (root / "modules").mkdir(parents=True)
    for path in setup.data:
        shutil.copy(path, root / "modules" / path.name)
    write(root / "modules" / "curriculum.yml", "order:\n" + "".join(f"  - {u.module_id}\n" for u in units))
    for u in units:
        front = {"id": u.module_id, "title": u.module_title, "summary": u.summary,
                 "audiences": ["police", "provider"], "minutes": 20, "objectives": u.objectives, "covers": u.covers}
        write(root / "modules" / f"{u.module_id}.md", "---\n" + dump(front) + "---\n\n" + u.body)
        write(root / "quizzes" / f"{u.module_id}.yml",
              "# yaml-language-server: $schema=../schemas/quiz.schema.json\n" + dump(u.quiz))
    # The nav markers stand for the generated pages: the hooks expand them in teaching order.
    nav = nav_for(["modules/*.md"], ["quizzes/*.yml"])
    write(root / "mkdocs.yml", yaml.safe_dump(site_config(setup, ours=True, nav=nav), sort_keys=False))


def plain_question(q: dict, number: int, total: int, level: int) -> str:
    out = [f"{'#' * level} Question {number} of {total}", "", q["prompt"].strip(), ""]
    for letter, o in zip("ABCDEFGH", q["options"]):
        verdict = "Right answer" if o["correct"] else "Not right"
        out += [f"- **{letter}.** {o['text']}", "", f"    *{verdict}:* {o['feedback']}", ""]
    out += [f"**Explanation.** {q['explanation']}", ""]
    return "\n".join(out)


def quiz_page(u: Unit, question: Callable[[dict, int, int, int], str], before: list[str], after: list[str]) -> str:
    """A quiz as one Markdown page, each question written by `question`; scenario questions
    follow their case text. `before` and `after` go around the questions."""
    quiz = u.quiz
    total = QUESTIONS_PER_QUIZ
    out = [f"# {quiz['title']}", "", quiz["intro"], "",
           f"{total} questions · Pass mark {quiz['pass_mark']}% · Module: [{u.module_title}](../modules/{u.module_id}.md)", "",
           *before]
    number = 0
    for q in quiz["questions"]:
        if q["type"] == "scenario":
            subs = q["questions"]
            out += [f"## Case: questions {number + 1} to {number + len(subs)}", "", q["prompt"].strip(), ""]
            for sub in subs:
                number += 1
                out.append(question(sub, number, total, 3))
        else:
            number += 1
            out.append(question(q, number, total, 2))
    out += [*after, '!!! info "This is a self-check, not an exam"',
            "    The answers are part of this page. Your results are kept only in this browser.",
            "    See [all quizzes and your progress](index.md).", ""]
    return "\n".join(out)


def plain_quiz(u: Unit) -> str:
    return quiz_page(u, plain_question, [], [])


def plain_module(u: Unit) -> str:
    objectives = "\n".join(f"- {o}" for o in u.objectives)
    return (f"# {u.module_title}\n\n{u.summary}\n\n**Time:** 20 minutes · **For:** Police officers, Service providers\n\n"
            f"## What you will learn\n\n{objectives}\n\nSource points covered: {', '.join(u.covers)}\n\n{u.body}\n"
            f"## Check yourself\n\n[Take the quiz: {u.quiz['title']}](../quizzes/{u.module_id}.md){{ .md-button }}\n")


def plain_quiz_index(units: list[Unit]) -> str:
    rows = "\n".join(f"| [{u.quiz['title']}]({u.module_id}.md) | [{u.module_title}](../modules/{u.module_id}.md) "
                     f"| {QUESTIONS_PER_QUIZ} | 70% | Not taken yet |" for u in units)
    return ("# Check yourself\n\nEach module ends with a short quiz.\n\n"
            "| Quiz | Module | Questions | Pass mark | Your progress |\n| --- | --- | --- | --- | --- |\n" + rows + "\n")


def write_plain(root: Path, units: list[Unit], setup: Setup, quiz_markdown: Callable[[Unit], str] = plain_quiz,
                plugins: tuple[str, ...] = ()) -> None:
    """Plain Markdown pages; mkdocs-quiz's site is the same with its own quiz pages and plugin."""
    common_docs(root, units)
    for u in units:
        write(root / "docs" / "modules" / f"{u.module_id}.md", plain_module(u))
        write(root / "docs" / "quizzes" / f"{u.module_id}.md", quiz_markdown(u))
    write(root / "docs" / "quizzes" / "index.md", plain_quiz_index(units))
    nav = nav_for([{u.module_title: f"modules/{u.module_id}.md"} for u in units],
                  [{u.quiz["title"]: f"quizzes/{u.module_id}.md"} for u in units])
    config = site_config(setup, ours=False, nav=nav)
    config["plugins"] = list(config.get("plugins") or []) + list(plugins)
    write(root / "mkdocs.yml", yaml.safe_dump(config, sort_keys=False))


def quiz_block(q: dict, number: int, total: int, level: int) -> str:
    """One question as an mkdocs-quiz `<quiz>` block: the prompt, then `- [x]`/`- [ ]` options
    (the plugin makes radio buttons when one option is right, checkboxes when several are).
    Each option's feedback is a `>` line right under it, the plugin's per-answer feedback (shown
    for the chosen options once answered), rather than piled into the content section: that is
    how an mkdocs-quiz author would write it, and the plugin converts each one on its own, work
    that belongs in the comparison. The explanation is the content after the options, which the
    plugin reveals once the question is answered. Same text as plain, without its verdict labels
    (the plugin marks right and wrong itself)."""
    out = [f"{'#' * level} Question {number} of {total}", "", "<quiz>", q["prompt"].strip(), ""]
    for o in q["options"]:
        out += [f"- [{'x' if o['correct'] else ' '}] {o['text']}", f"> {o['feedback']}"]
    out += ["", f"**Explanation.** {q['explanation']}", "</quiz>", ""]
    return "\n".join(out)


def mkdocs_quiz_page(u: Unit) -> str:
    """The plain quiz page with its questions as `<quiz>` blocks, and the plugin's intro (reset
    button) and results panel comments."""
    return quiz_page(u, quiz_block, ["<!-- mkdocs-quiz intro -->", ""], ["<!-- mkdocs-quiz results -->", ""])


def write_mkdocs_quiz(root: Path, units: list[Unit], setup: Setup) -> None:
    """The plain site (same module pages, quiz index, nav and config) with the quiz pages in
    mkdocs-quiz syntax and the plugin added to the real plugins, with its default settings."""
    write_plain(root, units, setup, mkdocs_quiz_page, (QUIZ_PLUGIN,))


# --------------------------------------------------------------------------------------------
# The mkdocs-quiz virtualenv. The plugin is not a dependency of the project, so it gets its own
# environment, with the MkDocs, Material, pymdown-extensions and PyYAML of requirements.txt and
# every other pin there as a constraint (Markdown, Pygments, Jinja2...): only the plugin and
# what it alone needs differ from the project's virtualenv, so the comparison is of the quiz
# handling, not of library versions.
# --------------------------------------------------------------------------------------------

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


def quiz_requirements() -> list[str]:
    """QUIZ_PINNED as pinned in requirements.txt, then mkdocs-quiz unpinned (the latest release)."""
    requirements = REPO / "requirements.txt"
    pins = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            pins[normalized(line.split("==", 1)[0].strip())] = line
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
        constraints = REPO / "requirements.txt"
        marker = "\n".join([
            "# Written by benchmarks/build_scaling.py after a successful install; reused while this matches.",
            f"python {sys.version.split()[0]}",
            *requirements,
            f"constraints {constraints.name} sha256 {hashlib.sha256(constraints.read_bytes()).hexdigest()}", ""])
        fresh = not (QUIZ_MARKER.is_file() and python.is_file() and QUIZ_MARKER.read_text(encoding="utf-8") == marker)
        if fresh:
            print(f"Installing {QUIZ} into {shown} (first run only)...", flush=True)
            steps = [
                [sys.executable, "-m", "venv", "--clear", str(QUIZ_VENV)],
                [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input",
                 "--retries", "1", "--timeout", "20", "-c", str(constraints), *requirements],
            ]
            for command in steps:
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


# --------------------------------------------------------------------------------------------
# Checks, timing, report.
# --------------------------------------------------------------------------------------------

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
    notes.append(f"Ours: {setup.describe()}. Plain: the same module pages, quiz pages and quiz index as ordinary "
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
    print(f"Build time, median of {runs} run(s) each (python -m mkdocs build -q)")
    print(text_table(header, rows))
    for note in notes:
        print(note)

    body = "\n".join([
        "## Build scaling: ours vs plain Markdown" + (f" and {QUIZ}" if quiz else ""),
        "",
        f"`benchmarks/build_scaling.py`, median of {runs} run(s) each. {machine_line()}.",
        "",
        markdown_table(header, rows),
        "",
        *[f"- {note}." for note in notes],
    ])
    if write_results:
        update_results(SECTION, body)


def profile(setup: Setup, size: int, top: int, site: str = "ours") -> None:
    """cProfile one build of one site (ours or plain) at `size` questions; print where the time goes."""
    hooks_dir = str(REPO / "hooks")
    with tempfile.TemporaryDirectory(prefix="ca-prof-") as tmp:
        tmp_path = Path(tmp)
        env = build_env(tmp_path / "pycache")
        root = tmp_path / f"{site}-{size}"
        (write_ours if site == "ours" else write_plain)(root, units_for(size), setup)
        check_build(site, root, env)  # warms the byte-code cache
        out = tmp_path / "build.prof"
        # `python -m cProfile -o OUT -m mkdocs build -q`, with a fixed output file name.
        runner = ("import cProfile, sys\n"
                  "from mkdocs.__main__ import cli\n"
                  "profiler = cProfile.Profile()\n"
                  "try:\n"
                  "    profiler.runcall(cli.main, args=['build', '-q'], prog_name='mkdocs', standalone_mode=False)\n"
                  "finally:\n"
                  "    profiler.dump_stats(sys.argv[1])\n")
        done = subprocess.run([sys.executable, "-c", runner, str(out)], cwd=root, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(done.stdout + done.stderr)
        stats = pstats.Stats(str(out))
        print(f"Profile of one build of {site} at {size} questions"
              + (f" ({setup.describe()})" if site == "ours" else "") + ": "
              f"{stats.total_tt:.2f} s under cProfile")
        for title, key, pattern in (
            ("Whole build, by cumulative time", "cumulative", None),
            ("Whole build, by own time", "tottime", None),
            ("hooks/ (incl. common_agenda), by cumulative time", "cumulative", hooks_dir),
            ("hooks/ (incl. common_agenda), by own time", "tottime", hooks_dir),
        ):
            buffer = io.StringIO()
            stats.stream = buffer
            restrictions = ([re.escape(pattern)] if pattern else []) + [top]
            stats.sort_stats(key).print_stats(*restrictions)
            lines = buffer.getvalue().splitlines()
            start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), len(lines))
            print(f"\n{title}:")
            print("\n".join(line.replace(hooks_dir + "/", "hooks/") for line in lines[start:] if line.strip()))


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
