"""The evidence vocabulary: what kind of evidence backs an item (its grade) and the caveats a source
carries (its flags), each with the words a reader sees."""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Grade(str, Enum):
    """What kind of evidence stands behind an item. Closed on purpose: the book badges each one."""

    community = "community"
    label = "label"
    clinical = "clinical"
    imaging = "imaging"
    animal = "animal"
    background = "background"
    original_page = "original_page"


# Grades that need no source id: what users report, textbook science, and the original page's own word.
UNSOURCED_GRADES = frozenset({Grade.community, Grade.background, Grade.original_page})


class GradeInfo(NamedTuple):
    """The words the book uses for a grade: a short badge label and a one-sentence meaning."""

    label: str
    meaning: str


GRADE_INFO: dict[Grade, GradeInfo] = {
    Grade.community: GradeInfo(
        "Community reports",
        "Comes from users' own reports and write-ups; nobody measured it under controlled conditions.",
    ),
    Grade.label: GradeInfo(
        "Product label",
        "Comes from official product labeling: a regulatory document, not a study.",
    ),
    Grade.clinical: GradeInfo(
        "Human trial",
        "Measured in patients or volunteers in a clinical trial; its weight depends on the trial's size, "
        "blinding and who took part.",
    ),
    Grade.imaging: GradeInfo(
        "Brain imaging",
        "Measured in people with brain scans; it shows a change in the brain, not by itself a benefit anyone feels.",
    ),
    Grade.animal: GradeInfo(
        "Animal or lab study",
        "Measured in animals or in cells or tissue in the lab; a clue to how it might work that may not carry over "
        "to people.",
    ),
    Grade.background: GradeInfo(
        "General background",
        "General science or a reference fact (such as a chemical structure), "
        "not a finding about what this compound does.",
    ),
    Grade.original_page: GradeInfo(
        "Original page's statement",
        "As the page this book started from (for Semax) states it; where a source is cited beside it, the caveat "
        "says how much of the claim that source supports.",
    ),
}


class Flag(str, Enum):
    """Caveats attached to a single source. ``attribution_unverified`` is a flag, never a grade."""

    russian = "russian"
    unblinded = "unblinded"
    small = "small"
    attribution_unverified = "attribution_unverified"
    placebo_controlled = "placebo_controlled"


FLAG_INFO: dict[Flag, str] = {
    Flag.russian: "Russian",
    Flag.unblinded: "Unblinded",
    Flag.small: "Small sample",
    Flag.attribution_unverified: "Attribution unverified",
    Flag.placebo_controlled: "Placebo-controlled",
}

# Flag words that keep their capital inside a citation's brackets.
PROPER_FLAG_WORDS = frozenset({FLAG_INFO[Flag.russian]})

FLAG_MEANING: dict[Flag, str] = {
    Flag.russian: "Done in Russia or published in a Russian journal (or its English edition); "
                  "the original page calls Semax's clinical research almost all Russian.",
    Flag.unblinded: "Participants or researchers knew who got the treatment, which makes results easier to bias.",
    Flag.small: "Few participants, so chance alone can produce or hide an effect.",
    Flag.attribution_unverified: "We could not match the citation to a published abstract; it is shown exactly as it "
                                 "was listed (by the original page or by third-party lists), beside its likely "
                                 "identity where one is known.",
    Flag.placebo_controlled: "A comparison group received a look-alike with no active ingredient.",
}
