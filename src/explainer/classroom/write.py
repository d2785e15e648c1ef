"""Writing the classroom outputs into the built book: every chapter's deck and handout for every compound in
the collection, at the end of the build, and each page's "Present this chapter" link pointed at its deck.

A Sphinx extension (``explainer.classroom.write``, set up by ``explainer.extension``). It lives apart from the
package's ``__init__`` so that a notebook importing the self-check (``explainer.classroom.quiz``) does not load
the deck writer and its content-security step.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import __version__
from ..collection import compounds as collection_compounds
from ..collection import data_path, read_config
from ..content import load_compound
from ..picture import with_pictures
from .handouts import handout_html, handout_path
from .slides import PRESENT_CLASS, chapters_for, deck_html, deck_path, esc


def write_decks(outdir: Path, compounds: Iterable[str] | None = None) -> list[Path]:
    """Write every chapter deck and handout of every compound in the collection under ``outdir``."""
    written = []
    for ref in compounds if compounds is not None else collection_compounds():
        c = load_compound(data_path(ref))
        for ch in chapters_for(c):
            deck = with_pictures(deck_html(c, ch.key), outdir, "../../_static/")  # the charts' still pictures
            for rel, text in ((deck_path(c.id, ch.key), deck),
                              (handout_path(c.id, ch.key), handout_html(c, ch.key))):
                path = outdir / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                written.append(path)
    return written


# ---------------------------------------------------------------------------------------------- Sphinx

def _link_from_page(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Point each "Present this chapter" link at its deck from this page's folder."""
    body = context.get("body", "")
    if PRESENT_CLASS not in body:
        return
    pathto = context["pathto"]
    context["body"] = re.sub(
        r'(<a class="' + PRESENT_CLASS + r'" href=")[^"]*(" data-deck=")([^"]+)(")',
        lambda m: f"{m.group(1)}{esc(pathto(html.unescape(m.group(3)), 1))}{m.group(2)}{m.group(3)}{m.group(4)}", body)


def _on_build_finished(app: Any, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        # The book's own collection: a book built from another folder (the bench's scaled copies) has its own.
        own = Path(app.confdir) / "collection.yml"
        write_decks(Path(app.outdir), read_config(own).compounds if own.exists() else None)


def setup(app: Any) -> dict[str, Any]:
    app.connect("html-page-context", _link_from_page)
    # Before the content-security step (priority 900), which leaves a page that has a policy as it is.
    app.connect("build-finished", _on_build_finished, priority=500)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


__all__ = ["setup", "write_decks"]
