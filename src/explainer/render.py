"""Content → MyST Markdown blocks for the notebooks: badges, tables and lists, all read from the content file.

Each function returns an ``explainer.myst.Myst`` object (a ``text/markdown`` output), which the book
parses as MyST into real document text and JupyterLab renders with jupyterlab-myst. Notebooks call
these instead of typing facts, so prose, tables and charts cannot disagree. Every string from the
content file goes through ``myst.text`` exactly once.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from . import myst
from .charts import fmt_num as fmt
from .charts import fmt_span as span
from .charts.formatting import fmt_multiple
from .content import CHECKED_INFO, FLAG_INFO, FLAG_MEANING, GRADE_INFO, Claim, Compound, Flag, Grade, Source
from .myst import Myst

# The book's glossary is the one home of the words that link to it.
GLOSSARY = Path(__file__).resolve().parents[2] / "book" / "glossary.md"


@cache
def glossary_terms() -> tuple[str, ...]:
    """The terms of the glossary page's ``{glossary}`` block: lines that start at the margin inside it."""
    if not GLOSSARY.exists():  # an installed copy without the book: words stay plain text
        return ()
    block = re.search(r"^(:{3,})\{glossary\}\n(.*?)^\1\s*$", GLOSSARY.read_text(encoding="utf-8"), re.S | re.M)
    if block is None:
        raise ValueError(f"{GLOSSARY}: no {{glossary}} block")
    return tuple(line.strip() for line in block.group(2).splitlines() if line.strip() and not line[0].isspace())


class _Prose:
    """``myst.text`` for the content's prose, linking each glossary term on its first use in one output."""

    def __init__(self) -> None:
        self.left = list(glossary_terms())

    def __call__(self, value: object) -> str:
        out = myst.text(value, self.left)
        linked = {m.group(2) or m.group(1) for m in re.finditer(r"\{term\}`([^`<]*?)(?: <([^`]*)>)?`", out)}
        self.left = [t for t in self.left if t not in linked]
        return out


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def badge(what: Grade | Claim | Source) -> str:
    """A badge with both halves for a claim or a source (its kind, and what the book checked); the kind alone
    for a bare grade (the evidence guide's table)."""
    grade = what if isinstance(what, Grade) else what.grade
    info = GRADE_INFO[grade]
    label = info.label if isinstance(what, Grade) else what.badge_words
    return myst.badge(label, ["grade-badge", f"grade-{grade.value}"], info.meaning)


def flag_badge(flag: Flag) -> str:
    css = "flag-unverified" if flag is Flag.attribution_unverified else f"flag-{flag.value}"
    return myst.badge(FLAG_INFO[flag], ["grade-badge", css])


def source_flag_badges(source: Source) -> list[str]:
    """A source's flags as badges, plus one when a detail of the citation has only an unverified likely
    correction, so a listing never looks cleaner than the inline citation."""
    badges = [flag_badge(f) for f in source.flags]
    if source.identifier_words:  # an identifier seen only in third-party lists travels with every listing too
        words = source.identifier_words
        badges.append(myst.badge(f"{words[0].upper()}{words[1:]}", ["grade-badge", "flag-unverified"]))
    li = source.likely_identity
    if li is not None:
        likely = {"year": f"year likely {li.year}", "authors": f"authors likely {li.authors}"}
        words = "; ".join(likely[c] for c in li.corrects)
        badges.append(myst.badge(f"{words[0].upper()}{words[1:]} (unverified)", ["grade-badge", "flag-unverified"]))
    return badges


def citation(source: Source) -> str:
    """The one inline citation style: the source's short cite with every flag, from ``Source.inline_citation``."""
    return myst.text(source.inline_citation)


def cited(compound: Compound, item: Claim) -> str:
    """The badge, the citations (flags included) and the caveat that every claim carries, as inline MyST."""
    cites = "; ".join(s.inline_citation for s in compound.sources_for(item))
    return myst.paragraph(
        badge(item),
        f"({myst.text(cites)})" if cites else "",
        f"{myst.emphasis('Caveat:')} {myst.text(item.full_caveat)}" if item.full_caveat else "",
    )


def _lead(label: str) -> str:
    """A bold run-in label such as **Sequence:**."""
    return myst.strong(myst.text(label))


def summary(compound: Compound) -> Myst:
    return Myst(_Prose()(compound.identity.summary))


def reviewed(compound: Compound) -> str:
    d = compound.metadata.last_reviewed
    return f"{d.day} {d:%B %Y}"


