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


def origin_in_step(compound: Compound, st) -> bool:
    """Whether a step is followed by where the peptide comes from: it shows the sequence, and its own text does
    not already write the chain out (then the origin would say the same thing twice in a row)."""
    seq = compound.identity.sequence
    if not st.shows_sequence or seq is None:
        return False
    written = "-".join(seq.residues[-3:])  # the chain's end as the origin writes it ('Pro-Gly-Pro')
    return written not in st.body


def step(compound: Compound, number: int) -> Myst:
    """A step's full text and evidence; its title is on the diagram shown just above it."""
    st = compound.mechanism.steps[number - 1]
    prose = Prose()
    return Myst(prose(st.body), cited(compound, st), sequence_origin(compound, prose)
                if origin_in_step(compound, st) else "")


def mechanism_result(compound: Compound) -> Myst:
    r = compound.mechanism.result
    return Myst(myst.paragraph(myst.strong(myst.text(f"{r.title}.")), Prose()(r.body)), cited(compound, r))
