"""Tests for the content model on a second real compound, Selank, and on the fictional fixture's variants."""

from __future__ import annotations

import pytest
import yaml

from explainer import content
from explainer.content import (
    Flag,
    Grade,
    available_compounds,
    load_compound,
)
from explainer.content.checks import NUMBER
from tests.helpers import FIXTURE, problems_for, replace_in, write_data

DATA_FILE = content.DATA_DIR / "semax.yaml"


# --------------------------------------------------------------------------- a compound is a data file: Selank


def _fixture_raw() -> dict:
    return yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


def test_selank_loads_with_every_item_graded_and_sourced(selank):
    assert "selank" in available_compounds()
    assert selank.identity.sequence.text == "Thr-Lys-Pro-Arg-Pro-Gly-Pro"
    assert selank.identity.sequence.parent == "tuftsin"
    claims = list(selank.iter_claims())
    assert claims and all(c.grade is not None for _, c in claims)
    # Selank has no original page of its own: only the pair's roles and the timing note, which come from
    # Semax's page, are graded as that page's word.
    assert [p for p, c in claims if c.grade is Grade.original_page] == ["stacking.roles[0]",
                                                                          "stacking.schedule_note"]
    assert all(s.listed_by == "evidence_notes" for s in selank.studies)


def test_selank_has_no_stroke_schedule_and_a_label_stated_drop_size(selank):
    label = selank.label
    assert [s.key for s in label.schedules] == ["single", "optimal_single", "daily"]
    assert label.drop_size_stated and label.drop_stated.drops == 4 and label.drop_stated.ml == 0.2
    assert label.drop_ml == 0.05 and "assum" not in label.drop_words
    assert label.strengths[0].mg_per_ml == 1.5 and label.strengths[0].bottle_ml == 3
    # Stated amounts agree with the drops at the label's own drop size: 4 drops = 300 mcg.
    assert label.single_mg("single") == (0.3, 0.45)
    assert label.schedule("single").derived_single_mg(label.drop_ml) == (0.3, 0.45)
    assert label.daily_mg("daily") == (0.9, 2.7)
    assert label.schedule("daily").derived_daily_mg(label.drop_ml) == (0.9, 2.7)
    assert label.schedule("daily").course_weeks == 2 and label.schedule("daily").break_weeks.as_tuple() == (1, 3)
    with pytest.raises(KeyError):
        label.daily_mg("stroke")
    assert selank.schedule_multiples_of_community == {}  # no per-day standard to compare with


def test_a_stated_amount_that_disagrees_with_its_drops_is_rejected(tmp_path):
    data = yaml.safe_load((content.DATA_DIR / "selank.yaml").read_text(encoding="utf-8"))
    data["label"]["schedules"][0]["single_mcg"] = {"low": 300, "high": 500}
    data["label"]["schedules"][0]["text"] = "One administration."
    message = problems_for(tmp_path, data)
    assert "label.schedules[0].single_mcg: 300–500 mcg disagrees with the drops" in message
    data = yaml.safe_load((content.DATA_DIR / "selank.yaml").read_text(encoding="utf-8"))
    data["label"]["drop_ml"] = 0.06
    assert "label.drop_ml: the label's 4 drops = 0.2 mL make 0.05 mL a drop, not 0.06" in problems_for(tmp_path, data)


def test_semax_keeps_its_drop_assumption_and_derived_figures(semax):
    assert semax.label.drop_basis == "assumption" and not semax.label.drop_size_stated
    assert semax.label.drop_words == "assuming one drop is about 0.05 mL"
    assert semax.schedule_multiples_of_community["stroke"] == (40.0, 60.0)
    assert semax.schedule_multiples_of_community["general"] == (1.333333, 3.0)


def test_registration_status_is_data_with_its_unconfirmed_doubt(selank, semax):
    reg = selank.identity.registration[0]
    assert reg.status == "registered" and reg.number.endswith("/09")
    assert reg.doubt is not None and reg.doubt.confirmed is False
    assert "not confirmed" in reg.status_words and "not confirmed" in reg.doubt.text.lower()
    assert selank.source(reg.doubt.source_ids[0]).kind == "report"
    # The same caution on Semax's line, flagged as unconfirmed and from a third-party note.
    sreg = semax.identity.registration[0]
    assert sreg.doubt is not None and "not confirmed" in sreg.doubt.text.lower() and "third-party" in sreg.doubt.text
    assert not semax.source(sreg.doubt.source_ids[0]).verified


