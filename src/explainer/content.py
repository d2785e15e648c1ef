"""Content model for the explainer: one validated data file per compound.

Every fact the book shows (doses, effects, dates, studies, claims) lives in
``src/explainer/data/<compound>.yaml``. This module turns that file into frozen
pydantic models and refuses a file that is wrong, so a typo, a claim without an
evidence grade or a citation of a source that does not exist fails loudly with
``<file>: <dotted.path>: <message>`` instead of quietly reaching a reader.

Numbers the book *derives* (the label's daily amount, its multiple of the
community figure, the calculator's default dose) are computed here from the
stored facts rather than typed into the data, so they cannot drift apart.

Public entry points: :func:`load_compound`, :func:`available_compounds`,
:func:`clear_cache`, :class:`Compound`, :class:`Grade`, :data:`GRADE_INFO`,
:class:`Flag`, :data:`FLAG_INFO`, :class:`ContentError`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, ClassVar, Literal, NamedTuple

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

__all__ = [
    "DATA_DIR",
    "Grade",
    "UNSOURCED_GRADES",
    "GradeInfo",
    "GRADE_INFO",
    "Flag",
    "FLAG_INFO",
    "FLAG_MEANING",
    "ContentError",
    "Span",
    "Claim",
    "Statement",
    "Metadata",
    "Measurement",
    "SourceDose",
    "Arm",
    "AbstractMatch",
    "LikelyIdentity",
    "Source",
    "Use",
    "RouteFact",
    "Variant",
    "ApprovalFact",
    "AboutFact",
    "Registration",
    "RegistrationDoubt",
    "DiagramLane",
    "DiagramNodeSpec",
    "DiagramLink",
    "DiagramBarrier",
    "DiagramSideRoute",
    "Diagram",
    "CommunityFigure",
    "DropStatement",
    "Sequence",
    "Identity",
    "DiagramNode",
    "DIAGRAM_NODES",
    "MechanismStep",
    "MechanismResult",
    "Mechanism",
    "DoseRow",
    "Dosing",
    "LabelStrength",
    "LabelClaim",
    "LabelSchedule",
    "LabelFact",
    "Label",
    "SideEffect",
    "SideEffects",
    "StackRole",
    "StackPattern",
    "ScheduleBlock",
    "Stacking",
    "EvidencePoint",
    "Evidence",
    "Calculator",
    "Compound",
    "load_compound",
    "as_compound",
    "available_compounds",
    "clear_cache",
]

DATA_DIR = Path(__file__).parent / "data"


# --------------------------------------------------------------------------- grades and flags


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
_PROPER_FLAG_WORDS = frozenset({FLAG_INFO[Flag.russian]})

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


# --------------------------------------------------------------------------- errors


class ContentError(ValueError):
    """A data file failed validation. ``problems`` holds one ``<file>: <path>: <msg>`` line per fault."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class _Problems(ValueError):
    """Raised inside validators to report faults at paths *below* the model being validated.

    Pydantic only knows the location of the model itself; the loader appends these relative
    paths so the final message points at the exact field (e.g. ``...rows[2].source_ids[0]``).
    """

    def __init__(self, items: list[tuple[str, str]]):
        self.items = items
        super().__init__("; ".join(f"{p}: {m}" if p else m for p, m in items))


def _join_path(base: str, rel: str) -> str:
    if not rel:
        return base
    if not base:
        return rel
    return base + rel if rel.startswith("[") else f"{base}.{rel}"


