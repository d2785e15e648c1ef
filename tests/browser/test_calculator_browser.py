"""The calculator in the built book: what a reader types, sees, shares and prints.

Every figure on the page is checked against the Python math (``calculate``) for the same inputs,
rounded the way the page rounds, so the JS math, the page's formatting and the controls' wiring are
all tested at once.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from explainer.content import load_compound
from explainer.reconstitution import DEFAULTS, calculate, shown
from explainer.widgets.calculator import INPUTS, Calculator
from tests.helpers import open_calculator

pytestmark = [pytest.mark.browser, pytest.mark.book]

PAGE = "notebooks/semax/04-reconstitution.html"
VECTORS_FILE = Path(__file__).parents[1] / "vectors" / "reconstitution.json"
VECTORS = {c["name"]: c for c in json.loads(VECTORS_FILE.read_text())["cases"]}

INJECTION_VECTORS = [
    "u100_1ml_10mg_2ml_300mcg", "u40_0.3ml", "u50_0.5ml", "u40_1ml_5mg_1ml_1000mcg", "per_day_3_100mcg",
    "vial_entered_in_mcg", "dose_entered_in_mg", "floor_tolerance_2.01mg_over_0.03mg_is_67", "over_u50_0.3ml",
    "reverse_u100_10_units", "reverse_u40_12_units", "reverse_water_above_the_limit", "reverse_water_below_the_limit",
]
NASAL_VECTORS = [
    "nasal_spray_0.1ml", "nasal_drops_0.05ml", "nasal_half_spray_rounds_up", "nasal_3.5_sprays_round_to_4",
    "nasal_bottle_floor_tolerance_0.3_over_0.1", "nasal_bottle_counts_follow_the_whole_sprays",
    "nasal_doses_per_bottle_two_sprays_three_a_day",
]
# Result fields each route shows; the digits come from the spec's decimals by the one rule (shown).
SHOWN = {
    "both": ["concentration_mcg_per_ml", "volume_ml"],
    "injection": ["units", "doses_per_vial", "days_per_vial"],
    "intranasal": ["sprays_per_dose", "mcg_per_spray", "delivered_mcg", "sprays_per_bottle", "doses_per_bottle",
                   "days_per_bottle"],
}
REVERSE_WARNING = "target_water_outside_limits"  # shown beside reverse mode, not in the list


def assert_clean(page_log) -> None:
    assert page_log.blocked == [], page_log.blocked
    assert page_log.console_errors == [], page_log.console_errors
    assert page_log.failed == [], page_log.failed


def full_inputs(vector_inputs: dict) -> dict:
    """Every control's value: the vector's, else the math's own default (the page starts elsewhere)."""
    return {**DEFAULTS, "target_units": "", **vector_inputs}


def fill(calc: Locator, inputs: dict) -> None:
    route = "Nasal spray or drops" if inputs["route"] == "intranasal" else "Injection"
    calc.get_by_role("radio", name=route, exact=True).check()
    calc.get_by_role("group", name="Vial unit").get_by_role("radio", name=inputs["vial_unit"], exact=True).check()
    calc.get_by_role("group", name="Dose unit").get_by_role("radio", name=inputs["dose_unit"], exact=True).check()
    calc.get_by_label("Vial size", exact=True).fill(str(inputs["vial_amount"]))
    calc.get_by_label("Water added", exact=True).fill(str(inputs["water_ml"]))
    calc.get_by_label("Dose", exact=True).fill(str(inputs["dose_amount"]))
    calc.get_by_label("Doses per day", exact=True).fill(str(inputs["per_day"]))
    if inputs["route"] == "intranasal":
        calc.get_by_label("Spray volume", exact=True).fill(str(inputs["spray_ml"]))
    else:
        calc.get_by_label("Syringe", exact=True).select_option(inputs["syringe"])
        calc.get_by_label("Syringe size", exact=True).select_option(f"{float(inputs['capacity_ml']):g}")
        reverse = calc.get_by_role("checkbox", name=re.compile("Work backwards"))
        reverse.set_checked(inputs["target_units"] != "")
        if inputs["target_units"] != "":
            calc.get_by_label("Target units", exact=True).fill(str(inputs["target_units"]))


def error_for(control: Locator) -> Locator:
    """The message a control points to with aria-describedby (its only .calc-error)."""
    ids = (control.get_attribute("aria-describedby") or "").split()
    return control.page.locator(", ".join(f"#{i}.calc-error" for i in ids) or ".no-such-error")


def value_of(calc: Locator, key: str) -> str:
    return calc.locator(f'[data-key="{key}"] .calc-value').inner_text()


