"""The overall picture of the evidence: its limits and strengths, and a one-line verdict."""

from __future__ import annotations

from pydantic import Field

from .base import SLUG, Claim, ContentModel, Statement


class EvidencePoint(Claim):
    """One limit or strength of the evidence base, stated once for the evidence chapter."""

    key: str = Field(pattern=SLUG)
    text: str


class Evidence(ContentModel):
    """The overall picture: the limits of the evidence and a one-line verdict."""

    points: tuple[EvidencePoint, ...] = Field(min_length=1)
    verdict: Statement

