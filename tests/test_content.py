"""Tests for the content model (the src/explainer/content package) and the Semax data file.

Bad files are built by loading the real YAML as a dict, changing one thing, and writing it to
tmp_path, so each test shows exactly which mistake the loader must catch and how it names it.
"""

from __future__ import annotations

import shutil

import pytest
import yaml
from pydantic import ValidationError

from explainer import content
from explainer.collection import disclaimer_text
from explainer.content import (
    FLAG_INFO,
    GRADE_INFO,
    UNSOURCED_GRADES,
    Checked,
    Claim,
    Compound,
    ContentError,
    Flag,
    Grade,
    available_compounds,
    clear_cache,
    load_compound,
)
from tests.helpers import FIXTURE, problems_for, replace_in, write_data

DATA_FILE = content.DATA_DIR / "semax.yaml"
PENDING = "proposed — pending dosing review"


@pytest.fixture
def raw() -> dict:
    """A fresh, mutable copy of the real data file."""
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- the real file


def test_real_file_loads_and_is_cached(semax):
    assert isinstance(semax, Compound)
    assert semax.id == "semax"
    assert semax.identity.name == "Semax"
    assert "semax" in available_compounds()
    assert load_compound("semax") is semax
    assert load_compound(DATA_FILE) is semax  # cached per resolved path, whichever way it is named


def test_metadata(semax):
    assert str(semax.metadata.last_reviewed) == "2026-11-25"
    # the one disclaimer (collection.yml's template, with the compound's name) tells nobody to do anything
    disclaimer = disclaimer_text(semax)
    assert "not medical advice" in disclaimer.lower() and "does not recommend" in disclaimer.lower()
    assert "Semax" in disclaimer
    assert not any(sentence.strip().lower().startswith(("speak", "consult", "ask", "take", "use"))
                   for sentence in disclaimer.split(". "))


def test_grade_and_flag_words_exist_for_every_member():
    assert set(GRADE_INFO) == set(Grade)
    for info in GRADE_INFO.values():
        assert info.label and info.meaning.endswith(".")
        assert info.meaning.count(". ") == 0  # one sentence
    assert GRADE_INFO[Grade.community].label == "Community reports"
    # The animal grade also covers test-tube work in human serum and cells, so its badge says so.
    assert GRADE_INFO[Grade.animal].label == "Animal or lab study"
    assert set(FLAG_INFO) == set(Flag)
    assert "unverified" not in {g.value for g in Grade}  # a flag on a source, never a grade


def test_mechanism_has_seven_steps_in_order(semax):
    steps = semax.mechanism.steps
    assert [s.number for s in steps] == [1, 2, 3, 4, 5, 6, 7]
    assert [s.key for s in steps] == [
        "obstacle", "back_door", "fragment", "bdnf", "connections", "dials", "felt_effect",
    ]
    assert len({s.diagram_node for s in steps}) == 7
    bdnf = steps[3]
    assert bdnf.grade is Grade.animal and bdnf.source_ids == ("dolotov-2006",)
    assert "rats" in bdnf.caveat
    # Grades say what each step rests on: textbook science, the page's own word, rats, users.
    assert [s.grade for s in steps] == [
        Grade.background, Grade.label, Grade.original_page, Grade.animal,
        Grade.background, Grade.original_page, Grade.community,
    ]
    assert [s.key for s in steps if s.shows_sequence] == ["fragment"]
    for s in steps:
        sentences = [x for x in s.body.replace("e.g.", "eg").split(". ") if x.strip()]
        assert 2 <= len(sentences) <= 4, s.key
    assert semax.mechanism.result.grade is Grade.original_page
    assert semax.mechanism.summary.grade is Grade.original_page


