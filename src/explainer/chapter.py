"""What a chapter notebook's first (plumbing) cell calls: load the compound, style the badges in JupyterLab.

One call instead of the same lines copied into every notebook. The cell is tagged ``remove-cell``, so the
book never shows its output; the book loads the same styles as static files (``explainer.myst``).
"""

from __future__ import annotations

from IPython.display import display

from . import myst
from .content import Compound, load_compound


def chapter(name: str = "semax") -> Compound:
    """The compound the chapter is about; shows the badge and callout styles as this cell's output."""
    display(myst.lab_styles())
    return load_compound(name)
