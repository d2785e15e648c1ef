"""The evidence timeline: each study by year and kind, sized by n, with human/animal filter buttons
(plain plotly ``restyle`` calls, so no custom JavaScript)."""

from __future__ import annotations

import math
from pathlib import Path

import plotly.graph_objects as go

from ..content import GRADE_INFO, UNREAD_WORDS, Checked, Compound, Grade, Source, as_compound
from ..content import STUDY_TYPES as CONTENT_STUDY_TYPES
from ..display import Figure
from .formatting import _wrap
from .layout import NOTE_CHARS, _layout
from .palette import GRADE_COLOURS, INK

# The timeline's kinds (one trace each): each kind of study the book read (the words are the content's, one home),
# then, for a study it did not read, how little was read; such a study is never shown or filtered as a kind of study.
_ROWS: dict[str, str] = {**{st: t.words for st, t in CONTENT_STUDY_TYPES.items()},
                         **{level.value: words for level, words in UNREAD_WORDS.items()}}
STUDY_TYPES = _ROWS  # the kinds' words, by key (kept name: tests and other modules read it)
# The studies not read share one line of the chart (their traces, hover and alt text keep their own kind's words),
# so the chart keeps a height a phone can scroll.
UNREAD_LINE = "Not read (listed only, or the original page's word)"


def _unread_line(rows: list[str]) -> str:
    """The shared line's name, naming only the ways of not reading that its studies have."""
    ways = [words for level, words in (("third_party", "listed only"), ("original_page", "the original page's word"))
            if level in rows]
    return f"Not read ({', or '.join(ways)})" if ways else UNREAD_LINE


def _line_of(kind: str) -> str:
    return kind if kind in CONTENT_STUDY_TYPES else "unread"


def row_of(s: Source) -> str:
    """The timeline kind of a study: its study type when the book read it, otherwise how little was read of it."""
    return s.study_type if s.is_read else s.checked_level.value  # type: ignore[return-value]


def _filter_of(row: str) -> str:
    """Which filter button shows a row: human studies read, animal or lab work read, or neither (not read)."""
    kind = CONTENT_STUDY_TYPES.get(row)
    if kind is None:
        return "unread"
    return "human" if kind.subject == "human" else "animal"


def _row_colour(row: str) -> str:
    kind = CONTENT_STUDY_TYPES.get(row)
    if kind is not None:
        return GRADE_COLOURS[kind.grade]
    # The page's word keeps its badge colour; a listing's black would vanish on the dark theme, so it is grey ink.
    return GRADE_COLOURS[Grade.original_page] if row == Checked.original_page.value else INK


def _kind_words(row: str) -> str:
    """A row's kind in its badge's words, so a trace and its points' badges name one kind: 'Animal or lab study
    (cells or test tube)' for a row whose words are not the badge's own."""
    kind = CONTENT_STUDY_TYPES.get(row)
    words = _ROWS[row]
    if kind is None or words.startswith(GRADE_INFO[kind.grade].label):
        return words
    return f"{GRADE_INFO[kind.grade].label} ({words[0].lower()}{words[1:]})"


def _hollow(s: Source) -> bool:
    """Drawn hollow: the book did not read it, or could not match its citation to what it read."""
    return not s.is_read or s.is_unverified


def _marker_size(n: int | None) -> float:
    # Diameter grows with the square root of n, so area roughly follows n; a study without a
    # reported n gets the smallest marker, and its label says so.
    return 12.0 if n is None else min(54.0, 12.0 + 2.2 * math.sqrt(n))


def _n_text(s: Source) -> str:
    # Source.n_text is the one wording of a study's size (groups, where the number comes from).
    return f"n = {s.n_text}" if s.n is not None else f"n: {s.n_text}"


