"""Check your understanding: a few questions per chapter, generated from the content file.

``for_chapter(compound, chapter)`` returns a :class:`~explainer.widgets.quiz.SelfCheck` widget holding
``questions_for(compound, chapter)``. The questions are made from the same file the chapter renders (which
evidence grade a claim carries, what a vial and its water make per syringe unit through
``reconstitution.calculate``, which population a study used, which effect people report most when the sources
rank them by how often), and the choices come in a fixed order: nothing is random, so a notebook's stored
output never changes between runs.

The chapter registry (``explainer.chapters.registry``) says which kinds of question a chapter asks and which
of its sections answers each: the question's "read more" link is that section's heading and anchor (a
mechanism step's question links to that step's own heading, ``registry.step_href``).

Only fair questions are asked (:func:`fair`): none whose stem gives the answer away, none about the book's own
search, none drilling a citation whose attribution is doubted, no population the book did not read, and no
distractor that could also be true.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from ..chapters.registry import chapter as registered
from ..chapters.registry import section_href, step_href
from ..content import GRADE_INFO, READ_LEVELS, Claim, Compound, Grade, as_compound
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


_WORD = re.compile(r"[A-Za-z]{5,}")


def _words(text: str, skip: Iterable[str] = ()) -> set[str]:
    """The words of five letters or more, case folded and a plural -s dropped (the self-check lint's words)."""
    out = {w.lower() for w in _WORD.findall(text)} - {w.lower() for w in skip}
    return {w[:-1] if w.endswith("s") and len(w) > 5 else w for w in out}


def gives_away(stem: str, answer: str, name: str) -> bool:
    """True when the stem holds a word of five letters or more from the correct option (the compound's name
    aside): such a question tests reading, not understanding."""
    return bool(_words(stem, (name,)) & _words(answer, (name,)))


def _same_subject(a: str, b: str, name: str) -> bool:
    """Two texts about the same thing (two or more long words in common): both could be a true answer."""
    return len(_words(a, (name,)) & _words(b, (name,))) >= 2


def _grade_options(c: Compound, claim: Claim, what: str) -> list[str]:
    """The right grade and the next ones in the book's fixed grade order, shown in that order, leaving out
    any grade a source the claim cites has, or another claim on the same subject carries (either would be a
    second true answer)."""
    text = f"{what} {getattr(claim, 'text', '') or ''}"
    also_true = {k.grade for _, k in c.iter_claims()
                 if k is not claim and _same_subject(text, getattr(k, "text", "") or "", c.identity.name)}
    also_true |= {s.grade for s in c.sources_for(claim)}
    order = list(Grade)
    others = [g for g in order if g is not claim.grade and g not in also_true][: CHOICES - 1]
    return [GRADE_INFO[g].label for g in order if g is claim.grade or g in others]


def fair(c: Compound, claim: Claim, what: str) -> bool:
    """A grade question worth asking: its stem does not give the answer away, it does not drill a citation
    whose attribution is doubted, and it is not about the book's own checking."""
    if claim.grade is Grade.search or gives_away(what, GRADE_INFO[claim.grade].label, c.identity.name):
        return False
    return not any(s.is_unverified or "authors" in s.unverified_identifiers for s in c.sources_for(claim))


def grade_question(qid: str, c: Compound, claim: Claim, what: str, section: Section) -> dict[str, Any]:
    info = GRADE_INFO[claim.grade]
    cites = c.citations(claim)
    why = (f"The book grades it “{claim.badge_words}”: {info.meaning}" + (f" Source: {cites}." if cites else "")
           + (f" Caveat: {claim.full_caveat}" if claim.full_caveat else ""))  # the page's own qualification travels too
    return _question(qid, f"Which evidence grade does this carry: “{what}”?", _grade_options(c, claim, what),
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
    uses = [u for u in c.identity.uses if fair(c, u, u.label)]
    return [grade_question(f"use-{i}", c, u, u.label, at) for i, u in enumerate(_distinct_grades(uses, 2), 1)]


def _route(c: Compound, at: Section) -> list[dict[str, Any]]:
    return [grade_question("route", c, r, r.text, at) for r in c.identity.route if fair(c, r, r.text)][:1]


def _steps(c: Compound, at: Section) -> list[dict[str, Any]]:
    """A step's question links to that step's own section (its heading in the registry), not to the summary."""
    steps = [s for s in c.mechanism.steps if fair(c, s, f"Step {s.number}: {s.title}")]
    return [grade_question(f"step-{s.number}", c, s, f"Step {s.number}: {s.title}", step_href(s))
            for s in _distinct_grades(steps, 3)]


def _dose_stem(r: Any) -> str:
    return f"{r.label}: {r.text}" + (f" (status: {r.status})" if r.status else "")


def _doses(c: Compound, at: Section) -> list[dict[str, Any]]:
    rows = [r for r in c.dosing.rows if fair(c, r, _dose_stem(r))]
    return [grade_question(f"dose-{r.key}", c, r, _dose_stem(r), at) for r in _distinct_grades(rows, 2)]


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
                      f"“{top.name}” is the one the sources call the most common. {top.text}", at)]


def _effects(c: Compound, at: Section) -> list[dict[str, Any]]:
    effects = [e for e in c.side_effects.ranked if fair(c, e, e.name)]
    return [grade_question(f"effect-{e.key}", c, e, e.name, at) for e in _distinct_grades(effects, 1)]


def _populations(c: Compound, at: Section) -> list[dict[str, Any]]:
    # Only studies the book read and whose authors it could see: a question never drills a doubted citation.
    studies = [s for s in c.studies if s.population and s.provenance_of("population") in READ_LEVELS
               and not s.is_unverified and "authors" not in s.unverified_identifiers]
    populations = list(dict.fromkeys(" ".join(s.population.split()) for s in studies))
    qs = []
    for s in studies:
        pop = " ".join(s.population.split())
        # a distractor that shares the answer's subject could be true of it too
        others = [p for p in populations if p != pop and not _same_subject(p, pop, c.identity.name)][: CHOICES - 1]
        if not others:
            continue
        # The one inline citation, so a question never drops a source's flags.
        qs.append(_question(f"population-{s.id}", f"Who took part in {s.inline_citation}?", sorted([pop, *others]),
                            pop, f"{s.inline_citation} studied {pop}. Design: {s.design}; n: {s.n_text}.", at))
        if len(qs) == 2:
            break
    return qs


def _points(c: Compound, at: Section) -> list[dict[str, Any]]:
    # Not about the book's own checking or its paraphrase of the original page: points with a source kind.
    points = [p for p in c.evidence.points if p.grade is not Grade.original_page and fair(c, p, p.text)]
    return [grade_question(f"point-{p.key}", c, p, p.text, at) for p in _distinct_grades(points, 1)]


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
