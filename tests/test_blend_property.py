"""Property tests for the blend: generated inputs through Python and, in one node process, through blend.js.

Hypothesis draws 1,000 input sets per run (plausible vials over wide ranges, numbers typed as text,
names in any case, and junk in any one field). Each is checked against Python-only invariants as it
is drawn; then the whole batch goes once through tests/js/run_batch.mjs (the calculators' one node
harness) and every output must match Python's: numbers within 1e-9, codes, fields and messages exactly.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.blend import ERROR_CODES, LIMITS, WARNING_CODES, calculate
from tests.helpers import NODE, REL, close, logspace, run_js, same_output, to_wire

EXAMPLES = 1000
MISSING = object()  # drop the key altogether

NAMES = ["Semax", "Selank", "BPC-157", "TB-500", "N-Acetyl Semax Amidate", "A", "constructor", "x.1 (b)+"]
JUNK = [
    "", " ", "abc", "1,5", "0x10", "Infinity", "NaN", "1e", ".", "-", "5mg", "1e400", "-1e400", "9" * 70,
    True, False, None, [], {}, [5], {"v": 5}, math.nan, math.inf, -math.inf, 0, -0.0, "0", -1, 1e308, 10**300,
]


def typed(numbers: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A number as a number, or as the string a reader might type."""
    forms = st.sampled_from(["{}", " {} ", "+{}", "{:.3g}", "{:e}", "{:.2f}"])
    return st.one_of(numbers, numbers, st.tuples(numbers, forms).map(lambda pair: pair[1].format(pair[0])))


def choice(valid: list[Any], odd: tuple[Any, ...] = ()) -> st.SearchStrategy[Any]:
    return st.sampled_from(valid * 4 + list(odd) + [MISSING, None, ""])


def junk() -> st.SearchStrategy[Any]:
    listed = st.sampled_from(JUNK)
    # Negative numbers on their own branch: left to st.floats() and the listed -1 alone, a run of draws could miss
    # the "negative" error, and the coverage check below would fail by chance.
    negative = st.one_of(st.floats(-1e6, -1e-6), st.integers(-1000, -1), st.sampled_from(["-1", " -0.5 "]))
    return st.one_of(listed, listed, listed, negative, st.text(max_size=6), st.floats(),
                     st.integers(-(10**300), 10**300))


def cased(name: str) -> st.SearchStrategy[str]:
    return st.sampled_from([name, name.upper(), name.lower(), f" {name} "])


PEPTIDE = st.fixed_dictionaries(
    {"name": st.sampled_from(NAMES), "amount": typed(st.one_of(logspace(0.5, 1500), st.integers(1, 20))),
     "unit": choice(["mg", "mcg"])}
).map(lambda d: {k: v for k, v in d.items() if v is not MISSING})

# Distinct names most of the time, so most draws reach the arithmetic.
DISTINCT = st.lists(PEPTIDE, min_size=2, max_size=4, unique_by=lambda p: p["name"].lower())
PEPTIDES = st.integers(0, 9).flatmap(lambda k: DISTINCT if k < 8 else st.lists(PEPTIDE, max_size=6))

PLAUSIBLE = {
    "water_ml": typed(logspace(1e-3, 150)),
    "route": choice(["injection", "intranasal"], (" intranasal ",)),
    "syringe": choice(["U-100", "U-50", "U-40"]),
    "capacity_ml": choice([0.3, 0.5, 1, "0.3", " 0.5 "]),
    "spray_ml": st.one_of(choice([0.1, 0.05, 0.125]), typed(logspace(0.005, 2))),
    "mode": choice(["target", "draw"], (" draw ",)),
    "target_unit": choice(["mcg", "mg"]),
    "target_amount": typed(logspace(5e-3, 3e6)),
    "draw_unit": choice(["units", "mL"]),
    "draw_amount": typed(st.one_of(logspace(5e-5, 2e4), st.integers(1, 120))),
}


@st.composite
def blend_inputs(draw: st.DrawFn, spoil: str | None = None) -> dict[str, Any]:
    peptides = draw(PEPTIDES)
    inputs = {"peptides": peptides, **{key: draw(strategy) for key, strategy in PLAUSIBLE.items()}}
    names = [p["name"] for p in peptides] or ["Semax"]
    inputs["target_name"] = draw(st.one_of(st.sampled_from(names).flatmap(cased), st.sampled_from(NAMES + [MISSING])))
    if spoil == "peptide" and peptides:
        index = draw(st.integers(0, len(peptides) - 1))
        key = draw(st.sampled_from(["name", "amount", "unit"]))
        peptides[index] = {**peptides[index], key: draw(st.one_of(junk(), st.just(MISSING)))}
    elif spoil == "entry" and peptides:
        peptides[draw(st.integers(0, len(peptides) - 1))] = draw(junk())
    elif spoil is not None:
        inputs[spoil] = draw(st.one_of(junk(), st.just(MISSING), st.sampled_from(NAMES)))
    inputs["peptides"] = [
        {k: v for k, v in p.items() if v is not MISSING} if isinstance(p, dict) else p for p in peptides
    ]
    return {key: value for key, value in inputs.items() if value is not MISSING}


