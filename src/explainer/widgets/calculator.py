"""The reconstitution calculator: unit conversion from the reader's numbers, never dosing advice.

Every input is a synced trait holding what the reader typed (text) or what Python set (a number),
so "abc" reaches the math and comes back as its message. ``result`` is always ``calculate()`` of
the current inputs, recomputed here by an observer: in JupyterLab the page shows what Python
computed. The static book runs the same math in JavaScript (``reconstitution.js``) instead.
"""

from __future__ import annotations

import html
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import traitlets

from ..content import Compound, as_compound
from ..reconstitution import DEFAULTS, LIMITS, calculate, parse_number
from .base import BookWidget

# The inputs ``calculate`` reads, in the order the page shows them.
INPUTS = (
    "vial_amount", "vial_unit", "water_ml", "dose_amount", "dose_unit", "syringe", "capacity_ml",
    "per_day", "route", "spray_ml", "target_units",
)

ASSUMPTIONS = (
    "The powder's own volume is taken as zero: the solution is as much as the water added.",
    "Each spray or drop delivers the volume set here; real pumps and droppers vary from their label.",
    "Doses per vial counts whole doses only; what is left after them is shown separately.",
    "For a nasal spray, the bottle's doses and days count whole sprays, which can deliver more or less "
    "than the dose entered.",
)
# The content's note already says the starting values are examples; this adds where the dose comes from.
START_NOTE_STANDARD = (
    "The starting dose ({dose} mcg, {per_day} a day) comes from the standard daily figure in the dosing "
    "chapter ({standard} mcg a day), used here only as a number to convert."
)
START_NOTE_STATUS = "That figure's status: {status}."
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



def start_note(c: Compound, overridden: bool = False) -> str:
    """Says the starting values are examples, and, when the starting dose follows the dosing chapter's
    standard figure, which figure and its review status, so 300 mcg never reads as advice."""
    if overridden or getattr(c.calculator, "dose_mcg", None) is not None:
        return ""
    try:
        status = c.dosing.row("standard").status
    except KeyError:
        status = None
    per_day = c.calculator.per_day
    text = START_NOTE_STANDARD.format(dose=_plain(float(c.calculator_dose_mcg)), per_day=_count(per_day, "dose"),
                                      standard=_plain(float(c.dosing.standard_mcg_per_day)))
    return f"{text} {START_NOTE_STATUS.format(status=status)}" if status else text


class Calculator(BookWidget):
    """Reconstitution and nasal-spray arithmetic, starting from the compound's example values.

    ``compound`` is a loaded Compound, a compound name or a YAML path: ``Calculator("semax", water_ml=3)``;
    then ``c.dose_amount = 250`` and read ``c.result["result"]["units"]``.
    """

    asset_name = "calculator"
    esm_files = ("../reconstitution.js", "calculator.js")
    css_file = "calculator.css"

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

    result = traitlets.Dict().tag(sync=True)
    # The compound's spray and drop volumes, offered as one-click presets.
    spray_presets = traitlets.Dict().tag(sync=True)
    note = traitlets.Unicode().tag(sync=True)
    # Where the starting dose comes from, with the review status of the figure it follows.
    start_note = traitlets.Unicode().tag(sync=True)
    route_note = traitlets.Unicode().tag(sync=True)
    disclaimer = traitlets.Unicode().tag(sync=True)
    assumptions = traitlets.List(traitlets.Unicode()).tag(sync=True)

    def __init__(self, compound: Compound | str | Path = "semax", **overrides: Any) -> None:
        unknown = sorted(set(overrides) - set(INPUTS))
        if unknown:
            raise TypeError(f"Calculator() got unknown inputs {unknown}; known: {', '.join(INPUTS)}")
        c = as_compound(compound)
        # Only the boxes' starting values: the calculator reads nothing of the dosing chapter's figures.
        inputs = {name: value for name, value in c.calculator_inputs().items() if name in INPUTS}
        super().__init__(
            **{**inputs, "target_units": "", **overrides},
            spray_presets={"spray": c.calculator.spray_ml, "drop": c.calculator.drop_ml},
            note=c.calculator.note,
            start_note=start_note(c, overridden=bool({"dose_amount", "dose_unit", "per_day"} & set(overrides))),
            route_note=c.calculator.route_note or "",
            disclaimer=c.metadata.disclaimer,
            assumptions=list(ASSUMPTIONS),
        )
        self._recompute()

    def inputs(self) -> dict[str, Any]:
        """What ``calculate`` receives: the boxes' values, nothing else."""
        return {name: getattr(self, name) for name in INPUTS}

    @traitlets.observe(*INPUTS)
    def _recompute(self, change: Any = None) -> None:
        self.result = calculate(self.inputs())

    def fallback_html(self) -> str:
        out = self.result
        if not out.get("ok"):
            body = f'<p class="calc-error">{html.escape(out["error"]["message"])}</p>'
        else:
            rows = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in _summary(self, out))
            body = f"<dl>{rows}</dl>"
            if out["warnings"]:
                items = "".join(f"<li>{html.escape(w['message'])}</li>" for w in out["warnings"])
                body += f'<ul class="calc-warnings">{items}</ul>'
        return (
            '<div class="calc-fallback">'
            f"<p><strong>Reconstitution calculator</strong> (the interactive version needs JavaScript). "
            f"With the example values:</p>{body}"
            + (f'<p class="calc-start-note">{html.escape(self.start_note)}</p>' if self.start_note else "")
            + f'<p class="calc-disclaimer">{html.escape(self.disclaimer)}</p></div>'
        )


