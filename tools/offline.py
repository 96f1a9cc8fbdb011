"""Build the offline bundle: dist/common-agenda-offline.zip, to unzip and open from index.html.

Run it with `make offline` (`make offline LOCAL=agencies/<name>.yml` for an agency's:
dist/common-agenda-<name>-offline.zip). It builds mkdocs.offline.yml strictly (any warning fails)
into a temporary folder, checks that no page loads anything from another host, and zips the site
under one folder, common-agenda-offline/ (or common-agenda-<name>-offline/). Opened via file://,
navigation, search, quizzes, saved progress and printing all work with no network
(tests/test_offline_bundle.py proves it).

    python tools/offline.py [--out PATH]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.offline.yml"
# An agency's bundle (COMMON_AGENDA_LOCAL=agencies/<name>.yml, as `make offline LOCAL=...` sets it) is
# named for it, file and folder, so two agencies' zips neither overwrite nor unpack over each other.
AGENCY = Path(os.environ.get("COMMON_AGENDA_LOCAL", "")).stem
FOLDER = f"common-agenda-{AGENCY}-offline" if AGENCY else "common-agenda-offline"  # the one folder the zip unpacks to
ZIP = ROOT / "dist" / f"{FOLDER}.zip"

# Left out of the zip: what only a web server or a debugger uses. 404.html is a server's error
# page (its links start at "/", which under file:// is the disk's root); the sitemap lists no
# page, as the offline build has no site_url; a browser asks for source maps only with its
# developer tools open, and they are a sixth of the bundle.
LEFT_OUT_NAMES = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
LEFT_OUT_SUFFIXES = (".map",)

# Anything a page would load by itself from another host: scripts, stylesheets, icons, images,
# frames, preconnects, and url(...) in CSS. Plain links (<a href>) are not loads.
FOREIGN_LOAD = re.compile(
    r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\ssrc=["']?(?:https?:)?//"""
    r"""|<link\b[^>]*\shref=["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//""",
    re.IGNORECASE)


def build(site_dir: Path) -> None:
    """Build the offline site strictly into `site_dir`; raise SystemExit with MkDocs' output on failure."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                           "--config-file", str(CONFIG), "--site-dir", str(site_dir)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    output = done.stdout + done.stderr
    warnings = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    if done.returncode or warnings:
        raise SystemExit(f"The offline build failed:\n{output}")


def foreign_loads(site_dir: Path) -> list[str]:
    """`file: snippet` for every page or stylesheet that would load something from another host."""
    found = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix in (".html", ".css") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(site_dir)}: {text[m.start():m.start() + 100]}"
                      for m in FOREIGN_LOAD.finditer(text)]
    return found


def left_out(path: Path) -> bool:
    """True for a file (relative to the site) that the zip leaves out."""
    return path.as_posix() in LEFT_OUT_NAMES or path.name.endswith(LEFT_OUT_SUFFIXES)


def make_zip(site_dir: Path, zip_path: Path) -> int:
    """Zip `site_dir` under FOLDER/ (written beside, then moved into place); returns the file count."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    files = [p for p in sorted(site_dir.rglob("*")) if p.is_file() and not left_out(p.relative_to(site_dir))]
    partial = zip_path.with_name(zip_path.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        for path in files:
            bundle.write(path, f"{FOLDER}/{path.relative_to(site_dir).as_posix()}")
    partial.replace(zip_path)
    return len(files)


def size_text(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB ({size:,} bytes)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ZIP, help=f"zip to write (default: {ZIP.relative_to(ROOT)})")
    out = parser.parse_args(argv).out.resolve()
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="common-agenda-offline-") as temp:
        site = Path(temp) / "site"
        print(f"[1/3] Building the offline site (strict, {CONFIG.name})...", flush=True)
        build(site)
        pages = sum(1 for _ in site.rglob("*.html"))
        print(f"      {pages} HTML files built in {time.monotonic() - started:.1f} s", flush=True)
        print("[2/3] Checking that no page loads anything from another host...", flush=True)
        foreign = foreign_loads(site)
        if foreign:
            print("The offline site would load from other hosts:\n  " + "\n  ".join(foreign))
            return 1
        print(f"[3/3] Zipping to {shown}...", flush=True)
        count = make_zip(site, out)
    print(f"Wrote {shown}: {count} files, {size_text(out.stat().st_size)}, in {time.monotonic() - started:.1f} s. "
          f"Unzip it and open {FOLDER}/index.html.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
