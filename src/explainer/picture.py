"""A still picture of a plotly figure, as SVG, drawn from the same figure dict plotly.js draws.

The book shows this picture until plotly.js is loaded (``static/figures.js`` loads it only when a chart
comes near the viewport or the reader reaches for it), and it is what readers without JavaScript, print
and a deck's first paint see. Plotly's own image export would need kaleido and a Chromium at build time
(for ``make book`` and the publish workflow too) and takes about a second a chart; matplotlib is not in
the environment and would draw a different chart from a second description of it. This writer reads the
plotly dict itself, so the picture cannot drift from the chart: it covers what the book's figures use
(horizontal bars with a base and patterns, scatter markers with text, dashed lines, annotations, linear
and log axes with tick values, button menus) and draws each in plotly's layout arithmetic. Everything is
a presentation attribute: the file carries no ``style``, no script, and is loaded as an image (``<img>``),
under the book's policy (``img-src 'self'``).
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
from pathlib import Path
from typing import Any

from .display import FIGURE_CLASS

LINE = 1.3  # plotly's line height, in font sizes
TAG = re.compile(r"<br\s*/?>", re.I)
NARROW, WIDE = 380, 720  # a phone's chart width, and the book's content column
WIDE_FROM = "(min-width: 800px)"  # a viewport whose content column holds the wide picture
FIGURES_DIR = "explainer/figures"  # under _static/
FIGURE = re.compile(r'(<div class="' + FIGURE_CLASS + r'"[^>]*>)<script type="application/json">(.*?)</script>', re.S)


def _lines(text: Any) -> list[str]:
    return [re.sub(r"<[^>]+>", "", part) for part in TAG.split(str(text))]


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _get(d: dict | None, *keys: str, default: Any = None) -> Any:
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return default
        d = d[k]
    return d


def _at(value: Any, i: int, default: Any = None) -> Any:
    if isinstance(value, list | tuple):
        return value[i] if i < len(value) else default
    return default if value is None else value


class Axis:
    """One axis: data value to pixel, and its ticks."""

    def __init__(self, spec: dict, lo_px: float, hi_px: float, values: list[float]) -> None:
        self.spec = spec
        self.log = spec.get("type") == "log"
        rng = spec.get("range")
        if rng is None:
            data = [self._t(v) for v in values] or [0.0, 1.0]
            pad = (max(data) - min(data)) * 0.06 or 1.0
            rng = [min(data) - pad, max(data) + pad]
        self.r0, self.r1 = float(rng[0]), float(rng[1])
        self.lo_px, self.hi_px = lo_px, hi_px

    def _t(self, v: float) -> float:
        return math.log10(v) if self.log else float(v)

    def px(self, v: float) -> float:
        return self.lo_px + (self._t(v) - self.r0) / (self.r1 - self.r0) * (self.hi_px - self.lo_px)

    def ticks(self) -> list[tuple[float, str]]:
        suffix = self.spec.get("ticksuffix", "")
        if self.spec.get("tickvals") is not None:
            vals = list(self.spec["tickvals"])
            text = self.spec.get("ticktext") or [_num(v) for v in vals]
            return [(v, f"{t}{suffix}") for v, t in zip(vals, text, strict=False)]
        lo, hi = sorted((self.r0, self.r1))
        step = self.spec.get("dtick") or _nice_step((hi - lo) / 6)
        first = math.ceil(lo / step) * step
        count = int((hi - first) / step + 1e-9) + 1
        return [(first + i * step, f"{_num(first + i * step)}{suffix}") for i in range(count)]


def _nice_step(raw: float) -> float:
    if raw <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(raw))
    return next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)


def _num(v: float) -> str:
    return f"{v:.10g}" if v != int(v) else str(int(v))


class Picture:
    """Builds the SVG text of one figure at one width."""

    def __init__(self, spec: dict, width: int) -> None:
        self.data = spec.get("data", [])
        self.layout = spec.get("layout", {})
        self.w = width
        self.h = int(self.layout.get("height") or 420)
        m = {"l": 80, "r": 80, "t": 100, "b": 80, **(self.layout.get("margin") or {})}
        self.left, self.right = m["l"], width - m["r"]
        self.top, self.bottom = m["t"], self.h - m["b"]
        self.font = _get(self.layout, "font", "family", default="sans-serif")
        self.ink = _get(self.layout, "font", "color", default="#444")
        self.size = _get(self.layout, "font", "size", default=12)
        xs, ys = self._values("x"), self._values("y")
        self.x = Axis(self.layout.get("xaxis", {}), self.left, self.right, xs)
        self.y = Axis(self.layout.get("yaxis", {}), self.bottom, self.top, ys)
        self.defs: list[str] = []
        self.out: list[str] = []

    def _values(self, key: str) -> list[float]:
        vals = []
        for t in self.data:
            base = t.get("base") if key == "x" else None
            for i, v in enumerate(t.get(key) or []):
                if isinstance(v, int | float):
                    vals.append(v + (_at(base, i, 0) or 0))
        return vals

    # ------------------------------------------------------------------ primitives

    def text(self, x: float, y: float, text: Any, *, size: float | None = None, colour: str | None = None,
             anchor: str = "start", valign: str = "middle", weight: str = "") -> None:
        """Multi-line text: ``y`` is the block's top, middle or bottom (``valign``)."""
        size = size or self.size
        lines = _lines(text)
        step = size * LINE
        block = step * len(lines)
        top = {"top": y, "middle": y - block / 2, "bottom": y - block}[valign]
        spans = "".join(f'<tspan x="{x:.1f}" y="{top + step * (i + 0.78):.1f}">{_esc(line)}</tspan>'
                        for i, line in enumerate(lines))
        bold = f' font-weight="{weight}"' if weight else ""
        self.out.append(f'<text font-size="{size}" fill="{_esc(colour or self.ink)}" text-anchor="{anchor}"{bold}>'
                        f"{spans}</text>")

    def marker(self, cx: float, cy: float, symbol: str, size: float, fill: str, line: dict, opacity: float) -> None:
        r = size / 2 * (1.3 if symbol.startswith(("diamond", "triangle")) else 1)  # as plotly sizes them
        hollow = symbol.endswith("-open")
        symbol = symbol.removesuffix("-open")
        stroke_w = line.get("width", 0) or 0
        stroke = line.get("color", fill) if stroke_w else "none"
        if hollow:
            fill, stroke, stroke_w = "none", fill if not line.get("color") else line["color"], max(stroke_w, 1)
        paint = (f'fill="{_esc(fill)}" stroke="{_esc(stroke)}" stroke-width="{stroke_w}"'
                 + (f' opacity="{opacity}"' if opacity < 1 else ""))
        if symbol == "diamond":
            pts = [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)]
        elif symbol == "triangle-right":
            pts = [(cx + r, cy), (cx - r, cy - r), (cx - r, cy + r)]
        else:
            self.out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" {paint}/>')
            return
        self.out.append(f'<polygon points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in pts)}" {paint}/>')

    def pattern(self, colour: str, opacity: float, size: float) -> str:
        pid = f"p{len(self.defs)}"
        self.defs.append(
            f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="{size}" height="{size}">'
            f'<path d="M0,{size} L{size},0" stroke="{_esc(colour)}" stroke-opacity="{opacity}" stroke-width="1.5"/>'
            "</pattern>")
        return f"url(#{pid})"

    # ------------------------------------------------------------------ the figure

    def axes(self) -> None:
        for axis, horizontal in ((self.x, True), (self.y, False)):
            spec = axis.spec
            grid = spec.get("gridcolor", "#eee")
            tick_size = _get(spec, "tickfont", "size", default=self.size)
            tick_colour = _get(spec, "tickfont", "color", default=self.ink)
            lo, hi = sorted((axis.r0, axis.r1))
            for value, label in axis.ticks():
                t = axis._t(value)
                if not lo - 1e-9 <= t <= hi + 1e-9:
                    continue
                p = axis.px(value)
                if spec.get("showgrid", True):
                    x1, y1, x2, y2 = (p, self.top, p, self.bottom) if horizontal else (self.left, p, self.right, p)
                    self.out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                                    f'stroke="{_esc(grid)}" stroke-width="1"/>')
                if spec.get("showticklabels", True):
                    if horizontal:
                        self.text(p, self.bottom + 4, label, size=tick_size, colour=tick_colour, anchor="middle",
                                  valign="top")
                    else:
                        self.text(self.left - 4, p, label, size=tick_size, colour=tick_colour, anchor="end")
            title = spec.get("title") or {}
            if title.get("text") and horizontal:
                self.text((self.left + self.right) / 2, self.bottom + tick_size * LINE + 14, title["text"],
                          size=_get(title, "font", "size", default=self.size), anchor="middle", valign="top")

    def bar(self, t: dict) -> None:
        marker = t.get("marker") or {}
        half = (t.get("width") or 0.8) / 2
        for i, length in enumerate(t.get("x") or []):
            start = _at(t.get("base"), i, 0) or 0
            y = t["y"][i]
            x0, x1 = self.x.px(start if not self.x.log or start > 0 else 10 ** self.x.r0), self.x.px(start + length)
            y0, y1 = sorted((self.y.px(y - half), self.y.px(y + half)))
            colour = _at(marker.get("color"), i, "#888")
            pattern = marker.get("pattern") or {}
            box = f'x="{min(x0, x1):.1f}" y="{y0:.1f}" width="{abs(x1 - x0):.1f}" height="{y1 - y0:.1f}"'
            self.out.append(f'<rect {box} fill="{_esc(colour)}"/>')
            if pattern.get("shape"):
                fill = self.pattern(pattern.get("fgcolor", colour), pattern.get("fgopacity", 1), pattern.get("size", 8))
                self.out.append(f'<rect {box} fill="{fill}"/>')
            label = _at(t.get("text"), i)
            if label and t.get("textposition") == "outside":
                self.text(max(x0, x1) + 4, (y0 + y1) / 2, label, size=_get(t, "textfont", "size"),
                          colour=_get(t, "textfont", "color"))

    def scatter(self, t: dict) -> None:
        mode = t.get("mode", "markers")
        xs, ys = t.get("x") or [], t.get("y") or []
        pts = [(self.x.px(x), self.y.px(y)) for x, y in zip(xs, ys, strict=False)]
        if "lines" in mode and len(pts) > 1:
            line = t.get("line") or {}
            dash = ' stroke-dasharray="6,4"' if line.get("dash") in ("dash", "dot", "dashdot") else ""
            stroke = f'stroke="{_esc(line.get("color", self.ink))}" stroke-width="{line.get("width", 2)}"{dash}'
            self.out.append(f'<polyline points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in pts)}" fill="none" {stroke}/>')
        marker = t.get("marker") or {}
        for i, (px, py) in enumerate(pts):
            size = _at(marker.get("size"), i, 6)
            if "markers" in mode:
                self.marker(px, py, _at(marker.get("symbol"), i, "circle"), size, _at(marker.get("color"), i, "#888"),
                            marker.get("line") or {}, _at(marker.get("opacity"), i, 1))
            label = _at(t.get("text"), i)
            if "text" in mode and label:
                where = t.get("textposition", "middle center")
                gap = size / 2 + 3
                valign, dy = ("bottom", -gap) if where.startswith("top") else ("top", gap) \
                    if where.startswith("bottom") else ("middle", 0)
                self.text(px, py + dy, label, size=_get(t, "textfont", "size"), colour=_get(t, "textfont", "color"),
                          anchor="middle", valign=valign)

    def annotation(self, a: dict) -> None:
        x = (self.left + a.get("x", 0) * (self.right - self.left) if a.get("xref") == "paper"
             else self.x.px(a.get("x", 0))) + a.get("xshift", 0)
        y = (self.bottom - a.get("y", 0) * (self.bottom - self.top) if a.get("yref") == "paper"
             else self.y.px(a.get("y", 0))) - a.get("yshift", 0)
        anchor = {"left": "start", "right": "end"}.get(a.get("xanchor", "center"), "middle")
        valign = {"bottom": "bottom", "top": "top"}.get(a.get("yanchor", "middle"), "middle")
        self.text(x, y, a.get("text", ""), size=_get(a, "font", "size"), colour=_get(a, "font", "color"),
                  anchor=anchor, valign=valign)

    def menu(self, m: dict) -> None:
        size = _get(m, "font", "size", default=self.size)
        x = self.left + m.get("x", 0) * (self.right - self.left)
        bottom = self.bottom - m.get("y", 1) * (self.bottom - self.top)
        height = size * LINE + 8
        for i, b in enumerate(m.get("buttons", [])):
            width = len(b.get("label", "")) * size * 0.55 + 16
            active = i == m.get("active", 0)
            paint = f'fill="{_esc(m.get("bgcolor", "none"))}" stroke="{_esc(m.get("bordercolor", self.ink))}"'
            self.out.append(f'<rect x="{x:.1f}" y="{bottom - height:.1f}" width="{width:.1f}" height="{height:.1f}" '
                            f'rx="3" {paint} stroke-width="{2 if active else 1}"/>')
            self.text(x + width / 2, bottom - height / 2, b.get("label", ""), size=size,
                      colour=_get(m, "font", "color"), anchor="middle")
            x += width + 4

    def svg(self, label: str = "") -> str:
        self.axes()
        for t in self.data:
            if t.get("visible", True) is not True:
                continue
            (self.bar if t.get("type") == "bar" else self.scatter)(t)
        for a in self.layout.get("annotations") or []:
            self.annotation(a)
        for m in self.layout.get("updatemenus") or []:
            self.menu(m)
        title = self.layout.get("title") or {}
        if title.get("text"):
            self.text(2, self.h * (1 - title.get("y", 0.98)), title["text"],
                      size=_get(title, "font", "size", default=self.size + 4), valign="top")
        defs = f"<defs>{''.join(self.defs)}</defs>" if self.defs else ""
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.w}" height="{self.h}" '
                f'viewBox="0 0 {self.w} {self.h}" preserveAspectRatio="xMinYMin meet" '
                f'font-family="{_esc(self.font)}" role="img" aria-label="{_esc(label)}">'
                f"{defs}{''.join(self.out)}</svg>\n")