def test_sources(semax):
    # the original page's four, then every further Semax source the follow-up notes cover (B3 and Semax's side
    # of the five studies that gave both peptides)
    assert [s.id for s in semax.studies] == ["tsai-2018", "lebedeva-2018", "gusev-2001", "dolotov-2006",
                                             "miasoedova-1999", "zayats-2001", "kaplan-1996", "gusev-2005",
                                             "panikratova-2020", "kost-2001", "route-mice-three-peptides",
                                             "latynova-2019", "sollertinskaya-2014"]
    label_sources = [s for s in semax.sources if s.kind == "label"]
    assert [s.id for s in label_sources] == ["russian-label"]
    assert label_sources[0].pmid is None and label_sources[0].grade is Grade.label
    assert label_sources[0].cite == "Russian product labeling as reproduced by pharmacy listings"

    tsai = semax.source("tsai-2018")
    assert tsai.authors == "Tsai SJ et al." and tsai.year == 2018
    assert tsai.journal == "Zh Nevrol Psikhiatr" and tsai.n == 110 and tsai.pmid == "29798983"
    # Nothing of it was read: its badge is the original page's word, never "Human trial".
    assert tsai.study_type == "human_clinical" and tsai.grade is Grade.original_page
    assert tsai.checked_level is Checked.original_page and not tsai.is_read
    assert Flag.attribution_unverified in tsai.flags and tsai.is_unverified
    assert tsai.verified is False and tsai.checked == ()
    likely = tsai.likely_identity
    assert likely.corrects == ("authors",) and likely.authors.startswith("Gusev EI, Martynov MYu")
    assert (likely.year, likely.volume, likely.issue, likely.pages) == (2018, "118", "3 Vyp 2", "61–68")
    assert likely.doi == "10.17116/jnevro20181183261-68" and likely.verified is False
    assert likely.abstract is None  # its abstract was not read: nothing about design or results
    assert tsai.inline_citation == ("Tsai SJ et al. (2018) [Russian; attribution unverified; "
                                    "likely Gusev EI, Martynov MYu et al. (2018), also unverified]")

    leb = semax.source("lebedeva-2018")
    assert leb.n == 24 and [a.n for a in leb.arms] == [14, 10]
    assert leb.n_text == "24 (14 Semax vs 10 placebo)"
    assert Flag.placebo_controlled in leb.flags and leb.grade is Grade.imaging
    assert leb.doi == "10.1007/s10517-018-4234-3" and leb.verified
    assert any("11 men" in c and "13 women" in c for c in leb.checked)
    assert any("5 and 20 minutes" in c for c in leb.checked)

    gusev = semax.source("gusev-2001")
    assert gusev.authors == "Gusev EI, Skvortsova VI et al." and gusev.pmid == "11517472"
    assert gusev.journal is None and gusev.n is None and not gusev.verified
    assert gusev.year == 2001  # the page's year stays; the likely correction sits beside it
    g = gusev.likely_identity
    assert g.corrects == ("year",) and g.year == 1997
    assert g.journal_ref == "Zh Nevrol Psikhiatr Im S S Korsakova 97(6):26–34"
    assert g.abstract.link == "probable" and [a.n for a in g.abstract.arms] == [30, 80]
    assert "Cerebrolysin" in g.abstract.other_groups
    assert "randomization" in g.abstract.not_stated and "blinding" in g.abstract.not_stated
    # what was read travels with it: a probably matching abstract, not the PMID's own record
    assert gusev.inline_citation == ("Gusev EI, Skvortsova VI et al. (2001) [Russian; likely 1997, unverified; "
                                     "PMID record not read, a probably matching abstract read]")
    assert gusev.n_text.startswith("the original page gives none")
    assert "30" in gusev.n_text and "probable" in gusev.n_text

    dolotov = semax.source("dolotov-2006")
    assert dolotov.cite == "Dolotov OV et al. (2006). Brain Res 1117:54–60. PMID 16996037"
    assert dolotov.subject == "animal" and dolotov.grade is Grade.animal
    assert (dolotov.dose.amount, dolotov.dose.applications, dolotov.dose.route) == (50, 1, "intranasal")
    assert dolotov.dose.unit.startswith("mcg/")  # one unit spelling throughout
    assert dolotov.inline_citation == "Dolotov OV et al. (2006)"  # no flags, nothing added
    assert {m.key: m.value for m in dolotov.measurements} == {
        "bdnf_protein": 1.4, "trkb_phosphorylation": 1.6, "bdnf_exon3_mrna": 3, "trkb_mrna": 2,
    }
    assert dolotov.pubmed_url == "https://pubmed.ncbi.nlm.nih.gov/16996037/"

    for s in semax.studies:
        assert bool(s.seed_claim) == (s.listed_by == "original_page"), s.id  # only the page's own four
        assert Flag.unblinded not in s.flags  # not known per study; recorded at the evidence level


