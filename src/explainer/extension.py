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

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import __version__
from .charts.palette import grade_css
from .collection import read_config
from .describe import meta_tag, page_description
from .display import FIGURE_CLASS, PLOTLY_MIME
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
        # Built from the same source as the ES module anywidget sends to JupyterLab, so both homes run one
        # code; a classic script, which Chromium also runs on a page opened from disk.
        written.add(_write_if_changed(out / "widgets" / f"{widget.asset_name}.js", widget.classic_text()))
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
        app.add_js_file(f"{OUT_DIR}/widget-host.js", defer="defer")


class UniqueWrapperIds(SphinxPostTransform):
    """Furo wraps each table (and display math) in a ``div`` to scroll it, copying the table's attributes,
    ids included, onto the wrapper, so a captioned table's id appears twice on its page. The id stays on the
    table alone: ids are unique again, and a link to the table still lands on the table."""

    formats = ("html",)
    default_priority = 501  # just after furo's WrapTableAndMathInAContainerTransform (500)

    def run(self, **kwargs: Any) -> None:
        for wrapper in self.document.findall(nodes.container):
            if {"table-wrapper", "math-wrapper"} & set(wrapper["classes"]) and wrapper.children:
                inner = set(wrapper.children[0].get("ids", []))
                wrapper["ids"] = [i for i in wrapper["ids"] if i not in inner]


class RawLinkTargets(SphinxPostTransform):
    """MyST-Parser stores a link's address HTML-escaped ('?a=1&amp;b=2') and Sphinx escapes it again, so a
    query string with '&' would break (MyST-Parser issue #760, fixed upstream by PR #1126). The address goes
    back to the raw URL the data gives; the HTML writer escapes it once."""

    formats = ("html",)
    default_priority = 800  # after the references are resolved, before the page is written

    def run(self, **kwargs: Any) -> None:
        for ref in self.document.findall(nodes.reference):
            if "&amp;" in ref.get("refuri", ""):
                ref["refuri"] = ref["refuri"].replace("&amp;", "&")


def _describe(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    title = html.unescape(re.sub(r"<[^>]+>", "", context.get("title") or ""))
    parts = pagename.split("/")  # a compound's chapters are notebooks/<compound>/<chapter>
    subject = ""
    if len(parts) == 3 and parts[0] == "notebooks":
        subject = next((c.identity.name for c in read_config().loaded() if c.id == parts[1]), "")
    text = page_description(context.get("body", ""), title, app.config.html_title, pagename, subject)
    context["metatags"] = context.get("metatags", "") + f"\n    {meta_tag(text)}"


def _prune(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        prune_pictures(Path(app.outdir))


class PlotlyMimeRenderer:
    """Makes the plotly mime type known to MyST-NB, rendering nothing (the ranking lives in _config.yml)."""

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list | None:
        return [] if data.mime_type == PLOTLY_MIME else None


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("explainer.classroom.write")  # the chapter decks and handouts, written after the pages
    app.connect("config-inited", _stage_assets)
    app.setup_extension("explainer.minify")  # the shipped CSS and JavaScript, minified at the end
    app.connect("html-page-context", _page_assets, priority=900)
    app.connect("html-page-context", _describe)
    app.connect("build-finished", _prune, priority=600)  # after the decks (500) have linked theirs
    app.add_post_transform(UniqueWrapperIds)
    app.add_post_transform(RawLinkTargets)
    # Before sphinx-external-toc's redirect (500) and the content-security step (900).
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