def _source_hover(s: Source) -> str:
    # every flag the source's citation carries (identifiers from lists, a likely correction), as in its table
    flags = "; ".join(w[:1].upper() + w[1:] for w in s.flag_words) or "none"
    lines = [
        s.inline_citation,
        _wrap(s.title) if s.title else None,
        f"Journal: {s.journal or s.none_given}",
        f"PMID {s.pmid}" if s.pmid else "No PMID",
        f"Population: {_wrap(s.population)}" if s.population else None,
        _wrap(_n_text(s)),
        f"Flags: {flags}",
        f"Badge: {s.badge_words}",
        "ATTRIBUTION UNVERIFIED" if s.is_unverified else None,
    ]
    return "<br>".join(x for x in lines if x) + "<extra></extra>"


def _timeline_groups(studies: list[Source]) -> list[tuple[str, bool, list[Source]]]:
    """Studies grouped by (row, hollow), one trace each, in row order: a study the book did not read, or whose
    attribution is unverified, is drawn hollow and never shares a trace with one drawn filled."""
    groups = []
    for row in _ROWS:
        for hollow in (False, True):
            members = [s for s in studies if row_of(s) == row and _hollow(s) == hollow]
            if members:
                groups.append((row, hollow, members))
    return groups


def evidence_timeline(compound: Compound | str | Path) -> Figure:
    """Each study by year and kind, sized by n, with filter buttons for human and animal studies."""
    c = as_compound(compound)
    # A study whose year the sources do not give cannot sit on a year axis; it is named in a note instead.
    studies = [s for s in c.studies if s.year is not None]
    undated = [s for s in c.studies if s.year is None]
    fig = go.Figure()
    groups = _timeline_groups(studies)
    present = [r for r in _ROWS if any(row_of(s) == r for s in studies)] or list(_ROWS)[:3]
    lines = list(dict.fromkeys(_line_of(r) for r in present))
    rows = {r: lines.index(_line_of(r)) for r in present}
    for row, hollow, members in groups:
        colour = _row_colour(row)
        # The label is the one inline citation (flags included), wrapped narrow enough for a phone even
        # for a study near either end of the axis; the size and its caveats are in the hover and alt text.
        # a size no abstract gave says so on the label too (the hover says whose figure it is)
        labels = [_wrap(s.inline_citation, 16) + (f"<br>n = {s.n:,}" + ("" if s.verified else "<br>(unchecked)")
                                                  if s.n else "") for s in members]
        # one trace, one kind: its points' levels read as alternatives ('abstract read or abstract opening only')
        levels = " or ".join(dict.fromkeys(s.checked_words_short for s in members))
        fig.add_trace(go.Scatter(
            x=[s.year for s in members],
            y=[rows[row] for s in members],
            mode="markers+text",
            name=(f"{_kind_words(row)} · {levels}"
                  + (" (attribution unverified)" if hollow and members[0].is_read else "")),
            text=labels,
            textposition="top center",
            textfont={"size": 12, "color": INK},
            customdata=[s.id for s in members],
            hovertemplate=[_source_hover(s) for s in members],
            marker={
                # a size nobody checked gives a point no weight: a study not read is drawn at the smallest size
                "size": [_marker_size(s.n if s.is_read else None) for s in members],
                # Not read or unverified: hollow with a thick ring, so it never looks like a confirmed study.
                "symbol": "circle-open" if hollow else "circle",
                "color": colour,
                "line": {"width": 3 if hollow else 1, "color": colour if hollow else "rgba(255,255,255,0.6)"},
                "opacity": 1 if hollow else 0.9,
            },
            meta={"subject": _filter_of(row)},
            cliponaxis=False,
        ))
    subjects = [_filter_of(row) for row, _, _ in groups]
    lab_word = "Animal or lab" if "lab" in rows else "Animal"
    buttons = [
        {"label": "All studies", "method": "restyle", "args": [{"visible": [True] * len(groups)}]},
        {"label": "Human", "method": "restyle", "args": [{"visible": [s == "human" for s in subjects]}]},
        {"label": lab_word, "method": "restyle", "args": [{"visible": [s == "animal" for s in subjects]}]},
    ]
    years = [s.year for s in studies] or [2000]
    # Years either side leave room for the centred labels of the first and last study.
    # A longer span draws each year narrower, so the room kept grows with it (a fifth of the span at least).
    right = max(4, round((max(years) - min(years)) * 0.21))
    fig.update_xaxes(range=[min(years) - 5, max(years) + right], dtick=_year_step(min(years), max(years)),
                     title={"text": "Year published", "font": {"size": 12}}, showgrid=True)
    fig.update_yaxes(tickvals=list(range(len(lines))),
                     ticktext=[_wrap(_ROWS.get(line, _unread_line(present)), 14) for line in lines],
                     range=[len(lines) - 0.45, -1.0], showgrid=False)
    # No legend: the rows name the kinds, and each label says n and any unverified attribution.
    notes = ["Marker area grows with n as read; a hollow ring marks a study not read (drawn smallest) or an "
             "unverified attribution. "
             f"Only studies the book read are shown by the Human and {lab_word} buttons."]
    not_plotted = [s for s in c.sources if s.kind != "study"]
    if not_plotted:
        notes.append("Not plotted (not a study): " + "; ".join(s.inline_citation for s in not_plotted) + ".")
    if undated:
        notes.append("Not plotted (no year in the sources read): "
                     + "; ".join(s.inline_citation for s in undated) + ".")
    annotations = [{
        # From the figure's left edge rather than the plot's, so the lines have the whole width.
        "xref": "paper", "yref": "paper", "x": 0, "xshift": -100, "y": -0.22, "xanchor": "left", "yanchor": "top",
        "showarrow": False, "align": "left", "font": {"size": 12, "color": INK},
        "text": "<br>".join(_wrap(n, NOTE_CHARS) for n in notes),
    }]
    # Room under the plot for the notes, which grow with every study left off it.
    note_lines = sum(_wrap(n, NOTE_CHARS).count("<br>") + 1 for n in notes)
    extra = max(0, note_lines - 4) * 17
    _layout(
        fig, height=480 + 70 * max(0, len(lines) - 3) + extra, title="The studies, by year, kind and size",
        margin={"l": 110, "t": 90, "b": 165 + extra, "r": 30},
        annotations=annotations,
        updatemenus=[{
            "type": "buttons", "direction": "right", "buttons": buttons, "showactive": True, "active": 0,
            "x": 0, "y": 1.04, "xanchor": "left", "yanchor": "bottom", "pad": {"r": 6, "t": 0},
            "bgcolor": "rgba(127,127,127,0.12)", "bordercolor": INK, "font": {"size": 13, "color": INK},
        }],
    )
    return Figure(fig, _timeline_alt(c, studies))


