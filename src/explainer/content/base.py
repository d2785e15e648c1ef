"""The building blocks every content model shares: the read-only base model, the error a bad file
raises and how a fault names its field, a low–high span, and a graded claim."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from .vocabulary import UNSOURCED_GRADES, Checked, Grade
from .wording import ClaimWording


class ContentError(ValueError):
    """A data file failed validation. ``problems`` holds one ``<file>: <path>: <msg>`` line per fault."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class Problems(ValueError):
    """Raised inside validators to report faults at paths *below* the model being validated.

    Pydantic only knows the location of the model itself; the loader appends these relative
    paths so the final message points at the exact field (e.g. ``...rows[2].source_ids[0]``).
    """

    def __init__(self, items: list[tuple[str, str]]):
        self.items = items
        super().__init__("; ".join(f"{p}: {m}" if p else m for p, m in items))


def join_path(base: str, rel: str) -> str:
    if not rel:
        return base
    if not base:
        return rel
    return base + rel if rel.startswith("[") else f"{base}.{rel}"


def loc_to_path(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path = join_path(path, str(part))
    return path


class ContentModel(BaseModel):
    """Base for every content model: unknown keys are errors (typos fail) and loaded content is read-only
    (the loader caches one instance per file, shared by every notebook)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


SLUG = r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$"


def by_key(items: tuple[Any, ...], key: str) -> Any:
    """The first item with this ``key`` in a section."""
    for item in items:
        if item.key == key:
            return item
    raise KeyError(key)


class Span(ContentModel):
    """A low–high pair from the sources (e.g. 500–600 mcg/day). Equal ends are allowed."""

    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.low > self.high:
            raise Problems([("high", f"must be >= low ({self.low})")])
        return self

    def as_tuple(self) -> tuple[float, float]:
        return (self.low, self.high)


class Claim(ClaimWording, ContentModel):
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
    # What the book checked of the sources behind the badge; set by the compound once all sources are known.
    # What the claim rests on when that is not a cited source: the original page's account (Semax's community
    # reports), a page read but not listed as a source, the book's own search, or general knowledge.
    # A list when the claim rests on two things (general knowledge the original page also argues from).
    rests_on: tuple[Checked, ...] = ()
    _checked: Any = PrivateAttr(default=None)
    _kinds: Any = PrivateAttr(default=None)
    _listings_only: int = PrivateAttr(default=0)  # how many sources, when all are third-party listings

    @field_validator("rests_on", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return () if value is None else (value,) if isinstance(value, (str, Checked)) else value

    @model_validator(mode="after")
    def _sourced_unless_community(self) -> Claim:
        if not self.source_ids and self.grade not in UNSOURCED_GRADES:
            raise Problems(
                [("source_ids", f"an item graded {self.grade.value!r} needs at least one source id "
                                f"(only {', '.join(sorted(g.value for g in UNSOURCED_GRADES))} items may have none)")]
            )
        # Every badge has two halves: a claim citing no source says what it rests on instead.
        if (not self.source_ids and not self.rests_on
                and self.grade not in (Grade.original_page, Grade.search)):
            raise Problems([("rests_on", f"an item graded {self.grade.value!r} with no source id must say what it "
                                      "rests on (rests_on: original_page, page, general_knowledge, ...)")])
        return self


class Statement(Claim):
    """A graded piece of prose (a summary, a verdict, a note)."""

    text: str
