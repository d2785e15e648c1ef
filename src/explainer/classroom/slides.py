"""Every chapter of every compound as a reveal.js deck, built from the same content file as the pages.

One idea per slide: chapter 1 its uses, route, status and sequence; chapter 2 one mechanism step per
slide with the stepper's diagram at that step (the stepper's own module, started by widget-host.js);
dosing the dose table and the dose chart; the evidence chapter its points and the source table. Every
deck opens and closes on the compound's not-medical-advice line, and each slide's speaker notes (reveal's
notes plugin, key S) carry the evidence grade, the caveat and the citations of what the slide shows.

The decks are plain HTML written at the end of the book build (``build-finished``, before the
content-security step) to ``_build/html/slides/<compound>/<chapter>.html``, next to the one-page
handouts (``handouts.py``), and they load only the book's own ``_static`` files: the vendored reveal.js
(``book/_static/vendor/reveal/``, copied from the pinned npm package by ``make vendor``), the deck's
start-up module ``static/deck.js`` and stylesheet ``book/_static/classroom/deck.css``. Each deck
carries its policy already, computed by ``csp.py`` from the deck and from the speaker view the notes
plugin writes into its pop-up (which inherits the deck's policy), so no inline script runs unhashed.

Chapter pages link to their deck with :func:`present_link`; :func:`deck_url` gives the path.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..chapters.registry import Chapter, chapters_for
from ..charts import dose_bands, dose_range
from ..collection import NOT_ADVICE, compounds, disclaimer_text
from ..content import GRADE_INFO, Claim, Compound, as_compound, load_compound
from ..csp import META_NAME, PageScan, content_security_policy, scan_page
from ..describe import meta_tag
from ..display import FIGURE_CLASS
from ..extension import OUT_DIR
from ..numbers import format_number, long_date
from ..render import (
    dose_table_words,
    ranked_by_frequency,
    reported_patterns,
    status_words,
    studies_caption,
    testing_answers,
    use_lead,
)
from ..widgets import WIDGET_CLASS
from ..widgets.stepper import MechanismStepper
from .quiz import reconstitution_case

SLIDES_DIR = "slides"
REVEAL_DIR = "vendor/reveal"  # under _static/
DECK_CSS = "classroom/deck.css"
VENDORED_REVEAL = Path(__file__).parents[3] / "book" / "_static" / "vendor" / "reveal"
PRESENT_CLASS = "explainer-present"
STUDIES_PER_SLIDE = 5  # rows of the source table that stay legible on one slide
BOOK_HOME = "../../index.html"  # from slides/<compound>/ and handouts/<compound>/
FAVICON = "favicon.svg"  # under _static/, where Sphinx copies html_favicon


# ---------------------------------------------------------------------------------------------- slides

@dataclass
class Slide:
    """One idea: a heading, its body (HTML built from the content, every string escaped) and its notes."""

    title: str
    body: str
    notes: list[str] = field(default_factory=list)
    kind: str = ""


def esc(text: object) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


def badge(claim: Claim) -> str:
    """Both halves of the badge (kind and what was checked) for a claim or a source."""
    # the tooltip names every kind on the badge, as the chapter's does
    meaning = getattr(claim, "badge_meaning", None) or GRADE_INFO[claim.grade].meaning
    return (f'<span class="grade-badge grade-{claim.grade.value}" title="{esc(meaning)}">'
            f'{esc(claim.badge_words)}</span>')


def note_for(c: Compound, claim: Claim, what: str | None = None) -> str:
    """A speaker note for one claim: its grade, its citations and its caveat, in that order."""
    cites = c.citations(claim)
    # a key taken from a sentence loses its full stop before the colon ('Pregnancy:', never 'Pregnancy.:')
    parts = [f"<strong>{esc(what.rstrip('.'))}</strong>: " if what else "",
             f"Evidence grade: {esc(claim.badge_words)}."]
    if cites:
        parts.append(f" Sources: {esc(cites)}.")
    if claim.full_caveat:
        parts.append(f" Caveat: {esc(claim.full_caveat)}")
    return "".join(parts)


def source_note(s: Any) -> str:
    """A speaker note for one study: how it is cited (flags included), its grade and what was checked."""
    parts = [f"<strong>{esc(s.inline_citation)}</strong>: Evidence grade: {esc(s.badge_words)}."]
    if s.check_note:
        parts.append(f" {esc(s.check_note)}")
    return "".join(parts)


def item(text: str, claim: Claim, lead: str | None = None) -> str:
    # A lowercase fragment ("focus and drive") follows its lead after a colon, never after a full stop.
    head = f"<strong>{esc(lead)}{':' if text[:1].islower() else '.'}</strong> " if lead else ""
    return f"<li>{head}{esc(text)} {badge(claim)}</li>"


def first_sentence(text: str) -> str:
    """A text's first sentence, whole (a note's lead names its item without cutting it)."""
    text = " ".join(text.split())
    head, dot, _ = text.partition(". ")
    return head + "." if dot else text


def listing(c: Compound, title: str, rows: Iterable[tuple[str, Claim, str | None]], lead_html: str = "") -> Slide:
    rows = list(rows)
    return Slide(title, lead_html + "<ul>" + "".join(item(t, k, lead) for t, k, lead in rows) + "</ul>",
                 # an item with no short name is named by its first sentence, whole, never cut short
                 [note_for(c, k, lead or first_sentence(t)) for t, k, lead in rows])


def disclaimer_html(c: Compound) -> str:
    return f'<p class="deck-disclaimer"><strong>{NOT_ADVICE}.</strong> {esc(disclaimer_text(c))}</p>'


def table(headers: Iterable[str], rows: Iterable[Iterable[str]], caption: str, hide_caption: bool = False) -> str:
    """An HTML table whose cells are already escaped HTML. ``hide_caption`` keeps the caption for screen readers
    only, where the slide's heading already shows the same words."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    cap = ' class="deck-sr-only"' if hide_caption else ""
    return f"<table><caption{cap}>{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def dose_table(c: Compound) -> str:
    rows = [(f"<strong>{esc(r.label)}</strong>",
             esc(r.text) + (f" <em>{esc(status_words(r.status))}</em>" if r.status else ""),
             badge(r)) for r in c.dosing.rows]
    column, caption = dose_table_words(c)
    return table(("Figure", column, "Evidence"), rows, caption)


