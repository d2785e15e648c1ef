"""The calculator widget's Python side: defaults from the compound's content, results from the Python math."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import traitlets

from explainer.collection import disclaimer_text, read_config
from explainer.content import load_compound
from explainer.reconstitution import SPEC, calculate
from explainer.widgets import WIDGET_CLASS
from explainer.widgets.calculator import INPUTS, Calculator
from tests.helpers import FIXTURE, widget_state

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def expected_start(compound: str | Path) -> dict:
    start = {k: v for k, v in load_compound(compound).calculator_inputs().items() if k in INPUTS}
    return {**start, "target_units": ""}  # reverse mode starts off


def test_calculator_inputs_are_the_maths_inputs() -> None:
    start = load_compound("semax").calculator_inputs()
    assert set(INPUTS) - {"target_units"} <= set(start)
    assert (start["vial_unit"], start["dose_unit"]) == ("mg", "mcg")
    assert start["dose_amount"] == load_compound("semax").calculator_dose_mcg
    assert calculate(start)["ok"]


@pytest.mark.parametrize("compound", ["semax", FIXTURE])
def test_defaults_come_from_the_content(compound) -> None:
    c = Calculator(compound=compound)
    loaded = load_compound(compound)
    assert {k: getattr(c, k) for k in INPUTS} == expected_start(compound)
    # the collection's one not-medical-advice template, with this compound's name
    assert c.disclaimer == read_config().disclaimer_template.format(name=loaded.identity.name)
    assert c.note == loaded.calculator.note
    assert c.spray_presets == {"spray": loaded.calculator.spray_ml, "drop": loaded.calculator.drop_ml}
    assert c.result == calculate(c.inputs())


def test_a_loaded_compound_is_accepted_as_is() -> None:
    fixture = load_compound(FIXTURE)
    assert Calculator(fixture).state() == Calculator(compound=FIXTURE).state()


def test_the_fixture_really_differs_from_semax() -> None:
    # Guards the test above: were both files alike, it would prove nothing.
    assert expected_start(FIXTURE) != expected_start("semax")
    assert Calculator(compound=FIXTURE).route == "injection"


def test_a_changed_content_file_changes_the_defaults(monkeypatch) -> None:
    compound = load_compound("semax")
    changed = compound.model_copy(update={"calculator": compound.calculator.model_copy(update={"water_ml": 7.5})})
    monkeypatch.setattr("explainer.content.loader.load_compound", lambda name: changed)
    assert Calculator().water_ml == 7.5


def test_overrides_and_unknown_inputs() -> None:
    c = Calculator(water_ml=3, route="injection")
    assert c.water_ml == 3 and c.route == "injection"
    assert c.result["result"]["units"] == pytest.approx(9.0)
    with pytest.raises(TypeError, match="colour"):
        Calculator(colour="blue")


def test_setting_an_input_recomputes_the_result_in_python() -> None:
    c = Calculator(route="injection")
    assert c.result["result"]["units"] == pytest.approx(6.0)
    c.water_ml = 3
    assert c.result["result"]["units"] == pytest.approx(9.0)
    c.syringe = "U-40"
    assert c.result == calculate(c.inputs())
    c.route = "intranasal"
    c.spray_ml = "0.05"  # text, as a box sends it
    assert c.result["result"]["mcg_per_spray"] == pytest.approx(10000 / 3 * 0.05)


def test_reverse_mode_is_a_target_in_units() -> None:
    c = Calculator(route="injection")
    assert "water_for_target_ml" not in c.result["result"]
    c.target_units = "20"
    assert c.result["result"]["water_for_target_ml"] == pytest.approx(10000 * 20 * 0.01 / 300)
    c.target_units = None  # reverse mode off again
    assert c.target_units == "" and "water_for_target_ml" not in c.result["result"]


@pytest.mark.parametrize(
    ("field", "raw", "code"),
    [("water_ml", "abc", "not_a_number"), ("water_ml", "0", "zero"), ("dose_amount", "-1", "negative"),
     ("vial_amount", "", "empty"), ("vial_amount", "1e400", "too_large"), ("water_ml", float("inf"), "not_a_number"),
     ("syringe", "U-99", "unknown_choice")],
)
def test_bad_text_gives_the_maths_message(field, raw, code) -> None:
    c = Calculator()
    setattr(c, field, raw)
    out = c.result
    assert out["ok"] is False
    assert out["error"]["code"] == code and out["error"]["field"] == field
    assert out == calculate(c.inputs())  # the message is the math's, word for word
    json.dumps(c.state(), allow_nan=False)  # and the state stays valid JSON for the page


def test_inputs_are_numbers_or_text_only() -> None:
    c = Calculator()
    for bad in (True, [1], {"v": 1}):
        with pytest.raises(traitlets.TraitError):
            c.water_ml = bad


@pytest.mark.parametrize(("big", "code"), [(10**400, "too_large"), (-(10**400), "negative")])
def test_integers_past_a_double_read_as_the_page_reads_them(big, code) -> None:
    # JSON would carry the digits and the page would read Infinity ("not finite"); as text both say too large.
    c = Calculator()
    c.vial_amount = big
    assert isinstance(c.vial_amount, str) and len(c.vial_amount) < 16
    assert c.result["error"]["code"] == code
    state = json.loads(json.dumps(c.state(), allow_nan=False))
    assert calculate(state) == c.result  # what the page computes from the state it receives
    c.vial_amount = 10**300  # within a double's range: kept as the number it is
    assert c.vial_amount == 10**300 and c.result["error"]["code"] == "too_large"


def _with_dose_figures(standard: float, high: float):
    semax = load_compound("semax")
    range_high = semax.dosing.range_high_mcg_per_day.model_copy(update={"low": standard, "high": high})
    dosing = semax.dosing.model_copy(update={"standard_mcg_per_day": standard, "range_high_mcg_per_day": range_high})
    return semax.model_copy(update={"dosing": dosing})


@pytest.mark.parametrize("dose", ["1", "250", "300", "900", "5000"])
@pytest.mark.parametrize("per_day", ["1", "3"])
def test_no_warning_depends_on_the_dosing_figures(dose, per_day) -> None:
    """The same boxes with the dosing chapter's figures changed give the same result and warnings."""
    boxes = {"dose_amount": dose, "per_day": per_day, "route": "injection"}
    reference = Calculator(**boxes)
    for standard, high in ((300, 600), (10, 20), (5000, 90000), (250, 250)):
        other = Calculator(_with_dose_figures(standard, high), **boxes)
        assert other.result == reference.result, (standard, high)
    assert not any("community" in w["code"] or "community" in w["message"].lower()
                   for w in reference.result["warnings"])
    assert not any("community" in name for name in reference.state())


