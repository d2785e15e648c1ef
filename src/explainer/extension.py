"""Sphinx extension that makes the book's interactives work in static HTML, offline.

Notebook outputs carry a kernel-free HTML rendering (see ``display.py`` and ``widgets/base.py``).
This extension hands the JavaScript and CSS those renderings need to Sphinx as a static path (Sphinx
copies it to ``_static/``) and adds each file, through Sphinx's asset API, only to the pages that
use it, once per page. Nothing is ever loaded from another host. A page with figures gets each one's still
picture (``picture.py``; plotly.js itself is loaded by ``figures.js`` when a chart comes near), every page
a meta description from its own first paragraph, and at the end ``minify.py`` minifies what ships.

Plotly's mime type: ``_config.yml`` ranks it out of the book (``nb_mime_priority_overrides``), so the
book shows each figure's ``text/html`` twin. MyST-NB still renders every mime type of an output while
parsing, before that ranking, and warns on one it does not know; the only way to make a type known is
a ``myst_nb.mime_renderers`` entry point (no configuration value does it), so ``PlotlyMimeRenderer``
stays, registered in ``pyproject.toml``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from . import __version__
from .content import available_compounds, load_compound
from .display import FIGURE_CLASS, PLOTLY_MIME
from .myst import grade_css
from .picture import prune_pictures, with_pictures
from .widgets import WIDGET_CLASS, all_widgets

STATIC_SRC = Path(__file__).parent / "static"
OUT_DIR = "explainer"  # under _static/
WIDGET_STATE_TYPE = "application/vnd.jupyter.widget-state+json"


def staging_dir(app: Sphinx) -> Path:
    """Where the generated assets wait for Sphinx to copy them: beside the doctrees, outside the output."""
    return Path(app.doctreedir).parent / "explainer-static"


def _write_if_changed(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def _stage_assets(app: Sphinx, config: Config) -> None:
    """Write every asset to the staging folder and add it to ``html_static_path``.

    At config-inited, before Sphinx compares the configuration with the last build's, so the added
    path (the same every build) never makes Sphinx think the configuration moved.
    """
    stage = staging_dir(app)
    out = stage / OUT_DIR
    written = {_write_if_changed(out / src.name, src.read_text(encoding="utf-8")) for src in STATIC_SRC.glob("*.js")}
    written.add(_write_if_changed(out / "grades.css", grade_css()))
    for widget in all_widgets():
        # The same ES module text anywidget sends to JupyterLab, so both homes run one code.
        written.add(_write_if_changed(out / "widgets" / f"{widget.asset_name}.js", widget.esm_text()))
        if widget.css_text():
            written.add(_write_if_changed(out / "widgets" / f"{widget.asset_name}.css", widget.css_text()))
    for left in [p for p in stage.rglob("*") if p.is_file() and p not in written]:
        left.unlink()  # a renamed or removed widget's old module must not ship
    if str(stage) not in config.html_static_path:
        config.html_static_path.append(str(stage))


def _page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    body = context.get("body", "")
    # MyST-NB embeds every widget's state (with its whole ES module) for the ipywidgets
    # html-manager, which this book does not load; the HTML renderings carry what they need.
    # Filtered in place: the builder appends this page's extra files to the same list.
    scripts = context["script_files"]
    scripts[:] = [js for js in scripts if js.attributes.get("type") != WIDGET_STATE_TYPE]
    if FIGURE_CLASS in body:
        # plotly.js itself is loaded by figures.js when a chart comes near; the picture shows until then.
        context["body"] = with_pictures(body, Path(app.outdir), context["pathto"]("_static/", 1))
        app.add_js_file(f"{OUT_DIR}/figures.js")
    if WIDGET_CLASS in body:
        for widget in all_widgets():
            if widget.css_text() and f'data-widget="{widget.asset_name}"' in body:
                app.add_css_file(f"{OUT_DIR}/widgets/{widget.asset_name}.css")
        app.add_js_file(f"{OUT_DIR}/widget-host.js", type="module")


DESCRIPTION_CHARS = 160  # about what a search result shows
CHAPTER_LEAD = "In this chapter:"
# Pages with no paragraph of their own (Sphinx's search and index pages); "{book}" is the book's title.
OWN_DESCRIPTIONS = {
    "search": "Search the whole of {book}: every chapter, the glossary and the references.",
    "genindex": "The index of {book}: the terms the glossary defines and where the book uses them.",
}


def page_description(body: str, title: str, book: str, pagename: str = "", subject: str = "") -> str:
    """A page's meta description: its first paragraph after its heading, which on a chapter page is the
    chapter's overview ("In this chapter: ..."), led by the chapter's ``subject`` (its compound) when the
    overview does not name it; cut at a word near 160 characters."""
    if pagename in OWN_DESCRIPTIONS:
        return OWN_DESCRIPTIONS[pagename].format(book=book)
    heading = body.find("</h1>")
    found = re.search(r"<p>(.*?)</p>", body[heading:] if heading >= 0 else body, re.S)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).split()) if found else ""
    if text.startswith(CHAPTER_LEAD):
        text = text[len(CHAPTER_LEAD):].strip()
        text = f"{subject}: {text}" if subject and subject not in text else text[:1].upper() + text[1:]
    return clip_description(text or f"{title}, part of {book}.")


def clip_description(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > DESCRIPTION_CHARS:
        text = text[:DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"
    return text


def _describe(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    title = html.unescape(re.sub(r"<[^>]+>", "", context.get("title") or ""))
    parts = pagename.split("/")  # a compound's chapters are notebooks/<compound>/<chapter>
    subject = ""
    if len(parts) == 3 and parts[0] == "notebooks" and parts[1] in available_compounds():
        subject = load_compound(parts[1]).identity.name
    text = page_description(context.get("body", ""), title, app.config.html_title, pagename, subject)
    context["metatags"] = context.get("metatags", "") + f'\n    <meta name="description" content="{html.escape(text)}">'


def _prune(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        prune_pictures(Path(app.outdir))


class PlotlyMimeRenderer:
    """Makes the plotly mime type known to MyST-NB, rendering nothing (the ranking lives in _config.yml)."""

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list | None:
        return [] if data.mime_type == PLOTLY_MIME else None


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("explainer.slides")  # the chapter decks and handouts, written after the pages
    app.setup_extension("explainer.minify")  # the shipped CSS and JavaScript, minified at the end
    app.connect("config-inited", _stage_assets)
    app.connect("html-page-context", _page_assets, priority=900)
    app.connect("html-page-context", _describe)
    app.connect("build-finished", _prune, priority=600)  # after the decks (500) have linked theirs
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
