"""The calculator chapter: the formulas it uses and its starting values worked through."""

from __future__ import annotations

from .. import myst
from ..charts import fmt_num as fmt
from ..content import Compound
from ..myst import Myst
from ..numbers import plural
from ..reconstitution import MCG_PER_MG, SYRINGE_ML_PER_UNIT, calculate, shown
from .common import lead


def calculator_formulas() -> Myst:

    scales = ", ".join(f"{name}: 1 unit = {fmt(ml)} mL" for name, ml in SYRINGE_ML_PER_UNIT.items())
    return Myst(myst.bullets(myst.text(line) for line in [
        f"Vial size in mcg = vial size in mg × {fmt(MCG_PER_MG)}.",
        "Concentration (mcg per mL) = vial size (mcg) ÷ water added (mL).",
        "Volume per dose (mL) = dose (mcg) ÷ concentration.",
        f"Units to draw = volume per dose ÷ the mL in one unit of the syringe's scale ({scales}).",
        "Doses per vial = the whole number of doses the vial holds; the remainder is shown as left over.",
        "Nasal spray: mcg per spray = concentration × spray volume; sprays per dose = dose ÷ mcg per spray, "
        "rounded to whole sprays, and the dose those whole sprays actually deliver is shown.",
        "Reverse mode: water to add = vial size (mcg) × chosen units × mL per unit ÷ dose (mcg).",
        "Assumption: the powder's own volume is taken as zero.",
    ]))


def worked_example(compound: Compound) -> Myst:

    d = compound.calculator_defaults
    inputs = compound.calculator_inputs()
    outcomes = [calculate({**inputs, "route": route}) for route in ("injection", "intranasal")]
    injection, nasal = (out["result"] for out in outcomes)
    # The starting dose is the community standard (unless the content overrides it): it carries that status.
    derived = compound.calculator.dose_mcg is None
    split = f" over {plural(d['per_day'], 'dose')}" if d["per_day"] > 1 else ""
    dose_note = (f" (the community standard daily figure{split}; "
                 f"status on the original page: {compound.dosing.standard_status})"
                 if derived and compound.dosing.standard_status else "")
    # Every figure by the calculator's own rule (reconstitution.shown), so the page, the CLI and this
    # table agree digit for digit on the same inputs.
    rows = [
        ("Vial and water", f"{shown('vial_mg', d['vial_mg'])} mg in {shown('water_ml', d['water_ml'])} mL"),
        ("Concentration", f"{shown('concentration_mcg_per_ml', injection['concentration_mcg_per_ml'])} mcg/mL"),
        ("Dose entered", f"{shown('dose_mcg', d['dose_mcg'])} mcg{dose_note}"),
        ("Volume per dose", f"{shown('volume_ml', injection['volume_ml'])} mL"),
        (f"Units on a {d['syringe']} syringe", f"{shown('units', injection['units'])} units"),
        ("Whole doses in the vial", f"{shown('doses_per_vial', injection['doses_per_vial'])} "
                                    f"(left over: {shown('leftover_mcg', injection['leftover_mcg'])} mcg)"),
        (f"As a {shown('spray_ml', d['spray_ml'])} mL nasal spray",
         f"{shown('mcg_per_spray', nasal['mcg_per_spray'])} mcg per spray, "
         f"{plural(nasal['sprays_per_dose'], 'spray')} per dose, "
         f"delivering {shown('delivered_mcg', nasal['delivered_mcg'])} mcg"),
    ]
    warnings = [w["message"] for out in outcomes for w in out["warnings"]]
    table = myst.table(("Quantity", "Result"), ((myst.text(a), myst.text(b)) for a, b in rows),
                       "The starting values, worked through (example values, not a recommendation)")
    if not warnings:
        return Myst(table)
    return Myst(table, lead("What the calculator would flag:"),
                myst.bullets(myst.text(m) for m in dict.fromkeys(warnings)))
