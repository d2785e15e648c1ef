"""The reconstitution calculator: unit conversion from the reader's numbers, never dosing advice.

Every input is a synced trait holding what the reader typed (text) or what Python set (a number),
so "abc" reaches the math and comes back as its message. ``result`` is always ``calculate()`` of
the current inputs, recomputed here by an observer: in JupyterLab the page shows what Python
computed. The static book runs the same math in JavaScript (``reconstitution.js``) instead.
"""

from __future__ import annotations

import html
import math
from pathlib import Path
from typing import Any

import traitlets

from ..content import Compound, load_compound
from ..reconstitution import calculate
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
)


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
        return value


class Calculator(BookWidget):
    """Reconstitution and nasal-spray arithmetic, starting from the compound file's example values.

    ``compound`` is a loaded Compound, a compound name or a YAML path: ``Calculator("semax", water_ml=3)``; then ``c.dose_amount = 250`` and read
    ``c.result["result"]["units"]``.
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
    community_range_mcg = traitlets.List(traitlets.Float(), minlen=2, maxlen=2).tag(sync=True)
    # The spray and drop volumes the content file gives, offered as one-click presets.
    spray_presets = traitlets.Dict().tag(sync=True)
    note = traitlets.Unicode().tag(sync=True)
    route_note = traitlets.Unicode().tag(sync=True)
    disclaimer = traitlets.Unicode().tag(sync=True)
    assumptions = traitlets.List(traitlets.Unicode()).tag(sync=True)

    def __init__(self, compound: Compound | str | Path = "semax", **overrides: Any) -> None:
        unknown = sorted(set(overrides) - set(INPUTS))
        if unknown:
            raise TypeError(f"Calculator() got unknown inputs {unknown}; known: {', '.join(INPUTS)}")
        c = compound if isinstance(compound, Compound) else load_compound(compound)
        d = c.calculator_defaults
        inputs = {
            "vial_amount": d["vial_mg"], "vial_unit": "mg", "water_ml": d["water_ml"],
            "dose_amount": d["dose_mcg"], "dose_unit": "mcg", "syringe": d["syringe"],
            "capacity_ml": d["capacity_ml"], "per_day": d["per_day"], "route": d["route"],
            "spray_ml": d["spray_ml"], "target_units": "",
        }
        super().__init__(
            **{**inputs, **overrides},
            community_range_mcg=list(c.community_daily_range_mcg),
            spray_presets={"spray": d["spray_ml"], "drop": d["drop_ml"]},
            note=c.calculator.note,
            route_note=c.calculator.route_note or "",
            disclaimer=c.metadata.disclaimer,
            assumptions=list(ASSUMPTIONS),
        )
        self._recompute()

    def inputs(self) -> dict[str, Any]:
        """What ``calculate`` receives: the inputs plus the community range it checks daily totals against."""
        return {**{name: getattr(self, name) for name in INPUTS}, "community_range_mcg": self.community_range_mcg}

    @traitlets.observe(*INPUTS, "community_range_mcg")
    def _recompute(self, change: Any = None) -> None:
        self.result = calculate(self.inputs())

    def fallback_html(self) -> str:
        out = self.result
        if not out.get("ok"):
            body = f'<p class="calc-error">{html.escape(out["error"]["message"])}</p>'
        else:
            rows = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in _summary(self, out["result"]))
            body = f"<dl>{rows}</dl>"
        return (
            '<div class="calc-fallback">'
            f"<p><strong>Reconstitution calculator</strong> (the interactive version needs JavaScript). "
            f"With the example values:</p>{body}"
            f'<p class="calc-disclaimer">{html.escape(self.disclaimer)}</p></div>'
        )


def _num(x: float, decimals: int) -> str:
    text = f"{x:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _plain(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _summary(c: Calculator, r: dict[str, Any]) -> list[tuple[str, str]]:
    """The no-JavaScript reader's table: the inputs in words and the main results."""
    rows = [
        ("Vial size", f"{_plain(c.vial_amount)} {c.vial_unit}"),
        ("Water added", f"{_plain(c.water_ml)} mL"),
        ("Dose", f"{_plain(c.dose_amount)} {c.dose_unit}, {_plain(c.per_day)} per day"),
        ("Concentration", f"{_num(r['concentration_mcg_per_ml'], 1)} mcg/mL ({_num(r['concentration_mg_per_ml'], 3)} mg/mL)"),
        ("Volume per dose", f"{_num(r['volume_ml'], 3)} mL"),
    ]
    if "sprays_per_dose" in r:
        rows += [
            ("Per spray or drop", f"{_num(r['mcg_per_spray'], 1)} mcg"),
            ("Sprays per dose", f"{r['sprays_per_dose']} (delivering {_num(r['delivered_mcg'], 1)} mcg)"),
            ("Sprays per bottle", f"{r['sprays_per_bottle']}, lasting {r['days_per_bottle']} days"),
        ]
    else:
        rows.append(("Units to draw", f"{_num(r['units'], 1)} units on a {c.syringe} syringe"))
    rows.append(("Doses per vial", f"{r['doses_per_vial']} ({_num(r['leftover_mcg'], 1)} mcg left over)"))
    return rows