def source_table(c: Compound, studies: Iterable[Any] | None = None, who: bool = True, caption: str = "",
                 hide_caption: bool = False) -> str:
    """The studies as a table; ``who`` adds the population column (a handout leaves it out for room)."""
    rows = [(f"<strong>{esc(s.short_cite)}</strong>", esc(s.design),
             *([esc(s.population_text)] if who else []),
             esc(s.n_text), badge(s) + "".join(f" <em>({esc(w)})</em>" for w in s.flag_words))
            for s in (c.studies if studies is None else studies)]
    headers = ("Source", "Design", *(("Who",) if who else ()), "n", "Grade")
    return table(headers, rows, caption or studies_caption(c), hide_caption)


# ---------------------------------------------------------------------------------------------- chapters
# Each part is one idea or a few: the chapter registry (explainer.chapters.registry) names the parts a chapter's
# deck shows, in order. A part the compound has no data for shows nothing.

def _said(c: Compound, title: str, claim: Any, text: str | None = None, css: str = "") -> list[Slide]:
    """One slide for one graded statement (none when there is none), with the claim's note."""
    if claim is None:
        return []
    said = f"{esc(claim.text if text is None else text)} {badge(claim)}"
    return [Slide(title, f"<p{_css(css)}>{said}</p>", [note_for(c, claim)])]


def _plain(title: str, text: str | None, css: str = "") -> list[Slide]:
    """One slide of plain text (none when there is no text)."""
    return [Slide(title, f"<p{_css(css)}>{esc(text)}</p>")] if text else []


