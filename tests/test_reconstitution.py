"""The calculator's math in Python: every shared vector, then focused checks of formulas and invariants."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from explainer.reconstitution import (
    CAPACITIES_ML,
    ERROR_CODES,
    LIMITS,
    SYRINGE_ML_PER_UNIT,
    WARNING_CODES,
    calculate,
    parse_number,
)

VECTORS_PATH = Path(__file__).parent / "vectors" / "reconstitution.json"
SPECIALS = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}
BASE_KEYS = {
    "concentration_mcg_per_ml", "concentration_mg_per_ml", "dose_mcg", "vial_mcg", "volume_ml", "units",
    "ml_per_unit", "syringe_capacity_units", "fill_fraction", "daily_mcg",
}
# The counts follow what is given: doses of the dose entered from a vial, whole sprays from a bottle.
INJECTION_KEYS = {"doses_per_vial", "leftover_mcg", "days_per_vial"}
NASAL_KEYS = {
    "mcg_per_spray", "sprays_per_dose_exact", "sprays_per_dose", "delivered_mcg", "sprays_per_bottle",
    "doses_per_bottle", "days_per_bottle",
}
BASIC = {"vial_amount": 10, "vial_unit": "mg", "water_ml": 2, "dose_amount": 300, "dose_unit": "mcg"}


def revive(value: Any) -> Any:
    """Turn the vectors' {"$special": "NaN"} markers into the numbers JSON cannot hold."""
    if isinstance(value, dict):
        if set(value) == {"$special"}:
            return SPECIALS[value["$special"]]
        return {key: revive(item) for key, item in value.items()}
    if isinstance(value, list):
        return [revive(item) for item in value]
    return value


def close(actual: float, expected: float) -> bool:
    gap = abs(actual - expected)
    return actual == expected or gap <= 1e-9 * max(abs(actual), abs(expected)) or gap <= 1e-12


VECTORS = json.loads(VECTORS_PATH.read_text())["cases"]


def test_vector_file_is_big_enough() -> None:
    bad = [case for case in VECTORS if not case["expect"]["ok"]]
    assert len(VECTORS) >= 70 and len(bad) >= 35
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
        assert out["error"]["message"].strip()
        return
    result = out["result"]
    for key, value in expect["result"].items():
        assert close(result[key], value), f"{key}: {result[key]!r} != {value!r}"
    assert [w["code"] for w in out["warnings"]] == expect["warning_codes"]
    for key in expect.get("absent_keys", []):
        assert key not in result


# --- formulas on the worked example: 10 mg in 2 mL, 300 mcg per dose


def test_worked_example() -> None:
    r = calculate(BASIC)["result"]
    assert r["concentration_mcg_per_ml"] == 5000
    assert r["concentration_mg_per_ml"] == 5
    assert r["volume_ml"] == pytest.approx(0.06)
    assert r["units"] == pytest.approx(6)
    assert (r["doses_per_vial"], r["leftover_mcg"]) == (33, pytest.approx(100))


@pytest.mark.parametrize(("syringe", "units"), [("U-100", 6), ("U-50", 3), ("U-40", 2.4)])
def test_units_on_each_scale(syringe: str, units: float) -> None:
    r = calculate({**BASIC, "syringe": syringe})["result"]
    assert r["units"] == pytest.approx(units)
    assert r["units"] * r["ml_per_unit"] == pytest.approx(r["volume_ml"])


@pytest.mark.parametrize("syringe", list(SYRINGE_ML_PER_UNIT))
@pytest.mark.parametrize("capacity", CAPACITIES_ML)
def test_capacity_units_are_whole(syringe: str, capacity: float) -> None:
    r = calculate({**BASIC, "syringe": syringe, "capacity_ml": capacity})["result"]
    assert r["syringe_capacity_units"] == round(capacity / SYRINGE_ML_PER_UNIT[syringe])
    assert isinstance(r["syringe_capacity_units"], int)


def test_constants() -> None:
    assert SYRINGE_ML_PER_UNIT == {"U-100": 0.01, "U-50": 0.02, "U-40": 0.025}
    assert CAPACITIES_ML == (0.3, 0.5, 1.0)
    assert LIMITS["vial_mcg"]["max"] == 1_000_000 and LIMITS["per_day"]["max"] == 24


