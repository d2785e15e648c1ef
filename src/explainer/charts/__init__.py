"""Plotly figures built from the content file: every number, label and caveat is read from the compound.

Each builder is ``f(compound) -> display.Figure`` (a name such as ``"semax"`` works too) and carries a
text alternative written from the same data. Only scatter and bar traces, annotations and
``updatemenus`` are used, so the book's vendored "basic" plotly.js bundle draws all of them.

One job per module:

- :mod:`.palette`: the grade colours, contrast, badge styles
- :mod:`.formatting`: numbers, spans and amounts for readers; line wrapping
- :mod:`.dose_model`: the dose bands (shared by the dose chart and the dose locator widget)
- :mod:`.layout`: what every figure shares (layout, text widths)
- :mod:`.dose_chart`, :mod:`.timeline`, :mod:`.stacking`, :mod:`.bdnf`: one figure each
"""

from __future__ import annotations

from ..content import FLAG_INFO, GRADE_INFO, as_compound
from .bdnf import bdnf_changes
from .dose_chart import dose_range
from .dose_model import DoseBand, dose_bands, dose_basis, dose_scale, dose_ticks, per_words
from .formatting import fmt_amount, fmt_amount_span, fmt_num, fmt_span
from .layout import DOSE_HEADING_CHARS, DOSE_NOTE_CHARS, NOTE_CHARS
from .palette import GRADE_COLOURS, badge_style, grade_style
from .palette import _contrast as _contrast  # re-exported for tests
from .stacking import stacking_day
from .timeline import STUDY_TYPES, evidence_timeline

__all__ = [
    "DOSE_HEADING_CHARS",
    "DOSE_NOTE_CHARS",
    "FLAG_INFO",
    "GRADE_COLOURS",
    "GRADE_INFO",
    "NOTE_CHARS",
    "STUDY_TYPES",
    "DoseBand",
    "as_compound",
    "badge_style",
    "bdnf_changes",
    "dose_bands",
    "dose_basis",
    "per_words",
    "dose_range",
    "dose_scale",
    "dose_ticks",
    "evidence_timeline",
    "fmt_amount",
    "fmt_amount_span",
    "fmt_num",
    "fmt_span",
    "grade_style",
    "stacking_day",
]