def _loc_to_path(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path = _join_path(path, str(part))
    return path


# --------------------------------------------------------------------------- shared building blocks


class _Model(BaseModel):
    """Base for every content model: unknown keys are errors (typos fail) and loaded content is read-only
    (the loader caches one instance per file, shared by every notebook)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


_SLUG = r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$"


def _by_key(items: tuple[Any, ...], key: str) -> Any:
    """The first item with this ``key`` in a section."""
    for item in items:
        if item.key == key:
            return item
    raise KeyError(key)


class Span(_Model):
    """A low–high pair from the sources (e.g. 500–600 mcg/day). Equal ends are allowed."""

    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.low > self.high:
            raise _Problems([("high", f"must be >= low ({self.low})")])
        return self

    def as_tuple(self) -> tuple[float, float]:
        return (self.low, self.high)


class Claim(_Model):
    """Anything the book asserts. It must say what kind of evidence backs it and which sources.

    ``source_ids`` may be empty only for the grades in :data:`UNSOURCED_GRADES` (users' reports, general
    background, the original page's own word); that rule is checked here, and
    whether each id exists is checked once the whole file is parsed (see :class:`Compound`).
    """

    grade: Grade
    source_ids: tuple[str, ...] = ()
    caveat: str | None = None
    # Named numbers the item's prose quotes (e.g. ``repeat_after_minutes: 15``), so the prose-number rule
    # can hold them to a field.
    figures: dict[str, float] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _sourced_unless_community(self) -> Claim:
        if not self.source_ids and self.grade not in UNSOURCED_GRADES:
            raise _Problems(
                [("source_ids", f"an item graded {self.grade.value!r} needs at least one source id "
                                f"(only {', '.join(sorted(g.value for g in UNSOURCED_GRADES))} items may have none)")]
            )
        return self


class Statement(Claim):
    """A graded piece of prose (a summary, a verdict, a note)."""

    text: str


# --------------------------------------------------------------------------- metadata


class Metadata(_Model):
    """Book-level text for this compound."""

    title: str
    subtitle: str
    disclaimer: str
    last_reviewed: date


# --------------------------------------------------------------------------- sources


class Measurement(_Model):
    """A number a source reports, kept as a number so charts can use it (e.g. BDNF protein ×1.4)."""

    key: str = Field(pattern=_SLUG)
    label: str
    value: float
    unit: str
    note: str | None = None


class SourceDose(_Model):
    """The dose used in a study, as the study reports it (never a recommendation)."""

    amount: float
    unit: str
    route: str
    applications: int | None = None


class Arm(_Model):
    """One group of a study (e.g. Semax 14, placebo 10)."""

    label: str
    n: int = Field(ge=1)


class AbstractMatch(_Model):
    """An abstract that was read and matches a source, although its link to the cited PMID is only probable.

    ``arms`` are the groups the abstract gives sizes for; ``other_groups`` names any it gives no size for."""

    link: Literal["probable"]
    title: str
    arms: tuple[Arm, ...] = ()
    other_groups: str | None = None
    findings: tuple[str, ...] = Field(min_length=1)
    not_stated: str

    _identifier_fields: ClassVar[frozenset[str]] = frozenset({"title"})

    @property
    def arms_text(self) -> str:
        """'30 Semax added to standard therapy vs 80 standard therapy alone'."""
        return " vs ".join(f"{a.n} {a.label}" for a in self.arms)


class LikelyIdentity(_Model):
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

    @property
    def short_cite(self) -> str:
        return f"{self.authors} ({self.year})"

    @property
    def journal_ref(self) -> str:
        """'Zh Nevrol Psikhiatr Im S S Korsakova 97(6):26–34'."""
        ref = self.journal
        if self.volume:
            ref += (f" {self.volume}" + (f"({self.issue})" if self.issue else "")
                    + (f":{self.pages}" if self.pages else ""))
        return ref

    @property
    def flag_words(self) -> str:
        """The correction in a few words for an inline citation: 'likely 1997, unverified'."""
        if "authors" in self.corrects:
            return f"likely {self.short_cite}, also unverified"
        return f"likely {self.year}, unverified"


class Source(_Model):
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

    id: str = Field(pattern=_SLUG)
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
            raise _Problems(problems)
        return self

    @property
    def is_unverified(self) -> bool:
        """True when the book must say we could not check the attribution."""
        return Flag.attribution_unverified in self.flags

    @property
    def pubmed_url(self) -> str | None:
        """PubMed address built from the PMID (no link is stored in the data)."""
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else None

    @property
    def doi_url(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else None

    @property
    def short_cite(self) -> str:
        """'Tsai SJ et al. (2018)' for studies; the citation text for label sources."""
        if self.kind != "study":
            return self.citation or self.id
        name = self.authors or self.short_title
        return f"{name} ({self.year})" if self.year is not None else f"{name} (year not given)"

    @property
    def identifier_words(self) -> str | None:
        """'PMID from third-party lists only' (or 'title, journal and PMID …').

        None when every identifier shown was read."""
        if not self.unverified_identifiers:
            return None
        names = [{"pmid": "PMID"}.get(n, n) for n in self.unverified_identifiers]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"{joined} from third-party lists only"

    @property
    def flag_words(self) -> list[str]:
        """The source's flags in reader words, in the order the data lists them, then any identifier seen
        only in third-party lists, then its likely correction if it has one ('likely 1997, unverified')."""
        words = [FLAG_INFO[f] for f in self.flags]
        if self.identifier_words:
            words.append(self.identifier_words)
        if self.likely_identity is not None:
            words.append(self.likely_identity.flag_words)
        return words

    @property
    def inline_citation(self) -> str:
        """The one inline citation every renderer uses: short cite plus every flag, so a flag never gets lost.

        'Tsai SJ et al. (2018) [Russian; attribution unverified; likely Gusev EI, Martynov MYu et al. (2018),
        also unverified]'.
        """
        # Proper words and acronyms (Russian, PMID) keep their capital inside the brackets.
        words = [w if w in _PROPER_FLAG_WORDS or w[:2].isupper() else w[0].lower() + w[1:] for w in self.flag_words]
        return f"{self.short_cite} [{'; '.join(words)}]" if words else self.short_cite

    @property
    def n_text(self) -> str:
        """The study's size as the book shows it everywhere: with its groups when known, with where the
        number comes from when unchecked, and never a bare blank."""
        who = "as the original page gives it" if self.listed_by == "original_page" else "as third-party lists give it"
        if self.n is not None:
            if self.arms:
                return f"{self.n} ({' vs '.join(f'{a.n} {a.label}' for a in self.arms)})"
            return f"{self.n}" + ("" if self.verified else f" ({who})")
        # A checked source whose abstract gave no count is not the page's omission.
        text = "the abstract checked gives none" if self.verified else (
            "the original page gives none" if self.listed_by == "original_page"
            else "no count was read in any abstract")
        match = self.likely_identity.abstract if self.likely_identity else None
        if match is not None and match.arms:
            text += f"; a matching abstract (link {match.link}, not proven) gives {match.arms_text}"
        return text

    @property
    def cite(self) -> str:
        """One-line reference as the page gives it: authors (year). Journal volume:pages. PMID."""
        if self.kind != "study":
            return self.citation or self.id
        parts = [self.short_cite]
        if self.journal:
            j = self.journal
            if self.volume:
                j += f" {self.volume}"
                if self.pages:
                    j += f":{self.pages}"
            parts.append(j)
        if self.pmid:
            parts.append(f"PMID {self.pmid}")
        return ". ".join(parts)


# --------------------------------------------------------------------------- identity


class Use(Claim):
    """One reason people take the compound, with whether it is among the most reported / officially approved."""

    key: str = Field(pattern=_SLUG)
    label: str
    text: str
    most_reported: bool = False
    approved: bool = False


class RouteFact(Claim):
    """A fact about how the compound is taken."""

    key: str = Field(pattern=_SLUG)
    text: str


class Variant(Claim):
    """A modified form people mention (e.g. N-Acetyl Semax amidate)."""

    name: str
    text: str


class ApprovalFact(Claim):
    """Where and how the compound is used officially versus by the community."""

    key: str = Field(pattern=_SLUG)
    region: str
    text: str


_AMINO_ACIDS = {
    "Ala", "Arg", "Asn", "Asp", "Cys", "Gln", "Glu", "Gly", "His", "Ile",
    "Leu", "Lys", "Met", "Phe", "Pro", "Ser", "Thr", "Trp", "Tyr", "Val",
}


class Sequence(Claim):
    """The peptide's amino-acid chain, residue by residue, and where it comes from.

    ``origin`` is the book's one sentence about where the peptide comes from; every page that names
    the origin renders it. ``parent_positions`` are the parent's residues the chain starts with;
    ``page_fragment`` is the stretch the original page names (the two can differ)."""

    residues: tuple[str, ...] = Field(min_length=2)
    parent: str | None = None
    parent_positions: Span | None = None
    page_fragment: Span | None = None
    origin: str

    @field_validator("residues")
    @classmethod
    def _known_residues(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        bad = [r for r in v if r not in _AMINO_ACIDS]
        if bad:
            raise ValueError(f"unknown three-letter amino-acid code(s): {', '.join(bad)}")
        return v

    @model_validator(mode="after")
    def _origin_names_the_chain(self) -> Sequence:
        # The origin sentence must show the actual chain, so a page never names a fragment without it.
        if self.text not in self.origin:
            raise _Problems([("origin", f"must spell out the sequence {self.text}")])
        return self

    @property
    def text(self) -> str:
        """'Met-Glu-His-Phe-Pro-Gly-Pro'."""
        return "-".join(self.residues)


class AboutFact(Claim):
    """A graded fact about what the compound is or where it comes from (its parent molecule, who made it)."""

    key: str = Field(pattern=_SLUG)
    label: str
    text: str


class RegistrationDoubt(Claim):
    """A report that a registration may have ended. Never confirmed: ``confirmed`` exists to say so."""

    text: str
    confirmed: Literal[False] = False


class Registration(Claim):
    """The compound's status as a medicine in one place, as data: registered or not, the registration
    number where a source shows one, and any unconfirmed report that it was withdrawn."""

    key: str = Field(pattern=_SLUG)
    region: str
    status: Literal["registered", "in_clinical_use", "not_registered", "unknown"]
    number: str | None = None
    text: str
    doubt: RegistrationDoubt | None = None

    _identifier_fields: ClassVar[frozenset[str]] = frozenset({"region", "number"})

    @property
    def status_words(self) -> str:
        """'registered (its registration may have been withdrawn; not confirmed)'.

        The status with its doubt, always together."""
        words = {"registered": "registered", "in_clinical_use": "in clinical use",
                 "not_registered": "not registered", "unknown": "status unknown"}[self.status]
        return f"{words} (its registration may have been withdrawn; not confirmed)" if self.doubt else words


class Identity(_Model):
    """What the compound is, what people use it for, how it is taken and its official status."""

    name: str
    summary: str
    uses: tuple[Use, ...] = Field(min_length=1)
    route: tuple[RouteFact, ...] = Field(min_length=1)
    variants: tuple[Variant, ...] = ()
    approval: tuple[ApprovalFact, ...] = ()
    registration: tuple[Registration, ...] = ()
    about: tuple[AboutFact, ...] = ()
    sequence: Sequence | None = None


# --------------------------------------------------------------------------- mechanism

# Semax's seven diagram stops, kept for code and tests written against them. A compound's own diagram is
# data (:class:`Diagram`); a step names one of its nodes.
DiagramNode = Literal["nose", "nasal_pathway", "brain", "bdnf", "neurons", "neurotransmitters", "effect"]
DIAGRAM_NODES: tuple[str, ...] = DiagramNode.__args__  # type: ignore[attr-defined]


class DiagramLane(_Model):
    """A row of the mechanism diagram, top to bottom; ``label`` (optional) is drawn at its left."""

    key: str = Field(pattern=_SLUG)
    label: str | None = None


class DiagramNodeSpec(_Model):
    """One box of the diagram: its words, its lane, and optionally its width in drawing units."""

    key: str = Field(pattern=_SLUG)
    label: str
    lane: str
    width: float | None = Field(default=None, gt=0)

    _identifier_fields: ClassVar[frozenset[str]] = frozenset({"label"})


class DiagramLink(_Model):
    """An arrow from one node to another."""

    start: str
    end: str


class DiagramBarrier(_Model):
    """A wall drawn under node ``at`` (for Semax: the blood–brain barrier the nasal pathway climbs over)."""

    at: str
    label: str


class DiagramSideRoute(_Model):
    """A second route drawn below the main lane, from ``start`` to ``end``, carrying a label claim
    (``claim_key``) with its citation: what the sources dispute is shown, not decided."""

    start: str
    end: str
    caption: str
    claim_key: str


class DiagramMainRoute(_Model):
    """The part of the main path from ``start`` to ``end`` that is a route claim of its own, with the
    caption saying whose claim it is (Semax: nose to brain, the original page's description)."""

    start: str
    end: str
    caption: str


class Diagram(_Model):
    """The mechanism diagram as data: lanes, nodes in column order, arrows (``links``; by default each
    node to the next), an optional barrier, an optional captioned main route and an optional side route.
    The stepper draws it generically."""

    lanes: tuple[DiagramLane, ...] = Field(min_length=1)
    nodes: tuple[DiagramNodeSpec, ...] = Field(min_length=1)
    links: tuple[DiagramLink, ...] | None = None
    barrier: DiagramBarrier | None = None
    side_route: DiagramSideRoute | None = None
    main_route: DiagramMainRoute | None = None

    @model_validator(mode="after")
    def _refs(self) -> Diagram:
        problems: list[tuple[str, str]] = []
        lanes = [lane.key for lane in self.lanes]
        problems += [(f"lanes[{i}].key", f"repeated key {k!r}") for i, k in enumerate(lanes) if k in lanes[:i]]
        keys = [n.key for n in self.nodes]
        problems += [(f"nodes[{i}].key", f"repeated key {k!r}") for i, k in enumerate(keys) if k in keys[:i]]
        problems += [(f"nodes[{i}].lane", f"unknown lane {n.lane!r} (lanes: {', '.join(lanes)})")
                     for i, n in enumerate(self.nodes) if n.lane not in lanes]
        refs = [(f"links[{i}].{end}", getattr(link, end))
                for i, link in enumerate(self.links or ()) for end in ("start", "end")]
        if self.barrier:
            refs.append(("barrier.at", self.barrier.at))
        if self.side_route:
            refs += [("side_route.start", self.side_route.start), ("side_route.end", self.side_route.end)]
        if self.main_route:
            refs += [("main_route.start", self.main_route.start), ("main_route.end", self.main_route.end)]
        problems += [(path, f"unknown node {k!r} (nodes: {', '.join(keys)})") for path, k in refs if k not in keys]
        if problems:
            raise _Problems(problems)
        return self

    @property
    def edges(self) -> list[tuple[str, str]]:
        """Every arrow as (start, end): the stated links, or each node to the next."""
        if self.links is not None:
            return [(link.start, link.end) for link in self.links]
        return [(a.key, b.key) for a, b in zip(self.nodes, self.nodes[1:], strict=False)]


class MechanismStep(Claim):
    """One step of the mechanism story; ``diagram_node`` is the node of the diagram it lights up."""

    number: int = Field(ge=1)
    key: str = Field(pattern=_SLUG)
    kicker: str
    title: str
    body: str
    diagram_node: str = Field(pattern=_SLUG)
    shows_sequence: bool = False  # the step is about what the molecule is: render the sequence's origin with it


class MechanismResult(Claim):
    """The closing 'so what' after the steps."""

    title: str
    body: str


class Mechanism(_Model):
    """How it is thought to work: one or more steps, numbered 1..N in order, each lighting one node of the
    diagram. ``diagram`` describes the drawing; without one, the diagram is one lane of the steps' own nodes."""

    summary: Statement
    steps: tuple[MechanismStep, ...] = Field(min_length=1)
    result: MechanismResult
    diagram: Diagram | None = None

    @field_validator("steps")
    @classmethod
    def _numbered_in_order(cls, steps: tuple[MechanismStep, ...]) -> tuple[MechanismStep, ...]:
        problems = [
            (f"[{i}].number", f"expected {i + 1}, got {s.number} (steps are numbered 1..{len(steps)} in order)")
            for i, s in enumerate(steps)
            if s.number != i + 1
        ]
        keys = [s.key for s in steps]
        problems += [(f"[{i}].key", f"repeated key {k!r}") for i, k in enumerate(keys) if k in keys[:i]]
        if problems:
            raise _Problems(problems)
        return steps

    @model_validator(mode="after")
    def _steps_on_the_diagram(self) -> Mechanism:
        if self.diagram is None:
            return self
        known = [n.key for n in self.diagram.nodes]
        problems = [(f"steps[{i}].diagram_node", f"unknown diagram node {s.diagram_node!r} (nodes: {', '.join(known)})")
                    for i, s in enumerate(self.steps) if s.diagram_node not in known]
        if problems:
            raise _Problems(problems)
        return self

    @property
    def drawing(self) -> Diagram:
        """The diagram to draw: the stated one, or one lane of the steps' nodes named by their steps' titles."""
        if self.diagram is not None:
            return self.diagram
        nodes: dict[str, DiagramNodeSpec] = {}
        for st in self.steps:
            nodes.setdefault(st.diagram_node, DiagramNodeSpec(key=st.diagram_node, label=st.title, lane="main"))
        return Diagram(lanes=(DiagramLane(key="main"),), nodes=tuple(nodes.values()))


# --------------------------------------------------------------------------- dosing


class DoseRow(Claim):
    """One row of the dose table as the seed page gives it. ``status`` is a review status the page
    attaches to this row alone (e.g. the standard dose's "proposed — pending dosing review")."""

    key: str = Field(pattern=_SLUG)
    label: str
    text: str
    status: str | None = None


class CommunityFigure(Claim):
    """An amount people or guide pages report, per dose or per day, in mcg. ``kind`` says what stands
    behind it: a guide page's stated amount, one person's own report, or a summary of many reports."""

    key: str = Field(pattern=_SLUG)
    label: str
    basis: Literal["per_dose", "per_day"]
    mcg: Span
    times_per_day: Span | None = None
    kind: Literal["guide", "first_hand", "summary"]
    route: str | None = None
    text: str

    @model_validator(mode="after")
    def _positive(self) -> CommunityFigure:
        if self.mcg.low <= 0:
            raise _Problems([("mcg.low", "must be above 0")])
        return self


class Dosing(_Model):
    """Community dose figures: the table rows plus the same numbers in structured form for charts and the
    calculator. Describes what people report; the book never recommends a dose.

    Two shapes, per compound: a per-day standard with how often it is split and how high many go
    (``standard_mcg_per_day``, ``split_min``/``split_max``, ``range_high_mcg_per_day``; Semax), and/or a
    list of reported amounts (``figures``), each per dose or per day. ``thinness`` says how little the
    figures rest on, where the notes say so."""

    rows: tuple[DoseRow, ...] = Field(min_length=1)
    standard_mcg_per_day: float | None = Field(default=None, gt=0)
    split_min: int | None = Field(default=None, ge=1)
    split_max: int | None = Field(default=None, ge=1)
    range_high_mcg_per_day: Span | None = None
    figures: tuple[CommunityFigure, ...] = ()
    thinness: Statement | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Dosing:
        problems: list[tuple[str, str]] = []
        legacy = {n: getattr(self, n)
                  for n in ("standard_mcg_per_day", "split_min", "split_max", "range_high_mcg_per_day")}
        given = [n for n, v in legacy.items() if v is not None]
        if given and len(given) != len(legacy):
            problems += [(n, "required with " + ", ".join(given) + " (a per-day standard needs its split and range)")
                         for n, v in legacy.items() if v is None]
        elif not given and not self.figures:
            problems.append(("figures", "give the community figures: a per-day standard (standard_mcg_per_day ...) "
                                        "or a list of reported amounts"))
        if len(given) == len(legacy):
            if self.split_min > self.split_max:  # type: ignore[operator]
                problems.append(("split_max", f"must be >= split_min ({self.split_min})"))
            if self.range_high_mcg_per_day.low < self.standard_mcg_per_day:  # type: ignore[union-attr]
                problems.append(("range_high_mcg_per_day.low", "must not be below standard_mcg_per_day"))
        bases = {f.basis for f in self.figures} | ({"per_day"} if given else set())
        if len(bases) > 1:
            problems.append(("figures", "all community figures must share one basis (per dose or per day), "
                                        "so they can be drawn on one axis"))
        keys = [r.key for r in self.rows]
        problems += [(f"rows[{i}].key", f"repeated key {k!r}") for i, k in enumerate(keys) if k in keys[:i]]
        fkeys = [f.key for f in self.figures]
        problems += [(f"figures[{i}].key", f"repeated key {k!r}") for i, k in enumerate(fkeys) if k in fkeys[:i]]
        if problems:
            raise _Problems(problems)
        return self

    def row(self, key: str) -> DoseRow:
        return _by_key(self.rows, key)

    def figure(self, key: str) -> CommunityFigure:
        return _by_key(self.figures, key)

    @property
    def has_standard(self) -> bool:
        """True when the community figures include a per-day standard (Semax's shape)."""
        return self.standard_mcg_per_day is not None

    @property
    def basis(self) -> Literal["per_dose", "per_day"]:
        """Whether the community figures are amounts per day or per dose (the dose chart's axis)."""
        if self.has_standard or not self.figures:
            return "per_day"
        return self.figures[0].basis

    @property
    def standard_status(self) -> str | None:
        """The review status of the standard figure (row ``standard``), shown wherever that figure is."""
        try:
            return self.row("standard").status
        except KeyError:
            return None

    @property
    def per_administration_mcg(self) -> tuple[float, float]:
        """The standard daily amount divided over the split: (smallest, largest) single administration."""
        if not self.has_standard:
            raise AttributeError("these community figures have no per-day standard to divide")
        return (self.standard_mcg_per_day / self.split_max, self.standard_mcg_per_day / self.split_min)  # type: ignore[operator]


# --------------------------------------------------------------------------- product label


class LabelStrength(Claim):
    """One strength of the labelled product. ``mg_per_ml`` must equal percent × 10 (w/v)."""

    percent: float = Field(gt=0)
    mg_per_ml: float = Field(gt=0)
    bottle_ml: float = Field(gt=0)
    form: str

    @model_validator(mode="after")
    def _percent_matches(self) -> LabelStrength:
        if abs(self.percent * 10 - self.mg_per_ml) > 1e-9:
            raise _Problems([("mg_per_ml",
                              f"{self.percent:g}% w/v is {self.percent * 10:g} mg/mL, not {self.mg_per_ml:g}")])
        return self


class LabelClaim(Claim):
    """Something the label asserts (reported as the label's claim, not as measured fact)."""

    key: str = Field(pattern=_SLUG)
    text: str
    value: Span | None = None
    unit: str | None = None


class LabelSchedule(Claim):
    """A labelled schedule. Kept so the book can show scale, never as a protocol.

    A label may give drops (per nostril, per administration or per day) and how often, amounts in mcg
    (``single_mcg`` per administration, ``daily_mcg`` per day), or both; and a course (``days``, or
    ``course_weeks`` with a ``break_weeks`` pause). No indication is assumed: ``indication`` and ``setting``
    are given only where the label states them. Amounts not stated are derived (:meth:`single_mg`,
    :meth:`daily_mg`) from drops with the label's drop size."""

    key: str = Field(pattern=_SLUG)
    name: str | None = None  # how charts name it ("Label's single dose"); default: by strength and setting
    strength_percent: float = Field(gt=0)
    drops_per_nostril: Span | None = None
    drops_per_administration: Span | None = None
    drops_per_day: Span | None = None
    times_per_day: Span | None = None
    single_mcg: Span | None = None
    daily_mcg: Span | None = None
    days: int | None = Field(default=None, ge=1)
    course_weeks: float | None = Field(default=None, gt=0)
    break_weeks: Span | None = None
    duration: str | None = None
    setting: str | None = None
    indication: str | None = None
    text: str

    @model_validator(mode="after")
    def _says_how_much(self) -> LabelSchedule:
        if self.daily_mg(1.0) is None and self.single_mg(1.0) is None:
            raise _Problems([("", "a schedule needs an amount: drops (per nostril with times a day, per "
                                  "administration or per day) or single_mcg / daily_mcg")])
        return self

    @property
    def mg_per_ml(self) -> float:
        return self.strength_percent * 10

    def _drops_mg(self, drops: Span, drop_ml: float) -> tuple[float, float]:
        return (round(drops.low * drop_ml * self.mg_per_ml, 6), round(drops.high * drop_ml * self.mg_per_ml, 6))

    def derived_single_mg(self, drop_ml: float) -> tuple[float, float] | None:
        """One administration worked out from drops (both nostrils), or None when the label gives no drops for it."""
        if self.drops_per_administration is not None:
            return self._drops_mg(self.drops_per_administration, drop_ml)
        if self.drops_per_nostril is not None:
            both = Span(low=self.drops_per_nostril.low * 2, high=self.drops_per_nostril.high * 2)
            return self._drops_mg(both, drop_ml)
        return None

    def derived_daily_mg(self, drop_ml: float) -> tuple[float, float] | None:
        """A day worked out from drops, or None when the label gives no drops for a day."""
        if self.drops_per_day is not None:
            return self._drops_mg(self.drops_per_day, drop_ml)
        if self.drops_per_nostril is not None and self.times_per_day is not None:
            low = self.drops_per_nostril.low * 2 * self.times_per_day.low * drop_ml * self.mg_per_ml
            high = self.drops_per_nostril.high * 2 * self.times_per_day.high * drop_ml * self.mg_per_ml
            return (round(low, 6), round(high, 6))
        return None

    def single_mg(self, drop_ml: float) -> tuple[float, float] | None:
        """One administration in mg: as the label states it, else derived from drops; None if neither."""
        if self.single_mcg is not None:
            return (self.single_mcg.low / 1000, self.single_mcg.high / 1000)
        return self.derived_single_mg(drop_ml)

    def daily_mg(self, drop_ml: float) -> tuple[float, float] | None:  # type: ignore[override]
        """A day in mg: as the label states it, else derived from drops (drops per nostril × 2 nostrils ×
        times a day × drop volume × concentration); None if neither."""
        if self.daily_mcg is not None:
            return (self.daily_mcg.low / 1000, self.daily_mcg.high / 1000)
        return self.derived_daily_mg(drop_ml)

    @property
    def derived(self) -> bool:
        """True when the daily amount is worked out from drops rather than stated in mcg."""
        return self.daily_mcg is None and self.single_mcg is None


class LabelFact(Claim):
    """A plain labelled fact such as a contraindication or a listed side effect."""

    key: str = Field(pattern=_SLUG)
    text: str


class DropStatement(_Model):
    """The label's own drop size: ``drops`` drops make ``ml`` mL (Selank: 4 drops = 0.2 mL)."""

    drops: int = Field(ge=1)
    ml: float = Field(gt=0)


class Label(_Model):
    """Official product labelling (for Semax: the Russian label as reproduced by pharmacy listings).

    Not a study. ``drop_ml`` converts drops to volume: either our stated assumption (``drop_basis:
    assumption``, Semax) or the label's own figure (``drop_basis: label`` with ``drop_stated``, Selank),
    and ``drop_ml_note`` says which in words. Amounts the label does not state are derived in code
    (:meth:`daily_mg`), not stored; where it states both drops and amounts, they must agree.
    """

    source_id: str
    note: str
    strengths: tuple[LabelStrength, ...] = Field(min_length=1)
    claims: tuple[LabelClaim, ...] = ()
    schedules: tuple[LabelSchedule, ...] = ()
    drop_ml: float = Field(gt=0)
    drop_basis: Literal["assumption", "label"] = "assumption"
    drop_stated: DropStatement | None = None
    drop_ml_note: str
    indications: tuple[LabelFact, ...] = ()
    contraindications: tuple[LabelFact, ...] = ()

    @model_validator(mode="after")
    def _schedules_use_listed_strengths(self) -> Label:
        strengths = {s.percent for s in self.strengths}
        problems = [
            (f"schedules[{i}].strength_percent", f"{s.strength_percent:g}% is not one of the listed strengths "
                                                 f"({', '.join(f'{p:g}%' for p in sorted(strengths))})")
            for i, s in enumerate(self.schedules)
            if s.strength_percent not in strengths
        ]
        if self.drop_basis == "label":
            if self.drop_stated is None:
                problems.append(("drop_stated",
                                 "required when drop_basis is 'label' (how many drops make how many mL)"))
            elif abs(self.drop_stated.ml / self.drop_stated.drops - self.drop_ml) > 1e-9:
                problems.append(("drop_ml", f"the label's {self.drop_stated.drops} drops = {self.drop_stated.ml:g} mL "
                                            f"make {self.drop_stated.ml / self.drop_stated.drops:g} mL a drop, "
                                            f"not {self.drop_ml:g}"))
        elif self.drop_stated is not None:
            problems.append(("drop_stated", "a stated drop size needs drop_basis: label"))
        # Where the label gives both drops and mcg, the two must agree at its drop size.
        for i, s in enumerate(self.schedules):
            for field, stated, derived in (("single_mcg", s.single_mcg, s.derived_single_mg(self.drop_ml)),
                                           ("daily_mcg", s.daily_mcg, s.derived_daily_mg(self.drop_ml))):
                if stated is not None and derived is not None and (
                        abs(stated.low - derived[0] * 1000) > 1e-6 or abs(stated.high - derived[1] * 1000) > 1e-6):
                    problems.append((f"schedules[{i}].{field}",
                                     f"{stated.low:g}–{stated.high:g} mcg disagrees with the drops, which come to "
                                     f"{derived[0] * 1000:g}–{derived[1] * 1000:g} mcg at {self.drop_ml:g} mL a drop"))
        keys = [s.key for s in self.schedules]
        problems += [(f"schedules[{i}].key", f"repeated key {k!r}") for i, k in enumerate(keys) if k in keys[:i]]
        if problems:
            raise _Problems(problems)
        return self

    def schedule(self, key: str) -> LabelSchedule:
        return _by_key(self.schedules, key)

    def daily_mg(self, key: str) -> tuple[float, float] | None:
        """Daily amount in mg of schedule ``key``: stated by the label, or derived with its drop size."""
        return self.schedule(key).daily_mg(self.drop_ml)

    def single_mg(self, key: str) -> tuple[float, float] | None:
        """One administration in mg of schedule ``key``: stated by the label, or derived with its drop size."""
        return self.schedule(key).single_mg(self.drop_ml)

    @property
    def drop_size_stated(self) -> bool:
        """True when the label itself fixes the drop size (no assumption is needed)."""
        return self.drop_basis == "label"

    @property
    def drop_words(self) -> str:
        """How the drop size is known, in words: 'assuming one drop is about 0.05 mL' or 'with the
        label's own drop size (4 drops = 0.2 mL, 0.05 mL a drop)'."""
        if self.drop_stated is not None:
            return (f"with the label's own drop size ({self.drop_stated.drops} drops = {self.drop_stated.ml:g} mL, "
                    f"{self.drop_ml:g} mL a drop)")
        return f"assuming one drop is about {self.drop_ml:g} mL"

    @property
    def stroke_daily_mg(self) -> tuple[float, float]:
        """Semax's in-hospital stroke schedule's daily amount in mg (derived; for scale only). Kept for
        Semax's chapters; a label without a ``stroke`` schedule raises AttributeError."""
        try:
            daily = self.daily_mg("stroke")
        except KeyError:
            raise AttributeError("this label has no schedule keyed 'stroke'") from None
        assert daily is not None
        return daily


# --------------------------------------------------------------------------- side effects


class SideEffect(Claim):
    """A reported side effect; rank 1 is the most reported."""

    rank: int = Field(ge=1)
    key: str = Field(pattern=_SLUG)
    name: str
    text: str


class SideEffects(_Model):
    """Community-reported side effects in order of how often they come up, an overall note, and what
    the product label itself lists."""

    ranked: tuple[SideEffect, ...] = Field(min_length=1)
    ranking_note: str | None = None
    # A source names the first as the most common even where the rest are in no order of frequency.
    first_is_most_common: bool = False
    overall: Statement
    label_listed: tuple[LabelFact, ...] = ()

    @field_validator("ranked")
    @classmethod
    def _ranked_in_order(cls, items: tuple[SideEffect, ...]) -> tuple[SideEffect, ...]:
        problems = [
            (f"[{i}].rank", f"expected {i + 1}, got {s.rank} (list them most-reported first, ranks 1..n)")
            for i, s in enumerate(items)
            if s.rank != i + 1
        ]
        if problems:
            raise _Problems(problems)
        return items


# --------------------------------------------------------------------------- stacking


class StackRole(Claim):
    """What each compound in a stack is used for."""

    compound: str
    role: str


class StackPattern(Claim):
    """One way people combine the stack (together, or split across the day)."""

    key: str = Field(pattern=_SLUG)
    text: str


class ScheduleBlock(Claim):
    """A block on the illustrative day timeline. ``hour`` only places the block on the drawing;
    the source says only ``time_of_day``, so ``illustrative`` must be true whenever an hour is given."""

    compound: str
    time_of_day: str
    hour: int = Field(ge=0, le=23)
    illustrative: bool

    @model_validator(mode="after")
    def _hour_is_illustrative(self) -> ScheduleBlock:
        if not self.illustrative:
            raise _Problems([("illustrative",
                              "must be true: the hour is a drawing position, not a timing from a source")])
        return self


class Stacking(_Model):
    """The usual partner compound and how people combine the two."""

    partner: str
    roles: tuple[StackRole, ...] = Field(min_length=1)
    patterns: tuple[StackPattern, ...] = ()
    schedule: tuple[ScheduleBlock, ...] = ()
    schedule_note: str


# --------------------------------------------------------------------------- evidence


class EvidencePoint(Claim):
    """One limit or strength of the evidence base, stated once for the evidence chapter."""

    key: str = Field(pattern=_SLUG)
    text: str


class Evidence(_Model):
    """The overall picture: the limits of the evidence and a one-line verdict."""

    points: tuple[EvidencePoint, ...] = Field(min_length=1)
    verdict: Statement


# --------------------------------------------------------------------------- calculator


class Calculator(_Model):
    """Starting values for the unit-conversion calculator. Example values, not a recommendation.

    The default dose is not stored: see :attr:`Compound.calculator_dose_mcg`, which derives it from
    the dosing chapter unless ``dose_mcg`` overrides it.
    """

    note: str
    route_note: str | None = None
    vial_mg: float = Field(gt=0)
    water_ml: float = Field(gt=0)
    dose_mcg: float | None = Field(default=None, gt=0)
    per_day: int = Field(ge=1)
    syringe: Literal["U-100", "U-50", "U-40"]
    capacity_ml: float = Field(gt=0)
    route: Literal["intranasal", "injection"]
    spray_ml: float = Field(gt=0)
    drop_ml: float = Field(gt=0)

    _identifier_fields: ClassVar[frozenset[str]] = frozenset({"syringe", "route"})


# --------------------------------------------------------------------------- the compound


def _walk_claims(obj: Any, path: str) -> Iterator[tuple[str, Claim]]:
    if isinstance(obj, Claim):
        yield path, obj
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _walk_claims(getattr(obj, name), _join_path(path, name))
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            yield from _walk_claims(item, f"{path}[{i}]")


# --------------------------------------------------------------------------- numbers inside prose

# A number written in prose must be one the file also holds in a structured field of the same record,
# so a sentence cannot drift from the figure it repeats (change "n: 24" and "24 volunteers" fails).
# Digits inside a name are not figures: after a capital and a hyphen (IL-6, COVID-19, IMR-32, LRS-003338)
# or after a slash that follows a letter or digit (C57BL/6, DBA/2, a registration number's /09).
_NUMBER = re.compile(r"(?<![A-Za-z0-9.])(?<![A-Z]-)(?<![A-Za-z0-9]/)\d+(?:\.\d+)?")
# Every digit run of an identifier (a registration number's /09 included) is a number the record holds.
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
# Fields that name or point at things rather than say something (their digits are not prose numbers).
_NOT_PROSE = frozenset({"id", "key", "source_id", "source_ids", "unit"})


def _identifiers(model: BaseModel) -> frozenset[str]:
    return getattr(type(model), "_identifier_fields", frozenset())


def _held_numbers(obj: Any, deep: bool = True) -> set[float]:
    """Numbers held in structured fields of ``obj`` (identifiers such as a volume count; prose does not).
    ``deep=False`` keeps to the object's own fields: scalars, spans and named figures, not its sub-records."""
    out: set[float] = set()
    if isinstance(obj, bool) or obj is None or isinstance(obj, (str, date, Enum)):
        return out
    if isinstance(obj, (int, float)):
        return {float(obj)}
    if isinstance(obj, dict):
        for v in obj.values():
            out |= _held_numbers(v, deep)
    elif isinstance(obj, (tuple, list)):
        if deep:
            for v in obj:
                out |= _held_numbers(v, deep)
    elif isinstance(obj, BaseModel):
        idents = _identifiers(obj)
        for name in type(obj).model_fields:
            v = getattr(obj, name)
            if isinstance(v, str):
                if name in idents:
                    out |= {float(x) for x in _DIGITS.findall(v)}
            elif name in idents and isinstance(v, tuple) and all(isinstance(x, str) for x in v):
                out |= {float(x) for item in v for x in _DIGITS.findall(item)}
            elif deep or not isinstance(v, BaseModel) or isinstance(v, Span):
                out |= _held_numbers(v, deep)
    return out


def _walk_prose(obj: Any, path: str, chain: tuple[BaseModel, ...]) -> Iterator[tuple[str, str, tuple[BaseModel, ...]]]:
    """(dotted path, prose text, the models enclosing it, outermost first) for every prose string."""
    if isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            yield from _walk_prose(item, f"{path}[{i}]", chain)
        return
    if not isinstance(obj, BaseModel) or isinstance(obj, Span):
        return
    chain = (*chain, obj)
    idents = _identifiers(obj)
    for name in type(obj).model_fields:
        if name in _NOT_PROSE or name in idents:
            continue
        v, sub = getattr(obj, name), _join_path(path, name)
        if isinstance(v, str):
            yield sub, v, chain
        elif isinstance(v, (tuple, list)) and v and all(isinstance(x, str) for x in v):
            for i, x in enumerate(v):
                yield f"{sub}[{i}]", x, chain
        else:
            yield from _walk_prose(v, sub, chain)


class Compound(_Model):
    """Everything the book says about one compound. Sections ``label`` and ``stacking`` are optional
    (not every compound has either); all others are required."""

    id: str = Field(pattern=_SLUG)
    metadata: Metadata
    identity: Identity
    mechanism: Mechanism
    dosing: Dosing
    label: Label | None = None
    side_effects: SideEffects
    stacking: Stacking | None = None
    evidence: Evidence
    calculator: Calculator
    sources: tuple[Source, ...]

    @model_validator(mode="after")
    def _cross_references(self) -> Compound:
        problems: list[tuple[str, str]] = []
        by_id: dict[str, Source] = {}
        for i, s in enumerate(self.sources):
            if s.id in by_id:
                problems.append((f"sources[{i}].id", f"repeated source id {s.id!r}"))
            by_id[s.id] = s
        known = ", ".join(sorted(by_id)) or "none"
        for path, claim in self.iter_claims():
            for j, sid in enumerate(claim.source_ids):
                if sid not in by_id:
                    problems.append((f"{path}.source_ids[{j}]", f"unknown source id {sid!r} (known: {known})"))
            cited = [by_id[sid].grade for sid in claim.source_ids if sid in by_id]
            if claim.grade not in UNSOURCED_GRADES and cited and claim.grade not in cited:
                problems.append((f"{path}.grade", f"grade {claim.grade.value!r} is not backed by any cited source "
                                                  f"(their grades: {', '.join(g.value for g in cited)})"))
        if self.label is not None:
            src = by_id.get(self.label.source_id)
            if src is None:
                problems.append(("label.source_id", f"unknown source id {self.label.source_id!r} (known: {known})"))
            elif src.kind != "label":
                problems.append(("label.source_id", f"source {src.id!r} is not a kind: label source"))
        route = self.mechanism.diagram.side_route if self.mechanism.diagram else None
        if route is not None and route.claim_key not in {k.key for k in (self.label.claims if self.label else ())}:
            problems.append(("mechanism.diagram.side_route.claim_key",
                             f"no label claim keyed {route.claim_key!r} to draw the route from"))
        if self.calculator.dose_mcg is None and not self.dosing.has_standard:
            problems.append(("calculator.dose_mcg", "required when the community figures give no per-day standard "
                                                    "to derive the starting dose from"))
        if not problems:
            problems += self._prose_number_problems(by_id)
        if problems:
            raise _Problems(problems)
        return self

    def _prose_number_problems(self, by_id: dict[str, Source]) -> list[tuple[str, str]]:
        """A number in prose must be held by its record: the nearest graded item or source around it
        (or the section, where there is none), that record's enclosing sections' own figures, the sources
        it cites, and the label section when it cites the label."""
        problems: list[tuple[str, str]] = []
        for path, text, chain in _walk_prose(self, "", ()):
            found = [float(x) for x in _NUMBER.findall(text)]
            if not found:
                continue
            at = max((i for i, m in enumerate(chain) if isinstance(m, (Claim, Source))), default=len(chain) - 1)
            record = chain[at]
            held = _held_numbers(record)
            for outer in chain[:at]:
                held |= _held_numbers(outer, deep=False)
            cites = (record.source_ids if isinstance(record, Claim)
                     else (record.id,) if isinstance(record, Source) else ())
            for sid in cites:
                if sid in by_id:
                    held |= _held_numbers(by_id[sid])
                # The label source's figures live in the label section; inside that section a record
                # answers to its own fields only.
                if self.label is not None and sid == self.label.source_id and chain[1:2] != (self.label,):
                    held |= _held_numbers(self.label)
            stray = sorted({x for x in found if not any(abs(x - h) < 1e-9 for h in held)})
            if stray:
                problems.append((path, f"the number(s) {', '.join(f'{x:g}' for x in stray)} in this text match no "
                                       "structured field of its record; state the figure in a field and keep the "
                                       "prose in step with it"))
        return problems

    # -- navigation

    def iter_claims(self) -> Iterator[tuple[str, Claim]]:
        """Every graded item in the file with its dotted path (e.g. ``dosing.rows[2]``), in file order.

        Source ids are cross-checked only once every field parsed; a file with field errors reports
        those first."""
        for name in type(self).model_fields:
            if name != "sources":
                yield from _walk_claims(getattr(self, name), name)

    @property
    def sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    def source(self, source_id: str) -> Source:
        return self.sources_by_id[source_id]

    def sources_for(self, item: Claim) -> list[Source]:
        """The Source objects an item cites, in the order it cites them."""
        by_id = self.sources_by_id
        return [by_id[s] for s in item.source_ids]

    @property
    def studies(self) -> list[Source]:
        """Sources that are studies (not labelling), in file order."""
        return [s for s in self.sources if s.kind == "study"]

    # -- derived numbers

    @property
    def community_daily_range_mcg(self) -> tuple[float, float]:
        """(standard daily amount, upper end of the 'many run up to' range), e.g. (300.0, 600.0).
        Only for community figures with a per-day standard; AttributeError otherwise."""
        d = self.dosing
        if not d.has_standard:
            raise AttributeError(f"{self.id}: the community figures give no per-day standard and range")
        return (float(d.standard_mcg_per_day), float(d.range_high_mcg_per_day.high))  # type: ignore[arg-type,union-attr]

    @property
    def schedule_multiples_of_community(self) -> dict[str, tuple[float, float]]:
        """Schedule key → how many times the per-day community standard its daily amount comes to (for
        scale). Empty when there is no label or no per-day standard; schedules without a daily amount are left out."""
        if self.label is None or not self.dosing.has_standard:
            return {}
        std = float(self.dosing.standard_mcg_per_day)  # type: ignore[arg-type]
        out = {}
        for s in self.label.schedules:
            daily = s.daily_mg(self.label.drop_ml)
            if daily is not None:
                out[s.key] = (round(daily[0] * 1000 / std, 6), round(daily[1] * 1000 / std, 6))
        return out

    @property
    def stroke_multiple_of_community(self) -> tuple[float, float]:
        """How many times the standard community daily amount Semax's label stroke schedule comes to.
        Kept for Semax's chapters; see :attr:`schedule_multiples_of_community` for any compound."""
        if self.label is None:
            raise AttributeError(f"{self.id} has no label section")
        multiples = self.schedule_multiples_of_community
        if "stroke" not in multiples:
            raise AttributeError(f"{self.id}: no 'stroke' schedule with a per-day community standard to compare")
        return multiples["stroke"]

    @property
    def registration_status(self) -> str | None:
        """'Russia: registered (may have been withdrawn; not confirmed)' for each registration.

        None when none is recorded."""
        regs = self.identity.registration
        return "; ".join(f"{r.region}: {r.status_words}" for r in regs) if regs else None

    @property
    def calculator_dose_mcg(self) -> float:
        """Calculator's starting dose per administration: the standard daily amount over ``per_day``
        (unless the calculator section overrides it)."""
        if self.calculator.dose_mcg is not None:
            return float(self.calculator.dose_mcg)
        return self.dosing.standard_mcg_per_day / self.calculator.per_day  # type: ignore[operator]

    @property
    def calculator_defaults(self) -> dict[str, Any]:
        """Flat dict of every calculator starting value, including the derived ``dose_mcg``."""
        d = self.calculator.model_dump(exclude={"note", "route_note"})
        d["dose_mcg"] = self.calculator_dose_mcg
        return d

    def calculator_inputs(self) -> dict[str, Any]:
        """The calculator's starting inputs, keyed as :func:`explainer.reconstitution.calculate` reads
        them (amounts in mg for the vial and mcg for the dose). Nothing about reported doses: the
        calculator only converts units."""
        d = self.calculator_defaults
        return {
            "vial_amount": d["vial_mg"],
            "vial_unit": "mg",
            "water_ml": d["water_ml"],
            "dose_amount": d["dose_mcg"],
            "dose_unit": "mcg",
            "syringe": d["syringe"],
            "capacity_ml": d["capacity_ml"],
            "per_day": d["per_day"],
            "route": d["route"],
            "spray_ml": d["spray_ml"],
        }


# --------------------------------------------------------------------------- loading


class _UniqueKeyLoader(yaml.SafeLoader):
    """Safe YAML loader that rejects a key written twice in one mapping (YAML silently keeps the last)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _format_errors(fname: str, err: ValidationError) -> list[str]:
    lines: list[str] = []
    for e in err.errors():
        base = _loc_to_path(tuple(e["loc"]))
        exc = (e.get("ctx") or {}).get("error")
        if isinstance(exc, _Problems):
            for rel, msg in exc.items:
                lines.append(f"{fname}: {_join_path(base, rel) or '(top level)'}: {msg}")
            continue
        msg = e["msg"]
        if e["type"] == "value_error" and msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        lines.append(f"{fname}: {base or '(top level)'}: {msg}")
    return lines


def _resolve(name_or_path: str | Path) -> Path:
    if isinstance(name_or_path, Path) or "/" in name_or_path or name_or_path.endswith((".yaml", ".yml")):
        return Path(name_or_path).expanduser().resolve()
    return (DATA_DIR / f"{name_or_path}.yaml").resolve()


def available_compounds() -> list[str]:
    """Names accepted by :func:`load_compound`: the ``*.yaml`` files in ``src/explainer/data``."""
    return sorted(p.stem for p in DATA_DIR.glob("*.yaml"))


def load_compound(name_or_path: str | Path) -> Compound:
    """Load and validate a compound by name (``"semax"``) or by path to a YAML file.

    Results are cached per resolved path (notebooks call this often); call :func:`clear_cache`
    after editing a file in a running kernel. Raises :class:`ContentError` if the file is invalid
    and ``FileNotFoundError`` if it does not exist.
    """
    path = _resolve(name_or_path)
    if not path.is_file():
        raise FileNotFoundError(
            f"no compound file {path} (available by name: {', '.join(available_compounds()) or 'none'})"
        )
    return _load_path(path)


@functools.cache
def _load_path(path: Path) -> Compound:
    fname = path.name
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 (safe loader subclass)
    except yaml.YAMLError as exc:
        raise ContentError([f"{fname}: (yaml): {exc}"]) from exc
    if not isinstance(raw, dict):
        raise ContentError([f"{fname}: (top level): expected a mapping of sections, got {type(raw).__name__}"])
    try:
        return Compound.model_validate(raw)
    except ValidationError as exc:
        raise ContentError(_format_errors(fname, exc)) from exc


def as_compound(compound_or_name: Compound | str | Path) -> Compound:
    """Accept a loaded :class:`Compound` or anything :func:`load_compound` takes (``"semax"``, a path)."""
    return compound_or_name if isinstance(compound_or_name, Compound) else load_compound(compound_or_name)


def clear_cache() -> None:
    """Forget cached compounds (e.g. after editing a YAML file in a running notebook)."""
    _load_path.cache_clear()