def disclaimer(compound: Compound) -> Myst:
    body = myst.paragraph(myst.text(compound.metadata.disclaimer),
                          myst.emphasis(myst.text(
                              f"Content last reviewed against its sources on {reviewed(compound)}.")))
    return Myst(myst.callout(body, title="Not medical advice", kind="important", classes=["explainer-disclaimer"]))


def sequence_origin(compound: Compound, prose: _Prose | None = None) -> str:
    """The one sentence on where the peptide comes from, with its evidence; '' when none is recorded."""
    seq = compound.identity.sequence
    if seq is None:
        return ""
    return myst.paragraph(_lead("Where it comes from:"), (prose or _Prose())(seq.origin), cited(compound, seq))


# --------------------------------------------------------------------------- chapter 1


def uses(compound: Compound) -> Myst:
    prose = _Prose()

    def entry(u) -> str:
        tags = [t for t, on in (("most reported", u.most_reported), (_approved_words(compound, u), u.approved)) if on]
        head = myst.strong(myst.text(u.label))
        if tags:
            head += " " + myst.emphasis(myst.text(f"({', '.join(tags)})"))
        return myst.paragraph(head + ":", prose(u.text), cited(compound, u))

    return Myst(myst.bullets(entry(u) for u in compound.identity.uses))


def _approved_words(compound: Compound, use) -> str:
    """'approved in Russia, according to the original page': where, from the registration or approval records,
    and on whose word, from the grade of the use itself."""
    regions = [r.region for r in compound.identity.registration] or [a.region for a in compound.identity.approval]
    where = f" in {regions[0]}" if regions else ""
    whose = {"original_page": ", according to the original page", "label": ", according to the product label"}
    # a status never travels without its doubt
    doubt = any(r.doubt for r in compound.identity.registration if regions and r.region == regions[0])
    return (f"approved{where}{whose.get(use.grade.value, '')}"
            + ("; the registration there may have been withdrawn, not confirmed" if doubt else ""))


def about(compound: Compound) -> Myst:
    """What the compound is built on, who made it: each fact graded and cited."""
    prose = _Prose()
    if not compound.identity.about:
        return Myst()
    return Myst(myst.bullets(myst.paragraph(myst.strong(myst.text(a.label)) + ":", prose(a.text), cited(compound, a))
                             for a in compound.identity.about))


def registration(compound: Compound) -> Myst:
    """Each registration with its status words and, always beside it, any unconfirmed doubt with its citation."""
    prose = _Prose()
    items = []
    for r in compound.identity.registration:
        head = myst.strong(myst.text(f"{r.region}: {r.status_words}."))
        doubt = (myst.paragraph(_lead("Not confirmed:"), prose(r.doubt.text), cited(compound, r.doubt))
                 if r.doubt else "")
        items.append(myst.blocks(myst.paragraph(head, prose(r.text), cited(compound, r)), doubt))
    return Myst(myst.bullets(items)) if items else Myst()


def route(compound: Compound) -> Myst:
    prose = _Prose()
    return Myst(myst.bullets(myst.paragraph(prose(r.text), cited(compound, r)) for r in compound.identity.route))


def status(compound: Compound) -> Myst:
    prose = _Prose()
    rows = [(myst.text(a.region), prose(a.text), cited(compound, a)) for a in compound.identity.approval]
    regs = registration(compound)
    if not rows and not compound.identity.registration:
        return Myst(myst.text("No approval or community status is recorded for this compound."))
    table = (myst.table(("Where", "How it is used", "Evidence"), rows, "Clinical medicine or community tool")
             if rows else "")
    return Myst(table, _lead("Registration:") if compound.identity.registration else "", regs.markdown)


def variants_and_sequence(compound: Compound) -> Myst:
    ident = compound.identity
    prose = _Prose()
    parts = [myst.paragraph(myst.strong(myst.text(f"{v.name}.")), prose(v.text), cited(compound, v))
             for v in ident.variants]
    if ident.sequence:
        parts.append(myst.paragraph(_lead("Sequence:"), myst.code(ident.sequence.text)))
        parts.append(sequence_origin(compound, prose))
    return Myst(*parts) if parts else Myst(myst.text("No variants or sequence are recorded for this compound."))


# --------------------------------------------------------------------------- chapter 2


def mechanism_summary(compound: Compound) -> Myst:
    s = compound.mechanism.summary
    prose = _Prose()
    return Myst(prose(s.text), cited(compound, s), sequence_origin(compound, prose))


def step(compound: Compound, number: int) -> Myst:
    """A step's full text and evidence; its title is on the diagram shown just above it."""
    st = compound.mechanism.steps[number - 1]
    prose = _Prose()
    return Myst(prose(st.body), cited(compound, st), sequence_origin(compound, prose) if st.shows_sequence else "")


