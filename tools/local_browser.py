"""Serve a folder on 127.0.0.1 and open it in Debian's headless Chromium (no browser download).

Shared by the browser tests and `make handouts`, so both drive Chromium the same way.
"""

from __future__ import annotations

import functools
import gzip
import socket
import sys
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

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
    def log_message(self, *args):  # keep output readable
        pass


class _GzipHandler(_QuietHandler):
    """Sends text files gzipped when the browser accepts it, as any real web host does."""

    TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (path.is_file() and path.suffix in self.TEXT and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that leaves a page mid-download closes its socket: not a fault of the site,
        and the standard server's traceback for it buried the test output. Anything else still prints."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path, port: int = 0, compress: bool = False):
    """Serve `directory` on 127.0.0.1; yields the base URL ending in '/'.

    `compress` gzips text files for browsers that accept it (for measuring speed as a web host serves).
    """
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", port), handler)
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