def test_identity(semax):
    ident = semax.identity
    assert ident.sequence.text == "Met-Glu-His-Phe-Pro-Gly-Pro"
    uses = {u.key: u for u in ident.uses}
    assert uses["focus"].most_reported and uses["mood"].most_reported
    assert uses["neuroprotection"].approved and not uses["neuroprotection"].most_reported
    assert ident.variants[0].name.startswith("N-Acetyl Semax") and ident.variants[0].grade is Grade.community
    assert {a.key for a in ident.approval} == {"russia", "russia_label", "west"}
    # "approved for neuroprotection" is the page's word; the label only backs the stroke schedule
    assert uses["neuroprotection"].grade is Grade.original_page
    seq = ident.sequence
    assert seq.grade is Grade.background and seq.source_ids == ("dolotov-2006",)
    assert (seq.parent_positions.as_tuple(), seq.page_fragment.as_tuple()) == ((4, 7), (4, 10))
    assert "ACTH 4–10" in seq.origin and "ACTH 4–7" in seq.origin and seq.text in seq.origin


def test_dosing(semax):
    d = semax.dosing
    assert [r.key for r in d.rows] == ["standard", "route", "timing", "range", "pushing_higher"]
    assert all(r.grade is Grade.community for r in d.rows)
    # the review status belongs to the standard dose alone
    assert {r.key: r.status for r in d.rows} == {
        "standard": PENDING, "route": None, "timing": None, "range": None, "pushing_higher": None,
    }
    assert d.standard_status == PENDING
    assert (d.standard_mcg_per_day, d.split_min, d.split_max) == (300, 1, 3)
    assert d.range_high_mcg_per_day.as_tuple() == (500, 600)
    # prose and structured numbers must agree
    assert "300 mcg" in d.row("standard").text and "1–3" in d.row("standard").text
    assert "500–600 mcg" in d.row("range").text


def test_label_derivation_matches_evidence_notes(semax):
    label = semax.label
    assert {(s.percent, s.mg_per_ml, s.bottle_ml) for s in label.strengths} == {(0.1, 1, 3), (1, 10, 3)}
    assert label.drop_ml == 0.05
    assert label.daily_mg("stroke") == (12.0, 18.0)  # evidence notes: roughly 12–18 mg per day
    assert semax.schedule_multiples_of_community["stroke"] == (40.0, 60.0)  # evidence notes: some 40–60 times
    stroke = label.schedule("stroke")
    assert stroke.days == 10 and stroke.setting == "hospital"
    assert {c.key for c in label.contraindications} == {"psychosis", "anxiety", "pregnancy", "breastfeeding"}
    assert semax.source(label.source_id).kind == "label"
    assert label.claims[0].value.as_tuple() == (60, 70)


def test_side_effects_stacking_evidence_calculator(semax):
    se = semax.side_effects
    assert [s.rank for s in se.ranked] == [1, 2, 3, 4]
    assert se.ranked[0].key == "nasal_irritation"
    assert se.overall.grade is Grade.community
    assert se.label_listed[0].grade is Grade.label

    st = semax.stacking
    assert st.partner == "Selank"
    assert [(b.compound, b.time_of_day, b.hour) for b in st.schedule] == [
        ("Semax", "morning", 8), ("Selank", "later in the day", 15),
    ]
    # The note travels to decks and handouts that show no chart, so it says what the sources give; the chart
    # itself says its hours are an illustration (charts.stacking.ILLUSTRATION).
    from explainer.charts.stacking import ILLUSTRATION
    assert all(b.illustrative for b in st.schedule) and "no source read gives" in st.schedule_note.text
    assert "illustration" in ILLUSTRATION and "illustration" not in st.schedule_note.text

    keys = {p.key for p in semax.evidence.points}
    assert {"russian", "small", "checked_size", "blinding", "population", "mechanism_in_rats", "no_western_rct"} <= keys
    points = {p.key: p for p in semax.evidence.points}
    for key in ("russian", "small", "blinding", "population", "no_western_rct"):
        assert points[key].grade is Grade.original_page, key  # the page's characterizations, not findings
    # The verdict is the book's reading of what the sources measured (issue 15, N1.3), not a user report.
    assert semax.evidence.verdict.grade is Grade.search

    calc = semax.calculator_defaults
    assert calc == {
        "vial_mg": 10, "water_ml": 2, "dose_mcg": 300.0, "per_day": 1, "syringe": "U-100",
        "capacity_ml": 1.0, "route": "injection", "spray_ml": 0.1, "drop_ml": 0.05,
    }
    assert "not a recommendation" in semax.calculator.note


