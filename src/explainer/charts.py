"""Plotly figures built from the content file: every number, label and caveat is read from the compound.

Each builder is ``f(compound) -> display.Figure`` (a name such as ``"semax"`` works too) and carries a
text alternative written from the same data. Only scatter and bar traces, annotations and
``updatemenus`` are used, so the book's vendored "basic" plotly.js bundle draws all of them; the
evidence filter buttons are plain plotly ``restyle`` calls and need no custom JavaScript.

Colours come from one mapping, :data:`GRADE_COLOURS` (Okabe–Ito, chosen to stay distinguishable with
the common colour-vision deficiencies), also offered to tables and badges through :func:`badge_style`.
Backgrounds are transparent and text and grid are a mid grey, so a figure reads on the light and the
dark page theme alike. Text carries no rich-text tags (<b>, <span style>): plotly turns those into
inline style attributes, which the book's content security policy refuses.

:func:`dose_bands` is the single place where the dose bands are worked out; the dose chart and the
dose locator widget both draw from it.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from .content import FLAG_INFO, GRADE_INFO, Compound, Grade, Source, as_compound
from .display import Figure

__all__ = [
    "GRADE_COLOURS",
    "STUDY_TYPES",
    "DoseBand",
    "as_compound",
    "badge_style",
    "grade_style",
    "bdnf_changes",
    "dose_bands",
    "dose_range",
    "dose_scale",
    "dose_ticks",
    "evidence_timeline",
    "fmt_amount",
    "fmt_amount_span",
    "fmt_num",
    "fmt_span",
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
    Grade.background: "#56B4E9",  # sky blue
    Grade.original_page: "#F0E442",  # yellow
}

# A grey that keeps roughly 4:1 contrast on both furo's white and its near-black background.
INK = "#7f7f7f"
GRID = "rgba(127,127,127,0.25)"
NOTE_CHARS = 50  # about 310 px of 12 px text: a wrapped note fits a phone-width chart
DOSE_NOTE_CHARS = 44  # the dose chart's notes start at the plot's edge, so they have a little less room
DOSE_HEADING_CHARS = 40  # the same width in its 13 px headings
LINE_PX = 15.5  # height of one line of 12 px annotation text
BAR_WIDTH = 0.32  # dose bands, in rows
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


def grade_style(grade: Grade | str) -> dict[str, str]:
    """Everything a badge needs for a grade: its value, badge words, meaning, colour and a readable text colour."""
    g = Grade(grade)
    bg = GRADE_COLOURS[g]
    text = "#000000" if _contrast(bg, "#000000") >= _contrast(bg, "#ffffff") else "#ffffff"
    return {"grade": g.value, "label": GRADE_INFO[g].label, "meaning": GRADE_INFO[g].meaning,
            "colour": bg, "text_colour": text}


def badge_style(grade: Grade | str) -> str:
    """Inline CSS for a badge in this grade's colour, with whichever of black or white text reads better."""
    style = grade_style(grade)
    return f"background:{style['colour']};color:{style['text_colour']}"


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _layout(fig: go.Figure, *, height: int, title: str, margin: dict[str, int] | None = None, **extra: Any) -> None:
    """The settings every chart shares: explicit height, transparent ground, neutral text and grid."""
    fig.update_layout(
        height=height,
        title={"text": title, "x": 0, "xanchor": "left", "y": 0.985, "yanchor": "top", "font": {"size": 16}},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        font={"family": FONT, "color": INK, "size": 13},
        margin={"l": 20, "r": 20, "t": 60, "b": 50, **(margin or {})},
        hoverlabel={"font": {"family": FONT, "size": 13}, "align": "left"},
        **{"showlegend": False, **extra},
    )
    axis = {"gridcolor": GRID, "linecolor": GRID, "zeroline": False, "tickfont": {"color": INK}, "fixedrange": True}
    fig.update_xaxes(**axis)
    fig.update_yaxes(**axis)


# --------------------------------------------------------------------------- small helpers


