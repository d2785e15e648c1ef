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

import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn, cast

from .reconstitution import (
    CAPACITIES_ML,
    MCG_PER_MG,
    ROUTES,
    SYRINGE_ML_PER_UNIT,
    SYRINGES,
    THRESHOLDS,
    _is_blank,
    _limit,
    _or_list,
    _over,
    _strip,
    _under,
    parse_number,
    shown,
)
from .reconstitution import DEFAULTS as CALC_DEFAULTS
from .reconstitution import LIMITS as CALC_LIMITS
from .reconstitution import SPEC as CALC_SPEC

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
EXAMPLE: dict[str, Any] = SPEC["example"]

_NAME_RE = re.compile(SPEC["name_pattern"])


class _InputError(Exception):
    def __init__(self, code: str, field: str, message: str) -> None:
        super().__init__(message)
        self.code, self.field, self.message = code, field, message


def _fail(code: str, field: str, message: str) -> NoReturn:
    raise _InputError(code, field, message)


# The blend's fields are named after its peptides, so its checks take the label itself; the sentences
# are the calculator's.
def _error(code: str, label: str, **fill: str) -> str:
    return CALC_SPEC["errors"][code].format(label=label, **fill)


def _number(field: str, label: str, enter: str, raw: Any) -> float:
    value, code = parse_number(raw)
    if code is None:
        return cast(float, value)
    code = cast(str, code)
    _fail(code, field, enter if code == "empty" else _error(code, label))


def _positive(field: str, label: str, value: float) -> float:
    if value == 0:
        _fail("zero", field, _error("zero", label))
    if value < 0:
        _fail("negative", field, _error("negative", label))
    return value


def _within(field: str, label: str, value: float, low: float, high: float, low_text: str, high_text: str) -> float:
    if value < low:
        _fail("too_small", field, _error("too_small", label, limit=low_text))
    if value > high:
        _fail("too_large", field, _error("too_large", label, limit=high_text))
    return value


def _amount_mcg(field: str, label: str, enter: str, raw: Any, unit: str, limits: Mapping[str, float]) -> float:
    """A required amount in mg or mcg, checked against limits held in mcg (as the calculator words them)."""
    amount = _positive(field, label, _number(field, label, enter, raw))
    mcg = amount * (MCG_PER_MG if unit == "mg" else 1)
    low_text = _limit(limits["min"]) + " mcg"
    high_text = _limit(limits["max"] / MCG_PER_MG) + " mg"
    return _within(field, label, mcg, limits["min"], limits["max"], low_text, high_text)


def _volume(inputs: Mapping[str, Any], field: str) -> float:
    """Water or spray volume, with the calculator's own label, message and limits."""
    words = CALC_SPEC["fields"][field]
    value = _positive(field, words["label"], _number(field, words["label"], words["enter"], inputs.get(field)))
    limits = CALC_LIMITS[field]
    low_text, high_text = _limit(limits["min"]) + " mL", _limit(limits["max"]) + " mL"
    return _within(field, words["label"], value, limits["min"], limits["max"], low_text, high_text)


def _choice(raw: Any, field: str, options: tuple[str, ...], default: str, message: str) -> str:
    if _is_blank(raw):
        return default
    if isinstance(raw, str) and _strip(raw) in options:
        return _strip(raw)
    _fail("unknown_choice", field, message)


def _calc_choice(inputs: Mapping[str, Any], field: str, options: tuple[str, ...]) -> str:
    message = CALC_SPEC["choice_errors"][field].format(choices=_or_list(list(options)))
    return _choice(inputs.get(field), field, options, CALC_DEFAULTS[field], message)


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
        unit = _choice(
            entry.get("unit"), f"peptides.{index}.unit", AMOUNT_UNITS, DEFAULTS["amount_unit"],
            SPEC["choice_errors"]["amount_unit"].format(name=name),
        )
        words = SPEC["fields"]["amount"]
        mcg = _amount_mcg(
            f"peptides.{index}.amount", words["label"].format(name=name), words["enter"].format(name=name),
            entry.get("amount"), unit, CALC_LIMITS["vial_mcg"],
        )
        found.append({"name": name, "mcg": mcg})
    return found