def test_every_item_has_a_grade_and_backing(semax):
    claims = list(semax.iter_claims())
    assert len(claims) > 50
    known = set(semax.sources_by_id)
    for path, claim in claims:
        assert isinstance(claim, Claim) and isinstance(claim.grade, Grade), path
        assert set(claim.source_ids) <= known, path
        if claim.grade not in UNSOURCED_GRADES:
            assert claim.source_ids, path
            assert claim.grade in {semax.source(s).grade for s in claim.source_ids}, path
    # each grade is used somewhere in the two files, by a claim or by a cited source
    selank = load_compound("selank")
    used = {c.grade for _, c in claims} | {s.grade for s in semax.sources}
    used |= {c.grade for _, c in selank.iter_claims()} | {s.grade for s in selank.sources}
    assert used == set(Grade)


def test_no_recommendation_wording(raw):
    def strings(obj):
        if isinstance(obj, str):
            yield obj
        elif isinstance(obj, dict):
            for v in obj.values():
                yield from strings(v)
        elif isinstance(obj, list):
            for v in obj:
                yield from strings(v)

    for s in strings(raw):
        low = s.lower()
        for phrase in ("you should take", "we recommend", "recommended dose", "start with"):
            assert phrase not in low, s


def test_models_are_read_only(semax):
    with pytest.raises(ValidationError, match="frozen"):
        semax.dosing.standard_mcg_per_day = 1  # the cached instance is shared by every notebook


# --------------------------------------------------------------------------- bad files


def _set(d, path, value):
    *head, last = path
    for k in head:
        d = d[k]
    d[last] = value


def _del(d, path):
    *head, last = path
    for k in head:
        d = d[k]
    del d[last]