def fmt_num(x: float) -> str:
    """A number for a reader: 300, 0.05, 12,000, 1e-300. Six significant figures, no trailing zeros,
    thousands separated; exponent form outside 1e-4 to 1e6 (Python's ``g`` format, which
    ``fmtNum`` in widgets/dose_locator.js reproduces digit for digit)."""
    return f"{x:,.6g}" if abs(x) >= 1000 else f"{x:.6g}"


def fmt_amount(mcg: float) -> str:
    """A daily amount in the unit a reader would use: '300 mcg' below a milligram, '12 mg' above."""
    return f"{fmt_num(mcg / 1000)} mg" if mcg >= 1000 else f"{fmt_num(mcg)} mcg"


def fmt_amount_span(low_mcg: float, high_mcg: float) -> str:
    """'500–600 mcg', '12–18 mg', '600 mcg–12 mg': one unit when both ends share it."""
    if (low_mcg >= 1000) == (high_mcg >= 1000):
        unit, scale = ("mg", 1000) if low_mcg >= 1000 else ("mcg", 1)
        return fmt_span(low_mcg / scale, high_mcg / scale, unit)
    return f"{fmt_amount(low_mcg)}–{fmt_amount(high_mcg)}"


def fmt_span(low: float, high: float, unit: str = "") -> str:
    """'1–3', '500–600 mcg', or one number when both ends agree ('300 mcg')."""
    text = fmt_num(low) if low == high else f"{fmt_num(low)}–{fmt_num(high)}"
    return f"{text} {unit}".strip()


def _count_word(n: int) -> str:
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[n] if 0 <= n < len(words) else str(n)


def _grade_tag(grade: Grade) -> str:
    return GRADE_INFO[grade].label


# --------------------------------------------------------------------------- dose bands


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


# --------------------------------------------------------------------------- dose range