def _timing(c: Compound) -> list[Slide]:
    """The note on the day chart's timing, with the badge of the schedule it qualifies (the page's own words)."""
    st = c.stacking
    if not st.schedule_note:
        return []
    note = st.schedule_note
    return [Slide("About the timing", f"<p>{esc(note.text)} {badge(note)}</p>", [note_for(c, note)])]


def _css(css: str) -> str:
    return f' class="{css}"' if css else ""


def _standing(c: Compound) -> list[Slide]:
    ident = c.identity
    # a status in a region whose registration is doubted carries that doubt in its lead (the doubt's own item,
    # with its press badge, follows on the same slide)
    doubted = {r.region: r.status_words for r in ident.registration if r.doubt}
    rows = [(a.text, a, f"{a.region} ({doubted[a.region].split('(', 1)[1]}" if a.region in doubted else a.region)
            for a in ident.approval]
    # each registration, then at once the doubt's own item, with its press badge and sources (never a region
    # between a status and the report that doubts it)
    for r in ident.registration:
        rows.append((ident.registration_sentence(r), r, ident.registration_lead(r)))
        if r.doubt:
            rows.append((r.doubt.text, r.doubt, "Reported withdrawal"))
    return [listing(c, "Where it stands", rows)] if rows else []


def _sequence(c: Compound) -> list[Slide]:
    seq = c.identity.sequence
    if not seq:
        return []
    chain = "".join(f'<li>{esc(r)}</li>' for r in seq.residues)
    return [Slide("The sequence", f'<ol class="deck-sequence" aria-label="Sequence">{chain}</ol>'
                                  f"<p>{esc(seq.origin)} {badge(seq)}</p>", [note_for(c, seq)])]


def _steps(c: Compound) -> list[Slide]:
    total = len(c.mechanism.steps)
    # The step's text is the slide's own paragraph; the stepper leaves it out at this step (said once).
    return [Slide(f"Step {s.number} of {total}: {s.title}",
                  f'<p class="deck-kicker">{esc(s.kicker)}</p>'
                  f'{MechanismStepper(c, step=s.number, prose_below=True).to_html()}'
                  f'<p class="deck-step-body">{esc(s.body)} {badge(s)}</p>',
                  [note_for(c, s, f"Step {s.number}")], kind="step") for s in c.mechanism.steps]


def _dose_chart(c: Compound) -> list[Slide]:
    fig = dose_range(c)
    # The chart's description is on the slide already (under the chart), and the table slide's notes give each
    # row's evidence; the chart's notes name each band it draws with its badge, the label's bands included.
    notes = ["The axis is logarithmic: each gridline is ten times the one before."]
    bands = dose_bands(c)
    notes += [f"<strong>{esc(b.label)}</strong>: Evidence grade: {esc(b.badge_words)}. {esc(b.detail)}"
              for b in bands]
    # the title names what the chart draws: the label's schedules too, where it has them
    with_label = any(b.group == "label" for b in bands)
    title = ("Each source's figures on one scale" if not c.dosing.community_only
             else "The community figures and the label's schedules on one scale" if with_label
             else "The reported range on one scale")
    return [Slide(title, fig.to_html(), notes, kind="chart")]


def starting_values(c: Compound) -> str:
    """The calculator's starting vial and water in words, for a deck or handout that shows no calculator."""
    d = c.calculator_inputs()
    return (f"The worked conversion uses the calculator's starting values, examples rather than a recommendation: "
            f"a {format_number(d['vial_amount'], 2)} mg vial and {format_number(d['water_ml'], 2)} mL of water.")


# A deck or handout has no calculator to set: it says what the book's calculator does (the widget's own note asks
# the reader to set its values).
ON_PAPER = ("The book's calculator page converts units only, from any values entered; it gives no medical or "
            "dosing advice.")


