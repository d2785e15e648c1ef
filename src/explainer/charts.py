"""Plotly figures built from the content file: every number, label and caveat is read from the compound.

Each builder is ``f(compound) -> display.Figure`` (a name such as ``"semax"`` works too) and carries a
text alternative written from the same data. Only scatter and bar traces plus shapes, annotations and
``updatemenus`` are used, so the book's vendored "basic" plotly.js bundle draws all of them; the
evidence filter buttons are plain plotly ``restyle`` calls and need no custom JavaScript.

Colours come from one mapping, :data:`GRADE_COLOURS` (Okabe–Ito, chosen to stay distinguishable with
the common colour-vision deficiencies), also offered to tables and badges through :func:`badge_style`.
Backgrounds are transparent and text and grid are a mid grey, so a figure reads on the light and the
dark page theme alike.

:func:`dose_bands` is the single place where the dose bands are worked out; the dose chart and the
dose locator widget both draw from it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from .content import FLAG_INFO, GRADE_INFO, Compound, Grade, Source, load_compound
from .display import Figure

__all__ = [
    "GRADE_COLOURS",
    "STUDY_TYPES",
    "DoseBand",
    "as_compound",
    "badge_style",
    "bdnf_changes",
    "dose_bands",
    "dose_range",
    "dose_scale",
    "evidence_timeline",
    "fmt_amount",
    "fmt_num",
    "stacking_day",
]

# --------------------------------------------------------------------------- colours and style

# Okabe & Ito's palette: each pair stays apart under protan-, deutan- and tritanopia, and every
# colour is mid-toned, so a filled band or marker shows on a white and on a near-black page.
GRADE_COLOURS: dict[Grade, str] = {
    Grade.community: "#E69F00",  # orange
    Grade.label: "#CC79A7",  # reddish purple
    Grade.clinical: "#0072B2",  # blue
    Grade.imaging: "#009E73",  # bluish green
    Grade.animal: "#D55E00",  # vermillion
}

# A grey that keeps roughly 4:1 contrast on both furo's white and its near-black background.
INK = "#7f7f7f"
GRID = "rgba(127,127,127,0.25)"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

# Words for the study types the content model allows; the chart rows follow this order.
STUDY_TYPES: dict[str, str] = {
    "human_clinical": "Human clinical",
    "human_imaging": "Human imaging (fMRI)",
    "animal": "Animal",
}


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def badge_style(grade: Grade | str) -> str:
    """Inline CSS for a badge in this grade's colour, with whichever of black or white text reads better."""
    bg = GRADE_COLOURS[Grade(grade)]
    text = "#000000" if _contrast(bg, "#000000") >= _contrast(bg, "#ffffff") else "#ffffff"
    return f"background:{bg};color:{text}"


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _layout(fig: go.Figure, *, height: int, title: str, margin: dict[str, int] | None = None, **extra: Any) -> None:
    """The settings every chart shares: explicit height, transparent ground, neutral text and grid."""
    fig.update_layout(
        height=height,
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        font={"family": FONT, "color": INK, "size": 13},
        margin={"l": 20, "r": 20, "t": 60, "b": 50, **(margin or {})},
        hoverlabel={"font": {"family": FONT, "size": 13}, "align": "left"},
        showlegend=False,
        **extra,
    )
    axis = {"gridcolor": GRID, "linecolor": GRID, "zeroline": False, "tickfont": {"color": INK}, "fixedrange": True}
    fig.update_xaxes(**axis)
    fig.update_yaxes(**axis)


# --------------------------------------------------------------------------- small helpers


def as_compound(compound: Compound | str | Path) -> Compound:
    """Accept a loaded :class:`Compound` or anything :func:`load_compound` takes (``"semax"``, a path)."""
    return compound if isinstance(compound, Compound) else load_compound(compound)


