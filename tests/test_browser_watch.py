"""The shared watcher records what it exists to catch: a test asserting `== []` on it proves nothing
unless a page that throws, logs an error, opens a dialog and calls another host fills every list."""

from __future__ import annotations

from browsing import ForeignRequests, PageWatch, serve

MISCHIEF = """<!doctype html><html lang="en"><title>Mischief</title><body><p>Planted faults.</p><script>
console.error("planted console error");
alert("planted dialog");
fetch("http://example.invalid/planted").catch(() => {});
new WebSocket("ws://example.invalid/socket");
throw new Error("planted page error");
</script></body></html>"""


def test_the_watcher_records_each_kind_of_fault(browser, tmp_path):
    (tmp_path / "index.html").write_text(MISCHIEF, encoding="utf-8")
    with serve(tmp_path) as url:
        context = browser.new_context()
        watch = PageWatch(ForeignRequests())
        watch.foreign.watch(context, url)  # refused here: nothing leaves the machine
        page = context.new_page()
        watch.listen(page)
        page.goto(url, wait_until="networkidle")
        context.close()
    assert watch.errors == [f"planted page error at {url}"]
    assert watch.dialogs == ["alert: planted dialog"]
    assert sorted(watch.foreign) == ["http://example.invalid/planted", "ws://example.invalid/socket"]
    assert watch.console_errors == ["planted console error", "Failed to load resource: net::ERR_FAILED"]