def assert_shows(calc: Locator, out: dict, route: str) -> None:
    assert out["ok"], out
    r = out["result"]
    for key in SHOWN["both"] + SHOWN[route]:
        assert value_of(calc, key) == shown(key, r[key]), key
    # The other route's figures are hidden: a bottle is never counted in doses of the dose entered.
    other = SHOWN["intranasal" if route == "injection" else "injection"]
    for key in set(other) - set(SHOWN[route]):
        expect(calc.locator(f'[data-key="{key}"]')).to_be_hidden()
    mg_per_ml = f"{shown('concentration_mg_per_ml', r['concentration_mg_per_ml'])} mg/mL"
    assert mg_per_ml in calc.locator('[data-key="concentration_mcg_per_ml"]').inner_text()
    if route == "injection":
        left = f"{shown('leftover_mcg', r['leftover_mcg'])} mcg left over"
        assert left in calc.locator('[data-key="doses_per_vial"]').inner_text()
    shown_warnings = calc.locator(".calc-warnings li").all_inner_texts()
    for w in out["warnings"]:
        if w["code"] == REVERSE_WARNING:
            expect(calc.locator(".calc-reverse-problem")).to_have_text(w["message"])
            assert w["message"] not in shown_warnings
        else:
            assert w["message"] in shown_warnings
    # Exactly the math's warnings: the page adds none of its own (none about reported doses).
    assert len(shown_warnings) == len([w for w in out["warnings"] if w["code"] != REVERSE_WARNING])


@pytest.mark.parametrize("name", INJECTION_VECTORS + NASAL_VECTORS)
def test_shown_results_match_the_python_math(page: Page, page_log, book_url: str, name: str) -> None:
    inputs = full_inputs(VECTORS[name]["inputs"])
    assert VECTORS[name]["expect"]["ok"]
    calc = open_calculator(page, book_url)
    fill(calc, inputs)
    out = calculate(inputs)
    assert_shows(calc, out, inputs["route"])
    # The no-JavaScript summary of the same inputs shows the same digits (one rule, one spec).
    summary = Calculator(**{k: inputs[k] for k in INPUTS}).fallback_html()
    assert f"<dd>{value_of(calc, 'volume_ml')} mL</dd>" in summary
    assert f"<dd>{value_of(calc, 'concentration_mcg_per_ml')} mcg/mL (" in summary
    if inputs["route"] == "injection":
        picture = calc.get_by_role("img", name=re.compile("Syringe picture"))
        expect(picture).to_have_attribute("aria-label", re.compile(rf"{out['result']['syringe_capacity_units']}\b"))
        if out["result"]["units"] > out["result"]["syringe_capacity_units"]:
            expect(picture.locator(".calc-overflow")).to_be_visible()
        else:
            expect(picture.locator(".calc-overflow")).to_be_hidden()
    if inputs["target_units"] != "":
        water = shown("water_for_target_ml", out["result"]["water_for_target_ml"])
        if REVERSE_WARNING in {w["code"] for w in out["warnings"]}:
            expect(calc.get_by_role("button", name=re.compile(r"^Use "))).to_be_hidden()
            expect(calc.locator(".calc-reverse-answer")).to_be_hidden()
        else:
            expect(calc.locator(".calc-reverse-answer")).to_contain_text(f"Add {water} mL of water")
            expect(calc.locator(".calc-reverse-problem")).to_be_hidden()
    assert_clean(page_log)


def test_nasal_counts_follow_the_whole_sprays(page: Page, page_log, book_url: str) -> None:
    """300 mcg asked, but one 0.1 mL spray of 10 mg in 2 mL delivers 500 mcg: the bottle gives 20 doses and
    lasts 20 days; the page must not also say "33 doses per vial" (doses of the 300 mcg entered)."""
    calc = open_calculator(page, book_url, "#calc=vial=10mg&water=2&dose=300mcg&per_day=1&route=intranasal&spray=0.1")
    expect(calc.locator('[data-key="sprays_per_dose"] .calc-value')).to_have_text("1")
    assert value_of(calc, "delivered_mcg") == "500"
    bottle = [value_of(calc, key) for key in ("sprays_per_bottle", "doses_per_bottle", "days_per_bottle")]
    assert bottle == ["20", "20", "20"]
    expect(calc.locator('[data-key="doses_per_bottle"]')).to_contain_text("of 1 whole spray each")
    expect(calc.locator('[data-key="days_per_bottle"]')).to_contain_text("at 1 dose a day")
    expect(calc.locator('[data-key="doses_per_vial"]')).to_be_hidden()
    expect(calc.locator('[data-key="days_per_vial"]')).to_be_hidden()
    assert "33" not in calc.locator(".calc-stats").inner_text()
    calc.get_by_label("Doses per day", exact=True).fill("2")
    expect(calc.locator('[data-key="days_per_bottle"] .calc-value')).to_have_text("10")
    assert_clean(page_log)