def fmt_num(x: float) -> str:
    """300, 0.05, 12,000: no trailing zeros, thousands separated."""
    return f"{x:,.6g}" if abs(x) >= 1000 else f"{x:.6g}"


def fmt_amount(mcg: float) -> str:
    """A daily amount in the unit a reader would use: '300 mcg' below a milligram, '12 mg' above."""
    return f"{fmt_num(mcg / 1000)} mg" if mcg >= 1000 else f"{fmt_num(mcg)} mcg"


def _span(low: float, high: float, unit: str = "") -> str:
    text = fmt_num(low) if low == high else f"{fmt_num(low)}–{fmt_num(high)}"
    return f"{text} {unit}".strip()


def _count_word(n: int) -> str:
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[n] if 0 <= n < len(words) else str(n)


def _join_words(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _grade_tag(grade: Grade) -> str:
    return GRADE_INFO[grade].label


# --------------------------------------------------------------------------- dose bands


@dataclass(frozen=True)
class DoseBand:
    """One band of the dose picture, in mcg per day.

    ``high_mcg`` is None for an open-ended band (the sources give it no upper number); ``drawn_to_mcg``
    is where the drawing stops it. ``soft_from_mcg`` marks where a band's upper end becomes vague
    ("up to about 500–600"). ``multiple`` is the band's ends as multiples of the community standard.
    """

    key: str
    label: str
    grade: Grade
    low_mcg: float
    high_mcg: float | None
    drawn_to_mcg: float
    soft_from_mcg: float | None
    short: str  # the few words drawn on the band
    detail: str  # one or two sentences for hover and for text-only readers
    multiple: tuple[float, float] | None = None

    def as_state(self) -> dict[str, Any]:
        """JSON-ready form for a widget's state (grade as its value and badge words, plus its colour)."""
        d = asdict(self)
        d.update(grade=self.grade.value, grade_label=_grade_tag(self.grade), colour=GRADE_COLOURS[self.grade])
        d["multiple"] = list(self.multiple) if self.multiple else None
        return d


def _stroke_schedule(compound: Compound):
    if compound.label is None:
        return None
    try:
        return compound.label.schedule("stroke")
    except KeyError:
        return None


def dose_bands(compound: Compound | str | Path) -> list[DoseBand]:
    """The community standard, the commonly reported range, the open "pushing higher" zone and, when the
    compound has a labelled stroke schedule, the daily amount derived from it; low to high."""
    c = as_compound(compound)
    d = c.dosing
    std = float(d.standard_mcg_per_day)
    soft, top = (float(v) for v in d.range_high_mcg_per_day.as_tuple())
    per_low, per_high = d.per_administration_mcg
    split = _span(d.split_min, d.split_max)
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
            short=f"≈{fmt_amount(std)} a day, often split {split}×",
            detail=(f"About {fmt_amount(std)} a day, often split into {split} doses "
                    f"({_span(per_low, per_high, 'mcg')} each time)."),
            multiple=(1.0, 1.0),
        ),
        DoseBand(
            key="range",
            label="Commonly reported range",
            grade=grade_of("range"),
            low_mcg=std,
            high_mcg=top,
            drawn_to_mcg=top,
            soft_from_mcg=soft,
            short=f"up to ≈{_span(soft, top, 'mcg')} a day",
            detail=f"Many people report taking up to about {_span(soft, top, 'mcg')} a day.",
            multiple=(1.0, top / std),
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
        short="people go higher; the sources give no number",
        detail=(f"Going above the standard amount is reported, but the sources give no figure for it: "
                f"this zone has no upper number."),
    ))
    if clinical is not None:
        lo, hi = clinical
        mult = (lo / std, hi / std)
        setting = stroke.setting or "hospital"
        bands.append(DoseBand(
            key="clinical",
            label=f"{stroke.indication.capitalize() if stroke.indication else 'Stroke'} schedule",
            grade=stroke.grade,
            low_mcg=lo,
            high_mcg=hi,
            drawn_to_mcg=hi,
            soft_from_mcg=None,
            short=f"clinical use in {setting} (from the Russian label), not a protocol",
            detail=(f"{_span(lo / 1000, hi / 1000, 'mg')} a day, about {_span(round(mult[0]), round(mult[1]))}× the "
                    f"community standard, worked out from the label's {stroke.strength_percent:g}% {setting} "
                    f"schedule ({fmt_num(stroke.drops_per_nostril.low) if stroke.drops_per_nostril.low == stroke.drops_per_nostril.high else _span(*stroke.drops_per_nostril.as_tuple())} "
                    f"drops per nostril, {_span(*stroke.times_per_day.as_tuple())} times a day) assuming one drop is "
                    f"about {fmt_num(c.label.drop_ml)} mL. Clinical use in {setting}, not a protocol."),
            multiple=mult,
        ))
    return bands


