"""Page weight: gzipped bytes of HTML, CSS and JS a reader downloads for typical pages.

Builds the real site (`python -m mkdocs build -q` into a temporary folder) and, for the home
page, a module page and a quiz page, counts the page's HTML plus every local stylesheet
(<link rel="stylesheet">) and script (<script src>) it references, each gzipped on its own at
level 9, the way a server would send them. The quiz script and styles (docs/assets/quiz.js and
quiz.css) are also measured alone, and must stay off pages that are not quizzes.

The baseline is a plain Material site built by the same script: stock `theme: material`, no
overrides, hooks, extra CSS or JS, the project's Markdown extensions, and the same three pages
as ordinary Markdown (the home page's source, the module's text, the quiz's questions with
their options, feedback and explanations as lists and paragraphs).

    .venv/bin/python benchmarks/weight.py
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import yaml

from benchlib import (
    REPO,
    build_env,
    machine_line,
    mark,
    print_figures,
    read_config,
    require_mkdocs,
    results_body,
    run_build,
    update_results,
)

SECTION = "weight"
QUIZ_ASSETS = ("assets/quiz.js", "assets/quiz.css")   # paths in the built site (from docs/assets/)
QUIZ_BUDGET = 5000                                    # bytes gzipped, script + styles together ("5 KB")
PAGES = (                                              # (label, page URL path in the site)
    ("Home", ""),
    ("Module page", "modules/shared-goals/"),
    ("Quiz page", "quizzes/shared-goals/"),
)
BASE = "http://site.invalid/"                          # any origin: only the paths matter


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


class References(HTMLParser):
    """Stylesheets and scripts a page loads, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").lower().split() and attributes.get("href"):
            self.css.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.js.append(attributes["src"])


@dataclass
class Weight:
    label: str
    html_raw: int = 0
    html_gz: int = 0
    css_gz: int = 0
    js_gz: int = 0
    raw: int = 0
    files: list[str] = field(default_factory=list)   # site paths of the CSS and JS counted
    external: list[str] = field(default_factory=list)

    @property
    def total_gz(self) -> int:
        return self.html_gz + self.css_gz + self.js_gz


def local_path(site: Path, page_url: str, reference: str) -> str | None:
    """The site path a reference resolves to, or None when it points at another host."""
    url = urlsplit(urljoin(page_url, reference))
    if f"{url.scheme}://{url.netloc}/" != BASE:
        return None
    return PurePosixPath(url.path).relative_to("/").as_posix()


def page_weight(site: Path, label: str, page: str) -> Weight:
    html_file = site / page / "index.html"
    html = html_file.read_bytes()
    refs = References()
    refs.feed(html.decode("utf-8"))
    weight = Weight(label, html_raw=len(html), html_gz=gz(html), raw=len(html))
    page_url = BASE + page
    for kind, references in (("css", refs.css), ("js", refs.js)):
        for reference in references:
            path = local_path(site, page_url, reference)
            if path is None:
                weight.external.append(reference)
                continue
            if path in weight.files:
                continue  # loaded twice, downloaded once
            data = (site / path).read_bytes()
            weight.files.append(path)
            weight.raw += len(data)
            if kind == "css":
                weight.css_gz += gz(data)
            else:
                weight.js_gz += gz(data)
    return weight


def quiz_assets_weight() -> Weight:
    weight = Weight("Quiz script + styles alone")
    for path in QUIZ_ASSETS:
        data = (REPO / "docs" / path).read_bytes()
        weight.files.append(path)
        weight.raw += len(data)
        if path.endswith(".css"):
            weight.css_gz += gz(data)
        else:
            weight.js_gz += gz(data)
    return weight


def plain_quiz_markdown(quiz: dict) -> str:
    """The quiz's text as an ordinary page: what a site without a quiz engine would show."""
    out = [f"# {quiz['title']}", "", quiz.get("intro", ""), ""]
    number = 0
    for question in quiz["questions"]:
        subs = question.get("questions")
        if subs:
            out += ["## Case", "", question["prompt"].strip(), ""]
        for q in subs or [question]:
            number += 1
            out += [f"{'###' if subs else '##'} Question {number}", "", q["prompt"].strip(), ""]
            for letter, option in zip("ABCDEFGH", q["options"]):
                verdict = "Right" if option["correct"] else "Not right"
                out += [f"- **{letter}.** {option['text']}", "", f"    *{verdict}:* {option['feedback']}", ""]
            if q.get("explanation"):
                out += [f"**Why.** {q['explanation'].strip()}", ""]
    return "\n".join(out)


