"""The sources the book cites: studies, labels and reports, with what the notes checked of each."""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from .base import SLUG, ContentModel, Problems
from .vocabulary import READ_LEVELS, STUDY_TYPES, Checked, Flag, Grade
from .wording import AbstractMatchWording, LikelyIdentityWording, SourceWording


class Measurement(ContentModel):
    """A number a source reports, kept as a number so charts can use it (e.g. BDNF protein ×1.4)."""

    key: str = Field(pattern=SLUG)
    label: str
    value: float
    unit: str
    note: str | None = None


class SourceDose(ContentModel):
    """The dose used in a study, as the study reports it (never a recommendation)."""

    amount: float
    unit: str
    route: str
    applications: int | None = None


class Arm(ContentModel):
    """One group of a study (e.g. Semax 14, placebo 10)."""

    label: str
    n: int = Field(ge=1)


class AbstractMatch(AbstractMatchWording, ContentModel):
    """An abstract that was read and matches a source, although its link to the cited PMID is only probable.

    ``arms`` are the groups the abstract gives sizes for; ``other_groups`` names any it gives no size for."""

    link: Literal["probable"]
    title: str
    arms: tuple[Arm, ...] = ()
    other_groups: str | None = None
    findings: tuple[str, ...] = Field(min_length=1)
    not_stated: str

    _identifier_fields: ClassVar[frozenset[str]] = frozenset({"title"})


class LikelyIdentity(LikelyIdentityWording, ContentModel):
    """What a source probably is when the original page's citation looks wrong (an author, a year).

    Taken from third-party compilations, so it is never verified: ``verified`` exists to say so and must
    stay false. ``corrects`` names which of the page's details it replaces."""

    corrects: tuple[Literal["authors", "year"], ...] = Field(min_length=1)
    authors: str
    full_authors: str | None = None
    year: int = Field(ge=1900, le=2100)
    title: str | None = None
    journal: str
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    basis: str
    verified: Literal[False] = False
    abstract: AbstractMatch | None = None

    _identifier_fields: ClassVar[frozenset[str]] = frozenset(
        {"authors", "full_authors", "title", "journal", "volume", "issue", "pages", "doi"})


# Every study detail a source can state. Each one present must say, under ``provenance``, at which level the
# book read it (the abstract, a label copy, a page, third-party lists, or only the original page's word).
DETAIL_FIELDS = ("authors", "full_authors", "year", "title", "journal", "volume", "pages", "pmid", "other_pmids",
                 "doi", "design", "n", "arms", "population", "dose", "measurements", "seed_claim")
# The identifiers among them: one seen only in third-party lists travels into every citation.
_IDENTIFIER_DETAILS = ("authors", "title", "journal", "year", "volume", "pages", "pmid")
# Which kind of source may be read at which level (a report is read on its page, a label in a copy).
_KIND_GRADE = {"label": {Grade.label}, "report": {Grade.press, Grade.background}, "vendor": {Grade.vendor},
               "forum": {Grade.community}}