def calculator_lead(c: Compound) -> list[str]:
    """What a deck or handout says of the calculator: what it does and, with a worked conversion, its values."""
    return [ON_PAPER, *([starting_values(c)] if reconstitution_case(c) else [])]


def _calculator(c: Compound) -> list[Slide]:
    lead, *values = calculator_lead(c)
    return [Slide("The reconstitution calculator", f'<p class="deck-lead">{esc(lead)}</p>'
                  + "".join(f"<p>{esc(v)}</p>" for v in values))]


def _conversion(c: Compound) -> list[Slide]:
    case = reconstitution_case(c)
    if not case:
        return []
    return [Slide("A worked conversion", f"<p>{esc(case['question'])}</p><p><strong>{esc(case['answer'])}</strong></p>"
                                         f"<p>{esc(case['explanation'])}</p>",
                  ["Unit conversion only; it recommends no dose."])]


def reported_title(c: Compound) -> str:
    """Who lists the side effects, when the order is only a listing: the original page when every item is its
    word alone (deck and handout say the same)."""
    return f"What {c.who_gives(c.side_effects.ranked, 'lists')}"


def _reported(c: Compound) -> list[Slide]:
    se = c.side_effects
    if ranked_by_frequency(c):
        return [listing(c, "What people report, most often first",
                        ((e.text, e, f"{e.rank}. {e.name}") for e in se.ranked))]
    # the order is only the sources' listing: no rank numbers, and the note says why
    return [listing(c, reported_title(c), ((e.text, e, e.name) for e in se.ranked),
                    f"<p>{esc(se.ranking_note)}</p>")]


def _tested(c: Compound) -> list[Slide]:
    answers = stack_answers(c)
    if not answers:
        return []
    body = "<ul>" + "".join(item(p.text, p) for _, p in answers) + "</ul>"
    return [Slide("Has the combination been tested?", body,
                  [note_for(owner, p, first_sentence(p.text)) for owner, p in answers])]


def _cautions(c: Compound) -> list[Slide]:
    cautions = stack_cautions(c)
    if not cautions:
        return []
    body = "".join(f"<p><strong>{esc(owner.identity.name)}'s label lists, among its contraindications:</strong></p>"
                   "<ul>" + "".join(item(f.text, f) for f in facts) + "</ul>" for owner, facts in cautions)
    return [Slide("Cautions from the labels", body,
                  # keyed by the item, so a note names the contraindication it is about
                  [note_for(owner, f, f"{first_sentence(f.text).rstrip('.')} ({owner.identity.name})")
                   for owner, facts in cautions for f in facts])]


def stack_pair(c: Compound) -> list[Compound]:
    """The compound and its stacking partner, when the partner is in the collection."""
    assert c.stacking is not None
    partner = [p for p in (load_compound(n) for n in compounds())
               if p.id != c.id and p.identity.name.lower() == c.stacking.partner.lower()]
    return [c, *partner[:1]]


def stack_answers(c: Compound) -> list[tuple[Compound, Any]]:
    """Whether the combination was tested, from both compounds' stacking sections (each with its owner, whose
    sources it cites): the same plain answer in either compound's deck and handout."""
    return [(o, p) for o in stack_pair(c) if o.stacking for p in testing_answers(o.stacking)]


def stack_cautions(c: Compound) -> list[tuple[Compound, tuple]]:
    """Each compound of the pair whose label lists contraindications, with them."""
    return [(o, o.label.contraindications) for o in stack_pair(c) if o.label and o.label.contraindications]


