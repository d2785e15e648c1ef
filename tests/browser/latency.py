"""Update latency of the calculator, measured inside the page, one method for every home.

For each update: pick a new value for the "Water added" slider, note ``performance.now()``,
dispatch the slider's ``input`` event, and stop the clock when a MutationObserver on the result
region sees its text change. In the static book the JS math answers; in JupyterLab the value goes
to the kernel and the result comes back from Python, so the same clock measures both paths.
Times are reported (median, p95) by `make bench`, never asserted: they depend on the machine.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

from playwright.sync_api import Locator

_MEASURE = """
async (calc, { n, timeoutMs }) => {
  const slider = calc.querySelector('input[type="range"][aria-label="Water added slider"]');
  const region = calc.querySelector(".calc-results");
  if (!slider || !region) throw new Error("no Water added slider or result region in the calculator");
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const times = [];
  for (let i = 0; i < n; i += 1) {
    // 1.0 to 4.9 mL, each a new value, so every update changes the result.
    let value = (1 + (i % 40) / 10).toFixed(1);
    if (Number(value) === Number(slider.value)) value = (Number(value) + 5).toFixed(1);
    const before = region.textContent;
    const changed = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`no result after ${timeoutMs} ms (update ${i})`));
      }, timeoutMs);
      const observer = new MutationObserver(() => {
        if (region.textContent === before) return;
        const t1 = performance.now();
        observer.disconnect();
        clearTimeout(timer);
        resolve(t1);
      });
      observer.observe(region, { childList: true, subtree: true, characterData: true, attributes: true });
    });
    slider.value = value;
    const t0 = performance.now();
    slider.dispatchEvent(new Event("input", { bubbles: true }));
    times.push((await changed) - t0);
    await frame(); // let any trailing work settle outside the timed part
  }
  return times;
}
"""


@dataclass
class Latency:
    samples_ms: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples_ms)  # nearest rank
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    def summary(self) -> dict:
        return {"n": len(self.samples_ms), "median_ms": round(self.median, 3), "p95_ms": round(self.p95, 3)}

    def __str__(self) -> str:
        return f"median {self.median:.2f} ms, p95 {self.p95:.2f} ms over {len(self.samples_ms)} updates"


def measure_updates(calc: Locator, n: int = 30, timeout_ms: float = 10_000) -> Latency:
    """``n`` slider updates of the calculator rooted at ``calc`` (its ``.calc`` element), timed in the page."""
    return Latency(calc.evaluate(_MEASURE, {"n": n, "timeoutMs": timeout_ms}))
