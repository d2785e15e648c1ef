"""Chromium, a loopback-only guard and a static file server, usable outside pytest (the benchmark).

The same launch flags and the same rule as tests/browser/conftest.py: any request to a host other
than loopback is aborted and recorded, so a caller can fail or report on it.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

# CHROMIUM=/path/to/chromium points the tests and the benchmark at a browser already installed.
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def launch_chromium(playwright):
    """Chromium from CHROMIUM, else Debian's (Playwright never downloads a browser of its own here)."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"no Chromium at {CHROMIUM}: apt-get install chromium, or set CHROMIUM=/path/to/chromium")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def guard_loopback(context) -> list[str]:
    """Abort every non-loopback request of ``context``; the returned list fills with their URLs."""
    blocked: list[str] = []

    def route(r) -> None:
        host = urlsplit(r.request.url).hostname or ""
        # file: the book opened from disk (Chromium reads it itself; it is the reader's own machine).
        if r.request.url.startswith(("data:", "blob:", "file:")) or host in LOOPBACK:
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return blocked


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """``directory`` over http on a free loopback port; yields the base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
