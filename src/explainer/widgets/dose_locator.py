"""The dose locator: where a daily total (or, for a compound whose community figures are per dose, a
single dose) falls among the dose bands of the content file.

The reader types an amount (mcg or mg); ``dose_locator.js`` places it on a small log strip of the
same bands as ``charts.dose_range`` (both come from ``charts.dose_bands``) and says in words where it
falls: its multiple of the community standard (named with its review status), then every fact that
holds for it (inside, at the approximate top of, or above the commonly reported range; that some people
report going above the standard, with no figure for how far; within a label schedule's amount). Below
the standard it says only the multiple: the sources give the range an upper end, no lower one. It
describes, never advises. Every word it shows is written here (the facts, and the sentence templates in
``WORDS``, which the page fills as Python does), so JupyterLab and the static book say the same thing; the
page only checks which facts hold. The box's number is read by the calculator's reader (``parseNumber``),
with the calculator spec's messages. Numbers follow the one number rule
(``explainer.numbers`` here, ``frontend/format.js`` in the page) with the digits ``charts.formatting``
chooses, sent to the page as ``number_rule``, so the two sentences match digit for digit.
"""

from __future__ import annotations

import html
import math
from pathlib import Path
from typing import Any

import traitlets

from ..charts import DoseBand, as_compound, dose_bands, dose_scale, dose_ticks, fmt_amount, fmt_amount_span
from ..charts.dose_model import NO_UPPER_FIGURE, PER_WORDS, QUANTITY, standard_phrase
from ..charts.formatting import AMOUNT_DECIMALS, MG_FROM_MCG, MULTIPLE_DECIMALS, fmt_multiple
from ..content import Compound, Grade
from ..reconstitution import THRESHOLDS
from .base import BookWidget

UNITS = {"mcg": 1.0, "mg": 1000.0}


def _fact(key: str, band: str | None, low: float, high: float, closed: bool, text: str) -> dict[str, Any]:
    """A sentence that holds for every total in [low, high] when ``closed``, else in (low, high)."""
    return {"key": key, "band": band, "low": low, "high": high, "closed": closed, "text": text}


# Whose figure a reported band is, by its grade: a guide page's amount is a write-up, not a user's report.
_FIGURE_WHO = {Grade.vendor: "a guide page's figure"}


def locator_facts(bands: list[DoseBand], per: str = "a day") -> list[dict[str, Any]]:
    """What can be said of a total beside its multiple of the standard, each fact with the stretch of the
    axis it holds for. Facts only describe: a total is inside or above a band the sources give, never
    "too low" or "too high", and never "in" the open-ended zone, which has no upper figure to be in.
    Below the standard nothing is said (the range has no lower figure to be outside of). That some people
    report going above the standard is said only between the standard and the first label amount above
    it: a clinical-size total is not filed under community reports. ``per`` ('a day', 'per dose')
    follows each amount."""
    by = {b.key: b for b in bands}
    facts = []
    for b in bands:
        if b.key.startswith("figure_"):
            # A reported amount listed as a figure: a total is at it (a single number) or within it.
            lo, hi = b.low_mcg, b.high_mcg if b.high_mcg is not None else b.low_mcg
            about = "about " if b.approximate else ""
            where = (f"at the figure of {about}{fmt_amount(lo)} {per}" if hi == lo
                     else f"within the {fmt_amount_span(lo, hi)} {per}")
            who = _FIGURE_WHO.get(b.grade, "a community figure")
            facts.append(_fact(b.key, b.key, lo, hi, True, f"It is {where} of the “{b.label}” row, {who}"))
    if "standard" not in by:
        return facts + _label_facts(bands, per)
    std, rng, push = by["standard"], by["range"], by["pushing_higher"]
    s, soft, top = std.low_mcg, rng.soft_from_mcg or rng.high_mcg, rng.high_mcg
    span = fmt_amount_span(soft, top)
    label_above = [b.low_mcg for b in bands if b.group == "label" and b.low_mcg > s]
    facts = facts + [
        _fact("range", "range", s, soft, False,
              f"It is inside the range people commonly report (up to about {span} a day)"),
        _fact("range_top", "range", soft, top, True,
              f"It is at the approximate top of the range people commonly report (about {span} a day)"),
        _fact("outside_range_high", None, top, math.inf, False,
              f"It is above the range people commonly report, which goes up to about {span} a day"),
        # Its row starts at the standard and gives no end: the fact names the row, it does not place the
        # total among those reports.
        _fact("pushing_higher", None, push.low_mcg, min(label_above, default=math.inf), False,
              f"Some people report going above the standard amount (the \u201c{push.label}\u201d row); the "
              "sources give no figure for how far, so a total cannot be placed among those reports"),
    ]
    return facts + _label_facts(bands, per)