def test_reverse_mode_offers_only_water_the_calculator_accepts(page: Page, page_log, book_url: str) -> None:
    calc = open_calculator(page, book_url, "#calc=vial=1000mg&water=2&dose=0.1mcg&route=injection&target=10")
    inputs = {**full_inputs({}), "vial_amount": "1000", "water_ml": "2", "dose_amount": "0.1", "target_units": "10"}
    out = calculate(inputs)
    assert out["result"]["water_for_target_ml"] > 100
    [warning] = [w["message"] for w in out["warnings"] if w["code"] == REVERSE_WARNING]
    expect(calc.locator(".calc-reverse-problem")).to_have_text(warning)
    expect(calc.locator(".calc-reverse-problem")).to_be_visible()
    expect(calc.get_by_role("button", name=re.compile(r"^Use "))).to_be_hidden()
    assert "1,000,000" not in calc.inner_text() and "Add " not in calc.locator(".calc-reverse").inner_text()
    # A target within reach brings the amount and its button back, and the button's water is accepted.
    calc.get_by_label("Dose", exact=True).fill("10000")
    use = calc.get_by_role("button", name=re.compile(r"^Use "))
    expect(use).to_be_visible()
    expect(calc.locator(".calc-reverse-problem")).to_be_hidden()
    use.click()
    expect(calc.get_by_label("Water added", exact=True)).to_have_value("10")  # 1e6 x 10 x 0.01 / 10000
    expect(calc.locator('[data-key="units"] .calc-value')).to_have_text("10")
    expect(calc.locator(".calc-problem")).to_be_hidden()
    assert_clean(page_log)


def start_inputs() -> dict:
    return Calculator().inputs()


@pytest.mark.parametrize("raw", ["abc", "0", "-1", "", "1e400", "1,5"])
@pytest.mark.parametrize(("label", "field"), [("Water added", "water_ml"), ("Dose", "dose_amount")])
def test_bad_input_shows_its_message_and_no_numbers(page: Page, page_log, book_url: str, label, field, raw) -> None:
    calc = open_calculator(page, book_url)
    box = calc.get_by_label(label, exact=True)
    box.fill(raw)
    message = calculate({**start_inputs(), field: raw})["error"]["message"]
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(error_for(box)).to_have_text(message)
    expect(error_for(box)).to_be_visible()  # next to the field
    assert calc.locator(f'[data-field="{field}"]').locator(error_for(box)).count() == 1
    expect(calc.locator(".calc-problem")).to_contain_text(message)
    expect(calc.locator(".calc-stats")).to_be_hidden()
    text = page.inner_text("body")
    assert "NaN" not in text and "Infinity" not in text and "undefined" not in text
    box.fill("2")  # fixing it brings the numbers back
    expect(calc.locator(".calc-stats")).to_be_visible()
    expect(box).not_to_have_attribute("aria-invalid", "true")
    assert_clean(page_log)


def test_the_slider_moves_by_keyboard_and_keeps_the_box_in_step(page: Page, page_log, book_url: str) -> None:
    calc = open_calculator(page, book_url)
    calc.get_by_role("radio", name="Injection", exact=True).check()
    before = value_of(calc, "units")
    slider = calc.get_by_label("Water added slider", exact=True)
    slider.focus()
    page.keyboard.press("ArrowRight")
    box = calc.get_by_label("Water added", exact=True)
    water = box.input_value()
    assert water == slider.input_value() and float(water) > float(start_inputs()["water_ml"])
    after = value_of(calc, "units")
    assert after != before
    expected = calculate({**start_inputs(), "route": "injection", "water_ml": water})["result"]["units"]
    assert after == shown("units", expected)
    calc.get_by_label("Water added", exact=True).fill("3")
    assert slider.input_value() == "3"
    assert_clean(page_log)


def test_every_control_is_reached_by_tab(page: Page, page_log, book_url: str) -> None:
    calc = open_calculator(page, book_url)
    calc.get_by_role("radio", name="Injection", exact=True).check()
    calc.get_by_role("radio", name="Injection", exact=True).focus()
    names = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        names.add(page.evaluate("""() => { const a = document.activeElement;
            return a.getAttribute('aria-label')
                || (a.labels && a.labels[0] ? a.labels[0].innerText.trim() : a.innerText); }"""))
    for name in ("Vial size", "Vial size slider", "Water added", "Water added slider", "Dose", "Dose slider",
                 "Doses per day", "Syringe", "Syringe size", "Copy link"):
        assert name in names, (name, names)


