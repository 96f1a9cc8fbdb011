"""Audit the built site against its quality targets: Lighthouse, HTML validity and internal links.

Run it with `make audit` (or `python tools/audit.py`). It builds the site strictly into a temporary
folder, serves it on 127.0.0.1 and then:

- checks every internal href and src of every page, #anchors included (Python only, no tool);
- checks every page with the Nu HTML Checker (npm `vnu-jar`, run with the system Java);
- runs Lighthouse (npm `lighthouse`) in Debian's Chromium on a few typical pages.

The npm packages are installed at pinned versions into .audit/ the first time (no install script
runs: vnu-jar's would download a Java). Chromium is told that every host but 127.0.0.1 does not
exist, so nothing leaves the machine; requests to other hosts are listed, as "needed network".

Exit status: 0 when every target is met, 1 when one is missed, 2 when the audit could not run.
`--report-only` prints the same report and exits 0 unless the audit could not run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml
from yaml_env_tag import construct_env_tag

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tools")]

from local_browser import CHROMIUM, serve  # noqa: E402

# Exact versions. Lighthouse 13 needs Node 22; 12.8.2 is the last release for Node 20 (the machines' Node).
NPM_PINS = {"lighthouse": "12.8.2", "vnu-jar": "26.9.27"}
AUDIT_DIR = ROOT / ".audit"
VNU_JAR = AUDIT_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE_CLI = AUDIT_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
REPORTS = AUDIT_DIR / "reports"

LIGHTHOUSE_PAGES = {
    "home": "",
    "module": "modules/shared-goals/",
    "quiz": "quizzes/shared-goals/",
    "session plan": "training/plans/half-day/",
    "glossary": "glossary/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_TARGET = 100

# Only 127.0.0.1 resolves: any other host fails at once, inside Chromium, before a packet is sent.
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync "
                '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"')


class AuditError(Exception):
    """The audit could not run (a build failed, a tool is missing)."""


# ---------------------------------------------------------------- building and tools

def build_site(out: Path) -> Path:
    """`mkdocs build --strict` into `out`; raises AuditError with the output when it fails."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode:
        raise AuditError("the strict build failed:\n" + done.stdout + done.stderr)
    return out


def site_url() -> str:
    """site_url from mkdocs.yml as MkDocs reads it, `!ENV [SITE_URL, default]` included (absolute links
    to it are internal links)."""
    loader = type("ConfigLoader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", construct_env_tag)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader).get("site_url") or ""


def npm_package(name: str) -> Path:
    """The folder of a pinned npm package in .audit/, installed first when missing or another version."""
    folder = AUDIT_DIR / "node_modules" / name
    manifest = folder / "package.json"
    if manifest.exists() and json.loads(manifest.read_text(encoding="utf-8")).get("version") == NPM_PINS[name]:
        return folder
    if not shutil.which("npm"):
        raise AuditError(f"npm is missing: it installs {name}@{NPM_PINS[name]} into .audit/ (Node 20 and npm)")
    AUDIT_DIR.mkdir(exist_ok=True)
    print(f"Installing {name}@{NPM_PINS[name]} into .audit/ ...", flush=True)
    done = subprocess.run(["npm", "install", "--prefix", str(AUDIT_DIR), "--save-exact", "--ignore-scripts",
                           "--no-audit", "--no-fund", "--loglevel=error", f"{name}@{NPM_PINS[name]}"],
                          capture_output=True, text=True, timeout=600)
    if done.returncode or not manifest.exists():
        raise AuditError(f"npm could not install {name}@{NPM_PINS[name]}:\n{done.stdout}{done.stderr}")
    return folder


def java() -> str:
    found = shutil.which("java")
    if not found:
        raise AuditError("Java is missing: the Nu HTML Checker runs on it (apt-get install default-jre-headless)")
    return found


# ---------------------------------------------------------------- HTML validity (Nu HTML Checker)

