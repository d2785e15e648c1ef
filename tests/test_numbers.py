"""One number rule, two languages: explainer.numbers (Python) against frontend/format.js (the page),
on the cases where rules usually differ and on thousands of generated values, in one node process."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.numbers import MISSING, format_number, plural

ROOT = Path(__file__).resolve().parents[1]
BATCH = ROOT / "tests" / "js" / "format_batch.mjs"
NODE = shutil.which("node")

# (value, decimals, what a reader sees). Ties, float-noise ties, thousands, tiny and huge values.
CASES = [
    (0.125, 2, "0.13"), (0.25, 1, "0.3"), (2.5, 0, "3"), (0.5, 0, "0.5"), (1.005, 2, "1.01"), (2.675, 2, "2.68"),
    (1234.5, 1, "1,234.5"), (1000, 0, "1,000"), (999.96, 1, "1,000"), (12000, 3, "12,000"), (1_000_000, 0, "1,000,000"),
    (0.0006, 3, "0.0006"), (0.00099, 3, "0.00099"), (0.001, 3, "0.001"), (0.0996, 1, "0.1"), (1.5e-7, 1, "0.00000015"),
    (1e21, 0, "1,000,000,000,000,000,000,000"), (1e23, 1, "100,000,000,000,000,000,000,000"),
    (6, 1, "6"), (0.06, 3, "0.06"), (10 / 3, 2, "3.33"), (5.999999999999999, 1, "6"), (-1234.56, 1, "-1,234.6"),
    (0, 2, "0"), (-0.0, 0, "-0"), (-0.0001, 1, "-0.0001"),
]


@pytest.mark.parametrize(("x", "decimals", "expected"), CASES)
def test_the_rule(x: float, decimals: int, expected: str) -> None:
    assert format_number(x, decimals) == expected


@pytest.mark.parametrize("odd", [math.nan, math.inf, -math.inf, None, "3", True, 10**400])
def test_no_nan_infinity_or_blank(odd: object) -> None:
    assert format_number(odd, 1) == MISSING


def test_plural() -> None:
    assert (plural(1, "dose"), plural(3, "dose"), plural(1200, "spray")) == ("1 dose", "3 doses", "1,200 sprays")


def _wire(x: float) -> object:
    if math.isnan(x):
        return {"$special": "NaN"}
    if math.isinf(x):
        return {"$special": "Infinity" if x > 0 else "-Infinity"}
    if x == 0 and math.copysign(1, x) < 0:
        return {"$special": "-0"}
    return x


def _js(pairs: list[tuple[float, int]]) -> list[str]:
    assert NODE is not None
    done = subprocess.run([NODE, str(BATCH)], input=json.dumps([[_wire(x), d] for x, d in pairs]),
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# Values near ties (n + 0.5 at each scale), at every magnitude a double has, and plain random ones.
TIES = st.builds(lambda n, e: (n + 0.5) * 10.0**e, st.integers(-10**6, 10**6), st.integers(-8, 4))
MAGNITUDES = st.builds(lambda m, e: m * 10.0**e, st.floats(-10, 10), st.integers(-320, 305))
VALUES = st.one_of(TIES, MAGNITUDES, st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**15, 10**15))


@pytest.mark.skipif(NODE is None, reason="node is not installed, so the page's rule cannot be compared")
def test_python_and_the_page_agree() -> None:
    pairs: list[tuple[float, int]] = [(float(x), d) for x, d, _ in CASES]

    @settings(max_examples=3000, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(VALUES, st.integers(0, 6))
    def draw(x: float, decimals: int) -> None:
        if isinstance(x, float) and math.isfinite(x) or isinstance(x, int):
            pairs.append((float(x), decimals))

    draw()
    page = _js(pairs)
    differ = [(x, d, format_number(x, d), js)
              for (x, d), js in zip(pairs, page, strict=True) if format_number(x, d) != js]
    assert not differ, f"{len(differ)} of {len(pairs)} differ, e.g. {differ[:5]}"
    assert _js([(math.nan, 1), (math.inf, 0)]) == [MISSING, MISSING]
