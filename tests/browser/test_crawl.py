"""Every page of the built book in a real browser, as a reader would meet it, in light and dark, served
over http and opened from disk (file://, where Chromium refuses ES modules and fetches).

Fails on a console error, a failed request, a request to another host, a content-security-policy
violation, a broken internal link or anchor, or any axe-core finding at any impact level. Every
HTML file is crawled, the search and index pages included.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from tests.helpers import ROOT, wait_until_drawn

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Collected before any page script runs, so a violation during load is caught too.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""
# Every finding, at every impact level (minor included), with up to three of its elements. From disk, axe does
# not preload the stylesheets (it fetches them, which a file:// page may not: a CORS error of the test's own).
AXE_RUN = """async () => (await axe.run(document,
    {resultTypes: ['violations'], preload: location.protocol !== 'file:'})).violations
  .map(v => `${v.id} (${v.impact}): ` + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"""


def all_pages(built_book: Path) -> list[str]:
    return sorted(p.relative_to(built_book).as_posix() for p in built_book.rglob("*.html"))


@pytest.fixture(scope="module")
def axe_source() -> str:
    assert AXE.exists(), "axe-core is missing: `make test` installs it with npm ci"
    return AXE.read_text(encoding="utf-8")


# From disk in one colour scheme: what differs there is loading, not colour.
@pytest.mark.parametrize(("way", "scheme"), [("http", "light"), ("http", "dark"), ("file", "light")])
def test_every_page_is_clean(built_book: Path, base_url: str, page, page_log, axe_source: str, way: str,
                             scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # furo follows the reader's colour scheme
    page.add_init_script(WATCH_CSP)
    problems: list[str] = []
    links: dict[str, set[str]] = {}
    for rel in all_pages(built_book):
        url = urljoin(base_url, rel)
        before = (len(page_log.console_errors), len(page_log.failed))
        response = page.goto(url, wait_until="networkidle")
        if way == "http" and (response is None or response.status != 200):
            problems.append(f"{rel}: HTTP {response.status if response else 'no response'}")
        wait_until_drawn(page)
        problems += [f"{rel}: console: {m}" for m in page_log.console_errors[before[0]:]]
        problems += [f"{rel}: failed request: {m}" for m in page_log.failed[before[1]:]]
        problems += [f"{rel}: CSP: {v}" for v in page.evaluate("window.__cspViolations")]
        # Runtime evaluation is not subject to the page's CSP, so axe runs without weakening it.
        page.evaluate(axe_source)
        found = page.evaluate(AXE_RUN)
        problems += [f"{rel} ({scheme}): axe: {v}" for v in found]
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            if urlsplit(href).scheme == way and urlsplit(href).netloc == urlsplit(base_url).netloc:
                links.setdefault(href, set()).add(rel)
    problems += broken_links(built_book, base_url, links)
    problems += [f"request to another host: {u}" for u in page_log.blocked]
    assert not problems, "\n".join(problems)


def broken_links(built_book: Path, book_url: str, links: dict[str, set[str]]) -> list[str]:
    broken = []
    for href, pages in sorted(links.items()):
        target, anchor = urldefrag(href)
        path = urlsplit(target).path[len(urlsplit(book_url).path):] or "index.html"
        file = built_book / path
        if file.is_dir():
            file = file / "index.html"
        where = ", ".join(sorted(pages))
        if not file.exists():
            broken.append(f"broken link {href} (on {where})")
        elif anchor and file.suffix == ".html":
            text = file.read_text(encoding="utf-8")
            if f'id="{anchor}"' not in text and f"name=\"{anchor}\"" not in text:
                broken.append(f"missing anchor #{anchor} in {path} (on {where})")
    return broken
