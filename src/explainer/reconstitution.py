"""The reconstitution calculator's math: pure functions, no I/O.

``reconstitution.js`` mirrors this module operation for operation, so both give the same numbers,
warnings and messages for the same inputs (tests/vectors/reconstitution.json and a property test
hold them to that). Change one, change the other.

Inputs arrive raw, as typed into text boxes: each number may be a number or a string. Every
arithmetic step is written in the same order in both languages; IEEE doubles then agree bit for bit.
The calculator does arithmetic only: it never recommends a dose, and no warning compares a dose or a
daily total with what anyone reports taking. Keys it does not know are ignored.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, NoReturn, cast

MCG_PER_MG = 1000
SYRINGE_ML_PER_UNIT: dict[str, float] = {"U-100": 0.01, "U-50": 0.02, "U-40": 0.025}
CAPACITIES_ML: tuple[float, ...] = (0.3, 0.5, 1.0)
VIAL_UNITS = ("mg", "mcg")
DOSE_UNITS = ("mcg", "mg")
ROUTES = ("injection", "intranasal")
SYRINGES = tuple(SYRINGE_ML_PER_UNIT)

DEFAULTS: dict[str, Any] = {
    "vial_unit": "mg",
    "dose_unit": "mcg",
    "syringe": "U-100",
    "capacity_ml": 1.0,
    "per_day": 1,
    "route": "injection",
    "spray_ml": 0.1,
}

# Lower bounds exist so no quotient can overflow to Infinity or underflow to zero.
LIMITS: dict[str, Any] = {
    "vial_mcg": {"min": 0.001 * MCG_PER_MG, "max": 1000 * MCG_PER_MG},
    "water_ml": {"min": 0.01, "max": 100},
    "dose_mcg": {"min": 0.01, "max": 1000 * MCG_PER_MG},
    "per_day": {"min": 1, "max": 24},
    "spray_ml": {"min": 0.01, "max": 1},
    "target_units": {"min": 1},  # the maximum is the chosen syringe's capacity
    "input_chars": 64,
}

THRESHOLDS: dict[str, float] = {
    "min_measurable_units": 1,
    "hard_to_measure_units": 5,
    "spray_rounding_fraction": 0.1,
    # Relative slack for comparisons and floors, so 3000 / 300 counts as 10 doses, not 9.
    "rel_tol": 1e-9,
}

WARNING_CODES = (
    "dose_exceeds_vial",
    "exceeds_syringe",
    "below_one_unit",
    "hard_to_measure",
    "target_water_outside_limits",
    "spray_rounding",
)
ERROR_CODES = (
    "not_an_object",
    "empty",
    "not_a_number",
    "not_finite",
    "too_long",
    "zero",
    "negative",
    "too_small",
    "too_large",
    "not_whole",
    "unknown_choice",
)

# Plain words and no numbers from the inputs: the UI shows those, so formatting stays out of the math.
_WARNING_MESSAGES = {
    "dose_exceeds_vial": "This dose is more than the whole vial holds. "
    "Check mg against mcg: a 1000-fold mix-up is the most common mistake.",
    # Less water, not more: a stronger solution puts the same dose in a smaller volume.
    "exceeds_syringe": "This dose is more than the syringe holds. "
    "Use a larger syringe, or less water so each dose takes up less volume.",
    "below_one_unit": "This dose is under 1 unit on this syringe, too small to measure. "
    "More water makes each dose a larger volume.",
    "hard_to_measure": "This dose is under 5 units, which is hard to measure accurately. "
    "More water makes each dose a larger volume.",
    "target_water_outside_limits": "Making each dose fill the target units would take {side} {limit} mL of "
    "water, outside what the calculator accepts. Choose {change} units, or check the vial and the dose "
    "for an mg and mcg mix-up.",
    "spray_rounding": "Whole sprays deliver more than 10% more or less than the dose entered. "
    "Changing the water or the spray volume brings them closer.",
}

_REL_TOL = THRESHOLDS["rel_tol"]
# ASCII-only on purpose: Python's \d and \s accept more than JavaScript's, and the two must agree.
_NUMBER_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_SPACE = " \t\n\r\f\v"

_LABELS = {
    "vial_amount": "Vial size",
    "water_ml": "Water added",
    "dose_amount": "Dose",
    "capacity_ml": "Syringe size",
    "per_day": "Doses per day",
    "spray_ml": "Spray volume",
    "target_units": "Target units",
}
_ENTER = {
    "vial_amount": "Enter the amount of peptide in the vial.",
    "water_ml": "Enter the water added in mL.",
    "dose_amount": "Enter the dose.",
    "capacity_ml": "Enter the syringe size in mL.",
    "per_day": "Enter the number of doses per day.",
    "spray_ml": "Enter the spray or drop volume in mL.",
    "target_units": "Enter the target units.",
}


class _InputError(Exception):
    def __init__(self, code: str, field: str, message: str) -> None:
        super().__init__(message)
        self.code, self.field, self.message = code, field, message


def _fail(code: str, field: str, message: str) -> NoReturn:
    raise _InputError(code, field, message)


def _fmt(x: float) -> str:
    """Format a limit for a message the way JavaScript's String(x) does (for such tidy values)."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


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


def _number(field: str, raw: Any) -> float:
    value, code = parse_number(raw)
    if code is None:
        return cast(float, value)
    label = _LABELS[field]
    messages = {
        "empty": _ENTER[field],
        "not_a_number": f"{label} must be a number such as 2 or 0.5, with a dot for decimals.",
        "not_finite": f"{label} must be an ordinary finite number.",
        "too_long": f"{label} has too many characters to be a number.",
    }
    _fail(code, field, messages[code])


