"""The blend calculator's math in Python: every shared vector, then what the vectors cannot say alone."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from explainer import blend, reconstitution
from explainer.blend import ERROR_CODES, EXAMPLE, SPEC, WARNING_CODES, calculate, example

VECTORS_PATH = Path(__file__).parent / "vectors" / "blend.json"
SPECIALS = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}
BASE = {
    "peptides": [{"name": "Semax", "amount": 5, "unit": "mg"}, {"name": "Selank", "amount": 5, "unit": "mg"}],
    "water_ml": 2,
}


def revive(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$special"}:
            return SPECIALS[value["$special"]]
        return {key: revive(item) for key, item in value.items()}
    if isinstance(value, list):
        return [revive(item) for item in value]
    return value


def close(actual: Any, expected: Any) -> bool:
    """Numbers within 1e-9 relative; per-peptide objects name by name; anything else equal."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and set(actual) == set(expected) and all(
            close(actual[k], v) for k, v in expected.items())
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        if not isinstance(actual, (int, float)) or isinstance(actual, bool):
            return False
        gap = abs(actual - expected)
        return actual == expected or gap <= 1e-9 * max(abs(actual), abs(expected)) or gap <= 1e-12
    return actual == expected


VECTORS = json.loads(VECTORS_PATH.read_text(encoding="utf-8"))["cases"]


def test_vector_file_covers_every_outcome() -> None:
    bad = [case for case in VECTORS if not case["expect"]["ok"]]
    assert len(VECTORS) >= 60 and len(bad) >= 30
    assert {case["expect"]["error"]["code"] for case in bad} == set(ERROR_CODES)
    warned = {code for case in VECTORS if case["expect"]["ok"] for code in case["expect"]["warning_codes"]}
    assert warned == set(WARNING_CODES)


@pytest.mark.parametrize("case", VECTORS, ids=[case["name"] for case in VECTORS])
def test_vector(case: dict[str, Any]) -> None:
    out = calculate(revive(case["inputs"]))
    expect = case["expect"]
    assert out["ok"] is expect["ok"], out
    json.dumps(out, allow_nan=False)  # finite and JSON-friendly
    if not expect["ok"]:
        assert {"code": out["error"]["code"], "field": out["error"]["field"]} == expect["error"], out
        assert out["error"]["message"].strip() and "{" not in out["error"]["message"]
        assert expect.get("message_contains", "") in out["error"]["message"]
        return
    result = out["result"]
    for key, value in expect["result"].items():
        assert close(result[key], value), f"{key}: {result[key]!r} != {value!r}"
    assert [w["code"] for w in out["warnings"]] == expect["warning_codes"]
    assert all(w["message"].strip() and "{" not in w["message"] for w in out["warnings"])
    for key in expect.get("absent_keys", []):
        assert key not in result


def test_the_example_is_a_valid_blend_and_holds_no_dose() -> None:
    out = calculate(example(["Semax", "Selank"]))
    assert out["ok"] and out["warnings"] == []
    # No compound's name is typed in the spec: the page passes the collection's.
    assert "Semax" not in json.dumps(SPEC) and "Selank" not in json.dumps(SPEC)
    # The page starts on a volume drawn: the example names no target amount of any peptide.
    assert EXAMPLE["mode"] == "draw" and EXAMPLE["target_amount"] == ""


def test_shared_constants_are_the_calculators_not_copies() -> None:
    own = json.dumps(SPEC)
    for shared in ("syringe_ml_per_unit", "capacities_ml", "mcg_per_mg", "thresholds", "decimals", "routes"):
        assert shared not in SPEC
    assert "U-100" not in own and "0.025" not in own  # the syringe scales live in calculator-spec.json only
    assert blend.SYRINGE_ML_PER_UNIT is reconstitution.SYRINGE_ML_PER_UNIT


def test_a_changed_syringe_scale_reaches_the_blend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(reconstitution.SYRINGE_ML_PER_UNIT, "U-100", 0.02)
    out = calculate({**BASE, "mode": "draw", "draw_amount": 10})
    assert out["result"]["volume_ml"] == pytest.approx(0.2)


def test_the_target_peptide_gets_its_target_and_the_others_their_share() -> None:
    out = calculate({
        "peptides": [{"name": "A", "amount": 3, "unit": "mg"}, {"name": "B", "amount": 7, "unit": "mg"},
                     {"name": "C", "amount": 500, "unit": "mcg"}],
        "water_ml": 3.3, "target_name": "b", "target_amount": 123.4,
    })
    r = out["result"]
    assert r["per_peptide_mcg"]["B"] == pytest.approx(123.4)
    for name, vial in r["vial_mcg"].items():
        # Every peptide in the draw is the same fraction of its own vial amount.
        assert r["per_peptide_mcg"][name] / vial == pytest.approx(r["volume_ml"] / r["water_ml"])
    assert r["names"] == ["A", "B", "C"]


def test_calculate_does_not_change_its_inputs() -> None:
    inputs = {**BASE, "mode": "draw", "draw_amount": "10", "route": "intranasal"}
    snapshot = json.dumps(inputs)
    calculate(inputs)
    assert json.dumps(inputs) == snapshot


def test_no_warning_compares_with_reported_doses() -> None:
    for code in WARNING_CODES:
        assert not any(word in code for word in ("community", "range", "report", "recommend"))
    base = {**BASE, "target_name": "Semax", "target_amount": 300}
    assert calculate({**base, "community_range_mcg": [300, 600]}) == calculate(base)


def test_messages_name_the_peptide_and_read_as_words() -> None:
    out = calculate({**BASE, "peptides": [BASE["peptides"][0], {"name": "Selank", "amount": "lots"}]})
    assert out["error"]["message"] == "Amount of Selank must be a number such as 2 or 0.5, with a dot for decimals."
    over = calculate({**BASE, "target_name": "Selank", "target_amount": 6, "target_unit": "mg"})
    assert over["warnings"][0]["message"].startswith("This is more Selank than the whole vial holds (5,000 mcg).")
