"""Browser-test helpers: Chromium is required in CI, and requests to other hosts are recorded.

Serving and launching live in tools/local_browser.py, shared with `make handouts`.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from local_browser import CHROMIUM, CHROMIUM_ARGS, free_port, serve  # noqa: F401 (re-exported for tests)


def require_chromium() -> None:
    """In CI a missing browser is a failure, never a skip: the browser tests are the proof."""
    if CHROMIUM.exists():
        return
    message = (f"Chromium is missing at {CHROMIUM}: the browser tests need it. "
               "Run `make test` (it installs Debian's chromium) or `apt-get install chromium`.")
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def axe_violations(page) -> list[str]:
    """Each axe-core violation on the page as it stands: the rule, what it asks and every node it
    names, so a failing test says where to look."""
    from axe_playwright_python.sync_playwright import Axe

    return [f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes']]})" for v in Axe().run(page).response["violations"]]


SCHEMES = {"light": "default", "dark": "slate"}


def show_scheme(page, scheme: str) -> None:
    """Reload the page in the light or dark scheme and wait until Material shows it, colours settled.

    Material keeps the palette it chose on a site's first page (a `.__palette` key in localStorage)
    and prefers it to the media query on every later page, so a test that only emulated "dark"
    could measure the light scheme. Only that key is dropped: the page's saved progress stays.
    The page that was open when the emulated scheme changed remounts its palette and may write
    the old key back after it was dropped, so the drop and reload are repeated until the page
    that loads shows the scheme: the second page saw no change, so it cannot race."""
    page.emulate_media(color_scheme=scheme)
    for _ in range(3):
        page.evaluate("""() => Object.keys(localStorage)
            .filter(key => key.endsWith(".__palette")).forEach(key => localStorage.removeItem(key))""")
        page.reload(wait_until="networkidle")
        if page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]:
            break
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme], f"no {scheme} scheme"
    # Material eases colours over 125-250 ms: axe measured a link mid-way and saw too little contrast.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF from Chromium: its page objects, not the /Pages tree that holds them."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


class ForeignRequests(list):
    """Every request to a host other than the site's own, in order."""

    def watch(self, context, base_url: str) -> None:
        own = urlsplit(base_url).netloc

        def route(route):
            url = route.request.url
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") and parts.netloc != own:
                self.append(url)
                route.abort()
            else:
                route.continue_()

        def web_socket(socket):  # never seen by `route`: WebSockets have their own hook
            if urlsplit(socket.url).netloc != own:
                self.append(socket.url)
                socket.close()
            else:
                socket.connect_to_server()

        context.route("**/*", route)
        context.route_web_socket(re.compile(".*"), web_socket)


class PageWatch:
    """What a page did that a test must see: uncaught errors, console errors, dialogs (each dismissed)
    and requests to other hosts (each refused, in `foreign`)."""

    def __init__(self, foreign: ForeignRequests):
        self.errors: list[str] = []
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        self.foreign = foreign

    def listen(self, page) -> None:
        """Record what the page does; the lists are also set on the page, so a fixture that hands
        tests a page (not the watch) still lets them assert `page.errors == []`."""
        page.errors, page.console_errors, page.dialogs = self.errors, self.console_errors, self.dialogs
        page.on("pageerror", lambda error: self.errors.append(f"{error} at {page.url}"))
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("dialog", lambda dialog: (self.dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))


@contextmanager
def built_and_served(site):
    """Build a tiny site for a free port and serve it there; yields (base URL, built folder).
    The site's URL names the port before the build: instant navigation needs the two to match."""
    port = free_port()
    site.site_url = f"http://127.0.0.1:{port}/"
    build = site.build()
    assert build.returncode == 0, build.output
    with serve(build.site, port) as url:
        yield url, build.site


def search_results(page, site_url: str, query: str) -> list[str]:
    """The pages listed for `query`, best first, as addresses relative to the site."""
    box = page.locator("input.md-search__input")
    box.click()
    # Material queries on keyup: typing key by key sent a query per prefix, and on a loaded machine
    # a prefix's results could sit long enough to be read as the answer. One fill and one keyup
    # send only the whole query, so the first result to appear is one of its own.
    box.fill("")
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for(state="detached", timeout=10_000)
    box.fill(query)
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    links = page.locator(".md-search-result__item > a")
    previous: list[str] = []
    for _ in range(40):  # further results arrive in batches as the list fills: wait until two reads agree
        page.wait_for_timeout(120)
        hrefs = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
        if hrefs and hrefs == previous:
            break
        previous = hrefs
    pages = [re.sub(r"\?h=[^#]*", "", h).replace(site_url, "").split("#")[0] for h in hrefs]
    return list(dict.fromkeys(pages))  # a page's further sections are listed under it: count it once
