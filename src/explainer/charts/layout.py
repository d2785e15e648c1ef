"""What every figure shares: the layout (explicit height, transparent ground, neutral text and grid),
text widths that fit a phone, and the grade tag words.

Text carries no rich-text tags (<b>, <span style>): plotly turns those into inline style attributes,
which the book's content security policy refuses.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from .palette import FONT, GRID, INK

NOTE_CHARS = 50  # about 310 px of 12 px text: a wrapped note fits a phone-width chart
DOSE_NOTE_CHARS = 44  # the dose chart's notes start at the plot's edge, so they have a little less room
DOSE_HEADING_CHARS = 40  # the same width in its 13 px headings
LINE_PX = 15.5  # height of one line of 12 px annotation text
BAR_WIDTH = 0.32  # dose bands, in rows


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
