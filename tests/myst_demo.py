"""One render function converted to MyST (render.evidence_points), to prove the mechanism end to end.

Not the book's content: the lead applies the same recipe to render.py. The notebook that the book and
JupyterLab tests build (``demo_notebook``) calls it the way a chapter does.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

from explainer import myst
from explainer.content import GRADE_INFO, Claim, Compound, Grade

# A glossary word the demo links on first use; the glossary page (book/glossary.md) defines it.
DEMO_TERMS = ("BDNF",)


def badge(grade: Grade) -> str:
    info = GRADE_INFO[grade]
    return myst.badge(info.label, ["grade-badge", f"grade-{grade.value}"], info.meaning)


def cited(compound: Compound, item: Claim) -> str:
    """The badge, the inline citations and the caveat every claim carries, as inline MyST."""
    cites = "; ".join(s.inline_citation for s in compound.sources_for(item))
    return myst.paragraph(
        badge(item.grade),
        f"({myst.text(cites)})" if cites else "",
        f"{myst.emphasis('Caveat:')} {myst.text(item.caveat)}" if item.caveat else "",
    )


def evidence_points(compound: Compound) -> myst.Myst:
    ev = compound.evidence
    points = myst.bullets(myst.paragraph(myst.text(p.text, DEMO_TERMS), cited(compound, p)) for p in ev.points)
    verdict = myst.callout(myst.paragraph(myst.text(ev.verdict.text, DEMO_TERMS), cited(compound, ev.verdict)),
                           title="Verdict", kind="important")
    return myst.Myst(points, verdict)


PLUMBING = """\
import sys
sys.path.insert(0, {root!r})  # the demo module lives in tests/
from explainer import myst
from explainer.content import load_compound
from tests.myst_demo import evidence_points
semax = load_compound("semax")
myst.lab_styles()"""


def demo_notebook(path: Path, root: Path) -> Path:
    """A chapter-shaped notebook: a collapsed plumbing cell (removed in the book), a heading, the output."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    hidden = {"jupyter": {"source_hidden": True}}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# MyST demo\n\nWhat the evidence shows, rendered as MyST."),
        nbformat.v4.new_code_cell(PLUMBING.format(root=str(root)), metadata={"tags": ["remove-cell"], **hidden}),
        nbformat.v4.new_code_cell("evidence_points(semax)", metadata={"tags": ["remove-input"], **hidden}),
    ]
    path.write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")
    return path