def mechanism_result(compound: Compound) -> Myst:
    r = compound.mechanism.result
    return Myst(myst.paragraph(myst.strong(myst.text(f"{r.title}.")), _Prose()(r.body)), cited(compound, r))


# --------------------------------------------------------------------------- chapter 3


def status_note(status: str | None, sentence: bool = True) -> str:
    """A figure's review status, shown with the figure wherever it appears: as its own sentence, or in brackets."""
    if not status:
        return ""
    said = f"Status on the original page: {status}." if sentence else f"(status on the original page: {status})"
    return myst.emphasis(myst.text(said))


def dose_table(compound: Compound) -> Myst:
    prose = _Prose()
    cells = [(myst.strong(myst.text(r.label)), myst.paragraph(prose(r.text), status_note(r.status)), cited(compound, r))
             for r in compound.dosing.rows]
    return Myst(myst.table(("Figure", "What people report", "Evidence"), cells,
                           "Community dose figures: what people report, not recommendations"))


def dose_numbers(compound: Compound) -> Myst:
    d = compound.dosing
    if not d.has_standard:
        return _dose_figures(compound)
    rng = d.range_high_mcg_per_day
    return Myst(myst.bullets([
        myst.paragraph(myst.text("The standard daily figure people report: about"),
                       myst.strong(myst.text(f"{fmt(d.standard_mcg_per_day)} mcg"))
                       + myst.text(f", often taken in {span(d.split_min, d.split_max)} portions."),
                       status_note(d.standard_status)),
        myst.paragraph(myst.text("The upper end people report: about"),
                       myst.strong(myst.text(span(rng.low, rng.high, "mcg"))), myst.text("a day.")),
    ]))


def _dose_figures(compound: Compound) -> Myst:
    """Community figures with no per-day standard: each reported amount, what stands behind it, and how thin it is."""
    d, prose = compound.dosing, _Prose()
    per = {"per_dose": "a dose", "per_day": "a day"}
    kinds = {"guide": "guide pages", "first_hand": "one first-hand report", "summary": "a summary of reports"}
    items = []
    for f in d.figures:
        often = f", {span(f.times_per_day.low, f.times_per_day.high)} times a day" if f.times_per_day else ""
        items.append(myst.paragraph(myst.strong(myst.text(f.label)) + ":",
                                    myst.strong(myst.text(f"{span(f.mcg.low, f.mcg.high, 'mcg')}")),
                                    myst.text(f"{per[f.basis]}{often} ({kinds[f.kind]})."), prose(f.text),
                                    cited(compound, f)))
    thin = (myst.paragraph(_lead("How thin this is:"), prose(d.thinness.text), cited(compound, d.thinness))
            if d.thinness else "")
    return Myst(myst.bullets(items), thin)


def _amount(value: tuple[float, float] | None, unit_words: str) -> str:
    return f"about {span(value[0] * 1000, value[1] * 1000, 'mcg')} {unit_words}" if value else ""


def label_summary(compound: Compound) -> Myst:
    label = compound.label
    if label is None:
        return Myst(myst.text("No product label is recorded for this compound."))
    prose = _Prose()
    # Every row comes from the one label source: cite it once, keep each row's own caveat.
    source = compound.source(label.source_id)
    strengths = [tuple(myst.text(c) for c in (f"{fmt(s.percent)}%", f"{fmt(s.mg_per_ml)} mg/mL",
                                                f"{fmt(s.bottle_ml)} mL", s.form))
                 for s in label.strengths]
    def works_out(sc) -> str:
        amounts = [a for a in (_amount(label.single_mg(sc.key), "at a time"), _amount(label.daily_mg(sc.key), "a day"))
                   if a]
        course = ""
        if sc.course_weeks:
            weeks = (plural(int(sc.course_weeks), "week") if sc.course_weeks == int(sc.course_weeks)
                     else fmt(sc.course_weeks) + " weeks")
            course = f"; a course of {weeks}"
            if sc.break_weeks:
                course += f", then a break of {span(sc.break_weeks.low, sc.break_weeks.high)} weeks"
        elif sc.days:
            course = f"; for {plural(sc.days, 'day')}"
        return "; ".join(amounts) + course

    schedules = [(myst.text(sc.indication or sc.name or "no indication recorded in the notes"),
                  prose(sc.text), myst.text(works_out(sc)), prose(sc.caveat or ""))
                 for sc in label.schedules]
    # How many times the per-day community standard each daily schedule comes to (only with such a standard).
    multiples = compound.schedule_multiples_of_community
    note = status_note(compound.dosing.standard_status, sentence=False)
    note = " " + note if note else ""
    scale = [myst.paragraph(
        myst.text(f"{_schedule_name(label.schedule(key))} works out to roughly"),
        # the charts' multiple rule (two figures: "1.3", never "1.333"), so text and chart agree
        myst.strong(myst.text(f"{fmt_multiple(low)}–{fmt_multiple(high)} times" if low != high
                              else f"{fmt_multiple(low)} times")),
        myst.text(f"the community standard of about {fmt(compound.dosing.standard_mcg_per_day)} mcg a day")
        + note + myst.text(f". {_scale_words(label.schedule(key))}"))
        for key, (low, high) in multiples.items()]
    indications = (myst.blocks(_lead("What the label lists it for:"),
                               myst.bullets(myst.paragraph(prose(f.text), cited(compound, f))
                                            for f in label.indications))
                   if label.indications else "")
    drop = _lead("Drop size:") if label.drop_size_stated else _lead("Assumption:")
    return Myst(
        prose(label.note),
        myst.paragraph(myst.text("Source for this section:"), badge(source), citation(source) + "."),
        myst.table(("Strength", "Concentration", "Bottle", "Form"), strengths, "Strengths on the label")
        if strengths else "",
        myst.table(("For", "Schedule on the label", "Works out to", "Note"), schedules,
                   f"Label schedules converted to {schedule_amount_words(compound)}, for scale only: not a protocol")
        if schedules else "",
        indications,
        myst.paragraph(drop, prose(label.drop_ml_note)),
        *scale,
    )


