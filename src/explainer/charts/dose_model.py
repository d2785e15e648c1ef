"""The dose-band model: the single place where the dose bands are worked out, in mcg per day.

The dose chart (:mod:`.dose_chart`) and the dose locator widget both draw from :func:`dose_bands`.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..content import Compound, Grade, as_compound
from .formatting import fmt_amount, fmt_num, fmt_span
from .palette import grade_style



@dataclass(frozen=True)
class DoseBand:
    """One band of the dose picture, in mcg per day.

    ``high_mcg`` is None for an open-ended band (the sources give it no upper number); ``drawn_to_mcg``
    is where the drawing stops it. ``soft_from_mcg`` marks where a band's upper end becomes vague
    ("up to about 500–600"). ``short`` and ``detail`` describe what people report or what a source
    says; they never tell anyone what to take.
    """

    key: str
    label: str
    grade: Grade
    low_mcg: float
    high_mcg: float | None
    drawn_to_mcg: float
    soft_from_mcg: float | None
    short: str  # the note drawn under the band
    detail: str  # one or two sentences for hover and for text-only readers

    def as_state(self) -> dict[str, Any]:
        """JSON-ready form for a widget's state (grade as its value and badge words, plus its colour)."""
        return {**asdict(self), "grade": grade_style(self.grade)}


def _stroke_schedule(compound: Compound):
    if compound.label is None:
        return None
    try:
        return compound.label.schedule("stroke")
    except KeyError:
        return None


def _label_name(c: Compound) -> str:
    """'the Russian label' from a citation like 'Russian product labelling as reproduced by ...'."""
    citation = (c.source(c.label.source_id).citation or "") if c.label else ""
    origin = citation.split("product label")[0].strip() if "product label" in citation else ""
    return f"the {origin} label" if origin else "the product label"


def dose_bands(compound: Compound | str | Path) -> list[DoseBand]:
    """The community standard, the commonly reported range, the open "pushing higher" zone and, when the
    compound has a labelled stroke schedule, the daily amount derived from it; low to high."""
    c = as_compound(compound)
    d = c.dosing
    std = float(d.standard_mcg_per_day)
    soft, top = (float(v) for v in d.range_high_mcg_per_day.as_tuple())
    # The sources give the daily total and how often it is split, never an amount per dose, so the
    # bands give none either.
    split = fmt_span(d.split_min, d.split_max)
    rows = {r.key: r for r in d.rows}

    def grade_of(key: str) -> Grade:
        return rows[key].grade if key in rows else Grade.community

    bands = [
        DoseBand(
            key="standard",
            label="Community standard",
            grade=grade_of("standard"),
            low_mcg=std,
            high_mcg=std,
            drawn_to_mcg=std,
            soft_from_mcg=None,
            short=f"People report about {fmt_amount(std)} a day, often split into {split} doses.",
            detail=f"Community reports put the usual amount at about {fmt_amount(std)} a day, often split "
                   f"into {split} doses.",
        ),
        DoseBand(
            key="range",
            label="Commonly reported range",
            grade=grade_of("range"),
            low_mcg=std,
            high_mcg=top,
            drawn_to_mcg=top,
            soft_from_mcg=soft,
            short=f"Many report up to about {fmt_span(soft, top, 'mcg')} a day (the paler end).",
            detail=f"Many people report taking up to about {fmt_span(soft, top, 'mcg')} a day.",
        ),
    ]
    stroke = _stroke_schedule(c)
    clinical = None
    if stroke is not None:
        lo_mg, hi_mg = c.label.daily_mg("stroke")
        clinical = (lo_mg * 1000, hi_mg * 1000)
    bands.append(DoseBand(
        key="pushing_higher",
        label="Pushing higher",
        grade=grade_of("pushing_higher"),
        low_mcg=top,
        high_mcg=None,
        # Open-ended: drawn up to the next thing the sources do give a number for.
        drawn_to_mcg=clinical[0] if clinical else top * 10,
        soft_from_mcg=None,
        short="Some report going higher, with no number in the sources: the band has no upper end.",
        detail=("Some people report going beyond these amounts, but the sources give no figure for how far: "
                "this zone has no upper number."),
    ))
    if clinical is not None:
        lo, hi = clinical
        mult = (lo / std, hi / std)
        setting = stroke.setting or "hospital"
        amount = f"{fmt_span(lo / 1000, hi / 1000, 'mg')} a day"
        times = f"{fmt_span(round(mult[0]), round(mult[1]))}×"
        drop = f"one drop is about {fmt_num(c.label.drop_ml)} mL"
        what = f"Clinical use in {setting} (from {_label_name(c)}), not a protocol."
        bands.append(DoseBand(
            key="clinical",
            label=f"{setting.capitalize()} stroke schedule",
            grade=stroke.grade,
            low_mcg=lo,
            high_mcg=hi,
            drawn_to_mcg=hi,
            soft_from_mcg=None,
            short=f"{amount}, about {times} the community standard. {what} Assumes {drop}.",
            detail=(f"{amount}, about {times} the community standard, worked out from the label's "
                    f"{stroke.strength_percent:g}% {setting} schedule ({fmt_span(*stroke.drops_per_nostril.as_tuple())} "
                    f"drops per nostril, {fmt_span(*stroke.times_per_day.as_tuple())} times a day) assuming {drop}. "
                    f"{what}"),
        ))
    return bands


def dose_scale(compound: Compound | str | Path) -> tuple[float, float]:
    """The log axis both dose drawings use, in mcg per day: whole decades around every band."""
    c = as_compound(compound)
    bands = dose_bands(c)
    lowest = min(b.low_mcg for b in bands)
    highest = max(b.drawn_to_mcg for b in bands)
    # A band ending exactly on a decade still gets the next one, so it never touches the edge.
    return (10.0 ** math.floor(math.log10(lowest)), 10.0 ** math.ceil(math.log10(highest * 1.0001)))


def dose_ticks(compound: Compound | str | Path) -> list[float]:
    """Tick positions for the dose axis (mcg per day): each decade of the scale, so every gridline is
    ten times the one before and the labels sit evenly apart, even on a phone. The standard and the
    range ends are not ticks: they would crowd their neighbours, and their bands give their numbers."""
    lo, hi = dose_scale(compound)
    return [10.0 ** k for k in range(round(math.log10(lo)), round(math.log10(hi)) + 1)]

