"""What the compound is: the book's title text, its uses, routes, variants, official status and sequence."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from .base import SLUG, Claim, ContentModel, Problems, Span
from .wording import RegistrationWording


class Metadata(ContentModel):
    """Book-level text for this compound."""

    title: str
    subtitle: str
    last_reviewed: date


class Use(Claim):
    """One reason people take the compound, with whether it is among the most reported / officially approved."""

    key: str = Field(pattern=SLUG)
    label: str
    text: str
    most_reported: bool = False
    approved: bool = False


class RouteFact(Claim):
    """A fact about how the compound is taken."""

    key: str = Field(pattern=SLUG)
    text: str


class Variant(Claim):
    """A modified form people mention (e.g. N-Acetyl Semax amidate)."""

    name: str
    text: str


class ApprovalFact(Claim):
    """Where and how the compound is used officially versus by the community."""

    key: str = Field(pattern=SLUG)
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
            raise Problems([("origin", f"must spell out the sequence {self.text}")])
        return self

    @property
    def text(self) -> str:
        """'Met-Glu-His-Phe-Pro-Gly-Pro'."""
        return "-".join(self.residues)


class AboutFact(Claim):
    """A graded fact about what the compound is or where it comes from (its parent molecule, who made it)."""

    key: str = Field(pattern=SLUG)
    label: str
    text: str


class RegistrationDoubt(Claim):
    """A report that a registration may have ended. Never confirmed: ``confirmed`` exists to say so."""

    text: str
    confirmed: Literal[False] = False


class Registration(RegistrationWording, Claim):
    """The compound's status as a medicine in one place, as data: registered or not, the registration
    number where a source shows one, and any unconfirmed report that it was withdrawn."""

    key: str = Field(pattern=SLUG)
    region: str
    status: Literal["registered", "in_clinical_use", "not_registered", "unknown"]
    number: str | None = None
    text: str
    doubt: RegistrationDoubt | None = None

    _identifier_fields: ClassVar[frozenset[str]] = frozenset({"region", "number"})


class Identity(ContentModel):
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

    def registration_lead(self, reg: Registration) -> str:
        """A registration's lead: its region and status with the doubt; only 'the state register' when the
        approval table beside it already states that region's status; the region alone when the registration's
        own sentence states the status (one status, said once)."""
        if any(a.region == reg.region for a in self.approval):
            return f"{reg.region}, the state register"
        if reg.states_status:
            return reg.region
        return f"{reg.region}: {reg.status_words}"

    def registration_sentence(self, reg: Registration) -> str:
        """A registration's text as shown after its lead: where the text states the status itself, its doubt
        joins the same sentence, pointing to the doubt's own graded item that follows it."""
        if any(a.region == reg.region for a in self.approval) or not reg.states_status or reg.doubt is None:
            return reg.text
        return f"{reg.text.rstrip('.')}; {reg.doubt_clause} (see below)."

