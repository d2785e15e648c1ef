"""Pages about the whole collection: its disclaimer and the compounds side by side."""

from __future__ import annotations

from collections import Counter

from .. import myst
from ..charts import fmt_num as fmt
from ..content import CHECKED_INFO, STUDY_TYPES, Checked, Compound, Grade
from ..myst import Myst
from ..numbers import plural
from .common import Prose, disclaimer_callout
from .pairing import testing_answers

# Levels at which a study counts as read though only part of it was: said beside the count.
PARTIAL_LEVELS = (Checked.matching_abstract, Checked.abstract_opening)


def collection_disclaimer(collection) -> Myst:
    """The not-medical-advice line of pages about every compound (the landing page, the shared chapter), from
    ``collection.yml``, with the earliest review date among the compounds (the page is as old as its oldest part)."""
    return disclaimer_callout(collection.disclaimer, min(c.metadata.last_reviewed for c in collection.loaded()))


# What the landing page counts, in two separate columns so neither reads as the other: the studies each
# compound's data file lists, by the kind the book read them as (the timeline's words, one home); and every graded
# claim, by the kind of evidence it rests on.
STUDY_KINDS = tuple((t.words[0].lower() + t.words[1:], (st,)) for st, t in STUDY_TYPES.items())


EVIDENCE_KINDS = (("a human study read", (Grade.clinical, Grade.human_study, Grade.imaging)),
                  ("an animal or lab study read", (Grade.animal,)),
                  ("the product label", (Grade.label,)), ("community reports", (Grade.community,)),
                  ("vendor, guide or press pages", (Grade.vendor, Grade.press)),
                  ("studies listed but not read", (Grade.listing,)),
                  ("the book's own search", (Grade.search,)),
                  ("background or the original page's word", (Grade.background, Grade.original_page)))


def study_mix(compound: Compound) -> dict[str, int]:
    """How many studies the book read (abstract at least), by study type; the unread ones are counted apart."""
    types = [s.study_type for s in compound.read_studies]
    return {name: sum(t in kinds for t in types) for name, kinds in STUDY_KINDS}


def evidence_mix(compound: Compound) -> dict[str, int]:
    """How many of the compound's graded claims rest on each kind of evidence (counted from the data file)."""
    grades = [claim.grade for _, claim in compound.iter_claims()]
    return {name: sum(g in kinds for g in grades) for name, kinds in EVIDENCE_KINDS}


def collection_overview(compounds: list[Compound]) -> Myst:
    """The compounds side by side: what each is, its route, its label strength, its studies and its claims."""
    prose = Prose()

    def strength(c: Compound) -> str:
        if c.label is None:
            return myst.text("no product label recorded")
        return myst.text("; ".join(f"{fmt(s.percent)}% ({fmt(s.mg_per_ml)} mg/mL), {s.form}"
                                   for s in c.label.strengths))

    def studies(c: Compound) -> str:
        counts = study_mix(c)
        kinds = "; ".join(f"{name}: {n}" for name, n in counts.items() if n)
        n, unread = sum(counts.values()), len(c.unread_studies)
        # Read only in part (a probably matching abstract, an abstract's opening): counted as read, and said.
        partial = Counter(s.checked_level for s in c.read_studies if s.checked_level in PARTIAL_LEVELS)
        part = "; ".join(f"{CHECKED_INFO[level].label}: {k}" for level, k in partial.items())
        return myst.text(plural(n, "study", many="studies") + " read" + (f" ({kinds})" if kinds else "")
                         + (f"; of those, read in part: {part}" if part else "")
                         + (f"; {unread} more listed but not read" if unread else ""))

    def claims(c: Compound) -> str:
        counts = evidence_mix(c)
        # community reports the book knows only from the original page's account say so in the count too
        community = [k for _, k in c.iter_claims() if k.grade is Grade.community]
        words = {"community reports": "community reports (known only from the original page)"} if community and all(
            k.checked_levels == (Checked.original_page,) for k in community) else {}
        return myst.text(f"{plural(sum(counts.values()), 'graded claim')}; resting on "
                         + ", ".join(f"{words.get(name, name)}: {n}" for name, n in counts.items()))

    rows = [(myst.strong(myst.text(c.identity.name)), prose(c.identity.summary),
             myst.text("; ".join(r.text.strip() for r in c.identity.route[:1])),
             strength(c), studies(c), claims(c)) for c in compounds]
    return Myst(myst.table(("Compound", "What it is", "Route", "Label strength", "Studies read, by type",
                            "Claims, by what they rest on"), rows,
                           "The compounds side by side, in summary (each chapter gives every claim its badge; "
                           "studies and claims counted from each data file)"),
                shared_count_note(compounds))


def shared_count_note(compounds: list[Compound]) -> str:
    """Where the shared chapter's answers to 'was the pair tested?' are counted: each once, under the compound
    whose file holds it, though both compounds' stacking decks and handouts show them ('' when there are none)."""
    owners = [(c, testing_answers(c.stacking)) for c in compounds if c.stacking is not None]
    owners = [(c, answers) for c, answers in owners if answers]
    if len([c for c in compounds if c.stacking is not None]) < 2 or not owners:
        return ""
    said = "; ".join(f"{plural(len(a), 'claim')} from {c.identity.name}'s file, counted under {c.identity.name}"
                     + (f" (the book's own search: {k})" if (k := sum(p.grade is Grade.search for p in a)) else "")
                     for c, a in owners)
    return myst.paragraph(myst.text(
        "Each claim is counted once, under the compound whose data file holds it. The shared chapter on taking "
        "them together, and each compound's deck and handout on it, also show the answers to whether the pair "
        f"was tested: {said}."))