def build_plain_material(root: Path, env: dict[str, str]) -> Path:
    """A stock Material site with the same three pages; returns its site folder."""
    config = read_config()  # mkdocs.yml has !ENV, which yaml.safe_load refuses
    module = (REPO / "modules" / "shared-goals.md").read_text(encoding="utf-8")
    front, body = re.match(r"---\n(.*?)\n---\n(.*)", module, re.S).groups()
    quiz = yaml.safe_load((REPO / "quizzes" / "shared-goals.yml").read_text(encoding="utf-8"))
    pages = {
        "index.md": (REPO / "docs" / "index.md").read_text(encoding="utf-8"),
        "modules/shared-goals.md": f"# {yaml.safe_load(front)['title']}\n\n{body}",
        "quizzes/shared-goals.md": plain_quiz_markdown(quiz),
    }
    for path, text in pages.items():
        (root / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / path).write_text(text, encoding="utf-8")
    plain = {"site_name": "Plain Material", "theme": {"name": "material"},
             "markdown_extensions": config["markdown_extensions"], "nav": list(pages)}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(plain, sort_keys=False), encoding="utf-8")
    site = root / "site"
    timed = run_build(root, env, "--site-dir", str(site))
    if timed.done.returncode != 0:
        sys.exit(f"the plain Material site does not build:\n{timed.done.stdout}{timed.done.stderr}")
    return site


def kb(n: int) -> str:
    return f"{n:,}"


def main() -> None:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    require_mkdocs()
    with tempfile.TemporaryDirectory(prefix="ca-weight-") as tmp:
        site = Path(tmp) / "site"
        timed = run_build(REPO, build_env(Path(tmp) / "pycache"), "--site-dir", str(site))
        if timed.done.returncode != 0:
            sys.exit(f"the real site does not build:\n{timed.done.stdout}{timed.done.stderr}")
        pages = [page_weight(site, label, page) for label, page in PAGES]
        plain_site = build_plain_material(Path(tmp) / "plain", build_env(Path(tmp) / "pycache"))
        plain = {label: page_weight(plain_site, label, page) for label, page in PAGES}
    quiz = quiz_assets_weight()
    home = pages[0]

    header = ["What", "Files", "HTML gz", "CSS gz", "JS gz", "Total gz", "Raw total", "vs home",
              "Plain Material gz", "Ours/plain Material"]
    rows = []
    for w in pages + [quiz]:
        base = plain.get(w.label)
        rows.append([w.label, str(len(w.files) + (1 if w.html_raw else 0)), kb(w.html_gz) if w.html_raw else "-",
                     kb(w.css_gz), kb(w.js_gz), kb(w.total_gz), kb(w.raw), f"{w.total_gz / home.total_gz:.2f}",
                     kb(base.total_gz) if base else "-", f"{w.total_gz / base.total_gz:.2f}" if base else "-"])

    checks = [(f"Quiz script + styles gzipped: {quiz.total_gz:,} bytes (target <= {QUIZ_BUDGET:,} bytes, i.e. 5 KB)",
               quiz.total_gz <= QUIZ_BUDGET)]
    for w in pages:
        loaded = [p for p in QUIZ_ASSETS if p in w.files]
        if w.label == "Quiz page":
            checks.append((f"{w.label} loads the quiz assets (sanity check): {', '.join(loaded) or 'none'}",
                           len(loaded) == len(QUIZ_ASSETS)))
        else:
            checks.append((f"{w.label} does not load the quiz assets: "
                           + ("none loaded" if not loaded else "loads " + ", ".join(loaded)), not loaded))
    notes = [f"{text} {mark(ok)}" for text, ok in checks]
    quiz_page, module_page = pages[2], pages[1]
    notes.append(f"Quiz page costs {quiz_page.total_gz - home.total_gz:+,} bytes gzipped against home, "
                 f"module page {module_page.total_gz - home.total_gz:+,}; quiz assets are "
                 f"{quiz.total_gz / quiz_page.total_gz:.1%} of the quiz page")
    notes.append("Plain Material: stock theme, the same three pages as ordinary Markdown; it loads "
                 + ", ".join(f"`{f}`" for f in plain["Home"].files) + " on each")
    external = sorted({ref for w in pages for ref in w.external})
    if external:
        notes.append("Not counted (other hosts): " + ", ".join(external))

    print_figures("Page weight in bytes; each file gzipped alone at level 9 (python -m mkdocs build of the real site)",
                  header, rows, notes)
    for w in pages:
        print(f"  {w.label}: " + ", ".join(w.files))
    loads = [f"{w.label} loads: " + ", ".join(f"`{f}`" for f in w.files) for w in pages]
    update_results(SECTION, results_body(
        "## Page weight",
        f"`benchmarks/weight.py`: bytes of the page HTML plus every local stylesheet and script it "
        f"references, each file gzipped alone at level 9. {machine_line()}.", header, rows, notes + loads))


if __name__ == "__main__":
    main()
