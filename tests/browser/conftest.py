"""Playwright on Chromium (Debian's, or $CHROMIUM) against the built book, served over loopback.

Every request to a host other than loopback is blocked and recorded, so a test can assert that
nothing leaked; console errors and failed requests are recorded too. The browser, the guard and the
server come from ``offline.py``, which the benchmark uses as well.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.browser.offline import guard_loopback, launch_chromium, serve_directory


@pytest.fixture(scope="session")
def book_url(built_book: Path) -> Iterator[str]:
    with serve_directory(built_book) as url:
        yield url


@pytest.fixture(scope="session")
def disk_url(built_book: Path) -> str:
    """The built book opened from disk, as a teacher without a server would (file://)."""
    return built_book.resolve().as_uri() + "/"


# The two ways a reader meets the book: served over http, or opened from disk (where Chromium refuses ES
# modules and fetches). Tests parametrized by WAYS run the same checks on both.
WAYS = ["http", "file"]


@pytest.fixture
def base_url(way: str, book_url: str, disk_url: str) -> str:
    """The book's base URL for the test's ``way`` parameter ("http" or "file")."""
    return {"http": book_url, "file": disk_url}[way]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        try:
            b = launch_chromium(p)
        except RuntimeError as err:
            pytest.fail(f"{err} (`make test` installs Debian's when run as root)")
        yield b
        b.close()


@dataclass
class PageLog:
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(browser, page_log: PageLog):
    """A fresh page whose non-loopback requests are aborted and logged."""
    context = browser.new_context()
    page_log.blocked = guard_loopback(context)
    pg = context.new_page()
    pg.on("request", lambda req: page_log.requests.append(req.url))
    pg.on("requestfailed", lambda req: page_log.failed.append(f"{req.url} {req.failure}"))
    pg.on("console", lambda m: page_log.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: page_log.console_errors.append(str(e)))
    yield pg
    context.close()
