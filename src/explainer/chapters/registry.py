"""The chapter registry: every chapter declared once.

A chapter is its key (the name of its template, deck, handout and self-check), the file name of its page, its
title, its sections (a heading each, whose anchor is MyST's own slug of it) and what its page, deck, handout and
self-check show. The generator (``explainer.chapters.generate``), the decks and handouts
(``explainer.classroom``), the self-check questions and the landing page's links all read this table; none of
them names a chapter of its own.

Adding a chapter: one entry here and one template, ``src/explainer/templates/chapters/<key>.md``; then
``make chapters``. Its deck and handout show the parts named in ``deck`` and ``handout`` (each part is a
function in ``explainer.classroom.slides.PARTS`` or ``explainer.classroom.handouts.PARTS``), and its self-check
asks the kinds of question named in ``questions`` (``explainer.classroom.quiz.KINDS``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from myst_parser.mdit_to_docutils.base import default_slugify

from ..content import Compound, as_compound

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "chapters"


def _always(c: Compound) -> bool:
    return True


@dataclass(frozen=True)
class Section:
    """A heading of a chapter's page: fixed words, or words chosen from the compound's data."""

    key: str
    heading: str | Callable[[Compound], str]

    def title(self, c: Compound) -> str:
        return self.heading if isinstance(self.heading, str) else self.heading(c)

    def anchor(self, c: Compound) -> str:
        """The heading's anchor on the built page: MyST's own slug of the words."""
        return default_slugify(self.title(c))


@dataclass(frozen=True)
class Question:
    """A kind of self-check question and the section that answers it (``"chapter/section"`` for another
    chapter's page)."""

    kind: str
    section: str


@dataclass(frozen=True)
class Chapter:
    key: str
    title: str  # "{name}" and "{partner}" are filled from the compound
    slug: str | None = None  # its page under notebooks/<compound>/; None: no page (a deck and handout only)
    sections: tuple[Section, ...] = ()
    deck: tuple[str, ...] = ()
    handout: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    applies: Callable[[Compound], bool] = _always
    link: str = ""  # how the landing page names the chapter in its list; "" leaves it out of that list
    templates: Path = TEMPLATES  # the folder of its template, <key>.md

    def heading(self, c: Compound) -> str:
        return self.title.format(name=c.identity.name, partner=c.stacking.partner if c.stacking else "")

    @property
    def template(self) -> Path:
        return self.templates / f"{self.key}.md"

    def section(self, key: str) -> Section:
        found = next((s for s in self.sections if s.key == key), None)
        if found is None:
            raise KeyError(f"chapter {self.key!r} has no section {key!r}; its sections are "
                           f"{', '.join(s.key for s in self.sections)}")
        return found


def headings(**sections: str | Callable[[Compound], str]) -> tuple[Section, ...]:
    """A chapter's sections, in order: key=heading."""
    return tuple(Section(key, heading) for key, heading in sections.items())


def locator_heading(c: Compound) -> str:
    """The dosing chapter's section on the locator, named for what the figures are: daily totals or doses."""
    return "Where a daily total sits" if c.dosing.basis == "per_day" else "Where a single dose sits"


def sequence_heading(c: Compound) -> str:
    """The what-it-is chapter's section on variants and the sequence, named for what it holds."""
    v, q = c.identity.variants, c.identity.sequence
    return ("Variants and the sequence" if v and q else "Variants" if v else "The sequence")


def status_heading(c: Compound) -> str:
    """The what-it-is chapter's section on status: a doubted registration is doubted in the heading too."""
    doubted = any(r.doubt is not None for r in c.identity.registration)
    # it names no status the sources do not give: what holds elsewhere is the section's to say, region by region
    return ("Where it stands as a medicine (now in doubt), and elsewhere" if doubted
            else "Where it stands as a medicine, and elsewhere")


def step_heading(step: Any) -> str:
    """A mechanism step's own section on the mechanism page: its kicker, capitalised."""
    return step.kicker[:1].upper() + step.kicker[1:]


def step_href(step: Any) -> tuple[str, str]:
    """A mechanism step's heading and its anchor on the mechanism page."""
    heading = step_heading(step)
    return heading, f"#{default_slugify(heading)}"


def _has_label_contraindications(c: Compound) -> bool:
    return c.label is not None and bool(c.label.contraindications)


CHAPTERS: tuple[Chapter, ...] = (
    Chapter(
        "what-it-is", "What {name} is", "01-what-it-is",
        sections=headings(summary="In one sentence", about="Where it comes from", uses="What people use it for",
                          route="How it is taken", status=status_heading,
                          sequence=sequence_heading),
        deck=("lead", "uses", "route", "standing", "variants", "sequence"),
        handout=("lead", "uses", "route", "sequence"),
        questions=(Question("uses", "uses"), Question("sequence", "sequence")),
        link="what it is"),
    Chapter(
        "mechanism", "How {name} is thought to work", "02-mechanism",
        sections=headings(short="The short version", result="The result"),
        deck=("mechanism", "steps", "result"),
        handout=("mechanism", "steps", "result"),
        questions=(Question("steps", "short"), Question("step-subjects", "short"), Question("step-measures", "short")),
        link="how it is thought to work"),
    Chapter(
        "dosing", "The dose figures", "03-dosing",
        sections=headings(figures=lambda c: c.dosing.figures_heading, numbers="In numbers", locator=locator_heading,
                          label="The product label, for scale"),
        deck=("dose-table", "dose-chart", "thinness"),
        handout=("dose-table", "thinness"),
        questions=(Question("doses", "figures"), Question("label-strength", "label"), Question("label-drop", "label")),
        link="the dose figures"),
    Chapter(
        "reconstitution", "The reconstitution calculator", "04-reconstitution",
        sections=headings(why="Why the arithmetic matters", calculator="The calculator",
                          formulas="The formulas it uses", example="A worked example"),
        deck=("calculator", "conversion", "calculator-route"),
        handout=("calculator", "conversion"),
        questions=(Question("per-unit", "example"),),
        link="the calculator"),
    Chapter(
        "side-effects", "Side effects and cautions", "05-side-effects",
        sections=headings(reported="What is reported", overall="Overall tolerability and the label",
                          contraindications="Contraindications on the label"),
        deck=("reported", "overall", "label-listed", "contraindications"),
        handout=("reported", "overall", "label-listed", "contraindications"),
        questions=(Question("most-reported", "reported"), Question("label-effects", "overall")),
        link="side effects"),
    # Stacking has no page per compound (the shared chapter covers the pair); each compound has its deck and
    # handout, and the self-check lives on pages, so it has none.
    Chapter(
        "stacking", "Stacking with {partner}", None,
        deck=("tested", "pairing", "patterns", "timing", "cautions"),
        handout=("tested", "pairing", "timing", "cautions"),
        applies=lambda c: c.stacking is not None),
    Chapter(
        "evidence", "The evidence, source by source", "06-evidence",
        sections=headings(limits="The limits in brief", sources="The sources", timeline="On a timeline",
                          measured="What was read of each source, and what could be checked"),
        deck=("points", "studies", "verdict"),
        handout=("study-list", "verdict"),
        questions=(Question("populations", "sources"), Question("designs", "sources")),
        link="the evidence"),
)


def chapters_for(compound: Compound | str) -> list[Chapter]:
    """The chapters the compound has data for, in order."""
    c = as_compound(compound)
    return [ch for ch in CHAPTERS if ch.applies(c)]


def chapter(key: str) -> Chapter:
    found = next((ch for ch in CHAPTERS if ch.key == key), None)
    if found is None:
        raise KeyError(f"no chapter {key!r}; the chapters are: {', '.join(ch.key for ch in CHAPTERS)}")
    return found


def section_href(c: Compound, ch: Chapter, ref: str) -> tuple[str, str]:
    """A section's heading and its link from ``ch``'s page: ``"#anchor"`` on the same page, or the other
    chapter's page with the anchor."""
    other, _, key = ref.rpartition("/")
    target = chapter(other) if other else ch
    s = target.section(key)
    page = f"{target.slug}.html" if target is not ch else ""
    return s.title(c), f"{page}#{s.anchor(c)}"
