"""The blend calculator: one vial holding two or more peptides; unit conversion, never dosing advice.

Every input is a synced trait holding what the reader typed (text) or what Python set (a number);
``peptides`` is a list of ``{"name", "amount", "unit"}``. ``result`` is always ``blend.calculate()`` of
the current inputs, recomputed here by an observer, so in JupyterLab the page shows what Python
computed; the static book runs the same math in JavaScript (``blend.js``). The starting values are the
spec's examples for a vial of the peptides named (the collection's compounds, which the page passes):
``Blend(["Semax", "Selank"], water_ml=3)``, then ``b.peptides = [...]`` or ``b.mode = "target"``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import traitlets

from ..blend import EXAMPLE, SPEC, calculate, example
from ..reconstitution import SPEC as CALC_SPEC
from ..reconstitution import SYRINGE_ML_PER_UNIT, shown
from .base import CalculatorWidget, calculator_fallback
from .calculator import RawInput

# The inputs ``calculate`` reads, in the order the page shows them.
INPUTS = (
    "peptides", "water_ml", "route", "syringe", "capacity_ml", "spray_ml",
    "mode", "target_name", "target_amount", "target_unit", "draw_amount", "draw_unit",
)


def example_note() -> str:
    """The example's note, naming the syringe scale its draw is read on (the single calculator's, never copied)."""
    syringe = CALC_SPEC["defaults"]["syringe"]
    units = EXAMPLE["draw_amount"]
    return SPEC["example_note"].format(units=shown("units", units), syringe=syringe,
                                       ml=shown("volume_ml", units * SYRINGE_ML_PER_UNIT[syringe]))


class Blend(CalculatorWidget):
    """Two or more peptides in one vial: what a draw or a spray holds of each."""

    asset_name = "blend"
    input_names = INPUTS
    calculate = staticmethod(calculate)

    peptides = traitlets.List().tag(sync=True)
    water_ml = RawInput().tag(sync=True)
    route = RawInput().tag(sync=True)
    syringe = RawInput().tag(sync=True)
    capacity_ml = RawInput().tag(sync=True)
    spray_ml = RawInput().tag(sync=True)
    mode = RawInput().tag(sync=True)
    target_name = RawInput().tag(sync=True)
    target_amount = RawInput().tag(sync=True)
    target_unit = RawInput().tag(sync=True)
    draw_amount = RawInput().tag(sync=True)
    draw_unit = RawInput().tag(sync=True)

    note = traitlets.Unicode().tag(sync=True)
    disclaimer = traitlets.Unicode().tag(sync=True)

    def __init__(self, names: Sequence[str], **overrides: Any) -> None:
        self.refuse_unknown(overrides)
        given = example(list(names))
        start = {name: given.get(name, "") for name in INPUTS}
        super().__init__(**{**start, **overrides}, note=example_note(), disclaimer=CALC_SPEC["arithmetic_only"])

    @traitlets.validate("peptides")
    def _peptide_entries(self, proposal: Any) -> list[Any]:
        # Each entry goes to the page as JSON; what it holds is the math's to judge.
        return [dict(entry) if isinstance(entry, dict) else entry for entry in proposal["value"]]

    def fallback_html(self) -> str:
        out = self.result
        notes = [("note", self.note), ("disclaimer", self.disclaimer)]
        return calculator_fallback("blend", SPEC, out, lambda: summary(out["result"]), notes)


def _each(r: dict[str, Any], key: str, figure: str, unit: str) -> str:
    return ", ".join(f"{name} {shown(figure, r[key][name])} {unit}" for name in r["names"])


def summary(r: dict[str, Any]) -> list[tuple[str, str]]:
    """The no-JavaScript reader's table: the figures the page shows, by the one number rule."""
    ui = SPEC["ui"]
    rows = [
        (ui["in_vial"], f"{_each(r, 'vial_mcg', 'vial_mcg', 'mcg')} in {shown('water_ml', r['water_ml'])} mL"),
        (ui["concentration"], _each(r, "concentration_mcg_per_ml", "concentration_mcg_per_ml", "mcg/mL")),
        (ui["volume"], f"{shown('volume_ml', r['volume_ml'])} mL"),
        (ui["units"], shown("units", r["units"])),
        (ui["in_draw"], _each(r, "per_peptide_mcg", "dose_mcg", "mcg")),
    ]
    if "sprays" in r:
        rows += [
            (ui["sprays"], f"{shown('sprays_per_dose', r['sprays'])} of {shown('spray_ml', r['spray_ml'])} mL"),
            (ui["per_spray"], _each(r, "per_peptide_mcg_per_spray", "mcg_per_spray", "mcg")),
            (ui["by_sprays"], _each(r, "per_peptide_delivered_mcg", "delivered_mcg", "mcg")),
        ]
    return rows
