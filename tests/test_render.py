"""render.py: one citation style that always carries a source's flags, statuses with their figures,
labelled table headers, and every renderer working for a second compound."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer import render
from explainer.content import load_compound

SEMAX = load_compound("semax")
FIXTURE = load_compound(Path(__file__).parent / "fixtures" / "examplin.yaml")


def html(obj) -> str:
    return obj.data if hasattr(obj, "data") else obj


def test_cited_uses_the_one_inline_citation_with_every_flag():
    point = next(p for p in SEMAX.evidence.points if "tsai-2018" in p.source_ids)
    out = render.cited(SEMAX, point)
    for sid in point.source_ids:
        assert SEMAX.source(sid).inline_citation.replace("'", "&#x27;") in out
    assert "attribution unverified" in out and "likely 1997, unverified" in out


def test_a_table_header_without_words_is_refused():
    with pytest.raises(ValueError, match="every table header needs words"):
        render._table(("", "Result"), [("a", "b")], "caption")


def test_the_review_status_sits_with_the_standard_row_only():
    out = html(render.dose_table(SEMAX))
    rows = out.split("<tr>")[2:]  # after the header row
    status = SEMAX.dosing.standard_status
    assert [status in r for r in rows] == [r.key == "standard" for r in SEMAX.dosing.rows]
    assert status in html(render.dose_numbers(SEMAX))
    assert status in html(render.label_summary(SEMAX))
    assert status in html(render.worked_example(SEMAX))


def test_disclaimer_shows_the_review_date():
    out = html(render.disclaimer(SEMAX))
    assert "Content last reviewed against its sources on 25 November 2026." in out


def test_the_origin_is_rendered_where_the_molecule_is_described():
    origin = SEMAX.identity.sequence.origin
    step = next(s for s in SEMAX.mechanism.steps if s.shows_sequence)
    assert origin in html(render.step(SEMAX, step.number))
    assert origin in html(render.variants_and_sequence(SEMAX))
    other = next(s for s in SEMAX.mechanism.steps if not s.shows_sequence)
    assert origin not in html(render.step(SEMAX, other.number))


def test_sources_show_likely_identity_and_size_with_arms():
    table = html(render.source_table(SEMAX))
    assert "Likely identity (unverified)" in table and "24 (14 Semax vs 10 placebo)" in table
    assert "not given" not in table.replace("(size not given)", "")
    details = html(render.source_details(SEMAX))
    assert "probable, not proven" in details and "10.17116/jnevro20181183261-68" in details
    refs = html(render.references(SEMAX))
    assert refs.count("Likely identity (unverified)") == 2


def test_label_schedule_without_an_indication_says_so():
    assert "no indication given" in html(render.label_summary(SEMAX))
    assert "general use" not in html(render.label_summary(SEMAX))


RENDERERS = [render.summary, render.disclaimer, render.uses, render.route, render.status, render.variants_and_sequence,
             render.mechanism_summary, render.mechanism_result, render.dose_table, render.dose_numbers,
             render.label_summary, render.side_effects, render.tolerability, render.contraindications,
             render.stacking, render.evidence_points, render.source_table, render.source_details,
             render.references, render.worked_example]


@pytest.mark.parametrize("fn", RENDERERS, ids=lambda f: f.__name__)
def test_every_renderer_works_for_a_second_compound(fn):
    out = html(fn(FIXTURE))
    assert out and "None" not in out and "nan" not in out.lower().split()
