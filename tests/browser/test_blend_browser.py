"""The blend widget in a browser, kernel-free: its HTML placeholder on a throwaway page with widget-host.js
and the built module, as the book serves them. Figures are checked against the Python math."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from explainer.blend import calculate
from explainer.reconstitution import shown
from explainer.widgets.base import DIST
from explainer.widgets.blend import Blend
from tests.browser.offline import serve_directory

pytestmark = pytest.mark.browser

NAMES = ("Semax", "Selank")  # the collection's compounds, as the stacking page passes them
HOST = Path(__file__).resolve().parents[2] / "src" / "explainer" / "static" / "widget-host.js"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("blend-site")
    (root / "widgets").mkdir()
    shutil.copy(HOST, root / "widget-host.js")
    shutil.copy(DIST / "classic" / "blend.js", root / "widgets" / "blend.js")  # the book's classic build
    shutil.copy(DIST / "blend.css", root / "widgets" / "blend.css")
    (root / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blend</title>'
        '<link rel="stylesheet" href="widgets/blend.css"><script defer src="widget-host.js"></script>'
        f"</head><body><main>{Blend(NAMES).to_html()}</main></body></html>",
        encoding="utf-8",
    )
    with serve_directory(root) as url:
        yield url


def clean(page_log) -> None:
    assert page_log.blocked == [] and page_log.console_errors == [] and page_log.failed == []


def open_blend(page: Page, url: str):
    page.goto(url)
    widget = page.locator('.explainer-widget.is-live[data-widget="blend"] .blend')
    expect(widget).to_have_count(1)
    return widget


def row_text(widget, name: str) -> str:
    return widget.locator("tbody tr", has=widget.page.locator(f'th:text-is("{name}")')).inner_text()


def test_starts_from_the_example_and_matches_python(page: Page, page_log, site: str) -> None:
    widget = open_blend(page, site + "index.html")
    r = calculate(Blend(NAMES).inputs())["result"]
    figures = f"{shown('volume_ml', r['volume_ml'])} mL = {shown('units', r['units'])} units"
    expect(widget.locator(".blend-figures")).to_contain_text(figures)
    for name in r["names"]:
        assert f"{shown('dose_mcg', r['per_peptide_mcg'][name])} mcg" in row_text(widget, name)
    clean(page_log)


def test_typing_a_target_adding_a_peptide_and_a_spray(page: Page, page_log, site: str) -> None:
    widget = open_blend(page, site + "index.html")
    widget.get_by_role("radio", name="A target amount of one peptide").check()
    widget.get_by_label("Target peptide").select_option("Selank")
    box = widget.get_by_label("Target amount of Selank", exact=True)
    box.fill("300")
    expect(widget.locator(".blend-figures")).to_contain_text("0.12 mL = 12 units")
    widget.get_by_role("button", name="Add a peptide").click()
    widget.get_by_label("Name of peptide 3").fill("BPC-157")
    widget.get_by_label("Amount of BPC-157", exact=True).fill("10")
    expect(widget.locator("tbody tr")).to_have_count(3)
    assert "600 mcg" in row_text(widget, "BPC-157")
    widget.get_by_role("radio", name="Nasal spray or drops").check()
    widget.get_by_label("Spray volume").fill("0.1")
    expected = calculate({
        "peptides": [{"name": "Semax", "amount": 5, "unit": "mg"}, {"name": "Selank", "amount": 5, "unit": "mg"},
                     {"name": "BPC-157", "amount": "10", "unit": "mg"}],
        "water_ml": 2, "route": "intranasal", "spray_ml": "0.1", "mode": "target", "target_name": "Selank",
        "target_amount": "300", "target_unit": "mcg",
    })
    r = expected["result"]
    assert f"{shown('delivered_mcg', r['per_peptide_delivered_mcg']['BPC-157'])} mcg" in row_text(widget, "BPC-157")
    codes = widget.locator(".blend-warnings li").evaluate_all("(els) => els.map((e) => e.dataset.code)")
    assert codes == [w["code"] for w in expected["warnings"]] == ["spray_rounding"]
    clean(page_log)


def test_bad_input_is_named_on_its_control(page: Page, page_log, site: str) -> None:
    widget = open_blend(page, site + "index.html")
    widget.get_by_label("Name of peptide 2").fill("semax")
    name_box = widget.get_by_label("Name of peptide 2")
    expect(name_box).to_have_attribute("aria-invalid", "true")
    twice = [{"name": "Semax", "amount": 5, "unit": "mg"}, {"name": "semax", "amount": 5, "unit": "mg"}]
    message = calculate({**Blend(NAMES).inputs(), "peptides": twice})["error"]["message"]
    slot = page.locator("#" + name_box.get_attribute("aria-describedby").split()[-1])
    expect(slot).to_have_text(message)
    expect(widget.locator(".blend-problem")).to_contain_text(message)
    assert "NaN" not in widget.inner_text() and "Infinity" not in widget.inner_text()
    clean(page_log)


def test_keyboard_only(page: Page, page_log, site: str) -> None:
    widget = open_blend(page, site + "index.html")
    widget.get_by_label("Water added").focus()
    page.keyboard.press("Control+a")
    page.keyboard.type("4")
    expect(widget.locator(".blend-figures")).to_contain_text("0.1 mL = 10 units")
    assert "125 mcg" in row_text(widget, "Semax")
    # Arrow keys move between the radios of a group, as for any radio group.
    widget.get_by_role("radio", name="units", exact=True).focus()
    page.keyboard.press("ArrowRight")
    expect(widget.get_by_role("radio", name="mL", exact=True)).to_be_checked()
    expect(widget.locator(".blend-figures")).to_contain_text("10 mL = 1,000 units")
    clean(page_log)


def test_the_link_keeps_the_state(page: Page, page_log, site: str) -> None:
    widget = open_blend(page, site + "index.html")
    widget.get_by_label("Water added").fill("3")
    widget.get_by_label("Amount of Selank", exact=True).fill("7.5")
    page.wait_for_function("() => location.hash.includes('water=3')")
    link = page.evaluate("location.href")
    assert "#blend=" in link and "p=Selank%3A7.5mg" in link
    other = page.context.new_page()
    other.goto(link)
    restored = other.locator('.explainer-widget.is-live .blend')
    expect(restored.get_by_label("Water added")).to_have_value("3")
    expect(restored.get_by_label("Amount of Selank", exact=True)).to_have_value("7.5")
    assert "250 mcg" in row_text(restored, "Selank")  # 10 units of 7,500 mcg in 3 mL
    clean(page_log)
