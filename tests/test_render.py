"""render.py: one citation style that always carries a source's flags, statuses with their figures,
Markdown that parses cleanly as the book parses it, glossary links only to glossary terms, and every
renderer working for a second compound."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docutils import nodes

from explainer import myst, render
from explainer.content import load_compound
from tests.helpers import ROOT, parse_myst, shown_text

SEMAX = load_compound("semax")
FIXTURE = load_compound(Path(__file__).parent / "fixtures" / "examplin.yaml")
SELANK = load_compound("selank")


def html(obj) -> str:
    """The reader-visible text of a render output (Markdown parsed as the book parses it)."""
    return shown_text(obj)


def test_cited_uses_the_one_inline_citation_with_every_flag():
    point = next(p for p in SEMAX.evidence.points if "tsai-2018" in p.source_ids)
    out = html(render.cited(SEMAX, point))
    for sid in point.source_ids:
        assert SEMAX.source(sid).inline_citation in out
    assert "attribution unverified" in out and "likely 1997, unverified" in out


def test_the_review_status_sits_with_the_standard_row_only():
    table = parse_myst(render.dose_table(SEMAX).markdown).next_node(nodes.tbody)
    rows = [" ".join(r.astext().split()) for r in table.findall(nodes.row)]
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
    # the only "not given" left are said of a named detail (a group's size, a study's year), never a blank
    assert "not given" not in table.replace("(size not given)", "").replace("(year not given)", "")
    details = html(render.source_details(SEMAX))
    assert "probable, not proven" in details and "10.17116/jnevro20181183261-68" in details
    refs = html(render.references(SEMAX))
    assert refs.count("Likely identity (unverified)") == 2


def test_label_schedule_without_an_indication_says_so():
    assert "no indication recorded" in html(render.label_summary(SEMAX))
    assert "general use" not in html(render.label_summary(SEMAX))


RENDERERS = [render.summary, render.disclaimer, render.uses, render.route, render.status, render.variants_and_sequence,
             render.mechanism_summary, render.mechanism_result, render.dose_table, render.dose_numbers,
             render.label_summary, render.side_effects, render.tolerability, render.contraindications,
             render.stacking, render.evidence_points, render.source_table, render.source_details,
             render.references, render.worked_example, render.about, render.registration]


@pytest.mark.parametrize("compound", [FIXTURE, SELANK], ids=["examplin", "selank"])
@pytest.mark.parametrize("fn", RENDERERS, ids=lambda f: f.__name__)
def test_every_renderer_works_for_another_compound(fn, compound):
    out = html(fn(compound))
    if fn in (render.about, render.registration) and compound is FIXTURE:
        return  # examplin records neither; the chapter leaves the section out
    assert out and not re.search(r"\bNone\b(?! of)", out) and "nan" not in out.lower().split()


def test_selanks_label_dose_and_evidence_say_what_its_data_says():
    label = html(render.label_summary(SELANK))
    assert "300–450 mcg at a time" in label and "900–2,700 mcg a day" in label
    assert "a course of 2 weeks, then a break of 1–3 weeks" in label
    assert "4 drops = 0.2 mL" in label or "4 drops are 0.2 mL" in label
    for f in SELANK.label.indications:
        assert f.text.strip() in label
    numbers = html(render.dose_numbers(SELANK))
    assert "200–400 mcg" in numbers and "How thin this is:" in numbers
    details = html(render.source_details(SELANK))
    assert "What could not be checked:" in details and "original page" not in details
    table = html(render.source_table(SELANK))
    assert "PMID from third-party lists only" in table and "the original page gives none" not in table
    status = html(render.status(SELANK))
    # the status and its doubt in one sentence, said once, with the doubt's own graded item after it
    reg = SELANK.identity.registration[0]
    assert f"{reg.doubt_clause} (see below)" in status and "Reported withdrawal:" in status
    assert status.index(reg.doubt_clause) < status.index("Reported withdrawal:")
    assert "registered (its registration" not in status and "Registered in Russia" not in status


def all_outputs(compound) -> list:
    outs = [fn(compound) for fn in RENDERERS] + [render.grade_guide(), render.calculator_formulas()]
    return outs + [render.step(compound, s.number) for s in compound.mechanism.steps]


@pytest.mark.parametrize("compound", [SEMAX, SELANK, FIXTURE], ids=["semax", "selank", "examplin"])
def test_every_output_is_markdown_the_book_parses_without_a_warning(compound):
    for out in all_outputs(compound):
        assert isinstance(out, myst.Myst)
        doc = parse_myst(out.markdown)  # raises on any warning, as the strict book build fails
        assert not list(doc.findall(nodes.section)), "no headings inside outputs"


def test_glossary_terms_are_the_glossary_pages_entries():
    terms = render.glossary_terms()
    page = (ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
    assert len(terms) >= 20 and "BDNF" in terms and "Blood–brain barrier" in terms
    for t in terms:
        assert re.search(rf"^{re.escape(t)}\n  \S", page, re.M), t  # an entry with its definition


def test_every_glossary_link_is_to_a_glossary_term_and_each_term_links_once_per_output():
    terms = {t.lower() for t in render.glossary_terms()}
    linked = 0
    for out in all_outputs(SEMAX):
        targets = [re.sub(r"^.*<(.*)>$", r"\1", body).lower()
                   for body in re.findall(r"\{term\}`([^`]+)`", out.markdown)]
        assert set(targets) <= terms, set(targets) - terms
        assert len(targets) == len(set(targets)), out.markdown
        linked += len(targets)
    assert linked >= 10  # the prose does link its technical words


def test_a_word_that_is_not_in_the_glossary_is_never_linked(monkeypatch):
    monkeypatch.setattr(render.common, "glossary_terms", lambda: ("Nonexistentium",))
    assert "{term}" not in render.evidence_points(SEMAX).markdown
    monkeypatch.setattr(render.common, "glossary_terms", lambda: ("BDNF",))
    assert render.evidence_points(SEMAX).markdown.count("{term}`BDNF`") == 1


@pytest.mark.parametrize("compound", [SEMAX, SELANK], ids=["semax", "selank"])
def test_the_doubtful_citations_note_offers_a_correction_only_where_one_is_recorded(compound):
    studies = compound.studies
    doubtful = [s for s in studies if s.is_unverified or s.likely_identity is not None]
    note = render.doubtful_note(studies, doubtful)
    corrected = [s for s in doubtful if s.likely_identity is not None]
    flagged = [s for s in doubtful if s.likely_identity is None]
    assert ("likely correction" in note) == bool(corrected)
    assert ("no source read gives a corrected citation" in note) == bool(flagged)
    for s in doubtful:
        assert s.inline_citation in note


def test_a_note_on_flagged_sources_alone_never_promises_a_correction():
    flagged = [s for s in SELANK.studies if s.is_unverified and s.likely_identity is None]
    assert flagged  # Selank's phenazepam studies: identifiers from third-party lists only
    note = render.doubtful_note(SELANK.studies, flagged)
    assert "likely correction" not in note and "no source read gives a corrected citation" in note


def test_the_studies_caption_follows_who_listed_them():
    # Semax's list holds the original page's four and the further sources the notes cover
    assert {s.listed_by for s in SEMAX.studies} == {"original_page", "evidence_notes"}
    assert render.studies_caption(SEMAX) == "The studies this book cites"
    listed = {s.listed_by for s in SELANK.studies}
    assert render.studies_caption(SELANK) != "The studies the original page cites" or listed == {"original_page"}


def test_a_report_source_is_listed_by_its_citation_in_the_references():
    reports = [s for c in (SEMAX, SELANK) for s in c.sources if s.kind == "report"]
    assert reports
    for s in reports:
        owner = next(c for c in (SEMAX, SELANK) if s in c.sources)
        out = html(render.references(owner))
        assert " ".join(s.citation.split()) in out
        assert "—. " not in out and f"({s.year}). —" not in out


@pytest.mark.parametrize("compound", [SEMAX, SELANK], ids=["semax", "selank"])
def test_side_effects_are_numbered_only_when_ranked_by_frequency(compound):
    out = render.side_effects(compound).markdown
    numbered = bool(re.search(r"^1\. ", out, re.M))
    assert numbered == render.ranked_by_frequency(compound) == (compound.side_effects.ranking_note is None)
    if compound.side_effects.ranking_note:
        assert " ".join(compound.side_effects.ranking_note.split()) in html(out)


def test_the_plain_answer_on_testing_holds_every_non_community_pattern_and_the_patterns_list_none():
    answer = html(render.stacking_answer([SEMAX, SELANK]))
    assert "Has the combination been tested?" in answer
    for c in (SEMAX, SELANK):
        per_compound = html(render.stacking(c))
        for p in c.stacking.patterns:
            text = " ".join(p.text.split())
            if p.grade.value in ("community", "original_page"):
                assert text in per_compound and text not in answer
            else:
                assert text in answer and text not in per_compound


@pytest.mark.parametrize("compound", [SEMAX, SELANK], ids=["semax", "selank"])
def test_the_label_table_caption_names_the_amounts_its_rows_hold(compound):
    label = compound.label
    daily = any(label.daily_mg(s.key) for s in label.schedules)
    single = any(label.single_mg(s.key) for s in label.schedules)
    caption = render.schedule_amount_words(compound)
    assert ("a day" in caption or "daily" in caption) == daily
    assert ("at a time" in caption) == single
    assert caption in html(render.label_summary(compound))


def test_the_landing_table_counts_studies_by_type_apart_from_claims():
    out = html(render.collection_overview([SEMAX, SELANK]))
    assert "Studies read, by type" in out and "Claims, by what they rest on" in out
    for c in (SEMAX, SELANK):
        studies = render.study_mix(c)
        # only what was read is counted by type; the listed-but-unread ones are shown apart
        assert sum(studies.values()) == len(c.read_studies) and c.unread_studies
        assert f"{len(c.read_studies)} studies read" in out
        assert f"{len(c.unread_studies)} more listed but not read" in out
        claims = render.evidence_mix(c)
        assert sum(claims.values()) == len(list(c.iter_claims()))
        assert f"{sum(claims.values())} graded claims; resting on" in out
    # "human studies: 7" read as a count of studies while it counted claims; no such phrase remains
    assert not re.search(r"human studies: \d", out)


def _hrefs(markdown: str) -> set[str]:
    # MyST-Parser escapes & in an address; the book's RawLinkTargets step (extension.py) undoes it
    refs = parse_myst(markdown).findall(nodes.reference)
    return {n["refuri"].replace("&amp;", "&") for n in refs if "refuri" in n}


@pytest.mark.parametrize("compound", [SEMAX, SELANK], ids=["semax", "selank"])
def test_every_page_a_source_was_read_on_is_linked_from_its_reference_and_its_evidence_entry(compound):
    # a reader can follow every page the notes name as read: studies, labels, reports, vendors and forums alike
    sources = [s for s in compound.sources if s.page_urls]
    assert any(s.kind != "study" for s in sources)
    refs, details = _hrefs(render.references(compound).markdown), _hrefs(render.source_details(compound).markdown)
    for s in sources:
        for url in s.page_urls:
            assert url in refs and url in details, (s.id, url)
    # and a study's table row links it too, beside its PMID or DOI
    table = _hrefs(render.source_table(compound).markdown)
    for s in compound.studies:
        assert set(s.page_urls) <= table, s.id


def test_a_study_row_with_no_link_says_so_in_words_and_a_page_read_is_linked_beside_its_pmid():
    for c in (SEMAX, SELANK):
        for s in c.studies:
            cell = render.evidence._pmid_link(s)
            assert (cell == "no link seen") == (not s.pmid and not s.doi and not s.page_urls), s.id
    # Zayats 2001 was read in an English reprint; Medvedev 2015's only page read is the journal's
    assert SEMAX.source("zayats-2001").url == "http://artlife.rv.ua/?area=articles/item/203&lng=en"
    cell = render.evidence._pmid_link(SELANK.source("medvedev-2015"))
    assert "PMID 26356395" in cell and "mediasphera.ru" in cell


@pytest.mark.parametrize("compound", [SEMAX, SELANK], ids=["semax", "selank"])
def test_no_two_sources_of_a_compound_name_the_same_page(compound):
    # one entry per page read: three guide pages are three sources, never four overlapping ones
    urls = [u for s in compound.sources for u in s.page_urls]
    assert len(urls) == len(set(urls))
    citations = [s.cite for s in compound.sources if s.kind != "study"]
    assert len(citations) == len(set(citations))


def test_a_source_read_on_its_own_page_says_so_and_never_that_no_page_was_read():
    details = html(render.source_details(SELANK))
    entry = details.split("Medvedev VE et al. (2015)", 1)[1][:900]
    assert "mediasphera.ru" in entry and "no abstract or page of its own was read" not in entry
