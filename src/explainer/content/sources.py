"""The sources the book cites: studies, labels and reports, with what the notes checked of each."""

from __future__ import annotations

import re
from typing import Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from .base import SLUG, ContentModel, Problems
from .vocabulary import Flag, Grade
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
    kind: Literal["study", "label", "report"] = "study"
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
    design: str
    n: int | None = Field(default=None, ge=1)
    arms: tuple[Arm, ...] = ()
    figures: dict[str, float] = Field(default_factory=dict)
    population: str | None = None
    subject: Literal["human", "animal", "in_vitro"] | None = None
    study_type: Literal["human_clinical", "human_imaging", "animal", "lab"] | None = None
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
    unverified_identifiers: tuple[Literal["pmid", "title", "journal", "authors", "year", "volume", "pages"],
                                   ...] = ()
    likely_identity: LikelyIdentity | None = None

    _identifier_fields: ClassVar[frozenset[str]] = frozenset(
        {"id", "kind", "citation", "short_title", "authors", "full_authors", "title", "journal", "volume", "pages",
         "pmid", "other_pmids", "doi"})

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
            expected = {"human_clinical": Grade.clinical, "human_imaging": Grade.imaging, "animal": Grade.animal,
                        "lab": Grade.animal}
            if self.study_type and self.grade is not expected[self.study_type]:
                problems.append(("grade", f"study_type {self.study_type} implies grade "
                                          f"{expected[self.study_type].value}, got {self.grade.value}"))
            subjects = {"human_clinical": "human", "human_imaging": "human", "animal": "animal", "lab": "in_vitro"}
            if self.study_type and self.subject and self.subject != subjects[self.study_type]:
                problems.append(("subject", f"does not match study_type {self.study_type}"))
        elif self.kind == "report":
            if self.pmid is not None:
                problems.append(("pmid", "a report source has no PMID"))
            if self.grade is not Grade.background:
                problems.append(("grade", "a report source (a news or reference page) must have grade 'background'"))
            if not self.citation:
                problems.append(("citation", "required for a report source"))
        else:
            if self.pmid is not None:
                problems.append(("pmid", "a label source has no PMID"))
            if self.grade is not Grade.label:
                problems.append(("grade", "a label source must have grade 'label'"))
            if not self.citation:
                problems.append(("citation", "required for a label source"))
        if len(set(self.flags)) != len(self.flags):
            problems.append(("flags", "repeated flag"))
        if Flag.attribution_unverified in self.flags and self.verified:
            problems.append(("verified", "must be false when flagged attribution_unverified"))
        if self.verified and not self.checked:
            problems.append(("checked", "a verified source must list what was checked"))
        for i, name in enumerate(self.unverified_identifiers):
            if getattr(self, name) is None:
                problems.append((f"unverified_identifiers[{i}]", f"names {name}, which this source does not give"))
        if self.arms and self.n is not None and sum(a.n for a in self.arms) != self.n:
            problems.append(("arms", f"group sizes add up to {sum(a.n for a in self.arms)}, not n={self.n}"))
        if problems:
            raise Problems(problems)
        return self

    @property
    def is_unverified(self) -> bool:
        """True when the book must say we could not check the attribution."""
        return Flag.attribution_unverified in self.flags

    @property
    def pubmed_url(self) -> str | None:
        """PubMed address built from the PMID (no link is stored in the data)."""
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else None