def _label_facts(bands: list[DoseBand], per: str) -> list[dict[str, Any]]:
    return [_fact(b.key, b.key, b.low_mcg, b.high_mcg, True,
                  f"It is within the {fmt_amount_span(b.low_mcg, b.high_mcg)} {per} "
                  f"{'stated in the' if b.stated else 'worked out from the'} "
                  f"{b.label[0].lower()}{b.label[1:]}, shown for scale, not as a protocol")
            for b in bands if b.group == "label"]


# Every sentence the locator shows, once: Python fills them for describe() and the fallback, the page
# (dose_locator.js) fills the same templates, sent in the state, with the same values.
WORDS = {
    "heading": "Where does a {quantity} of {name} fall?",
    "empty": "Type a {quantity} to see where it falls.",
    "plain": "{total}.",
    "at": "{total} is at {phrase}.",
    "multiple": "{total} is about {multiple}× {phrase}.",
    "fraction": "{total} is a vanishingly small fraction of {phrase}.",
    "fact": "{text}.",
    "nowhere": "It falls outside every band shown here.",
    "beyond": "It is beyond the right end of this scale ({top}).",
    "note": "This places a number among the figures shown here; it is not a recommendation.",
    "strip": "Log-scale strip of the dose bands.",
    "strip_marked": "Log-scale strip of the dose bands, with {total} marked.",
    "axis": "{quantity}, log scale",
    "unit_legend": "Unit",
}


def holds(fact: dict[str, Any], mcg: float, rel_tol: float = THRESHOLDS["rel_tol"]) -> bool:
    """Whether ``fact`` holds for a positive daily total (dose_locator.js does the same test). Edges are
    equal within the calculator's relative slack, so 0.3 mg lands exactly on a 300 mcg standard."""
    lo, hi = fact["low"], math.inf if fact["high"] is None else fact["high"]
    if fact["closed"]:
        return mcg >= lo * (1 - rel_tol) and mcg <= hi * (1 + rel_tol)
    return mcg > lo * (1 + rel_tol) and mcg < hi * (1 - rel_tol)


