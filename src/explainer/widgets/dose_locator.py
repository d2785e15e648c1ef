"""The dose locator: where a daily total falls among the dose bands of the content file.

The reader types a daily total (mcg or mg); ``dose_locator.js`` places it on a small log strip of the
same bands as ``charts.dose_range`` (both come from ``charts.dose_bands``) and says in words which
band it falls in. It describes, never recommends. The words for each stretch of the axis ("zones")
are written here, so JupyterLab and the static book say the same thing; the page only looks up the
zone a number falls in. Numbers in the sentence are formatted as ``charts.fmt_num`` does (Python's
``g`` format), which ``dose_locator.js`` reproduces exactly, so the two sentences match for any
positive number, however tiny or huge.
"""

from __future__ import annotations

import html
import math
from pathlib import Path
from typing import Any

import traitlets

from ..charts import DoseBand, as_compound, dose_bands, dose_scale, dose_ticks, fmt_amount, fmt_amount_span, fmt_num
from ..content import Compound
from ..reconstitution import THRESHOLDS
from .base import BookWidget

UNITS = {"mcg": 1.0, "mg": 1000.0}


def _zone(key: str, band: str | None, low: float, high: float, closed: bool, text: str) -> dict[str, Any]:
    """A stretch of the axis: [low, high] when ``closed``, else the open interval (low, high)."""
    return {"key": key, "band": band, "low": low, "high": high, "closed": closed, "text": text}


def locator_zones(bands: list[DoseBand]) -> list[dict[str, Any]]:
    """Every positive daily total falls in exactly one zone, from below the standard to above the top band."""
    by = {b.key: b for b in bands}
    std, rng, push = by["standard"], by["range"], by["pushing_higher"]
    clin = by.get("clinical")
    s, soft, top = std.low_mcg, rng.soft_from_mcg or rng.high_mcg, rng.high_mcg
    reported = f"the range people commonly report (up to about {fmt_amount_span(soft, top)} a day)"
    zones = [
        _zone("below", None, 0.0, s, False, f"below the community standard of about {fmt_amount(s)} a day"),
        _zone("standard", "standard", s, s, True, f"at the community standard of about {fmt_amount(s)} a day"),
        _zone("range", "range", s, soft, False, f"above the community standard, inside {reported}"),
        _zone("range_top", "range", soft, top, True,
              f"at the top of the range people commonly report (about {fmt_amount_span(soft, top)} a day)"),
    ]
    pushing = ("above the range people commonly report. Some people report going higher, but the sources "
               "give no number for it")
    if clin is None:
        zones.append(_zone("pushing_higher", "pushing_higher", top, math.inf, False, pushing))
        return zones
    lo, hi = clin.low_mcg, clin.high_mcg
    zones += [
        _zone("pushing_higher", "pushing_higher", top, lo, False, pushing),
        _zone("clinical", "clinical", lo, hi, True,
              f"in the range derived from the hospital stroke schedule ({fmt_amount_span(lo, hi)} a day) "
              f"— clinical use, not a protocol"),
        _zone("above_clinical", None, hi, math.inf, False,
              "above even the amount derived from the hospital stroke schedule, which is clinical use, not a protocol"),
    ]
    return zones


def find_zone(zones: list[dict[str, Any]], mcg: float, rel_tol: float = THRESHOLDS["rel_tol"]) -> dict[str, Any]:
    """The zone a positive daily total falls in (dose_locator.js does the same lookup). Edges are equal
    within the calculator's relative slack, so 0.3 mg lands exactly on a 300 mcg standard."""
    for z in zones:
        lo_ok = mcg >= z["low"] * (1 - rel_tol) if z["closed"] else mcg > z["low"] * (1 + rel_tol)
        hi_ok = mcg <= z["high"] * (1 + rel_tol) if z["closed"] else mcg < z["high"] * (1 - rel_tol)
        if lo_ok and hi_ok:
            return z
    raise ValueError(f"no zone holds {mcg!r}")


