"""The side-effects chapter: what is reported, overall tolerability, the label's contraindications."""

from __future__ import annotations

from .. import myst
from ..content import Compound, Grade
from ..myst import Myst
from .common import Prose, cited, lead, ranked_by_frequency


def side_effects(compound: Compound) -> Myst:
    se = compound.side_effects
    prose = Prose()
    # A numbered list claims an order of frequency; with a ranking note the order is only the sources' listing.
    ranked = myst.bullets((myst.paragraph(myst.strong(myst.text(f"{s.name}.")), prose(s.text), cited(compound, s))
                           for s in se.ranked), ordered=ranked_by_frequency(compound))
    note = myst.emphasis(myst.text(se.ranking_note)) if se.ranking_note else ""
    return Myst(note, ranked)


def side_effects_caution(compound: Compound) -> str:
    """What the side-effect list can and cannot show, by the kind of source it rests on."""
    se = compound.side_effects
    grades = {e.grade for e in se.ranked}
    if grades and grades <= {Grade.vendor}:
        # only the sellers' list: the label's own list, shown apart, is not theirs
        label = " The product label's own list is shown separately." if se.label_listed else ""
        return ("The side effects listed first come from sellers' pages, not from "
                f"users' own reports.{label} An absence of reports is not evidence of safety.")
    return "Community reports can show what people notice; they cannot prove safety."


def tolerability(compound: Compound) -> Myst:
    se = compound.side_effects
    prose = Prose()
    out = [myst.paragraph(prose(se.overall.text), cited(compound, se.overall))]
    if se.label_listed:
        out.append(lead("What the product label lists:"))
        out.append(myst.bullets(myst.paragraph(prose(f.text), cited(compound, f)) for f in se.label_listed))
    return Myst(*out)


def contraindications(compound: Compound) -> Myst:
    label = compound.label
    if label is None or not label.contraindications:
        return Myst(myst.text("No contraindications are recorded for this compound."))
    prose = Prose()
    return Myst(lead("The label's contraindications include:"),
                myst.bullets(myst.paragraph(prose(f.text), cited(compound, f)) for f in label.contraindications))
