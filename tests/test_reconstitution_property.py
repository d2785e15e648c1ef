"""Property tests: generated inputs through Python and, in one node process, through the JS mirror.

Hypothesis draws 1,200 input sets per run (plausible numbers over wide ranges, numbers typed as
strings, and junk). Each is checked against Python-only invariants as it is drawn; then the whole
batch goes through tests/js/run_batch.mjs once and every output must match Python's. Without node,
the Python invariants still run and only the comparison is skipped.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer import reconstitution as recon
from explainer.reconstitution import ERROR_CODES, WARNING_CODES, calculate
from tests.helpers import NODE, REL, close, logspace, run_js, same_output, to_wire
from tests.test_reconstitution import BASE_KEYS, INJECTION_KEYS, NASAL_KEYS

EXAMPLES = 1200

INPUT_FIELDS = {
    "inputs", "vial_amount", "vial_unit", "water_ml", "dose_amount", "dose_unit", "syringe", "capacity_ml",
    "per_day", "route", "spray_ml", "target_units",
}

# --- strategies

MISSING = object()  # drop the key altogether
NICE = [0.1, 0.25, 0.3, 0.5, 1, 2, 3, 5, 10, 30, 100, 250, 300, 500, 600, 1000]

JUNK_VALUES = [
    "", " ", "abc", "1,5", "0x10", "Infinity", "-Infinity", "NaN", "nan", "inf", "1e", ".", "-", "1 0", "--1", "1_0",
    "\u0661\u0660", "\u00a05", "5mg", "1e400", "-1e400", "9" * 70, "0" * 63 + "5",
    True, False, None, [], {}, [5], {"v": 5}, math.nan, math.inf, -math.inf,
    0, -0.0, "0", "-0", -1, 1e308, "1e308", 10**300, -(10**300),
]


def typed(numbers: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A number as a number, or as the string a reader might type."""
    forms = st.sampled_from(["{}", " {} ", "{}\t", "+{}", "{:.3g}", "{:e}", "{:.2f}"])
    as_text = st.tuples(numbers, forms).map(lambda pair: pair[1].format(pair[0]))
    return st.one_of(numbers, numbers, as_text)


def amount(low: float, high: float) -> st.SearchStrategy[Any]:
    nice = [value for value in NICE if low <= value <= high]
    return typed(st.one_of(logspace(low, high), st.sampled_from(nice), st.integers(1, 12)))


def junk() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(JUNK_VALUES),
        st.text(max_size=6),
        st.floats(),
        st.integers(-(10**300), 10**300),  # within a double's range so JSON carries it faithfully
        st.from_regex(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", fullmatch=True),
    )


def choice(valid: list[Any], odd: tuple[Any, ...] = ()) -> st.SearchStrategy[Any]:
    return st.sampled_from(valid * 4 + list(odd) + [MISSING, None, ""])


# Values a reader might enter; ranges run a little past the limits so those checks get exercised.
PLAUSIBLE = {
    "vial_amount": amount(0.5, 1500),
    "vial_unit": choice(["mg", "mcg"]),
    "water_ml": amount(1e-3, 150),
    "dose_amount": amount(5e-3, 3000),
    "dose_unit": choice(["mcg", "mg"]),
    "syringe": choice(["U-100", "U-50", "U-40"], (" U-40 ",)),
    "capacity_ml": choice([0.3, 0.5, 1, 1.0, "0.3", " 0.5 "]),
    "per_day": st.one_of(choice([1, 2, 3, "2", "3.0"]), st.integers(1, 26)),
    "route": choice(["injection", "intranasal"], (" intranasal ",)),
    "spray_ml": st.one_of(choice([0.1, 0.05, 0.14, "0.1"]), typed(logspace(0.005, 2))),
    "target_units": st.one_of(st.just(MISSING), st.just(MISSING), typed(st.floats(0.8, 40)), st.integers(1, 40)),
}
ODD = {
    **{field: junk() for field in PLAUSIBLE},
    "vial_unit": st.sampled_from(["MG", "g", 1, True]),
    "dose_unit": st.sampled_from(["ug", "MCG", 1000]),
    "syringe": st.sampled_from(["u-100", "U-10", 100, "U 100"]),
    "capacity_ml": st.one_of(st.sampled_from([0.4, "1.0", 3, -1, 0]), junk()),
    "route": st.sampled_from(["oral", "Intranasal", "nasal", 1]),
}


def without_missing(inputs: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in inputs.items() if value is not MISSING}


def spoil(field: str) -> st.SearchStrategy[dict[str, Any]]:
    """Plausible inputs with one field made odd (or dropped)."""
    odd = st.one_of(ODD[field], st.just(MISSING))
    return st.tuples(st.fixed_dictionaries(PLAUSIBLE), odd).map(lambda pair: {**pair[0], field: pair[1]})


PLAUSIBLE_INPUTS = st.fixed_dictionaries(PLAUSIBLE).map(without_missing)
SPOILED_INPUTS = st.sampled_from(sorted(PLAUSIBLE)).flatmap(spoil).map(without_missing)
# sampled_from picks evenly, so this mix is 6 plausible : 3 spoiled : 1 not even a dict.
NOT_A_DICT = st.sampled_from([None, [], "vial=10", 5])
INPUTS = st.sampled_from([PLAUSIBLE_INPUTS] * 6 + [SPOILED_INPUTS] * 3 + [NOT_A_DICT]).flatmap(lambda kind: kind)


# --- Python-only invariants