def schedule_amount_words(compound: Compound) -> str:
    """What the label table works a schedule out to: 'a daily amount', 'a single dose', or both."""
    label = compound.label
    daily = any(label.daily_mg(sc.key) for sc in label.schedules)
    single = any(label.single_mg(sc.key) for sc in label.schedules)
    if daily and single:
        return "an amount at a time and a day"
    return "a daily amount" if daily else "an amount at a time"


def _scale_words(sc) -> str:
    said = f"It is a {sc.setting} treatment, shown" if sc.setting else "It is shown"
    return f"{said} only for scale: it is not a protocol for anyone."


def _schedule_name(sc) -> str:
    """'The schedule for acute ischemic stroke' / "The label's daily dose": how a sentence names a schedule."""
    if sc.indication:
        return f"The schedule for {sc.indication}"
    if sc.name:
        return sc.name[0].upper() + sc.name[1:]
    return f"The {fmt(sc.strength_percent)}% schedule"


# --------------------------------------------------------------------------- chapter 5


def side_effects(compound: Compound) -> Myst:
    se = compound.side_effects
    prose = _Prose()
    # A numbered list claims an order of frequency; with a ranking note the order is only the sources' listing.
    ranked = myst.bullets((myst.paragraph(myst.strong(myst.text(f"{s.name}.")), prose(s.text), cited(compound, s))
                           for s in se.ranked), ordered=ranked_by_frequency(compound))
    note = myst.emphasis(myst.text(se.ranking_note)) if se.ranking_note else ""
    return Myst(note, ranked)


def side_effects_caution(compound: Compound) -> str:
    """What the side-effect list can and cannot show, by the kind of source it rests on."""
    grades = {e.grade for e in compound.side_effects.ranked}
    if grades and grades <= {Grade.vendor}:
        return ("The side effects listed come from sellers' pages, not from users' own reports; an absence of "
                "reports is not evidence of safety.")
    return "Community reports can show what people notice; they cannot prove safety."


def ranked_by_frequency(compound: Compound) -> bool:
    """True when the side-effect list is in order of how often each is reported; a ``ranking_note`` says it is
    not (the sources list the effects together, with nothing on how often each occurs)."""
    return not compound.side_effects.ranking_note


def tolerability(compound: Compound) -> Myst:
    se = compound.side_effects
    prose = _Prose()
    out = [myst.paragraph(prose(se.overall.text), cited(compound, se.overall))]
    if se.label_listed:
        out.append(_lead("What the product label lists:"))
        out.append(myst.bullets(myst.paragraph(prose(f.text), cited(compound, f)) for f in se.label_listed))
    return Myst(*out)


def contraindications(compound: Compound) -> Myst:
    label = compound.label
    if label is None or not label.contraindications:
        return Myst(myst.text("No contraindications are recorded for this compound."))
    prose = _Prose()
    return Myst(_lead("The label's contraindications include:"),
                myst.bullets(myst.paragraph(prose(f.text), cited(compound, f)) for f in label.contraindications))


# --------------------------------------------------------------------------- chapter 6