BAD_CASES = [
    # (id, mutation, expected "<path>: <msg fragment>")
    ("unknown-source-id",
     lambda d: _set(d, ["mechanism", "steps", 3, "source_ids"], ["nope-1999"]),
     "mechanism.steps[3].source_ids[0]: unknown source id 'nope-1999'"),
    ("dose-row-without-grade",
     lambda d: _del(d, ["dosing", "rows", 2, "grade"]),
     "dosing.rows[2].grade: Field required"),
    ("claim-without-grade",
     lambda d: _del(d, ["identity", "uses", 0, "grade"]),
     "identity.uses[0].grade: Field required"),
    ("side-effect-without-grade",
     lambda d: _del(d, ["side_effects", "overall", "grade"]),
     "side_effects.overall.grade: Field required"),
    ("unknown-grade",
     lambda d: _set(d, ["dosing", "rows", 0, "grade"], "unverified"),
     "dosing.rows[0].grade: Input should be"),
    ("non-community-without-sources",
     lambda d: _set(d, ["evidence", "points", 6, "source_ids"], []),
     "evidence.points[6].source_ids: an item graded 'animal' needs at least one source id"),
    ("grade-not-backed-by-source",
     lambda d: _set(d, ["mechanism", "steps", 3, "grade"], "clinical"),
     "mechanism.steps[3].grade: grade 'clinical' is not backed"),
    ("pmid-with-letters",
     lambda d: _set(d, ["sources", 0, "pmid"], "12ab"),
     "sources[0].pmid: PMID must be 1-8 digits"),
    ("pmid-nine-digits",
     lambda d: _set(d, ["sources", 1, "pmid"], "123456789"),
     "sources[1].pmid: PMID must be 1-8 digits"),
    ("pmid-nine-digit-int",
     lambda d: _set(d, ["sources", 3, "pmid"], 123456789),
     "sources[3].pmid: PMID must be 1-8 digits"),
    ("study-without-pmid",
     lambda d: _del(d, ["sources", 2, "pmid"]),
     "sources[2].pmid: required for a study source"),
    ("label-source-with-pmid",
     lambda d: _set(d, ["sources", 14, "pmid"], "1234"),
     "sources[14].pmid: a label source has no PMID"),
    ("unverified-marked-verified",
     lambda d: _set(d, ["sources", 0, "verified"], True),
     "sources[0].verified: must be false when flagged attribution_unverified"),
    ("unknown-flag",
     lambda d: _set(d, ["sources", 1, "flags"], ["blinded"]),
     "sources[1].flags[0]: Input should be"),
    ("missing-mechanism",
     lambda d: _del(d, ["mechanism"]),
     "mechanism: Field required"),
    ("missing-sources",
     lambda d: _del(d, ["sources"]),
     "sources: Field required"),
    ("no-steps",
     lambda d: d["mechanism"].__setitem__("steps", []),
     "mechanism.steps: Tuple should have at least 1 item"),
    ("steps-out-of-order",
     lambda d: _set(d, ["mechanism", "steps", 0, "number"], 2),
     "mechanism.steps[0].number: expected 1, got 2"),
    ("unknown-diagram-node",
     lambda d: _set(d, ["mechanism", "steps", 0, "diagram_node"], "liver"),
     "mechanism.steps[0].diagram_node: unknown diagram node 'liver'"),
    ("unknown-key-typo",
     lambda d: _set(d, ["dosing", "rows", 0, "sources_ids"], []),
     "dosing.rows[0].sources_ids: Extra inputs are not permitted"),
    ("unknown-top-level-section",
     lambda d: _set(d, ["dossing"], {}),
     "dossing: Extra inputs are not permitted"),
    ("hour-not-illustrative",
     lambda d: _set(d, ["stacking", "schedule", 0, "illustrative"], False),
     "stacking.schedule[0].illustrative: must be true"),
    ("strength-percent-mismatch",
     lambda d: _set(d, ["label", "strengths", 1, "mg_per_ml"], 1),
     "label.strengths[1].mg_per_ml: 1% w/v is 10 mg/mL, not 1"),
    ("schedule-unknown-strength",
     lambda d: _set(d, ["label", "schedules", 1, "strength_percent"], 5),
     "label.schedules[1].strength_percent: 5% is not one of the listed strengths"),
    ("label-points-at-a-study",
     lambda d: _set(d, ["label", "source_id"], "dolotov-2006"),
     "label.source_id: source 'dolotov-2006' is not a kind: label source"),
    ("side-effects-misranked",
     lambda d: _set(d, ["side_effects", "ranked", 1, "rank"], 3),
     "side_effects.ranked[1].rank: expected 2, got 3"),
    ("range-reversed",
     lambda d: _set(d, ["dosing", "range_high_mcg_per_day"], {"low": 600, "high": 500}),
     "dosing.range_high_mcg_per_day.high: must be >= low"),
    ("arms-do-not-add-up",
     lambda d: _set(d, ["sources", 1, "n"], 25),
     "sources[1].arms: group sizes add up to 24, not n=25"),
    ("likely-identity-marked-verified",
     lambda d: _set(d, ["sources", 0, "likely_identity", "verified"], True),
     "sources[0].likely_identity.verified: Input should be False"),
    ("likely-identity-corrects-nothing",
     lambda d: _set(d, ["sources", 2, "likely_identity", "corrects"], []),
     "sources[2].likely_identity.corrects: Tuple should have at least 1 item"),
    ("origin-without-the-sequence",
     lambda d: _set(d, ["identity", "sequence", "origin"],
                    "The original page calls Semax an analog of the ACTH 4–10 piece."),
     "identity.sequence.origin: must spell out the sequence Met-Glu-His-Phe-Pro-Gly-Pro"),
    ("duplicate-source-id",
     lambda d: _set(d, ["sources", 1, "id"], "tsai-2018"),
     "sources[1].id: repeated source id 'tsai-2018'"),
]


@pytest.mark.parametrize("mutate, expected", [c[1:] for c in BAD_CASES], ids=[c[0] for c in BAD_CASES])
def test_bad_file_is_rejected_naming_file_and_field(tmp_path, raw, mutate, expected):
    mutate(raw)
    message = problems_for(tmp_path, raw)
    assert f"semax.yaml: {expected}" in message, message


