"""Tests for the figures (src/explainer/charts/) drawn for the other compounds: Selank and the fictional fixture."""

from __future__ import annotations

import pytest

from explainer import charts
from explainer.charts import (
    dose_bands,
    dose_range,
    evidence_timeline,
    stacking_day,
)
from explainer.content import Compound, load_compound
from tests.helpers import FIXTURE, copy, spec, texts, with_dosing

# --------------------------------------------------------------------------- other compounds: Selank and the fixture



def test_selank_dose_chart_is_per_dose_with_no_standard(selank: Compound) -> None:
    bands = {b.key: b for b in dose_bands(selank)}
    assert "standard" not in bands and "pushing_higher" not in bands
    assert charts.dose_basis(selank) == "per_dose" and charts.per_words(selank) == "per dose"
    assert (bands["figure_guides"].low_mcg, bands["figure_guides"].high_mcg) == (200, 400)
    assert bands["figure_forum_report"].low_mcg == bands["figure_forum_report"].high_mcg == 330
    assert "one first-hand report" in bands["figure_forum_report"].short
    # The label's single doses, as it states them; no daily amount on a per-dose axis.
    assert (bands["label_single"].low_mcg, bands["label_single"].high_mcg) == (300, 450)
    assert (bands["label_optimal_single"].low_mcg, bands["label_optimal_single"].high_mcg) == (300, 900)
    assert "label_daily" not in bands
    assert bands["label_single"].stated and "as the label states it" in bands["label_single"].detail
    assert "assum" not in bands["label_single"].detail and "×" not in bands["label_single"].detail
    fig = dose_range(selank)
    s = spec(fig)
    assert "Single dose" in s["layout"]["xaxis"]["title"]["text"]
    assert "Single doses" in s["layout"]["title"]["text"]
    assert "single doses of Selank" in fig.alt
    # The one-number report is drawn as a point.
    assert any(t["type"] == "scatter" and t["x"] == [330.0] for t in s["data"])


def test_a_changed_selank_figure_changes_the_chart(selank: Compound) -> None:
    f = selank.dosing.figures[0]
    changed = with_dosing(selank, figures=(copy(f, mcg=copy(f.mcg, high=500.0)), *selank.dosing.figures[1:]))
    assert {b.key: b for b in dose_bands(changed)}["figure_guides"].high_mcg == 500


def test_selank_timeline_plots_lab_studies_and_lists_undated_ones(selank: Compound) -> None:
    fig = evidence_timeline(selank)
    s = spec(fig)
    ticks = s["layout"]["yaxis"]["ticktext"]
    assert any("Cells or test" in t for t in ticks)
    labels = [b["label"] for b in s["layout"]["updatemenus"][0]["buttons"]]
    assert labels == ["All studies", "Human", "Animal or lab"]
    plotted = {sid for t in s["data"] for sid in t.get("customdata", [])}
    undated = {x.id for x in selank.studies if x.year is None}
    assert undated and not plotted & undated
    assert plotted == {x.id for x in selank.studies if x.year is not None}
    for sid in undated:
        assert selank.source(sid).inline_citation in fig.alt
    # Flags for third-party identifiers travel into the labels and hover.
    assert "PMID from third-party lists only" in texts(fig)


def test_semax_timeline_rows_are_the_kinds_read_then_how_little_was_read(semax: Compound) -> None:
    s = spec(evidence_timeline(semax))
    assert s["layout"]["yaxis"]["ticktext"] == [charts.formatting._wrap(t, 14) for t in
                                                ("Human trial", "Human study, not a controlled trial",
                                                 "Brain imaging (fMRI)", "Animal", "Cells or test tube",
                                                 charts.timeline.UNREAD_LINE)]
    assert [b["label"] for b in s["layout"]["updatemenus"][0]["buttons"]] == ["All studies", "Human",
                                                                              "Animal or lab"]


def test_selank_stacking_has_no_day_picture() -> None:
    # No source gives timings for the pair, so there is no illustrative day to draw.
    with pytest.raises(ValueError, match="no stacking schedule"):
        stacking_day("selank")


def test_fixture_compound_draws_every_chart_it_has_data_for() -> None:
    ex = load_compound(FIXTURE)
    bands = dose_bands(ex)
    assert [b.key for b in bands] == ["standard", "range", "pushing_higher"]
    assert dose_range(ex).alt.startswith("Chart of daily amounts of Examplin")
    evidence_timeline(ex)
