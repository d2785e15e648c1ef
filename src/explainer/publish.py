"""Sphinx extension that makes the book's interactives work in static HTML, offline.

Notebook outputs carry a kernel-free HTML rendering (see ``display.py`` and ``widgets/base.py``).
This extension ships the JavaScript those renderings need into ``_static/`` and adds it only to the
pages that use it, once per page. Nothing is ever loaded from another host.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from . import __version__
from .display import FIGURE_CLASS, PLOTLY_JS, PLOTLY_MIME
from .myst import grade_css
from .widgets import WIDGET_CLASS, all_widgets

STATIC_SRC = Path(__file__).parent / "static"
OUT_DIR = "explainer"  # under _static/
WIDGET_STATE_TYPE = "application/vnd.jupyter.widget-state+json"


def _page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    body = context.get("body", "")
    # MyST-NB embeds every widget's state (with its whole ES module) for the ipywidgets
    # html-manager, which this book does not load; the HTML renderings carry what they need.
    # Filtered in place: the builder appends this page's extra files to the same list.
    scripts = context["script_files"]
    scripts[:] = [js for js in scripts if js.attributes.get("type") != WIDGET_STATE_TYPE]
    if FIGURE_CLASS in body:
        app.add_js_file(f"vendor/{PLOTLY_JS}")
        app.add_js_file(f"{OUT_DIR}/figures.js")
    if WIDGET_CLASS in body:
        for widget in all_widgets():
            if widget.css_text() and f'data-widget="{widget.asset_name}"' in body:
                app.add_css_file(f"{OUT_DIR}/widgets/{widget.asset_name}.css")
        app.add_js_file(f"{OUT_DIR}/widget-host.js", type="module")


def _write_static(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir) / "_static" / OUT_DIR
    (out / "widgets").mkdir(parents=True, exist_ok=True)
    for src in STATIC_SRC.glob("*.js"):
        _write_if_changed(out / src.name, src.read_text(encoding="utf-8"))
    _write_if_changed(out / "grades.css", grade_css())
    for widget in all_widgets():
        # The same ES module text anywidget sends to JupyterLab, so both homes run one code.
        _write_if_changed(out / "widgets" / f"{widget.asset_name}.js", widget.esm_text())
        if widget.css_text():
            _write_if_changed(out / "widgets" / f"{widget.asset_name}.css", widget.css_text())
    _finish_pages(Path(app.outdir))


# Only the book's own origin may supply scripts, styles, images, fonts or connections, so a stray
# CDN reference is refused by the reader's browser itself. The few inline scripts and styles the
# theme writes are allowed one by one by their hash; data: images are the theme's inline SVG icons.
CSP = ("default-src 'self'; script-src 'self'{scripts}; style-src 'self'{styles}; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_DATA_TYPE = re.compile(r"""type=["'](?!text/javascript|module)""", re.I)
_INLINE_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S | re.I)
_STYLE_ATTR = re.compile(r"""\sstyle=(?:"([^"]*)"|'([^']*)')""", re.I)


def _sources(texts: set[str]) -> str:
    return "".join(sorted(f" 'sha256-{base64.b64encode(hashlib.sha256(t.encode()).digest()).decode()}'" for t in texts))


def content_security_policy(page: str) -> str:
    scripts = {body for attrs, body in _INLINE_SCRIPT.findall(page) if not _DATA_TYPE.search(attrs)}
    styles = set(_INLINE_STYLE.findall(page))
    if FIGURE_CLASS in page:
        styles.add("")  # plotly.js adds an empty <style> and fills it through the CSSOM, which CSP allows
    attrs = {html.unescape(a or b) for a, b in _STYLE_ATTR.findall(page)}
    styles_src = _sources(styles | attrs) + (" 'unsafe-hashes'" if attrs else "")
    return CSP.format(scripts=_sources(scripts), styles=styles_src)


def _finish_pages(outdir: Path) -> None:
    """Last touches on the written HTML: the policy (which needs the final markup to hash) and
    an ARIA level on Sphinx's toctree captions, which carry role="heading" without one."""
    for path in outdir.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        if 'http-equiv="Content-Security-Policy"' in page:
            continue  # not rewritten by this build
        page = page.replace('role="heading">', 'role="heading" aria-level="2">')
        meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(page)}">'
        path.write_text(page.replace("<head>", f"<head>\n    {meta}", 1), encoding="utf-8")


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


class PlotlyMimeRenderer:
    """Tells MyST-NB the plotly mime type is known: the figure's ``text/html`` twin is what the book shows."""

    mime_priority_overrides = [("*", PLOTLY_MIME, None)]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list | None:
        return [] if data.mime_type == PLOTLY_MIME else None


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _page_assets, priority=900)
    app.connect("build-finished", _write_static)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


# Warnings, broken references and failing cells all fail the build: a book that "builds" with a
# missing figure is worse than one that does not build.
BUILD_FLAGS = ("--builder", "html", "--warningiserror", "--nitpick", "--keep-going", "--quiet")


def _digest(paths: list[Path], base: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


_PAGE_SUFFIXES = {".ipynb", ".md", ".js", ".css", ".svg", ".txt"}
_NOT_PAGES = {"_build", "node_modules", "src", "tests"}


def fingerprints(source: Path) -> dict[str, str]:
    """What the built book depends on, in two parts.

    ``package``: this package (content files, math, charts, widgets) and the book's configuration.
    Jupyter Book's execution cache keys on a notebook's code only, so when this moves every
    notebook must run again. ``pages``: the notebooks, prose pages and static files.
    """
    package = Path(__file__).parent
    code = [p for p in package.rglob("*") if p.suffix in {".py", ".js", ".css", ".yaml"} and "__pycache__" not in p.parts]
    config = [source / n for n in ("_config.yml", "_toc.yml") if (source / n).exists()]
    pages = []
    for folder, dirs, files in os.walk(source):
        # Pruned while walking: .venv and node_modules alone hold tens of thousands of files.
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in _NOT_PAGES]
        pages += [Path(folder, f) for f in files if Path(f).suffix in _PAGE_SUFFIXES]
    return {"package": _digest(code, package) + _digest(config, source), "pages": _digest(pages, source)}


def build_book(source: Path | str = ".", *, capture: bool = False) -> subprocess.CompletedProcess:
    """Build the static book in ``<source>/_build/html`` with the project's strict flags.

    Like make, it does nothing when no input changed since the last successful build.
    """
    source = Path(source)
    stamp = source / "_build" / ".explainer-fingerprints.json"
    current = fingerprints(source)
    last = json.loads(stamp.read_text()) if stamp.exists() else {}
    if last == current and (source / "_build" / "html" / "index.html").exists():
        return subprocess.CompletedProcess([], 0, "The book is up to date.\n", "")
    flags = BUILD_FLAGS
    if last.get("package") != current["package"]:
        shutil.rmtree(source / "_build" / ".jupyter_cache", ignore_errors=True)
        flags = (*flags, "--all")
    cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(source), *flags]
    result = subprocess.run(cmd, capture_output=capture, text=True, check=False)
    if result.returncode == 0:
        stamp.write_text(json.dumps(current))
    return result


if __name__ == "__main__":
    outcome = build_book(sys.argv[1] if len(sys.argv) > 1 else ".")
    print(outcome.stdout or "", end="")
    sys.exit(outcome.returncode)