def figure_svg(spec: dict, width: int = WIDE, label: str = "") -> str:
    """The figure (plotly's dict: data and layout) as a standalone SVG document ``width`` pixels wide."""
    return Picture(spec, width).svg(label)


def with_pictures(page: str, outdir: Path, static_url: str) -> str:
    """The page (HTML) with a still picture after each figure's JSON: a phone-width and a column-width
    SVG, written under ``outdir/_static/explainer/figures/`` (named by their content, so a page rebuilt
    without change writes nothing) and linked through ``static_url`` (the page's way to ``_static/``).
    Both are as tall as the chart plotly draws, so nothing moves when it takes the picture's place."""
    folder = outdir / "_static" / FIGURES_DIR

    def picture(match: re.Match) -> str:
        spec = json.loads(match.group(2))
        height = int(spec.get("layout", {}).get("height") or 420)
        urls = {}
        for width in (NARROW, WIDE):
            svg = figure_svg(spec, width)
            name = f"{hashlib.sha256(svg.encode()).hexdigest()[:20]}.svg"
            path = folder / name
            if not path.exists():
                folder.mkdir(parents=True, exist_ok=True)
                path.write_text(svg, encoding="utf-8")
            urls[width] = f"{static_url}{FIGURES_DIR}/{name}"
        return (f'{match.group(0)}<picture class="explainer-figure-picture">'
                f'<source media="{WIDE_FROM}" srcset="{urls[WIDE]}" width="{WIDE}" height="{height}">'
                f'<img src="{urls[NARROW]}" width="{NARROW}" height="{height}" alt="" loading="lazy" '
                'decoding="async"></picture>')

    return FIGURE.sub(picture, page)


def prune_pictures(outdir: Path) -> list[Path]:
    """Remove the pictures no page links to any more (a chart whose data changed leaves its old ones)."""
    folder = outdir / "_static" / FIGURES_DIR
    if not folder.is_dir():
        return []
    linked = {m for page in outdir.rglob("*.html")
              for m in re.findall(FIGURES_DIR + r'/([0-9a-f]+\.svg)', page.read_text(encoding="utf-8"))}
    gone = [p for p in folder.glob("*.svg") if p.name not in linked]
    for p in gone:
        p.unlink()
    return gone
