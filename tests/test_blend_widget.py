"""The blend widget's Python side: starting values from the spec, results from the Python math, a placeholder."""

from __future__ import annotations

import json
import re

import pytest
import traitlets

from explainer.blend import EXAMPLE, calculate, example
from explainer.widgets import all_widgets
from explainer.widgets.blend import INPUTS, Blend
from tests.helpers import widget_state

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
NAMES = ("Semax", "Selank")  # the collection's compounds, as the stacking page passes them


def placeholder_state(widget) -> dict:
    bundle, _ = widget._repr_mimebundle_()
    return widget_state(bundle["text/html"])


def test_published_with_a_built_module() -> None:
    assert {cls.asset_name: cls for cls in all_widgets()}["blend"] is Blend
    assert re.search(r"\bas default\b", Blend.esm_text()) and "@media print" in Blend.css_text()
    assert "#blend=" in Blend.esm_text()


def test_starting_values_are_the_specs_examples_for_the_peptides_named(monkeypatch: pytest.MonkeyPatch) -> None:
    b = Blend(NAMES)
    assert b.peptides == [{"name": "Semax", "amount": 5, "unit": "mg"}, {"name": "Selank", "amount": 5, "unit": "mg"}]
    assert b.target_name == "Semax" and b.water_ml == EXAMPLE["water_ml"] and b.mode == EXAMPLE["mode"]
    assert b.result == calculate(b.inputs()) and b.result["ok"]
    assert [p["name"] for p in Blend(["Alpha", "Beta", "Gamma"]).peptides] == ["Alpha", "Beta", "Gamma"]
    monkeypatch.setattr("explainer.blend.EXAMPLE", {**EXAMPLE, "water_ml": 4})
    assert Blend(NAMES).water_ml == 4  # read from the spec, not typed in the class
    assert example(NAMES)["peptides"] == b.peptides


def test_python_sets_and_reads_the_state() -> None:
    b = Blend(NAMES)
    assert b.result["result"]["per_peptide_mcg"] == pytest.approx({"Semax": 250, "Selank": 250})
    b.water_ml = "4"
    assert b.result["result"]["per_peptide_mcg"]["Semax"] == pytest.approx(125)
    b.mode, b.target_name, b.target_amount = "target", "Selank", 300
    assert b.result["result"]["units"] == pytest.approx(24)
    b.peptides = [*b.peptides, {"name": "BPC-157", "amount": 10, "unit": "mg"}]
    assert b.result["result"]["per_peptide_mcg"]["BPC-157"] == pytest.approx(600)
    b.route, b.spray_ml = "intranasal", "0.1"
    assert b.result["result"]["sprays"] == 2


def test_bad_input_gives_the_maths_message() -> None:
    b = Blend(NAMES, peptides=[{"name": "Semax", "amount": "abc"}, {"name": "Selank", "amount": 5}])
    assert b.result == calculate(b.inputs()) and b.result["error"]["field"] == "peptides.0.amount"
    assert "Amount of Semax must be a number" in b.fallback_html()
    json.dumps(b.state(), allow_nan=False)
    with pytest.raises(traitlets.TraitError):
        b.water_ml = [1]
    with pytest.raises(TypeError, match="colour"):
        Blend(NAMES, colour="blue")


def test_placeholder_carries_the_state_and_a_summary() -> None:
    b = Blend(NAMES, water_ml=3)
    bundle, _ = b._repr_mimebundle_()
    assert WIDGET_VIEW in bundle and 'data-widget="blend"' in bundle["text/html"]
    state = placeholder_state(b)
    assert {k: state[k] for k in INPUTS} == b.inputs()
    assert "Semax 1,666.7 mcg/mL, Selank 1,666.7 mcg/mL" in b.fallback_html()  # 5000 / 3 by the one rule
