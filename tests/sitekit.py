"""Build tiny Common Agenda sites in temporary folders, the way MkDocs' own tests do.

Each tiny site uses the project's real hooks, schemas and theme overrides, with only the
content the test writes, and is built by the real `mkdocs build --strict` command.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag

REPO = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's own tags: `!ENV` resolved as MkDocs resolves it (the same yaml_env_tag), nothing else."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)


def read_config(name: str = "mkdocs.yml") -> dict:
    """A config file of the project as MkDocs reads it (without INHERIT, which only MkDocs merges)."""
    return yaml.load((REPO / name).read_text(encoding="utf-8"), Loader=_ConfigLoader)


# The real site's hooks in their real order, read from mkdocs.yml so a tiny site cannot drift from it.
HOOKS = tuple(REPO / hook for hook in read_config()["hooks"])
CSP_HOOK = REPO / "hooks" / "csp.py"


def module_text(module_id: str = "shared-goals", **overrides) -> str:
    """A valid module file; keyword arguments replace front matter lines (None drops the field)."""
    fields = {
        "id": module_id,
        "title": "Shared goals, different missions",
        "summary": "Why police and providers want the same thing and still work differently.",
        "audiences": "[police, provider]",
        "minutes": "20",
        "objectives": "\n  - Name the goals both groups share.\n  - Explain why each role matters.",
        "covers": "[A1, A2]",
        "sources": ("\n  - title: Human Trafficking Task Force e-Guide"
                    "\n    publisher: Office for Victims of Crime Training and Technical Assistance Center"
                    "\n    url: https://www.ovcttac.gov/taskforceguide/eguide/how-to-use-this-guide/"
                    "\n    supports: how task forces share goals"
                    "\n    primary: true"),
        "reviewed": "2026-12-01",
    }
    fields.update(overrides)
    front = "\n".join(f"{k}: {v}" for k, v in fields.items() if v is not None)
    return f"---\n{front}\n---\n\n## Why it matters\n\nBoth groups want survivors to be safe.\n"


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


class TinySite:
    def __init__(self, root: Path):
        self.root = root
        (root / "docs").mkdir(parents=True, exist_ok=True)
        (root / "modules").mkdir(exist_ok=True)
        (root / "quizzes").mkdir(exist_ok=True)
        (root / "docs" / "index.md").write_text("# Home\n\nA tiny test site.\n", encoding="utf-8")
        (root / "schemas").symlink_to(REPO / "schemas")
        self.write("modules/source-points.yml", (REPO / "modules" / "source-points.yml").read_text(encoding="utf-8"))
        self.nav: str | None = None
        self.site_url = "http://127.0.0.1:8000/"
        self.extra = ""
        self.assets = False
        self.extra_hooks: list[Path] = []  # a test's own hooks; see hooks()

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def add_module(self, module_id: str = "shared-goals", text: str | None = None, *, in_order: bool = True) -> Path:
        path = self.write(f"modules/{module_id}.md", text if text is not None else module_text(module_id))
        if in_order:
            self.set_order(self.order() + [module_id])
        return path

    def order(self) -> list[str]:
        path = self.root / "modules" / "curriculum.yml"
        if not path.exists():
            return []
        return [line.strip()[2:] for line in path.read_text().splitlines() if line.strip().startswith("- ")]

    def set_order(self, ids: list[str]) -> None:
        self.write("modules/curriculum.yml", "order:\n" + "".join(f"  - {i}\n" for i in ids))

    def config(self) -> str:
        hooks = "\n".join(f"  - {path}" for path in self.hooks())
        nav = f"nav:\n{textwrap.indent(self.nav, '  ')}\n" if self.nav else ""
        return (
            "site_name: Tiny\n"
            f"site_url: {self.site_url}\n"
            "edit_uri: https://example.org/repo/edit/main/docs/\n"
            f"theme:\n  name: material\n  custom_dir: {REPO / 'overrides'}\n  font: false\n"
            "  features: [content.action.edit, navigation.instant]\n"
            "  palette:\n"  # the site's own light and dark palettes, so dark-mode checks are real
            "    - {media: '(prefers-color-scheme: light)', scheme: default, primary: indigo, accent: indigo,"
            " toggle: {icon: material/brightness-4, name: Switch to dark mode}}\n"
            "    - {media: '(prefers-color-scheme: dark)', scheme: slate, primary: indigo, accent: indigo,"
            " toggle: {icon: material/brightness-7, name: Switch to light mode}}\n"
            f"hooks:\n{hooks}\n{nav}"
            "markdown_extensions: [abbr, admonition, attr_list, md_in_html, toc, pymdownx.details]\n"
            + ("extra_css: [assets/common-agenda.css]\nextra_javascript: [assets/progress-marks.js]\n" if self.assets else "")
            + self.extra
        )

    def hooks(self) -> list[Path]:
        """The site's hooks, with a test's extra hooks just before csp.py: its whole-page check must see
        what every other hook wrote, as in mkdocs.yml. An extra hook already in the list is not repeated."""
        extra = [hook for hook in self.extra_hooks if hook not in HOOKS]
        at = HOOKS.index(CSP_HOOK)
        return [*HOOKS[:at], *extra, *HOOKS[at:]]

    def use_site_assets(self) -> None:
        """Copy the real stylesheet and scripts, so browser tests exercise what ships."""
        self.assets = True
        for asset in (REPO / "docs" / "assets").iterdir():
            self.write(f"docs/assets/{asset.name}", asset.read_text(encoding="utf-8"))

    def build(self) -> Build:
        (self.root / "mkdocs.yml").write_text(self.config(), encoding="utf-8")
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        done = subprocess.run(MKDOCS + ["build", "--strict"], cwd=self.root, env=env,
                              capture_output=True, text=True, timeout=120)
        return Build(done.returncode, done.stdout + done.stderr, self.root / "site")


QUIZ = """\
# yaml-language-server: $schema=../schemas/quiz.schema.json
id: shared-goals
title: "Check yourself: Shared goals"
module: shared-goals
pass_mark: 70
intro: Four questions on *shared goals*.
questions:
  - id: q-single
    type: single
    prompt: An officer and a case worker disagree about timing. What is most useful?
    covers: [A1]
    options:
      - id: a
        text: Talk about what each side needs.
        correct: true
        feedback: Yes. Shared goals survive different timelines.
      - id: b
        text: Escalate to a supervisor at once.
        correct: false
        feedback: Too soon. Talk first.
      - {id: c, text: Wait until the case closes to talk., correct: false, feedback: Too late. Talk now.}
    explanation: Different means, one goal.
  - id: q-multiple
    type: multiple
    prompt: Which belong in a first meeting? Choose all that apply.
    covers: [A2]
    options:
      - id: a
        text: What each side can and cannot do.
        correct: true
        feedback: Yes, limits matter.
      - id: b
        text: Confidentiality rules.
        correct: true
        feedback: Yes, rules differ.
      - id: c
        text: Details of a current client.
        correct: false
        feedback: No. Not without consent.
    explanation: Meet before a case.
  - id: q-tf
    type: true_false
    prompt: A provider should do the officer's job when the officer is slow.
    covers: [A2]
    options:
      - id: "true"
        text: "True"
        correct: false
        feedback: No. Each role is needed.
      - id: "false"
        text: "False"
        correct: true
        feedback: Right. Neither does the other's job.
    explanation: Roles differ and both matter.
  - id: q-case
    type: scenario
    prompt: |
      *Fictional case.* A detective calls a shelter late at night.
    questions:
      - id: q-case-1
        type: single
        prompt: What should the shelter ask?
        covers: [A1]
        options:
          - id: a
            text: How many young people and what language.
            correct: true
            feedback: Enough to plan.
          - id: b
            text: The names of every suspect.
            correct: false
            feedback: Not needed to plan.
          - {id: c, text: The full names of every young person., correct: false, feedback: Not needed yet.}
        explanation: Ask only for what you need.
      - id: q-case-2
        type: true_false
        prompt: The shelter must share its files on request.
        covers: [A2]
        options:
          - id: "true"
            text: "True"
            correct: false
            feedback: No. Rules protect clients.
          - id: "false"
            text: "False"
            correct: true
            feedback: Right.
        explanation: Confidentiality rules bind providers.
    explanation: A late call is about the young people's safety tonight. Ask what you need to plan a safe bed, and leave their story for them to tell when they choose.
"""


def quiz_text(edits: dict[str, str] | None = None) -> str:
    """The valid quiz above, with each `old: new` text replacement made once."""
    text = QUIZ
    for old, new in (edits or {}).items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text