def test_content_error_lists_every_problem_one_per_line(tmp_path, raw):
    _del(raw, ["dosing", "rows", 2, "grade"])
    _set(raw, ["sources", 0, "pmid"], "12ab")
    with pytest.raises(ContentError) as info:
        load_compound(write_data(tmp_path, raw))
    err = info.value
    assert isinstance(err, ValueError)
    assert len(err.problems) == 2
    assert all(p.startswith("semax.yaml: ") for p in err.problems)
    assert str(err).splitlines() == err.problems


def test_source_ids_are_checked_only_after_parsing_succeeds_elsewhere(tmp_path, raw):
    # Several unknown ids in different sections are all reported, each with its own path.
    _set(raw, ["identity", "uses", 2, "source_ids"], ["ghost"])
    _set(raw, ["evidence", "points", 0, "source_ids"], ["tsai-2018", "phantom"])
    message = problems_for(tmp_path, raw)
    assert "semax.yaml: identity.uses[2].source_ids[0]: unknown source id 'ghost'" in message
    assert "semax.yaml: evidence.points[0].source_ids[1]: unknown source id 'phantom'" in message


def test_duplicate_yaml_key_is_rejected(tmp_path):
    text = DATA_FILE.read_text(encoding="utf-8").replace("id: semax\n", "id: semax\nid: semax2\n", 1)
    message = problems_for(tmp_path, text)
    assert message.startswith("semax.yaml: (yaml):") and "duplicate key 'id'" in message


def test_non_mapping_file_is_rejected(tmp_path):
    message = problems_for(tmp_path, "- just\n- a list\n")
    assert message == "semax.yaml: (top level): expected a mapping of sections, got list"


def test_missing_compound_name():
    with pytest.raises(FileNotFoundError, match="available by name: .*semax"):
        load_compound("no-such-compound")


# --------------------------------------------------------------------------- a second compound


def test_fixture_compound_loads_through_same_model():
    ex = load_compound(FIXTURE)
    assert ex.id == "examplin" and ex.identity.name == "Examplin"
    assert ex.label is None and ex.stacking is None  # optional sections
    assert (ex.dosing.standard_mcg_per_day, ex.dosing.range_high_mcg_per_day.high) == (10.0, 20.0)
    assert ex.calculator_dose_mcg == 5.0  # 10 mcg/day over per_day: 2
    assert len(ex.mechanism.steps) == 7
    assert ex.schedule_multiples_of_community == {}  # no label to compare with


def test_second_compound_needs_only_a_data_file(tmp_path, monkeypatch):
    shutil.copy(FIXTURE, tmp_path / "examplin.yaml")
    shutil.copy(DATA_FILE, tmp_path / "semax.yaml")
    monkeypatch.setattr(content.loader, "DATA_DIR", tmp_path)
    clear_cache()
    try:
        assert available_compounds() == ["examplin", "semax"]
        assert load_compound("examplin").id == "examplin"
    finally:
        clear_cache()


def test_fixture_errors_name_their_own_file(tmp_path):
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data["mechanism"]["summary"]["source_ids"] = ["nope"]
    with pytest.raises(ContentError) as info:
        load_compound(write_data(tmp_path, data, name="examplin.yaml"))
    assert "examplin.yaml: mechanism.summary.source_ids[0]: unknown source id 'nope'" in str(info.value)


# --------------------------------------------------------------------------- grades for background and the page's word


def test_background_and_original_page_need_no_source(tmp_path, raw):
    _set(raw, ["mechanism", "steps", 4, "grade"], "background")
    _set(raw, ["mechanism", "steps", 4, "source_ids"], [])
    _set(raw, ["evidence", "points", 0, "grade"], "original_page")
    _set(raw, ["evidence", "points", 0, "source_ids"], [])
    loaded = load_compound(write_data(tmp_path, raw))
    assert loaded.mechanism.steps[4].grade is Grade.background
    assert {Grade.background, Grade.original_page} <= UNSOURCED_GRADES
    assert GRADE_INFO[Grade.original_page].label == "Original page's statement"


def test_sourced_grades_still_need_a_source(tmp_path, raw):
    _set(raw, ["identity", "uses", 2, "grade"], "label")
    _set(raw, ["identity", "uses", 2, "source_ids"], [])
    assert ("identity.uses[2].source_ids: an item graded 'label' needs at least one source id"
            in problems_for(tmp_path, raw))