def test_a_shared_link_restores_the_inputs_and_the_result(page: Page, page_log, book_url: str) -> None:
    fragment = "#calc=vial=5mg&water=2.5&dose=250mcg&syringe=U-50&cap=0.5&per_day=2&route=injection"
    calc = open_calculator(page, book_url, fragment)
    expect(calc.get_by_label("Vial size", exact=True)).to_have_value("5")
    expect(calc.get_by_label("Water added", exact=True)).to_have_value("2.5")
    expect(calc.get_by_label("Dose", exact=True)).to_have_value("250")
    expect(calc.get_by_label("Syringe", exact=True)).to_have_value("U-50")
    expect(calc.get_by_label("Syringe size", exact=True)).to_have_value("0.5")
    expect(calc.get_by_label("Doses per day", exact=True)).to_have_value("2")
    expect(calc.get_by_role("radio", name="Injection", exact=True)).to_be_checked()
    inputs = {**DEFAULTS, "vial_amount": "5", "vial_unit": "mg", "water_ml": "2.5", "dose_amount": "250",
              "dose_unit": "mcg", "syringe": "U-50", "capacity_ml": "0.5", "per_day": "2", "route": "injection"}
    assert_shows(calc, calculate(inputs), "injection")
    assert_clean(page_log)


def test_typing_updates_the_address_and_the_link_reopens_it(page: Page, page_log, book_url: str) -> None:
    calc = open_calculator(page, book_url)
    assert "#calc=" not in page.url  # untouched, the page keeps its own address
    calc.get_by_role("radio", name="Nasal spray or drops", exact=True).check()
    calc.get_by_role("group", name="Dose unit").get_by_role("radio", name="mg", exact=True).check()
    calc.get_by_label("Dose", exact=True).fill("0.25")
    calc.get_by_label("Spray volume", exact=True).fill("0.05")
    # page.url follows history.replaceState a moment later, so wait for it.
    expect(page).to_have_url(re.compile(r"#calc=.*dose=0\.25mg.*route=intranasal.*spray=0\.05"))
    link = calc.get_by_label("Link to these numbers", exact=True)
    expect(link).to_have_value(page.url)
    shown_before = value_of(calc, "mcg_per_spray"), value_of(calc, "sprays_per_dose")
    calc.get_by_role("button", name="Copy link").click()
    expect(calc.locator(".calc-copy-status")).not_to_be_empty()

    other = page.context.new_page()
    other.goto(link.input_value())
    again = other.locator(".explainer-widget .calc")
    expect(again.get_by_label("Dose", exact=True)).to_have_value("0.25")
    assert (value_of(again, "mcg_per_spray"), value_of(again, "sprays_per_dose")) == shown_before
    assert_clean(page_log)


def test_bad_values_in_a_link_get_their_message(page: Page, page_log, book_url: str) -> None:
    calc = open_calculator(page, book_url, "#calc=water=abc&syringe=U-99&route=injection")
    water = calc.get_by_label("Water added", exact=True)
    expect(water).to_have_value("abc")
    expect(water).to_have_attribute("aria-invalid", "true")
    expect(error_for(water)).to_have_text(calculate({**start_inputs(), "water_ml": "abc"})["error"]["message"])
    water.fill("2")  # the next problem in the link is the syringe
    message = calculate({**start_inputs(), "route": "injection", "syringe": "U-99"})["error"]["message"]
    syringe = calc.get_by_label("Syringe", exact=True)
    expect(syringe).to_have_attribute("aria-invalid", "true")
    expect(error_for(syringe)).to_have_text(message)
    assert "NaN" not in page.inner_text("body")
    assert_clean(page_log)


def test_the_results_and_notes_print(page: Page, page_log, book_url: str) -> None:
    calc = open_calculator(page, book_url, "#calc=vial=10mg&water=2&dose=300mcg&route=injection")
    page.emulate_media(media="print")
    expect(calc.locator('[data-key="units"]')).to_be_visible()
    expect(calc.get_by_role("img", name=re.compile("Syringe picture"))).to_be_visible()
    expect(calc.locator(".calc-assumptions")).to_be_visible()
    expect(calc.locator(".calc-note")).to_have_text(load_compound("semax").calculator.note)  # the content's words
    # The not-medical-advice line prints once, from the page; the calculator does not repeat it there.
    expect(page.locator(".explainer-disclaimer")).to_be_visible()
    expect(calc.locator(".calc-disclaimer")).to_have_count(0)


