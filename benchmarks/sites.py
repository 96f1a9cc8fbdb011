"""The generated sites build_scaling.py times: ours, plain Markdown and mkdocs-quiz, from one set of units.

Each unit is a module and its quiz of ten scored questions (questions.py writes the prose). Ours
is compiled by the real hooks listed in mkdocs.yml; plain and mkdocs-quiz carry the same text as
ordinary pages, with the same theme, plugins and Markdown extensions, and no hooks.
"""

from __future__ import annotations

import random
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from checked_items import Picker
from questions import CODES, TOPICS, cap, dump, plain_question, prose, wrap

from benchlib import REPO, project_hooks, read_config

QUESTIONS_PER_QUIZ = 10
PASS_MARK = 70
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


def make_unit(number: int, picker: Picker) -> Unit:
    r = random.Random(number)
    topic = TOPICS[number % len(TOPICS)]
    module_id = f"unit-{number:03d}"
    title = f"Unit {number}: {cap(topic)}"
    questions = picker.quiz(QUESTIONS_PER_QUIZ, f"u{number}-q", f"unit-{number}", PASS_MARK)
    quiz = {"id": module_id, "title": f"Check yourself: {cap(topic)} ({number})", "module": module_id,
            "pass_mark": PASS_MARK, "intro": f"Ten questions on *{topic}* when police and providers work together. "
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
    """The units of a site of `size` questions; their questions are picked site-wide, as the
    build holds the whole site to the item-writing rules too."""
    picker = Picker(list(CODES))
    return [make_unit(n, picker) for n in range(1, size // QUESTIONS_PER_QUIZ + 1)]


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
    provenance: dict           # a real module's sources and reviewed date, which every module needs

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
    config = read_config()
    if hooks == "all":
        chosen = project_hooks()
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
    return Setup(config, chosen, data, real_provenance())


def real_provenance() -> dict:
    """`sources` and `reviewed` of the first real module that has them (a generated module's
    text is not checked against them, but the build requires both)."""
    for path in sorted((REPO / "modules").glob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])
        if front.get("sources") and front.get("reviewed"):
            return {"sources": front["sources"], "reviewed": str(front["reviewed"])}
    sys.exit("no module in modules/ has sources and a reviewed date to lend the generated modules")


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


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def common_docs(root: Path, units: list[Unit]) -> None:
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets")
    write(root / "docs" / "index.md", HOME.format(units=len(units)))


def write_ours(root: Path, units: list[Unit], setup: Setup) -> None:
    common_docs(root, units)
    shutil.copytree(REPO / "schemas", root / "schemas")
    (root / "modules").mkdir(parents=True)
    for path in setup.data:
        if path.name == "glossary.yml":
            write(root / "modules" / path.name, glossary_for(path, units))
        else:
            shutil.copy(path, root / "modules" / path.name)
    write(root / "modules" / "curriculum.yml", "order:\n" + "".join(f"  - {u.module_id}\n" for u in units))
    for u in units:
        front = {"id": u.module_id, "title": u.module_title, "summary": u.summary,
                 "audiences": ["police", "provider"], "minutes": 20, "objectives": u.objectives, "covers": u.covers,
                 **setup.provenance}
        write(root / "modules" / f"{u.module_id}.md", "---\n" + dump(front) + "---\n\n" + u.body)
        write(root / "quizzes" / f"{u.module_id}.yml",
              "# yaml-language-server: $schema=../schemas/quiz.schema.json\n" + dump(u.quiz))
    # The nav markers stand for the generated pages: the hooks expand them in teaching order.
    nav = nav_for(["modules/*.md"], ["quizzes/*.yml"])
    write(root / "mkdocs.yml", yaml.safe_dump(site_config(setup, ours=True, nav=nav), sort_keys=False))


def glossary_for(path: Path, units: list[Unit]) -> str:
    """The real glossary with each term taught in a generated module instead of a real one (the
    build requires `taught_in` to name a module of the site): the real modules in order of first
    mention, each given to the next unit in turn."""
    terms = yaml.safe_load(path.read_text(encoding="utf-8"))
    taught = list(dict.fromkeys(term["taught_in"] for term in terms if term.get("taught_in")))
    units_for_module = {module: units[i % len(units)].module_id for i, module in enumerate(taught)}
    for term in terms:
        if term.get("taught_in"):
            term["taught_in"] = units_for_module[term["taught_in"]]
    return dump(terms)


def numbered_questions(questions: list[dict], question: Callable[[dict, int, int, int], str], total: int) -> list[str]:
    """Each question written by `question` (question, number, total, heading level), numbered through;
    a scenario's case text comes first under its own heading, its questions one level down."""
    out, number = [], 0
    for q in questions:
        if q["type"] == "scenario":
            subs = q["questions"]
            out += [f"## Case: questions {number + 1} to {number + len(subs)}", "", q["prompt"].strip(), ""]
            for sub in subs:
                number += 1
                out.append(question(sub, number, total, 3))
        else:
            number += 1
            out.append(question(q, number, total, 2))
    return out


def quiz_page(u: Unit, question: Callable[[dict, int, int, int], str], before: list[str], after: list[str]) -> str:
    """A quiz as one Markdown page, each question written by `question`; scenario questions
    follow their case text. `before` and `after` go around the questions."""
    quiz = u.quiz
    total = QUESTIONS_PER_QUIZ
    out = [f"# {quiz['title']}", "", quiz["intro"], "",
           f"{total} questions · Pass mark {quiz['pass_mark']}% · Module: [{u.module_title}](../modules/{u.module_id}.md)", "",
           *before]
    out += numbered_questions(quiz["questions"], question, total)
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
    write(root / "docs" / "modules" / "index.md", MODULES_INDEX)   # ours makes its own
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
