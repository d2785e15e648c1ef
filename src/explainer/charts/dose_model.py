"""The dose-band model: the single place where the dose bands are worked out, in mcg per day or per dose.

The dose chart (:mod:`.dose_chart`) and the dose locator widget both draw from :func:`dose_bands`.
Two groups of bands: what people report (a per-day community standard, the commonly reported range and
the open-ended "pushing higher", where the compound has them; then any reported amounts listed as
figures), and one band per schedule on the product label, for scale only. The axis is per day or per
dose, as the compound's community figures are (:func:`dose_basis`); a label schedule gives the amount on
that basis, as the label states it or derived from drops. The words describe what people report or what
a source says; they never tell anyone what to take.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from ..content import Compound, Grade, LabelSchedule, as_compound
from .formatting import fmt_amount, fmt_amount_span, fmt_multiple, fmt_span
from .palette import grade_style

# How far the open-ended "pushing higher" arrow is drawn, in decades of the log axis. The length means
# nothing (the sources give no upper figure); it is short and fades out so it never reads as a range.
# The commonly reported range has the mirror problem, no lower figure, so it fades in over as far.
OPEN_ARROW_DECADES = 0.35
NO_UPPER_FIGURE = "no upper figure in the sources"


@dataclass(frozen=True)
class DoseBand:
    """One band of the dose picture, in mcg per day.

    ``high_mcg`` is None for an open-ended band (the sources give it no upper number); ``drawn_to_mcg``
    is where the drawing stops it (for an open band: the tip of a short, fading arrow, not a figure).
    ``soft_from_mcg`` marks where a band's upper end becomes approximate ("up to about 500–600").
    ``fade_from_mcg`` is set when the sources give a band no lower figure: the drawing fades in from
    there up to ``low_mcg``, where its words begin (the reported range starts nowhere the sources say).
    ``group`` says whose figure it is: what people report, or the product label. ``status`` is the
    review status the data gives the figure (the community standard's), ``citation`` the source's one
    inline citation (every flag included).
    """

    key: str
    label: str
    group: Literal["community", "label"]
    grade: Grade
    low_mcg: float
    high_mcg: float | None
    drawn_to_mcg: float
    soft_from_mcg: float | None
    status: str | None
    citation: str | None
    short: str  # the note drawn under the band
    detail: str  # one or two sentences for hover and for text-only readers
    stated: bool = False  # a label band whose amount the label states (not worked out from drops)
    fade_from_mcg: float | None = None
    badge: str = ""  # both halves of the badge of the row, figure or schedule the band draws
    meaning: str = ""  # that badge's tooltip: the meaning of every kind it names
    approximate: bool = False  # a figure the source gives as "about" an amount

    def as_state(self) -> dict[str, Any]:
        """JSON-ready form for a widget's state (grade as its value and badge words, plus its colour)."""
        # ``stated`` only words the locator's facts (built in Python), so the page's state leaves it out.
        # ``badge`` travels as the grade's label (both halves), not as a field of its own.
        return {**{k: v for k, v in asdict(self).items() if k not in ("stated", "badge", "meaning", "approximate")},
                "grade": {**grade_style(self.grade), "label": self.badge_words,
                          **({"meaning": self.meaning} if self.meaning else {})}}

    @property
    def badge_words(self) -> str:
        return self.badge or grade_style(self.grade)["label"]


PER_WORDS = {"per_day": "a day", "per_dose": "per dose"}
QUANTITY = {"per_day": "daily total", "per_dose": "single dose"}
FIGURE_KIND = {"guide": "one guide page's amount, not a first-hand report",
               "first_hand": "one first-hand report",
               "summary": "a summary of what people report"}


def dose_basis(compound: Compound | str | Path) -> str:
    """'per_day' or 'per_dose': what the dose axis measures, as the compound's community figures do."""
    return as_compound(compound).dosing.basis


def per_words(compound: Compound | str | Path) -> str:
    """'a day' or 'per dose', after an amount."""
    return PER_WORDS[dose_basis(compound)]


def standard_status(compound: Compound | str | Path) -> str | None:
    """The review status the data gives the community standard's row (None when it gives none)."""
    c = as_compound(compound)
    try:
        row = c.dosing.row("standard")
    except KeyError:
        return None
    return getattr(row, "status", None) or None


def standard_phrase(compound: Compound | str | Path) -> str:
    """'the community standard of about 300 mcg a day (proposed — pending dosing review)': how every
    drawing and sentence names the standard, so its status always goes with it."""
    c = as_compound(compound)
    if not c.dosing.has_standard:
        return ""
    status = standard_status(c)
    text = f"the community standard of about {fmt_amount(c.dosing.standard_mcg_per_day)} a day"
    return f"{text} ({status})" if status else text


def _schedule_name(s: LabelSchedule) -> str:
    """'Label's 0.1% schedule', 'Label's 1% schedule (hospital)': named by what the data gives, never
    by an indication it does not state."""
    if s.name:
        return s.name
    return f"Label's {s.strength_percent:g}% schedule" + (f" ({s.setting})" if s.setting else "")


def _schedule_how(s: LabelSchedule) -> str:
    """The label's own counts for a schedule, in words ('2–3 drops per nostril, 2–3 times a day')."""
    parts = []
    if s.drops_per_nostril is not None:
        parts.append(f"{fmt_span(*s.drops_per_nostril.as_tuple())} drops per nostril")
    if s.drops_per_administration is not None:
        parts.append(f"{fmt_span(*s.drops_per_administration.as_tuple())} drops in a single dose")
    if s.drops_per_day is not None:
        parts.append(f"{fmt_span(*s.drops_per_day.as_tuple())} drops a day")
    if s.times_per_day is not None:
        parts.append(f"{fmt_span(*s.times_per_day.as_tuple())} times a day")
    return ", ".join(parts)


def _label_bands(c: Compound, std: float | None) -> list[DoseBand]:
    if c.label is None:
        return []
    label = c.label
    basis = c.dosing.basis
    per = PER_WORDS[basis]
    citation = c.source(label.source_id).inline_citation
    bands = []
    for s in label.schedules:
        amount_mg = s.daily_mg(label.drop_ml) if basis == "per_day" else s.single_mg(label.drop_ml)
        if amount_mg is None:  # this schedule gives no amount on the axis's basis
            continue
        lo, hi = amount_mg[0] * 1000, amount_mg[1] * 1000
        amount = f"{fmt_amount_span(lo, hi)} {per}"
        stated = (s.daily_mcg if basis == "per_day" else s.single_mcg) is not None
        how = _schedule_how(s)
        where = " ".join(x for x in (f"in {s.setting}" if s.setting else "",
                                      f"for {s.indication}" if s.indication else "") if x)
        around = f" {where}" if where else ""
        inside = f", {where}" if where else ""
        kind = "Clinical use, not a protocol" if s.setting else "For scale only, not a protocol"
        if std is not None:
            low_x, high_x = fmt_multiple(lo / std), fmt_multiple(hi / std)  # two figures: scale, not precision
            versus = f"about {low_x if low_x == high_x else f'{low_x}–{high_x}'}× {standard_phrase(c)}, "
        else:
            versus = ""
        if stated:
            origin = (f"as the label states it for its {s.strength_percent:g}% drops"
                      + (f" ({how}{inside})" if how or where else ""))
            short = f"{amount}, as the label states it for its {s.strength_percent:g}% drops{around}. {kind}."
        else:
            origin = (f"worked out from the label's {s.strength_percent:g}% schedule ({how}{inside}) "
                      f"{label.drop_words}")
            # The chart prints this line: a derived figure says so, with its drop size, even there.
            # (the row's heading names the label; the drop size is the book's assumption, and says so)
            whose = "an assumed" if label.drop_stated is None else "the label's"
            short = (f"{amount}, {s.strength_percent:g}% drops{around}, at {whose} {label.drop_ml:g} mL a drop. "
                     f"{kind}.")
        bands.append(DoseBand(
            key=f"label_{s.key}",
            label=_schedule_name(s),
            group="label",
            grade=s.grade,
            badge=s.badge_words,
            meaning=s.badge_meaning,
            low_mcg=lo,
            high_mcg=hi,
            drawn_to_mcg=hi,
            soft_from_mcg=None,
            status=None,
            citation=citation,
            short=short,
            detail=f"{amount}, {versus}{origin}. {kind}. Source: {citation}.",
            stated=stated,
        ))
    return sorted(bands, key=lambda b: (b.low_mcg, b.high_mcg))


def _figure_bands(c: Compound) -> list[DoseBand]:
    """One band per reported amount listed as a figure (a point when it is a single number)."""
    bands = []
    for f in c.dosing.figures:
        per = PER_WORDS[f.basis]
        lo, hi = float(f.mcg.low), float(f.mcg.high)
        amount = f"{'about ' if f.approximate else ''}{fmt_amount_span(lo, hi) if hi > lo else fmt_amount(lo)} {per}"
        times = f", {fmt_span(*f.times_per_day.as_tuple())} times a day" if f.times_per_day else ""
        route = f", {f.route}" if f.route else ""
        bands.append(DoseBand(
            key=f"figure_{f.key}",
            label=f.label,
            group="community",
            grade=f.grade,
            badge=f.badge_words,
            meaning=f.badge_meaning,
            low_mcg=lo,
            high_mcg=hi,
            drawn_to_mcg=hi,
            soft_from_mcg=None,
            status=None,
            citation=c.citations(f) or None,
            approximate=f.approximate,
            short=f"{amount}{times}{route} ({FIGURE_KIND[f.kind]}"
                  + (f"; {f.short_note}" if f.short_note else "") + ").",
            detail=" ".join(f.text.split()) + (f" {' '.join(f.caveat.split())}" if f.caveat else ""),
        ))
    return bands


def dose_bands(compound: Compound | str | Path) -> list[DoseBand]:
    """What people report, then one band per schedule on the product label (for scale), low to high within
    the label group. A per-day standard brings three community bands (the standard, the commonly reported
    range, the open "pushing higher"); reported amounts listed as figures bring one band each."""
    c = as_compound(compound)
    d = c.dosing
    if not d.has_standard:
        return _figure_bands(c) + _label_bands(c, None)
    std = float(d.standard_mcg_per_day)
    soft, top = (float(v) for v in d.range_high_mcg_per_day.as_tuple())
    status = standard_status(c)
    # The sources give the daily total and how often it is split, never an amount per dose, so the
    # bands give none either.
    split = fmt_span(d.split_min, d.split_max)
    rows = {r.key: r for r in d.rows}

    def grade_of(key: str) -> Grade:
        return rows[key].grade if key in rows else Grade.community

    def badge_of(key: str) -> str:
        return rows[key].badge_words if key in rows else ""

    def meaning_of(key: str) -> str:
        return rows[key].badge_meaning if key in rows else ""

    flagged = f" Status: {status}." if status else ""
    bands = [
        DoseBand(
            key="standard",
            label="Community standard",
            group="community",
            grade=grade_of("standard"),
            badge=badge_of("standard"),
            meaning=meaning_of("standard"),
            low_mcg=std,
            high_mcg=std,
            drawn_to_mcg=std,
            soft_from_mcg=None,
            status=status,
            citation=None,
            short=f"People report about {fmt_amount(std)} a day, often split into {split} doses.{flagged}",
            detail=f"Community reports put the usual amount at about {fmt_amount(std)} a day, often split "
                   f"into {split} doses.{flagged}",
        ),
        DoseBand(
            key="range",
            label="Commonly reported range",
            group="community",
            grade=grade_of("range"),
            badge=badge_of("range"),
            meaning=meaning_of("range"),
            low_mcg=std,
            high_mcg=top,
            drawn_to_mcg=top,
            soft_from_mcg=soft,
            status=None,
            citation=None,
            short=f"Many report up to about {fmt_amount_span(soft, top)} a day (the paler right end); "
                  "the sources give no lower figure, so the left end fades.",
            detail=f"Many people report taking up to about {fmt_amount_span(soft, top)} a day. The sources give "
                   "no lower figure, so the bar fades in at its left end.",
            fade_from_mcg=std / 10 ** OPEN_ARROW_DECADES,
        ),
        DoseBand(
            # Its own row says "going above the standard amount": it starts there, and has no end.
            key="pushing_higher",
            label="Pushing higher",
            group="community",
            grade=grade_of("pushing_higher"),
            badge=badge_of("pushing_higher"),
            meaning=meaning_of("pushing_higher"),
            low_mcg=std,
            high_mcg=None,
            drawn_to_mcg=std * 10 ** OPEN_ARROW_DECADES,
            soft_from_mcg=None,
            status=None,
            citation=None,
            short=f"Some report going above the standard amount; {NO_UPPER_FIGURE}.",
            detail=(f"Some people report going above the standard amount. There is {NO_UPPER_FIGURE}, so "
                    "this has no upper end; the arrow's length means nothing."),
        ),
    ]
    return bands + _figure_bands(c) + _label_bands(c, std)


def dose_scale(compound: Compound | str | Path) -> tuple[float, float]:
    """The log axis both dose drawings use, in mcg per day or per dose: whole decades around every band."""
    c = as_compound(compound)
    bands = dose_bands(c)
    lowest = min(min(b.low_mcg, b.fade_from_mcg or b.low_mcg) for b in bands)
    highest = max(b.drawn_to_mcg for b in bands)
    # A band ending exactly on a decade still gets the next one, so it never touches the edge.
    return (10.0 ** math.floor(math.log10(lowest)), 10.0 ** math.ceil(math.log10(highest * 1.0001)))


def dose_ticks(compound: Compound | str | Path) -> list[float]:
    """Tick positions for the dose axis (mcg per day): each decade of the scale, so every gridline is
    ten times the one before and the labels sit evenly apart, even on a phone. The standard and the
    range ends are not ticks: they would crowd their neighbours, and their bands give their numbers."""
    lo, hi = dose_scale(compound)
    return [10.0 ** k for k in range(round(math.log10(lo)), round(math.log10(hi)) + 1)]