def check_python_invariants(inputs: Any, out: dict[str, Any]) -> None:
    json.dumps(out, allow_nan=False)  # raises on NaN or infinity anywhere
    if not out["ok"]:
        error = out["error"]
        assert error["code"] in ERROR_CODES and error["field"] in INPUT_FIELDS
        assert error["message"].strip() and not any(bad in error["message"] for bad in ("None", "nan", "inf", "{"))
        return

    r, codes = out["result"], [w["code"] for w in out["warnings"]]
    route = inputs.get("route")
    nasal = isinstance(route, str) and route.strip() == "intranasal"
    expected_keys = BASE_KEYS | (NASAL_KEYS if nasal else INJECTION_KEYS)
    assert set(r) - {"water_for_target_ml"} == expected_keys
    assert all(isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0 for v in r.values())
    assert codes == sorted(codes, key=WARNING_CODES.index) and len(set(codes)) == len(codes)
    assert all(w["message"].strip() and "{" not in w["message"] for w in out["warnings"])

    assert close(r["units"] * r["ml_per_unit"], r["volume_ml"])
    assert close(r["volume_ml"] * r["concentration_mcg_per_ml"], r["dose_mcg"])
    assert close(r["concentration_mg_per_ml"] * 1000, r["concentration_mcg_per_ml"])
    assert close(r["daily_mcg"], r["dose_mcg"] * round(r["daily_mcg"] / r["dose_mcg"]))
    assert 0 < r["fill_fraction"] <= 1
    assert ("dose_exceeds_vial" in codes) == (r["dose_mcg"] > r["vial_mcg"] * (1 + REL))

    if nasal:
        assert not {"exceeds_syringe", "below_one_unit", "hard_to_measure"} & set(codes)
        sprays, exact = r["sprays_per_dose"], r["sprays_per_dose_exact"]
        assert isinstance(sprays, int) and sprays >= 1 and (abs(sprays - exact) <= 0.5 or sprays == 1)
        assert close(r["delivered_mcg"], sprays * r["mcg_per_spray"])
        assert close(exact * r["mcg_per_spray"], r["dose_mcg"])
        per_day = round(r["daily_mcg"] / r["dose_mcg"])
        doses, days = r["doses_per_bottle"], r["days_per_bottle"]
        assert isinstance(doses, int) and isinstance(days, int)
        # Whole doses of whole sprays, and whole days of whole doses.
        assert doses * sprays <= r["sprays_per_bottle"] < (doses + 1) * sprays
        assert days * per_day <= doses < (days + 1) * per_day
        off = abs(r["delivered_mcg"] - r["dose_mcg"]) / r["dose_mcg"]
        if off > 0.1 + 1e-6:
            assert "spray_rounding" in codes
        if off < 0.1 - 1e-6:
            assert "spray_rounding" not in codes
    else:
        assert "spray_rounding" not in codes
        assert isinstance(r["doses_per_vial"], int) and isinstance(r["days_per_vial"], int)
        assert r["doses_per_vial"] * r["dose_mcg"] <= r["vial_mcg"] * (1 + 2 * REL)
        assert (r["doses_per_vial"] + 1) * r["dose_mcg"] > r["vial_mcg"] * (1 - 2 * REL)
        assert r["leftover_mcg"] <= r["dose_mcg"] * (1 + 2 * REL)
        assert r["days_per_vial"] * r["daily_mcg"] <= r["vial_mcg"] * (1 + 2 * REL)
        capacity = r["syringe_capacity_units"]
        assert ("exceeds_syringe" in codes) == (r["units"] > capacity * (1 + REL))
        assert ("below_one_unit" in codes) == (r["units"] < 1 - REL)
        assert ("hard_to_measure" in codes) == (1 - REL <= r["units"] < 5 * (1 - REL))
    if "water_for_target_ml" in r:
        assert not nasal and r["water_for_target_ml"] > 0
        water, limits = r["water_for_target_ml"], recon.LIMITS["water_ml"]
        outside = water > limits["max"] * (1 + REL) or water < limits["min"] * (1 - REL)
        assert ("target_water_outside_limits" in codes) == outside
    else:
        assert "target_water_outside_limits" not in codes


# --- the JavaScript side


def test_python_and_javascript_agree_on_generated_inputs() -> None:
    collected: list[tuple[Any, dict[str, Any]]] = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(INPUTS)
    def draw(inputs: Any) -> None:
        out = calculate(inputs)
        check_python_invariants(inputs if isinstance(inputs, dict) else {}, out)
        collected.append((inputs, out))

    draw()
    assert len(collected) >= 1000

    # The generator must reach every outcome, or agreement would prove little.
    outcomes = {w["code"] for _, out in collected if out["ok"] for w in out["warnings"]}
    outcomes |= {out["error"]["code"] for _, out in collected if not out["ok"]}
    assert set(WARNING_CODES) <= outcomes
    results = [out["result"] for _, out in collected if out["ok"]]
    assert len(results) >= len(collected) // 3
    assert any("mcg_per_spray" in r for r in results) and any("water_for_target_ml" in r for r in results)

    if NODE is None:  # the Python invariants above still ran
        pytest.skip("node is not installed, so the JavaScript mirror cannot be compared")
    outputs = run_js([inputs for inputs, _ in collected])
    differences = []
    for (inputs, py), js in zip(collected, outputs, strict=True):
        problem = same_output(py, js)
        if problem:
            differences.append(f"{to_wire(inputs)!r}: {problem}")
    assert not differences, f"{len(differences)} of {len(collected)} differ, e.g.\n" + "\n".join(differences[:5])