def dose_range(compound: Compound | str | Path) -> Figure:
    """Community figures and the label-derived stroke amount on one log axis (mcg per day).

    One row per band: its name and evidence tag, a note, then the band itself.
    """
    c = as_compound(compound)
    bands = dose_bands(c)
    lo, hi = dose_scale(c)
    fig = go.Figure()
    annotations: list[dict[str, Any]] = []
    text_px: list[float] = []  # height of each row's text block
    bar = {"orientation": "h", "width": BAR_WIDTH}
    for y, b in enumerate(bands):
        colour = GRADE_COLOURS[b.grade]
        hover = f"{b.label} · {_grade_tag(b.grade)}<br>{_wrap(b.detail)}<extra></extra>"
        if b.key == "standard":
            fig.add_trace(go.Scatter(
                x=[b.low_mcg], y=[y], mode="markers", name=b.label, hovertemplate=hover,
                marker={"symbol": "diamond", "size": 18, "color": colour, "line": {"width": 1, "color": INK}},
            ))
        elif b.high_mcg is None:
            # No upper number: hatched, with no solid fill, so it does not read as a measured range.
            fig.add_trace(go.Bar(
                x=[b.drawn_to_mcg - b.low_mcg], base=[b.low_mcg], y=[y], name=b.label, hovertemplate=hover, **bar,
                marker={"color": _rgba(colour, 0.08), "line": {"width": 0},
                        "pattern": {"shape": "/", "fgcolor": colour, "fgopacity": 0.7, "size": 9}},
            ))
        else:
            solid_to = b.soft_from_mcg or b.high_mcg
            fig.add_trace(go.Bar(
                x=[solid_to - b.low_mcg], base=[b.low_mcg], y=[y], name=b.label, hovertemplate=hover, **bar,
                marker={"color": colour, "line": {"width": 0}},
            ))
            if b.soft_from_mcg is not None:
                # The vague top of a range ("up to about 500–600") is drawn paler than its certain part.
                fig.add_trace(go.Bar(
                    x=[b.high_mcg - b.soft_from_mcg], base=[b.soft_from_mcg], y=[y], name=f"{b.label} (upper end)",
                    hovertemplate=hover, **bar, marker={"color": _rgba(colour, 0.4), "line": {"width": 0}},
                ))
        # Each row reads top to bottom from the left edge: name and evidence tag, a note, then the
        # band. Text never sits beside a band, and it is wrapped to fit a phone-width chart, so
        # nothing collides or runs off however narrow the page is.
        note = _wrap(b.short, DOSE_NOTE_CHARS)
        heading = f"{b.label} · {_grade_tag(b.grade)}"
        if len(heading) > DOSE_HEADING_CHARS:  # the evidence tag on a line of its own
            heading = f"{_wrap(b.label, DOSE_HEADING_CHARS)} ·<br>{_grade_tag(b.grade)}"
        annotations.append(_row_text(y - BAR_WIDTH / 2, note, 0, 12))
        annotations.append(_row_text(y - BAR_WIDTH / 2, heading, _lines(note), 13))
        text_px.append(LINE_PX * (_lines(note) + _lines(heading)) + 8)
    # Rows far enough apart that the tallest text block clears the band above it; the first row's
    # text gets its own room above the plot's first band.
    pitch = max((px + 10) / (1 - BAR_WIDTH) for px in text_px)
    y_top = -(BAR_WIDTH / 2 + text_px[0] / pitch)
    y_bottom = len(bands) - 1 + BAR_WIDTH / 2 + 0.15
    # Side margins hold half of each end decade's tick label (plotly hides a label that would cross the
    # chart's edge).
    margin = {"l": 36, "r": 36, "t": 50, "b": 80}
    ticks_x = dose_ticks(c)
    fig.update_xaxes(
        # A little beyond the end decades, so their tick labels are drawn; automargin makes room for
        # the end labels and the two-line title whatever the fonts turn out to be.
        type="log", range=[math.log10(lo) - 0.03, math.log10(hi) + 0.03], tickvals=ticks_x, tickangle=0,
        ticktext=[fmt_amount(v) for v in ticks_x], automargin=True,
        title={"text": "Daily total, log scale:<br>each gridline is ten times the one before", "font": {"size": 12}},
    )
    fig.update_yaxes(showticklabels=False, range=[y_bottom, y_top], showgrid=False)
    height = round(pitch * (y_bottom - y_top)) + margin["t"] + margin["b"]
    _layout(fig, height=height, title="Daily amounts, community to clinic", margin=margin,
            annotations=annotations, barmode="overlay")
    return Figure(fig, _dose_alt(c, bands))


def _lines(text: str) -> int:
    return text.count("<br>") + 1


def _row_text(y: float, text: str, lines_below: int, size: int) -> dict[str, Any]:
    """Text of a dose row from the plot's left edge, above its band, raised over ``lines_below`` lines."""
    return {
        "xref": "paper", "x": 0, "yref": "y", "y": y, "yanchor": "bottom", "yshift": 4 + lines_below * LINE_PX,
        "xanchor": "left", "align": "left", "showarrow": False, "text": text, "font": {"size": size, "color": INK},
    }


def dose_ticks(compound: Compound | str | Path) -> list[float]:
    """Tick positions for the dose axis (mcg per day): each decade of the scale, so every gridline is
    ten times the one before and the labels sit evenly apart, even on a phone. The standard and the
    range ends are not ticks: they would crowd their neighbours, and their bands give their numbers."""
    lo, hi = dose_scale(compound)
    return [10.0 ** k for k in range(round(math.log10(lo)), round(math.log10(hi)) + 1)]


def _wrap(text: str, width: int = 60) -> str:
    """plotly never wraps text: break it into lines of at most ``width`` characters."""
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
    # Diameter grows with the square root of n, so area roughly follows n; a study without a
    # reported n gets the smallest marker, and its label says so.
    return 12.0 if n is None else min(54.0, 12.0 + 2.2 * math.sqrt(n))


def _n_text(n: int | None) -> str:
    return "n not reported" if n is None else f"n = {n:,}"


