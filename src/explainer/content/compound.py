"""One compound: every section of its data file, the checks that span sections (source ids, grades
backed by their sources, numbers in prose), and the numbers the book derives from the stored facts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, Field, model_validator

from .base import SLUG, Claim, ContentModel, Problems, join_path
from .calculator import Calculator
from .checks import prose_number_problems
from .dosing import Dosing
from .evidence import Evidence
from .identity import Identity, Metadata
from .label import Label
from .mechanism import Mechanism
from .side_effects import SideEffects
from .sources import Source
from .stacking import Stacking
from .vocabulary import STUDY_GRADES, UNSOURCED_GRADES, Checked, Grade


def _walk_claims(obj: Any, path: str) -> Iterator[tuple[str, Claim]]:
    if isinstance(obj, Claim):
        yield path, obj
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _walk_claims(getattr(obj, name), join_path(path, name))
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            yield from _walk_claims(item, f"{path}[{i}]")


class Compound(ContentModel):
    """Everything the book says about one compound. Sections ``label`` and ``stacking`` are optional
    (not every compound has either); all others are required."""

    id: str = Field(pattern=SLUG)
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
            read = [by_id[sid] for sid in claim.source_ids if sid in by_id and by_id[sid].is_read]
            if claim.grade in STUDY_GRADES and not any(s.grade is claim.grade for s in read):
                problems.append((f"{path}.grade", f"a {claim.grade.value!r} badge needs a cited source of that kind "
                                                  "whose details were read"))
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
            problems += prose_number_problems(self, by_id, self.label)
        if problems:
            raise Problems(problems)
        for _, claim in self.iter_claims():  # the second half of every badge, from the sources it cites
            claim._checked = self.checked_of(claim)
            claim._kinds = self.kinds_of(claim)
            # how many sources it cites, so the listings-only note can say 'its' or 'both'
            claim._listings_only = len(claim.source_ids) if self.listings_only(claim) else 0
        return self

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

    # -- what a claim's badge may say

    def checked_of(self, item: Claim) -> tuple[Checked, ...]:
        """What the book checked behind this claim's badge (its second half): one level per source it cites,
        each level once per kind of evidence, in citation order, so a badge never says more, or less, than each
        source was read.

        An original page's statement starts with the page's own word, whatever source is cited beside it. Empty
        for a claim with no source that is not the page's word (users' reports, background, the book's own
        search): there is no source to have read."""
        return tuple(level for level, _ in self._level_kinds(item))

    def _level_kinds(self, item: Claim) -> list[tuple[Checked, Grade]]:
        """Each level behind the badge with the kind of evidence read at it: the page's own word and what the
        claim rests on under the claim's kind, each source under its own kind (the first under the claim's)."""
        pairs = [(Checked.original_page, item.grade)] if item.grade is Grade.original_page else []
        if item.grade is Grade.search:
            pairs.append((Checked.own_search, item.grade))
        srcs = self.sources_for(item)
        before: list[tuple[Checked, Grade]] = []
        after: list[tuple[Checked, Grade]] = []
        for i, level in enumerate(item.rests_on):
            if srcs and level is Checked.original_page and item.grade is not Grade.original_page:
                # a sourced claim that also repeats the page's words: the page's statement after its sources
                after.append((level, Grade.original_page))
            elif srcs and level is Checked.own_search and item.grade is not Grade.search:
                # a sourced claim that also states what the search did not find: that finding after its sources
                after.append((level, Grade.search))
            else:
                # The book's own search has its own level already; what it also rests on is the page's statement.
                # So is a second thing a claim rests on when that is the page's word (background it argues from).
                also_page = level is Checked.original_page and (item.grade is Grade.search or i > 0)
                before.append((level, Grade.original_page if also_page
                               else Grade.search if level is Checked.own_search else item.grade))
        pairs += before
        for s in srcs:
            pairs.append((s.checked_level, s.grade if pairs else item.grade))
        pairs += after
        # A level repeats only under another kind (a lab study and a human trial, both read in abstracts).
        return list(dict.fromkeys(pairs))

    def kinds_of(self, item: Claim) -> tuple[Grade, ...]:
        """The kind of evidence each of ``checked_of(item)``'s levels belongs to."""
        return tuple(kind for _, kind in self._level_kinds(item))

    def citations(self, item: Claim) -> str:
        """The claim's citations, each with every flag; when its sources were read to different levels, each
        also says how far it was read, so the badge's levels can be told apart source by source."""
        srcs = self.sources_for(item)
        mixed = len(set(self.checked_of(item))) > 1
        # A level the citation's own flags already name (a probably matching abstract) is not said twice.
        return "; ".join(s.inline_citation + (f": {s.checked_words_short}" if mixed and s.checked_words_short
                                              not in s.inline_citation else "") for s in srcs)

    @staticmethod
    def who_gives(items: Any, verb: str = "") -> str:
        """Who a list of claims comes from, for the sentence that introduces it: 'the original page' when every
        item rests on the page's word alone, else 'the sources'; with a verb ('gives'), the verb agrees."""
        items = list(items)
        page_only = bool(items) and all(set(i.checked_levels) == {Checked.original_page} for i in items)
        who = "the original page" if page_only else "the sources"
        return f"{who} {verb if page_only else verb.removesuffix('s')}" if verb else who

    def listings_only(self, item: Claim) -> bool:
        """True when every source the claim cites is known only from third-party lists: every output says so."""
        srcs = self.sources_for(item)
        return bool(srcs) and all(s.checked_level is Checked.third_party for s in srcs)

    @property
    def read_studies(self) -> list[Source]:
        """Studies whose own text the book read (what the counts count)."""
        return [s for s in self.studies if s.is_read]

    @property
    def unread_studies(self) -> list[Source]:
        """Studies listed but not read (third-party lists or the original page's word only), shown apart."""
        return [s for s in self.studies if not s.is_read]

    @property
    def studies(self) -> list[Source]:
        """Sources that are studies (not labelling), in file order."""
        return [s for s in self.sources if s.kind == "study"]

    # -- derived numbers

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
    def calculator_dose_mcg(self) -> float:
        """Calculator's starting dose per administration: the standard daily amount over ``per_day``
        (unless the calculator section overrides it)."""
        if self.calculator.dose_mcg is not None:
            return float(self.calculator.dose_mcg)
        return self.dosing.standard_mcg_per_day / self.calculator.per_day  # type: ignore[operator]

    @property
    def calculator_defaults(self) -> dict[str, Any]:
        """Flat dict of every calculator starting value, including the derived ``dose_mcg``."""
        d = self.calculator.model_dump(exclude={"note", "route_note", "start_basis"})
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
