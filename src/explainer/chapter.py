"""What a chapter notebook's first (plumbing) cell calls: load the compound, style the badges in JupyterLab.

One call instead of the same lines copied into every notebook. The cell is tagged ``remove-cell``, so the
book never shows its output; the book loads the same styles as static files (``explainer.myst``).
"""

from __future__ import annotations

from IPython.display import display

from . import myst
from .charts.palette import grade_css
from .content import Compound, load_compound


def chapter(name: str = "semax", data: str | None = None) -> Compound:
    """The compound the chapter is about; shows the badge and callout styles as this cell's output.

    ``data`` is the hash of the data files the notebook reads, written by ``explainer.chapters``: it is there
    so the notebook's code (jupyter-cache's key) changes when its data does. It is not checked here: the build
    regenerates the notebooks first, and ``tests/test_book_chapters.py`` catches a committed one gone stale."""
    display(myst.lab_styles(grade_css()))
    return load_compound(name)
