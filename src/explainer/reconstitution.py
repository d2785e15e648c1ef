"""The reconstitution calculator's math: pure functions, no I/O.

``reconstitution.js`` mirrors this module operation for operation, so both give the same numbers,
warnings and messages for the same inputs (tests/vectors/reconstitution.json and a property test
hold them to that). Change one, change the other. Constants, limits and words are not mirrored: both
read them from ``calculator-spec.json``, and both format numbers by the one rule (``numbers.py`` here,
``frontend/format.js`` there).

Inputs arrive raw, as typed into text boxes: each number may be a number or a string. Every
arithmetic step is written in the same order in both languages; IEEE doubles then agree bit for bit.
The calculator does arithmetic only: it never recommends a dose, and no warning compares a dose or a
daily total with what anyone reports taking. Keys it does not know are ignored.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NoReturn, cast

from .numbers import format_number

SPEC_PATH = Path(__file__).with_name("calculator-spec.json")
# Constants, limits and every word the calculator shows live in this one file, which the page's module
# is built with too.
SPEC: dict[str, Any] = json.loads(SPEC_PATH.read_text(encoding="utf-8"))

MCG_PER_MG: int = SPEC["mcg_per_mg"]
SYRINGE_ML_PER_UNIT: dict[str, float] = SPEC["syringe_ml_per_unit"]
CAPACITIES_ML: tuple[float, ...] = tuple(SPEC["capacities_ml"])
VIAL_UNITS: tuple[str, ...] = tuple(SPEC["vial_units"])
DOSE_UNITS: tuple[str, ...] = tuple(SPEC["dose_units"])
ROUTES: tuple[str, ...] = tuple(SPEC["routes"])
SYRINGES = tuple(SYRINGE_ML_PER_UNIT)
DEFAULTS: dict[str, Any] = SPEC["defaults"]
LIMITS: dict[str, Any] = SPEC["limits"]
THRESHOLDS: dict[str, float] = SPEC["thresholds"]
WARNING_CODES: tuple[str, ...] = tuple(SPEC["warning_codes"])
ERROR_CODES: tuple[str, ...] = tuple(SPEC["error_codes"])
DECIMALS: dict[str, int] = SPEC["decimals"]

_REL_TOL = THRESHOLDS["rel_tol"]
# ASCII-only on purpose: Python's \d and \s accept more than JavaScript's, and the two must agree.
_NUMBER_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_SPACE = " \t\n\r\f\v"


def shown(key: str, value: Any) -> str:
    """A figure as every home of the calculator shows it: the spec's decimals for ``key``, by the one rule."""
    return format_number(value, DECIMALS[key])


def _limit(x: float) -> str:
    return format_number(x, DECIMALS["limits"])


def _or_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _label(field: str) -> str:
    return SPEC["fields"][field]["label"]


def _error(code: str, field: str, **fill: str) -> str:
    return _error_for(code, _label(field), **fill)


# The checks below take the label itself, so the blend, whose fields are named after its peptides,
# words its errors with the same sentences; the calculator passes each field's label from the spec.
def _error_for(code: str, label: str, **fill: str) -> str:
    return SPEC["errors"][code].format(label=label, **fill)


class _InputError(Exception):
    def __init__(self, code: str, field: str, message: str) -> None:
        super().__init__(message)
        self.code, self.field, self.message = code, field, message


def _fail(code: str, field: str, message: str) -> NoReturn:
    raise _InputError(code, field, message)


def _strip(text: str) -> str:
    return text.strip(_SPACE)


def _is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and _strip(raw) == "")


def parse_number(raw: Any) -> tuple[float | None, str | None]:
    """Read one raw value as a number: ``(value, None)`` or ``(None, error_code)``.

    A numeric string too big for a double becomes ±inf, as in JavaScript; the range checks then
    report it as too large (or negative), which is what the reader typed.
    """
    if raw is None:
        return None, "empty"
    if isinstance(raw, bool):  # bool is an int subclass in Python
        return None, "not_a_number"
    if isinstance(raw, int):
        try:
            return float(raw), None
        except OverflowError:
            return (math.inf if raw > 0 else -math.inf), None
    if isinstance(raw, float):
        return (raw, None) if math.isfinite(raw) else (None, "not_finite")
    if isinstance(raw, str):
        text = _strip(raw)
        if text == "":
            return None, "empty"
        if not _NUMBER_RE.fullmatch(text):
            return None, "not_a_number"
        # Checked after the regex so only ASCII is counted: JS counts UTF-16 units, Python code points.
        if len(text) > LIMITS["input_chars"]:
            return None, "too_long"
        return float(text), None
    return None, "not_a_number"


