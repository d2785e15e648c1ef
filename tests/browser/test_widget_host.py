"""The static widget host degrades honestly: if a widget's module cannot load, the reader keeps the
no-JavaScript rendering and is told the interactive did not start, instead of an empty box."""

from __future__ import annotations

from urllib.parse import urljoin

from playwright.sync_api import Page, expect


def test_a_widget_that_cannot_load_keeps_its_fallback(page: Page, page_log, book_url: str) -> None:
    page.route("**/_static/explainer/widgets/calculator.js", lambda route: route.fulfill(status=500, body=""))
    page.goto(urljoin(book_url, "notebooks/semax/04-reconstitution.html"))
    host = page.locator('.explainer-widget[data-widget="calculator"]')
    expect(host).to_have_class("explainer-widget has-failed")
    expect(host.locator(".explainer-widget-error")).to_be_visible()
    assert host.inner_text().strip() != ""  # the fallback's figures are still there
    assert any("could not start the calculator" in m for m in page_log.console_errors)
