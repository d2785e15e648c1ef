"""The base of every interactive: a real anywidget in JupyterLab, a live page element in the book.

A subclass names its ``asset_name``; its ES module and stylesheet are what esbuild built from
``widgets/<asset_name>.js`` and ``.css`` and the shared front-end modules (``frontend/build.mjs``,
run by ``make``) into ``widgets/dist/``. JupyterLab receives that module as ``_esm``; the book's
``static/widget-host.js`` loads the same code built as a classic script (``dist/classic/``, copied into
``_static`` by extension.py), which also runs on a page opened from disk. The mime
bundle adds a ``text/html`` placeholder holding the widget's state; the book ranks it above the
widget view, and the host runs the module on it without a kernel.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, ClassVar

import anywidget
import ipywidgets
import traitlets

from ..display import script_json

WIDGET_CLASS = "explainer-widget"
DIST = Path(__file__).parent / "dist"
PACKAGE = Path(__file__).parents[1]
BUILD_SCRIPT = PACKAGE / "frontend" / "build.mjs"
_BASE_TRAITS = frozenset(ipywidgets.DOMWidget.class_trait_names()) | {"_esm", "_css", "_anywidget_id"}


class StaleBuild(RuntimeError):
    """A built widget file is missing or older than one of its sources."""


def built(name: str) -> str:
    """The text of ``widgets/dist/<name>``, refusing one that is missing or older than its sources.

    The sources are only checked in a source tree (where ``frontend/build.mjs`` exists); an installed
    package carries the built files alone."""
    path = DIST / name
    if not path.exists():
        raise StaleBuild(f"{path} is not built: run `make widgets` (or `make setup`)")
    if BUILD_SCRIPT.exists():
        inputs = json.loads((DIST / "manifest.json").read_text(encoding="utf-8")).get(name, [])
        newer = [i for i in inputs if (PACKAGE / i).stat().st_mtime_ns > path.stat().st_mtime_ns]
        if newer:
            raise StaleBuild(f"{path} is older than {', '.join(newer)}: run `make widgets`")
    return path.read_text(encoding="utf-8")


class BookWidget(anywidget.AnyWidget):
    asset_name: ClassVar[str]

    # Read when a widget is made, not at import: a module rebuilt since then is what the next one gets.
    @property
    def _esm(self) -> str:  # type: ignore[override]
        return self.esm_text()

    @property
    def _css(self) -> str:  # type: ignore[override]
        return self.css_text()

    @classmethod
    def esm_text(cls) -> str:
        return built(f"{cls.asset_name}.js")

    @classmethod
    def classic_text(cls) -> str:
        """The same module as a classic script, for the book (it sets ``explainerWidgets.<asset_name>``)."""
        return built(f"classic/{cls.asset_name}.js")

    @classmethod
    def css_text(cls) -> str:
        return built(f"{cls.asset_name}.css") if (DIST / f"{cls.asset_name}.css").exists() else ""

    def state(self) -> dict[str, Any]:
        """The widget's own synced values, as the page module receives them."""
        names = sorted(set(self.trait_names(sync=True)) - _BASE_TRAITS)
        return {name: getattr(self, name) for name in names if not name.startswith("_")}

    def fallback_html(self) -> str:
        """What a reader without JavaScript sees (and what text-only builds keep)."""
        return "<p>This interactive needs JavaScript.</p>"

    def to_html(self) -> str:
        return (
            f'<div class="{WIDGET_CLASS}" data-widget="{html.escape(self.asset_name)}">'
            f'<script type="application/json">{script_json(self.state())}</script>'
            f"{self.fallback_html()}</div>"
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict, dict]:
        data, metadata = super()._repr_mimebundle_(**kwargs)
        return {**data, "text/html": self.to_html()}, metadata


class CalculatorWidget(BookWidget):
    """A calculator: every input is a synced trait holding what the reader typed (text) or what Python set
    (a number), and ``result`` is always the math's ``calculate`` of them, recomputed whenever one changes,
    so in JupyterLab the page shows what Python computed."""

    input_names: ClassVar[tuple[str, ...]]  # the inputs ``calculate`` reads, in the order the page shows them
    calculate: ClassVar[Callable[[Mapping[str, Any]], dict[str, Any]]]  # the math (a staticmethod)

    result = traitlets.Dict().tag(sync=True)

    def __init__(self, **traits: Any) -> None:
        super().__init__(**traits)
        self.observe(self._recompute, names=list(self.input_names))
        self._recompute()

    @classmethod
    def refuse_unknown(cls, overrides: Mapping[str, Any]) -> None:
        unknown = sorted(set(overrides) - set(cls.input_names))
        if unknown:
            raise TypeError(f"{cls.__name__}() got unknown inputs {unknown}; known: {', '.join(cls.input_names)}")

    def inputs(self) -> dict[str, Any]:
        """What ``calculate`` receives: the boxes' values, nothing else."""
        return {name: getattr(self, name) for name in self.input_names}

    def _recompute(self, change: Any = None) -> None:
        self.result = self.calculate(self.inputs())


def calculator_fallback(
    prefix: str,
    spec: Mapping[str, Any],
    out: Mapping[str, Any],
    rows: Callable[[], list[tuple[str, str]]],
    notes: list[tuple[str, str]],
) -> str:
    """A calculator's page for a reader without JavaScript: its figures (or its problem) and warnings,
    then its notes as (class suffix, text). Class names start with the widget's ``prefix``."""
    if not out.get("ok"):
        body = f'<p class="{prefix}-error">{html.escape(out["error"]["message"])}</p>'
    else:
        cells = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in rows())
        body = f"<dl>{cells}</dl>"
        if out["warnings"]:
            items = "".join(f"<li>{html.escape(w['message'])}</li>" for w in out["warnings"])
            body += f'<ul class="{prefix}-warnings">{items}</ul>'
    tail = "".join(f'<p class="{prefix}-{kind}">{html.escape(text)}</p>' for kind, text in notes)
    return (
        f'<div class="{prefix}-fallback">'
        f"<p><strong>{html.escape(spec['title'])}</strong> {html.escape(spec['fallback_intro'])}</p>{body}{tail}</div>"
    )
