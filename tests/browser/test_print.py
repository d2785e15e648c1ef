"""Printing the book: navigation drops out, the interactives' current state goes on paper.

The PDF is Chromium's own (``page.pdf()`` prints with print media), read back with pypdf. Text is
compared with all whitespace removed, since a PDF's line breaks and spacing are the printer's.
"""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from explainer.collection import disclaimer_text
from explainer.content import load_compound
from explainer.reconstitution import calculate, shown
from explainer.widgets.calculator import Calculator
from tests.helpers import open_calculator, wait_until_drawn

pytestmark = [pytest.mark.browser, pytest.mark.book]

# furo's navigation: the left sidebar, the page's table of contents, the header bar, prev/next links.
NAVIGATION = (".sidebar-drawer", ".toc-drawer", ".mobile-header", ".related-pages")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(page: Page) -> str:
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    return squeeze("".join(p.extract_text() or "" for p in reader.pages))


def assert_navigation_hidden(page: Page) -> None:
    for selector in NAVIGATION:
        displays = page.locator(selector).evaluate_all("els => els.map((e) => getComputedStyle(e).display)")
        assert displays and set(displays) == {"none"}, (selector, displays)


def test_the_calculator_prints_its_numbers_and_its_note(page: Page, page_log, book_url: str) -> None:
    calc = open_calculator(page, book_url)
    calc.get_by_role("radio", name="Injection", exact=True).check()
    calc.get_by_label("Water added", exact=True).fill("3")
    out = calculate({**Calculator().inputs(), "route": "injection", "water_ml": "3"})
    units = shown("units", out["result"]["units"])
    concentration = shown("concentration_mcg_per_ml", out["result"]["concentration_mcg_per_ml"])
    expect(calc.locator('[data-key="units"] .calc-value')).to_have_text(units)

    page.emulate_media(media="print")
    assert_navigation_hidden(page)
    expect(calc.locator(".calc-results")).to_be_visible()
    expect(calc.get_by_role("img", name=re.compile("Syringe picture"))).to_be_visible()

    text = pdf_text(page)
    assert squeeze(f"Units to draw {units} units on a U-100 syringe") in text, text
    assert squeeze(f"Concentration {concentration} mcg/mL") in text
    assert squeeze("Water added") in text
    compound = load_compound("semax")
    assert squeeze(compound.calculator.note) in text  # "unit-conversion math only ... not a dosing recommendation"
    assert squeeze(disclaimer_text(compound)) in text
    assert page_log.blocked == [], page_log.blocked
    assert page_log.console_errors == [], page_log.console_errors


def test_a_stepper_prints_its_current_step(page: Page, page_log, book_url: str) -> None:
    page.goto(book_url + "notebooks/semax/02-mechanism.html")
    wait_until_drawn(page)
    stepper = page.locator(".explainer-stepper").first
    expect(stepper).to_have_attribute("data-step", "1")
    stepper.get_by_role("button", name="Next step").click()  # a step the page did not open on
    expect(stepper).to_have_attribute("data-step", "2")
    count = stepper.locator(".stepper-count > span").first.inner_text()
    title = stepper.locator(".stepper-title").inner_text()
    body = stepper.locator(".stepper-body").inner_text()
    assert count.startswith("Step 2 of")

    page.emulate_media(media="print")
    assert_navigation_hidden(page)
    expect(stepper.locator(".stepper-body")).to_be_visible()
    expect(stepper.locator(".stepper-nav")).to_be_hidden()  # buttons mean nothing on paper

    text = pdf_text(page)
    for part in (count, title, body):
        assert squeeze(part) in text, part
    assert page_log.blocked == [], page_log.blocked
    assert page_log.console_errors == [], page_log.console_errors