def _source_hover(s: Source) -> str:
    flags = ", ".join(FLAG_INFO[f] for f in s.flags) or "none"
    lines = [
        f"{s.authors} ({s.year})",
        _wrap(s.title) if s.title else None,
        f"Journal: {s.journal or 'not given'}",
        f"PMID {s.pmid}" if s.pmid else "No PMID",
        f"Population: {_wrap(s.population)}" if s.population else None,
        _n_text(s.n),
        f"Flags: {flags}",
        "ATTRIBUTION UNVERIFIED" if s.is_unverified else None,
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
        # One author group per line, and the unverified mark on two short lines, keep the labels
        # narrow enough for a phone even for a study near either end of the axis.
        labels = [
            "<br>".join([s.authors.replace(", ", ",<br>"), _n_text(s.n)]
                        + (["attribution", "unverified"] if s.is_unverified else []))
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
            cliponaxis=False,
        ))
    subjects = ["animal" if st == "animal" else "human" for st, _, _ in groups]
    buttons = [
        {"label": "All studies", "method": "restyle", "args": [{"visible": [True] * len(groups)}]},
        {"label": "Human", "method": "restyle", "args": [{"visible": [s == "human" for s in subjects]}]},
        {"label": "Animal", "method": "restyle", "args": [{"visible": [s == "animal" for s in subjects]}]},
    ]
    years = [s.year for s in studies] or [2000]
    # Years either side leave room for the centred labels of the first and last study.
    fig.update_xaxes(range=[min(years) - 5, max(years) + 4], dtick=_year_step(min(years), max(years)),
                     title={"text": "Year published", "font": {"size": 12}}, showgrid=True)
    fig.update_yaxes(tickvals=list(rows.values()), ticktext=[_wrap(t, 14) for t in STUDY_TYPES.values()],
                     range=[len(rows) - 0.45, -1.0], showgrid=False)
    # No legend: the rows name the kinds, and each label says n and any unverified attribution.
    notes = ["Marker area grows with n; a hollow ring marks an unverified attribution."]
    not_plotted = [s for s in c.sources if s.kind != "study"]
    if not_plotted:
        notes.append("Not plotted (not a study): " + "; ".join(s.short_cite for s in not_plotted) + ".")
    annotations = [{
        # From the figure's left edge rather than the plot's, so the lines have the whole width.
        "xref": "paper", "yref": "paper", "x": 0, "xshift": -100, "y": -0.22, "xanchor": "left", "yanchor": "top",
        "showarrow": False, "align": "left", "font": {"size": 12, "color": INK},
        "text": "<br>".join(_wrap(n, NOTE_CHARS) for n in notes),
    }]
    _layout(
        fig, height=560, title="The studies, by year, kind and size", margin={"l": 110, "t": 90, "b": 165, "r": 30},
        annotations=annotations,
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
        flags = ", ".join(FLAG_INFO[f] for f in s.flags)
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
    annotations = []
    for y, name in enumerate(names):
        # Row heading from the left edge, as in the dose chart: the compound and what it is used for.
        heading = name + (f" · {roles[name]}" if name in roles else "")
        annotations.append({
            "xref": "paper", "x": 0, "yref": "y", "y": y - 0.42, "yanchor": "bottom", "xanchor": "left",
            "align": "left", "showarrow": False, "text": _wrap(heading, NOTE_CHARS), "font": {"size": 13, "color": INK},
        })
    for b in blocks:
        y = names.index(b.compound)
        colour = GRADE_COLOURS[b.grade]
        fig.add_trace(go.Scatter(
            x=[b.hour], y=[y], mode="markers+text", name=b.compound, cliponaxis=False,
            marker={"symbol": "diamond", "size": 20, "color": colour, "line": {"width": 1, "color": INK}},
            text=[f"{b.time_of_day} (drawn at {_clock(b.hour)})"],
            textposition="bottom center", textfont={"size": 12, "color": INK},
            hovertemplate=(f"{b.compound}, {b.time_of_day}"
                           + (f"<br>Used for: {roles[b.compound]}" if b.compound in roles else "")
                           + f"<br>Drawn at {_clock(b.hour)}: an illustrative position, not a timing"
                           + f"<br>{_grade_tag(b.grade)}<extra></extra>"),
        ))
    # The content's words for each time of day, given as a description rather than a quotation:
    # they paraphrase the sources, which may word them differently.
    when = " · ".join(f"{b.compound}: {b.time_of_day}" for b in blocks)
    annotations.append({
        "xref": "paper", "yref": "paper", "x": 0, "y": 1.0, "yshift": 8, "xanchor": "left", "yanchor": "bottom",
        "showarrow": False, "align": "left", "font": {"size": 12, "color": INK},
        "text": "<br>".join(_wrap(line, DOSE_NOTE_CHARS) for line in (
            "Illustrative hours: the sources give only a time of day, no clock time.", when)),
    })
    ticks = list(range(0, 25, 6))
    fig.update_xaxes(range=[-0.5, 24.5], tickvals=ticks, ticktext=[_clock(h) for h in ticks], tickangle=0,
                     title={"text": "Hour of the day (illustrative)", "font": {"size": 12}})
    fig.update_yaxes(showticklabels=False, range=[len(names) - 0.35, -0.75], showgrid=False)
    _layout(fig, height=190 + 95 * len(names), title=f"A day with {' and '.join(names)}",
            margin={"l": 20, "r": 30, "t": 95}, annotations=annotations)
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
        x=[m.value for m in ms], y=list(range(len(ms))), orientation="h", width=0.55,
        marker={"color": colour, "line": {"width": 0}},
        text=[f"{m.unit}{fmt_num(m.value)}" if m.unit == "×" else f"{fmt_num(m.value)} {m.unit}" for m in ms],
        textposition="outside", textfont={"size": 13, "color": INK}, cliponaxis=False,
        hovertemplate=[f"{m.label}: {m.unit}{fmt_num(m.value)}" + (f"<br>{m.note}" if m.note else "")
                       + f"<br>{stamp}<br>{src.short_cite}<extra></extra>" for m in ms],
    ))
    top = max(m.value for m in ms)
    fig.add_trace(go.Scatter(
        x=[1, 1], y=[-0.5, len(ms) - 0.5], mode="lines", hoverinfo="skip", name="no change", cliponaxis=False,
        line={"color": INK, "width": 1.5, "dash": "dash"},
    ))
    dose_note = f" of {fmt_num(dose.amount)} {dose.unit}" if dose else ""
    notes = {m.note for m in ms if m.note}
    fig.add_annotation(
        # From the figure's left edge, under the title: who, how, what kind of evidence, and where from.
        xref="paper", yref="paper", x=0, xshift=-140, y=1.0, yshift=26, xanchor="left", yanchor="bottom",
        showarrow=False, align="left", font={"size": 12, "color": INK},
        text="<br>".join(_wrap(line, NOTE_CHARS) for line in (
            f"{stamp}{dose_note}", f"{_grade_tag(src.grade)} · {src.short_cite}", *sorted(notes))),
    )
    fig.add_annotation(x=1, y=-0.5, xref="x", yref="y", text="no change (×1)", showarrow=False,
                       yanchor="bottom", xanchor="left", xshift=4, font={"size": 11, "color": INK})
    fig.update_xaxes(range=[0, top * 1.2], title={"text": "Times the untreated level", "font": {"size": 12}},
                     ticksuffix="×")
    fig.update_yaxes(tickvals=list(range(len(ms))), ticktext=[_wrap(m.label, 16) for m in ms],
                     range=[len(ms) - 0.5, -0.85], showgrid=False, ticksuffix="  ")
    title = f"What rose after {who.lower() or 'the animals'} got {how or c.identity.name}"
    _layout(fig, height=190 + 52 * len(ms), title=title, margin={"l": 150, "t": 125, "r": 50})
    alt = (f"Bar chart from {src.short_cite} ({stamp}{dose_note}): "
           + "; ".join(f"{m.label} {m.unit}{fmt_num(m.value)}" for m in ms)
           + (f" ({'; '.join(sorted(notes))})" if notes else "") + ", against no change at ×1.")
    return Figure(fig, alt)