def stacking(compound: Compound) -> Myst:
    st = compound.stacking
    if st is None:
        return Myst(myst.text("No stacking pattern is recorded for this compound."))
    prose = _Prose()
    roles = myst.bullets(myst.paragraph(myst.strong(myst.text(r.compound)) + ":", prose(r.role), cited(compound, r))
                         for r in st.roles)
    reported = reported_patterns(st)
    patterns = myst.bullets(myst.paragraph(prose(p.text), cited(compound, p)) for p in reported) if reported else ""
    return Myst(myst.paragraph(_lead("The usual partner:"), prose(st.partner) + "."), roles,
                _lead("What is reported about combining them:") if reported else "", patterns,
                myst.emphasis(prose(st.schedule_note)))


def reported_patterns(st) -> list:
    """The ways people describe combining the two: the stacking patterns graded as community reports."""
    return [p for p in st.patterns if p.grade is Grade.community]


def testing_answers(st) -> list:
    """What the sources say about whether the combination was tested (a study that gave both, or that no trial
    was found): every stacking pattern that is not a community report. The book shows these first, as a plain
    answer, never among the patterns people describe."""
    return [p for p in st.patterns if p.grade is not Grade.community]


def stacking_answer(compounds: list[Compound]) -> Myst:
    """The plain answer to 'has the combination been tested?', from every compound's stacking section."""
    prose = _Prose()
    items = [myst.paragraph(prose(p.text), cited(c, p)) for c in compounds if c.stacking
             for p in testing_answers(c.stacking)]
    if not items:
        return Myst()
    return Myst(myst.callout(myst.bullets(items), title="Has the combination been tested?", kind="note",
                             classes=["explainer-answer"]))


# --------------------------------------------------------------------------- chapter 7 and references


def evidence_points(compound: Compound) -> Myst:
    ev = compound.evidence
    prose = _Prose()
    points = myst.bullets(myst.paragraph(prose(p.text), cited(compound, p)) for p in ev.points)
    verdict = myst.callout(myst.paragraph(prose(ev.verdict.text), cited(compound, ev.verdict)), title="Verdict")
    # What this book could not verify about the page's own citations is a statement about the sources, not a
    # graded claim about the compound, so it is counted from the sources' flags rather than written as a point.
    studies = compound.studies
    doubtful = [s for s in studies if s.is_unverified or s.likely_identity is not None]
    # Kept apart from those: studies whose abstract was read but whose authors come from third-party lists.
    authors = [s for s in studies if s not in doubtful and "authors" in s.unverified_identifiers]
    notes = [myst.paragraph(myst.text(doubtful_note(studies, doubtful)))] if doubtful else []
    if authors:
        notes.append(myst.paragraph(myst.text(
            f"{'; '.join(s.inline_citation for s in authors)}: the abstract was read, but the author names come "
            "from third-party lists, not from the page read, and are marked so wherever they are cited.")))
    return Myst(points, *notes, verdict)


def doubtful_note(studies: list[Source], doubtful: list[Source]) -> str:
    """The sentence on citations that could not be matched, worded by what each has: a likely correction only
    where the data records one, otherwise the flags it carries."""
    corrected = [s for s in doubtful if s.likely_identity is not None]
    flagged = [s for s in doubtful if s.likely_identity is None]
    out = [f"{_count(len(doubtful))} of the {_count(len(studies)).lower()} studies cited here could not be matched "
           "for certain to a published abstract."]
    if corrected:
        one = len(corrected) == 1
        out.append(f"{'; '.join(s.inline_citation for s in corrected)}: "
                   + ("shown as cited, with its likely correction, which is not verified." if one else
                      "each shown as cited, with its likely correction, and none of those corrections is verified."))
    if flagged:
        out.append(f"{'; '.join(s.inline_citation for s in flagged)}: "
                   + ("shown as cited, with the flags in brackets; no correction is recorded for it."
                      if len(flagged) == 1 else
                      "each shown as cited, with the flags in brackets; no correction is recorded for them."))
    return " ".join(out)


def _count(n: int) -> str:
    words = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")
    return words[n] if n < len(words) else str(n)


def _pmid_link(source: Source) -> str:
    if not source.pmid:
        return "—"
    # A link a reader chooses to follow, never something the page loads.
    return myst.link(myst.text(f"PMID {source.pmid}"), source.pubmed_url)


def _doi_link(doi: str) -> str:
    return "doi:" + myst.link(myst.text(doi), f"https://doi.org/{doi}")


def none_given(source: Source) -> str:
    """Words for a detail a source's listing does not give, naming who listed it."""
    return "the original page gives none" if source.listed_by == "original_page" else "none was read in any abstract"


