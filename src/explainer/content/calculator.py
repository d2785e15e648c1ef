"""Starting values for the unit-conversion calculator (examples, never a recommendation)."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from .base import ContentModel, Statement


class Calculator(ContentModel):
    """Starting values for the unit-conversion calculator. Example values, not a recommendation.

    The default dose is not stored: see :attr:`Compound.calculator_dose_mcg`, which derives it from
    the dosing chapter unless ``dose_mcg`` overrides it.
    """

    note: str
    # Where the starting values come from, graded, when they are not the dosing chapter's standard figure.
    start_basis: Statement | None = None
    # What the route switch's hint says about how the compound is taken, graded like any claim.
    route_note: Statement | None = None
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

