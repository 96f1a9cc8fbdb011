"""Write PDFs of the print packs and every handout into site/handouts/, using headless Chromium.

Run it with `make handouts`. It builds the site strictly first, so the PDFs always match the
sources. Chromium is Debian's (/usr/bin/chromium), the same one the browser tests use.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tools")]

from local_browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

from common_agenda import training_pages as tp  # noqa: E402
from common_agenda.content import load_content  # noqa: E402


def documents(content) -> list[tuple[str, str]]:
    """(PDF name, page URL path) for every printable thing, print packs first."""
    docs = [(f"print-pack-{p.id}.pdf", p.pack_uri) for p in content.plans]
    docs += [(f"facilitator-pack-{p.id}.pdf", tp.facilitator_pack_uri(p)) for p in content.plans]
    docs += [("first-meeting-brief.pdf", tp.BRIEF_URI)]
    docs += [(f"scenario-handout-{s.id}.pdf", s.handout_uri) for s in content.scenarios]
    if content.check:
        docs += [("training-check-questions.pdf", tp.CHECK_SHEET_URI), ("training-check-answer-key.pdf", tp.CHECK_KEY_URI)]
    docs += [(f"answer-key-{q.id}.pdf", tp.key_uri(q)) for q in content.quizzes]
    docs += [("evaluation-form.pdf", tp.EVALUATION_URI), ("mou-template.pdf", tp.MOU_URI),
             ("local-contacts.pdf", tp.LOCAL_URI)]
    return [(name, uri[:-3] + "/") for name, uri in docs]


# The footer (title and page number) is print.css's (@page margin boxes), so a pack printed from the
# browser's Print button has it too; Chromium's own header and footer stay off, or it would print twice.
MARGIN = {"top": "12mm", "bottom": "16mm", "left": "12mm", "right": "12mm"}  # as print.css's @page


def pdf(page, paper: str = "A4") -> bytes:
    """The page as Chromium prints it; the browser tests print through this too."""
    return page.pdf(format=paper, print_background=True, margin=MARGIN, display_header_footer=False)


def main() -> int:
    if not CHROMIUM.exists():
        print(f"Chromium is missing at {CHROMIUM}: run `make test` once, or `apt-get install chromium`.")
        return 1
    site = ROOT / "site"
    print("Building the site (strict)...", flush=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=ROOT, env=env)
    if build.returncode:
        return build.returncode
    from playwright.sync_api import sync_playwright

    wanted = [(name, path) for name, path in documents(load_content(ROOT)) if (site / path / "index.html").exists()]
    out = site / "handouts"
    out.mkdir(exist_ok=True)
    started = time.monotonic()
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        for number, (name, path) in enumerate(wanted, 1):
            page.goto(url + path, wait_until="networkidle")
            (out / name).write_bytes(pdf(page, os.environ.get("PAPER", "A4")))
            print(f"[{number}/{len(wanted)}] {out.relative_to(ROOT) / name}", flush=True)
        browser.close()
    print(f"Wrote {len(wanted)} PDFs to {out.relative_to(ROOT)}/ in {time.monotonic() - started:.1f} s "
          "(PAPER=Letter make handouts for US Letter).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
