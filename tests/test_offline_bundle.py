"""The offline bundle (`make offline`): the real tool's zip, unzipped and opened via file://.

A laptop with no network must be able to navigate, search, take a quiz, keep its progress and
print, with not one request outside the unzipped folder. Every request that does not start with
file:// is recorded and aborted, and each test asserts there were none. Every page carries its
Content-Security-Policy (hooks/csp.py), and each test also asserts that Chromium refused nothing:
search under file:// runs in the iframe-worker shim, whose iframe script the policy allows by a
hash read from the shim. A copy of a built page with scripts written into it shows what the
policy does from file://: an inline script is refused, while a script from another folder on
the disk is not (there 'self' is every file: URL).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from browsing import pdf_pages
from common_agenda import csp, iframe_worker
from sitekit import REPO, read_config

FOLDER = "common-agenda-offline"
SHIM = "vendor/iframe-worker/shim.js"
QUIZ = "quizzes/shared-goals.html"
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
HASH = re.compile(r"'sha256-[^']+'")


@dataclass
class Bundle:
    zip_path: Path
    root: Path
    output: str

    def url(self, path: str) -> str:
        return (self.root / path).as_uri()


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Bundle:
    """`tools/offline.py` run once, as `make offline` runs it, writing into a temporary folder."""
    tmp = tmp_path_factory.mktemp("offline")
    zip_path = tmp / "common-agenda-offline.zip"
    done = subprocess.run([sys.executable, str(REPO / "tools" / "offline.py"), "--out", str(zip_path)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(tmp / "unzipped")
    return Bundle(zip_path, tmp / "unzipped" / FOLDER, done.stdout)


@dataclass
class Watched:
    """What one page asked for and what broke, while it was open."""
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # Chromium's console lines on the policy

    def assert_clean(self) -> None:
        assert self.outside == [], "requests outside the unzipped folder"
        assert self.errors == [], "script errors"
        assert self.refused == [], "refused by the Content-Security-Policy"


@pytest.fixture
def offline(browser, bundle):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    seen = Watched()

    def route(route):
        url = route.request.url
        seen.requests.append(url)
        if url.startswith("file://"):
            route.continue_()
        else:
            seen.outside.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("console", lambda message: "Content Security Policy" in message.text and seen.refused.append(message.text))
    page.seen = seen
    yield page
    context.close()


def path_of(page) -> str:
    return unquote(urlsplit(page.url).path)


def test_the_offline_config_repeats_the_main_features_and_plugins_less_instant_navigation():
    """MkDocs' INHERIT replaces lists, so mkdocs.offline.yml repeats two of them: keep them in step."""
    main = read_config("mkdocs.yml")
    offline = read_config("mkdocs.offline.yml")
    assert offline["INHERIT"] == "mkdocs.yml"
    assert offline["theme"]["features"] == [f for f in main["theme"]["features"] if f != "navigation.instant"]
    assert offline["plugins"] == main["plugins"] + ["offline"]


def test_the_zip_is_one_folder_that_loads_its_own_search_shim(bundle):
    names = zipfile.ZipFile(bundle.zip_path).namelist()
    assert all(name.startswith(FOLDER + "/") for name in names)
    for needed in ("index.html", QUIZ, "search/search_index.js", SHIM, "vendor/iframe-worker/NOTICE"):
        assert f"{FOLDER}/{needed}" in names, needed
    assert f"{FOLDER}/404.html" not in names and not [n for n in names if n.endswith(".map")]
    home = (bundle.root / "index.html").read_text(encoding="utf-8")
    assert f'<script src="{SHIM}">' in home
    assert "unpkg.com" not in home
    assert re.search(r"Wrote .*common-agenda-offline\.zip: \d+ files, [\d.]+ MB", bundle.output), bundle.output


def test_every_link_between_pages_names_a_file_in_the_folder(bundle):
    """No directory URLs: under file:// a link to `modules/` would show a folder listing."""
    broken = []
    for page in sorted(bundle.root.rglob("*.html")):
        for link in re.findall(r'(?:href|src)="([^"#]+)', page.read_text(encoding="utf-8")):
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            if not (page.parent / unquote(parts.path)).resolve().is_file():
                broken.append(f"{page.relative_to(bundle.root)}: {link}")
    assert broken == []