def _positive(field: str, value: float) -> float:
    if value == 0:
        _fail("zero", field, f"{_LABELS[field]} must be more than zero.")
    if value < 0:
        _fail("negative", field, f"{_LABELS[field]} cannot be negative.")
    return value


def _within(field: str, value: float, low: float, high: float, low_text: str, high_text: str) -> float:
    if value < low:
        _fail("too_small", field, f"{_LABELS[field]} must be at least {low_text}.")
    if value > high:
        _fail("too_large", field, f"{_LABELS[field]} must be at most {high_text}.")
    return value


def _choice(inputs: Mapping[str, Any], field: str, options: tuple[str, ...], message: str) -> str:
    raw = inputs.get(field)
    if _is_blank(raw):
        return DEFAULTS[field]
    if isinstance(raw, str) and _strip(raw) in options:
        return _strip(raw)
    _fail("unknown_choice", field, message)


def _amount_mcg(inputs: Mapping[str, Any], field: str, unit: str, limits: Mapping[str, float]) -> float:
    """A required amount in mg or mcg, checked against limits held in mcg."""
    amount = _positive(field, _number(field, inputs.get(field)))
    mcg = amount * (MCG_PER_MG if unit == "mg" else 1)
    low_text = _fmt(limits["min"]) + " mcg"
    high_text = _fmt(limits["max"] / MCG_PER_MG) + " mg"
    return _within(field, mcg, limits["min"], limits["max"], low_text, high_text)


def _volume_ml(inputs: Mapping[str, Any], field: str) -> float:
    limits = LIMITS[field]
    value = _positive(field, _number(field, inputs.get(field)))
    low_text, high_text = _fmt(limits["min"]) + " mL", _fmt(limits["max"]) + " mL"
    return _within(field, value, limits["min"], limits["max"], low_text, high_text)


def _parse(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Validate every input in a fixed order; the first problem wins."""
    vial_unit = _choice(inputs, "vial_unit", VIAL_UNITS, "Choose mg or mcg for the vial amount.")
    vial_mcg = _amount_mcg(inputs, "vial_amount", vial_unit, LIMITS["vial_mcg"])

    water_ml = _volume_ml(inputs, "water_ml")

    dose_unit = _choice(inputs, "dose_unit", DOSE_UNITS, "Choose mcg or mg for the dose.")
    dose_mcg = _amount_mcg(inputs, "dose_amount", dose_unit, LIMITS["dose_mcg"])

    syringe = _choice(inputs, "syringe", SYRINGES, "Choose a syringe scale: U-100, U-50 or U-40.")

    capacity_ml = DEFAULTS["capacity_ml"]
    if not _is_blank(inputs.get("capacity_ml")):
        capacity_ml = _number("capacity_ml", inputs.get("capacity_ml"))
        if capacity_ml not in CAPACITIES_ML:
            _fail("unknown_choice", "capacity_ml", "Choose a syringe size: 0.3, 0.5 or 1 mL.")

    per_day = DEFAULTS["per_day"]
    if not _is_blank(inputs.get("per_day")):
        count = _positive("per_day", _number("per_day", inputs.get("per_day")))
        if count > LIMITS["per_day"]["max"]:  # before the whole-number test, which cannot floor infinity
            _fail("too_large", "per_day", f"Doses per day must be at most {_fmt(LIMITS['per_day']['max'])}.")
        if math.floor(count) != count:
            _fail("not_whole", "per_day", "Doses per day must be a whole number.")
        per_day = int(count)

    route = _choice(inputs, "route", ROUTES, "Choose injection or intranasal.")

    # A hidden field keeps whatever was typed in it, so check only what the route uses.
    spray_ml = None
    if route == "intranasal":
        spray_ml = DEFAULTS["spray_ml"]
        if not _is_blank(inputs.get("spray_ml")):
            spray_ml = _volume_ml(inputs, "spray_ml")

    ml_per_unit = SYRINGE_ML_PER_UNIT[syringe]
    # Rounded because 0.3 / 0.025 is 11.999999999999998; every listed size holds whole units.
    capacity_units = math.floor(capacity_ml / ml_per_unit + 0.5)

    target_units = None
    if route == "injection" and not _is_blank(inputs.get("target_units")):
        target_units = _positive("target_units", _number("target_units", inputs.get("target_units")))
        low = LIMITS["target_units"]["min"]
        _within(
            "target_units",
            target_units,
            low,
            capacity_units,
            f"{_fmt(low)} unit",
            f"{capacity_units} units, the capacity of a {_fmt(capacity_ml)} mL {syringe} syringe",
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
        # floor(x + 0.5), not round(): Python rounds halves to even, JavaScript's Math.round up.
        sprays = max(1, math.floor(exact + 0.5))
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


def _warning(code: str, **fill: str) -> dict[str, str]:
    return {"code": code, "message": _WARNING_MESSAGES[code].format(**fill)}


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
                found.append(_warning("target_water_outside_limits", side="more than", limit=_fmt(limits["max"]),
                                      change="fewer"))
            elif _under(water, limits["min"]):
                found.append(_warning("target_water_outside_limits", side="less than", limit=_fmt(limits["min"]),
                                      change="more"))
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
    if not isinstance(inputs, Mapping):
        message = "Inputs must be a set of named values."
        return {"ok": False, "error": {"code": "not_an_object", "field": "inputs", "message": message}}
    try:
        parsed = _parse(inputs)
    except _InputError as err:
        return {"ok": False, "error": {"code": err.code, "field": err.field, "message": err.message}}
    result = _compute(parsed)
    return {"ok": True, "result": result, "warnings": _warnings(parsed, result)}
