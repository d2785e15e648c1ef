"""What users report after taking the compound, and what the label lists."""

from __future__ import annotations

from pydantic import Field, field_validator

from .base import SLUG, Claim, ContentModel, Problems, Statement
from .label import LabelFact


class SideEffect(Claim):
    """A reported side effect; rank 1 is the most reported."""

    rank: int = Field(ge=1)
    key: str = Field(pattern=SLUG)
    name: str
    text: str


class SideEffects(ContentModel):
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
            raise Problems(problems)
        return items