class Source(SourceWording, ContentModel):
    """A study or document the book cites.

    ``authors`` is exactly the page's short form (e.g. "Tsai SJ et al."); ``full_authors``, ``title``
    and ``doi`` appear only where the evidence notes give them. ``likely_identity`` records what the
    source probably is when the page's citation looks wrong; it travels into every citation.
    ``figures`` holds named numbers the notes report (e.g. ``men: 11``) so prose can quote them. ``seed_claim``
    is what the seed page says the source showed (the page's claim, not ours); ``checked`` lists what the notes
    verified.
    A ``kind: label`` source is product labelling: it has no PMID, authors or subject. A ``kind: report``
    source is a news or reference page (graded ``background``): it backs a statement of status, never a finding.

    ``listed_by`` says who put the source on the book's list: the original page, or the evidence notes (an
    unverified source of the notes is one whose identifiers come from third-party compilations only).
    ``unverified_identifiers`` names identifiers (a PMID, a title, a journal) seen only in third-party lists,
    even when the abstract itself was read; they travel into every citation. ``not_checked`` lists what the
    notes could not check. A study whose authors or year the pages read do not show gives ``short_title``
    instead, and says so.
    """

    id: str = Field(pattern=SLUG)
    kind: Literal["study", "label", "report", "vendor", "forum"] = "study"
    citation: str | None = None
    short_title: str | None = None
    authors: str | None = None
    full_authors: str | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    title: str | None = None
    journal: str | None = None
    volume: str | None = None
    pages: str | None = None
    pmid: str | None = None
    other_pmids: tuple[str, ...] = ()
    doi: str | None = None
    # The page the notes read it on, when they give one (a link a reader may follow); ``other_urls`` are further
    # pages the notes read it on (a label reproduced by several sites, a reference naming two pages).
    url: str | None = Field(default=None, pattern=r"^https?://")
    other_urls: tuple[Annotated[str, Field(pattern=r"^https?://")], ...] = ()
    design: str
    n: int | None = Field(default=None, ge=1)
    arms: tuple[Arm, ...] = ()
    figures: dict[str, float] = Field(default_factory=dict)
    population: str | None = None
    subject: Literal["human", "animal", "in_vitro"] | None = None
    study_type: Literal["human_clinical", "human_uncontrolled", "human_imaging", "animal", "lab"] | None = None
    grade: Grade
    flags: tuple[Flag, ...] = ()
    dose: SourceDose | None = None
    measurements: tuple[Measurement, ...] = ()
    seed_claim: str | None = None
    checked: tuple[str, ...] = ()
    not_checked: tuple[str, ...] = ()
    check_note: str | None = None
    verified: bool
    listed_by: Literal["original_page", "evidence_notes"] = "original_page"
    # What the book checked of this source as a whole, and of each detail it states.
    checked_level: Checked
    provenance: dict[Checked, tuple[str, ...]] = Field(default_factory=dict)
    likely_identity: LikelyIdentity | None = None

    _identifier_fields: ClassVar[frozenset[str]] = frozenset(
        {"id", "kind", "citation", "short_title", "authors", "full_authors", "title", "journal", "volume", "pages",
         "pmid", "other_pmids", "doi", "url", "other_urls"})

    @field_validator("pmid", "volume", mode="before")
    @classmethod
    def _number_as_text(cls, v: Any) -> Any:
        # YAML reads 29798983 as an int; identifiers are text, so accept either spelling.
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else v

    @field_validator("other_pmids", mode="before")
    @classmethod
    def _numbers_as_text(cls, v: Any) -> Any:
        if not isinstance(v, (list, tuple)):
            return v
        return tuple(str(x) if isinstance(x, int) and not isinstance(x, bool) else x for x in v)

    @field_validator("pmid")
    @classmethod
    def _pmid_shape(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"[0-9]{1,8}", v):
            raise ValueError(f"PMID must be 1-8 digits, got {v!r}")
        return v

    @field_validator("other_pmids")
    @classmethod
    def _pmids_shape(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        bad = [x for x in v if not re.fullmatch(r"[0-9]{1,8}", x)]
        if bad:
            raise ValueError(f"PMID must be 1-8 digits, got {', '.join(map(repr, bad))}")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Source:
        problems: list[tuple[str, str]] = []
        if self.kind == "study":
            for name in ("subject", "study_type"):
                if getattr(self, name) is None:
                    problems.append((name, "required for a study source (kind: study)"))
            # The original page's citations always give authors, year and PMID; a source the evidence notes
            # found may lack any of them (the pages read did not show them), but must then be named somehow.
            if self.listed_by == "original_page":
                for name in ("authors", "year", "pmid"):
                    if getattr(self, name) is None:
                        problems.append((name, "required for a study source (kind: study)"))
            elif self.authors is None and self.short_title is None:
                problems.append(("short_title", "required when a study source gives no authors"))
            if self.grade is Grade.label:
                problems.append(("grade", "a study cannot have grade 'label'; use kind: label"))
            # A study's badge names its kind only when the book read it; otherwise it says how little was read.
            if self.checked_level in READ_LEVELS:
                want = STUDY_TYPES[self.study_type].grade if self.study_type else None
            else:
                want = {Checked.third_party: Grade.listing,
                        Checked.original_page: Grade.original_page}[self.checked_level]
            if want is not None and self.grade is not want:
                problems.append(("grade", f"a study of type {self.study_type} checked at level "
                                          f"{self.checked_level.value!r} must have grade {want.value!r}, "
                                          f"got {self.grade.value!r}"))
            if self.study_type and self.subject and self.subject != STUDY_TYPES[self.study_type].subject:
                problems.append(("subject", f"does not match study_type {self.study_type}"))
        else:
            if self.pmid is not None:
                problems.append(("pmid", f"a {self.kind} source has no PMID"))
            allowed = _KIND_GRADE[self.kind]
            if self.grade not in allowed:
                problems.append(("grade", f"a {self.kind} source must have grade "
                                          f"{' or '.join(sorted(repr(g.value) for g in allowed))}"))
            if not self.citation:
                problems.append(("citation", f"required for a {self.kind} source"))
        # Read through a probably matching abstract exactly when the data records that abstract.
        matched = self.likely_identity is not None and self.likely_identity.abstract is not None
        if matched != (self.checked_level is Checked.matching_abstract):
            problems.append(("checked_level", "must be 'matching_abstract' exactly when likely_identity.abstract "
                                              "records a probably matching abstract"))
        problems += self._provenance_problems()
        if self.other_urls and self.url is None:
            problems.append(("other_urls", "needs url: the first page read goes there"))
        if len({self.url, *self.other_urls}) != 1 + len(self.other_urls):
            problems.append(("other_urls", "repeats a page already given"))
        if len(set(self.flags)) != len(self.flags):
            problems.append(("flags", "repeated flag"))
        if Flag.attribution_unverified in self.flags and self.verified:
            problems.append(("verified", "must be false when flagged attribution_unverified"))
        if self.verified and not self.checked:
            problems.append(("checked", "a verified source must list what was checked"))
        if self.arms and self.n is not None and sum(a.n for a in self.arms) != self.n:
            problems.append(("arms", f"group sizes add up to {sum(a.n for a in self.arms)}, not n={self.n}"))
        if problems:
            raise Problems(problems)
        return self

    def _provenance_problems(self) -> list[tuple[str, str]]:
        """Every detail the source states says at which level it was read, and only those details do."""
        problems: list[tuple[str, str]] = []
        seen: dict[str, Checked] = {}
        for level, names in self.provenance.items():
            for name in names:
                if name not in DETAIL_FIELDS:
                    problems.append((f"provenance.{level.value}", f"{name!r} is not a study detail "
                                                                  f"(one of {', '.join(DETAIL_FIELDS)})"))
                elif name in seen:
                    problems.append((f"provenance.{level.value}", f"{name!r} is already given at level "
                                                                  f"{seen[name].value!r}"))
                elif getattr(self, name) in (None, (), {}):
                    problems.append((f"provenance.{level.value}", f"names {name!r}, which this source does not "
                                                                  "give"))
                else:
                    seen[name] = level
        for name in DETAIL_FIELDS:
            if getattr(self, name) not in (None, (), {}) and name not in seen:
                problems.append((name, "this detail has no provenance: list it under provenance with the level "
                                       "it was read at (abstract, label_copy, page, third_party, original_page)"))
        return problems

    def provenance_of(self, name: str) -> Checked | None:
        """At which level this detail was read (None when the source does not state it)."""
        for level, names in self.provenance.items():
            if name in names:
                return level
        return None

    @property
    def unverified_identifiers(self) -> tuple[str, ...]:
        """The identifiers (authors, year, title, journal, volume, pages, PMID) seen only in third-party lists,
        even when the abstract itself was read; they travel into every citation."""
        return tuple(n for n in _IDENTIFIER_DETAILS if self.provenance_of(n) is Checked.third_party)

    @property
    def is_read(self) -> bool:
        """True when the book read the source's own text (an abstract, a label copy or the page itself)."""
        return self.checked_level in READ_LEVELS

    @property
    def is_unverified(self) -> bool:
        """True when the book must say we could not check the attribution."""
        return Flag.attribution_unverified in self.flags

    @property
    def page_urls(self) -> tuple[str, ...]:
        """Every page the notes read this source on, first page first (empty when they name none)."""
        return (self.url, *self.other_urls) if self.url else ()

    @property
    def pubmed_url(self) -> str | None:
        """PubMed address built from the PMID (no link is stored in the data)."""
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else None