def test_links_in_the_article_and_the_nav_lead_from_page_to_page(offline, bundle):
    offline.goto(bundle.url("index.html"))
    offline.locator("article a[href='modules/index.html']").first.click()
    assert path_of(offline).endswith("/modules/index.html")
    # The nav shows the section's pages; its links name .html files too.
    nav = offline.locator(".md-sidebar--primary")
    nav.locator("a.md-nav__link[href='shared-goals.html']").click()
    assert path_of(offline).endswith("/modules/shared-goals.html")
    expect(offline.locator("article h1")).to_have_text(re.compile("Shared goals"))
    nav.locator("a.md-nav__link[href='timelines.html']").click()
    assert path_of(offline).endswith("/modules/timelines.html")
    expect(offline.locator("article h1")).to_have_text(re.compile("Timelines"))
    offline.seen.assert_clean()


def test_search_finds_a_word_and_its_result_opens_the_right_page(offline, bundle):
    """Under the policy: the shim's iframe script runs by its hash, and the worker it loads by 'self'."""
    offline.goto(bundle.url("index.html"))
    offline.locator("input.md-search__input").click()
    offline.keyboard.type("wellness")
    results = offline.locator(".md-search-result__item > a")
    expect(results.first).to_be_visible(timeout=10_000)
    target = bundle.url("modules/sustaining-partnership.html")
    hrefs = results.evaluate_all("links => links.map(a => a.href.split(/[?#]/)[0])")
    assert target in hrefs
    results.nth(hrefs.index(target)).click()
    assert path_of(offline).endswith("/modules/sustaining-partnership.html")
    expect(offline.locator("article h1")).to_have_text(re.compile("Sustaining the partnership"))
    # Search ran in the vendored shim's iframe, which read the index from the folder.
    assert bundle.url(SHIM) in offline.seen.requests
    assert bundle.url("search/search_index.js") in offline.seen.requests
    offline.seen.assert_clean()


def test_search_works_from_a_page_two_folders_down_under_the_same_policy(offline, bundle):
    """The shim's iframe script holds no address relative to the page, so one hash serves every depth."""
    offline.goto(bundle.url("training/plans/half-day.html"))
    offline.locator("input.md-search__input").click()
    offline.keyboard.type("hotline")
    expect(offline.locator(".md-search-result__item > a").first).to_be_visible(timeout=10_000)
    offline.seen.assert_clean()


