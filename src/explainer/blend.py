"""The blend calculator's math: one vial holding two or more peptides. Pure functions, no I/O.

``blend.js`` mirrors this module operation for operation (tests/vectors/blend.json and a property test
hold them to that). Change one, change the other. Its own limits and words live in ``blend-spec.json``;
what it shares with the single calculator (syringe scales, the vial, water, dose and spray limits, the
thresholds, the generic error sentences, the decimals) is read from ``reconstitution``, which reads
``calculator-spec.json``, and numbers are read by that module's ``parse_number``.

Inputs arrive raw, as typed. Given the amount of each peptide, the water, and either a target amount of
one named peptide or a volume drawn (syringe units or mL), it works out the volume, the units on the
chosen syringe and how much of every peptide that volume holds; with a spray volume, also the sprays.
It converts units only: nothing is compared with any dose anyone reports.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .reconstitution import LIMITS as CALC_LIMITS

# The checks, the envelope and the rounding rules are the calculator's, so both calculators word a
# problem the same way; the blend passes its peptides' labels to the checks itself.
from .reconstitution import (
    MCG_PER_MG,
    ROUTES,
    SYRINGE_ML_PER_UNIT,
    SYRINGES,
    THRESHOLD_TEXT,
    THRESHOLDS,
    _amount_mcg_as,
    _answer,
    _capacity_ml,
    _capacity_units,
    _choice,
    _fail,
    _is_blank,
    _limit,
    _number_as,
    _or_list,
    _over,
    _pick,
    _positive_as,
    _spray_ml,
    _strip,
    _under,
    _volume_ml,
    _whole_sprays,
    _within_as,
    shown,
)

SPEC_PATH = Path(__file__).with_name("blend-spec.json")
SPEC: dict[str, Any] = json.loads(SPEC_PATH.read_text(encoding="utf-8"))

MODES: tuple[str, ...] = tuple(SPEC["modes"])
AMOUNT_UNITS: tuple[str, ...] = tuple(SPEC["amount_units"])
TARGET_UNITS: tuple[str, ...] = tuple(SPEC["target_units"])
DRAW_UNITS: tuple[str, ...] = tuple(SPEC["draw_units"])
DEFAULTS: dict[str, Any] = SPEC["defaults"]
LIMITS: dict[str, Any] = SPEC["limits"]
WARNING_CODES: tuple[str, ...] = tuple(SPEC["warning_codes"])
ERROR_CODES: tuple[str, ...] = tuple(SPEC["error_codes"])
EXAMPLE: dict[str, Any] = SPEC["example"]  # the starting values but the peptides: see example()


def example(names: Sequence[str]) -> dict[str, Any]:
    """The starting inputs for a vial of these peptides (the collection's compounds): the spec's amount of
    each, the first named as the target."""
    each = SPEC["example_peptide"]
    return {**copy.deepcopy(EXAMPLE), "peptides": [{"name": name, **each} for name in names],
            "target_name": names[0] if names else ""}

_NAME_RE = re.compile(SPEC["name_pattern"])


def _name(raw: Any, index: int) -> str:
    field, n = f"peptides.{index}.name", str(index + 1)
    if _is_blank(raw):
        _fail("empty", field, SPEC["errors"]["empty_name"].format(n=n))
    # The pattern first, so only ASCII is counted: JS counts UTF-16 units, Python code points.
    if not isinstance(raw, str) or not _NAME_RE.fullmatch(_strip(raw)) or len(_strip(raw)) > LIMITS["name_chars"]:
        _fail("bad_name", field, SPEC["errors"]["bad_name"].format(n=n, max=str(LIMITS["name_chars"])))
    return _strip(raw)


def _peptides(raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or len(raw) == 0:
        _fail("no_peptides", "peptides", SPEC["errors"]["no_peptides"])
    count = LIMITS["peptides"]
    if len(raw) < count["min"]:
        _fail("too_few_peptides", "peptides", SPEC["errors"]["too_few_peptides"].format(min=str(count["min"])))
    if len(raw) > count["max"]:
        _fail("too_many_peptides", "peptides", SPEC["errors"]["too_many_peptides"].format(max=str(count["max"])))
    found: list[dict[str, Any]] = []
    seen: list[str] = []
    for index, entry in enumerate(raw):
        if not isinstance(entry, Mapping):
            message = SPEC["errors"]["peptide_not_an_object"].format(n=str(index + 1))
            _fail("peptide_not_an_object", f"peptides.{index}", message)
        name = _name(entry.get("name"), index)
        # Names are ASCII (the pattern), so lower() is JavaScript's toLowerCase().
        if name.lower() in seen:
            _fail("duplicate_name", f"peptides.{index}.name", SPEC["errors"]["duplicate_name"].format(name=name))
        seen.append(name.lower())
        unit = _pick(
            entry.get("unit"), f"peptides.{index}.unit", AMOUNT_UNITS, DEFAULTS["amount_unit"],
            SPEC["choice_errors"]["amount_unit"].format(name=name),
        )
        words = SPEC["fields"]["amount"]
        mcg = _amount_mcg_as(
            f"peptides.{index}.amount", words["label"].format(name=name), words["enter"].format(name=name),
            entry.get("amount"), unit, CALC_LIMITS["vial_mcg"],
        )
        found.append({"name": name, "mcg": mcg})
    return found


def _parse(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Validate every input in a fixed order; the first problem wins."""
    peptides = _peptides(inputs.get("peptides"))
    names = [p["name"] for p in peptides]
    water_ml = _volume_ml(inputs, "water_ml")

    route = _choice(inputs, "route", ROUTES)
    syringe = _choice(inputs, "syringe", SYRINGES)
    capacity_ml = _capacity_ml(inputs)
    spray_ml = _spray_ml(inputs, route)

    ml_per_unit = SYRINGE_ML_PER_UNIT[syringe]
    capacity_units = _capacity_units(capacity_ml, ml_per_unit)

    mode = _pick(inputs.get("mode"), "mode", MODES, DEFAULTS["mode"], SPEC["choice_errors"]["mode"])
    target_index = None
    amount = 0.0
    draw_unit = None
    if mode == "target":
        raw = inputs.get("target_name")
        if _is_blank(raw):
            _fail("empty", "target_name", SPEC["errors"]["empty_target_name"])
        lowered = [name.lower() for name in names]
        if not isinstance(raw, str) or _strip(raw).lower() not in lowered:
            _fail("unknown_peptide", "target_name", SPEC["errors"]["unknown_peptide"].format(choices=_or_list(names)))
        target_index = lowered.index(_strip(raw).lower())
        name = names[target_index]
        unit = _pick(
            inputs.get("target_unit"), "target_unit", TARGET_UNITS, DEFAULTS["target_unit"],
            SPEC["choice_errors"]["target_unit"],
        )
        words = SPEC["fields"]["target_amount"]
        amount = _amount_mcg_as(
            "target_amount", words["label"].format(name=name), words["enter"].format(name=name),
            inputs.get("target_amount"), unit, CALC_LIMITS["dose_mcg"],
        )
    else:
        draw_unit = _pick(
            inputs.get("draw_unit"), "draw_unit", DRAW_UNITS, DEFAULTS["draw_unit"], SPEC["choice_errors"]["draw_unit"]
        )
        words = SPEC["fields"]["draw_amount"]
        value = _positive_as("draw_amount", words["label"], _number_as("draw_amount", words["label"], words["enter"],
                                                                         inputs.get("draw_amount")))
        limits = LIMITS["draw_amount"][draw_unit]
        suffix = " " + draw_unit
        low_text, high_text = _limit(limits["min"]) + suffix, _limit(limits["max"]) + suffix
        amount = _within_as("draw_amount", words["label"], value, limits["min"], limits["max"], low_text, high_text)

    return {
        "peptides": peptides,
        "water_ml": water_ml,
        "route": route,
        "ml_per_unit": ml_per_unit,
        "capacity_units": capacity_units,
        "spray_ml": spray_ml,
        "mode": mode,
        "target_index": target_index,
        "amount": amount,
        "draw_unit": draw_unit,
    }


def _by_name(names: list[str], values: list[float]) -> dict[str, float]:
    return dict(zip(names, values, strict=True))


def _compute(p: Mapping[str, Any]) -> dict[str, Any]:
    peptides, water_ml, ml_per_unit = p["peptides"], p["water_ml"], p["ml_per_unit"]
    names = [q["name"] for q in peptides]
    concentrations = [q["mcg"] / water_ml for q in peptides]

    if p["mode"] == "target":
        volume_ml = p["amount"] / concentrations[p["target_index"]]
        units = volume_ml / ml_per_unit
    elif p["draw_unit"] == "units":
        units = p["amount"]
        volume_ml = units * ml_per_unit
    else:
        volume_ml = p["amount"]
        units = volume_ml / ml_per_unit

    result: dict[str, Any] = {
        "names": names,
        "water_ml": water_ml,
        "volume_ml": volume_ml,
        "units": units,
        "ml_per_unit": ml_per_unit,
        "syringe_capacity_units": p["capacity_units"],
        "fill_fraction": min(1.0, units / p["capacity_units"]),
        "vial_mcg": _by_name(names, [q["mcg"] for q in peptides]),
        "concentration_mcg_per_ml": _by_name(names, concentrations),
        "concentration_mg_per_ml": _by_name(names, [c / MCG_PER_MG for c in concentrations]),
        "per_peptide_mcg": _by_name(names, [c * volume_ml for c in concentrations]),
    }
    if p["mode"] == "target":
        result["target_name"] = names[p["target_index"]]
        result["target_mcg"] = p["amount"]

    if p["route"] == "intranasal":
        spray_ml = p["spray_ml"]
        exact = volume_ml / spray_ml
        sprays = _whole_sprays(exact)
        result.update(
            {
                "spray_ml": spray_ml,
                "sprays_exact": exact,
                "sprays": sprays,
                "sprayed_ml": sprays * spray_ml,
                "per_peptide_mcg_per_spray": _by_name(names, [c * spray_ml for c in concentrations]),
                "per_peptide_delivered_mcg": _by_name(names, [sprays * (c * spray_ml) for c in concentrations]),
            }
        )
    return result


def _warning(code: str, **fill: str) -> dict[str, str]:
    return {"code": code, "message": SPEC["warnings"][code].format(**THRESHOLD_TEXT, **fill)}


def _warnings(p: Mapping[str, Any], r: Mapping[str, Any]) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    if p["mode"] == "target":
        name = r["target_name"]
        if _over(r["target_mcg"], r["vial_mcg"][name]):
            found.append(_warning("target_exceeds_vial", name=name, vial=shown("vial_mcg", r["vial_mcg"][name])))
    elif _over(r["volume_ml"], r["water_ml"]):
        found.append(_warning("draw_exceeds_vial", water=shown("water_ml", r["water_ml"])))
    if p["route"] == "injection":
        if _over(r["units"], r["syringe_capacity_units"]):
            capacity = shown("syringe_capacity_units", r["syringe_capacity_units"])
            found.append(_warning("exceeds_syringe", capacity=capacity))
        if _under(r["units"], THRESHOLDS["min_measurable_units"]):
            found.append(_warning("below_one_unit"))
        elif _under(r["units"], THRESHOLDS["hard_to_measure_units"]):
            found.append(_warning("hard_to_measure"))
    else:
        allowed = THRESHOLDS["spray_rounding_fraction"] * r["volume_ml"]
        if _over(abs(r["sprayed_ml"] - r["volume_ml"]), allowed):
            found.append(_warning("spray_rounding"))
    return found


def calculate(inputs: Any) -> dict[str, Any]:
    """Validate raw inputs and compute the blend.

    Returns ``{"ok": True, "result": {...}, "warnings": [{"code", "message"}, ...]}`` or
    ``{"ok": False, "error": {"code", "field", "message"}}``. Per-peptide figures are objects keyed by
    name (``result["names"]`` keeps the vial's order). Nothing is rounded; every number is finite.
    """
    return _answer(inputs, _parse, _compute, _warnings)
