"""The base of every interactive: a real anywidget in JupyterLab, a live page element in the book.

A subclass names its ES module files (joined into one module, so the calculator can put the
shared math in front of its UI) and optionally a CSS file, all beside its Python file. Its mime
bundle adds a ``text/html`` placeholder holding the widget's state; the book ranks that above the
widget view, and ``static/widget-host.js`` runs the same module on it without a kernel.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import anywidget
import ipywidgets

from ..display import script_json

WIDGET_CLASS = "explainer-widget"
_BASE_TRAITS = frozenset(ipywidgets.DOMWidget.class_trait_names()) | {"_esm", "_css", "_anywidget_id"}


class BookWidget(anywidget.AnyWidget):
    asset_name: ClassVar[str]
    esm_files: ClassVar[tuple[str, ...]]
    css_file: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        if "esm_files" in cls.__dict__:
            cls._esm = cls.esm_text()
            if cls.css_text():
                cls._css = cls.css_text()
        super().__init_subclass__(**kwargs)

    @classmethod
    def _dir(cls) -> Path:
        import sys

        return Path(sys.modules[cls.__module__].__file__).parent

    @classmethod
    def esm_text(cls) -> str:
        return _read_joined(tuple((cls._dir() / f).resolve() for f in cls.esm_files))

    @classmethod
    def css_text(cls) -> str:
        return _read_joined(((cls._dir() / cls.css_file).resolve(),)) if cls.css_file else ""

    def state(self) -> dict[str, Any]:
        """The widget's own synced values, as the page module receives them."""
        names = sorted(set(self.trait_names(sync=True)) - _BASE_TRAITS)
        return {name: getattr(self, name) for name in names if not name.startswith("_")}

    def fallback_html(self) -> str:
        """What a reader without JavaScript sees (and what text-only builds keep)."""
        return "<p>This interactive needs JavaScript, and a web server: it does not start from a file opened on disk.</p>"

    def to_html(self) -> str:
        return (
            f'<div class="{WIDGET_CLASS}" data-widget="{html.escape(self.asset_name)}">'
            f'<script type="application/json">{script_json(self.state())}</script>'
            f"{self.fallback_html()}</div>"
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict, dict]:
        data, metadata = super()._repr_mimebundle_(**kwargs)
        return {**data, "text/html": self.to_html()}, metadata


@cache
def _read_joined(paths: tuple[Path, ...]) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in paths)
