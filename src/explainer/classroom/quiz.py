"""Check your understanding: a few questions per chapter, generated from the content file.

``for_chapter(compound, chapter)`` returns a :class:`~explainer.widgets.quiz.SelfCheck` widget holding
``questions_for(compound, chapter)``. The questions are made from the same file the chapter renders (which
evidence grade a claim carries, what a vial and its water make per syringe unit through
``reconstitution.calculate``, which population a study used, which effect people report most when the sources
rank them by how often), and the choices come in a fixed order: nothing is random, so a notebook's stored
output never changes between runs.

The chapter registry (``explainer.chapters.registry``) says which kinds of question a chapter asks and which
of its sections answers each: the question's "read more" link is that section's heading and anchor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..chapters.registry import chapter as registered
from ..chapters.registry import section_href
from ..content import GRADE_INFO, Claim, Compound, Grade, as_compound
from ..numbers import format_number
from ..reconstitution import calculate
from ..render import ranked_by_frequency
from ..widgets.quiz import SelfCheck

CHOICES = 4
UNIT_ML = 0.01  # one unit of a U-100 insulin syringe


Section = tuple[str, str]  # the heading that answers a question, and its link


def _question(qid: str, prompt: str, options: list[str], answer: str, explanation: str,
              section: Section) -> dict[str, Any]:
    label, href = section
    keys = "abcdefgh"
    return {
        "id": qid,
        "prompt": prompt,
        "options": [{"key": keys[i], "label": o} for i, o in enumerate(options)],
        "answer": keys[options.index(answer)],
        "explanation": explanation,
        "section": {"label": label, "href": href},
    }


def _grade_options(correct: Grade) -> list[str]:
    """The right grade and the next ones in the book's fixed grade order, shown in that order."""
    order = list(Grade)
    others = [g for g in order if g is not correct][: CHOICES - 1]
    return [GRADE_INFO[g].label for g in order if g is correct or g in others]


def grade_question(qid: str, c: Compound, claim: Claim, what: str, section: Section) -> dict[str, Any]:
    info = GRADE_INFO[claim.grade]
    cites = "; ".join(s.inline_citation for s in c.sources_for(claim))
    why = (f"The book grades it “{info.label}”: {info.meaning}" + (f" Source: {cites}." if cites else "")
           + (f" Caveat: {claim.caveat}" if claim.caveat else ""))  # the page's own qualification travels too
    return _question(qid, f"Which evidence grade does this carry: “{what}”?", _grade_options(claim.grade),
                     info.label, why, section)


def _distinct_grades(claims: Iterable[Claim], n: int) -> list[Claim]:
    """The first claims with grades not seen before, up to ``n`` (then the next ones in order)."""
    claims = list(claims)
    picked, seen = [], set()
    for k in claims:
        if k.grade not in seen:
            picked.append(k)
            seen.add(k.grade)
    picked += [k for k in claims if k not in picked]
    return picked[:n]


def reconstitution_case(compound: Compound | str) -> dict[str, Any] | None:
    """What the compound's starting vial and water make per U-100 syringe unit, through the calculator's
    own math. A conversion of units, never a dose."""
    c = as_compound(compound)
    inputs = {**c.calculator_inputs(), "syringe": "U-100", "capacity_ml": 1.0, "route": "injection"}
    out = calculate(inputs)
    if not out["ok"]:
        return None
    r = out["result"]
    per_unit = r["concentration_mcg_per_ml"] * r["ml_per_unit"]
    vial = f"{format_number(inputs['vial_amount'], 2)} {inputs['vial_unit']}"
    water = f"{format_number(inputs['water_ml'], 2)} mL"
    shown = lambda x: f"{format_number(x, 2)} mcg"  # noqa: E731
    return {
        "question": f"A {vial} vial mixed with {water} of water: how much peptide is in one unit "
                    f"({format_number(r['ml_per_unit'], 2)} mL) of a U-100 syringe?",
        "answer": shown(per_unit),
        "wrong": [shown(r["concentration_mcg_per_ml"]), shown(per_unit * 10), shown(per_unit / 10)],
        "explanation": f"{vial} is {format_number(r['vial_mcg'], 2)} mcg; spread through {water} that is "
                       f"{format_number(r['concentration_mcg_per_ml'], 2)} mcg per mL, and one unit is "
                       f"{format_number(r['ml_per_unit'], 2)} mL, so {shown(per_unit)}. This converts units; "
                       "it says nothing about how much anyone should take.",
        "per_unit_mcg": per_unit,
    }