def _number_as(field: str, label: str, enter: str, raw: Any) -> float:
    value, code = parse_number(raw)
    if code is None:
        return cast(float, value)
    code = cast(str, code)
    _fail(code, field, enter if code == "empty" else _error_for(code, label))


def _positive_as(field: str, label: str, value: float) -> float:
    if value == 0:
        _fail("zero", field, _error_for("zero", label))
    if value < 0:
        _fail("negative", field, _error_for("negative", label))
    return value


def _within_as(field: str, label: str, value: float, low: float, high: float, low_text: str, high_text: str) -> float:
    if value < low:
        _fail("too_small", field, _error_for("too_small", label, limit=low_text))
    if value > high:
        _fail("too_large", field, _error_for("too_large", label, limit=high_text))
    return value


def _amount_mcg_as(field: str, label: str, enter: str, raw: Any, unit: str, limits: Mapping[str, float]) -> float:
    """A required amount in mg or mcg, checked against limits held in mcg."""
    amount = _positive_as(field, label, _number_as(field, label, enter, raw))
    mcg = amount * (MCG_PER_MG if unit == "mg" else 1)
    low_text = _limit(limits["min"]) + " mcg"
    high_text = _limit(limits["max"] / MCG_PER_MG) + " mg"
    return _within_as(field, label, mcg, limits["min"], limits["max"], low_text, high_text)


def _pick(raw: Any, field: str, options: tuple[str, ...], default: str, message: str) -> str:
    if _is_blank(raw):
        return default
    if isinstance(raw, str) and _strip(raw) in options:
        return _strip(raw)
    _fail("unknown_choice", field, message)


# The calculator's own fields, worded from the spec.
def _number(field: str, raw: Any) -> float:
    return _number_as(field, _label(field), SPEC["fields"][field]["enter"], raw)


def _positive(field: str, value: float) -> float:
    return _positive_as(field, _label(field), value)


def _within(field: str, value: float, low: float, high: float, low_text: str, high_text: str) -> float:
    return _within_as(field, _label(field), value, low, high, low_text, high_text)


def _choice_error(field: str, choices: list[str]) -> NoReturn:
    _fail("unknown_choice", field, SPEC["choice_errors"][field].format(choices=_or_list(choices)))


def _choice(inputs: Mapping[str, Any], field: str, options: tuple[str, ...]) -> str:
    raw = inputs.get(field)
    if _is_blank(raw):
        return DEFAULTS[field]
    if isinstance(raw, str) and _strip(raw) in options:
        return _strip(raw)
    _choice_error(field, list(options))


def _amount_mcg(inputs: Mapping[str, Any], field: str, unit: str, limits: Mapping[str, float]) -> float:
    return _amount_mcg_as(field, _label(field), SPEC["fields"][field]["enter"], inputs.get(field), unit, limits)


def _volume_ml(inputs: Mapping[str, Any], field: str) -> float:
    """Water or spray volume (the blend's too), with the calculator's label, message and limits."""
    limits = LIMITS[field]
    value = _positive(field, _number(field, inputs.get(field)))
    low_text, high_text = _limit(limits["min"]) + " mL", _limit(limits["max"]) + " mL"
    return _within(field, value, limits["min"], limits["max"], low_text, high_text)


def _capacity_ml(inputs: Mapping[str, Any]) -> float:
    capacity_ml = DEFAULTS["capacity_ml"]
    if not _is_blank(inputs.get("capacity_ml")):
        capacity_ml = _number("capacity_ml", inputs.get("capacity_ml"))
        if capacity_ml not in CAPACITIES_ML:
            _choice_error("capacity_ml", [shown("capacity_ml", c) for c in CAPACITIES_ML])
    return capacity_ml


def _spray_ml(inputs: Mapping[str, Any], route: str) -> float | None:
    # A hidden field keeps whatever was typed in it, so check only what the route uses.
    if route != "intranasal":
        return None
    if _is_blank(inputs.get("spray_ml")):
        return DEFAULTS["spray_ml"]
    return _volume_ml(inputs, "spray_ml")


