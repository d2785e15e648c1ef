"""The evidence model's two halves: the kind of source and what the book checked of it, field by field.

A bad file is refused at load with its file and field named; what the badges say is computed from the model,
so a badge cannot claim more than was read."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from explainer import content
from explainer.content import (
    GRADE_INFO,
    STUDY_GRADES,
    UNSOURCED_GRADES,
    Checked,
    ContentError,
    Grade,
    load_compound,
)


@pytest.fixture()
def raw() -> dict:
    return yaml.safe_load((content.DATA_DIR / "semax.yaml").read_text(encoding="utf-8"))


def problems(tmp_path: Path, data: dict) -> str:
    path = tmp_path / "semax.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_compound(path)
    return str(info.value)


def source(data: dict, sid: str) -> tuple[int, dict]:
    return next((i, s) for i, s in enumerate(data["sources"]) if s.get("id", s.get("shared")) == sid)


def test_the_new_kinds_have_words_and_need_no_source_only_for_the_books_own_search() -> None:
    for g in (Grade.vendor, Grade.press, Grade.search, Grade.listing):
        assert GRADE_INFO[g].label and GRADE_INFO[g].meaning.endswith(".")
    assert Grade.search in UNSOURCED_GRADES
    assert not {Grade.vendor, Grade.press, Grade.listing} & UNSOURCED_GRADES


def test_a_detail_with_no_provenance_is_refused_naming_file_and_field(tmp_path, raw) -> None:
    i, leb = source(raw, "lebedeva-2018")
    leb["provenance"]["abstract"].remove("population")
    assert f"semax.yaml: sources[{i}].population: this detail has no provenance" in problems(tmp_path, raw)


def test_a_detail_the_notes_do_not_hold_cannot_be_slipped_in(tmp_path, raw) -> None:
    # Medvedev 2015's case: a population no note gives, added to a record without saying where it was read.
    i, gusev = source(raw, "gusev-2005")
    gusev["population"] = "Patients with anxiety disorders"
    assert f"semax.yaml: sources[{i}].population: this detail has no provenance" in problems(tmp_path, raw)


def test_provenance_for_a_detail_the_source_does_not_give_is_refused(tmp_path, raw) -> None:
    i, kaplan = source(raw, "kaplan-1996")
    kaplan["provenance"]["third_party"].append("n")
    assert f"sources[{i}].provenance.third_party: names 'n', which this source does not give" in problems(tmp_path,
                                                                                                           raw)


def test_a_detail_given_at_two_levels_is_refused(tmp_path, raw) -> None:
    i, leb = source(raw, "lebedeva-2018")
    leb["provenance"]["third_party"] = ["n"]
    assert f"sources[{i}].provenance.third_party: 'n' is already given at level 'abstract'" in problems(tmp_path, raw)


def test_a_study_kind_grade_needs_the_study_read(tmp_path, raw) -> None:
    i, kaplan = source(raw, "kaplan-1996")
    kaplan["grade"] = "clinical"  # listed, not read: it may not be badged as a trial
    assert (f"sources[{i}].grade: a study of type human_clinical checked at level 'third_party' must have grade "
            "'listing'") in problems(tmp_path, raw)


def test_a_claim_badged_with_a_study_kind_needs_a_read_source_of_that_kind(tmp_path, raw) -> None:
    point = next(p for p in raw["evidence"]["points"] if p["key"] == "listed_only")
    point["grade"] = "clinical"
    out = problems(tmp_path, raw)
    assert "a 'clinical' badge needs a cited source of that kind whose details were read" in out


def test_a_vendor_page_is_graded_as_one(tmp_path, raw) -> None:
    i, maker = source(raw, "semax-manufacturer")
    maker["grade"] = "background"
    assert f"sources[{i}].grade: a vendor source must have grade 'vendor'" in problems(tmp_path, raw)


def test_every_source_says_what_was_checked_and_study_kinds_stand_only_on_read_sources() -> None:
    for cid in ("semax", "selank"):
        c = load_compound(cid)
        for s in c.sources:
            assert isinstance(s.checked_level, Checked)
            if s.grade in STUDY_GRADES:
                assert s.is_read, (cid, s.id)
        for path, claim in c.iter_claims():
            if claim.grade in STUDY_GRADES:
                assert any(s.grade is claim.grade and s.is_read for s in c.sources_for(claim)), (cid, path)


def test_the_badge_has_both_halves_and_a_listings_only_claim_says_so() -> None:
    selank = load_compound("selank")
    point = next(p for p in selank.evidence.points if p.key == "phenazepam")
    assert point.listings_only and point.grade is Grade.listing
    assert point.badge_words == "Listed, not read · third-party lists only"
    assert point.listing_note and point.listing_note in point.full_caveat
    trial = next(p for p in selank.evidence.points if p.key == "human_trials")
    assert trial.badge_words == "Human trial · abstract read" and not trial.listings_only
    assert trial.listing_note == ""
    assert selank.source("medvedev-2015").population is None  # no note gives it


def test_identifiers_from_third_party_lists_come_from_provenance_and_travel_into_the_citation() -> None:
    selank = load_compound("selank")
    for sid in ("kost-2001", "zozulia-2008", "kozlovskaya-2003"):
        s = selank.source(sid)
        assert s.provenance_of("authors") is Checked.third_party
        assert "authors from third-party lists only" in s.inline_citation
    semax = load_compound("semax")
    assert semax.source("kost-2001").inline_citation == selank.source("kost-2001").inline_citation


def test_semaxs_sources_are_those_the_notes_cover_at_their_level() -> None:
    semax = load_compound("semax")
    levels = {s.id: s.checked_level for s in semax.studies}
    assert levels["miasoedova-1999"] is Checked.abstract and semax.source("miasoedova-1999").pmid == "10358912"
    assert levels["zayats-2001"] is Checked.abstract and semax.source("zayats-2001").n == 48
    assert levels["kaplan-1996"] is Checked.third_party and semax.source("kaplan-1996").n is None
    assert levels["gusev-2005"] is Checked.third_party and semax.source("gusev-2005").pmid == "15792140"
    assert levels["tsai-2018"] is Checked.original_page
    assert semax.source("semax-manufacturer").grade is Grade.vendor
    # B3 item 8 is kept out: no tPA trial, no infarct-volume figure in anything the data says
    text = yaml.safe_dump(yaml.safe_load((content.DATA_DIR / "semax.yaml").read_text(encoding="utf-8")))
    assert "tPA" not in text and "NIHSS" not in text and "infarct" not in text.lower()


def test_the_calculators_start_says_where_it_comes_from() -> None:
    from explainer.widgets.calculator import start_note

    selank = load_compound("selank")
    basis = selank.calculator.start_basis
    assert basis is not None and basis.grade is Grade.label
    assert selank.calculator.per_day == 3 and selank.calculator_dose_mcg == 300  # the label's 3 a day, lowest dose
    note = start_note(selank)
    assert "arbitrary examples" in note and "Product label" in note
    semax = load_compound("semax")
    note = start_note(semax)  # the standard figure with its grade, and the vial and water said to be examples
    assert "standard daily figure" in note and "Community reports" in note and "arbitrary examples" in note