def _likely(source: Source, full: bool = False) -> str:
    """A source's likely correction, always marked unverified, and what a matching abstract shows (blocks)."""
    li = source.likely_identity
    if li is None:
        return ""
    who = li.full_authors if full and li.full_authors else li.authors
    ref = [myst.text(f"{who} ({li.year})")]
    if full and li.title:
        ref.append(myst.text(li.title.strip()))
    ref.append(myst.emphasis(myst.text(li.journal_ref)))
    if full and li.doi:
        ref.append(_doi_link(li.doi))
    out = [myst.paragraph(_lead("Likely identity (unverified):"), ". ".join(ref) + ".", myst.text(li.basis))]
    if full and li.abstract is not None:
        ab = li.abstract
        groups = ab.arms_text + (f", plus {ab.other_groups}" if ab.other_groups else "")
        out.append(myst.paragraph(
            _lead("A matching English abstract"),
            myst.text(f"(“{ab.title.strip()}”; its link to this PMID is {ab.link}, not proven): {groups}.")))
        out.append(myst.bullets(myst.text(f) for f in ab.findings))
        out.append(myst.text(f"Not stated in that abstract: {ab.not_stated}."))
    return myst.blocks(*out)


def source_table(compound: Compound) -> Myst:
    rows = []
    for s in compound.studies:
        flags = " ".join(source_flag_badges(s))
        rows.append((
            myst.blocks(myst.strong(myst.text(s.short_cite)), myst.text(s.journal or "journal: " + none_given(s)),
                        _likely(s)),
            myst.text(s.design), myst.text(s.population or none_given(s)), myst.text(s.n_text),
            myst.paragraph(badge(s), flags), _pmid_link(s),
        ))
    if not rows:
        return Myst(myst.text("No studies are recorded for this compound."))
    return Myst(myst.table(("Source", "Design", "Who", "n", "Grade and flags", "Link"), rows,
                           studies_caption(compound)))


def studies_caption(compound: Compound) -> str:
    """Who listed the studies, for every table or list of them (page, deck and handout)."""
    listed = {s.listed_by for s in compound.studies}
    return "The studies the original page cites" if listed == {"original_page"} else "The studies this book cites"


def source_details(compound: Compound) -> Myst:
    out, prose = [], _Prose()
    for s in compound.sources:
        checked = (myst.bullets(prose(c) for c in s.checked) if s.checked
                   else myst.text(s.checked_words))
        not_checked = (myst.blocks(_lead("What could not be checked:"), myst.bullets(prose(c) for c in s.not_checked))
                       if s.not_checked else "")
        status_line = "attribution unverified" if s.is_unverified else ("checked" if s.verified else "not checked")
        out.append(myst.blocks(  # one list item per source: its flags and likely identity travel with it
            myst.paragraph(myst.strong(myst.text(s.cite)), badge(s), *source_flag_badges(s)),
            myst.paragraph(_lead("What the original page claims:"), prose(s.seed_claim)) if s.seed_claim else "",
            myst.paragraph(_lead("Size:"), myst.text(s.n_text)) if s.kind == "study" else "",
            myst.paragraph(_lead("What we could check"), myst.text(f"({status_line}; {s.checked_words[:-1].lower()}):"
                                                                   if s.checked else f"({status_line}):")),
            checked,
            not_checked,
            myst.emphasis(prose(s.check_note)) if s.check_note else "",
            _likely(s, full=True),
        ))
    return Myst(myst.bullets(out))


def references(compound: Compound) -> Myst:
    def entry(s: Source) -> str:
        if s.kind != "study":  # a label or a report: its citation text is the reference
            return myst.paragraph(myst.text(f"{s.cite.rstrip('.')}. {s.design.rstrip('.')}."), badge(s),
                                  *source_flag_badges(s))
        who = (s.full_authors or s.authors or s.short_title or "").strip()
        parts = [myst.text(f"{who} ({s.year})" if s.year is not None else f"{who} (year not given)")]
        if s.title:
            parts.append(myst.text(f"“{s.title.strip()}”"))
        journal = s.journal or ""
        if journal and s.volume:
            journal += f" {s.volume}" + (f":{s.pages}" if s.pages else "")
        if journal:
            parts.append(myst.emphasis(myst.text(journal)))
        if s.pmid:  # no placeholder for a PMID no page showed
            parts.append(_pmid_link(s))
        if s.doi:
            parts.append(_doi_link(s.doi))
        flags = source_flag_badges(s)
        return myst.blocks(myst.paragraph(". ".join(parts) + ".", badge(s), *flags), _likely(s, full=True))

    ordered = sorted(compound.sources, key=lambda s: (s.kind != "study", s.year or 0, s.id))
    return Myst(myst.bullets(entry(s) for s in ordered))