def _sorted_numeric(options: list[str]) -> list[str]:
    return sorted(options, key=lambda s: float(s.split()[0].replace(",", "")))


# One function per kind of question; the registry names the kinds each chapter asks.

def _uses(c: Compound, at: Section) -> list[dict[str, Any]]:
    return [grade_question(f"use-{i}", c, u, u.label, at)
            for i, u in enumerate(_distinct_grades(c.identity.uses, 2), 1)]


def _route(c: Compound, at: Section) -> list[dict[str, Any]]:
    first = c.identity.route[0]
    return [grade_question("route", c, first, first.text, at)]


def _steps(c: Compound, at: Section) -> list[dict[str, Any]]:
    return [grade_question(f"step-{s.number}", c, s, f"Step {s.number}: {s.title}", at)
            for s in _distinct_grades(c.mechanism.steps, 3)]


def _doses(c: Compound, at: Section) -> list[dict[str, Any]]:
    return [grade_question(f"dose-{r.key}", c, r, f"{r.label}: {r.text}" + (f" (status: {r.status})" if r.status
                                                                             else ""), at)
            for r in _distinct_grades(c.dosing.rows, 2)]


def _per_unit(c: Compound, at: Section) -> list[dict[str, Any]]:
    case = reconstitution_case(c)
    if not case:
        return []
    return [_question("per-unit", case["question"], _sorted_numeric([case["answer"], *case["wrong"]]),
                      case["answer"], case["explanation"], at)]


def _most_reported(c: Compound, at: Section) -> list[dict[str, Any]]:
    ranked = c.side_effects.ranked
    # Only when the order is one of frequency: a ranking note says the sources list the effects together.
    if len(ranked) < 2 or not (ranked_by_frequency(c) or c.side_effects.first_is_most_common):
        return []
    top = ranked[0]
    return [_question("most-reported", "Which effect do people report most often?",
                      sorted(e.name for e in ranked[:CHOICES]), top.name,
                      f"“{top.name}” is first in the ranked reports. {top.text}", at)]


def _effects(c: Compound, at: Section) -> list[dict[str, Any]]:
    return [grade_question(f"effect-{e.key}", c, e, e.name, at) for e in _distinct_grades(c.side_effects.ranked, 1)]


def _populations(c: Compound, at: Section) -> list[dict[str, Any]]:
    studies = [s for s in c.studies if s.population]
    populations = list(dict.fromkeys(" ".join(s.population.split()) for s in studies))
    qs = []
    for s in studies:
        pop = " ".join(s.population.split())
        others = [p for p in populations if p != pop][: CHOICES - 1]
        if not others:
            continue
        # The one inline citation, so a question never drops a source's flags.
        qs.append(_question(f"population-{s.id}", f"Who took part in {s.inline_citation}?", sorted([pop, *others]),
                            pop, f"{s.inline_citation} studied {pop}. Design: {s.design}; n: {s.n_text}.", at))
        if len(qs) == 2:
            break
    return qs


def _points(c: Compound, at: Section) -> list[dict[str, Any]]:
    return [grade_question(f"point-{p.key}", c, p, p.text, at) for p in _distinct_grades(c.evidence.points, 1)]


KINDS: dict[str, Callable[[Compound, Section], list[dict[str, Any]]]] = {
    "uses": _uses, "route": _route, "steps": _steps, "doses": _doses, "per-unit": _per_unit,
    "most-reported": _most_reported, "effects": _effects, "populations": _populations, "points": _points,
}


def questions_for(compound: Compound | str, chapter: str) -> list[dict[str, Any]]:
    """The chapter's questions as plain data (what the widget carries), each pointing at the section that
    answers it."""
    c, ch = as_compound(compound), registered(chapter)
    return [q for asked in ch.questions for q in KINDS[asked.kind](c, section_href(c, ch, asked.section))]


def for_chapter(compound: Compound | str, chapter: str) -> SelfCheck:
    """The chapter's self-check widget (live in JupyterLab and, through widget-host.js, in the book)."""
    return SelfCheck(questions=questions_for(compound, chapter))
