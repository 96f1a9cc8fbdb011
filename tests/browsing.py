"""Serve a built site on 127.0.0.1 and drive it in the system's headless Chromium.

Chromium comes from Debian (`/usr/bin/chromium`); nothing is downloaded. Requests to any host
other than the test server are recorded and refused, so a test can assert there were none.
"""

from __future__ import annotations

import functools
import os
import socket
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextmanager
def serve(directory: Path, port: int = 0):
    """Serve `directory` on 127.0.0.1; yields the base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """A port to build a site for before serving it (instant navigation needs site_url to match)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require_chromium() -> None:
    """In CI a missing browser is a failure, never a skip: the browser tests are the proof."""
    if CHROMIUM.exists():
        return
    message = (f"Chromium is missing at {CHROMIUM}: the browser tests need it. "
               "Run `make test` (it installs Debian's chromium) or `apt-get install chromium`.")
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


class ForeignRequests(list):
    """Every request to a host other than the site's own, in order."""

    def watch(self, context, base_url: str) -> None:
        own = urlsplit(base_url).netloc

        def route(route):
            url = route.request.url
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != own:
                self.append(url)
                route.abort()
            else:
                route.continue_()

        context.route("**/*", route)