def _studies(c: Compound) -> list[Slide]:
    studies, slides = c.studies, []
    parts = -(-len(studies) // STUDIES_PER_SLIDE)
    for i in range(parts):
        some = studies[i * STUDIES_PER_SLIDE:(i + 1) * STUDIES_PER_SLIDE]
        more = f" ({i + 1} of {parts})" if parts > 1 else ""
        # the caption says which studies the slide holds, not the heading again
        first, last = i * STUDIES_PER_SLIDE + 1, i * STUDIES_PER_SLIDE + len(some)
        span = f"Studies {first}–{last} of {len(studies)}" if last > first else f"Study {first} of {len(studies)}"
        slides.append(Slide(f"The studies cited{more}", source_table(c, some, caption=span),
                            [source_note(s) for s in some], kind="table"))
    return slides


def _listed(c: Compound, title: str, rows: Iterable[tuple[str, Claim, str | None]]) -> list[Slide]:
    """A listing slide, or none when there is nothing to list."""
    rows = list(rows)
    return [listing(c, title, rows)] if rows else []


# The slides a deck can show, a part at a time; the chapter registry (explainer.chapters.registry) names the parts
# a chapter's deck shows, in order. A part the compound has no data for shows nothing.
PARTS: dict[str, Callable[[Compound], list[Slide]]] = {
    "lead": lambda c: _plain(f"What {c.identity.name} is", c.identity.summary, "deck-lead"),
    "uses": lambda c: _listed(c, "What people use it for", ((u.text, u, use_lead(c, u)) for u in c.identity.uses)),
    "route": lambda c: _listed(c, "How it is taken", ((r.text, r, None) for r in c.identity.route)),
    "standing": _standing,
    "variants": lambda c: _listed(c, "Variants", ((v.text, v, v.name) for v in c.identity.variants)),
    "sequence": _sequence,
    "mechanism": lambda c: _said(c, "How it is thought to work", c.mechanism.summary, css="deck-lead"),
    "steps": _steps,
    "result": lambda c: _said(c, c.mechanism.result.title, c.mechanism.result, c.mechanism.result.body),
    "dose-table": lambda c: [Slide("The dose figures", dose_table(c),
                                   [note_for(c, r, r.label) for r in c.dosing.rows], kind="table")],
    "dose-chart": _dose_chart,
    "thinness": lambda c: _said(c, "How thin these figures are", c.dosing.thinness),
    "calculator": _calculator,
    "conversion": _conversion,
    "calculator-route": lambda c: _said(c, "The route", c.calculator.route_note),
    "reported": _reported,
    "overall": lambda c: _said(c, "Overall", c.side_effects.overall),
    "label-listed": lambda c: _listed(c, "What the label lists",
                                      ((f.text, f, None) for f in c.side_effects.label_listed)),
    "contraindications": lambda c: _listed(c, "Among the contraindications on the label", (
        (f.text, f, None) for f in (c.label.contraindications if c.label else ()))),
    "tested": _tested,
    "pairing": lambda c: _listed(c, f"Pairing with {c.stacking.partner}",
                                 ((r.role, r, r.compound) for r in c.stacking.roles)),
    "patterns": lambda c: _listed(c, "What the original page describes",
                                  ((p.text, p, None) for p in reported_patterns(c.stacking))),
    "timing": _timing,
    "cautions": _cautions,
    # one slide per limit, each numbered so a room can tell them apart
    "points": lambda c: [s for i, p in enumerate(c.evidence.points, 1)
                         for s in _said(c, f"The limits in brief ({i} of {len(c.evidence.points)})", p)],
    "studies": _studies,
    "verdict": lambda c: _said(c, "Verdict", c.evidence.verdict, css="deck-lead"),
}


def chapter(compound: Compound | str, key: str) -> Chapter:
    """The registry's chapter ``key``, refused when the compound has no data for it."""
    c = as_compound(compound)
    found = next((ch for ch in chapters_for(c) if ch.key == key), None)
    if found is None:
        keys = ", ".join(ch.key for ch in chapters_for(c))
        raise KeyError(f"no chapter {key!r} for {c.id}; the chapters are: {keys}")
    return found


def slides_for(compound: Compound | str, key: str) -> list[Slide]:
    """The chapter's slides, between a title slide that carries the disclaimer and a closing slide that points
    back to it (the disclaimer is printed once per deck, as on every page)."""
    c = as_compound(compound)
    ch = chapter(c, key)
    subtitle = f"{c.metadata.title}: one chapter of the book, as slides"
    opening = Slide(ch.heading(c), f'<p class="deck-subtitle">{esc(subtitle)}</p>' + disclaimer_html(c), kind="title")
    closing = Slide("Remember", f'<p class="deck-disclaimer"><strong>{NOT_ADVICE}:</strong> see the first slide.</p>'
                    f"<p>Last reviewed {long_date(c.metadata.last_reviewed)}.</p>",
                    kind="title")
    return [opening, *(s for part in ch.deck for s in PARTS[part](c)), closing]


# ---------------------------------------------------------------------------------------------- pages

def deck_path(compound: str, key: str) -> str:
    """The deck's path from the book's root, e.g. ``slides/semax/mechanism.html``."""
    return f"{SLIDES_DIR}/{compound}/{key}.html"


HANDOUTS_DIR = "handouts"


def handout_path(compound: str, key: str) -> str:
    """The handout's path from the book's root, e.g. ``handouts/semax/mechanism.html``."""
    return f"{HANDOUTS_DIR}/{compound}/{key}.html"


def deck_url(compound: Compound | str, key: str, from_page: str | None = None) -> str:
    """The deck's URL: from the book's root, or relative to the page ``from_page`` (a docname such as
    ``notebooks/02-mechanism``)."""
    c = as_compound(compound)
    chapter(c, key)  # refuses a chapter the compound does not have
    path = deck_path(c.id, key)
    return path if from_page is None else posixpath.relpath(path, posixpath.dirname(from_page) or ".")


class PresentLink:
    """The "Present this chapter" link and its handout's, as MyST (a notebook output) and HTML. The book build
    rewrites each ``href`` for the page it lands on (``data-deck``), so the links work from any folder."""

    def __init__(self, compound: Compound | str, key: str, from_page: str | None = None) -> None:
        c = as_compound(compound)
        self.path = deck_path(c.id, key)
        self.href = deck_url(c, key, from_page)
        self.label = f"Present this chapter as slides: {chapter(c, key).heading(c)}"
        self.handout = handout_path(c.id, key)
        self.handout_href = posixpath.relpath(self.handout, posixpath.dirname(from_page) or ".") if from_page \
            else self.handout

    def html(self) -> str:
        return (f'<a class="{PRESENT_CLASS}" href="{esc(self.href)}" data-deck="{esc(self.path)}">'
                f"{esc(self.label)}</a> · "
                f'<a class="{PRESENT_CLASS}" href="{esc(self.handout_href)}" data-deck="{esc(self.handout)}">'
                "Print its one-page handout</a>")

    def _repr_markdown_(self) -> str:
        return self.html()

    def __str__(self) -> str:
        return self.html()


def present_link(compound: Compound | str, key: str, from_page: str | None = None) -> PresentLink:
    return PresentLink(compound, key, from_page)


def _section(slide: Slide) -> str:
    notes = "".join(f"<p>{n}</p>" for n in slide.notes)
    heading = "h1" if slide.kind == "title" else "h2"
    kind = f' class="deck-{slide.kind}"' if slide.kind else ""
    return (f"<section{kind}><{heading}>{esc(slide.title)}</{heading}>{slide.body}"
            + (f'<aside class="notes">{notes}</aside>' if notes else "") + "</section>")


@cache
def speaker_view_scan() -> PageScan:
    """What the notes plugin writes into its speaker window (scripts, styles, style attributes): the
    window inherits the deck's policy, so the deck's policy must allow exactly these."""
    source = (VENDORED_REVEAL / "notes.js").read_text(encoding="utf-8")
    # A JavaScript string: a template literal in the UMD build (a quoted string in others).
    match = re.search(r'document\.write\((`(?:[^`\\]|\\.)*`|"(?:[^"\\]|\\.)*")\)', source, re.S)
    if match is None or "${" in match.group(1):
        raise RuntimeError(f"{VENDORED_REVEAL / 'notes.js'}: cannot find the speaker view it writes")
    return scan_page(_js_unescape(match.group(1)[1:-1]))


_JS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _js_unescape(body: str) -> str:
    """A JavaScript string literal's body as the string it stands for."""
    def one(m: re.Match) -> str:
        e = m.group(1)
        return chr(int(e[1:], 16)) if e[0] in "xu" and len(e) > 1 else _JS_ESCAPES.get(e, e)
    return re.sub(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)", one, body, flags=re.S)


def with_policy(page: str, *, empty_style: bool = False, extra: PageScan | None = None) -> str:
    """The page with its policy after <meta charset>; ``extra`` adds what another document the page
    writes (the speaker view) runs under the same policy."""
    scan = scan_page(page)
    if extra is not None:
        scan.scripts |= extra.scripts
        scan.styles |= extra.styles
        scan.style_attrs |= extra.style_attrs
    if scan.handlers:
        raise ValueError(f"inline script the policy would block: {', '.join(scan.handlers)}")
    policy = content_security_policy(scan, empty_style=empty_style)
    return page.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n<meta http-equiv="{META_NAME}" '
                        f'content="{policy}">', 1)


