"""The dosing chapter: the community figures, the numbers, the product label for scale."""

from __future__ import annotations

from .. import myst
from ..charts import fmt_num as fmt
from ..charts import fmt_span as span
from ..charts.formatting import fmt_multiple
from ..content import Compound, Grade
from ..myst import Myst
from ..numbers import plural
from .common import Prose, badge, citation, cited, lead, status_note


def dose_table_words(compound: Compound) -> tuple[str, str]:
    """The dose table's column heading and caption, named for what its rows are: 'What people report' over
    users' reports only, 'What the sources say' when guide pages or a label stand beside them."""
    grades = list(dict.fromkeys(r.grade for r in compound.dosing.rows))
    said = [w for _, w in compound.dosing.stated_by(compound.sources_by_id)] or ["what the sources say"]
    column = "What people report" if grades == [Grade.community] else "What the sources say"
    first = "Community dose figures" if grades == [Grade.community] else "Dose figures"
    return column, f"{first}: {' and '.join(said)}, not recommendations"


def dose_table(compound: Compound) -> Myst:
    prose = Prose()
    cells = [(myst.strong(myst.text(r.label)), myst.paragraph(prose(r.text), status_note(r.status)), cited(compound, r))
             for r in compound.dosing.rows]
    column, caption = dose_table_words(compound)
    return Myst(myst.table(("Figure", column, "Evidence"), cells, caption))


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
    d, prose = compound.dosing, Prose()
    per = {"per_dose": "a dose", "per_day": "a day"}
    kinds = {"guide": "one guide page", "first_hand": "one first-hand report", "summary": "a summary of reports"}
    items = []
    for f in d.figures:
        often = f", {span(f.times_per_day.low, f.times_per_day.high)} times a day" if f.times_per_day else ""
        route = f", {f.route}" if f.route else ""
        whose = kinds[f.kind] + (f"; {f.short_note}" if f.short_note else "")
        # The figure's own sentence restates the amount given just before it: only what it adds is shown.
        _, _, rest = " ".join(f.text.split()).partition(". ")
        items.append(myst.paragraph(myst.strong(myst.text(f.label)) + ":",
                                    myst.strong(myst.text(("about " if f.approximate else "")
                                                          + span(f.mcg.low, f.mcg.high, 'mcg'))),
                                    myst.text(f"{per[f.basis]}{often}{route} ({whose})."),
                                    prose(rest) if rest else "", cited(compound, f)))
    thin = (myst.paragraph(lead("How thin this is:"), prose(d.thinness.text), cited(compound, d.thinness))
            if d.thinness else "")
    return Myst(myst.bullets(items), thin)


def _amount(value: tuple[float, float] | None, unit_words: str) -> str:
    return f"about {span(value[0] * 1000, value[1] * 1000, 'mcg')} {unit_words}" if value else ""


def label_summary(compound: Compound) -> Myst:
    label = compound.label
    if label is None:
        return Myst(myst.text("No product label is recorded for this compound."))
    prose = Prose()
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

    schedules = [(myst.text(sc.indication or sc.name or "no indication recorded in this book's sources"),
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
    indications = (myst.blocks(lead("What the label lists it for:"),
                               myst.bullets(myst.paragraph(prose(f.text), cited(compound, f))
                                            for f in label.indications))
                   if label.indications else "")
    drop = lead("Drop size:") if label.drop_size_stated else lead("Assumption:")
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