@dataclass(frozen=True)
class Message:
    line: int | None
    text: str
    extract: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.text}  [{' '.join(self.extract.split())[:100]}]"


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def vnu_errors(site: Path, pages: list[Path] | None = None) -> dict[str, list[Message]]:
    """Every page's errors (page path relative to `site` -> messages), in one JVM run."""
    pages = pages if pages is not None else html_pages(site)
    npm_package("vnu-jar")
    done = subprocess.run([java(), "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
                          capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(done.stderr)["messages"]
    except (ValueError, KeyError) as error:
        raise AuditError(f"the Nu HTML Checker gave no report ({error}):\n{done.stdout}{done.stderr[-2000:]}") from error
    found: dict[str, list[Message]] = {page.relative_to(site).as_posix(): [] for page in pages}
    root = site.resolve()
    for message in messages:
        where = Path(unquote(urlsplit(message.get("url", "")).path))  # vnu writes file:/path
        page = where.relative_to(root).as_posix() if where.is_relative_to(root) else message.get("url", "?")
        found.setdefault(page, []).append(Message(message.get("lastLine"), message.get("message", message.get("type", "")),
                                                  message.get("extract", "")))
    return found


# ---------------------------------------------------------------- internal links

LINK_ATTRS = ("href", "src", "xlink:href", "action", "poster", "data")


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[int, str, str]] = []  # (line, tag, url)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in LINK_ATTRS and not (tag == "base" and name == "href"):
                self.refs.append((self.getpos()[0], tag, value))

    handle_startendtag = handle_starttag


@dataclass
class LinkReport:
    pages: int = 0
    checked: int = 0
    external: int = 0
    broken: list[str] = field(default_factory=list)


def broken_links(site: Path, base_url: str = "") -> LinkReport:
    """Check every internal href/src of every page: the file exists and, for #anchors, so does the id.

    Relative and root-relative URLs are internal, and so are absolute ones under `base_url` (the
    site_url, for canonical links). Other schemes and hosts are counted as external, not fetched.
    """
    base = urlsplit(base_url)
    prefix = base.path if base.path.endswith("/") else base.path + "/"
    parsed: dict[str, _PageParser] = {}
    for page in html_pages(site):
        parser = _PageParser()
        parser.feed(page.read_text(encoding="utf-8"))
        parsed[page.relative_to(site).as_posix()] = parser

    def ids_of(relative: str) -> set[str] | None:
        if relative not in parsed:
            return None
        return parsed[relative].ids

    report = LinkReport(pages=len(parsed))
    for page, parser in parsed.items():
        for line, tag, url in parser.refs:
            url = url.strip()
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                if base.netloc and parts.scheme in ("http", "https") and parts.netloc == base.netloc:
                    parts = urlsplit(parts.path + ("#" + parts.fragment if parts.fragment else ""))
                else:
                    report.external += 1
                    continue
            report.checked += 1
            target_url = urlsplit(urljoin(prefix + page, parts.path)).path if parts.path else prefix + page
            if not target_url.startswith(prefix):
                report.broken.append(f"{page}:{line}: <{tag}> {url} -> outside the site")
                continue
            target = unquote(target_url[len(prefix):])
            if target == "" or target.endswith("/"):
                target += "index.html"
            elif (site / target).is_dir():
                target += "/index.html"
            if not (site / target).is_file():
                report.broken.append(f"{page}:{line}: <{tag}> {url} -> no file {target}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and fragment.lower() != "top" and target.endswith(".html"):
                ids = ids_of(target)
                if ids is not None and fragment not in ids:
                    report.broken.append(f"{page}:{line}: <{tag}> {url} -> no id \"{fragment}\" in {target}")
    return report


# ---------------------------------------------------------------- Lighthouse

@dataclass
class LighthouseResult:
    name: str
    path: str
    scores: dict[str, int | None]
    failing: list[str]  # scored audits below 1
    diagnostics: list[str]  # unscored (weight 0) opportunities and insights below 1
    foreign: list[str]  # requests to other hosts, all refused


def lighthouse(url: str, name: str, path: str) -> LighthouseResult:
    npm_package("lighthouse")
    REPORTS.mkdir(parents=True, exist_ok=True)
    stem = REPORTS / name.replace(" ", "-")
    env = dict(os.environ, CHROME_PATH=str(CHROMIUM))
    command = ["node", str(LIGHTHOUSE_CLI), url + path, "--quiet", "--no-enable-error-reporting",
               "--only-categories=" + ",".join(CATEGORIES), "--output=json", "--output=html",
               f"--output-path={stem}", f"--chrome-flags={CHROME_FLAGS}"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    report_file = stem.with_name(stem.name + ".report.json")
    if done.returncode or not report_file.exists():
        raise AuditError(f"Lighthouse failed on {path or '/'}:\n{done.stdout}{done.stderr[-3000:]}")
    report = json.loads(report_file.read_text(encoding="utf-8"))
    scores = {c: (None if report["categories"][c]["score"] is None else round(report["categories"][c]["score"] * 100))
              for c in CATEGORIES}
    failing, diagnostics = [], []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if audit.get("scoreDisplayMode") not in ("binary", "numeric", "metricSavings") or audit.get("score") is None \
                    or audit["score"] >= 1:
                continue
            if not ref.get("weight"):
                diagnostics.append(ref["id"])
                continue
            shown = " ".join(audit.get("displayValue", "").split())
            failing.append(f"{category}: {ref['id']} = {shown or 'failed'} (score {audit['score']:.2f}, "
                           f"weight {ref['weight']}): {audit['title']}")
    own = urlsplit(url).netloc
    requests = (report["audits"].get("network-requests", {}).get("details") or {}).get("items", [])
    foreign = sorted({r["url"] for r in requests
                      if urlsplit(r["url"]).scheme in ("http", "https", "ws", "wss") and urlsplit(r["url"]).netloc != own})
    for entry in (report["audits"].get("errors-in-console", {}).get("details") or {}).get("items", []):
        source = entry.get("sourceLocation", {}).get("url", "") or entry.get("url", "")
        if source and urlsplit(source).netloc not in ("", own):
            foreign.append(source)
    return LighthouseResult(name, path, scores, failing, diagnostics, sorted(set(foreign)))


# ---------------------------------------------------------------- report

def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows)]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report-only", action="store_true", help="print the report; exit 0 even when a target is missed")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (links and HTML validity only)")
    parser.add_argument("--runs", type=int, default=1, metavar="N",
                        help="run Lighthouse N times per page and keep the run with the median performance (default 1)")
    parser.add_argument("--no-gzip", action="store_true",
                        help="serve files uncompressed to Lighthouse (by default they are gzipped, as a web host does)")
    args = parser.parse_args(argv)

    figures: list[tuple[str, str, str, bool]] = []  # (what, measured, target, met)
    try:
        with tempfile.TemporaryDirectory(prefix="ca-audit-") as tmp:
            print("Building the site (strict)...", flush=True)
            site = build_site(Path(tmp) / "site")
            pages = html_pages(site)

            print(f"\n== Internal links ({len(pages)} pages)")
            links = broken_links(site, site_url())
            print(f"{links.checked} internal references checked ({links.external} external ones not followed)")
            for line in links.broken:
                print("  BROKEN " + line)
            figures.append(("broken internal links and anchors", str(len(links.broken)), "0", not links.broken))

            print(f"\n== HTML validity: Nu HTML Checker {NPM_PINS['vnu-jar']}, errors only ({len(pages)} pages)")
            errors = vnu_errors(site, pages)
            with_errors = {page: found for page, found in errors.items() if found}
            print(table(["page", "errors"], [[p, str(len(m))] for p, m in sorted(errors.items())]))
            for page, found in sorted(with_errors.items()):
                print(f"\n{page}:")
                for message in found:
                    print(f"  {message}")
            total = sum(len(m) for m in errors.values())
            figures.append(("HTML errors (all pages)", f"{total} on {len(with_errors)} of {len(pages)} pages", "0",
                            total == 0))

            if not args.no_lighthouse:
                if not CHROMIUM.exists():
                    raise AuditError(f"Chromium is missing at {CHROMIUM}: run `make test` once, or apt-get install chromium")
                served = "uncompressed" if args.no_gzip else "gzipped, as a web host serves them"
                print(f"\n== Lighthouse {NPM_PINS['lighthouse']} (mobile preset, simulated throttling) in {CHROMIUM}; "
                      f"files {served}" + (f"; median of {args.runs} runs" if args.runs > 1 else ""))
                results = []
                with serve(site, compress=not args.no_gzip) as url:
                    for name, path in LIGHTHOUSE_PAGES.items():
                        print(f"  {name}: /{path} ...", flush=True)
                        runs = sorted((lighthouse(url, name, path) for _ in range(max(1, args.runs))),
                                      key=lambda r: r.scores["performance"] or 0)
                        results.append(runs[len(runs) // 2])
                        if len(runs) > 1:
                            print(f"    performance of {len(runs)} runs: {[r.scores['performance'] for r in runs]}")
                print()
                print(table(["page", "path", *CATEGORIES],
                            [[r.name, "/" + r.path] + ["-" if r.scores[c] is None else str(r.scores[c]) for c in CATEGORIES]
                             for r in results]))
                for result in results:
                    if result.failing or result.diagnostics:
                        print(f"\nBelow 100 on {result.name} (/{result.path}):")
                        for failing in result.failing:
                            print("  " + failing)
                        if result.diagnostics:
                            print("  unscored diagnostics: " + ", ".join(result.diagnostics))
                foreign = sorted({u for r in results for u in r.foreign})
                print("\nNeeded network (requests to other hosts, all refused inside Chromium): "
                      + (", ".join(foreign) if foreign else "none"))
                print(f"Reports: {REPORTS.relative_to(ROOT)}/*.report.html")
                for category in CATEGORIES:
                    worst = min((r.scores[category] or 0) for r in results)
                    figures.append((f"Lighthouse {category} (lowest of {len(results)} pages)", str(worst),
                                    str(LIGHTHOUSE_TARGET), worst >= LIGHTHOUSE_TARGET))
    except AuditError as error:
        print(f"\nAUDIT COULD NOT RUN: {error}", file=sys.stderr)
        return 2

    print("\n== Targets")
    print(table(["measure", "measured", "target", "result"],
                [[what, measured, target, "met" if met else "MISSED"] for what, measured, target, met in figures]))
    missed = [what for what, _, _, met in figures if not met]
    if missed and not args.report_only:
        print(f"\n{len(missed)} target(s) missed.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
