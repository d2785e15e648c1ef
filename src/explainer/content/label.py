"""The official product label: strengths, claims, schedules (for scale, never as a protocol) and
the drop size that turns drops into amounts."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .base import SLUG, Claim, ContentModel, Problems, Span, by_key
from .wording import LabelWording


class LabelStrength(Claim):
    """One strength of the labelled product. ``mg_per_ml`` must equal percent × 10 (w/v)."""

    percent: float = Field(gt=0)
    mg_per_ml: float = Field(gt=0)
    bottle_ml: float = Field(gt=0)
    form: str

    @model_validator(mode="after")
    def _percent_matches(self) -> LabelStrength:
        if abs(self.percent * 10 - self.mg_per_ml) > 1e-9:
            raise Problems([("mg_per_ml",
                              f"{self.percent:g}% w/v is {self.percent * 10:g} mg/mL, not {self.mg_per_ml:g}")])
        return self


class LabelClaim(Claim):
    """Something the label asserts (reported as the label's claim, not as measured fact)."""

    key: str = Field(pattern=SLUG)
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

    key: str = Field(pattern=SLUG)
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
            raise Problems([("", "a schedule needs an amount: drops (per nostril with times a day, per "
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

    key: str = Field(pattern=SLUG)
    text: str


class DropStatement(ContentModel):
    """The label's own drop size: ``drops`` drops make ``ml`` mL (Selank: 4 drops = 0.2 mL)."""

    drops: int = Field(ge=1)
    ml: float = Field(gt=0)


class Label(LabelWording, ContentModel):
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
            raise Problems(problems)
        return self

    def schedule(self, key: str) -> LabelSchedule:
        return by_key(self.schedules, key)

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