def _num(x: float, decimals: int) -> str:
    """Rounded for reading, as the page does: a tiny nonzero value keeps two significant digits."""
    if x != 0 and abs(x) < 10**-decimals:
        x = float(f"{x:.2g}")
        decimals = 1 - math.floor(math.log10(abs(x)))
    text = f"{x:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _plain(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value).strip()


def _given(c: Calculator, name: str) -> str:
    """An input as the reader gave it, or the math's default for a blank choice."""
    value = getattr(c, name)
    return _plain(DEFAULTS[name] if value == "" and name in DEFAULTS else value)


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _summary(c: Calculator, out: dict[str, Any]) -> list[tuple[str, str]]:
    """The no-JavaScript reader's table: the inputs in words and the figures the page shows."""
    r = out["result"]
    per_day = _count(int(parse_number(_given(c, "per_day"))[0] or 1), "dose")
    rows = [
        ("Vial size", f"{_plain(c.vial_amount)} {_given(c, 'vial_unit')}"),
        ("Water added", f"{_plain(c.water_ml)} mL"),
        ("Dose", f"{_plain(c.dose_amount)} {_given(c, 'dose_unit')}, {per_day} a day"),
        ("Concentration", f"{_num(r['concentration_mcg_per_ml'], 1)} mcg/mL ({_num(r['concentration_mg_per_ml'], 3)} mg/mL)"),
        ("Volume per dose", f"{_num(r['volume_ml'], 3)} mL"),
    ]
    if "sprays_per_dose" in r:
        # A bottle's figures count the whole sprays given, not doses of the amount entered.
        rows += [
            ("Per spray or drop", f"{_num(r['mcg_per_spray'], 1)} mcg"),
            ("Sprays per dose", f"{r['sprays_per_dose']} (delivering {_num(r['delivered_mcg'], 1)} mcg)"),
            ("Sprays per bottle", f"{r['sprays_per_bottle']:,}"),
            ("Doses per bottle", f"{r['doses_per_bottle']:,}, {_count(r['sprays_per_dose'], 'spray')} each"),
            ("Days the bottle lasts", f"{r['days_per_bottle']:,}, at {per_day} a day"),
        ]
    else:
        rows += [
            ("Units to draw", f"{_num(r['units'], 1)} units on a {_given(c, 'syringe')} syringe"),
            ("Doses per vial", f"{r['doses_per_vial']:,} ({_num(r['leftover_mcg'], 1)} mcg left over)"),
            ("Days the vial lasts", f"{r['days_per_vial']:,} at {_num(r['daily_mcg'], 1)} mcg a day"),
        ]
        if "water_for_target_ml" in r:
            rows.append(("Reverse mode", _reverse_text(c, out)))
    return rows


def _reverse_text(c: Calculator, out: dict[str, Any]) -> str:
    if any(w["code"] == _REVERSE_WARNING for w in out["warnings"]):
        limits = LIMITS["water_ml"]  # the warning below says which way to change the target
        return f"no amount of water from {_plain(limits['min'])} to {_plain(limits['max'])} mL makes this target"
    water = out["result"]["water_for_target_ml"]
    return f"add {_num(water, 2)} mL of water so each dose fills {_plain(c.target_units)} units"
