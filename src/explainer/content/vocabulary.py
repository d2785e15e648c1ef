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
    human_study = "human_study"
    imaging = "imaging"
    animal = "animal"
    background = "background"
    original_page = "original_page"
    vendor = "vendor"
    press = "press"
    search = "search"
    listing = "listing"


# Grades that need no source id: what users report, textbook science, the original page's own word and what
# the book's own search of the literature found (or did not find).
UNSOURCED_GRADES = frozenset({Grade.community, Grade.background, Grade.original_page, Grade.search})

# Grades that name a kind of study: a badge of one of these stands only on a source of that kind whose details
# were read (checked where the data loads).
STUDY_GRADES = frozenset({Grade.clinical, Grade.human_study, Grade.imaging, Grade.animal})


class GradeInfo(NamedTuple):
    """The words the book uses for a grade: a short badge label and a one-sentence meaning."""

    label: str
    meaning: str


GRADE_INFO: dict[Grade, GradeInfo] = {
    Grade.community: GradeInfo(
        "Community reports",
        "What users say they notice, as a source passes it on, with nothing measured under controlled "
        "conditions; the badge's second half says whether any user's own report was read.",
    ),
    Grade.label: GradeInfo(
        "Product label",
        "Comes from the product's leaflet, read in copies reproduced online (pharmacy or reference sites): a "
        "regulatory document, not a study.",
    ),
    Grade.clinical: GradeInfo(
        "Human trial",
        "Measured in patients or volunteers in a clinical trial; its weight depends on the trial's size, "
        "blinding and who took part.",
    ),
    Grade.human_study: GradeInfo(
        "Human study, not a controlled trial",
        "Measured in patients, but not in a controlled trial: a retrospective comparison, or a series of patients "
        "with no comparison group, as far as its abstract shows; it cannot show that the compound caused what "
        "was seen.",
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
        "As the page this book started from (for Semax) states it; a source cited beside it shows in its own "
        "citation what the book read of it, the caveat says how much of the statement it supports, and with "
        "none cited the page's word is all there is.",
    ),
    Grade.vendor: GradeInfo(
        "Seller or explainer page",
        "A seller's or a web guide's own statement, read on its page: not a study, and not a user's own report.",
    ),
    Grade.press: GradeInfo(
        "Press report",
        "A news or trade report, not an official record, so what it says is not confirmed; the badge's levels "
        "say which part was read on its own page and which is known only from a third-party note.",
    ),
    Grade.search: GradeInfo(
        "The book's own search",
        "What the search of the literature behind this book found, or did not find, in the pages it read: "
        "a statement about that search, not proof that nothing exists.",
    ),
    Grade.listing: GradeInfo(
        "Listed, not read",
        "Known only from third-party lists: the source's own abstract was not read, so its authors, design, "
        "size or results are unverified.",
    ),
}


class Checked(str, Enum):
    """What the book checked of a source (the levels the evidence notes use). The second half of every badge."""

    abstract = "abstract"
    matching_abstract = "matching_abstract"
    abstract_opening = "abstract_opening"
    label_copy = "label_copy"
    page = "page"
    third_party = "third_party"
    original_page = "original_page"
    own_search = "own_search"
    general_knowledge = "general_knowledge"


# Levels at which a source's own details were read (a study-kind badge needs one of these).
# A probably matching abstract and an abstract's opening count as read: the details they show were read, and the
# badge says how far the reading went.
READ_LEVELS = frozenset({Checked.abstract, Checked.matching_abstract, Checked.abstract_opening, Checked.label_copy,
                         Checked.page})

# The tooltip of a community badge the book knows only from the original page: no user's report was read.
COMMUNITY_FROM_PAGE = "Community use as the original page reports it; no user's own report was read for this book."

CHECKED_INFO: dict[Checked, GradeInfo] = {
    Checked.abstract: GradeInfo("abstract read", "The source's own abstract was read (rarely more than that)."),
    Checked.matching_abstract: GradeInfo(
        "PMID record not read, a probably matching abstract read",
        "The record the citation points to (its PMID's own page) was not read; an abstract that probably matches "
        "it was read, and the link between the two is not proven."),
    Checked.abstract_opening: GradeInfo(
        "abstract opening only",
        "Only the opening of the abstract (its aim, its model or its first lines) could be read; the rest, results "
        "included, was cut off and is not checked."),
    Checked.label_copy: GradeInfo("label copy read", "A reproduction of the product leaflet was read, on pharmacy "
                                                     "or reference sites; not the state register."),
    Checked.page: GradeInfo("page read", "The page itself (a vendor's or guide's page, a news article) was read."),
    Checked.third_party: GradeInfo("third-party lists only", "Known only from other people's compilations; its "
                                                             "own text was not read."),
    Checked.original_page: GradeInfo("original page's word only", "Nothing beyond what the original page says "
                                                                  "was read (for Semax's community reports: no "
                                                                  "user's own report was read, only the original "
                                                                  "page's account of them)."),
    Checked.own_search: GradeInfo("sources listed in this book", "A statement that covers only the sources this "
                                                                 "book lists, each with how far it was read; it "
                                                                 "says nothing about sources beyond them."),
    Checked.general_knowledge: GradeInfo("no source read (general knowledge)", "General science stated without a "
                                                                               "source; nothing about this compound "
                                                                               "was read for it."),
}


class Flag(str, Enum):
    """Caveats attached to a single source. ``attribution_unverified`` is a flag, never a grade."""

    russian = "russian"
    unblinded = "unblinded"
    small = "small"
    attribution_unverified = "attribution_unverified"
    placebo_controlled = "placebo_controlled"
    copyright_year = "copyright_year"


FLAG_INFO: dict[Flag, str] = {
    Flag.russian: "Russian",
    Flag.unblinded: "Unblinded",
    Flag.small: "Small sample",
    Flag.attribution_unverified: "Attribution unverified",
    Flag.placebo_controlled: "Placebo-controlled",
    Flag.copyright_year: "Year is the copyright year",
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
    Flag.copyright_year: "The year shown is the copyright year on the publisher's page; the publication year itself "
                         "could not be checked.",
}


# The kinds of study a source can be: the grade its badge carries once the book read it, whether people took
# part, and the words the timeline's rows and the landing page's counts use (one home for all three).
class StudyType(NamedTuple):
    grade: Grade
    subject: str
    words: str


STUDY_TYPES: dict[str, StudyType] = {
    "human_clinical": StudyType(Grade.clinical, "human", "Human trial"),
    "human_uncontrolled": StudyType(Grade.human_study, "human", "Human study, not a controlled trial"),
    "human_imaging": StudyType(Grade.imaging, "human", "Brain imaging (fMRI)"),
    "animal": StudyType(Grade.animal, "animal", "Animal"),
    "lab": StudyType(Grade.animal, "in_vitro", "Cells or test tube"),
}

# A study the book did not read is never shown or counted under its kind: it goes under how little was read.
UNREAD_WORDS: dict[Checked, str] = {Checked.third_party: GRADE_INFO[Grade.listing].label,
                                    Checked.original_page: GRADE_INFO[Grade.original_page].label}