def _year_step(first: int, last: int) -> int:
    # At most about six ticks across the padded range, so the year labels stay apart on a phone.
    span = last - first + 6 + max(0, round((last - first) * 0.21) - 4)
    return next(step for step in (1, 2, 5, 10, 20, 50) if span / step < 6)


def _alt_item(s: Source) -> str:
    row, level = _ROWS[row_of(s)], s.checked_words_short
    said = row if level.lower() in row.lower() else f"{row} ({level})"
    return f"{s.inline_citation}, {said}, {_n_text(s)}"


def _timeline_alt(c: Compound, studies: list[Source]) -> str:
    studies = [s for s in studies if s.year is not None]
    cited = len(c.studies)
    which = (f"the {len(studies)} studies cited" if len(studies) == cited else
             f"{len(studies)} of the {cited} studies cited (those with a year)")
    parts = [f"Timeline of {which} about {c.identity.name}, by year and kind."]
    undated = [s for s in c.studies if s.year is None]
    for s in sorted(studies, key=lambda s: (s.year or 0)):
        parts.append(f"{s.year}: {_alt_item(s)}.")
    labels = [s.inline_citation for s in c.sources if s.kind != "study"]
    if labels:
        parts.append("Not plotted because it is not a study: " + "; ".join(labels) + ".")
    if undated:
        parts.append("Not plotted because the sources read give no year: "
                     + "; ".join(_alt_item(s) for s in undated) + ".")
    lab = any(row_of(s) == "lab" for s in studies)
    unread = [s for s in studies if not s.is_read]
    parts.append("Buttons show all studies, only the human studies read or only the "
                 + ("animal and lab studies read." if lab else "animal studies read.")
                 + (" Studies not read show only with all studies." if unread else ""))
    return " ".join(parts)