def page_shell(title: str, body: str, *, depth: int, css: Iterable[str], js: Iterable[str] = (),
               body_class: str = "", description: str = "") -> str:
    """A standalone page of the book, ``depth`` folders below its root, loading only ``_static`` files.
    Its scripts are classic and deferred, run in order once the page is parsed (a page opened from disk
    cannot load ES modules); the icon is the book's, so no browser asks for /favicon.ico."""
    root = "../" * depth
    meta = f"{meta_tag(description)}\n" if description else ""
    links = "".join(f'\n<link rel="stylesheet" href="{root}_static/{esc(p)}">' for p in css)
    scripts = "".join(f'\n<script defer src="{root}_static/{esc(p)}"></script>' for p in js)
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'{meta}<title>{esc(title)}</title>\n<link rel="icon" href="{root}_static/{FAVICON}" type="image/svg+xml">'
            f"{links}{scripts}\n</head>\n"
            f'<body class="{esc(body_class)}">\n{body}\n</body>\n</html>\n')


def deck_html(compound: Compound | str, key: str) -> str:
    """The deck page for one chapter, policy included."""
    c = as_compound(compound)
    slides = slides_for(c, key)
    sections = "".join(_section(s) for s in slides)
    body = (f'<main class="deck-main" aria-label="{esc(slides[0].title)}: slides">'
            f'<div class="reveal"><div class="slides">{sections}</div></div></main>'
            '<footer class="deck-help"><p><span class="deck-count"></span> Arrow keys, Page Up and Page Down move; '
            'F is full screen; S opens the '
            f'speaker notes; Escape shows every slide. <a href="{BOOK_HOME}">Back to the book</a></p></footer>')
    css = [f"{REVEAL_DIR}/reset.css", f"{REVEAL_DIR}/reveal.css", f"{OUT_DIR}/grades.css"]
    js: list[str] = []
    if WIDGET_CLASS in sections:
        css.append(f"{OUT_DIR}/widgets/stepper.css")
        js.append(f"{OUT_DIR}/widget-host.js")
    figure = FIGURE_CLASS in sections
    if figure:
        js.append(f"{OUT_DIR}/figures.js")  # it loads plotly.js when a chart's slide shows
    css.append(DECK_CSS)
    js += [f"{REVEAL_DIR}/reveal.js", f"{OUT_DIR}/deck.js"]
    page = page_shell(f"{slides[0].title} · {c.identity.name} · slides", body, depth=2, css=css, js=js,
                      body_class="explainer-deck",
                      description=f"Slides for a class: {slides[0].title}. {c.metadata.subtitle}")
    return with_policy(page, empty_style=figure, extra=speaker_view_scan())
