"""The calculator in a real JupyterLab: the reader moves a slider, Python computes, the page shows it.

One JupyterLab (loopback, random token, throwaway settings) and one notebook page serve the whole
module; every cell is run once through the Run menu. Each check compares three things: the box,
the result drawn (which in JupyterLab comes back from the kernel) and what Python itself holds,
read by running a new cell (the notebook is never saved). How fast the kernel answers is a
measurement, not a test: `make bench` reports it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

from explainer.reconstitution import shown
from explainer.widgets.calculator import Calculator

from .lab import CALCULATOR_NOTEBOOK, ROOT, Lab, open_calculator, run_in_new_cell, running_lab
from .offline import guard_loopback

pytestmark = [pytest.mark.browser, pytest.mark.slow]

READ_BACK = 'print(calc.water_ml, calc.result["result"]["units"])'


@pytest.fixture(scope="module")
def lab() -> Iterator[Lab]:
    with running_lab() as server:
        yield server


@pytest.fixture(scope="module")
def lab_page(browser, lab: Lab) -> Iterator[tuple[Page, dict]]:
    """One page for the module; its non-loopback requests are blocked and logged, like conftest's `page`."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    log = {"blocked": guard_loopback(context), "console_errors": []}
    page = context.new_page()
    page.on("console", lambda m: log["console_errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["console_errors"].append(str(e)))
    yield page, log
    context.close()


@pytest.fixture(scope="module")
def notebook_bytes() -> bytes:
    return (ROOT / CALCULATOR_NOTEBOOK).read_bytes()


@pytest.fixture(scope="module")
def calc(lab: Lab, lab_page, notebook_bytes: bytes) -> Locator:
    page, log = lab_page
    root = open_calculator(page, lab)
    root.get_by_role("radio", name="Injection", exact=True).check()  # so "Units to draw" is shown
    expect(root.locator('[data-key="units"] .calc-value')).to_be_visible()
    assert log["console_errors"] == [], log["console_errors"]
    return root


def expected_units(water: str) -> str:
    """What the page must show for this water, by the Python math, rounded as the page rounds."""
    return shown("units", Calculator(route="injection", water_ml=water).result["result"]["units"])


def check_round_trip(page: Page, calc: Locator, before_units: str) -> None:
    """The box, the drawn result and Python's own values agree, and the result moved."""
    water = calc.get_by_label("Water added", exact=True).input_value()
    units = calc.locator('[data-key="units"] .calc-value')
    expect(units).to_have_text(expected_units(water))  # waits for the kernel's answer
    assert units.inner_text() != before_units
    py_water, py_units = run_in_new_cell(page, READ_BACK).split()
    assert float(py_water) == float(water)
    assert shown("units", float(py_units)) == units.inner_text()


def assert_clean(log: dict) -> None:
    assert log["blocked"] == [], log["blocked"]
    assert log["console_errors"] == [], log["console_errors"]


def test_the_mouse_drags_the_water_slider_and_python_follows(lab_page, calc: Locator) -> None:
    page, log = lab_page
    slider = calc.get_by_label("Water added slider", exact=True)
    box = calc.get_by_label("Water added", exact=True)
    before_water, before_units = box.input_value(), calc.locator('[data-key="units"] .calc-value').inner_text()
    slider.scroll_into_view_if_needed()
    track = slider.bounding_box()
    span = float(slider.get_attribute("min") or 0), float(slider.get_attribute("max") or 100)
    # Grab the thumb where it is and drag it to about four fifths of the track.
    start = (float(slider.input_value()) - span[0]) / (span[1] - span[0])
    y = track["y"] + track["height"] / 2
    page.mouse.move(track["x"] + 8 + start * (track["width"] - 16), y)
    page.mouse.down()
    page.mouse.move(track["x"] + 0.8 * track["width"], y, steps=8)
    page.mouse.up()
    expect(box).not_to_have_value(before_water)
    assert float(box.input_value()) > float(before_water)
    check_round_trip(page, calc, before_units)
    assert_clean(log)


# JupyterLab binds the bare arrow keys in command mode; the calculator's controls opt out with
# data-lm-suppress-shortcuts, which is what this test guards.
def test_the_keyboard_steps_the_water_slider_and_python_follows(lab_page, calc: Locator) -> None:
    page, log = lab_page
    slider = calc.get_by_label("Water added slider", exact=True)
    box = calc.get_by_label("Water added", exact=True)
    before_water, before_units = float(box.input_value()), calc.locator('[data-key="units"] .calc-value').inner_text()
    slider.focus()
    page.keyboard.press("ArrowRight")
    expect(box).not_to_have_value(f"{before_water:g}")
    assert float(box.input_value()) == pytest.approx(before_water + float(slider.get_attribute("step")))
    check_round_trip(page, calc, before_units)
    assert_clean(log)


def test_the_notebook_was_not_saved(lab_page, notebook_bytes: bytes) -> None:
    assert (ROOT / CALCULATOR_NOTEBOOK).read_bytes() == notebook_bytes
