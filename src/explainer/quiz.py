"""Check your understanding: a few questions per chapter, generated from the content file.

``for_chapter(compound, chapter)`` returns a :class:`~explainer.widgets.quiz.SelfCheck` widget. The
questions are made from the same file the chapter renders (which evidence grade a claim carries, what
a vial and its water make per syringe unit through ``reconstitution.calculate``, which population a
study used, which effect people report most when the sources rank them by how often), and the choices
come in a fixed order: nothing is random, so a notebook's stored output never changes between runs.

Each question points to the section of the chapter that answers it with an anchor; ``SECTIONS`` names
them, and a chapter template whose headings make other anchors passes ``anchors={section: "#id"}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .content import GRADE_INFO, Claim, Compound, Grade, load_compound
from .numbers import format_number
from .reconstitution import calculate
from .render import ranked_by_frequency

# The section each kind of question points to: (the words shown, the default anchor).
SECTIONS: dict[str, tuple[str, str]] = {
    "uses": ("What people use it for", "#what-people-use-it-for"),
    "route": ("How it is taken", "#how-it-is-taken"),
    "mechanism": ("The steps of the mechanism", "#the-steps"),
    "dosing": ("The dose table", "#doses-people-report"),
    "calculator": ("The worked example", "#a-worked-example"),
    "side-effects": ("What is reported", "#what-is-reported"),
    "stacking": ("The pairing", "#the-pairing"),
    "evidence": ("The studies", "#the-studies"),
}
CHOICES = 4
UNIT_ML = 0.01  # one unit of a U-100 insulin syringe


def _as_compound(compound: Compound | str) -> Compound:
    return compound if isinstance(compound, Compound) else load_compound(compound)


def _question(qid: str, prompt: str, options: list[str], answer: str, explanation: str, section: str,
              anchors: dict[str, str]) -> dict[str, Any]:
    label, anchor = SECTIONS[section]
    keys = "abcdefgh"
    return {
        "id": qid,
        "prompt": prompt,
        "options": [{"key": keys[i], "label": o} for i, o in enumerate(options)],
        "answer": keys[options.index(answer)],
        "explanation": explanation,
        "section": {"label": label, "href": anchors.get(section, anchor)},
    }


def _grade_options(correct: Grade) -> list[str]:
    """The right grade and the next ones in the book's fixed grade order, shown in that order."""
    order = list(Grade)
    others = [g for g in order if g is not correct][: CHOICES - 1]
    return [GRADE_INFO[g].label for g in order if g is correct or g in others]


def grade_question(qid: str, c: Compound, claim: Claim, what: str, section: str,
                   anchors: dict[str, str]) -> dict[str, Any]:
    info = GRADE_INFO[claim.grade]
    cites = "; ".join(s.inline_citation for s in c.sources_for(claim))
    why = (f"The book grades it “{claim.badge_words}”: {info.meaning}" + (f" Source: {cites}." if cites else "")
           + (f" Caveat: {claim.full_caveat}" if claim.full_caveat else ""))  # the page's own qualification travels too
    return _question(qid, f"Which evidence grade does this carry: “{what}”?", _grade_options(claim.grade),
                     info.label, why, section, anchors)


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
    c = _as_compound(compound)
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


def questions_for(compound: Compound | str, chapter: str,
                  anchors: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The chapter's questions as plain data (what the widget carries)."""
    c = _as_compound(compound)
    a = anchors or {}
    qs: list[dict[str, Any]] = []
    if chapter == "what-it-is":
        for i, u in enumerate(_distinct_grades(c.identity.uses, 2), 1):
            qs.append(grade_question(f"use-{i}", c, u, u.label, "uses", a))
        qs.append(grade_question("route", c, c.identity.route[0], c.identity.route[0].text, "route", a))
    elif chapter == "mechanism":
        for s in _distinct_grades(c.mechanism.steps, 3):
            qs.append(grade_question(f"step-{s.number}", c, s, f"Step {s.number}: {s.title}", "mechanism", a))
    elif chapter == "dosing":
        for r in _distinct_grades(c.dosing.rows, 2):
            status = f" (status: {r.status})" if r.status else ""
            qs.append(grade_question(f"dose-{r.key}", c, r, f"{r.label}: {r.text}{status}", "dosing", a))
        case = reconstitution_case(c)
        if case:
            qs.append(_question("per-unit", case["question"], _sorted_numeric([case["answer"], *case["wrong"]]),
                                case["answer"], case["explanation"], "calculator", a))
    elif chapter == "reconstitution":
        case = reconstitution_case(c)
        if case:
            qs.append(_question("per-unit", case["question"], _sorted_numeric([case["answer"], *case["wrong"]]),
                                case["answer"], case["explanation"], "calculator", a))
    elif chapter == "side-effects":
        ranked = c.side_effects.ranked
        # Only when the order is one of frequency: a ranking note says the sources list the effects together.
        if len(ranked) >= 2 and (ranked_by_frequency(c) or c.side_effects.first_is_most_common):
            top = ranked[0]
            names = sorted(e.name for e in ranked[:CHOICES])
            qs.append(_question("most-reported", "Which effect do people report most often?", names, top.name,
                                f"“{top.name}” is first in the ranked reports. {top.text}", "side-effects", a))
        for e in _distinct_grades(ranked, 1):
            qs.append(grade_question(f"effect-{e.key}", c, e, e.name, "side-effects", a))
    elif chapter == "stacking" and c.stacking:
        for r in _distinct_grades(c.stacking.roles, 2):
            qs.append(grade_question(f"role-{r.compound.lower()}", c, r, f"{r.compound}: {r.role}", "stacking", a))
    elif chapter == "evidence":
        studies = [s for s in c.studies if s.population]
        populations = list(dict.fromkeys(" ".join(s.population.split()) for s in studies))
        for s in studies:
            pop = " ".join(s.population.split())
            others = [p for p in populations if p != pop][: CHOICES - 1]
            if not others:
                continue
            # The one inline citation, so a question never drops a source's flags.
            qs.append(_question(f"population-{s.id}", f"Who took part in {s.inline_citation}?", sorted([pop, *others]),
                                pop, f"{s.inline_citation} studied {pop}. Design: {s.design}; n: {s.n_text}.",
                                "evidence", a))
            if len(qs) == 2:
                break
        for p in _distinct_grades(c.evidence.points, 1):
            qs.append(grade_question(f"point-{p.key}", c, p, p.text, "evidence", a))
    else:
        raise KeyError(f"no self-check questions for chapter {chapter!r}")
    return qs


def for_chapter(compound: Compound | str, chapter: str, anchors: dict[str, str] | None = None) -> Any:
    """The chapter's self-check widget (live in JupyterLab and, through widget-host.js, in the book)."""
    from .widgets.quiz import SelfCheck

    return SelfCheck(compound, chapter, anchors=anchors)
