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

import re
from collections.abc import Iterable
from typing import Any

from .content import GRADE_INFO, READ_LEVELS, Claim, Compound, Grade, load_compound
from .numbers import format_number
from .reconstitution import calculate
from .render import ranked_by_frequency

# The section each kind of question points to: (the words shown, the default anchor).
SECTIONS: dict[str, tuple[str, str]] = {
    "uses": ("What people use it for", "#what-people-use-it-for"),
    "route": ("How it is taken", "#how-it-is-taken"),
    "mechanism": ("The short version", "#the-short-version"),
    "dosing": ("The community figures", "#the-community-figures"),
    "calculator": ("The worked example", "#a-worked-example"),
    "side-effects": ("What is reported", "#what-is-reported"),
    "stacking": ("The pairing", "#the-pairing"),
    "evidence": ("The sources", "#the-sources"),
    "limits": ("The limits in brief", "#the-limits-in-brief"),
}
CHOICES = 4
UNIT_ML = 0.01  # one unit of a U-100 insulin syringe


def _slug(heading: str) -> str:
    """The anchor MyST gives a heading: lower case, spaces to hyphens, other punctuation dropped."""
    return re.sub(r"[^a-z0-9 -]", "", heading.lower()).strip().replace(" ", "-")


def _as_compound(compound: Compound | str) -> Compound:
    return compound if isinstance(compound, Compound) else load_compound(compound)


def _question(qid: str, prompt: str, options: list[str], answer: str, explanation: str, section: str | tuple[str, str],
              anchors: dict[str, str]) -> dict[str, Any]:
    # A section is a key of SECTIONS, or (the heading's own words, its anchor) for a heading made from the data.
    if isinstance(section, tuple):
        (label, anchor), section = section, ""
    else:
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


def grade_question(qid: str, c: Compound, claim: Claim, what: str, section: str | tuple[str, str],
                   anchors: dict[str, str]) -> dict[str, Any]:
    info = GRADE_INFO[claim.grade]
    cites = "; ".join(s.inline_citation for s in c.sources_for(claim))
    why = (f"The book grades it “{claim.badge_words}”: {info.meaning}" + (f" Source: {cites}." if cites else "")
           + (f" Caveat: {claim.full_caveat}" if claim.full_caveat else ""))  # the page's own qualification travels too
    return _question(qid, f"Which evidence grade does this carry: “{what}”?", _grade_options(c, claim, what),
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
    name = c.identity.name
    if chapter == "what-it-is":
        uses = [u for u in c.identity.uses if fair(c, u, u.label)]
        for i, u in enumerate(_distinct_grades(uses, 2), 1):
            qs.append(grade_question(f"use-{i}", c, u, u.label, "uses", a))
        route = [r for r in c.identity.route if fair(c, r, r.text)][:1]
        for r in route:
            qs.append(grade_question("route", c, r, r.text, "route", a))
    elif chapter == "mechanism":
        # Each question links to its own step's section, named by that heading's own words.
        steps = [s for s in c.mechanism.steps if fair(c, s, f"Step {s.number}: {s.title}")]
        for s in _distinct_grades(steps, 3):
            heading = f"{s.kicker[0].upper()}{s.kicker[1:]}"
            qs.append(grade_question(f"step-{s.number}", c, s, f"Step {s.number}: {s.title}",
                                     (heading, "#" + _slug(heading)), a))
    elif chapter == "dosing":
        rows = [r for r in c.dosing.rows
                if fair(c, r, f"{r.label}: {r.text}" + (f" (status: {r.status})" if r.status else ""))]
        for r in _distinct_grades(rows, 2):
            status = f" (status: {r.status})" if r.status else ""
            qs.append(grade_question(f"dose-{r.key}", c, r, f"{r.label}: {r.text}{status}", "dosing", a))
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
                                f"“{top.name}” is the one the sources call the most common. {top.text}",
                                "side-effects", a))
        for e in _distinct_grades([e for e in ranked if fair(c, e, e.name)], 1):
            qs.append(grade_question(f"effect-{e.key}", c, e, e.name, "side-effects", a))
    elif chapter == "stacking" and c.stacking:
        roles = [r for r in c.stacking.roles if fair(c, r, f"{r.compound}: {r.role}")]
        for r in _distinct_grades(roles, 2):
            qs.append(grade_question(f"role-{r.compound.lower()}", c, r, f"{r.compound}: {r.role}", "stacking", a))
    elif chapter == "evidence":
        # Only studies the book read and whose authors it could see: a question never drills a doubted citation.
        studies = [s for s in c.studies if s.population and s.provenance_of("population") in READ_LEVELS
                   and not s.is_unverified and "authors" not in s.unverified_identifiers]
        populations = list(dict.fromkeys(" ".join(s.population.split()) for s in studies))
        for s in studies:
            pop = " ".join(s.population.split())
            # a distractor that shares the answer's subject could be true of it too
            others = [p for p in populations if p != pop and not _same_subject(p, pop, name)][: CHOICES - 1]
            if not others:
                continue
            # The one inline citation, so a question never drops a source's flags.
            qs.append(_question(f"population-{s.id}", f"Who took part in {s.inline_citation}?", sorted([pop, *others]),
                                pop, f"{s.inline_citation} studied {pop}. Design: {s.design}; n: {s.n_text}.",
                                "evidence", a))
            if len(qs) == 2:
                break
        # Not about the book's own checking or its paraphrase of the original page: points with a source kind.
        points = [p for p in c.evidence.points if p.grade is not Grade.original_page and fair(c, p, p.text)]
        for p in _distinct_grades(points, 1):
            qs.append(grade_question(f"point-{p.key}", c, p, p.text, "limits", a))
    else:
        raise KeyError(f"no self-check questions for chapter {chapter!r}")
    return qs


def for_chapter(compound: Compound | str, chapter: str, anchors: dict[str, str] | None = None) -> Any:
    """The chapter's self-check widget (live in JupyterLab and, through widget-host.js, in the book)."""
    from .widgets.quiz import SelfCheck

    return SelfCheck(compound, chapter, anchors=anchors)
