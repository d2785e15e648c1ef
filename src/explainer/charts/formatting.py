"""Number and text formatting for readers: one rule for numbers, spans and amounts, and line wrapping
(plotly never wraps text itself)."""

from __future__ import annotations

def fmt_num(x: float) -> str:
    """A number for a reader: 300, 0.05, 12,000, 1e-300. Six significant figures, no trailing zeros,
    thousands separated; exponent form outside 1e-4 to 1e6 (Python's ``g`` format, which
    ``fmtNum`` in widgets/dose_locator.js reproduces digit for digit)."""
    return f"{x:,.6g}" if abs(x) >= 1000 else f"{x:.6g}"


def fmt_amount(mcg: float) -> str:
    """A daily amount in the unit a reader would use: '300 mcg' below a milligram, '12 mg' above."""
    return f"{fmt_num(mcg / 1000)} mg" if mcg >= 1000 else f"{fmt_num(mcg)} mcg"


def fmt_amount_span(low_mcg: float, high_mcg: float) -> str:
    """'500–600 mcg', '12–18 mg', '600 mcg–12 mg': one unit when both ends share it."""
    if (low_mcg >= 1000) == (high_mcg >= 1000):
        unit, scale = ("mg", 1000) if low_mcg >= 1000 else ("mcg", 1)
        return fmt_span(low_mcg / scale, high_mcg / scale, unit)
    return f"{fmt_amount(low_mcg)}–{fmt_amount(high_mcg)}"


def fmt_span(low: float, high: float, unit: str = "") -> str:
    """'1–3', '500–600 mcg', or one number when both ends agree ('300 mcg')."""
    text = fmt_num(low) if low == high else f"{fmt_num(low)}–{fmt_num(high)}"
    return f"{text} {unit}".strip()


def _count_word(n: int) -> str:
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[n] if 0 <= n < len(words) else str(n)


def _wrap(text: str, width: int = 60) -> str:
    """plotly never wraps text: break it into lines of at most ``width`` characters."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)

