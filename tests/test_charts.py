"""Tests for the figures (src/explainer/charts/).

Each figure is built from the real content, then from a copy with one thing changed, and must change
with it: that is what shows the numbers come from the content file rather than being typed in.
"""

from __future__ import annotations

import itertools
import json
import math

import pytest

from explainer import charts
from explainer.charts import (
    GRADE_COLOURS,
    badge_style,
    dose_bands,
    dose_scale,
    formatting,
    grade_style,
)
from explainer.content import STUDY_TYPES, UNREAD_WORDS, Compound, Flag, Grade
from explainer.display import Figure
from tests.helpers import copy, spec, texts, with_dosing, with_source

BUILDERS = [charts.dose_range, charts.evidence_timeline, charts.stacking_day, charts.bdnf_changes]


# --------------------------------------------------------------------------- every figure


@pytest.mark.parametrize("build", BUILDERS, ids=lambda f: f.__name__)
def test_a_figure_uses_only_basic_bundle_traces_and_a_fixed_height(semax: Compound, build) -> None:
    fig = build(semax)
    s = spec(fig)
    assert {t["type"] for t in s["data"]} <= {"scatter", "bar"}
    assert isinstance(s["layout"]["height"], int) and 200 <= s["layout"]["height"] <= 900
    # Transparent, so the page's own light or dark background shows through.
    assert s["layout"]["paper_bgcolor"] == s["layout"]["plot_bgcolor"] == "rgba(0,0,0,0)"
    assert fig.alt.strip() and len(fig.alt) > 80


@pytest.mark.parametrize("build", BUILDERS, ids=lambda f: f.__name__)
def test_a_figure_has_no_rich_text_tags(semax: Compound, build) -> None:
    # plotly turns <b>, <i> and <span style> into inline style attributes, which the book's
    # content security policy blocks (and reports as console errors).
    raw = json.dumps(spec(build(semax)))
    for tag in ("<b>", "<i>", "<span", "style="):
        assert tag not in raw


@pytest.mark.parametrize("build", BUILDERS, ids=lambda f: f.__name__)
def test_a_figure_accepts_a_compound_name(semax: Compound, build) -> None:
    assert spec(build("semax")) == spec(build(semax))


@pytest.mark.parametrize("build", BUILDERS, ids=lambda f: f.__name__)
def test_a_figure_shows_in_jupyterlab_and_in_the_book(semax: Compound, build) -> None:
    bundle = build(semax)._repr_mimebundle_()
    assert "application/vnd.plotly.v1+json" in bundle
    assert 'class="explainer-plotly"' in bundle["text/html"]


# --------------------------------------------------------------------------- colours


def test_there_is_one_colour_per_grade_and_they_differ() -> None:
    assert set(GRADE_COLOURS) == set(Grade)
    assert len(set(GRADE_COLOURS.values())) == len(Grade)


def _lab(hex_colour: str, matrix: list[list[float]]) -> tuple[float, float, float]:
    lin = [(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
           for c in (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))]
    r, g, b = (min(1.0, max(0.0, sum(row[k] * lin[k] for k in range(3)))) for row in matrix)
    x, y, z = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