def test_every_page_has_the_served_sites_policy_and_the_hash_of_the_shims_iframe_script(bundle):
    shim = (bundle.root / SHIM).read_text(encoding="utf-8")
    shim_hash = csp.script_hash(iframe_worker.written_script(shim))
    policies = set()
    for page in sorted(bundle.root.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        found = POLICY.findall(html)
        assert len(found) == 1, page.relative_to(bundle.root)
        assert csp.inline_script_hashes(html) <= set(HASH.findall(found[0])), page.relative_to(bundle.root)
        policies.add(found[0])
    assert len(policies) == 1
    policy = policies.pop()
    hashes = set(HASH.findall(policy))
    assert shim_hash in hashes
    assert policy == csp.policy(hashes), "the served site's directives, nothing loosened for file://"


@pytest.fixture(scope="module")
def tampered(bundle, tmp_path_factory) -> Path:
    """A copy of the unzipped folder whose module page had scripts written into it after the build,
    a script that throws for the search shim to run as a worker, and a folder beside it with a script."""
    tmp = tmp_path_factory.mktemp("tampered")
    root = tmp / FOLDER
    shutil.copytree(bundle.root, root)
    (tmp / "beside").mkdir()
    (tmp / "beside" / "beside.js").write_text("window.__beside = true;\n", encoding="utf-8")
    (root / "throwing.js").write_text('throw new Error("thrown in the worker");\n', encoding="utf-8")
    page = root / "modules" / "shared-goals.html"
    written = '<script>window.__injected = true</script><script src="../../beside/beside.js"></script></body>'
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", written), encoding="utf-8")
    return root


def test_from_file_the_policy_refuses_an_inline_script_written_into_a_page(offline, tampered):
    offline.goto((tampered / "modules" / "shared-goals.html").as_uri(), wait_until="load")
    assert offline.evaluate("window.__injected") is None
    assert len(offline.seen.refused) == 1
    assert offline.seen.refused[0].startswith(
        "Executing inline script violates the following Content Security Policy directive 'script-src 'self' 'sha256-")
    # Measured, not wanted: under file:// Chromium's 'self' is every file: URL, so a script from a
    # folder beside the bundle runs. Only the HTML allowlist keeps a page from naming one (hooks/csp.py).
    assert offline.evaluate("window.__beside") is True
    expect(offline.locator("article h1")).to_have_text(re.compile("Shared goals"))
    assert offline.seen.outside == [] and offline.seen.errors == []


def test_a_worker_error_reaches_the_page_through_our_changed_shim(offline, tampered):
    """Our copy passes the worker's address to its iframe in an attribute: errors still name it."""
    offline.goto((tampered / "index.html").as_uri(), wait_until="load")
    assert offline.evaluate("Worker === window.IFrameWorker"), "under file:// the shim stands in for Worker"
    filename = offline.evaluate("""() => new Promise(done => {
        const worker = new Worker("throwing.js");
        worker.onerror = (event) => done(event.filename);
        setTimeout(() => done("no error event"), 5000);
    })""")
    assert filename == "throwing.js"
    assert offline.seen.refused == [] and offline.seen.outside == []


def test_a_quiz_checks_answers_and_its_progress_survives_a_reload(offline, bundle):
    offline.goto(bundle.url(QUIZ))
    offline.locator("form.ca-quiz[data-ca-ready]").wait_for(state="attached")
    questions = offline.locator("form.ca-quiz section.ca-q")
    expect(questions).to_have_count(9)  # quizzes/shared-goals.yml: six questions and a case of three
    # goals-clash: option b is wrong (a is the right one).
    first = questions.first
    first.locator(".ca-option[data-option='b'] input").check()
    first.get_by_role("button", name="Check answer").click()
    expect(first.locator(".ca-q__verdict")).to_have_text("\u2718 Not quite. The right answer is marked \u2714 below.")
    # Answer the rest rightly (the answers are in the page: it is a self-check): 8 of 9 passes a mark of 70.
    for number in range(1, 9):
        question = questions.nth(number)
        for option in question.locator(".ca-answer__option[data-correct='true']").evaluate_all(
                "els => els.map(e => e.dataset.option)"):
            question.locator(f".ca-option[data-option='{option}'] input").check()
        question.get_by_role("button", name="Check answer").click()
        expect(question.locator(".ca-q__verdict")).to_have_text("\u2714 Correct.")
    expect(offline.locator(".ca-quiz__summary .ca-quiz__verdict")).to_have_text(
        "\u2714 You got 8 of 9 (88%). The pass mark is 70%: you passed. Well done.")
    expect(offline.locator(".ca-quiz-saved")).to_contain_text("Your best so far: Passed")

    offline.reload()
    offline.locator("form.ca-quiz[data-ca-ready]").wait_for(state="attached")
    expect(offline.locator(".ca-quiz-saved")).to_be_visible()
    expect(offline.locator(".ca-quiz-saved")).to_contain_text("Your best so far: Passed")
    # Other pages of the folder read the same storage: the quiz index, the nav marks, the certificate.
    offline.goto(bundle.url("quizzes/index.html"))
    expect(offline.locator('[data-ca-status="shared-goals"]')).to_have_text(re.compile("^Passed"))
    expect(offline.locator(".md-nav__link[href='shared-goals.html'] .ca-nav-passed").first).to_be_attached()
    offline.goto(bundle.url("certificate.html"))
    offline.locator("[data-ca-cert-page][data-ca-ready]").wait_for(state="attached")
    expect(offline.locator('[data-ca-cert-quiz="shared-goals"]').first).to_have_text(re.compile("Passed"))
    offline.seen.assert_clean()


def test_the_plan_and_evaluation_scripts_work_from_the_folder(offline, bundle):
    offline.goto(bundle.url("training/plans/half-day.html"))
    start = offline.locator(".ca-plan-start[data-ca-ready] input")
    times = offline.locator("table time.ca-agenda__time")
    start.fill("13:00")
    start.dispatch_event("change")
    expect(times.first).to_have_text("13:00")
    expect(times.nth(2)).to_have_text("13:12")  # the second block starts after the 12-minute welcome

    offline.goto(bundle.url("training/evaluation.html"))
    offline.locator("form.ca-eval[data-ca-ready]").wait_for(state="attached")
    choice = offline.locator("form.ca-eval input[type=radio]").first
    choice.check()
    offline.reload()
    offline.locator("form.ca-eval[data-ca-ready]").wait_for(state="attached")
    expect(offline.locator("form.ca-eval input[type=radio]").first).to_be_checked()
    offline.seen.assert_clean()


def test_a_page_prints_to_pdf(offline, bundle):
    offline.goto(bundle.url("first-meeting.html"), wait_until="load")
    pdf = offline.pdf(format="A4", print_background=True)
    assert pdf_pages(pdf) == 2  # the first-meeting brief fills two A4 pages
    offline.seen.assert_clean()
