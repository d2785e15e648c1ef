"""The one rule for showing a number to a reader, in Python; ``frontend/format.js`` is the same rule
for the page, written on ``Intl.NumberFormat("en-US")`` rather than ported from this file.

The rule, ``format_number(x, decimals)``:
- take the shortest decimal that reads back as the same double (what ``repr`` and JavaScript's
  ``String`` print: 1.005, not the 1.00499… the double holds), and round it to ``decimals`` fraction
  digits, halves away from zero (0.125 to 2 digits is 0.13, 1.005 is 1.01, 0.25 to 1 digit is 0.3);
- a nonzero value smaller than 10^-decimals keeps two significant digits instead of showing 0;
- no trailing zeros after the point, commas between thousands, never an exponent (1e21 is written out);
- anything that is not a finite number shows as an en dash, never NaN or Infinity.

tests/test_numbers.py runs the cases where rules usually differ through both languages.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal
from numbers import Real

MISSING = "–"
# Enough digits for any double written out in full (about 1.8e308), plus the fraction.
_CONTEXT = Context(prec=400, rounding=ROUND_HALF_UP)


def format_number(x: object, decimals: int) -> str:
    """``x`` for a reader, by the rule above."""
    if isinstance(x, bool) or not isinstance(x, Real):
        return MISSING
    try:
        x = float(x)  # a page number is a double; so is this one
    except OverflowError:
        return MISSING
    if not math.isfinite(x):
        return MISSING
    shortest = Decimal(repr(x))
    # The same double both languages compare with: JS reads Number("1e-3"), Python float("1e-3").
    if x != 0 and abs(x) < float(f"1e-{decimals}"):
        exponent = shortest.adjusted() - 1  # two significant digits
    else:
        exponent = -decimals
    rounded = shortest.quantize(Decimal(1).scaleb(exponent), context=_CONTEXT)
    text = f"{rounded:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def plural(n: float, word: str, decimals: int = 0, many: str | None = None) -> str:
    """'1 dose', '3 doses', '1,200 sprays'; ``many`` for a word whose plural is not word + s ('studies')."""
    return f"{format_number(n, decimals)} {word if n == 1 else many or word + 's'}"


def long_date(d: date) -> str:
    """'25 November 2026': the one way a reader sees a date (no zero padding, on any platform's strftime)."""
    return f"{d.day} {d:%B %Y}"
