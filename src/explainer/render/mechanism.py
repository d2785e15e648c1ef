"""The mechanism chapter: the short version, each step's text and evidence, the result."""

from __future__ import annotations

from .. import myst
from ..content import Compound
from ..myst import Myst
from .common import Prose, cited, sequence_origin


def mechanism_summary(compound: Compound) -> Myst:
    s = compound.mechanism.summary
    prose = Prose()
    # Where the peptide comes from is said once on the page: in the step that shows the sequence, when one does.
    shown_in_a_step = any(st.shows_sequence for st in compound.mechanism.steps)
    return Myst(prose(s.text), cited(compound, s), "" if shown_in_a_step else sequence_origin(compound, prose))


def step(compound: Compound, number: int) -> Myst:
    """A step's full text and evidence; its title is on the diagram shown just above it."""
    st = compound.mechanism.steps[number - 1]
    prose = Prose()
    return Myst(prose(st.body), cited(compound, st), sequence_origin(compound, prose) if st.shows_sequence else "")


def mechanism_result(compound: Compound) -> Myst:
    r = compound.mechanism.result
    return Myst(myst.paragraph(myst.strong(myst.text(f"{r.title}.")), Prose()(r.body)), cited(compound, r))
