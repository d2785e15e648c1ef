"""The usual partner compound, what each is used for in the stack and how people combine the two."""

from __future__ import annotations

from pydantic import Field, model_validator

from .base import SLUG, Claim, ContentModel, Problems, Statement


class StackRole(Claim):
    """What each compound in a stack is used for."""

    compound: str
    role: str


class StackPattern(Claim):
    """One way people combine the stack (together, or split across the day)."""

    key: str = Field(pattern=SLUG)
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
            raise Problems([("illustrative",
                              "must be true: the hour is a drawing position, not a timing from a source")])
        return self


class Stacking(ContentModel):
    """The usual partner compound and how people combine the two."""

    partner: str
    roles: tuple[StackRole, ...] = Field(min_length=1)
    patterns: tuple[StackPattern, ...] = ()
    schedule: tuple[ScheduleBlock, ...] = ()
    # Graded like any statement: the timing comes from the original page, its absence from the book's search.
    schedule_note: Statement

