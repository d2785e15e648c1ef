"""Taking two compounds together: each compound's stacking section, whether the pair was tested, shared studies."""

from __future__ import annotations

from .. import myst
from ..content import Compound, Grade
from ..myst import Myst
from .common import Prose, badge, cited, lead, source_flag_badges


def stacking(compound: Compound) -> Myst:
    st = compound.stacking
    if st is None:
        return Myst(myst.text("No stacking pattern is recorded for this compound."))
    prose = Prose()
    roles = myst.bullets(myst.paragraph(myst.strong(myst.text(r.compound)) + ":", prose(r.role), cited(compound, r))
                         for r in st.roles)
    reported = reported_patterns(st)
    patterns = myst.bullets(myst.paragraph(prose(p.text), cited(compound, p)) for p in reported) if reported else ""
    return Myst(myst.paragraph(lead("The usual partner:"), prose(st.partner) + "."), roles,
                lead("What is said about combining them:") if reported else "", patterns,
                myst.paragraph(myst.emphasis(prose(st.schedule_note.text)), cited(compound, st.schedule_note)))


_DESCRIBED = frozenset({Grade.community, Grade.original_page})


def reported_patterns(st) -> list:
    """How the two are said to be combined: the stacking patterns that report a use (users' reports, or the
    original page's account of what people do), not whether it was tested."""
    return [p for p in st.patterns if p.grade in _DESCRIBED]


def testing_answers(st) -> list:
    """What the sources say about whether the combination was tested (a study that gave both, or that no trial
    was found): every stacking pattern that does not describe a use. The book shows these first, as a plain
    answer, never among the patterns people describe."""
    return [p for p in st.patterns if p.grade not in _DESCRIBED]


def stacking_answer(compounds: list[Compound]) -> Myst:
    """The plain answer to 'has the combination been tested?', from every compound's stacking section."""
    prose = Prose()
    items = [myst.paragraph(prose(p.text), cited(c, p)) for c in compounds if c.stacking
             for p in testing_answers(c.stacking)]
    if not items:
        return Myst()
    return Myst(myst.callout(myst.bullets(items), title="Has the combination been tested?", kind="note",
                             classes=["explainer-answer"]))


def shared_studies(compounds: list[Compound]) -> Myst:
    """The studies a stacking section cites: the ones that gave more than one of the compounds (side by side,
    not together), each with its flags, size and what was checked."""
    seen, items = set(), []
    for c in compounds:
        for p in (c.stacking.patterns if c.stacking else ()):
            for s in c.sources_for(p):
                if s.id in seen or s.kind != "study":
                    continue
                seen.add(s.id)
                items.append(myst.blocks(
                    myst.paragraph(myst.strong(myst.text(s.inline_citation)), badge(s), *source_flag_badges(s)),
                    myst.paragraph(lead("Design:"), myst.text(f"{s.design}.")),
                    myst.paragraph(lead("Size:"), myst.text(s.n_text)),
                    myst.bullets(myst.text(x) for x in s.checked) if s.checked else ""))
    if not items:
        return Myst(myst.text("No study recorded here gave more than one of these compounds."))
    return Myst(myst.bullets(items))