def grade_guide() -> Myst:
    grades = [(badge(g), myst.text(info.meaning)) for g, info in GRADE_INFO.items()]
    checked = [(myst.text(info.label), myst.text(info.meaning)) for info in CHECKED_INFO.values()]
    flags = [(flag_badge(f), myst.text(FLAG_MEANING[f])) for f in FLAG_INFO]
    flags.append((myst.text("… from third-party lists only"),
                  myst.text("A detail of the citation (its authors, title, journal, year, volume, pages or PMID) was "
                            "seen only in third-party lists, even where the abstract itself was read.")))
    flags.append((myst.text("Year or authors likely … (unverified)"),
                  myst.text("The original page's citation looks wrong in that detail; the likely correction comes "
                            "from third-party compilations and is unverified too.")))
    return Myst(myst.table(("Badge", "What it means"), grades, "Evidence grades: the first half of a badge"),
                myst.table(("What was checked", "What it means"), checked,
                           "What the book checked: the second half of a badge"),
                myst.table(("Flag", "Meaning"), flags, "Flags on individual sources"))


# --------------------------------------------------------------------------- chapter 4


def calculator_formulas() -> Myst:
    from .reconstitution import MCG_PER_MG, SYRINGE_ML_PER_UNIT

    scales = ", ".join(f"{name}: 1 unit = {fmt(ml)} mL" for name, ml in SYRINGE_ML_PER_UNIT.items())
    return Myst(myst.bullets(myst.text(line) for line in [
        f"Vial size in mcg = vial size in mg × {fmt(MCG_PER_MG)}.",
        "Concentration (mcg per mL) = vial size (mcg) ÷ water added (mL).",
        "Volume per dose (mL) = dose (mcg) ÷ concentration.",
        f"Units to draw = volume per dose ÷ the mL in one unit of the syringe's scale ({scales}).",
        "Doses per vial = the whole number of doses the vial holds; the remainder is shown as left over.",
        "Nasal spray: mcg per spray = concentration × spray volume; sprays per dose = dose ÷ mcg per spray, "
        "rounded to whole sprays, and the dose those whole sprays actually deliver is shown.",
        "Reverse mode: water to add = vial size (mcg) × chosen units × mL per unit ÷ dose (mcg).",
        "Assumption: the powder's own volume is taken as zero.",
    ]))


def worked_example(compound: Compound) -> Myst:
    from .reconstitution import calculate, shown

    d = compound.calculator_defaults
    inputs = compound.calculator_inputs()
    outcomes = [calculate({**inputs, "route": route}) for route in ("injection", "intranasal")]
    injection, nasal = (out["result"] for out in outcomes)
    # The starting dose is the community standard (unless the content overrides it): it carries that status.
    derived = compound.calculator.dose_mcg is None
    split = f" over {plural(d['per_day'], 'dose')}" if d["per_day"] > 1 else ""
    dose_note = (f" (the community standard daily figure{split}; "
                 f"status on the original page: {compound.dosing.standard_status})"
                 if derived and compound.dosing.standard_status else "")
    # Every figure by the calculator's own rule (reconstitution.shown), so the page, the CLI and this
    # table agree digit for digit on the same inputs.
    rows = [
        ("Vial and water", f"{shown('vial_mg', d['vial_mg'])} mg in {shown('water_ml', d['water_ml'])} mL"),
        ("Concentration", f"{shown('concentration_mcg_per_ml', injection['concentration_mcg_per_ml'])} mcg/mL"),
        ("Dose entered", f"{shown('dose_mcg', d['dose_mcg'])} mcg{dose_note}"),
        ("Volume per dose", f"{shown('volume_ml', injection['volume_ml'])} mL"),
        (f"Units on a {d['syringe']} syringe", f"{shown('units', injection['units'])} units"),
        ("Whole doses in the vial", f"{shown('doses_per_vial', injection['doses_per_vial'])} "
                                    f"(left over: {shown('leftover_mcg', injection['leftover_mcg'])} mcg)"),
        (f"As a {shown('spray_ml', d['spray_ml'])} mL nasal spray",
         f"{shown('mcg_per_spray', nasal['mcg_per_spray'])} mcg per spray, "
         f"{plural(nasal['sprays_per_dose'], 'spray')} per dose, "
         f"delivering {shown('delivered_mcg', nasal['delivered_mcg'])} mcg"),
    ]
    warnings = [w["message"] for out in outcomes for w in out["warnings"]]
    table = myst.table(("Quantity", "Result"), ((myst.text(a), myst.text(b)) for a, b in rows),
                       "The starting values, worked through (example values, not a recommendation)")
    if not warnings:
        return Myst(table)
    return Myst(table, _lead("What the calculator would flag:"),
                myst.bullets(myst.text(m) for m in dict.fromkeys(warnings)))


