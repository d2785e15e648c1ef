"""The dose-range figure: the dose bands on one log axis, one row per band."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from ..content import Compound, Grade, as_compound
from ..display import Figure
from .dose_model import DoseBand, dose_bands, dose_basis, dose_scale, dose_ticks
from .formatting import _wrap, fmt_amount
from .layout import BAR_WIDTH, DOSE_HEADING_CHARS, DOSE_NOTE_CHARS, LINE_PX, _layout
from .palette import GRADE_COLOURS, INK, _rgba

OPEN_SEGMENTS = 4  # the open-ended arrow fades out over this many steps



def dose_range(compound: Compound | str | Path) -> Figure:
    """What people report and, for scale, the amounts on each label schedule, on one log axis (mcg per day,
    or per dose when the compound's community figures are per dose).

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
        hover = f"{b.label} · {b.badge_words}<br>{_wrap(b.detail)}<extra></extra>"
        if b.high_mcg is not None and b.high_mcg == b.low_mcg:  # a single figure: the standard, one report
            fig.add_trace(go.Scatter(
                x=[b.low_mcg], y=[y], mode="markers", name=b.label, hovertemplate=hover,
                marker={"symbol": "diamond", "size": 18, "color": colour, "line": {"width": 1, "color": INK}},
            ))
        elif b.high_mcg is None:
            # No upper number: a short hatched arrow that fades out, so it never reads as a measured range
            # and never runs on into another band. Its length is a drawing choice, not a figure.
            steps = [b.low_mcg * (b.drawn_to_mcg / b.low_mcg) ** (i / OPEN_SEGMENTS) for i in range(OPEN_SEGMENTS + 1)]
            for i in range(OPEN_SEGMENTS):
                fade = 0.75 * (1 - i / OPEN_SEGMENTS)
                fig.add_trace(go.Bar(
                    x=[steps[i + 1] - steps[i]], base=[steps[i]], y=[y], name=b.label, hovertemplate=hover, **bar,
                    marker={"color": _rgba(colour, 0.08 * fade), "line": {"width": 0},
                            "pattern": {"shape": "/", "fgcolor": colour, "fgopacity": fade, "size": 9}},
                ))
            fig.add_trace(go.Scatter(
                x=[b.drawn_to_mcg], y=[y], mode="markers", name=f"{b.label} (open end)", hovertemplate=hover,
                marker={"symbol": "triangle-right", "size": 12,
                        "color": _rgba(colour, 0.35), "line": {"width": 0}},
            ))
        else:
            if b.fade_from_mcg is not None:
                # No lower figure in the sources: the band fades in towards where its words begin, so
                # nothing reads as a hard start.
                steps = [b.fade_from_mcg * (b.low_mcg / b.fade_from_mcg) ** (i / OPEN_SEGMENTS)
                         for i in range(OPEN_SEGMENTS + 1)]
                for i in range(OPEN_SEGMENTS):
                    fig.add_trace(go.Bar(
                        x=[steps[i + 1] - steps[i]], base=[steps[i]], y=[y], name=f"{b.label} (no lower figure)",
                        hovertemplate=hover, **bar,
                        marker={"color": _rgba(colour, 0.1 + 0.75 * i / OPEN_SEGMENTS), "line": {"width": 0}},
                    ))
            solid_to = b.soft_from_mcg or b.high_mcg
            fig.add_trace(go.Bar(
                x=[solid_to - b.low_mcg], base=[b.low_mcg], y=[y], name=b.label, hovertemplate=hover, **bar,
                marker={"color": colour, "line": {"width": 0}},
            ))
            if b.soft_from_mcg is not None:
                # The approximate top of a range ("up to about 500–600") is drawn paler than its firmer part.
                fig.add_trace(go.Bar(
                    x=[b.high_mcg - b.soft_from_mcg], base=[b.soft_from_mcg], y=[y], name=f"{b.label} (upper end)",
                    hovertemplate=hover, **bar, marker={"color": _rgba(colour, 0.4), "line": {"width": 0}},
                ))
        # Each row reads top to bottom from the left edge: name and evidence tag, a note, then the
        # band. Text never sits beside a band, and it is wrapped to fit a phone-width chart, so
        # nothing collides or runs off however narrow the page is.
        note = _wrap(b.short, DOSE_NOTE_CHARS)
        # the name and both halves of its badge, wrapped as one run of words so a row stays two lines high
        heading = _wrap(f"{b.label} · {b.badge_words}", DOSE_HEADING_CHARS)
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
    per_day = dose_basis(c) == "per_day"
    quantity = "Daily total" if per_day else "Single dose"
    fig.update_xaxes(
        # A little beyond the end decades, so their tick labels are drawn; automargin makes room for
        # the end labels and the two-line title whatever the fonts turn out to be.
        type="log", range=[math.log10(lo) - 0.03, math.log10(hi) + 0.03], tickvals=ticks_x, tickangle=0,
        ticktext=[fmt_amount(v) for v in ticks_x], automargin=True,
        title={"text": f"{quantity}, log scale:<br>each gridline is ten times the one before", "font": {"size": 12}},
    )
    fig.update_yaxes(showticklabels=False, range=[y_bottom, y_top], showgrid=False)
    height = round(pitch * (y_bottom - y_top)) + margin["t"] + margin["b"]
    # The chart's own short names for who states each row: guide pages, forum posts, or users' reports.
    who = [{"what guide pages state": "guide pages", "what people report": "reports"}.get(w, w)
           for g, w in c.dosing.stated_by(c.sources_by_id) if g is not Grade.label]
    title = f"{'Daily amounts' if per_day else 'Single doses'}: {', '.join(who) or 'reports'}, and the label for scale"
    _layout(fig, height=height, title=title, margin=margin,
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



def _dose_alt(c: Compound, bands: list[DoseBand]) -> str:
    what = "daily amounts" if dose_basis(c) == "per_day" else "single doses"
    parts = [f"Chart of {what} of {c.identity.name} on a logarithmic axis."]
    for b in bands:
        parts.append(f"{b.label} ({b.badge_words}): {b.detail}")
    return " ".join(parts)