def test_mg_and_mcg_are_the_same_amount() -> None:
    in_mg = calculate({**BASIC, "vial_amount": 2, "dose_amount": 0.25, "dose_unit": "mg"})
    in_mcg = calculate({**BASIC, "vial_amount": 2000, "vial_unit": "mcg", "dose_amount": 250})
    assert in_mg == in_mcg


def test_reverse_mode_gives_the_water_that_makes_the_target() -> None:
    first = calculate({**BASIC, "target_units": 25})["result"]
    again = calculate({**BASIC, "water_ml": first["water_for_target_ml"]})["result"]
    assert again["units"] == pytest.approx(25)


@pytest.mark.parametrize(
    ("inputs", "side"),
    [
        ({**BASIC, "vial_amount": 1000, "dose_amount": 0.1, "target_units": 10}, "more than 100 mL"),
        ({**BASIC, "vial_amount": 1, "dose_amount": 2, "dose_unit": "mg", "target_units": 1}, "less than 0.01 mL"),
    ],
)
def test_reverse_mode_warns_when_the_water_is_outside_the_limits(inputs: dict[str, Any], side: str) -> None:
    out = calculate(inputs)
    water = out["result"]["water_for_target_ml"]
    assert not LIMITS["water_ml"]["min"] <= water <= LIMITS["water_ml"]["max"]
    assert calculate({**inputs, "water_ml": water})["ok"] is False  # the amount itself would not be accepted
    [warning] = [w for w in out["warnings"] if w["code"] == "target_water_outside_limits"]
    assert side in warning["message"] and "units" in warning["message"]
    inside = calculate({**BASIC, "target_units": 25})
    assert "target_water_outside_limits" not in {w["code"] for w in inside["warnings"]}


def test_intranasal_outputs() -> None:
    r = calculate({**BASIC, "water_ml": 10, "route": "intranasal", "spray_ml": 0.1, "per_day": 2})["result"]
    assert set(r) == BASE_KEYS | NASAL_KEYS
    assert r["mcg_per_spray"] == pytest.approx(100)
    assert (r["sprays_per_dose"], r["sprays_per_bottle"], r["doses_per_bottle"], r["days_per_bottle"]) == (
        3, 100, 33, 16)
    assert r["delivered_mcg"] == pytest.approx(300)


def test_nasal_bottle_counts_follow_the_sprays_delivered() -> None:
    # 300 mcg asked, but one 0.1 mL spray delivers 500 mcg: the bottle gives 20 doses, never "33 per vial".
    out = calculate({**BASIC, "route": "intranasal", "spray_ml": 0.1})
    r = out["result"]
    assert (r["sprays_per_dose"], r["delivered_mcg"]) == (1, pytest.approx(500))
    assert (r["sprays_per_bottle"], r["doses_per_bottle"], r["days_per_bottle"]) == (20, 20, 20)
    assert not INJECTION_KEYS & set(r)
    assert [w["code"] for w in out["warnings"]] == ["spray_rounding"]


def test_result_keys_by_route_and_mode() -> None:
    assert set(calculate(BASIC)["result"]) == BASE_KEYS | INJECTION_KEYS
    reverse = calculate({**BASIC, "target_units": 10})
    assert set(reverse["result"]) == BASE_KEYS | INJECTION_KEYS | {"water_for_target_ml"}


def test_tolerant_floor_counts_exact_divisions() -> None:
    # 2.01 mg x 1000 is 2009.9999999999998 in floating point; 67 doses still fit.
    r = calculate({**BASIC, "vial_amount": 2.01, "dose_amount": 0.03, "dose_unit": "mg"})["result"]
    assert r["doses_per_vial"] == 67 and r["leftover_mcg"] == 0


def test_calculate_does_not_change_its_inputs() -> None:
    inputs = {**BASIC, "route": "intranasal", "per_day": "2"}
    snapshot = json.dumps(inputs)
    calculate(inputs)
    assert json.dumps(inputs) == snapshot


