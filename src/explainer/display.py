"""How figures leave the kernel: one output that works in JupyterLab and in the static book.

Plotly's default renderer emits only its own mime type, which the book build drops. A ``Figure``
here carries both: the plotly mime type (JupyterLab renders it natively) and a small HTML block with
the figure's JSON that ``static/figures.js`` draws with the book's vendored plotly.js (named in
``data-plotly``; it loads it when a chart comes near). The HTML holds no script to run, so one copy of
plotly.js serves every figure on a page and a strict content security policy needs no exceptions. The
book adds a still picture of each figure (``picture.py``) that shows until plotly draws.
"""

from __future__ import annotations

import html
import json
from typing import Any

import plotly.graph_objects as go

FIGURE_CLASS = "explainer-plotly"
PLOTLY_JS = "plotly-basic-4.1.1.min.js"  # book/_static/vendor/, the smallest bundle covering our traces
PLOTLY_MIME = "application/vnd.plotly.v1+json"
CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script type="application/json"> element."""
    # allow_nan=False: NaN or Infinity would make the page's JSON.parse fail and the figure or widget vanish.
    return json.dumps(value, separators=(",", ":"), allow_nan=False).replace("</", "<\\/").replace("<!--", "<\\!--")


class Figure:
    """A plotly figure with a text alternative, shown the same way in JupyterLab and the book."""

    def __init__(self, fig: go.Figure, alt: str):
        if not alt.strip():
            raise ValueError("every figure needs a text alternative")
        self.fig = fig
        self.alt = alt

    def spec(self) -> dict[str, Any]:
        # Imported here: plotly.io picks its renderer on import, by the kernel it finds, so the build's kernel
        # zygote (explainer.kernel) can preload this module only if plotly.io waits for the first figure.
        import plotly.io as pio

        spec = json.loads(pio.to_json(self.fig, validate=False))
        spec["config"] = CONFIG
        return spec

    def to_html(self) -> str:
        return (
            # The text alternative is the paragraph inside, read once: no aria-label repeating it.
            f'<div class="{FIGURE_CLASS}" role="figure" data-plotly="{PLOTLY_JS}">'
            f'<script type="application/json">{script_json(self.spec())}</script>'
            f'<p class="explainer-figure-alt">{html.escape(self.alt)}</p></div>'
        )

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        return {PLOTLY_MIME: self.spec(), "text/html": self.to_html(), "text/plain": self.alt}
