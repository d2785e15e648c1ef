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
import json
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__
from .content import GRADE_INFO, Claim, Compound, available_compounds, load_compound
from .csp import META_NAME, PageScan, content_security_policy, scan_page
from .render import ranked_by_frequency, reported_patterns, studies_caption, testing_answers

SLIDES_DIR = "slides"
REVEAL_DIR = "vendor/reveal"  # under _static/
DECK_CSS = "classroom/deck.css"
VENDORED_REVEAL = Path(__file__).parents[2] / "book" / "_static" / "vendor" / "reveal"
NOT_ADVICE = "Not medical advice"
PRESENT_CLASS = "explainer-present"
STUDIES_PER_SLIDE = 5  # rows of the source table that stay legible on one slide
BOOK_HOME = "../../index.html"  # from slides/<compound>/ and handouts/<compound>/


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
    info = GRADE_INFO[claim.grade]
    return (f'<span class="grade-badge grade-{claim.grade.value}" title="{esc(info.meaning)}">'
            f'{esc(claim.badge_words)}</span>')


def note_for(c: Compound, claim: Claim, what: str | None = None) -> str:
    """A speaker note for one claim: its grade, its citations and its caveat, in that order."""
    cites = "; ".join(s.inline_citation for s in c.sources_for(claim))
    parts = [f"<strong>{esc(what)}</strong>: " if what else "",
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


def short(text: str, limit: int = 60) -> str:
    """The opening of a text for a note's lead, cut at a word boundary (never mid-word) and marked cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut.rstrip(" ,;:.") + "…"


def listing(c: Compound, title: str, rows: Iterable[tuple[str, Claim, str | None]], lead_html: str = "") -> Slide:
    rows = list(rows)
    return Slide(title, lead_html + "<ul>" + "".join(item(t, k, lead) for t, k, lead in rows) + "</ul>",
                 [note_for(c, k, lead or short(t)) for t, k, lead in rows])


def disclaimer_html(c: Compound) -> str:
    return f'<p class="deck-disclaimer"><strong>{NOT_ADVICE}.</strong> {esc(c.metadata.disclaimer)}</p>'


def table(headers: Iterable[str], rows: Iterable[Iterable[str]], caption: str) -> str:
    """An HTML table whose cells are already escaped HTML."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def dose_table(c: Compound) -> str:
    rows = [(f"<strong>{esc(r.label)}</strong>",
             esc(r.text) + (f" <em>(status on the original page: {esc(r.status)})</em>" if r.status else ""),
             badge(r)) for r in c.dosing.rows]
    return table(("Figure", "What people report", "Evidence"), rows,
                 "Community dose figures: what people report, not recommendations")


def source_table(c: Compound, studies: Iterable[Any] | None = None, who: bool = True, caption: str = "") -> str:
    """The studies as a table; ``who`` adds the population column (a handout leaves it out for room)."""
    rows = [(f"<strong>{esc(s.short_cite)}</strong>", esc(s.design),
             *([esc(s.population or "not given")] if who else []),
             esc(s.n_text), badge(s) + "".join(f" <em>({esc(w)})</em>" for w in s.flag_words))
            for s in (c.studies if studies is None else studies)]
    headers = ("Source", "Design", *(("Who",) if who else ()), "n", "Grade")
    return table(headers, rows, caption or studies_caption(c))


# ---------------------------------------------------------------------------------------------- chapters

def _what_it_is(c: Compound) -> list[Slide]:
    ident = c.identity
    slides = [Slide(f"What {ident.name} is", f"<p class=\"deck-lead\">{esc(ident.summary)}</p>")]
    slides.append(listing(c, "What people use it for", ((u.text, u, u.label) for u in ident.uses)))
    slides.append(listing(c, "How it is taken", ((r.text, r, None) for r in ident.route)))
    if ident.approval or ident.registration:
        rows = [(a.text, a, a.region) for a in ident.approval]
        rows += [(r.text, r, f"{r.region}: {r.status_words}") for r in ident.registration]
        slides.append(listing(c, "Where it stands", rows))
    if ident.variants:
        slides.append(listing(c, "Variants", ((v.text, v, v.name) for v in ident.variants)))
    if ident.sequence:
        seq = ident.sequence
        chain = "".join(f'<li>{esc(r)}</li>' for r in seq.residues)
        slides.append(Slide("The sequence", f'<ol class="deck-sequence" aria-label="Sequence">{chain}</ol>'
                                            f"<p>{esc(seq.origin)} {badge(seq)}</p>", [note_for(c, seq)]))
    return slides


def _mechanism(c: Compound) -> list[Slide]:
    from .widgets.stepper import MechanismStepper

    m = c.mechanism
    slides = [Slide("How it is thought to work", f'<p class="deck-lead">{esc(m.summary.text)} {badge(m.summary)}</p>',
                    [note_for(c, m.summary)])]
    total = len(m.steps)
    for s in m.steps:
        diagram = MechanismStepper(c, step=s.number).to_html()
        slides.append(Slide(
            f"Step {s.number} of {total}: {s.title}",
            f'<p class="deck-kicker">{esc(s.kicker)}</p>{diagram}'
            f'<p class="deck-step-body">{esc(s.body)} {badge(s)}</p>',
            [note_for(c, s, f"Step {s.number}")], kind="step"))
    slides.append(Slide(m.result.title, f"<p>{esc(m.result.body)} {badge(m.result)}</p>", [note_for(c, m.result)]))
    return slides


def _dosing(c: Compound) -> list[Slide]:
    from .charts import dose_range

    d = c.dosing
    slides = [Slide("Doses people report", dose_table(c), [note_for(c, r, r.label) for r in d.rows], kind="table")]
    fig = dose_range(c)
    slides.append(Slide("The reported range on one scale", fig.to_html(), [esc(fig.alt)], kind="chart"))
    if d.thinness:
        slides.append(Slide("How thin these figures are", f"<p>{esc(d.thinness.text)} {badge(d.thinness)}</p>",
                            [note_for(c, d.thinness)]))
    return slides


def starting_values(c: Compound) -> str:
    """The calculator's starting vial and water in words, for a deck or handout that shows no calculator."""
    from .numbers import format_number

    d = c.calculator_inputs()
    return (f"The worked conversion uses the calculator's starting values: a {format_number(d['vial_amount'], 2)} "
            f"mg vial and {format_number(d['water_ml'], 2)} mL of water; the book's calculator page converts any "
            "values entered.")


def _reconstitution(c: Compound) -> list[Slide]:
    from .quiz import reconstitution_case

    calc = c.calculator
    case = reconstitution_case(c)
    slides = [Slide("The reconstitution calculator", f'<p class="deck-lead">{esc(calc.note)}</p>'
                    + (f"<p>{esc(starting_values(c))}</p>" if case else ""))]
    if case:
        slides.append(Slide("A worked conversion",
                            f"<p>{esc(case['question'])}</p><p><strong>{esc(case['answer'])}</strong></p>"
                            f"<p>{esc(case['explanation'])}</p>", ["Unit conversion only; it recommends no dose."]))
    if calc.route_note:
        slides.append(Slide("The route", f"<p>{esc(calc.route_note)}</p>"))
    return slides


def _side_effects(c: Compound) -> list[Slide]:
    se = c.side_effects
    if ranked_by_frequency(c):
        slides = [listing(c, "What people report, most often first",
                          ((e.text, e, f"{e.rank}. {e.name}") for e in se.ranked))]
    else:  # the order is only the sources' listing: no rank numbers, and the note says why
        slides = [listing(c, "What the sources list", ((e.text, e, e.name) for e in se.ranked),
                          f"<p>{esc(se.ranking_note)}</p>")]
    slides.append(Slide("Overall", f"<p>{esc(se.overall.text)} {badge(se.overall)}</p>", [note_for(c, se.overall)]))
    if se.label_listed:
        slides.append(listing(c, "What the label lists", ((f.text, f, None) for f in se.label_listed)))
    if c.label and c.label.contraindications:
        rows = ((f.text, f, None) for f in c.label.contraindications)
        slides.append(listing(c, "Contraindications on the label", rows))
    return slides


def _stacking(c: Compound) -> list[Slide]:
    st = c.stacking
    assert st is not None
    slides = []
    answers = stack_answers(c)
    if answers:
        body = "<ul>" + "".join(item(p.text, p) for _, p in answers) + "</ul>"
        slides.append(Slide("Has the combination been tested?", body,
                            [note_for(owner, p, short(p.text)) for owner, p in answers]))
    slides.append(listing(c, f"Pairing with {st.partner}", ((r.role, r, r.compound) for r in st.roles)))
    if reported_patterns(st):
        slides.append(listing(c, "Patterns people describe", ((p.text, p, None) for p in reported_patterns(st))))
    slides.append(Slide("About the timing", f"<p>{esc(st.schedule_note)}</p>"))
    cautions = stack_cautions(c)
    if cautions:
        body = "".join(f"<p><strong>{esc(owner.identity.name)}'s label lists as contraindications:</strong></p>"
                       "<ul>" + "".join(item(f.text, f) for f in facts) + "</ul>" for owner, facts in cautions)
        slides.append(Slide("Cautions from the labels", body,
                            [note_for(owner, f, owner.identity.name) for owner, facts in cautions for f in facts]))
    return slides


def stack_pair(c: Compound) -> list[Compound]:
    """The compound and its stacking partner, when the partner has a data file of its own."""
    assert c.stacking is not None
    partner = [p for p in (load_compound(n) for n in available_compounds())
               if p.id != c.id and p.identity.name.lower() == c.stacking.partner.lower()]
    return [c, *partner[:1]]


def stack_answers(c: Compound) -> list[tuple[Compound, Any]]:
    """Whether the combination was tested, from both compounds' stacking sections (each with its owner, whose
    sources it cites): the same plain answer in either compound's deck and handout."""
    return [(o, p) for o in stack_pair(c) if o.stacking for p in testing_answers(o.stacking)]


def stack_cautions(c: Compound) -> list[tuple[Compound, tuple]]:
    """Each compound of the pair whose label lists contraindications, with them."""
    return [(o, o.label.contraindications) for o in stack_pair(c) if o.label and o.label.contraindications]


def _evidence(c: Compound) -> list[Slide]:
    ev = c.evidence
    slides = [Slide("The evidence", f"<p>{esc(p.text)} {badge(p)}</p>", [note_for(c, p)]) for p in ev.points]
    studies = c.studies
    parts = -(-len(studies) // STUDIES_PER_SLIDE)
    for i in range(parts):
        some = studies[i * STUDIES_PER_SLIDE:(i + 1) * STUDIES_PER_SLIDE]
        more = f" ({i + 1} of {parts})" if parts > 1 else ""
        slides.append(Slide(f"The studies cited{more}", source_table(c, some, caption=f"The studies cited{more}"),
                            [source_note(s) for s in some], kind="table"))
    slides.append(Slide("Verdict", f'<p class="deck-lead">{esc(ev.verdict.text)} {badge(ev.verdict)}</p>',
                        [note_for(c, ev.verdict)]))
    return slides


@dataclass(frozen=True)
class Chapter:
    key: str
    title: str  # "{name}" and "{partner}" are filled from the compound
    build: Callable[[Compound], list[Slide]]
    applies: Callable[[Compound], bool] = lambda c: True

    def heading(self, c: Compound) -> str:
        return self.title.format(name=c.identity.name, partner=c.stacking.partner if c.stacking else "")


CHAPTERS: tuple[Chapter, ...] = (
    Chapter("what-it-is", "What {name} is", _what_it_is),
    Chapter("mechanism", "How {name} is thought to work", _mechanism),
    Chapter("dosing", "Doses people report", _dosing),
    Chapter("reconstitution", "The reconstitution calculator", _reconstitution),
    Chapter("side-effects", "Side effects and cautions", _side_effects),
    Chapter("stacking", "Stacking with {partner}", _stacking, lambda c: c.stacking is not None),
    Chapter("evidence", "The evidence", _evidence),
)


def as_compound(compound: Compound | str) -> Compound:
    return compound if isinstance(compound, Compound) else load_compound(compound)


def chapters_for(compound: Compound | str) -> list[Chapter]:
    c = as_compound(compound)
    return [ch for ch in CHAPTERS if ch.applies(c)]


def chapter(compound: Compound | str, key: str) -> Chapter:
    found = next((ch for ch in chapters_for(compound) if ch.key == key), None)
    if found is None:
        keys = ", ".join(ch.key for ch in chapters_for(compound))
        raise KeyError(f"no chapter {key!r} for {as_compound(compound).id}; the chapters are: {keys}")
    return found


def slides_for(compound: Compound | str, key: str) -> list[Slide]:
    """The chapter's slides, between a title slide and a closing slide that both carry the disclaimer."""
    c = as_compound(compound)
    ch = chapter(c, key)
    opening = Slide(ch.heading(c), f'<p class="deck-subtitle">{esc(c.metadata.title)}: {esc(c.metadata.subtitle)}</p>'
                    + disclaimer_html(c), kind="title")
    closing = Slide("Remember", disclaimer_html(c) + f"<p>Last reviewed {c.metadata.last_reviewed:%-d %B %Y}.</p>",
                    kind="title")
    return [opening, *ch.build(c), closing]


# ---------------------------------------------------------------------------------------------- pages

def deck_path(compound: str, key: str) -> str:
    """The deck's path from the book's root, e.g. ``slides/semax/mechanism.html``."""
    return f"{SLIDES_DIR}/{compound}/{key}.html"


def deck_url(compound: Compound | str, key: str, from_page: str | None = None) -> str:
    """The deck's URL: from the book's root, or relative to the page ``from_page`` (a docname such as
    ``notebooks/02-mechanism``)."""
    c = as_compound(compound)
    chapter(c, key)  # refuses a chapter the compound does not have
    path = deck_path(c.id, key)
    return path if from_page is None else posixpath.relpath(path, posixpath.dirname(from_page) or ".")


class PresentLink:
    """The "Present this chapter" link, as MyST (a notebook output) and HTML. The book build rewrites
    its ``href`` for the page it lands on (``data-deck``), so the link works from any folder."""

    def __init__(self, compound: Compound | str, key: str, from_page: str | None = None) -> None:
        c = as_compound(compound)
        self.path = deck_path(c.id, key)
        self.href = deck_url(c, key, from_page)
        self.label = f"Present this chapter as slides: {chapter(c, key).heading(c)}"

    def html(self) -> str:
        return (f'<a class="{PRESENT_CLASS}" href="{esc(self.href)}" data-deck="{esc(self.path)}">'
                f"{esc(self.label)}</a>")

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
    source = (VENDORED_REVEAL / "notes.mjs").read_text(encoding="utf-8")
    match = re.search(r'document\.write\(("(?:[^"\\]|\\.)*")\)', source)
    if match is None:
        raise RuntimeError(f"{VENDORED_REVEAL / 'notes.mjs'}: cannot find the speaker view it writes")
    # A JavaScript string literal: JSON but for \xHH escapes (and raw tabs, which strict=False allows).
    literal = re.sub(r"\\x([0-9a-fA-F]{2})", r"\\u00\1", match.group(1))
    return scan_page(json.loads(literal, strict=False))


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


def page_shell(title: str, body: str, *, depth: int, css: Iterable[str], js: Iterable[tuple[str, str]] = (),
               body_class: str = "") -> str:
    """A standalone page of the book, ``depth`` folders below its root, loading only ``_static`` files.
    ``js`` pairs a path with its type ("module" or "")."""
    root = "../" * depth
    links = "".join(f'\n<link rel="stylesheet" href="{root}_static/{esc(p)}">' for p in css)
    scripts = "".join(f'\n<script{" type=" + chr(34) + t + chr(34) if t else ""} src="{root}_static/{esc(p)}"></script>'
                      for p, t in js)
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>{links}{scripts}\n</head>\n"
            f'<body class="{esc(body_class)}">\n{body}\n</body>\n</html>\n')


def deck_html(compound: Compound | str, key: str) -> str:
    """The deck page for one chapter, policy included."""
    from .display import FIGURE_CLASS, PLOTLY_JS
    from .extension import OUT_DIR
    from .widgets import WIDGET_CLASS

    c = as_compound(compound)
    slides = slides_for(c, key)
    sections = "".join(_section(s) for s in slides)
    body = (f'<main class="deck-main" aria-label="{esc(slides[0].title)}: slides">'
            f'<div class="reveal"><div class="slides">{sections}</div></div></main>'
            '<footer class="deck-help"><p><span class="deck-count"></span> Arrow keys, Page Up and Page Down move; '
            'F is full screen; S opens the '
            f'speaker notes; Escape shows every slide. <a href="{BOOK_HOME}">Back to the book</a></p></footer>')
    css = [f"{REVEAL_DIR}/reset.css", f"{REVEAL_DIR}/reveal.css", f"{OUT_DIR}/grades.css"]
    js: list[tuple[str, str]] = []
    if WIDGET_CLASS in sections:
        css.append(f"{OUT_DIR}/widgets/stepper.css")
        js.append((f"{OUT_DIR}/widget-host.js", "module"))
    figure = FIGURE_CLASS in sections
    if figure:
        js += [(f"vendor/{PLOTLY_JS}", ""), (f"{OUT_DIR}/figures.js", "")]
    css.append(DECK_CSS)
    js.append((f"{OUT_DIR}/deck.js", "module"))
    page = page_shell(f"{slides[0].title} · {c.identity.name} · slides", body, depth=2, css=css, js=js,
                      body_class="explainer-deck")
    return with_policy(page, empty_style=figure, extra=speaker_view_scan())


def write_decks(outdir: Path, compounds: Iterable[str] | None = None) -> list[Path]:
    """Write every chapter deck and handout of every compound under ``outdir``; returns the files."""
    from .handouts import handout_html, handout_path

    written = []
    for name in compounds if compounds is not None else available_compounds():
        c = load_compound(name)
        for ch in chapters_for(c):
            for rel, text in ((deck_path(c.id, ch.key), deck_html(c, ch.key)),
                              (handout_path(c.id, ch.key), handout_html(c, ch.key))):
                path = outdir / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                written.append(path)
    return written


# ---------------------------------------------------------------------------------------------- Sphinx

def _link_from_page(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Point each "Present this chapter" link at its deck from this page's folder."""
    body = context.get("body", "")
    if PRESENT_CLASS not in body:
        return
    pathto = context["pathto"]
    context["body"] = re.sub(
        r'(<a class="' + PRESENT_CLASS + r'" href=")[^"]*(" data-deck=")([^"]+)(")',
        lambda m: f"{m.group(1)}{esc(pathto(html.unescape(m.group(3)), 1))}{m.group(2)}{m.group(3)}{m.group(4)}", body)


def _on_build_finished(app: Any, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        write_decks(Path(app.outdir))


def setup(app: Any) -> dict[str, Any]:
    app.connect("html-page-context", _link_from_page)
    # Before the content-security step (priority 900), which leaves a page that has a policy as it is.
    app.connect("build-finished", _on_build_finished, priority=500)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