def dose_scale(compound: Compound | str | Path) -> tuple[float, float]:
    """The log axis both dose drawings use, in mcg per day: whole decades around every band and the
    smallest single administration."""
    c = as_compound(compound)
    bands = dose_bands(c)
    lowest = min([c.dosing.per_administration_mcg[0], *(b.low_mcg for b in bands)])
    highest = max(b.drawn_to_mcg for b in bands)
    return (10.0 ** math.floor(math.log10(lowest)), 10.0 ** math.ceil(math.log10(highest * 1.0001)))


# --------------------------------------------------------------------------- dose range


def dose_range(compound: Compound | str | Path) -> Figure:
    """Community figures and the label-derived stroke amount on one log axis (mcg per day)."""
    c = as_compound(compound)
    bands = dose_bands(c)
    lo, hi = dose_scale(c)
    fig = go.Figure()
    rows = list(range(len(bands)))
    ticks = [
        f"<b>{b.label}</b><br><span style='font-size:11px'>{_grade_tag(b.grade)}</span>" for b in bands
    ]
    annotations: list[dict[str, Any]] = []
    for y, b in zip(rows, bands):
        colour = GRADE_COLOURS[b.grade]
        hover = f"<b>{b.label}</b> · {_grade_tag(b.grade)}<br>{_wrap(b.detail)}<extra></extra>"
        text_x, anchor = b.drawn_to_mcg, "left"
        if b.key == "standard":
            fig.add_trace(go.Scatter(
                x=[b.low_mcg], y=[y], mode="markers", name=b.label, hovertemplate=hover,
                marker={"symbol": "diamond", "size": 16, "color": colour, "line": {"width": 1, "color": INK}},
            ))
        elif b.high_mcg is None:
            # No upper number: a hatched band with no solid fill, fading out towards its drawn end.
            fig.add_trace(go.Bar(
                x=[b.drawn_to_mcg - b.low_mcg], base=[b.low_mcg], y=[y], orientation="h", name=b.label,
                hovertemplate=hover, width=0.5,
                marker={"color": _rgba(colour, 0.08), "line": {"width": 0},
                        "pattern": {"shape": "/", "fgcolor": colour, "fgopacity": 0.6, "size": 10}},
            ))
            text_x, anchor = math.sqrt(b.low_mcg * b.drawn_to_mcg), "center"
        else:
            solid_to = b.soft_from_mcg or b.high_mcg
            fig.add_trace(go.Bar(
                x=[solid_to - b.low_mcg], base=[b.low_mcg], y=[y], orientation="h", name=b.label,
                hovertemplate=hover, width=0.5, marker={"color": colour, "line": {"width": 0}},
            ))
            if b.soft_from_mcg is not None:
                # The vague top of a range ("up to about 500–600") is drawn paler than its certain part.
                fig.add_trace(go.Bar(
                    x=[b.high_mcg - b.soft_from_mcg], base=[b.soft_from_mcg], y=[y], orientation="h",
                    name=f"{b.label} (upper end)", hovertemplate=hover, width=0.5,
                    marker={"color": _rgba(colour, 0.4), "line": {"width": 0}},
                ))
        if b.key == "clinical":
            text_x, anchor = b.low_mcg, "right"
        label = b.short if b.key != "clinical" else (
            f"<b>{_span(b.low_mcg / 1000, b.high_mcg / 1000, 'mg')} a day ≈ "
            f"{_span(round(b.multiple[0]), round(b.multiple[1]))}× the standard</b><br>"
            f"{b.short}<br>assumes one drop ≈ {fmt_num(c.label.drop_ml)} mL"
        )
        annotations.append({
            "x": math.log10(text_x), "y": y, "xref": "x", "yref": "y", "text": label, "showarrow": False,
            "xanchor": anchor, "align": "right" if anchor == "right" else "left",
            "xshift": {"left": 10, "right": -8, "center": 0}[anchor], "yshift": 0 if b.key != "pushing_higher" else 0,
            "font": {"size": 12, "color": INK},
        })
    std = c.dosing.standard_mcg_per_day
    # A faint guide at the standard, so every band can be read against it.
    fig.add_trace(go.Scatter(
        x=[std, std], y=[-0.5, len(bands) - 0.5], mode="lines", hoverinfo="skip", name="standard guide",
        line={"color": INK, "width": 1, "dash": "dot"},
    ))
    ticks_x = _log_ticks(lo, hi, extra=(std, c.dosing.range_high_mcg_per_day.high))
    fig.update_xaxes(
        type="log", range=[math.log10(lo), math.log10(hi)], tickvals=ticks_x, ticktext=[fmt_amount(v) for v in ticks_x],
        title={"text": "Daily total (log scale: each step is ten times the last)", "font": {"size": 12}},
    )
    fig.update_yaxes(tickvals=rows, ticktext=ticks, range=[len(bands) - 0.5, -0.5], showgrid=False)
    _layout(fig, height=120 + 75 * len(bands), title="Daily amounts, community to clinic",
            margin={"l": 190, "r": 30}, annotations=annotations, bargap=0.5)
    return Figure(fig, _dose_alt(c, bands))