class DoseLocator(BookWidget):
    """``DoseLocator(compound="semax", daily_mcg=None)``. Set ``daily_mcg`` from Python, or type in the
    page; ``describe()`` gives the sentence the page shows for the current value. For a compound whose
    figures are per dose, ``daily_mcg`` holds the single dose typed (the name is kept for the page's state)."""

    asset_name = "dose_locator"

    name = traitlets.Unicode().tag(sync=True)
    bands = traitlets.List(traitlets.Dict()).tag(sync=True)
    facts = traitlets.List(traitlets.Dict()).tag(sync=True)
    scale = traitlets.List(traitlets.Float(), minlen=2, maxlen=2).tag(sync=True)
    ticks = traitlets.List(traitlets.Dict()).tag(sync=True)
    standard_mcg = traitlets.Float(None, allow_none=True).tag(sync=True)  # None: no per-day standard
    standard_phrase = traitlets.Unicode().tag(sync=True)  # names the standard with its review status
    per = traitlets.Unicode("a day").tag(sync=True)  # 'a day' or 'per dose', after every amount
    quantity = traitlets.Unicode("daily total").tag(sync=True)  # 'daily total' or 'single dose'
    words = traitlets.Dict(WORDS, read_only=True).tag(sync=True)  # the sentence templates the page fills
    open_note = traitlets.Unicode(NO_UPPER_FIGURE, read_only=True).tag(sync=True)
    rel_tol = traitlets.Float(THRESHOLDS["rel_tol"], read_only=True).tag(sync=True)  # for the page's lookup
    # The digits the page writes amounts and multiples with (charts.formatting chooses them).
    number_rule = traitlets.Dict({
        "mg_from_mcg": MG_FROM_MCG, "amount_decimals": AMOUNT_DECIMALS,
        "multiple_decimals": [list(step) for step in MULTIPLE_DECIMALS],
    }, read_only=True).tag(sync=True)
    daily_mcg = traitlets.Float(None, allow_none=True).tag(sync=True)
    unit = traitlets.Enum(tuple(UNITS), default_value="mcg").tag(sync=True)

    def __init__(self, compound: Compound | str | Path = "semax", daily_mcg: float | None = None,
                 **kwargs: Any) -> None:
        c = as_compound(compound)
        bands = dose_bands(c)
        basis = c.dosing.basis
        facts = locator_facts(bands, PER_WORDS[basis])
        for f in facts:  # JSON has no infinity; the page reads None as "no upper end"
            f["high"] = None if math.isinf(f["high"]) else f["high"]
        super().__init__(
            name=c.identity.name,
            bands=[b.as_state() for b in bands],
            facts=facts,
            scale=list(dose_scale(c)),
            ticks=[{"value": v, "label": fmt_amount(v)} for v in dose_ticks(c)],
            standard_mcg=float(c.dosing.standard_mcg_per_day) if c.dosing.has_standard else None,
            standard_phrase=standard_phrase(c),
            per=PER_WORDS[basis],
            quantity=QUANTITY[basis],
            daily_mcg=daily_mcg,
            **kwargs,
        )

    @traitlets.validate("daily_mcg")
    def _positive(self, proposal: Any) -> float | None:
        value = proposal["value"]
        if value is not None and not (math.isfinite(value) and value > 0):
            raise traitlets.TraitError(f"daily_mcg must be a positive number of mcg or None, got {value!r}")
        return value

    def placed(self, mcg: float) -> tuple[str, list[str]]:
        """The sentence for a positive total and the bands it lights up (the page's describe() does the same)."""
        words, total = self.words, f"{fmt_amount(mcg)} {self.per}"
        std = self.standard_mcg
        at_standard = std is not None and holds({"low": std, "high": std, "closed": True}, mcg, self.rel_tol)
        if std is None:  # no standard to compare with: the facts say where it falls
            lead = words["plain"].format(total=total)
        elif at_standard:
            lead = words["at"].format(total=total, phrase=self.standard_phrase)
        elif mcg / std > 0:
            lead = words["multiple"].format(total=total, multiple=fmt_multiple(mcg / std), phrase=self.standard_phrase)
        else:  # so tiny that its multiple underflows: no "about 0×"
            lead = words["fraction"].format(total=total, phrase=self.standard_phrase)
        held = [f for f in self.facts if holds(f, mcg, self.rel_tol)]
        parts = [lead, *(words["fact"].format(text=f["text"]) for f in held)]
        if not held and std is None:
            parts.append(words["nowhere"])
        if mcg > self.scale[1]:
            parts.append(words["beyond"].format(top=f"{fmt_amount(self.scale[1])} {self.per}"))
        hits = (["standard"] if at_standard else []) + [f["band"] for f in held if f["band"]]
        return " ".join(parts), hits

    def describe(self, mcg: float | None = None) -> str:
        """The sentence for ``mcg`` (default: the current ``daily_mcg``); the page builds the same one."""
        mcg = self.daily_mcg if mcg is None else mcg
        if mcg is None:
            return self.words["empty"].format(quantity=self.quantity)
        return self.placed(mcg)[0]

    def fallback_html(self) -> str:
        items = "".join(
            f"<li><strong>{html.escape(b['label'])}</strong> "
            f'<span class="grade-badge grade-{b["grade"]["grade"]}">{html.escape(b["grade"]["label"])}</span>: '
            f"{html.escape(b['detail'])}</li>"
            for b in self.bands
        )
        now = f"<p>{html.escape(self.describe())}</p>" if self.daily_mcg is not None else ""
        return (f'<div class="locator-fallback"><p>The dose locator needs JavaScript. '
                f"The bands it places a {html.escape(self.quantity)} among:</p><ul>{items}</ul>{now}</div>")