def _capacity_units(capacity_ml: float, ml_per_unit: float) -> int:
    # Rounded because 0.3 / 0.025 is 11.999999999999998; every listed size holds whole units.
    return math.floor(capacity_ml / ml_per_unit + 0.5)


def _parse(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Validate every input in a fixed order; the first problem wins."""
    vial_unit = _choice(inputs, "vial_unit", VIAL_UNITS)
    vial_mcg = _amount_mcg(inputs, "vial_amount", vial_unit, LIMITS["vial_mcg"])

    water_ml = _volume_ml(inputs, "water_ml")

    dose_unit = _choice(inputs, "dose_unit", DOSE_UNITS)
    dose_mcg = _amount_mcg(inputs, "dose_amount", dose_unit, LIMITS["dose_mcg"])

    syringe = _choice(inputs, "syringe", SYRINGES)

    capacity_ml = _capacity_ml(inputs)

    per_day = DEFAULTS["per_day"]
    if not _is_blank(inputs.get("per_day")):
        count = _positive("per_day", _number("per_day", inputs.get("per_day")))
        if count > LIMITS["per_day"]["max"]:  # before the whole-number test, which cannot floor infinity
            _fail("too_large", "per_day", _error("too_large", "per_day", limit=_limit(LIMITS["per_day"]["max"])))
        if math.floor(count) != count:
            _fail("not_whole", "per_day", _error("not_whole", "per_day"))
        per_day = int(count)

    route = _choice(inputs, "route", ROUTES)
    spray_ml = _spray_ml(inputs, route)

    ml_per_unit = SYRINGE_ML_PER_UNIT[syringe]
    capacity_units = _capacity_units(capacity_ml, ml_per_unit)

    target_units = None
    if route == "injection" and not _is_blank(inputs.get("target_units")):
        target_units = _positive("target_units", _number("target_units", inputs.get("target_units")))
        low = LIMITS["target_units"]["min"]
        _within(
            "target_units",
            target_units,
            low,
            capacity_units,
            _limit(low) + " unit",
            SPEC["errors"]["target_capacity"].format(
                capacity=_limit(capacity_units), capacity_ml=shown("capacity_ml", capacity_ml), syringe=syringe
            ),
        )

    return {
        "vial_mcg": vial_mcg,
        "water_ml": water_ml,
        "dose_mcg": dose_mcg,
        "ml_per_unit": ml_per_unit,
        "capacity_units": capacity_units,
        "per_day": per_day,
        "route": route,
        "spray_ml": spray_ml,
        "target_units": target_units,
    }



def _floor_whole(x: float) -> int:
    """Whole count of x, forgiving float noise just below an integer."""
    return math.floor(x * (1 + _REL_TOL))


def _over(a: float, b: float) -> bool:
    return a > b * (1 + _REL_TOL)


def _under(a: float, b: float) -> bool:
    return a < b * (1 - _REL_TOL)


def _whole_sprays(exact: float) -> int:
    # floor(x + 0.5), not round(): Python rounds halves to even, JavaScript's Math.round up.
    return max(1, math.floor(exact + 0.5))


def _compute(p: Mapping[str, Any]) -> dict[str, float]:
    vial_mcg, water_ml, dose_mcg, per_day = p["vial_mcg"], p["water_ml"], p["dose_mcg"], p["per_day"]
    ml_per_unit, capacity_units = p["ml_per_unit"], p["capacity_units"]

    concentration = vial_mcg / water_ml
    volume_ml = dose_mcg / concentration
    units = volume_ml / ml_per_unit
    result: dict[str, float] = {
        "concentration_mcg_per_ml": concentration,
        "concentration_mg_per_ml": concentration / MCG_PER_MG,
        "dose_mcg": dose_mcg,
        "vial_mcg": vial_mcg,
        "volume_ml": volume_ml,
        "units": units,
        "ml_per_unit": ml_per_unit,
        "syringe_capacity_units": capacity_units,
        "fill_fraction": min(1.0, units / capacity_units),
        "daily_mcg": dose_mcg * per_day,
    }

    # The counts follow what is actually given: whole doses of the dose entered from a syringe, but
    # whole sprays from a bottle, which can deliver more or less than the dose entered.
    if p["route"] == "injection":
        doses = _floor_whole(vial_mcg / dose_mcg)
        result.update(
            {
                "doses_per_vial": doses,
                # The tolerant floor can overshoot by a hair; never report a negative remainder.
                "leftover_mcg": max(0.0, vial_mcg - doses * dose_mcg),
                "days_per_vial": math.floor(doses / per_day),
            }
        )
    else:
        spray_ml = p["spray_ml"]
        mcg_per_spray = concentration * spray_ml
        exact = dose_mcg / mcg_per_spray
        sprays = _whole_sprays(exact)
        sprays_per_bottle = _floor_whole(water_ml / spray_ml)
        doses_per_bottle = math.floor(sprays_per_bottle / sprays)  # whole counts: no float noise to forgive
        result.update(
            {
                "mcg_per_spray": mcg_per_spray,
                "sprays_per_dose_exact": exact,
                "sprays_per_dose": sprays,
                "delivered_mcg": sprays * mcg_per_spray,
                "sprays_per_bottle": sprays_per_bottle,
                "doses_per_bottle": doses_per_bottle,
                "days_per_bottle": math.floor(doses_per_bottle / per_day),
            }
        )

    if p["target_units"] is not None:
        result["water_for_target_ml"] = vial_mcg * p["target_units"] * ml_per_unit / dose_mcg

    return result


# The thresholds as the warnings (the blend's too) name them, so a changed threshold changes its sentence.
THRESHOLD_TEXT = {
    "min_measurable_units": _limit(THRESHOLDS["min_measurable_units"]),
    "hard_to_measure_units": _limit(THRESHOLDS["hard_to_measure_units"]),
    "spray_rounding_percent": _limit(THRESHOLDS["spray_rounding_fraction"] * 100),
}


def _warning(code: str, **fill: str) -> dict[str, str]:
    return {"code": code, "message": SPEC["warnings"][code].format(**THRESHOLD_TEXT, **fill)}


def _warnings(p: Mapping[str, Any], r: Mapping[str, float]) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    if _over(r["dose_mcg"], r["vial_mcg"]):
        found.append(_warning("dose_exceeds_vial"))
    if p["route"] == "injection":
        if _over(r["units"], r["syringe_capacity_units"]):
            found.append(_warning("exceeds_syringe"))
        if _under(r["units"], THRESHOLDS["min_measurable_units"]):
            found.append(_warning("below_one_unit"))
        elif _under(r["units"], THRESHOLDS["hard_to_measure_units"]):
            found.append(_warning("hard_to_measure"))
        if "water_for_target_ml" in r:
            water, limits = r["water_for_target_ml"], LIMITS["water_ml"]
            if _over(water, limits["max"]):
                sides = SPEC["target_water_sides"]["above"]
                found.append(_warning("target_water_outside_limits", limit=_limit(limits["max"]), **sides))
            elif _under(water, limits["min"]):
                sides = SPEC["target_water_sides"]["below"]
                found.append(_warning("target_water_outside_limits", limit=_limit(limits["min"]), **sides))
    else:
        allowed = THRESHOLDS["spray_rounding_fraction"] * r["dose_mcg"]
        if _over(abs(r["delivered_mcg"] - r["dose_mcg"]), allowed):
            found.append(_warning("spray_rounding"))
    return found


def calculate(inputs: Any) -> dict[str, Any]:
    """Validate raw inputs and compute the reconstitution result.

    Returns ``{"ok": True, "result": {...}, "warnings": [{"code", "message"}, ...]}`` or
    ``{"ok": False, "error": {"code", "field", "message"}}``. Nothing is rounded: formatting is the
    caller's job. Every number is finite.
    """
    return _answer(inputs, _parse, _compute, _warnings)


def _answer(
    inputs: Any,
    parse: Callable[[Mapping[str, Any]], Any],
    compute: Callable[[Any], Any],
    warnings: Callable[[Any, Any], list[dict[str, str]]],
) -> dict[str, Any]:
    """The envelope both calculators answer in: the first input problem, or the result and its warnings."""
    if not isinstance(inputs, Mapping):
        message = SPEC["errors"]["not_an_object"]
        return {"ok": False, "error": {"code": "not_an_object", "field": "inputs", "message": message}}
    try:
        parsed = parse(inputs)
    except _InputError as err:
        return {"ok": False, "error": {"code": err.code, "field": err.field, "message": err.message}}
    result = compute(parsed)
    return {"ok": True, "result": result, "warnings": warnings(parsed, result)}
