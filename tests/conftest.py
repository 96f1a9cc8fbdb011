from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from browsing import CHROMIUM, CHROMIUM_ARGS, ForeignRequests, PageWatch, require_chromium, serve
from sitekit import REPO, TinySite


def pytest_configure():
    """Under `make mutate`, mutmut's call-counting run sets MUTANT_UNDER_TEST=stats, which the tests' mkdocs
    subprocesses would inherit and fail on (mutmut's counter reads a settings file they do not have);
    mutmut keeps its own copy in the process. A mutant's name is left in place: the builds run that mutant."""
    if os.environ.get("MUTANT_UNDER_TEST") == "stats":
        del os.environ["MUTANT_UNDER_TEST"]


def pytest_collection_modifyitems(items):
    """`browser` marks exactly the tests that start Chromium, read from the fixtures each one uses: a
    file-wide mark also caught in-process checks (every prose field refusing code), which
    `-m "not browser"` then dropped though they are the most important security tests."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def tiny_site(tmp_path) -> TinySite:
    return TinySite(tmp_path / "project")


@pytest.fixture(scope="session")
def real_build(tmp_path_factory):
    """The project's own site, built once per test run with the real command."""
    out = tmp_path_factory.mktemp("real") / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    return done, out


@pytest.fixture(scope="session")
def site_dir(real_build) -> Path:
    done, out = real_build
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="session")
def site_url(site_dir):
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def foreign_requests() -> ForeignRequests:
    return ForeignRequests()


@pytest.fixture
def page_watch(foreign_requests) -> PageWatch:
    return PageWatch(foreign_requests)


@pytest.fixture
def page(browser, site_url, page_watch):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page_watch.foreign.watch(context, site_url)
    page = context.new_page()
    page_watch.listen(page)
    yield page
    context.close()
