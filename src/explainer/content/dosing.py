"""What people report taking: the dose table and the community figures in structured form."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .base import SLUG, Claim, ContentModel, Problems, Span, Statement, by_key
from .wording import DosingWording


class DoseRow(Claim):
    """One row of the dose table as the seed page gives it. ``status`` is a review status the page
    attaches to this row alone (e.g. the standard dose's "proposed — pending dosing review")."""

    key: str = Field(pattern=SLUG)
    label: str
    text: str
    status: str | None = None


class CommunityFigure(Claim):
    """An amount people or guide pages report, per dose or per day, in mcg. ``kind`` says what stands
    behind it: a guide page's stated amount, one person's own report, or a summary of many reports."""

    key: str = Field(pattern=SLUG)
    label: str
    basis: Literal["per_dose", "per_day"]
    mcg: Span
    times_per_day: Span | None = None
    kind: Literal["guide", "first_hand", "summary"]
    route: str | None = None
    # A qualification short enough to travel with the figure's label on a chart (e.g. how a post is worded).
    short_note: str | None = None
    # True when the source gives the amount as "about" it (the forum post's "about 330").
    approximate: bool = False
    text: str

    @model_validator(mode="after")
    def _positive(self) -> CommunityFigure:
        if self.mcg.low <= 0:
            raise Problems([("mcg.low", "must be above 0")])
        return self


class Dosing(DosingWording, ContentModel):
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
            raise Problems(problems)
        return self

    def row(self, key: str) -> DoseRow:
        return by_key(self.rows, key)

    def figure(self, key: str) -> CommunityFigure:
        return by_key(self.figures, key)

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
