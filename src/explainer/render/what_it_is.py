"""The first chapter, what the compound is: its summary, uses, route, standing, variants and sequence."""

from __future__ import annotations

from .. import myst
from ..content import Compound
from ..myst import Myst
from .common import Prose, cited, lead, sequence_origin


def summary(compound: Compound) -> Myst:
    return Myst(Prose()(compound.identity.summary))


def uses(compound: Compound) -> Myst:
    prose = Prose()

    def entry(u) -> str:
        tags = [t for t, on in (("most reported", u.most_reported), (_approved_words(compound, u), u.approved)) if on]
        head = myst.strong(myst.text(u.label))
        if tags:
            head += " " + myst.emphasis(myst.text(f"({', '.join(tags)})"))
        return myst.paragraph(head + ":", prose(u.text), cited(compound, u))

    return Myst(myst.bullets(entry(u) for u in compound.identity.uses))


def use_lead(compound: Compound, use) -> str:
    """A use's name for a deck or handout item, with its approval and that approval's doubt when it has one
    ('Neuroprotection (approved in Russia, according to the original page; the registration there may have
    been withdrawn, not confirmed)'): a status never travels without its doubt."""
    return f"{use.label} ({_approved_words(compound, use)})" if use.approved else use.label


def _approved_words(compound: Compound, use) -> str:
    """'approved in Russia, according to the original page': where, from the registration or approval records,
    and on whose word, from the grade of the use itself."""
    regions = [r.region for r in compound.identity.registration] or [a.region for a in compound.identity.approval]
    where = f" in {regions[0]}" if regions else ""
    whose = {"original_page": ", according to the original page", "label": ", according to the product label"}
    # a status never travels without its doubt
    doubt = any(r.doubt for r in compound.identity.registration if regions and r.region == regions[0])
    return (f"approved{where}{whose.get(use.grade.value, '')}"
            + ("; the registration there may have been withdrawn, not confirmed" if doubt else ""))


def about(compound: Compound) -> Myst:
    """What the compound is built on, who made it: each fact graded and cited."""
    prose = Prose()
    if not compound.identity.about:
        return Myst()
    return Myst(myst.bullets(myst.paragraph(myst.strong(myst.text(a.label)) + ":", prose(a.text), cited(compound, a))
                             for a in compound.identity.about))


def registration(compound: Compound) -> Myst:
    """Each registration with its status words and, always beside it, any unconfirmed doubt with its citation."""
    prose = Prose()
    items = []
    ident = compound.identity
    for r in ident.registration:
        text = ident.registration_sentence(r)
        # a sentence that goes on from its lead ('Russia: registered as …') follows a colon, not a full stop
        head = myst.strong(myst.text(f"{ident.registration_lead(r)}{':' if text[:1].islower() else '.'}"))
        doubt = (myst.paragraph(lead("Reported withdrawal:"), prose(r.doubt.text), cited(compound, r.doubt))
                 if r.doubt else "")
        items.append(myst.blocks(myst.paragraph(head, prose(text), cited(compound, r)), doubt))
    return Myst(myst.bullets(items)) if items else Myst()


def route(compound: Compound) -> Myst:
    prose = Prose()
    return Myst(myst.bullets(myst.paragraph(prose(r.text), cited(compound, r)) for r in compound.identity.route))


DOUBT_POINTER = "(Its registration may have been withdrawn; not confirmed: see the reported withdrawal below.)"


def status(compound: Compound) -> Myst:
    prose = Prose()
    # A status in a region whose registration is doubted points to that doubt, which keeps its own press badge
    # under Registration (the original page's statement never carries the press report's words as its own).
    doubted = {r.region for r in compound.identity.registration if r.doubt}
    rows = [(myst.text(a.region), prose(a.text) + (" " + myst.emphasis(myst.text(DOUBT_POINTER))
                                                    if a.region in doubted else ""), cited(compound, a))
            for a in compound.identity.approval]
    regs = registration(compound)
    if not rows and not compound.identity.registration:
        return Myst(myst.text("No approval or community status is recorded for this compound."))
    table = (myst.table(("Where", "How it is used", "Evidence"), rows, "Clinical medicine or community tool")
             if rows else "")
    return Myst(table, lead("Registration:") if compound.identity.registration else "", regs.markdown)


def variants_and_sequence(compound: Compound) -> Myst:
    ident = compound.identity
    prose = Prose()
    parts = [myst.paragraph(myst.strong(myst.text(f"{v.name}.")), prose(v.text), cited(compound, v))
             for v in ident.variants]
    if ident.sequence:
        parts.append(myst.paragraph(lead("Sequence:"), myst.code(ident.sequence.text)))
        parts.append(sequence_origin(compound, prose))
    return Myst(*parts) if parts else Myst(myst.text("No variants or sequence are recorded for this compound."))
