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
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parents[1]
# The made-up compound the tests load to prove that nothing is Semax-specific.
FIXTURE = ROOT / "tests" / "fixtures" / "examplin.yaml"
HTML = ROOT / "_build" / "html"
CALCULATOR_PAGE = "notebooks/semax/04-reconstitution.html"
RUN_BATCH = ROOT / "tests" / "js" / "run_batch.mjs"
NODE = shutil.which("node")

# Every interactive and figure ends in one of these states (static/widget-host.js, static/figures.js). A
# deck's charts are drawn, and its widgets started, when their slide shows: the other slides' are still their
# pictures and static renderings.
_ALL_DRAWN = """() => {
  const settled = (sel, ok) => [...document.querySelectorAll(sel)]
    .every((el) => el.classList.contains(ok) || el.classList.contains("has-failed"));
  return settled(".explainer-widget:not(.reveal section:not(.present) .explainer-widget)", "is-live")
    && settled(".explainer-plotly:not(.reveal section:not(.present) .explainer-plotly)", "is-drawn");
}"""


# --------------------------------------------------------------------------- content and figures

def copy(model, **changes):
    """An updated copy of a frozen content model (no re-validation: each test changes one thing)."""
    return model.model_copy(update=changes)


def with_dosing(c, **changes):
    return copy(c, dosing=copy(c.dosing, **changes))


def with_source(c, source_id: str, **changes):
    return copy(c, sources=tuple(copy(s, **changes) if s.id == source_id else s for s in c.sources))


def spec(fig) -> dict:
    return fig.spec()


def texts(fig) -> str:
    """Every piece of text a reader can see or hover in a figure, as one string."""
    s = spec(fig)
    parts = [a.get("text", "") for a in s["layout"].get("annotations", [])]
    for axis in ("xaxis", "yaxis"):
        parts += [str(t) for t in s["layout"].get(axis, {}).get("ticktext", [])]
    for trace in s["data"]:
        for key in ("text", "hovertemplate", "name"):
            value = trace.get(key)
            parts += value if isinstance(value, list) else [str(value or "")]
    return "\n".join(parts).replace("<br>", " ")


def write_data(tmp_path: Path, data, name: str = "semax.yaml") -> Path:
    """A data file in tmp_path: ``data`` as YAML (or as text, to write a file YAML would not)."""
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def problems_for(tmp_path: Path, data) -> str:
    """What the loader says of ``data`` written as a file (it must refuse it)."""
    import pytest

    from explainer.content import ContentError, load_compound

    with pytest.raises(ContentError) as info:
        load_compound(write_data(tmp_path, data))
    return str(info.value)


def replace_in(d, path, old: str, new: str) -> None:
    """Replace ``old`` with ``new`` in the text at ``path`` (keys and indexes) of a raw data dict."""
    *head, last = path
    for k in head:
        d = d[k]
    assert old in d[last], d[last]
    d[last] = d[last].replace(old, new)


# --------------------------------------------------------------------------- the one HTML reader

def soup(html: str, *, drop: tuple[str, ...] = ()) -> BeautifulSoup:
    """The tests' one HTML reader (BeautifulSoup on the standard library's parser). Scripts, styles and
    templates are taken out (they are not text a reader sees), and so is every element with a class in
    ``drop``; the page's own JSON (a widget's state) is read with :func:`widget_state` instead."""
    doc = BeautifulSoup(html, "html.parser")
    for tag in doc(["script", "style", "template"]):
        tag.decompose()
    for tag in doc.find_all(class_=lambda c: c in drop) if drop else ():
        if not tag.decomposed:
            tag.decompose()
    return doc


def article(html: str, *, drop: tuple[str, ...] = ()) -> Tag:
    """The page's article (the whole document when it has none)."""
    doc = soup(html, drop=drop)
    return doc.find("article") or doc


def text_of(el: Tag) -> str:
    """Visible text, element boundaries as spaces, spaces collapsed; the book's typographic apostrophe
    read as the content file's."""
    return re.sub(r"\s+", " ", el.get_text(" ")).strip().replace("’", "'")


def widget_state(html: str) -> dict[str, Any]:
    """The JSON a widget's placeholder carries for the static book's widget host."""
    script = BeautifulSoup(html, "html.parser").find("script", type="application/json")
    assert script is not None, html[:200]
    return json.loads(script.string)


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


def built_scorm() -> Path:
    """The SCORM package of the built book, written by `make scorm` (which brings the book up to date first)."""
    from explainer.collection import read_config
    from explainer.publish.scorm import package_name

    result = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "scorm"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"`make scorm` failed:\n{result.stdout}\n{result.stderr}"
    return ROOT / "_build" / "scorm" / package_name(read_config().title)