def test_in_jupyterlab_the_page_draws_what_python_sent(page: Page, page_log, book_url: str) -> None:
    """Outside the book's placeholder the module is in JupyterLab: inputs go to the kernel (set +
    save_changes) and the result shown is the model's, not one computed in the page."""
    open_calculator(page, book_url)
    state = Calculator(route="injection").state()
    log = page.evaluate(
        """async (state) => {
            // The same module the page's widget host loaded (its classic build names it on window).
            const mod = window.explainerWidgets.calculator;
            const listeners = {}, saved = [];
            const model = {
              get: (k) => state[k],
              set: (k, v) => { state[k] = v; (listeners["change:" + k] || []).forEach((f) => f()); },
              save_changes: () => saved.push(JSON.stringify(state.water_ml)),
              on: (n, f) => (listeners[n] = listeners[n] || []).push(f),
              off: () => {},
              send: () => {},
            };
            const el = document.createElement("div");
            document.body.append(el);
            mod.default.render({ model, el });
            const box = [...el.querySelectorAll("input")]
              .find((i) => i.labels[0] && i.labels[0].innerText === "Water added");
            box.value = "4";
            box.dispatchEvent(new Event("input"));
            const beforeKernel = el.querySelector('[data-key="units"] .calc-value').innerText;
            // The kernel answers with its own result (a marker value here, so a local recompute would show).
            const result = { ...state.result, result: { ...state.result.result, units: 12.34 } };
            model.set("result", result);
            const afterKernel = el.querySelector('[data-key="units"] .calc-value').innerText;
            el.remove();
            return { saved, beforeKernel, afterKernel, hash: location.hash };
        }""",
        state,
    )
    assert log["saved"] == ['"4"']
    assert log["beforeKernel"] == "6"  # still the last result Python sent
    assert log["afterKernel"] == "12.3"
    assert log["hash"] == ""  # JupyterLab has no page address to keep
    assert_clean(page_log)


def test_a_link_keeps_a_blank_box_blank(page: Page, page_log, book_url: str) -> None:
    calc = open_calculator(page, book_url)
    calc.get_by_label("Vial size", exact=True).fill("")
    expect(page).to_have_url(re.compile(r"#calc=vial=mg&"))
    again = page.context.new_page()
    again.goto(page.url)
    box = again.locator(".explainer-widget .calc").get_by_label("Vial size", exact=True)
    expect(box).to_have_value("")
    expect(error_for(box)).to_have_text(calculate({**start_inputs(), "vial_amount": ""})["error"]["message"])
    assert_clean(page_log)


def test_a_dose_is_never_weighed_against_reported_doses(page: Page, page_log, book_url: str) -> None:
    calc = open_calculator(page, book_url, "#calc=vial=10mg&water=3&dose=250mcg&per_day=1&route=injection")
    expect(calc.locator('[data-key="units"] .calc-value')).to_have_text("7.5")
    expect(calc.locator(".calc-warnings li")).to_have_count(0)  # 250 mcg once drew "below the community range"
    for per_day in ("3", "24"):
        calc.get_by_label("Doses per day", exact=True).fill(per_day)
        expect(calc.locator(".calc-warnings li")).to_have_count(0)
    # The starting-values note names its figure's evidence grade (where the example comes from), and the route
    # hint the grade of how people take it; nothing else in the calculator speaks of what people report.
    start_note = calc.locator(".calc-start-note").inner_text()
    route_note = (load_compound("semax").calculator.route_note.text.strip() + " (").lower()
    said = calc.inner_text().lower().replace(start_note.lower(), "")
    assert route_note in " ".join(said.split()), "the route hint is shown with its grade"
    assert "community" not in re.sub(re.escape(route_note) + r"[^)]*\)", "", " ".join(said.split()))
    # The starting dose is named with the status of the figure it comes from.
    status = load_compound("semax").dosing.row("standard").status
    expect(calc.locator(".calc-start-note")).to_contain_text(status)
    assert_clean(page_log)


def test_the_reader_sees_no_internal_words(page: Page, page_log, book_url: str) -> None:
    calc = open_calculator(page, book_url)
    for route in ("Injection", "Nasal spray or drops"):
        calc.get_by_role("radio", name=route, exact=True).check()
        text = calc.inner_text().lower()
        for jargon in ("content file", "yaml", "compound file", "kernel", "widget", "trait", "undefined"):
            assert jargon not in text, (route, jargon)
    assert_clean(page_log)