def _parse(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Validate every input in a fixed order; the first problem wins."""
    peptides = _peptides(inputs.get("peptides"))
    names = [p["name"] for p in peptides]
    water_ml = _volume(inputs, "water_ml")

    route = _calc_choice(inputs, "route", ROUTES)
    syringe = _calc_choice(inputs, "syringe", SYRINGES)
    capacity_ml = CALC_DEFAULTS["capacity_ml"]
    if not _is_blank(inputs.get("capacity_ml")):
        words = CALC_SPEC["fields"]["capacity_ml"]
        capacity_ml = _number("capacity_ml", words["label"], words["enter"], inputs.get("capacity_ml"))
        if capacity_ml not in CAPACITIES_ML:
            choices = _or_list([shown("capacity_ml", c) for c in CAPACITIES_ML])
            _fail("unknown_choice", "capacity_ml", CALC_SPEC["choice_errors"]["capacity_ml"].format(choices=choices))
    # A hidden field keeps whatever was typed in it, so check only what the route uses.
    spray_ml = None
    if route == "intranasal":
        spray_ml = CALC_DEFAULTS["spray_ml"]
        if not _is_blank(inputs.get("spray_ml")):
            spray_ml = _volume(inputs, "spray_ml")

    ml_per_unit = SYRINGE_ML_PER_UNIT[syringe]
    # Rounded as the calculator rounds it: every listed size holds whole units.
    capacity_units = math.floor(capacity_ml / ml_per_unit + 0.5)

    mode = _choice(inputs.get("mode"), "mode", MODES, DEFAULTS["mode"], SPEC["choice_errors"]["mode"])
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
        unit = _choice(
            inputs.get("target_unit"), "target_unit", TARGET_UNITS, DEFAULTS["target_unit"],
            SPEC["choice_errors"]["target_unit"],
        )
        words = SPEC["fields"]["target_amount"]
        amount = _amount_mcg(
            "target_amount", words["label"].format(name=name), words["enter"].format(name=name),
            inputs.get("target_amount"), unit, CALC_LIMITS["dose_mcg"],
        )
    else:
        draw_unit = _choice(
            inputs.get("draw_unit"), "draw_unit", DRAW_UNITS, DEFAULTS["draw_unit"], SPEC["choice_errors"]["draw_unit"]
        )
        words = SPEC["fields"]["draw_amount"]
        value = _positive("draw_amount", words["label"], _number("draw_amount", words["label"], words["enter"],
                                                                   inputs.get("draw_amount")))
        limits = LIMITS["draw_amount"][draw_unit]
        suffix = " " + draw_unit
        low_text, high_text = _limit(limits["min"]) + suffix, _limit(limits["max"]) + suffix
        amount = _within("draw_amount", words["label"], value, limits["min"], limits["max"], low_text, high_text)

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
        # floor(x + 0.5), not round(): Python rounds halves to even, JavaScript's Math.round up.
        sprays = max(1, math.floor(exact + 0.5))
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


# The thresholds as the warnings name them, so a changed threshold changes its sentence too.
_THRESHOLD_TEXT = {
    "min_measurable_units": _limit(THRESHOLDS["min_measurable_units"]),
    "hard_to_measure_units": _limit(THRESHOLDS["hard_to_measure_units"]),
    "spray_rounding_percent": _limit(THRESHOLDS["spray_rounding_fraction"] * 100),
}


def _warning(code: str, **fill: str) -> dict[str, str]:
    return {"code": code, "message": SPEC["warnings"][code].format(**_THRESHOLD_TEXT, **fill)}


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
    if not isinstance(inputs, Mapping):
        message = CALC_SPEC["errors"]["not_an_object"]
        return {"ok": False, "error": {"code": "not_an_object", "field": "inputs", "message": message}}
    try:
        parsed = _parse(inputs)
    except _InputError as err:
        return {"ok": False, "error": {"code": err.code, "field": err.field, "message": err.message}}
    result = _compute(parsed)
    return {"ok": True, "result": result, "warnings": _warnings(parsed, result)}