def test_third_party_identifiers_are_flagged_in_every_citation(selank):
    for sid, pmid in (("volkova-2016", "26924987"), ("filatova-2017", "28293190"),
                      ("medvedev-2014", "25176261"), ("medvedev-2015", "26356395")):
        s = selank.source(sid)
        assert s.pmid == pmid and "pmid" in s.unverified_identifiers
        assert "PMID" in s.inline_citation and "third-party lists only" in s.inline_citation
    pan = selank.source("panikratova-2020")
    assert set(pan.unverified_identifiers) == {"title", "journal", "year", "pmid"}
    assert "title, journal, year and PMID from third-party lists only" in pan.inline_citation
    for sid in ("medvedev-2014", "medvedev-2015"):
        s = selank.source(sid)
        assert s.is_unverified and not s.verified and "third-party" in s.check_note.lower()
        assert s.n is None and s.n_text == "no count was read in any abstract"
    # Do-not-use identifiers stay out.
    all_pmids = {s.pmid for s in selank.sources} | {p for s in selank.sources for p in s.other_pmids}
    assert not all_pmids & {"17703839", "18454141"}


def test_selank_studies_say_what_was_not_checked(selank):
    for s in selank.studies:
        assert s.verified is (not s.is_unverified)
        if s.verified:
            assert s.checked, s.id
        assert s.not_checked, s.id  # every Selank study has something the notes could not check
    z = selank.source("zozulia-2008")
    assert z.n_text == "62 (30 Selank vs 32 medazepam)"


def test_mechanism_steps_of_any_count(tmp_path, selank):
    assert [s.number for s in selank.mechanism.steps] == [1, 2, 3, 4]
    grades = [s.grade for s in selank.mechanism.steps]
    # Uchakina 2008 describes no comparison group: a human study, not a controlled trial
    assert grades == [Grade.background, Grade.animal, Grade.animal, Grade.human_study]
    # the trial its caveat cites (Zozulia 2008) is a source of the step too, so its flag and badge show
    assert set(selank.mechanism.steps[1].source_ids) == {"zozulya-2001", "kost-2001", "zozulia-2008"}
    # the related cell study its caveat names (Filatova 2017, abstract opening only) is cited too: its half shows
    assert selank.mechanism.steps[2].source_ids == ("volkova-2016", "filatova-2017")
    assert selank.mechanism.steps[3].source_ids == ("uchakina-2008",)
    # One step is enough; numbering must still run 1..N.
    data = _fixture_raw()
    data["mechanism"]["steps"] = data["mechanism"]["steps"][:1]
    one = load_compound(write_data(tmp_path, data, name="examplin.yaml"))
    assert len(one.mechanism.steps) == 1 and [n.key for n in one.mechanism.drawing.nodes] == ["nose"]
    data["mechanism"]["steps"][0]["number"] = 2
    assert ("mechanism.steps[0].number: expected 1, got 2 (steps are numbered 1..1 in order)"
            in problems_for(tmp_path, data))


def test_diagram_is_data_and_steps_must_name_its_nodes(tmp_path, selank):
    d = selank.mechanism.diagram
    assert [n.key for n in d.nodes] == ["peptide", "enkephalins", "gaba_genes", "immune"]
    assert d.edges == [("peptide", "enkephalins"), ("peptide", "gaba_genes"), ("peptide", "immune")]
    data = yaml.safe_load((content.DATA_DIR / "selank.yaml").read_text(encoding="utf-8"))
    data["mechanism"]["diagram"]["links"][0]["end"] = "liver"
    data["mechanism"]["diagram"]["nodes"][1]["lane"] = "nowhere"
    message = problems_for(tmp_path, data)
    assert "mechanism.diagram.links[0].end: unknown node 'liver'" in message
    assert "mechanism.diagram.nodes[1].lane: unknown lane 'nowhere'" in message
    data = yaml.safe_load((content.DATA_DIR / "semax.yaml").read_text(encoding="utf-8"))
    data["label"]["claims"] = [c for c in data["label"]["claims"] if c["key"] != "blood_brain_barrier"]
    assert ("mechanism.diagram.side_route.claim_key: no label claim keyed 'blood_brain_barrier'"
            in problems_for(tmp_path, data))


