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


def cited(compound: Compound, item: Claim) -> str:
    """The badge, the short citations and the caveat that every claim carries."""
    cites = "; ".join(escape(s.short_cite) for s in compound.sources_for(item))
    parts = [badge(item.grade)]
    if cites:
        parts.append(f'<span class="explainer-cite">({cites})</span>')
    if item.caveat:
        parts.append(f'<span class="explainer-caveat"><em>Caveat:</em> {escape(item.caveat)}</span>')
    return " ".join(parts)


def _table(headers: Iterable[str], rows: Iterable[Iterable[str]], caption: str) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<table class="explainer-table"><caption>{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _items(entries: Iterable[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{e}</li>" for e in entries) + f"</{tag}>"


def summary(compound: Compound) -> HTML:
    return HTML(f'<p class="explainer-lead">{escape(compound.identity.summary)}</p>')


def disclaimer(compound: Compound) -> HTML:
    return HTML(f'<div class="explainer-callout" role="note"><strong>Not medical advice.</strong> '
                f"{escape(compound.metadata.disclaimer)}</div>")


# --------------------------------------------------------------------------- chapter 1


def uses(compound: Compound) -> HTML:
    def entry(u) -> str:
        tags = [t for t, on in (("most reported", u.most_reported), ("approved use in Russia", u.approved)) if on]
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
        seq = ident.sequence
        parts.append(f"<p><strong>Sequence:</strong> <code>{escape(seq.text)}</code>. {escape(seq.origin)} "
                     f"{cited(compound, seq)}</p>")
    return HTML("".join(parts))


# --------------------------------------------------------------------------- chapter 2


def mechanism_summary(compound: Compound) -> HTML:
    s = compound.mechanism.summary
    return HTML(f"<p>{escape(s.text)}</p><p>{cited(compound, s)}</p>")


def step(compound: Compound, number: int) -> HTML:
    """A step's full text and evidence; its title is on the diagram shown just above it."""
    st = compound.mechanism.steps[number - 1]
    return HTML(f"<p>{escape(st.body)}</p><p>{cited(compound, st)}</p>")


def mechanism_result(compound: Compound) -> HTML:
    r = compound.mechanism.result
    return HTML(f"<p><strong>{escape(r.title)}.</strong> {escape(r.body)}</p><p>{cited(compound, r)}</p>")


# --------------------------------------------------------------------------- chapter 3


def dose_table(compound: Compound) -> HTML:
    rows = compound.dosing.rows
    statuses = {r.status for r in rows}
    # One shared review status is said once, under the table, instead of in every row.
    per_row = len(statuses) > 1
    cells = [(f"<strong>{escape(r.label)}</strong>", escape(r.text), cited(compound, r))
             + ((escape(r.status),) if per_row else ()) for r in rows]
    headers = ("", "What people report", "Evidence") + (("Review status",) if per_row else ())
    note = "" if per_row else f"<p><em>Review status of every row: {escape(statuses.pop())}.</em></p>"
    return HTML(_table(headers, cells, "Community dose figures: what people report, not recommendations") + note)


def dose_numbers(compound: Compound) -> HTML:
    d = compound.dosing
    rng = d.range_high_mcg_per_day
    return HTML(_items([
        f"The daily total people most often report: about <strong>{fmt(d.standard_mcg_per_day)} mcg</strong>, "
        f"often taken in {span(d.split_min, d.split_max)} portions.",
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
    schedules = [(escape(sc.indication or "general use"), escape(sc.text),
                  f"about {span(*label.daily_mg(sc.key), 'mg')} a day", escape(sc.caveat or ""))
                 for sc in label.schedules]
    low, high = compound.stroke_multiple_of_community
    return HTML(
        f"<p>{escape(label.note)}</p><p>Source for this section: {badge(source.grade)} {escape(source.cite)}.</p>"
        + _table(("Strength", "Concentration", "Bottle", "Form"), strengths, "Strengths on the label")
        + _table(("For", "Schedule on the label", "Works out to", "Note"), schedules,
                 "Label schedules converted to a daily amount, for scale only: not a protocol")
        + f"<p><strong>Assumption:</strong> {escape(label.drop_ml_note)}</p>"
        f"<p>The stroke schedule works out to roughly <strong>{span(low, high)} times</strong> the community "
        f"standard of {fmt(compound.dosing.standard_mcg_per_day)} mcg a day. It is a hospital treatment, "
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
    label = compound.label
    contra = [f"{escape(f.text)} {cited(compound, f)}" for f in (label.contraindications if label else ())]
    out = f"<p>{escape(se.overall.text)} {cited(compound, se.overall)}</p>"
    if label_items:
        out += "<p><strong>What the product label lists:</strong></p>" + _items(label_items)
    if contra:
        out += "<p><strong>Who the label says should not use it:</strong></p>" + _items(contra)
    return HTML(out)


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


def source_table(compound: Compound) -> HTML:
    rows = []
    for s in compound.studies:
        flags = " ".join(flag_badge(f) for f in s.flags)
        n = str(s.n) if s.n else "not given"
        rows.append((
            f"<strong>{escape(s.short_cite)}</strong><br>{escape(s.journal or 'journal not given')}",
            escape(s.design), escape(s.population or "not given"), n,
            f"{badge(s.grade)} {flags}", _pmid_link(s),
        ))
    return HTML(_table(("Source", "Design", "Who", "n", "Grade and flags", "Link"), rows,
                       "The studies the original page cites"))


def source_details(compound: Compound) -> HTML:
    blocks = []
    for s in compound.sources:
        checked = _items(escape(c) for c in s.checked) if s.checked else "<p>Nothing beyond the original page's summary could be checked.</p>"
        claim = f"<p><strong>What the original page claims:</strong> {escape(s.seed_claim)}</p>" if s.seed_claim else ""
        status_line = "attribution unverified" if s.is_unverified else ("checked" if s.verified else "not checked")
        blocks.append(
            f'<section class="explainer-source"><p><strong>{escape(s.cite)}</strong> {badge(s.grade)} '
            + " ".join(flag_badge(f) for f in s.flags)
            + f"</p>{claim}<p><strong>What we could check</strong> ({status_line}):</p>{checked}"
            + (f"<p><em>{escape(s.check_note)}</em></p>" if s.check_note else "")
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
        flags = " ".join(flag_badge(f) for f in s.flags if f is Flag.attribution_unverified)
        return ". ".join(parts) + f". {badge(s.grade)} {flags}".rstrip()

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
    rows = [
        ("Vial and water", f"{fmt(d['vial_mg'])} mg in {fmt(d['water_ml'])} mL"),
        ("Concentration", f"{fmt(injection['concentration_mcg_per_ml'])} mcg/mL"),
        ("Dose entered", f"{fmt(d['dose_mcg'])} mcg"),
        ("Volume per dose", f"{injection['volume_ml']:.3g} mL"),
        (f"Units on a {d['syringe']} syringe", f"{injection['units']:.3g} units"),
        ("Whole doses in the vial", f"{injection['doses_per_vial']} (left over: {fmt(injection['leftover_mcg'])} mcg)"),
        (f"As a {fmt(d['spray_ml'])} mL nasal spray", f"{fmt(nasal['mcg_per_spray'])} mcg per spray, "
                                                     f"{plural(nasal['sprays_per_dose'], 'spray')} per dose, "
                                                     f"delivering {fmt(nasal['delivered_mcg'])} mcg"),
    ]
    warnings = [w["message"] for out in outcomes for w in out["warnings"]]
    notes = _items(escape(m) for m in dict.fromkeys(warnings)) if warnings else ""
    return HTML(_table(("", "Result"), ((escape(a), escape(b)) for a, b in rows),
                       "The starting values, worked through (example values, not a recommendation)")
                + (f"<p><strong>What the calculator would flag:</strong></p>{notes}" if notes else ""))
