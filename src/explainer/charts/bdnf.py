"""The BDNF changes: the measurements behind the BDNF mechanism step, as fold-changes."""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go

from ..content import Compound, Source, as_compound
from ..display import Figure
from .formatting import _count_word, _wrap, fmt_num
from .layout import NOTE_CHARS, _layout
from .palette import GRADE_COLOURS, INK


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
                       + f"<br>{stamp}<br>{src.inline_citation}<extra></extra>" for m in ms],
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
            f"{stamp}{dose_note}", f"{src.badge_words} · {src.inline_citation}", *sorted(notes))),
    )
    fig.add_annotation(x=1, y=-0.5, xref="x", yref="y", text="no change (×1)", showarrow=False,
                       yanchor="bottom", xanchor="left", xshift=4, font={"size": 11, "color": INK})
    fig.update_xaxes(range=[0, top * 1.2], title={"text": "Times the untreated level", "font": {"size": 12}},
                     ticksuffix="×")
    fig.update_yaxes(tickvals=list(range(len(ms))), ticktext=[_wrap(m.label, 16) for m in ms],
                     range=[len(ms) - 0.5, -0.85], showgrid=False, ticksuffix="  ")
    title = f"What rose after {who.lower() or 'the animals'} got {how or c.identity.name}"
    _layout(fig, height=190 + 52 * len(ms), title=title, margin={"l": 150, "t": 125, "r": 50})
    alt = (f"Bar chart from {src.inline_citation} ({stamp}{dose_note}): "
           + "; ".join(f"{m.label} {m.unit}{fmt_num(m.value)}" for m in ms)
           + (f" ({'; '.join(sorted(notes))})" if notes else "") + ", against no change at ×1.")
    return Figure(fig, alt)