def test_250_mcg_draws_no_note_about_reported_doses() -> None:
    c = Calculator(dose_amount=250, route="injection")
    assert c.result["ok"] and c.result["warnings"] == []
    assert "community" not in c.fallback_html().lower() and "range" not in c.fallback_html().lower()


def test_the_starting_dose_names_its_source_and_that_figure_s_status() -> None:
    semax = load_compound("semax")
    status = semax.dosing.row("standard").status
    note = Calculator().start_note
    assert f"({semax.calculator_dose_mcg:g} mcg, 1 dose a day)" in note and status in note
    assert note in Calculator().fallback_html().replace("&#x27;", "'")
    # A changed status travels; no status, no claim about one; a dose the caller set is not "the figure".
    rows = tuple(r.model_copy(update={"status": "reviewed"}) if r.key == "standard" else r for r in semax.dosing.rows)
    changed = semax.model_copy(update={"dosing": semax.dosing.model_copy(update={"rows": rows})})
    assert "status: reviewed." in Calculator(changed).start_note
    rows = tuple(r.model_copy(update={"status": None}) if r.key == "standard" else r for r in semax.dosing.rows)
    unreviewed = semax.model_copy(update={"dosing": semax.dosing.model_copy(update={"rows": rows})})
    assert "status" not in Calculator(unreviewed).start_note  # an optional status that is not given
    assert Calculator(dose_amount=250).start_note == ""
    no_row = semax.model_copy(update={"dosing": semax.dosing.model_copy(
        update={"rows": tuple(r for r in semax.dosing.rows if r.key != "standard")})})
    assert "status" not in Calculator(no_row).start_note and "dosing chapter" in Calculator(no_row).start_note


def test_state_carries_the_inputs_and_the_text_the_page_needs() -> None:
    c = Calculator(water_ml="2.5")
    state = json.loads(json.dumps(c.state(), allow_nan=False))
    for name in INPUTS:
        assert state[name] == getattr(c, name)
    for name in ("result", "disclaimer", "note", "start_note", "route_note", "spray_presets"):
        assert name in state
    assert not {"_esm", "_css", "layout"} & set(state)


def test_html_holds_the_placeholder_and_the_no_javascript_result() -> None:
    c = Calculator(route="injection", water_ml=2.5)
    page = c.to_html()
    assert page.startswith(f'<div class="{WIDGET_CLASS}" data-widget="calculator">')
    state = widget_state(page)
    assert state["water_ml"] == 2.5
    assert "Units to draw" in page and "7.5 units" in page  # 300 mcg / (10 mg / 2.5 mL) = 0.075 mL
    assert "4,000 mcg/mL" in page
    assert "not medical advice" in page  # the disclaimer


