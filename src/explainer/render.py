"""Content → HTML blocks for the notebooks: badges, tables and lists, all read from the content file.

Each function returns an ``IPython.display.HTML`` object, which JupyterLab and the book both show.
Notebooks call these instead of typing facts, so prose, tables and charts cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from IPython.display import HTML

from .charts import fmt_num as fmt
from .charts import fmt_span as span
from .charts import grade_style
from .content import FLAG_INFO, FLAG_MEANING, GRADE_INFO, Claim, Compound, Flag, Grade, Source


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def grade_css() -> str:
    """Badge colours for the book's stylesheet, from the charts' one palette."""
    rules = [f".grade-badge.grade-{g.value} {{ background: {st['colour']}; color: {st['text_colour']}; }}"
             for g in Grade for st in [grade_style(g)]]
    return "/* Generated from explainer.charts.GRADE_COLOURS by the book build. */\n" + "\n".join(rules) + "\n"


def badge(grade: Grade) -> str:
    info = GRADE_INFO[grade]
    return f'<span class="grade-badge grade-{grade.value}" title="{escape(info.meaning)}">{escape(info.label)}</span>'


def flag_badge(flag: Flag) -> str:
    css = "flag-unverified" if flag is Flag.attribution_unverified else f"flag-{flag.value}"
    return f'<span class="grade-badge {css}">{escape(FLAG_INFO[flag])}</span>'


def citation(source: Source) -> str:
    """The one inline citation style: the source's short cite with every flag, from ``Source.inline_citation``."""
    return f'<cite class="explainer-cite">{escape(source.inline_citation)}</cite>'


def cited(compound: Compound, item: Claim) -> str:
    """The badge, the citations (flags included) and the caveat that every claim carries."""
    cites = "; ".join(citation(s) for s in compound.sources_for(item))
    parts = [badge(item.grade)]
    if cites:
        parts.append(f'<span class="explainer-cite">({cites})</span>')
    if item.caveat:
        parts.append(f'<span class="explainer-caveat"><em>Caveat:</em> {escape(item.caveat)}</span>')
    return " ".join(parts)


