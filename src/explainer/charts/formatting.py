"""Number and text formatting for readers: amounts, spans and multiples, all written by the project's one
number rule (:func:`explainer.numbers.format_number`; ``frontend/format.js`` is the same rule in the page),
and line wrapping (plotly never wraps text itself)."""

from __future__ import annotations

import textwrap

from ..numbers import format_number

# Fraction digits of a figure in reader text (the rule keeps two significant digits of anything smaller).
DECIMALS = 3
# An amount is written in mcg below a milligram and in mg from one up, with the calculator's digits for
# each (its daily_mcg and dose_mg), so a total reads the same in the calculator and the dose locator.
MG_FROM_MCG = 1000.0
AMOUNT_DECIMALS = {"mcg": 1, "mg": 3}
# A multiple ("about 2.3×") keeps two figures: whole numbers from 10, one decimal from 1, two below.
# Steps of (from, decimals), highest first; the locator's page reads them from its state.
MULTIPLE_DECIMALS = ((10.0, 0), (1.0, 1), (0.0, 2))


def fmt_num(x: float, decimals: int = DECIMALS) -> str:
    """A number for a reader: 300, 0.05, 12,000, by the one rule (no exponent, thousands separated)."""
    return format_number(x, decimals)


def fmt_amount(mcg: float) -> str:
    """A daily amount in the unit a reader would use: '300 mcg' below a milligram, '12 mg' from one up."""
    if mcg >= MG_FROM_MCG:
        return f"{format_number(mcg / 1000, AMOUNT_DECIMALS['mg'])} mg"
    return f"{format_number(mcg, AMOUNT_DECIMALS['mcg'])} mcg"


def fmt_multiple(m: float) -> str:
    """How many times the standard, to two figures: 0.83, 2.3, 50 (scale, not precision)."""
    decimals = next(d for start, d in MULTIPLE_DECIMALS if m >= start)
    return format_number(m, decimals)


def fmt_amount_span(low_mcg: float, high_mcg: float) -> str:
    """'500–600 mcg', '12–18 mg', '600 mcg–12 mg': one unit when both ends share it."""
    if (low_mcg >= MG_FROM_MCG) == (high_mcg >= MG_FROM_MCG):
        unit = "mg" if low_mcg >= MG_FROM_MCG else "mcg"
        scale = 1000 if unit == "mg" else 1
        return fmt_span(low_mcg / scale, high_mcg / scale, unit, AMOUNT_DECIMALS[unit])
    return f"{fmt_amount(low_mcg)}–{fmt_amount(high_mcg)}"


def fmt_span(low: float, high: float, unit: str = "", decimals: int = DECIMALS) -> str:
    """'1–3', '500–600 mcg', or one number when both ends agree ('300 mcg')."""
    text = fmt_num(low, decimals) if low == high else f"{fmt_num(low, decimals)}–{fmt_num(high, decimals)}"
    return f"{text} {unit}".strip()


def _count_word(n: int) -> str:
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[n] if 0 <= n < len(words) else str(n)


def _wrap(text: str, width: int = 60) -> str:
    """plotly never wraps text: break it into lines of at most ``width`` characters (a longer word keeps its line)."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False))