# --- messages


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({**BASIC, "water_ml": ""}, "Enter the water added in mL."),
        ({**BASIC, "dose_amount": 0}, "Dose must be more than zero."),
        ({**BASIC, "vial_amount": -1}, "Vial size cannot be negative."),
        ({**BASIC, "vial_amount": 2000}, "Vial size must be at most 1,000 mg."),
        ({**BASIC, "dose_amount": 0.001}, "Dose must be at least 0.01 mcg."),
        ({**BASIC, "per_day": 1.5}, "Doses per day must be a whole number."),
        ({**BASIC, "syringe": "U-10"}, "Choose a syringe scale: U-100, U-50 or U-40."),
        (
            {**BASIC, "capacity_ml": 0.3, "target_units": 31},
            "Target units must be at most 30 units, the capacity of a 0.3 mL U-100 syringe.",
        ),
    ],
)
def test_error_messages(inputs: dict[str, Any], message: str) -> None:
    assert calculate(inputs)["error"]["message"] == message


def test_warning_messages_say_what_to_do_and_never_recommend() -> None:
    over = calculate({**BASIC, "dose_amount": 600, "capacity_ml": 0.3, "water_ml": 10})
    assert [w["code"] for w in over["warnings"]] == ["exceeds_syringe"]
    assert "larger syringe" in over["warnings"][0]["message"]


# --- parsing


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (2, (2.0, None)),
        (" 2.5 ", (2.5, None)),
        ("+.5e1", (5.0, None)),
        ("1.", (1.0, None)),
        ("", (None, "empty")),
        (None, (None, "empty")),
        (True, (None, "not_a_number")),
        ("1,5", (None, "not_a_number")),
        ("0x10", (None, "not_a_number")),
        ("inf", (None, "not_a_number")),
        ("\u0663", (None, "not_a_number")),  # Python's \d would accept this Arabic-Indic 3
        (math.nan, (None, "not_finite")),
        (-math.inf, (None, "not_finite")),
        ("1" * 65, (None, "too_long")),
        (10**400, (math.inf, None)),  # then reported as too large by the field checks
    ],
)
def test_parse_number(raw: Any, expected: tuple[float | None, str | None]) -> None:
    assert parse_number(raw) == expected


def test_python_big_integers_are_too_large_or_negative() -> None:
    assert calculate({**BASIC, "vial_amount": 10**400})["error"]["code"] == "too_large"
    assert calculate({**BASIC, "vial_amount": -(10**400)})["error"]["code"] == "negative"


# --- arithmetic only: nothing is compared with the doses people report


def test_no_warning_is_about_reported_doses() -> None:
    words = ("community", "range", "reported", "recommend", "typical", "standard")
    for code in WARNING_CODES:
        assert not any(word in code for word in words), code
    messages = {w["message"] for case in VECTORS if case["expect"]["ok"]
                for w in calculate(revive(case["inputs"]))["warnings"]}
    assert len({m.split(".")[0] for m in messages}) >= len(WARNING_CODES)  # every kind of warning was read
    for message in messages:
        assert not any(word in message.lower() for word in words), message


@pytest.mark.parametrize("per_day", [1, 2, 3, 24])
@pytest.mark.parametrize("dose", [100, 250, 300, 600, 1000])
def test_a_daily_total_far_from_any_reported_figure_draws_no_warning(dose: int, per_day: int) -> None:
    # 250 mcg once used to be "below the community range". At 1 mg/mL every one of these doses is 10 to
    # 100 units, easy to measure, so from 100 mcg to 24 mg a day nothing may warn.
    out = calculate({**BASIC, "water_ml": 10, "dose_amount": dose, "per_day": per_day})
    assert 10 <= out["result"]["units"] <= 100
    assert out["warnings"] == []


def test_dose_figures_passed_in_are_ignored() -> None:
    # Old callers may still pass the dosing chapter's figures; they change nothing.
    for extra in ([300, 600], [0, 0], "abc", None):
        assert calculate({**BASIC, "dose_amount": 250, "community_range_mcg": extra}) == calculate(
            {**BASIC, "dose_amount": 250}
        )