def _table(headers: Iterable[str], rows: Iterable[Iterable[str]], caption: str) -> str:
    headers = tuple(headers)
    if not all(h.strip() for h in headers):
        raise ValueError(f"every table header needs words (screen readers announce them): {headers!r}")
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<table class="explainer-table"><caption>{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _items(entries: Iterable[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{e}</li>" for e in entries) + f"</{tag}>"


def summary(compound: Compound) -> HTML:
    return HTML(f'<p class="explainer-lead">{escape(compound.identity.summary)}</p>')


def reviewed(compound: Compound) -> str:
    d = compound.metadata.last_reviewed
    return f"{d.day} {d:%B %Y}"


def disclaimer(compound: Compound) -> HTML:
    return HTML(f'<div class="explainer-callout explainer-disclaimer" role="note"><strong>Not medical advice.</strong> '
                f"{escape(compound.metadata.disclaimer)} "
                f'<span class="explainer-reviewed">Content last reviewed against its sources on {reviewed(compound)}.</span></div>')


def sequence_origin(compound: Compound) -> str:
    """The one sentence on where the peptide comes from, with its evidence; '' when none is recorded."""
    seq = compound.identity.sequence
    if seq is None:
        return ""
    return (f'<p class="explainer-origin"><strong>Where it comes from:</strong> {escape(seq.origin)} '
            f"{cited(compound, seq)}</p>")


# --------------------------------------------------------------------------- chapter 1


def uses(compound: Compound) -> HTML:
    def entry(u) -> str:
        tags = [t for t, on in (("most reported", u.most_reported),
                                ("approved in Russia, according to the original page", u.approved)) if on]
        tag = f" <em>({', '.join(tags)})</em>" if tags else ""
        return f"<strong>{escape(u.label)}</strong>{tag}: {escape(u.text)} {cited(compound, u)}"

    return HTML(_items(entry(u) for u in compound.identity.uses))


def route(compound: Compound) -> HTML:
    return HTML(_items(f"{escape(r.text)} {cited(compound, r)}" for r in compound.identity.route))


def status(compound: Compound) -> HTML:
    rows = [(escape(a.region), escape(a.text), cited(compound, a)) for a in compound.identity.approval]
    return HTML(_table(("Where", "How it is used", "Evidence"), rows, "Clinical medicine or community tool"))


def variants_and_sequence(compound: Compound) -> HTML:
    ident = compound.identity
    parts = [f"<p><strong>{escape(v.name)}.</strong> {escape(v.text)} {cited(compound, v)}</p>" for v in ident.variants]
    if ident.sequence:
        parts.append(f"<p><strong>Sequence:</strong> <code>{escape(ident.sequence.text)}</code></p>"
                     + sequence_origin(compound))
    return HTML("".join(parts) or "<p>No variants or sequence are recorded for this compound.</p>")


# --------------------------------------------------------------------------- chapter 2


def mechanism_summary(compound: Compound) -> HTML:
    s = compound.mechanism.summary
    return HTML(f"<p>{escape(s.text)}</p><p>{cited(compound, s)}</p>{sequence_origin(compound)}")


def step(compound: Compound, number: int) -> HTML:
    """A step's full text and evidence; its title is on the diagram shown just above it."""
    st = compound.mechanism.steps[number - 1]
    origin = sequence_origin(compound) if st.shows_sequence else ""
    return HTML(f"<p>{escape(st.body)}</p><p>{cited(compound, st)}</p>{origin}")


def mechanism_result(compound: Compound) -> HTML:
    r = compound.mechanism.result
    return HTML(f"<p><strong>{escape(r.title)}.</strong> {escape(r.body)}</p><p>{cited(compound, r)}</p>")


# --------------------------------------------------------------------------- chapter 3


def status_note(status: str | None, sentence: bool = True) -> str:
    """A figure's review status, shown with the figure wherever it appears: as its own sentence, or in brackets."""
    if not status:
        return ""
    text = f"Status on the original page: {escape(status)}." if sentence else f"(status on the original page: {escape(status)})"
    return f' <span class="explainer-status">{text}</span>'


def dose_table(compound: Compound) -> HTML:
    cells = [(f"<strong>{escape(r.label)}</strong>", escape(r.text) + status_note(r.status), cited(compound, r))
             for r in compound.dosing.rows]
    return HTML(_table(("Figure", "What people report", "Evidence"), cells,
                       "Community dose figures: what people report, not recommendations"))


def dose_numbers(compound: Compound) -> HTML:
    d = compound.dosing
    rng = d.range_high_mcg_per_day
    return HTML(_items([
        f"The daily total people most often report: about <strong>{fmt(d.standard_mcg_per_day)} mcg</strong>, "
        f"often taken in {span(d.split_min, d.split_max)} portions.{status_note(d.standard_status)}",
        f"The upper end people report: about <strong>{span(rng.low, rng.high, 'mcg')}</strong> a day.",
    ]))


def label_summary(compound: Compound) -> HTML:
    label = compound.label
    if label is None:
        return HTML("<p>No product label is recorded for this compound.</p>")
    # Every row comes from the one label source: cite it once, keep each row's own caveat.
    source = compound.source(label.source_id)
    strengths = [(f"{fmt(s.percent)}%", f"{fmt(s.mg_per_ml)} mg/mL", f"{fmt(s.bottle_ml)} mL", escape(s.form))
                 for s in label.strengths]
    schedules = [(escape(sc.indication or "no indication given in the listings checked"), escape(sc.text),
                  f"about {span(*label.daily_mg(sc.key), 'mg')} a day", escape(sc.caveat or ""))
                 for sc in label.schedules]
    low, high = compound.stroke_multiple_of_community
    return HTML(
        f"<p>{escape(label.note)}</p><p>Source for this section: {badge(source.grade)} {citation(source)}.</p>"
        + _table(("Strength", "Concentration", "Bottle", "Form"), strengths, "Strengths on the label")
        + _table(("For", "Schedule on the label", "Works out to", "Note"), schedules,
                 "Label schedules converted to a daily amount, for scale only: not a protocol")
        + f"<p><strong>Assumption:</strong> {escape(label.drop_ml_note)}</p>"
        f"<p>The stroke schedule works out to roughly <strong>{span(low, high)} times</strong> the community "
        f"standard of about {fmt(compound.dosing.standard_mcg_per_day)} mcg a day"
        f"{status_note(compound.dosing.standard_status, sentence=False)}. It is a hospital treatment, "
        "shown only for scale: it is not a protocol for anyone.</p>"
    )


# --------------------------------------------------------------------------- chapter 5


def side_effects(compound: Compound) -> HTML:
    se = compound.side_effects
    ranked = _items((f"<strong>{escape(s.name)}.</strong> {escape(s.text)} {cited(compound, s)}" for s in se.ranked),
                    ordered=True)
    note = f"<p><em>{escape(se.ranking_note)}</em></p>" if se.ranking_note else ""
    return HTML(ranked + note)


def tolerability(compound: Compound) -> HTML:
    se = compound.side_effects
    label_items = [f"{escape(f.text)} {cited(compound, f)}" for f in se.label_listed]
    out = f"<p>{escape(se.overall.text)} {cited(compound, se.overall)}</p>"
    if label_items:
        out += "<p><strong>What the product label lists:</strong></p>" + _items(label_items)
    return HTML(out)


def contraindications(compound: Compound) -> HTML:
    label = compound.label
    if label is None or not label.contraindications:
        return HTML("<p>No contraindications are recorded for this compound.</p>")
    return HTML("<p><strong>Who the label says should not use it:</strong></p>"
                + _items(f"{escape(f.text)} {cited(compound, f)}" for f in label.contraindications))


# --------------------------------------------------------------------------- chapter 6


def stacking(compound: Compound) -> HTML:
    st = compound.stacking
    if st is None:
        return HTML("<p>No stacking pattern is recorded for this compound.</p>")
    roles = _items(f"<strong>{escape(r.compound)}</strong>: {escape(r.role)} {cited(compound, r)}" for r in st.roles)
    patterns = _items(f"{escape(p.text)} {cited(compound, p)}" for p in st.patterns)
    return HTML(f"<p><strong>The usual partner:</strong> {escape(st.partner)}.</p>{roles}"
                f"<p><strong>Two ways people combine them:</strong></p>{patterns}"
                f"<p><em>{escape(st.schedule_note)}</em></p>")


# --------------------------------------------------------------------------- chapter 7 and references


def evidence_points(compound: Compound) -> HTML:
    ev = compound.evidence
    points = _items(f"{escape(p.text)} {cited(compound, p)}" for p in ev.points)
    return HTML(points + f'<div class="explainer-callout"><strong>Verdict:</strong> {escape(ev.verdict.text)} '
                         f"{cited(compound, ev.verdict)}</div>")


def _pmid_link(source: Source) -> str:
    if not source.pmid:
        return "—"
    # A link a reader chooses to follow, never something the page loads.
    return (f'<a href="{source.pubmed_url}" rel="noopener noreferrer external">PMID {escape(source.pmid)}</a>')


NONE_GIVEN = "the original page gives none"


def _likely(source: Source, full: bool = False) -> str:
    """A source's likely correction, always marked unverified, and what a matching abstract shows."""
    li = source.likely_identity
    if li is None:
        return ""
    who = escape(li.full_authors if full and li.full_authors else li.authors)
    ref = [f"{who} ({li.year})"]
    if full and li.title:
        ref.append(escape(li.title.strip()))
    ref.append(f"<em>{escape(li.journal_ref)}</em>")
    if full and li.doi:
        ref.append(f'doi:<a href="https://doi.org/{escape(li.doi)}" rel="noopener noreferrer external">{escape(li.doi)}</a>')
    out = (f'<span class="explainer-likely"><strong>Likely identity (unverified):</strong> {". ".join(ref)}. '
           f"{escape(li.basis)}</span>")
    if full and li.abstract is not None:
        ab = li.abstract
        groups = escape(ab.arms_text) + (f", plus {escape(ab.other_groups)}" if ab.other_groups else "")
        out += (f'<p><strong>A matching English abstract</strong> (“{escape(ab.title.strip())}”; its link to this PMID is '
                f"{escape(ab.link)}, not proven): {groups}.</p>"
                + _items(escape(f) for f in ab.findings)
                + f"<p>Not stated in that abstract: {escape(ab.not_stated)}.</p>")
    return out


def source_table(compound: Compound) -> HTML:
    rows = []
    for s in compound.studies:
        flags = " ".join(flag_badge(f) for f in s.flags)
        likely = f"<br>{_likely(s)}" if s.likely_identity else ""
        rows.append((
            f"<strong>{escape(s.short_cite)}</strong><br>{escape(s.journal or 'journal: ' + NONE_GIVEN)}{likely}",
            escape(s.design), escape(s.population or NONE_GIVEN), escape(s.n_text),
            f"{badge(s.grade)} {flags}", _pmid_link(s),
        ))
    return HTML(_table(("Source", "Design", "Who", "n", "Grade and flags", "Link"), rows,
                       "The studies the original page cites"))


def source_details(compound: Compound) -> HTML:
    blocks = []
    for s in compound.sources:
        checked = (_items(escape(c) for c in s.checked) if s.checked
                   else "<p>Nothing beyond the original page's summary could be checked against this source's own abstract.</p>")
        claim = f"<p><strong>What the original page claims:</strong> {escape(s.seed_claim)}</p>" if s.seed_claim else ""
        status_line = "attribution unverified" if s.is_unverified else ("checked" if s.verified else "not checked")
        size = f"<p><strong>Size:</strong> {escape(s.n_text)}</p>" if s.kind == "study" else ""
        likely = f"<p>{_likely(s, full=True)}</p>" if s.likely_identity else ""
        blocks.append(
            f'<section class="explainer-source"><p><strong>{escape(s.cite)}</strong> {badge(s.grade)} '
            + " ".join(flag_badge(f) for f in s.flags)
            + f"</p>{claim}{size}<p><strong>What we could check</strong> ({status_line}):</p>{checked}"
            + (f"<p><em>{escape(s.check_note)}</em></p>" if s.check_note else "")
            + likely
            + "</section>"
        )
    return HTML("".join(blocks))


def references(compound: Compound) -> HTML:
    def entry(s: Source) -> str:
        if s.kind == "label":
            return f"{escape(s.cite)}. {escape(s.design)}. {badge(s.grade)}"
        parts = [f"{escape((s.full_authors or s.authors or '').strip())} ({s.year})"]
        if s.title:
            parts.append(f"“{escape(s.title.strip())}”")
        journal = s.journal or ""
        if journal and s.volume:
            journal += f" {s.volume}" + (f":{s.pages}" if s.pages else "")
        if journal:
            parts.append(f"<em>{escape(journal)}</em>")
        parts.append(_pmid_link(s))
        if s.doi:
            parts.append(f'doi:<a href="{s.doi_url}" rel="noopener noreferrer external">{escape(s.doi)}</a>')
        flags = " ".join(flag_badge(f) for f in s.flags)
        likely = f" {_likely(s, full=True)}" if s.likely_identity else ""
        return ". ".join(parts) + f". {badge(s.grade)} {flags}".rstrip() + likely

    ordered = sorted(compound.sources, key=lambda s: (s.kind != "study", s.year or 0, s.id))
    return HTML(_items(entry(s) for s in ordered))


def grade_guide() -> HTML:
    grades = [(badge(g), escape(info.meaning)) for g, info in GRADE_INFO.items()]
    flags = [(flag_badge(f), escape(FLAG_MEANING[f])) for f in FLAG_INFO]
    return HTML(_table(("Badge", "What it means"), grades, "Evidence grades")
                + _table(("Flag", "Meaning"), flags, "Flags on individual sources"))


# --------------------------------------------------------------------------- chapter 4


def calculator_formulas() -> HTML:
    from .reconstitution import MCG_PER_MG, SYRINGE_ML_PER_UNIT

    scales = ", ".join(f"{name}: 1 unit = {fmt(ml)} mL" for name, ml in SYRINGE_ML_PER_UNIT.items())
    return HTML(_items([
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


def worked_example(compound: Compound) -> HTML:
    from .reconstitution import calculate

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
    rows = [
        ("Vial and water", f"{fmt(d['vial_mg'])} mg in {fmt(d['water_ml'])} mL"),
        ("Concentration", f"{fmt(injection['concentration_mcg_per_ml'])} mcg/mL"),
        ("Dose entered", f"{fmt(d['dose_mcg'])} mcg{dose_note}"),
        ("Volume per dose", f"{injection['volume_ml']:.3g} mL"),
        (f"Units on a {d['syringe']} syringe", f"{injection['units']:.3g} units"),
        ("Whole doses in the vial", f"{injection['doses_per_vial']} (left over: {fmt(injection['leftover_mcg'])} mcg)"),
        (f"As a {fmt(d['spray_ml'])} mL nasal spray", f"{fmt(nasal['mcg_per_spray'])} mcg per spray, "
                                                     f"{plural(nasal['sprays_per_dose'], 'spray')} per dose, "
                                                     f"delivering {fmt(nasal['delivered_mcg'])} mcg"),
    ]
    warnings = [w["message"] for out in outcomes for w in out["warnings"]]
    notes = _items(escape(m) for m in dict.fromkeys(warnings)) if warnings else ""
    return HTML(_table(("Quantity", "Result"), ((escape(a), escape(b)) for a, b in rows),
                       "The starting values, worked through (example values, not a recommendation)")
                + (f"<p><strong>What the calculator would flag:</strong></p>{notes}" if notes else ""))