# --------------------------------------------------------------------------- the collection


def collection_disclaimer(collection) -> Myst:
    """The not-medical-advice line of pages about every compound (the landing page, the shared chapter), from
    ``collection.yml``, with the latest review date among the compounds."""
    dates = [c.metadata.last_reviewed for c in collection.loaded()]
    d = min(dates)
    body = myst.paragraph(myst.text(collection.disclaimer),
                          myst.emphasis(myst.text(f"Content last reviewed against its sources on {d.day} {d:%B %Y}.")))
    return Myst(myst.callout(body, title="Not medical advice", kind="important", classes=["explainer-disclaimer"]))


# What the landing page counts, in two separate columns so neither reads as the other: the studies each
# compound's data file lists, by design; and every graded claim, by the kind of evidence it rests on.
STUDY_KINDS = (("human clinical", ("human_clinical",)), ("human imaging", ("human_imaging",)),
               ("animal", ("animal",)), ("lab", ("lab",)))
EVIDENCE_KINDS = (("a human study read", (Grade.clinical, Grade.imaging)),
                  ("an animal or lab study read", (Grade.animal,)),
                  ("the product label", (Grade.label,)), ("community reports", (Grade.community,)),
                  ("vendor, guide or press pages", (Grade.vendor, Grade.press)),
                  ("studies listed but not read", (Grade.listing,)),
                  ("the book's own search", (Grade.search,)),
                  ("background or the original page's word", (Grade.background, Grade.original_page)))


def study_mix(compound: Compound) -> dict[str, int]:
    """How many studies the book read (abstract at least), by study type; the unread ones are counted apart."""
    types = [s.study_type for s in compound.read_studies]
    return {name: sum(t in kinds for t in types) for name, kinds in STUDY_KINDS}


def evidence_mix(compound: Compound) -> dict[str, int]:
    """How many of the compound's graded claims rest on each kind of evidence (counted from the data file)."""
    grades = [claim.grade for _, claim in compound.iter_claims()]
    return {name: sum(g in kinds for g in grades) for name, kinds in EVIDENCE_KINDS}


def collection_overview(compounds: list[Compound]) -> Myst:
    """The compounds side by side: what each is, its route, its label strength, its studies and its claims."""
    prose = _Prose()

    def strength(c: Compound) -> str:
        if c.label is None:
            return myst.text("no product label recorded")
        return myst.text("; ".join(f"{fmt(s.percent)}% ({fmt(s.mg_per_ml)} mg/mL), {s.form}"
                                   for s in c.label.strengths))

    def studies(c: Compound) -> str:
        counts = study_mix(c)
        kinds = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
        n, unread = sum(counts.values()), len(c.unread_studies)
        return myst.text(f"{n} {'study' if n == 1 else 'studies'} read" + (f" ({kinds})" if kinds else "")
                         + (f"; {unread} more listed but not read" if unread else ""))

    def claims(c: Compound) -> str:
        counts = evidence_mix(c)
        return myst.text(f"{plural(sum(counts.values()), 'graded claim')}; resting on "
                         + ", ".join(f"{name}: {n}" for name, n in counts.items()))

    rows = [(myst.strong(myst.text(c.identity.name)), prose(c.identity.summary),
             myst.text("; ".join(r.text.strip() for r in c.identity.route[:1])),
             strength(c), studies(c), claims(c)) for c in compounds]
    return Myst(myst.table(("Compound", "What it is", "Route", "Label strength", "Studies read, by type",
                            "Claims, by what they rest on"), rows,
                           "The compounds side by side (studies and claims counted from each data file)"))


def shared_studies(compounds: list[Compound]) -> Myst:
    """The studies a stacking section cites: the ones that gave more than one of the compounds (side by side,
    not together), each with its flags, size and what was checked."""
    seen, items = set(), []
    for c in compounds:
        for p in (c.stacking.patterns if c.stacking else ()):
            for s in c.sources_for(p):
                if s.id in seen or s.kind != "study":
                    continue
                seen.add(s.id)
                items.append(myst.blocks(
                    myst.paragraph(myst.strong(myst.text(s.inline_citation)), badge(s), *source_flag_badges(s)),
                    myst.paragraph(_lead("Design:"), myst.text(f"{s.design}.")),
                    myst.paragraph(_lead("Size:"), myst.text(s.n_text)),
                    myst.bullets(myst.text(x) for x in s.checked) if s.checked else ""))
    if not items:
        return Myst(myst.text("No study recorded here gave more than one of these compounds."))
    return Myst(myst.bullets(items))
