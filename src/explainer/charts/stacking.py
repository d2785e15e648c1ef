"""The stacking day: the stack on a 24-hour line, one row per compound."""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go

from ..content import Compound, as_compound
from ..display import Figure
from .formatting import _wrap
from .layout import DOSE_NOTE_CHARS, NOTE_CHARS, _layout
from .palette import GRADE_COLOURS, INK

ILLUSTRATION = "An illustration of the original page's description, not a schedule."



def _clock(hour: float) -> str:
    return f"{int(hour):02d}:00"


def stacking_day(compound: Compound | str | Path) -> Figure:
    """What the original page describes about the stack, on a 24-hour line: one row per compound, at the
    illustrative hours of the content file. An illustration, never a schedule to follow."""
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
                           + f"<br>{b.badge_words}<extra></extra>"),
        ))
    # The content's words for each time of day, given as a description rather than a quotation:
    # they paraphrase the sources, which may word them differently.
    when = " · ".join(f"{b.compound}: {b.time_of_day}" for b in blocks)
    annotations.append({
        "xref": "paper", "yref": "paper", "x": 0, "y": 1.0, "yshift": 8, "xanchor": "left", "yanchor": "bottom",
        "showarrow": False, "align": "left", "font": {"size": 12, "color": INK},
        "text": "<br>".join(_wrap(line, DOSE_NOTE_CHARS) for line in (
            ILLUSTRATION, "Illustrative hours: the original page gives only a time of day, no clock time.", when)),
    })
    ticks = list(range(0, 25, 6))
    fig.update_xaxes(range=[-0.5, 24.5], tickvals=ticks, ticktext=[_clock(h) for h in ticks], tickangle=0,
                     title={"text": "Hour of the day (illustrative)", "font": {"size": 12}})
    fig.update_yaxes(showticklabels=False, range=[len(names) - 0.35, -0.75], showgrid=False)
    title = f"What the original page describes: {' and '.join(names)} in a day"
    _layout(fig, height=220 + 95 * len(names), title=title,
            margin={"l": 20, "r": 30, "t": 125}, annotations=annotations)
    alt = (f"{ILLUSTRATION} Day timeline from midnight to midnight. "
           + " ".join(f"{b.compound} is drawn at {_clock(b.hour)} ({b.time_of_day})." for b in blocks)
           + f" {c.stacking.schedule_note.text}")
    return Figure(fig, alt)

