"""The reconstitution calculator: unit conversion from the reader's numbers, never dosing advice.

Every input is a synced trait holding what the reader typed (text) or what Python set (a number),
so "abc" reaches the math and comes back as its message. ``result`` is always ``calculate()`` of
the current inputs, recomputed here by an observer: in JupyterLab the page shows what Python
computed. The static book runs the same math in JavaScript (``reconstitution.js``) instead.
"""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import traitlets

from ..charts import fmt_span
from ..collection import disclaimer_text
from ..content import Compound, as_compound
from ..numbers import format_number, plural
from ..reconstitution import DEFAULTS, LIMITS, SPEC, calculate, parse_number, shown
from .base import CalculatorWidget, calculator_fallback

# The inputs ``calculate`` reads, in the order the page shows them.
INPUTS = (
    "vial_amount", "vial_unit", "water_ml", "dose_amount", "dose_unit", "syringe", "capacity_ml",
    "per_day", "route", "spray_ml", "target_units",
)

# Shown beside reverse mode instead of an amount of water the calculator would not accept.
_REVERSE_WARNING = "target_water_outside_limits"


class RawInput(traitlets.TraitType):
    """A number or the raw text of a box. The math, not the trait, decides what is valid."""

    info_text = "a number or text"
    default_value = ""

    def validate(self, obj: Any, value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.error(obj, value)
        # JSON cannot carry NaN or infinity; as text they still reach the math and get its message.
        if isinstance(value, float) and not math.isfinite(value):
            return repr(value)
        if isinstance(value, int):
            try:
                float(value)
            except OverflowError:
                # Past a double's range the page would read the JSON number as Infinity ("not finite"),
                # Python as too large. As short text ("1e+400") both read it as typed: too large.
                return _exponent_text(value)
        return value


def _exponent_text(value: int) -> str:
    mantissa, exponent = f"{Decimal(value):.6e}".split("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}e{exponent}"



def _route_note(c: Compound) -> str:
    """The route hint with its badge's words: a claim about how people take it is graded where it is shown."""
    note = c.calculator.route_note
    return f"{note.text.strip()} ({note.badge_words}.)" if note else ""


def start_note(c: Compound, overridden: bool = False) -> str:
    """Says the starting values are examples, and, when the starting dose follows the dosing chapter's
    standard figure, which figure and its review status, so 300 mcg never reads as advice."""
    if overridden:
        return ""
    basis = c.calculator.start_basis
    if basis is not None:  # the data says where its starting values come from, with that figure's grade
        return " ".join([f"{basis.text.strip()} ({basis.badge_words}.)", *_scale_notes(c)])
    if c.calculator.dose_mcg is not None:
        return ""
    try:
        row = c.dosing.row("standard")
    except KeyError:
        row = None
    parts = [SPEC["start_note"].format(
        dose=shown("dose_mcg", c.calculator_dose_mcg),
        per_day=plural(c.calculator.per_day, "dose"),
        standard=shown("daily_mcg", c.dosing.standard_mcg_per_day),
        split=fmt_span(c.dosing.split_min, c.dosing.split_max),
    )]
    if row is not None:
        parts.append(SPEC["start_note_grade"].format(grade=row.badge_words))
        if row.status:
            parts.append(SPEC["start_note_status"].format(status=row.status))
    parts.append(SPEC["start_note_vial"].format(vial=shown("vial_mg", c.calculator.vial_mg),
                                                water=shown("water_ml", c.calculator.water_ml)))
    return " ".join([*parts, *_scale_notes(c)])


def _scale_notes(c: Compound) -> list[str]:
    """Where the starting spray volume and syringe scale come from, when they are the usual ones the spec
    describes (a compound that sets others says why in its own note)."""
    notes = []
    if c.calculator.spray_ml == SPEC["defaults"]["spray_ml"]:
        notes.append(SPEC["start_note_spray"].format(spray=shown("spray_ml", c.calculator.spray_ml)))
        # the readout's "spray or drop" is at the spray volume until the dropper is chosen: say what a drop is
        notes.append(SPEC["start_note_drop"].format(drop=shown("spray_ml", c.calculator.drop_ml)))
    if c.calculator.syringe == "U-100":
        notes.append(SPEC["start_note_syringe"])
    return notes


class Calculator(CalculatorWidget):
    """Reconstitution and nasal-spray arithmetic, starting from the compound's example values.

    ``compound`` is a loaded Compound, a compound name or a YAML path: ``Calculator("semax", water_ml=3)``;
    then ``c.dose_amount = 250`` and read ``c.result["result"]["units"]``.
    """

    asset_name = "calculator"
    input_names = INPUTS
    calculate = staticmethod(calculate)

    vial_amount = RawInput().tag(sync=True)
    vial_unit = RawInput("mg").tag(sync=True)
    water_ml = RawInput().tag(sync=True)
    dose_amount = RawInput().tag(sync=True)
    dose_unit = RawInput("mcg").tag(sync=True)
    syringe = RawInput().tag(sync=True)
    capacity_ml = RawInput().tag(sync=True)
    per_day = RawInput().tag(sync=True)
    route = RawInput().tag(sync=True)
    spray_ml = RawInput().tag(sync=True)
    target_units = RawInput().tag(sync=True)  # blank: reverse mode is off

    # The compound's spray and drop volumes, offered as one-click presets.
    spray_presets = traitlets.Dict().tag(sync=True)
    note = traitlets.Unicode().tag(sync=True)
    # Where the starting dose comes from, with the review status of the figure it follows.
    start_note = traitlets.Unicode().tag(sync=True)
    route_note = traitlets.Unicode().tag(sync=True)
    disclaimer = traitlets.Unicode().tag(sync=True)

    def __init__(self, compound: Compound | str | Path = "semax", disclaimer_on_page: bool = False,
                 **overrides: Any) -> None:
        """``disclaimer_on_page=True`` where the page around it already carries the not-medical-advice line (a
        chapter), so the line is shown once per page; on its own the calculator shows it."""
        self.refuse_unknown(overrides)
        c = as_compound(compound)
        # Only the boxes' starting values: the calculator reads nothing of the dosing chapter's figures.
        inputs = {name: value for name, value in c.calculator_inputs().items() if name in INPUTS}
        super().__init__(
            **{**inputs, "target_units": "", **overrides},
            spray_presets={"spray": c.calculator.spray_ml, "drop": c.calculator.drop_ml},
            note=c.calculator.note,
            start_note=start_note(c, overridden=bool({"dose_amount", "dose_unit", "per_day"} & set(overrides))),
            route_note=_route_note(c),
            disclaimer="" if disclaimer_on_page else disclaimer_text(c),
        )

    def fallback_html(self) -> str:
        out = self.result
        notes = [("start-note", self.start_note)] if self.start_note else []
        if self.disclaimer:
            notes.append(("disclaimer", self.disclaimer))
        return calculator_fallback("calc", SPEC, out, lambda: _summary(self, out), notes)


# What the reader typed stays as typed; a number Python set is shown by the one rule, to the decimals
# the page uses for that box.
_BOX_DECIMALS = {
    "vial_amount": {"mg": "vial_mg", "mcg": "vial_mcg"},
    "dose_amount": {"mg": "dose_mg", "mcg": "dose_mcg"},
}


def _given(c: Calculator, name: str, unit: str = "") -> str:
    """An input as the reader gave it, or the math's default for a blank choice."""
    value = getattr(c, name)
    if value == "" and name in DEFAULTS:
        value = DEFAULTS[name]
    if isinstance(value, str):
        return value.strip()
    key = _BOX_DECIMALS[name][unit] if name in _BOX_DECIMALS else name
    return shown(key, value) if key in SPEC["decimals"] else format_number(value, SPEC["decimals"]["limits"])


def _summary(c: Calculator, out: dict[str, Any]) -> list[tuple[str, str]]:
    """The no-JavaScript reader's table: the inputs in words and the figures the page shows."""
    r = out["result"]
    label = SPEC["results"]
    fields = SPEC["fields"]
    per_day = plural(int(parse_number(_given(c, "per_day"))[0] or 1), "dose")
    vial_unit, dose_unit = _given(c, "vial_unit"), _given(c, "dose_unit")
    rows = [
        (fields["vial_amount"]["label"], f"{_given(c, 'vial_amount', vial_unit)} {vial_unit}"),
        (fields["water_ml"]["label"], f"{_given(c, 'water_ml')} mL"),
        (fields["dose_amount"]["label"], f"{_given(c, 'dose_amount', dose_unit)} {dose_unit}, {per_day} a day"),
        (label["concentration_mcg_per_ml"],
         f"{shown('concentration_mcg_per_ml', r['concentration_mcg_per_ml'])} mcg/mL "
         f"({shown('concentration_mg_per_ml', r['concentration_mg_per_ml'])} mg/mL)"),
        (label["volume_ml"], f"{shown('volume_ml', r['volume_ml'])} mL"),
    ]
    if "sprays_per_dose" in r:
        # A bottle's figures count the whole sprays given, not doses of the amount entered; the volume they
        # are worked at is named first, so "per spray or drop" never reads as the label's own drop.
        rows += [
            (fields["spray_ml"]["label"], f"{_given(c, 'spray_ml')} mL"),
            (label["mcg_per_spray"], f"{shown('mcg_per_spray', r['mcg_per_spray'])} mcg"),
            (label["sprays_per_dose"],
             f"{shown('sprays_per_dose', r['sprays_per_dose'])} "
             f"(delivering {shown('delivered_mcg', r['delivered_mcg'])} mcg)"),
            (label["sprays_per_bottle"], shown("sprays_per_bottle", r["sprays_per_bottle"])),
            (label["doses_per_bottle"],
             f"{shown('doses_per_bottle', r['doses_per_bottle'])}, {plural(r['sprays_per_dose'], 'spray')} each"),
            (label["days_per_bottle"], f"{shown('days_per_bottle', r['days_per_bottle'])}, at {per_day} a day"),
        ]
    else:
        rows += [
            (label["units"], f"{shown('units', r['units'])} units on a {_given(c, 'syringe')} syringe"),
            (label["doses_per_vial"],
             f"{shown('doses_per_vial', r['doses_per_vial'])} "
             f"({shown('leftover_mcg', r['leftover_mcg'])} mcg left over)"),
            (label["days_per_vial"],
             f"{shown('days_per_vial', r['days_per_vial'])} at {shown('daily_mcg', r['daily_mcg'])} mcg a day"),
        ]
        if "water_for_target_ml" in r:
            rows.append((label["water_for_target_ml"], _reverse_text(c, out)))
    return rows


def _reverse_text(c: Calculator, out: dict[str, Any]) -> str:
    target = _given(c, "target_units")
    if any(w["code"] == _REVERSE_WARNING for w in out["warnings"]):
        limits = LIMITS["water_ml"]  # the warning below says which way to change the target
        return SPEC["reverse"]["none"].format(
            min=shown("water_ml", limits["min"]), max=shown("water_ml", limits["max"]), target=target
        )
    water = shown("water_for_target_ml", out["result"]["water_for_target_ml"])
    return SPEC["reverse"]["answer"].format(
        water=water, dose=shown("dose_mcg", out["result"]["dose_mcg"]), target=target
    )