def test_no_javascript_page_shows_the_nasal_figures_and_errors_in_words() -> None:
    page = Calculator(route="intranasal").fallback_html()
    assert SPEC["results"]["sprays_per_dose"] in page and "500 mcg" in page
    c = Calculator(water_ml="abc")
    assert "Water added must be a number" in c.fallback_html()
    assert "NaN" not in c.fallback_html()


def test_no_javascript_nasal_counts_follow_the_whole_sprays() -> None:
    # 300 mcg asked, one 0.1 mL spray of 5,000 mcg/mL delivers 500: 20 doses, not "33 doses per vial".
    c = Calculator(route="intranasal", spray_ml=0.1, per_day=2)
    r = c.result["result"]
    assert (r["sprays_per_bottle"], r["doses_per_bottle"], r["days_per_bottle"]) == (20, 20, 10)
    page = c.fallback_html()
    assert "<dt>Doses per bottle</dt><dd>20, 1 spray each</dd>" in page
    assert "<dt>Days the bottle lasts</dt><dd>10, at 2 doses a day</dd>" in page
    assert "Doses per vial" not in page and "33" not in page
    assert "Whole sprays deliver" in page  # the rounding warning, as the page lists it
    injection = Calculator(route="injection").fallback_html()
    assert "<dt>Doses per vial</dt><dd>33 (100 mcg left over)</dd>" in injection and "bottle" not in injection


def test_no_javascript_reverse_mode_never_offers_water_outside_the_limits() -> None:
    fine = Calculator(route="injection", target_units=10).fallback_html()
    assert "Add 3.33 mL of water so each dose of 300 mcg fills 10 units." in fine
    c = Calculator(route="injection", vial_amount=1000, dose_amount=0.1, target_units=10)
    assert c.result["result"]["water_for_target_ml"] > 100
    page = c.fallback_html()
    assert "No amount of water from 0.01 to 100 mL makes each dose fill 10 units." in page and "Add " not in page
    assert "more than 100 mL of water" in page and "Choose fewer units" in page


def test_no_reader_facing_text_speaks_of_the_internals() -> None:
    c = Calculator()
    reader_text = " ".join([c.note, c.route_note, c.disclaimer, c.start_note, c.fallback_html(), json.dumps(SPEC)])
    for jargon in ("content file", "yaml", "compound file", "trait", "kernel", "widget"):
        assert jargon not in reader_text.lower(), jargon
    compound = load_compound("semax")
    assert (c.note, c.disclaimer) == (compound.calculator.note, disclaimer_text(compound))


def test_mime_bundle_has_the_book_html_and_the_live_widget() -> None:
    data, _ = Calculator()._repr_mimebundle_()
    assert data["text/html"].startswith(f'<div class="{WIDGET_CLASS}"')
    assert "model_id" in data[WIDGET_VIEW]


def test_both_homes_get_the_one_built_module() -> None:
    """JupyterLab's _esm and the book's classic copy are bundles esbuild made from one source: the math, the
    spec's words and the page in one self-contained module, with no imports left to resolve."""
    esm = Calculator.esm_text()
    assert Calculator()._esm == esm and Calculator()._css == Calculator.css_text()
    assert "function calculate(" in esm and "function render(" in esm and "as default" in esm
    assert SPEC["warnings"]["exceeds_syringe"] in esm  # the spec, bundled in
    assert not re.search(r"^\s*import\b", esm, re.M) and "import(" not in esm
    # The book's copy is the same bundle as a classic script (a page opened from disk cannot load a module):
    # no import or export, and it names its exports on window for widget-host.js.
    classic = Calculator.classic_text()
    assert "function calculate(" in classic and "function render(" in classic
    assert SPEC["warnings"]["exceeds_syringe"] in classic
    assert "explainerWidgets.calculator = " in classic
    assert not re.search(r"^\s*(import|export)\b", classic, re.M) and "import(" not in classic
    css = Calculator.css_text()
    assert ".explainer-ui" in css and ".explainer-sr" in css  # the shared theme block, bundled in
    assert "url(" not in css and "@import" not in css


@pytest.mark.skipif(shutil.which("node") is None, reason="node builds the modules")
def test_the_built_modules_are_what_the_sources_build() -> None:
    """What JupyterLab and the book load is a fresh esbuild bundle of today's sources."""
    script = Path(__file__).parents[1] / "src" / "explainer" / "frontend" / "build.mjs"
    done = subprocess.run(["node", str(script), "--check"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