class DoseLocator(BookWidget):
    """``DoseLocator(compound="semax", daily_mcg=None)``. Set ``daily_mcg`` from Python, or type in the
    page; ``describe()`` gives the sentence the page shows for the current value."""

    asset_name = "dose_locator"
    esm_files = ("dose_locator.js",)
    css_file = "dose_locator.css"

    name = traitlets.Unicode().tag(sync=True)
    bands = traitlets.List(traitlets.Dict()).tag(sync=True)
    zones = traitlets.List(traitlets.Dict()).tag(sync=True)
    scale = traitlets.List(traitlets.Float(), minlen=2, maxlen=2).tag(sync=True)
    ticks = traitlets.List(traitlets.Dict()).tag(sync=True)
    standard_mcg = traitlets.Float().tag(sync=True)
    rel_tol = traitlets.Float(THRESHOLDS["rel_tol"], read_only=True).tag(sync=True)  # for the page's zone lookup
    daily_mcg = traitlets.Float(None, allow_none=True).tag(sync=True)
    unit = traitlets.Enum(tuple(UNITS), default_value="mcg").tag(sync=True)

    def __init__(self, compound: Compound | str | Path = "semax", daily_mcg: float | None = None,
                 **kwargs: Any) -> None:
        c = as_compound(compound)
        bands = dose_bands(c)
        zones = locator_zones(bands)
        for z in zones:  # JSON has no infinity; the page reads None as "no upper end"
            z["high"] = None if math.isinf(z["high"]) else z["high"]
        super().__init__(
            name=c.identity.name,
            bands=[b.as_state() for b in bands],
            zones=zones,
            scale=list(dose_scale(c)),
            ticks=[{"value": v, "label": fmt_amount(v)} for v in dose_ticks(c)],
            standard_mcg=float(c.dosing.standard_mcg_per_day),
            daily_mcg=daily_mcg,
            **kwargs,
        )

    @traitlets.validate("daily_mcg")
    def _positive(self, proposal: Any) -> float | None:
        value = proposal["value"]
        if value is not None and not (math.isfinite(value) and value > 0):
            raise traitlets.TraitError(f"daily_mcg must be a positive number of mcg or None, got {value!r}")
        return value

    def _zones(self) -> list[dict[str, Any]]:
        return [{**z, "high": math.inf if z["high"] is None else z["high"]} for z in self.zones]

    def describe(self, mcg: float | None = None) -> str:
        """The sentence for ``mcg`` (default: the current ``daily_mcg``); the page builds the same one."""
        mcg = self.daily_mcg if mcg is None else mcg
        if mcg is None:
            return "Type a daily total to see where it falls."
        zone = find_zone(self._zones(), mcg, self.rel_tol)
        text = f"{fmt_amount(mcg)} a day is {zone['text']}."
        multiple = mcg / self.standard_mcg
        # A total so tiny that its multiple underflows to zero gets no "about 0×".
        if zone["key"] != "standard" and multiple > 0:
            text += f" That is about {_multiple(multiple)}× the community standard."
        if mcg > self.scale[1]:
            text += f" It is beyond the right end of this scale ({fmt_amount(self.scale[1])} a day)."
        return text

    def fallback_html(self) -> str:
        items = "".join(
            f"<li><strong>{html.escape(b['label'])}</strong> "
            f'<span class="grade-badge grade-{b["grade"]["grade"]}">{html.escape(b["grade"]["label"])}</span>: '
            f"{html.escape(b['detail'])}</li>"
            for b in self.bands
        )
        now = f"<p>{html.escape(self.describe())}</p>" if self.daily_mcg is not None else ""
        return (f'<div class="locator-fallback"><p>The dose locator needs JavaScript. '
                f"The bands it places a daily total among:</p><ul>{items}</ul>{now}</div>")


def _multiple(m: float) -> str:
    """1.5, 40, 0.33: two significant figures below 10, whole numbers above (ties to even, as
    Python's ``round`` and ``g`` format do; dose_locator.js does the same)."""
    return fmt_num(round(m)) if m >= 10 else fmt_num(float(f"{m:.2g}"))