def test_per_dose_community_figures_without_a_standard(tmp_path, selank):
    d = selank.dosing
    assert not d.has_standard and d.basis == "per_dose"
    assert d.figure("guides").mcg.as_tuple() == (200, 400) and d.figure("guides").times_per_day.as_tuple() == (2, 3)
    assert d.figure("forum_report").kind == "first_hand" and d.figure("forum_report").mcg.as_tuple() == (330, 330)
    assert d.thinness is not None and "thin" in d.thinness.text
    # guide pages are vendor/guide statements read on their pages; only the forum post is a user's own report
    assert {f.key: f.grade for f in d.figures} == {"guides": Grade.vendor, "guide_administration": Grade.vendor,
                                                    "forum_report": Grade.community}
    assert d.standard_mcg_per_day is None and d.range_high_mcg_per_day is None
    assert "community_range_mcg" not in selank.calculator_inputs()  # the calculator never sees reported doses
    assert selank.calculator_dose_mcg == 300
    # A compound with neither shape, or with half of the per-day one, is refused with the field named.
    data = _fixture_raw()
    del data["dosing"]["split_max"]
    assert "dosing.split_max: required with" in problems_for(tmp_path, data)
    data = _fixture_raw()
    for k in ("standard_mcg_per_day", "split_min", "split_max", "range_high_mcg_per_day"):
        del data["dosing"][k]
    assert "dosing.figures: give the community figures" in problems_for(tmp_path, data)
    # And without a standard the calculator needs its own starting dose.
    data["dosing"]["figures"] = [{"key": "f", "label": "F", "basis": "per_dose", "mcg": {"low": 5, "high": 5},
                                  "kind": "guide", "text": "Five.", "grade": "community", "source_ids": [],
                                  "rests_on": "page", "figures": {"amount": 5}}]
    assert ("calculator.dose_mcg: required when the community figures give no per-day standard"
            in problems_for(tmp_path, data))


def test_prose_numbers_in_selank_are_held_and_names_with_digits_are_not_numbers(tmp_path):
    data = yaml.safe_load((content.DATA_DIR / "selank.yaml").read_text(encoding="utf-8"))
    replace_in(data, ["label", "schedules", 2, "text"], "900–2700", "900–3000")
    assert "label.schedules[2].text: the number(s) 3000" in problems_for(tmp_path, data)
    assert NUMBER.findall("IL-6, COVID-19, C57BL/6, IMR-32 and 24 hours") == ["24"]


def test_selank_stacking_cites_every_study_that_gave_both_and_borrows_no_roles(selank, semax):
    st = selank.stacking
    cited = {sid for p in st.patterns for sid in p.source_ids}
    # The notes list five studies that gave Semax and Selank side by side; each is cited by a pattern.
    both = {"kost-2001", "panikratova-2020", "route-mice-three-peptides", "latynova-2019", "sollertinskaya-2014"}
    assert cited == both
    for p in st.patterns:  # each pattern's grade is the grade of what it cites
        assert all(selank.source(sid).grade is p.grade for sid in p.source_ids), p.key
    # The roles given to the pair are the Semax page's line: graded as that page's word in semax.yaml,
    # and not repeated as a Selank finding.
    assert [r.compound for r in st.roles] == ["Selank"] and "counterweight" not in st.roles[0].role
    assert {r.grade for r in semax.stacking.roles} == {Grade.original_page}


def test_russian_flag_is_applied_evenly_across_selank_sources(selank):
    by_journal: dict[str, set[bool]] = {}
    for s in selank.studies:
        if s.journal:
            by_journal.setdefault(s.journal, set()).add(Flag.russian in s.flags)
    assert all(len(v) == 1 for v in by_journal.values()), by_journal
    # Papers whose authors list the Moscow institute are flagged too; one whose own affiliations were not read
    # is not (the flag would rest on the book's inference from co-authors).
    for s in selank.studies:
        note = s.check_note or ""
        if "Institute of Molecular Genetics" in note:
            assert (Flag.russian in s.flags) != ("own affiliations were not read" in note), s.id


def test_selank_evidence_text_matches_the_notes(selank):
    points = {p.key: p for p in selank.evidence.points}
    assert "largest" not in points["human_trials"].text  # the post-COVID study (64) is larger
    assert "for any human study" not in points["abstracts_only"].text  # Pogodina's dose and Verbenko's design were read
    assert set(points["abstracts_only"].source_ids) == {"pogodina", "verbenko"}
    assert "focus" not in selank.evidence.verdict.text  # no focus use appears in the notes
    guides = next(r for r in selank.dosing.rows if r.key == "guide_amounts")
    assert "repeat" not in guides.text + (guides.caveat or "") and "repeat" not in selank.dosing.thinness.text