def _log_ticks(lo: float, hi: float, extra: Iterable[float]) -> list[float]:
    decades = [10.0 ** k for k in range(round(math.log10(lo)), round(math.log10(hi)) + 1)]
    return sorted(set(decades) | {float(v) for v in extra if lo <= v <= hi})


def _wrap(text: str, width: int = 60) -> str:
    """Hover boxes do not wrap by themselves."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


def _dose_alt(c: Compound, bands: list[DoseBand]) -> str:
    parts = [f"Chart of daily amounts of {c.identity.name} on a logarithmic axis."]
    for b in bands:
        parts.append(f"{b.label} ({_grade_tag(b.grade)}): {b.detail}")
    return " ".join(parts)


# --------------------------------------------------------------------------- evidence timeline


def _marker_size(n: int | None) -> float:
    # Area grows with n; a study without a reported n gets the smallest marker and says so.
    return 12.0 if n is None else min(54.0, 12.0 + 2.2 * math.sqrt(n))


def _n_text(n: int | None) -> str:
    return "n not reported" if n is None else f"n = {n:,}"


def _source_hover(s: Source) -> str:
    flags = ", ".join(FLAG_INFO[f] for f in s.flags) or "none"
    lines = [
        f"<b>{s.authors} ({s.year})</b>",
        _wrap(s.title) if s.title else None,
        f"Journal: {s.journal or 'not given'}",
        f"PMID {s.pmid}" if s.pmid else "No PMID",
        f"Population: {_wrap(s.population)}" if s.population else None,
        _n_text(s.n),
        f"Flags: {flags}",
        "<b>ATTRIBUTION UNVERIFIED</b>" if s.is_unverified else None,
    ]
    return "<br>".join(x for x in lines if x) + "<extra></extra>"


def _timeline_groups(studies: list[Source]) -> list[tuple[str, bool, list[Source]]]:
    """Studies grouped by (study type, unverified), one trace each, in row order."""
    groups = []
    for st in STUDY_TYPES:
        for unverified in (False, True):
            members = [s for s in studies if s.study_type == st and s.is_unverified == unverified]
            if members:
                groups.append((st, unverified, members))
    return groups


def evidence_timeline(compound: Compound | str | Path) -> Figure:
    """Each study by year and kind, sized by n, with filter buttons for human and animal studies."""
    c = as_compound(compound)
    studies = c.studies
    fig = go.Figure()
    groups = _timeline_groups(studies)
    rows = {st: i for i, st in enumerate(STUDY_TYPES)}
    for st, unverified, members in groups:
        grade = members[0].grade
        colour = GRADE_COLOURS[grade]
        labels = [
            f"{s.authors}<br>{_n_text(s.n)}" + ("<br><b>attribution unverified</b>" if s.is_unverified else "")
            for s in members
        ]
        fig.add_trace(go.Scatter(
            x=[s.year for s in members],
            y=[rows[st] for s in members],
            mode="markers+text",
            name=_grade_tag(grade) + (" · attribution unverified" if unverified else ""),
            text=labels,
            textposition="top center",
            textfont={"size": 12, "color": INK},
            customdata=[s.id for s in members],
            hovertemplate=[_source_hover(s) for s in members],
            marker={
                "size": [_marker_size(s.n) for s in members],
                # Unverified: hollow with a thick ring, so it never looks like a confirmed study.
                "symbol": "circle-open" if unverified else "circle",
                "color": colour,
                "line": {"width": 3 if unverified else 1, "color": colour if unverified else "rgba(255,255,255,0.6)"},
                "opacity": 1 if unverified else 0.9,
            },
            meta={"subject": "animal" if st == "animal" else "human"},
            showlegend=True,
        ))
    subjects = ["animal" if st == "animal" else "human" for st, _, _ in groups]
    buttons = [
        {"label": "All studies", "method": "restyle", "args": [{"visible": [True] * len(groups)}]},
        {"label": "Human", "method": "restyle", "args": [{"visible": [s == "human" for s in subjects]}]},
        {"label": "Animal", "method": "restyle", "args": [{"visible": [s == "animal" for s in subjects]}]},
    ]
    years = [s.year for s in studies] or [2000]
    fig.update_xaxes(range=[min(years) - 3, max(years) + 3], dtick=_year_step(min(years), max(years)),
                     title={"text": "Year published", "font": {"size": 12}}, showgrid=True)
    fig.update_yaxes(tickvals=list(rows.values()), ticktext=[f"<b>{t}</b>" for t in STUDY_TYPES.values()],
                     range=[len(rows) - 0.4, -0.75], showgrid=False)
    not_plotted = [s for s in c.sources if s.kind != "study"]
    annotations = []
    if not_plotted:
        annotations.append({
            "xref": "paper", "yref": "paper", "x": 0, "y": -0.3, "xanchor": "left", "yanchor": "top",
            "showarrow": False, "align": "left", "font": {"size": 12, "color": INK},
            "text": "Not plotted (not a study): " + "; ".join(s.short_cite for s in not_plotted)
                    + ". Marker area grows with the number of participants.",
        })
    _layout(
        fig, height=500, title="The studies, by year, kind and size", margin={"l": 170, "t": 100, "b": 130},
        annotations=annotations, showlegend=True,
        legend={"orientation": "h", "x": 0, "y": -0.16, "xanchor": "left", "yanchor": "top", "font": {"size": 12}},
        updatemenus=[{
            "type": "buttons", "direction": "right", "buttons": buttons, "showactive": True, "active": 0,
            "x": 0, "y": 1.04, "xanchor": "left", "yanchor": "bottom", "pad": {"r": 6, "t": 0},
            "bgcolor": "rgba(127,127,127,0.12)", "bordercolor": INK, "font": {"size": 13, "color": INK},
        }],
    )
    return Figure(fig, _timeline_alt(c, studies))


def _year_step(first: int, last: int) -> int:
    span = last - first + 6
    return next(step for step in (1, 2, 5, 10, 20, 50) if span / step <= 10)


def _timeline_alt(c: Compound, studies: list[Source]) -> str:
    parts = [f"Timeline of the {len(studies)} studies cited about {c.identity.name}, by year and kind."]
    for s in sorted(studies, key=lambda s: (s.year or 0)):
        flags = ", ".join(FLAG_INFO[f].lower() for f in s.flags)
        parts.append(
            f"{s.year}: {s.authors}, {STUDY_TYPES.get(s.study_type or '', s.study_type)}, {_n_text(s.n)}"
            + (f" ({flags})" if flags else "") + "."
        )
    labels = [s.short_cite for s in c.sources if s.kind != "study"]
    if labels:
        parts.append("Not plotted because it is not a study: " + "; ".join(labels) + ".")
    parts.append("Buttons show all studies, only human studies or only animal studies.")
    return " ".join(parts)


# --------------------------------------------------------------------------- stacking day


def _clock(hour: float) -> str:
    return f"{int(hour):02d}:00"


def stacking_day(compound: Compound | str | Path) -> Figure:
    """The stack on a 24-hour line, one row per compound, at the illustrative hours of the content file."""
    c = as_compound(compound)
    if c.stacking is None or not c.stacking.schedule:
        raise ValueError(f"{c.id} has no stacking schedule to draw")
    blocks = c.stacking.schedule
    roles = {r.compound: r.role for r in c.stacking.roles}
    names = list(dict.fromkeys(b.compound for b in blocks))
    fig = go.Figure()
    for b in blocks:
        y = names.index(b.compound)
        colour = GRADE_COLOURS[b.grade]
        fig.add_trace(go.Scatter(
            x=[b.hour], y=[y], mode="markers+text", name=b.compound,
            marker={"symbol": "diamond", "size": 20, "color": colour, "line": {"width": 1, "color": INK}},
            text=[f"<b>{b.compound}</b>: {b.time_of_day}<br>(drawn at {_clock(b.hour)})"],
            textposition="middle right", textfont={"size": 13, "color": INK},
            hovertemplate=(f"<b>{b.compound}</b>, {b.time_of_day}"
                           + (f"<br>Used for: {roles[b.compound]}" if b.compound in roles else "")
                           + f"<br>Drawn at {_clock(b.hour)}: an illustrative position, not a timing"
                           + f"<br>{_grade_tag(b.grade)}<extra></extra>"),
        ))
    said = _join_words(f"“{b.time_of_day}”" for b in blocks)
    fig.add_annotation(
        xref="paper", yref="paper", x=0, y=1.02, xanchor="left", yanchor="bottom", showarrow=False, align="left",
        text=f"Illustrative hours: the sources say only {said}.", font={"size": 12, "color": INK},
    )
    ticks = list(range(0, 25, 3))
    fig.update_xaxes(range=[-0.5, 24.5], tickvals=ticks, ticktext=[_clock(h) if h < 24 else "24:00" for h in ticks],
                     title={"text": "Hour of the day (illustrative)", "font": {"size": 12}})
    fig.update_yaxes(
        tickvals=list(range(len(names))), range=[len(names) - 0.4, -0.6], showgrid=False,
        ticktext=[f"<b>{n}</b>" + (f"<br><span style='font-size:11px'>{roles[n]}</span>" if n in roles else "")
                  for n in names],
    )
    _layout(fig, height=150 + 70 * len(names), title=f"A day with {' and '.join(names)}", margin={"l": 150, "t": 80})
    alt = (f"Day timeline from midnight to midnight. "
           + " ".join(f"{b.compound} is drawn at {_clock(b.hour)} ({b.time_of_day})." for b in blocks)
           + f" {c.stacking.schedule_note}")
    return Figure(fig, alt)


# --------------------------------------------------------------------------- BDNF changes


def _bdnf_source(c: Compound) -> Source:
    """The source behind the BDNF step that reports measurements (falls back to any that does)."""
    steps = [s for s in c.mechanism.steps if s.diagram_node == "bdnf"]
    cited = [src for step in steps for src in c.sources_for(step)]
    for src in [*cited, *c.sources]:
        if src.measurements:
            return src
    raise ValueError(f"{c.id}: no source with measurements to chart")


def bdnf_changes(compound: Compound | str | Path) -> Figure:
    """The rat measurements behind the BDNF step, as fold-changes against no change (×1)."""
    c = as_compound(compound)
    src = _bdnf_source(c)
    ms = list(src.measurements)
    colour = GRADE_COLOURS[src.grade]
    who = (src.population or src.subject or "").strip()
    dose = src.dose
    how = ""
    if dose is not None:
        times = f"{_count_word(dose.applications)} " if dose.applications else ""
        noun = "dose" if dose.applications == 1 else "doses"
        how = f"{times}{dose.route} {noun}"
    stamp = ", ".join(x for x in (who, how) if x)  # e.g. "Rats, one intranasal dose"
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=[m.value for m in ms], y=[m.label for m in ms], orientation="h", width=0.55,
        marker={"color": colour, "line": {"width": 0}},
        text=[f"{m.unit}{fmt_num(m.value)}" if m.unit == "×" else f"{fmt_num(m.value)} {m.unit}" for m in ms],
        textposition="outside", textfont={"size": 13, "color": INK}, cliponaxis=False,
        hovertemplate=[f"<b>{m.label}</b>: {m.unit}{fmt_num(m.value)}" + (f"<br>{m.note}" if m.note else "")
                       + f"<br>{stamp}<br>{src.short_cite}<extra></extra>" for m in ms],
    ))
    top = max(m.value for m in ms)
    fig.add_trace(go.Scatter(
        x=[1, 1], y=[-0.5, len(ms) - 0.5], mode="lines", hoverinfo="skip", name="no change",
        line={"color": INK, "width": 1.5, "dash": "dash"},
    ))
    dose_note = f" of {fmt_num(dose.amount)} {dose.unit}" if dose else ""
    notes = {m.note for m in ms if m.note}
    fig.add_annotation(
        xref="paper", yref="paper", x=0, y=1.02, xanchor="left", yanchor="bottom", showarrow=False, align="left",
        font={"size": 12, "color": INK},
        text=(f"<b>{stamp}</b>{dose_note} · {_grade_tag(src.grade)} · {src.short_cite}"
              + (f"<br>{'; '.join(sorted(notes))}" if notes else "")),
    )
    fig.add_annotation(x=1, y=len(ms) - 0.5, xref="x", yref="y", text="no change (×1)", showarrow=False,
                       yanchor="bottom", xanchor="left", xshift=4, font={"size": 11, "color": INK})
    fig.update_xaxes(range=[0, top * 1.2], title={"text": "Times the untreated level", "font": {"size": 12}},
                     ticksuffix="×")
    fig.update_yaxes(autorange="reversed", showgrid=False, ticksuffix="  ")
    _layout(fig, height=140 + 48 * len(ms), title=f"What rose after {who.lower() or 'the animals'} got {how or 'Semax'}",
            margin={"l": 200, "t": 95, "r": 50})
    alt = (f"Bar chart from {src.short_cite} ({stamp}{dose_note}): "
           + "; ".join(f"{m.label} {m.unit}{fmt_num(m.value)}" for m in ms)
           + (f" ({'; '.join(sorted(notes))})" if notes else "") + ", against no change at ×1.")
    return Figure(fig, alt)