def test_review_status_is_optional_per_row(tmp_path, raw):
    del raw["dosing"]["rows"][0]["status"]
    loaded = load_compound(write_data(tmp_path, raw))
    assert loaded.dosing.standard_status is None


# --------------------------------------------------------------------------- numbers inside prose


DRIFT_CASES = [
    # (id, path of the prose, old text, drifted text, the number that must be named)
    ("standard-dose", ["dosing", "rows", 0, "text"], "300 mcg", "350 mcg", "350"),
    ("split", ["dosing", "rows", 0, "text"], "1–3 doses", "1–4 doses", "4"),
    ("range", ["dosing", "rows", 3, "text"], "500–600", "500–700", "700"),
    ("volunteers", ["evidence", "points", 2, "text"], "24 healthy", "25 healthy", "25"),
    ("placebo-arm", ["evidence", "points", 2, "text"], "10 given a placebo", "12 given a placebo", "12"),
    ("absorption", ["label", "claims", 0, "text"], "60–70%", "50–70%", "50"),
    ("absorption-in-a-step", ["mechanism", "steps", 1, "body"], "60–70%", "60–80%", "80"),
    ("drops", ["label", "schedules", 0, "text"], "2–3 drops", "2–4 drops", "4"),
    ("stroke-days", ["label", "schedules", 1, "text"], "for 10 days", "for 14 days", "14"),
    ("origin", ["identity", "sequence", "origin"], "ACTH 4–7", "ACTH 4–8", "8"),
    ("drop-size", ["label", "drop_ml_note"], "0.05 mL", "0.06 mL", "0.06"),
    ("likely-abstract", ["evidence", "points", 1, "caveat"], "80 controls", "90 controls", "90"),
]


@pytest.mark.parametrize("path, old, new, number", [c[1:] for c in DRIFT_CASES], ids=[c[0] for c in DRIFT_CASES])
def test_a_prose_number_that_drifts_from_its_record_is_rejected(tmp_path, raw, path, old, new, number):
    replace_in(raw, path, old, new)
    message = problems_for(tmp_path, raw)
    dotted = path[0] + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[1:])
    assert f"semax.yaml: {dotted}: the number(s) {number} in this text match no structured field" in message, message


def test_changing_the_field_and_not_the_prose_is_rejected_too(tmp_path, raw):
    # The other direction: the structured figure moves, the sentence repeating it stays behind.
    raw["dosing"]["standard_mcg_per_day"] = 250
    message = problems_for(tmp_path, raw)
    assert "semax.yaml: dosing.rows[0].text: the number(s) 300" in message


def test_numbers_a_record_holds_are_accepted_in_its_prose(semax):
    # The real file passes, and its prose does quote numbers (so the rule is exercised, not vacuous).
    assert "300" in semax.dosing.row("standard").text
    assert "24" in {p.key: p for p in semax.evidence.points}["checked_size"].text


# --------------------------------------------------------------------------- house style in the data file


UK_SPELLINGS = ("labelling", "randomis", "signalling", "ischaem", "colour", "organis", "behaviour", "centre",
                "millilitre", "analys", "favour", "licence", "recognis", "minimis", "haemo", "µg")
IMPERATIVE_STARTS = ("take ", "use ", "speak ", "consult ", "split ", "combine ", "inject ", "spray ", "start ",
                     "try ", "stack ", "dose ")


def _strings(obj, skip=()):
    """Every string in the data, leaving out the values of the keys in ``skip``."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            if k not in skip:
                yield from _strings(v, skip)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v, skip)


def test_data_file_uses_one_spelling_convention_and_mcg(raw):
    bad = [(w, s) for s in _strings(raw) for w in UK_SPELLINGS if w in s.lower()]
    assert not bad, bad


def test_no_sentence_in_the_data_file_is_an_instruction(raw):
    import re

    # A published title is quoted, not the book's sentence ("Use of the drug Semax 0.1% in ...").
    bad = [sentence for s in _strings(raw, skip=("title",)) for sentence in re.split(r"(?<=[.;:!?])\s+", s)
           if sentence.strip().lower().startswith(IMPERATIVE_STARTS)]
    assert not bad, bad
