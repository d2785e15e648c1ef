"""The prose-number check: a number written in prose must be one its record also holds in a
structured field, so a sentence cannot drift from the figure it repeats."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel

from .base import Claim, Span, join_path
from .sources import Source

# A number written in prose must be one the file also holds in a structured field of the same record,
# so a sentence cannot drift from the figure it repeats (change "n: 24" and "24 volunteers" fails).
# Digits inside a name are not figures: after a capital and a hyphen (IL-6, COVID-19, IMR-32, LRS-003338)
# or after a slash that follows a letter or digit (C57BL/6, DBA/2, a registration number's /09).
NUMBER = re.compile(r"(?<![A-Za-z0-9.])(?<![A-Z]-)(?<![A-Za-z0-9]/)\d+(?:\.\d+)?")
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
        # wrong answers of a self-check are false on purpose: their numbers hold nothing and need no field
        if name in _NOT_PROSE or name in idents or name in getattr(type(obj), "_wrong_on_purpose", ()):
            continue
        v, sub = getattr(obj, name), join_path(path, name)
        if isinstance(v, str):
            yield sub, v, chain
        elif isinstance(v, (tuple, list)) and v and all(isinstance(x, str) for x in v):
            for i, x in enumerate(v):
                yield f"{sub}[{i}]", x, chain
        else:
            yield from _walk_prose(v, sub, chain)


def prose_number_problems(root: BaseModel, by_id: dict[str, Source],
                          label: Any) -> list[tuple[str, str]]:
    """A number in prose must be held by its record: the nearest graded item or source around it
    (or the section, where there is none), that record's enclosing sections' own figures, the sources
    it cites, and the label section when it cites the label."""
    problems: list[tuple[str, str]] = []
    for path, text, chain in _walk_prose(root, "", ()):
        found = [float(x) for x in NUMBER.findall(text)]
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
            if label is not None and sid == label.source_id and chain[1:2] != (label,):
                held |= _held_numbers(label)
        stray = sorted({x for x in found if not any(abs(x - h) < 1e-9 for h in held)})
        if stray:
            problems.append((path, f"the number(s) {', '.join(f'{x:g}' for x in stray)} in this text match no "
                                   "structured field of its record; state the figure in a field and keep the "
                                   "prose in step with it"))
    return problems