SPOILABLE = ["peptide", "peptide", "peptide", "entry", "peptides", "target_name", *PLAUSIBLE]
SPOILED = st.sampled_from(SPOILABLE).flatmap(lambda field: blend_inputs(spoil=field))
NOT_A_DICT = st.sampled_from([None, [], "Semax=5mg", 5])
# About 5 plausible : 4 spoiled : 1 not even a dict.
INPUTS = st.integers(0, 9).flatmap(lambda k: blend_inputs() if k < 5 else SPOILED if k < 9 else NOT_A_DICT)


def check_python_invariants(inputs: dict[str, Any], out: dict[str, Any]) -> None:
    json.dumps(out, allow_nan=False)  # raises on NaN or infinity anywhere
    if not out["ok"]:
        error = out["error"]
        assert error["code"] in ERROR_CODES
        assert error["message"].strip() and not any(bad in error["message"] for bad in ("None", "nan", "inf", "{"))
        return
    r, codes = out["result"], [w["code"] for w in out["warnings"]]
    assert codes == sorted(codes, key=WARNING_CODES.index) and len(set(codes)) == len(codes)
    names = r["names"]
    assert LIMITS["peptides"]["min"] <= len(names) <= LIMITS["peptides"]["max"]
    assert len({n.lower() for n in names}) == len(names)
    share = r["volume_ml"] / r["water_ml"]
    for name in names:
        # The same fraction of every peptide's vial amount is in the volume worked out.
        assert close(r["per_peptide_mcg"][name], r["vial_mcg"][name] * share)
        assert close(r["concentration_mcg_per_ml"][name] * r["water_ml"], r["vial_mcg"][name])
    assert close(r["units"] * r["ml_per_unit"], r["volume_ml"])
    assert 0 < r["fill_fraction"] <= 1
    if "target_name" in r:
        assert close(r["per_peptide_mcg"][r["target_name"]], r["target_mcg"])
        assert ("target_exceeds_vial" in codes) == (r["target_mcg"] > r["vial_mcg"][r["target_name"]] * (1 + REL))
        assert "draw_exceeds_vial" not in codes
    else:
        assert ("draw_exceeds_vial" in codes) == (r["volume_ml"] > r["water_ml"] * (1 + REL))
    if "sprays" in r:
        sprays, exact = r["sprays"], r["sprays_exact"]
        assert isinstance(sprays, int) and sprays >= 1 and (abs(sprays - exact) <= 0.5 or sprays == 1)
        for name in names:
            assert close(r["per_peptide_delivered_mcg"][name], sprays * r["per_peptide_mcg_per_spray"][name])
        assert not {"exceeds_syringe", "below_one_unit", "hard_to_measure"} & set(codes)
        off = abs(r["sprayed_ml"] - r["volume_ml"]) / r["volume_ml"]
        if off > 0.1 + 1e-6:
            assert "spray_rounding" in codes
        if off < 0.1 - 1e-6:
            assert "spray_rounding" not in codes
    else:
        assert "spray_rounding" not in codes
        assert ("exceeds_syringe" in codes) == (r["units"] > r["syringe_capacity_units"] * (1 + REL))
        assert ("below_one_unit" in codes) == (r["units"] < 1 - REL)


def test_python_and_javascript_agree_on_generated_blends() -> None:
    collected: list[tuple[Any, dict[str, Any]]] = []

    # Derandomized: the same 1,000 varied inputs every run, so the coverage check below (every warning and
    # error reached) is a property of the generator, not of one run's luck; random runs missed a rare code
    # about one time in three.
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(INPUTS)
    def draw(inputs: Any) -> None:
        out = calculate(inputs)
        check_python_invariants(inputs if isinstance(inputs, dict) else {}, out)
        collected.append((inputs, out))

    draw()
    assert len(collected) >= 800

    # The generator must reach every outcome, or agreement would prove little.
    outcomes = {w["code"] for _, out in collected if out["ok"] for w in out["warnings"]}
    outcomes |= {out["error"]["code"] for _, out in collected if not out["ok"]}
    assert set(WARNING_CODES) <= outcomes, set(WARNING_CODES) - outcomes
    # Hypothesis rarely reaches these three through a valid vial; the shared vectors hold both languages to them.
    rare = {"not_finite", "too_long", "not_an_object"}
    assert set(ERROR_CODES) - rare <= outcomes, set(ERROR_CODES) - rare - outcomes
    results = [out["result"] for _, out in collected if out["ok"]]
    assert len(results) >= len(collected) // 4
    assert any("sprays" in r for r in results) and any("target_name" in r for r in results)

    if NODE is None:  # the Python invariants above still ran
        pytest.skip("node is not installed, so the JavaScript mirror cannot be compared")
    outputs = run_js([inputs for inputs, _ in collected], "blend")
    differences = []
    for (inputs, py), js in zip(collected, outputs, strict=True):
        problem = same_output(py, js)
        if problem:
            differences.append(f"{to_wire(inputs)!r}: {problem}")
    assert not differences, f"{len(differences)} of {len(collected)} differ, e.g.\n" + "\n".join(differences[:5])
