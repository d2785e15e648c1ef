"""Helpers shared by test modules (and the benchmark), so no test module imports another.

The browser's own plumbing lives beside it: ``tests/browser/offline.py`` (Chromium, the loopback
guard, the server), ``lab.py`` (a throwaway JupyterLab) and ``latency.py`` (the benchmark's clock).
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
CALCULATOR_PAGE = "notebooks/semax/04-reconstitution.html"
RUN_BATCH = ROOT / "tests" / "js" / "run_batch.mjs"
NODE = shutil.which("node")

# Every interactive and figure ends in one of these states (static/widget-host.js, static/figures.js). A
# deck's chart is drawn when its slide shows: those of the other slides are still their pictures.
_ALL_DRAWN = """() => {
  const settled = (sel, ok) => [...document.querySelectorAll(sel)]
    .every((el) => el.classList.contains(ok) || el.classList.contains("has-failed"));
  return settled(".explainer-widget", "is-live")
    && settled(".explainer-plotly:not(.reveal section:not(.present) .explainer-plotly)", "is-drawn");
}"""


def toc_files() -> list[str]:
    """Every page the table of contents lists, root first, without suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part["chapters"]]
    return files


def wait_until_drawn(page, timeout: float = 15_000) -> None:
    """Every widget on the page has started (or shown its fallback) and every figure is drawn (or failed).
    A chart is drawn when it comes near the viewport: each is scrolled to, as a reader reading on would."""
    for fig in page.locator(".explainer-plotly:not(.reveal .explainer-plotly)").all():
        fig.scroll_into_view_if_needed()
    page.wait_for_function(_ALL_DRAWN, timeout=timeout)


def open_calculator(page, book_url: str, fragment: str = ""):
    """The calculator chapter of the built book; returns the live calculator's root (``.calc``)."""
    from playwright.sync_api import expect

    page.goto(book_url + CALCULATOR_PAGE + fragment)
    calc = page.locator(".explainer-widget .calc")
    expect(calc).to_have_count(1)
    return calc


MYST_EXTENSIONS = ["colon_fence", "deflist", "dollarmath"]  # as in _config.yml


def _term_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """Sphinx's {term} role as a plain inline showing the shown words (the book test checks the real link)."""
    from docutils import nodes

    return [nodes.inline(rawtext, re.sub(r"\s*<[^<>]*>$", "", text), classes=["term"])], []


def parse_myst(markdown: str):
    """A docutils document from MyST, with the book's extensions; any warning raises."""
    from docutils.core import publish_doctree
    from docutils.parsers.rst import roles
    from myst_parser.parsers.docutils_ import Parser

    roles.register_local_role("term", _term_role)
    return publish_doctree(markdown, parser=Parser(), settings_overrides={
        "myst_enable_extensions": MYST_EXTENSIONS, "report_level": 2, "halt_level": 2, "warning_stream": False})


def shown_text(obj) -> str:
    """What a reader sees of a render function's output (``Myst`` or a Markdown string), spaces collapsed."""
    markdown = getattr(obj, "markdown", obj)
    return " ".join(parse_myst(markdown).astext().split())


def to_wire(value: Any) -> Any:
    """JSON cannot hold NaN or infinities; send them as the markers run_batch.mjs understands."""
    if isinstance(value, float) and not math.isfinite(value):
        return {"$special": "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")}
    if isinstance(value, dict):
        return {key: to_wire(item) for key, item in value.items()}
    if isinstance(value, list):
        return [to_wire(item) for item in value]
    return value


def run_js(batch: list[Any], calculator: str = "reconstitution") -> list[dict[str, Any]]:
    """``calculate`` of each input in the page's JavaScript (``reconstitution`` or ``blend``), in one node process."""
    assert NODE is not None
    payload = json.dumps([to_wire(item) for item in batch], allow_nan=False)
    done = subprocess.run(
        [NODE, str(RUN_BATCH), calculator], input=payload, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    outputs: list[dict[str, Any]] = json.loads(done.stdout)
    assert len(outputs) == len(batch)
    return outputs


# ------------------------------------------------------------------ Python = JavaScript, compared (property tests)

REL = 1e-9  # relative slack between the two languages' doubles


def close(a: Any, b: Any) -> bool:
    """Equal, or numbers equal to within REL; dicts key by key (the blend's per-peptide figures)."""
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and set(a) == set(b) and all(close(a[k], b[k]) for k in a)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b or abs(a - b) <= REL * max(abs(a), abs(b)) or abs(a - b) <= 1e-12
    return a == b


def logspace(low: float, high: float):
    """Floats spread evenly in order of magnitude between ``low`` and ``high`` (a hypothesis strategy)."""
    from hypothesis import strategies as st

    return st.floats(math.log10(low), math.log10(high)).map(lambda e: 10.0**e)


def same_output(py: dict[str, Any], js: dict[str, Any]) -> str | None:
    """None if a calculator's Python and JavaScript outputs agree, else what differs."""
    if py["ok"] != js["ok"]:
        return f"ok: {py['ok']} vs {js['ok']}"
    if not py["ok"]:
        return None if py["error"] == js["error"] else f"error: {py['error']} vs {js['error']}"
    if set(py["result"]) != set(js["result"]):
        return f"keys: {sorted(set(py['result']) ^ set(js['result']))}"
    for key, value in py["result"].items():
        if not close(value, js["result"][key]):
            return f"{key}: {value!r} vs {js['result'][key]!r}"
    return None if py["warnings"] == js["warnings"] else f"warnings: {py['warnings']} vs {js['warnings']}"