# Machado, Oliveira & Fernandes (2009) simulation matrices at full severity, on linear RGB.
CVD = {
    "typical": [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}


@pytest.mark.parametrize("vision", CVD)
def test_grade_colours_stay_apart_under_colour_vision_deficiencies(vision: str) -> None:
    labs = {g: _lab(c, CVD[vision]) for g, c in GRADE_COLOURS.items()}
    for a, b in itertools.combinations(labs, 2):
        assert math.dist(labs[a], labs[b]) > 15, f"{a.value} and {b.value} look alike ({vision})"


@pytest.mark.parametrize("grade", list(Grade))
def test_badge_text_is_readable_on_its_grade_colour(grade: Grade) -> None:
    style = grade_style(grade)
    assert charts._contrast(style["colour"], style["text_colour"]) >= 4.5
    assert badge_style(grade) == f"background:{style['colour']};color:{style['text_colour']}"
    assert style["label"] and style["meaning"]


# --------------------------------------------------------------------------- dose range


def test_dose_bands_come_from_the_content(semax: Compound) -> None:
    bands = {b.key: b for b in dose_bands(semax)}
    assert list(bands) == ["standard", "range", "pushing_higher", "label_general", "label_stroke"]
    std = semax.dosing.standard_mcg_per_day
    assert (bands["standard"].low_mcg, bands["standard"].high_mcg) == (std, std)
    assert (bands["range"].low_mcg, bands["range"].high_mcg) == (std, semax.dosing.range_high_mcg_per_day.high)
    assert bands["range"].soft_from_mcg == semax.dosing.range_high_mcg_per_day.low
    for key in ("general", "stroke"):
        low_mg, high_mg = semax.label.daily_mg(key)
        assert (bands[f"label_{key}"].low_mcg, bands[f"label_{key}"].high_mcg) == (low_mg * 1000, high_mg * 1000)
        assert bands[f"label_{key}"].grade is Grade.label and bands[f"label_{key}"].group == "label"
    low_x, high_x = semax.schedule_multiples_of_community["stroke"]
    assert f"about {charts.fmt_span(low_x, high_x)}× the community standard" in bands["label_stroke"].detail
    assert {bands[k].grade for k in ("standard", "range", "pushing_higher")} == {Grade.community}


def test_pushing_higher_starts_at_the_standard_and_has_no_end(semax: Compound) -> None:
    # Its own row says "going above the standard amount", and the sources give no upper figure.
    bands = {b.key: b for b in dose_bands(semax)}
    push = bands["pushing_higher"]
    assert "above the standard amount" in semax.dosing.row("pushing_higher").text
    assert push.low_mcg == semax.dosing.standard_mcg_per_day and push.high_mcg is None
    assert "no upper figure in the sources" in push.short
    # Never drawn as a continuum into the hospital band: a visible gap (at least a decade) before it.
    clinical = [b for b in bands.values() if b.group == "label" and b.low_mcg > bands["range"].high_mcg]
    assert clinical and all(push.drawn_to_mcg * 10 <= b.low_mcg for b in clinical)
    fig = spec(charts.dose_range(semax))["data"]
    drawn = [t for t in fig if t.get("name", "").startswith("Pushing higher") and t["type"] == "bar"]
    ends = [t["base"][0] + t["x"][0] for t in drawn]
    assert min(t["base"][0] for t in drawn) == push.low_mcg and max(ends) == pytest.approx(push.drawn_to_mcg)
    # It fades out: each step paler than the one before, so its end is no boundary.
    fades = [t["marker"]["pattern"]["fgopacity"] for t in drawn]
    assert fades == sorted(fades, reverse=True) and len(set(fades)) == len(fades) > 1


def test_there_is_one_band_per_label_schedule(semax: Compound) -> None:
    labelled = [b for b in dose_bands(semax) if b.group == "label"]
    assert [b.key for b in labelled] == [f"label_{s.key}" for s in semax.label.schedules]
    general = {b.key: b for b in labelled}["label_general"]
    assert "0.1%" in general.label and (general.low_mcg, general.high_mcg) == (400, 900)
    for b in labelled:
        assert "general use" not in (b.label + b.short + b.detail).lower()
        assert "not a protocol" in b.short and semax.source(semax.label.source_id).inline_citation in b.detail
    # A schedule added to the data gets its own band, named from its fields.
    extra = copy(semax.label.schedules[0], key="weekly", strength_percent=1.0, setting=None)
    more = copy(semax, label=copy(semax.label, schedules=(*semax.label.schedules, extra)))
    assert "label_weekly" in [b.key for b in dose_bands(more)]


def test_the_standard_carries_its_status_wherever_it_is_named(semax: Compound) -> None:
    status = semax.dosing.row("standard").status
    assert status
    bands = dose_bands(semax)
    for b in bands:
        for text in (b.short, b.detail):
            if "standard" in text.lower() and "standard amount" not in text:
                assert status in text, (b.key, text)
    assert status in charts.dose_range(semax).alt
    # Only the standard's own status: other rows' may differ, and a missing one is left out.
    rows = tuple(copy(r, status="other") if r.key != "standard" else copy(r, status=None) for r in semax.dosing.rows)
    none = with_dosing(semax, rows=rows)
    assert all("other" not in b.detail and "None" not in b.detail for b in dose_bands(none))


def test_the_semax_numbers_reach_the_chart(semax: Compound) -> None:
    fig = charts.dose_range(semax)
    words = texts(fig)
    for expected in ("300 mcg", "1–3", "500–600 mcg", "12–18 mg", "400–900 mcg", "40–60×",
                     "one drop is about 0.05 mL", "in hospital for acute ischemic stroke", "not a protocol",
                     "no upper figure in the sources", "Community reports", "Product label"):
        assert expected in words or expected in fig.alt, expected
    assert spec(fig)["layout"]["xaxis"]["type"] == "log"


def test_each_band_is_labelled_with_its_evidence_tag(semax: Compound) -> None:
    headings = [a["text"].replace("<br>", " ") for a in spec(charts.dose_range(semax))["layout"]["annotations"]]
    for band in dose_bands(semax):
        # both halves of the band's badge, never the kind alone
        assert f"{band.label} · {band.badge_words}" in headings and " · " in band.badge_words


def test_the_dose_texts_describe_reports_and_give_no_amount_per_dose(semax: Compound) -> None:
    # The sources give a daily total and how often it is split, never an amount per dose: a derived
    # per-dose figure would read as an instruction.
    fig = charts.dose_range(semax)
    words = texts(fig) + " " + fig.alt
    d = semax.dosing
    assert f"often split into {charts.fmt_span(d.split_min, d.split_max)} doses" in words
    low, high = d.standard_mcg_per_day / d.split_max, d.standard_mcg_per_day / d.split_min
    assert charts.fmt_span(low, high, "mcg") not in words
    assert " each" not in words and "per dose" not in words
    bands = {b.key: b for b in dose_bands(semax)}
    for key in ("standard", "range", "pushing_higher"):
        assert "report" in bands[key].short and "report" in bands[key].detail, key
    for band in bands.values():
        for text in (band.short, band.detail):
            for advice in ("you ", "should", "recommend", "safe", "take ", "try "):
                assert advice not in text.lower(), (band.key, advice)


def test_dose_bands_carry_no_unused_state(semax: Compound) -> None:
    state = dose_bands(semax)[0].as_state()
    assert "multiple" not in state
    assert set(state) == {"key", "label", "group", "grade", "low_mcg", "high_mcg", "drawn_to_mcg",
                          "soft_from_mcg", "fade_from_mcg", "status", "citation", "short", "detail"}


def test_the_dose_axis_ticks_are_whole_decades(semax: Compound) -> None:
    # Evenly spaced labels never run together on a phone, and "each gridline is ten times the one
    # before" stays true.
    ticks = charts.dose_ticks(semax)
    assert ticks == [100.0, 1000.0, 10000.0, 100000.0]
    xaxis = spec(charts.dose_range(semax))["layout"]["xaxis"]
    assert xaxis["tickvals"] == ticks and xaxis["ticktext"] == ["100 mcg", "1 mg", "10 mg", "100 mg"]
    assert xaxis["automargin"] is True
    assert "ten times the one before" in xaxis["title"]["text"]


def test_the_dose_notes_are_wrapped_for_a_phone(semax: Compound) -> None:
    for a in spec(charts.dose_range(semax))["layout"]["annotations"]:
        for line in a["text"].split("<br>"):
            limit = charts.DOSE_HEADING_CHARS + 2 if a["font"]["size"] == 13 else charts.DOSE_NOTE_CHARS
            assert len(line) <= limit, line
    title = spec(charts.dose_range(semax))["layout"]["xaxis"]["title"]["text"]
    assert all(len(line) <= charts.DOSE_NOTE_CHARS for line in title.split("<br>"))


def test_number_formatters() -> None:
    assert charts.fmt_num(300) == "300" and charts.fmt_num(0.05) == "0.05" and charts.fmt_num(12000) == "12,000"
    # The project's one rule (explainer.numbers): never an exponent, halves away from zero.
    assert charts.fmt_num(1e-7) == "0.0000001" and charts.fmt_num(1e7) == "10,000,000"
    assert charts.fmt_num(0.0125) == "0.013" and charts.fmt_num(2.5, 0) == "3"
    assert charts.fmt_span(1, 3) == "1–3" and charts.fmt_span(500, 600, "mcg") == "500–600 mcg"
    assert charts.fmt_span(300, 300, "mcg") == "300 mcg"
    assert {"fmt_num", "fmt_span"} <= set(charts.__all__)


@pytest.mark.parametrize(("x", "decimals"), [(1234.5678, 3), (0.00012345, 3), (1e21, 3), (2.675, 1), (0.125, 2)])
def test_the_formatters_are_the_one_number_rule(x: float, decimals: int) -> None:
    from explainer.numbers import format_number

    assert charts.fmt_num(x, decimals) == format_number(x, decimals)


def test_amounts_use_the_calculators_digits() -> None:
    # mcg to one decimal and mg to three, as the calculator shows a daily total and a dose in mg.
    assert charts.fmt_amount(450.25) == "450.3 mcg" and charts.fmt_amount(0.05) == "0.05 mcg"
    assert charts.fmt_amount(1234.5678) == "1.235 mg" and charts.fmt_amount(12_000) == "12 mg"
    assert charts.fmt_amount(1e9) == "1,000,000 mg"


@pytest.mark.parametrize(("m", "shown"), [(0.8333, "0.83"), (0.0033, "0.0033"), (1.333, "1.3"), (2.25, "2.3"),
                                          (9.96, "10"), (49.5, "50"), (40, "40"), (1, "1")])
def test_multiples_keep_two_figures(m: float, shown: str) -> None:
    assert formatting.fmt_multiple(m) == shown


def test_changing_the_standard_dose_moves_its_band(semax: Compound) -> None:
    moved = with_dosing(semax, standard_mcg_per_day=400.0)
    before = spec(charts.dose_range(semax))["data"]
    after = spec(charts.dose_range(moved))["data"]
    assert before[0]["x"] == [300] and after[0]["x"] == [400]
    # The clinical multiple is worked out against the standard, so it follows too.
    assert "30–45×" in texts(charts.dose_range(moved))


def test_changing_the_drop_size_moves_the_clinical_band(semax: Compound) -> None:
    bigger = copy(semax, label=copy(semax.label, drop_ml=0.1))
    clinical = {b.key: b for b in dose_bands(bigger)}["label_stroke"]
    assert (clinical.low_mcg, clinical.high_mcg) == (24000, 36000)
    assert "one drop is about 0.1 mL" in texts(charts.dose_range(bigger))


def test_a_compound_without_a_label_has_no_label_band(semax: Compound) -> None:
    bands = dose_bands(copy(semax, label=None))
    assert [b.key for b in bands] == ["standard", "range", "pushing_higher"]
    assert bands[-1].high_mcg is None
    assert "Product label" not in texts(charts.dose_range(copy(semax, label=None)))


def test_amount_spans_share_a_unit_where_they_can() -> None:
    assert charts.fmt_amount_span(500, 600) == "500–600 mcg"
    assert charts.fmt_amount_span(12000, 18000) == "12–18 mg"
    assert charts.fmt_amount_span(600, 12000) == "600 mcg–12 mg"


def test_the_scale_covers_every_band_in_whole_decades(semax: Compound) -> None:
    lo, hi = dose_scale(semax)
    assert math.log10(lo).is_integer() and math.log10(hi).is_integer()
    for band in dose_bands(semax):
        assert lo <= band.low_mcg and band.drawn_to_mcg <= hi
    assert (lo, hi) == (100.0, 100_000.0)


def test_the_reported_range_has_no_hard_lower_end(semax: Compound) -> None:
    # The sources give the range only an upper end ("up to about 500–600 mcg a day"): the chart fades it
    # in from below the standard instead of starting a solid bar at a lower figure nobody gave.
    band = next(b for b in dose_bands(semax) if b.key == "range")
    assert band.fade_from_mcg is not None and band.fade_from_mcg < band.low_mcg
    assert "no lower figure" in band.short and "no lower figure" in band.detail
    traces = [t for t in spec(charts.dose_range(semax))["data"] if t.get("name", "").startswith(band.label)]
    start = min(t["base"][0] for t in traces)
    assert start == pytest.approx(band.fade_from_mcg)
    first = min(traces, key=lambda t: t["base"][0])
    opacity = float(first["marker"]["color"].rsplit(",", 1)[1].rstrip(")"))
    assert opacity < 0.3  # faint where it begins, not a hard edge
    fading = [t for t in traces if "no lower figure" in t["name"]]
    assert [t["base"][0] for t in fading] == sorted(t["base"][0] for t in fading)
    assert max(t["base"][0] + t["x"][0] for t in fading) == pytest.approx(band.low_mcg)


def test_the_open_ended_band_is_hatched_not_filled(semax: Compound) -> None:
    pushing = [t for t in spec(charts.dose_range(semax))["data"] if t.get("name") == "Pushing higher"]
    assert pushing and all(t["marker"]["pattern"]["shape"] == "/" for t in pushing)


# --------------------------------------------------------------------------- evidence timeline


def points(fig: Figure) -> list[str]:
    return [sid for t in spec(fig)["data"] for sid in t.get("customdata", [])]


def test_the_timeline_has_one_point_per_study_and_leaves_out_the_label(semax: Compound) -> None:
    fig = charts.evidence_timeline(semax)
    assert sorted(points(fig)) == sorted(s.id for s in semax.studies if s.year is not None)
    undated = [s for s in semax.studies if s.year is None]
    assert undated and all(s.inline_citation in texts(fig) for s in undated)  # named in the notes instead
    assert "russian-label" not in points(fig)
    assert "Not plotted (not a study): " in texts(fig) and "Russian product labeling" in texts(fig)


def test_removing_or_adding_a_study_changes_the_point_count(semax: Compound) -> None:
    fewer = copy(semax, sources=tuple(s for s in semax.sources if s.id != "gusev-2001"))
    plotted = len(points(charts.evidence_timeline(semax)))
    assert len(points(charts.evidence_timeline(fewer))) == plotted - 1
    extra = copy(semax.source("lebedeva-2018"), id="new-2022", year=2022, n=300)
    more = copy(semax, sources=(*semax.sources, extra))
    fig = charts.evidence_timeline(more)
    assert len(points(fig)) == plotted + 1
    assert 2022 in [x for t in spec(fig)["data"] for x in t["x"]]


def trace_of(fig: Figure, source_id: str) -> tuple[dict, int]:
    for t in spec(fig)["data"]:
        if source_id in t.get("customdata", []):
            return t, t["customdata"].index(source_id)
    raise AssertionError(source_id)


@pytest.mark.parametrize("build", [charts.evidence_timeline, charts.bdnf_changes, charts.dose_range],
                         ids=lambda f: f.__name__)
def test_every_citation_a_chart_shows_carries_its_flags(semax: Compound, build) -> None:
    # A flag added to any source must reach every hover, note and alt text that cites it.
    for src in semax.sources:
        flagged = with_source(semax, src.id, flags=(*src.flags, Flag.unblinded))
        fig = build(flagged)
        shown = texts(fig) + " " + fig.alt
        cite = flagged.source(src.id).inline_citation
        if src.short_cite in shown.replace(cite, ""):
            raise AssertionError(f"{src.id} is cited without its flags in {build.__name__}")


def test_flipping_a_flag_changes_the_hover_and_the_marker(semax: Compound) -> None:
    before, i = trace_of(charts.evidence_timeline(semax), "lebedeva-2018")
    assert "ATTRIBUTION UNVERIFIED" not in before["hovertemplate"][i] and before["marker"]["symbol"] == "circle"
    flagged = with_source(semax, "lebedeva-2018", flags=(*semax.source("lebedeva-2018").flags,
                                                         Flag.attribution_unverified), verified=False)
    after, j = trace_of(charts.evidence_timeline(flagged), "lebedeva-2018")
    assert "ATTRIBUTION UNVERIFIED" in after["hovertemplate"][j]
    assert "attribution unverified" in after["text"][j].replace("<br>", " ")
    assert after["marker"]["symbol"] == "circle-open"


def test_the_unverified_study_is_hollow_and_says_so(semax: Compound) -> None:
    t, i = trace_of(charts.evidence_timeline(semax), "tsai-2018")
    assert t["marker"]["symbol"] == "circle-open"
    assert "attribution unverified" in t["text"][i].replace("<br>", " ")
    # On two short lines, so a study near either end of the axis keeps its label on a phone.
    assert all(len(line) <= 16 for line in t["text"][i].split("<br>"))


def test_hover_names_authors_journal_pmid_population_and_flags(semax: Compound) -> None:
    fig = charts.evidence_timeline(semax)
    for s in semax.studies:
        if s.year is None:  # not on a year axis: named in the notes
            continue
        t, i = trace_of(fig, s.id)
        hover = t["hovertemplate"][i]
        assert s.authors in hover and (f"PMID {s.pmid}" if s.pmid else "No PMID") in hover
        assert f"Journal: {s.journal or s.none_given}" in hover
        if s.population:
            assert s.population.split()[0] in hover
        # the Flags line carries every flag the study's table row does, identifiers from lists included
        flags_line = next(line for line in hover.split("<br>") if line.startswith("Flags: ")).lower()
        for flag in s.flags:
            assert charts.FLAG_INFO[flag].lower() in flags_line
        for words in s.flag_words:
            assert words.lower() in flags_line, (s.id, words)


def test_marker_size_follows_n_and_n_is_shown(semax: Compound) -> None:
    fig = charts.evidence_timeline(semax)
    tsai, i = trace_of(fig, "tsai-2018")
    leb, j = trace_of(fig, "lebedeva-2018")
    gusev, k = trace_of(fig, "gusev-2001")
    # Tsai's 110 is the original page's figure, never read: drawn at the smallest size, its label says whose it is
    assert leb["marker"]["size"][j] > gusev["marker"]["size"][k] == tsai["marker"]["size"][i]
    assert "n = 110<br>(unchecked)" in tsai["text"][i] and "as the original page gives it" in tsai["hovertemplate"][i]
    assert "n = 24" in leb["text"][j]
    # No size on the page: the label gives none, the hover says where the gap is.
    assert "n =" not in gusev["text"][k] and "the original page gives none" in gusev["hovertemplate"][k]
    bigger = with_source(semax, "lebedeva-2018", n=500)
    leb2, j2 = trace_of(charts.evidence_timeline(bigger), "lebedeva-2018")
    assert leb2["marker"]["size"][j2] > leb["marker"]["size"][j] and "n = 500" in leb2["text"][j2]


def test_the_filter_buttons_select_human_or_animal_traces(semax: Compound) -> None:
    s = spec(charts.evidence_timeline(semax))
    menu = s["layout"]["updatemenus"][0]
    buttons = {b["label"]: b for b in menu["buttons"]}
    assert list(buttons) == ["All studies", "Human", "Animal or lab"]  # Semax's list holds a test-tube study
    assert all(b["method"] == "restyle" for b in buttons.values())
    subjects = [t["meta"]["subject"] for t in s["data"]]
    by_id = semax.sources_by_id
    for t, subject in zip(s["data"], subjects, strict=True):
        # the "animal" filter holds animal and test-tube work alike; a study not read is under neither, so the
        # "Human" button never shows a listing or the original page's word as a human study
        assert {("human" if by_id[i].subject == "human" else "animal") if by_id[i].is_read else "unread"
                for i in t["customdata"]} == {subject}
    assert {"human", "animal", "unread"} == set(subjects)
    assert buttons["All studies"]["args"][0]["visible"] == [True] * len(subjects)
    assert buttons["Human"]["args"][0]["visible"] == [x == "human" for x in subjects]
    assert buttons["Animal or lab"]["args"][0]["visible"] == [x == "animal" for x in subjects]


def test_rows_are_the_study_types(semax: Compound) -> None:
    s = spec(charts.evidence_timeline(semax))
    rows = dict(zip(s["layout"]["yaxis"]["tickvals"], s["layout"]["yaxis"]["ticktext"], strict=True))
    for sid in points(charts.evidence_timeline(semax)):
        t, i = trace_of(charts.evidence_timeline(semax), sid)
        src = semax.source(sid)
        # a study read sits in its kind's row; one not read, in the row of studies not read, in a trace named
        # by how little was read
        expected = STUDY_TYPES[src.study_type].words if src.is_read else charts.timeline.UNREAD_LINE
        assert rows[t["y"][i]].replace("<br>", " ") == expected
        assert src.is_read or t["name"].startswith(UNREAD_WORDS[src.checked_level])
    # the alt text names each study's row and level the same way: no unread study reads as a human trial
    alt = charts.evidence_timeline(semax).alt
    for src in semax.studies:
        if not src.is_read:
            assert f"{src.inline_citation}, {UNREAD_WORDS[src.checked_level]}" in alt
            assert f"{src.inline_citation}, Human" not in alt


# --------------------------------------------------------------------------- stacking day


def test_the_day_places_each_block_at_its_hour(semax: Compound) -> None:
    fig = charts.stacking_day(semax)
    placed = {t["name"]: t["x"][0] for t in spec(fig)["data"]}
    assert placed == {b.compound: b.hour for b in semax.stacking.schedule}
    words = texts(fig)
    assert "Illustrative hours: the original page gives only a time of day, no clock time." in words
    # An illustration of the original page's description, never a schedule: in the title, the notes and the alt
    # text (no user report of combining the two was read).
    illustration = "An illustration of the original page's description, not a schedule."
    assert illustration in words and fig.alt.startswith(illustration)
    assert spec(fig)["layout"]["title"]["text"].startswith("What the original page describes")
    # The content's words for the times of day, described rather than quoted: the original page
    # words them differently ("later", not "later in the day").
    assert "Semax: morning · Selank: later in the day" in words
    assert "“" not in words and '"' not in words
    for b in semax.stacking.schedule:
        assert b.time_of_day in words
    assert semax.stacking.schedule_note.text in fig.alt


def test_moving_a_block_moves_its_marker(semax: Compound) -> None:
    schedule = tuple(copy(b, hour=20) if b.compound == "Selank" else b for b in semax.stacking.schedule)
    moved = copy(semax, stacking=copy(semax.stacking, schedule=schedule))
    placed = {t["name"]: t["x"][0] for t in spec(charts.stacking_day(moved))["data"]}
    assert placed["Selank"] == 20 and "20:00" in charts.stacking_day(moved).alt


def test_no_schedule_is_an_error_not_an_empty_chart(semax: Compound) -> None:
    with pytest.raises(ValueError, match="no stacking schedule"):
        charts.stacking_day(copy(semax, stacking=None))


# --------------------------------------------------------------------------- BDNF changes


def test_bdnf_bars_are_the_measurements(semax: Compound) -> None:
    fig = charts.bdnf_changes(semax)
    bars = [t for t in spec(fig)["data"] if t["type"] == "bar"]
    assert len(bars) == 1
    ms = semax.source("dolotov-2006").measurements
    assert bars[0]["x"] == [m.value for m in ms]
    assert [t.replace("<br>", " ") for t in spec(fig)["layout"]["yaxis"]["ticktext"]] == [m.label for m in ms]
    assert "Rats, one intranasal dose" in texts(fig) and "Rats, one intranasal dose" in fig.alt


def test_changing_a_measurement_changes_its_bar(semax: Compound) -> None:
    src = semax.source("dolotov-2006")
    changed = (copy(src.measurements[0], value=2.5), *src.measurements[1:])
    fig = charts.bdnf_changes(with_source(semax, "dolotov-2006", measurements=changed))
    bar = next(t for t in spec(fig)["data"] if t["type"] == "bar")
    assert bar["x"][0] == 2.5 and "×2.5" in bar["text"][0]


def test_every_diagram_node_exists_for_the_bdnf_lookup(semax: Compound) -> None:
    assert "bdnf" in {n.key for n in semax.mechanism.drawing.nodes}
    assert any(s.diagram_node == "bdnf" for s in semax.mechanism.steps)
