"""The built book tells the truth: read the way a careful reader would, page by page.

Each test here would have caught one slip found by reading the book against the reference notes: a
fragment named without its sequence, a flagged source cited without its flag, a chapter without the
not-medical-advice line, a dose figure without its review status, an instruction to take something.
They read the visible text of the HTML in ``_build/html`` (scripts and styles removed), so they test
what readers see, whichever module wrote it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from explainer.charts import fmt_num
from explainer.collection import read_config
from explainer.content import load_compound
from tests.helpers import ROOT, soup, text_of, toc_files

SEMAX, SELANK = load_compound("semax"), load_compound("selank")
COMPOUNDS = {"semax": SEMAX, "selank": SELANK}
CHAPTERS = [f for f in toc_files() if f.startswith("notebooks/")]
# Pages that talk about doses or the calculator besides the chapters: they carry the disclaimer too.
DOSE_PAGES = ["index", "book/reading-the-evidence"]


def compound_of(name: str):
    """The compound a page is about (notebooks/<id>/...), or None for a page about the whole collection."""
    parts = name.split("/")
    return COMPOUNDS.get(parts[1]) if len(parts) == 3 else None
BLOCKS = ("li", "tr", "dd", "figure", "cite", "caption")


def soup_of(built_book: Path, name: str) -> BeautifulSoup:
    return soup((built_book / f"{name}.html").read_text(encoding="utf-8"))


def article(built_book: Path, name: str) -> Tag:
    doc = soup_of(built_book, name)
    return doc.find("article") or doc


def block(node) -> Tag:
    """The unit a reader takes in at once around a piece of text: a row, a list item (the outermost, so a
    source's entry with its nested details), otherwise the paragraph."""
    parents = ([node] if isinstance(node, Tag) and node.name in ("p", *BLOCKS) else []) + [
        p for p in node.parents if isinstance(p, Tag)]
    items = [p for p in parents if p.name == "li"]
    if items and not any(p.name in ("tr", "figure") for p in parents):
        return items[-1]
    for p in parents:
        if p.name in BLOCKS:
            return p
    for p in parents:
        if p.name in ("p", "div"):
            return p
    return parents[0]


def occurrences(el: Tag, pattern: str):
    """Each block whose visible text matches ``pattern``, once."""
    seen, out = set(), []
    for s in el.find_all(string=re.compile(pattern)):
        b = block(s)
        if id(b) not in seen:
            seen.add(id(b))
            out.append(b)
    # A pattern can span tags (a badge inside a sentence): catch blocks whose joined text matches too.
    for t in el.find_all(["p", *BLOCKS]):
        b = block(t)
        if id(b) not in seen and re.search(pattern, text_of(t)) and not any(
                re.search(pattern, text_of(c)) for c in t.find_all(["p", *BLOCKS])):
            seen.add(id(b))
            out.append(b)
    return out


pytestmark = pytest.mark.book


# --------------------------------------------------------------------------- the origin


ACTH_4_10 = r"ACTH\s*\(?\s*4\s*[–-]\s*10|4\s*[–-]\s*10 (stretch|piece|fragment|sequence)"


def test_no_page_names_acth_4_10_without_the_actual_sequence(built_book: Path) -> None:
    seq = SEMAX.identity.sequence.text
    problems = []
    for name in toc_files():
        el = article(built_book, name)
        for b in occurrences(el, ACTH_4_10):
            # A paper's own title is quoted as published; everything else must show the chain beside it.
            said = re.sub(r"“[^”]*”", "", text_of(b))
            if re.search(ACTH_4_10, said) and seq not in said:
                problems.append(f"{name}: {said[:160]}")
    assert not problems, problems


def test_the_origin_is_the_same_sentence_wherever_it_is_rendered(built_book: Path) -> None:
    origin = re.sub(r"\s+", " ", SEMAX.identity.sequence.origin)
    for name in ("notebooks/semax/01-what-it-is", "notebooks/semax/02-mechanism"):
        assert origin in text_of(article(built_book, name)), name
    # The glossary is static text: it must say both halves, in the same words for the fragment.
    glossary = text_of(article(built_book, "book/glossary"))
    assert "ACTH 4–10" in glossary and "ACTH 4–7" in glossary and SEMAX.identity.sequence.text in glossary


# --------------------------------------------------------------------------- citations and flags


def bracketed(text: str) -> str | None:
    """The text inside the bracket that opens ``text`` (nested brackets kept), or None."""
    text = text.lstrip()
    if not text.startswith("("):
        return None
    depth = 0
    for i, c in enumerate(text):
        depth += {"(": 1, ")": -1}.get(c, 0)
        if depth == 0:
            return text[1:i]
    return None


def test_every_inline_citation_is_the_one_renderer(built_book: Path) -> None:
    """A claim's badge is followed by its citations in brackets, each one a source's one inline citation."""
    def plain(t: str) -> str:
        return re.sub(r"\s+", " ", t.replace("’", "'")).strip()

    known = {plain(s.inline_citation) for c in COMPOUNDS.values() for s in c.sources}
    # Where a claim's sources were read to different levels, each citation ends with its own source's level.
    known |= {plain(f"{s.inline_citation}: {s.checked_words_short}") for c in COMPOUNDS.values() for s in c.sources}
    seen = set()
    for name in toc_files():
        for badge in article(built_book, name).select("span.grade-badge[class*=grade-]"):
            after = badge.next_sibling
            cites = bracketed(after) if isinstance(after, str) else None
            for cite in (re.split(r"; (?![^\[]*\])", cites) if cites else []):  # not inside a cite's [flags]
                assert plain(cite) in known, (name, cite)
                seen.add(plain(cite))
    assert len(seen) >= len(SEMAX.studies) + len(SELANK.studies) // 2
    assert any("unverified" in c for c in seen)  # the flagged sources are actually cited inline somewhere


@pytest.mark.parametrize("source", [s for c in COMPOUNDS.values() for s in c.sources if s.flag_words],
                         ids=lambda s: s.id)
def test_every_mention_of_a_flagged_source_shows_its_flags(built_book: Path, source) -> None:
    words = [w.lower() for w in source.flag_words if w not in ("Russian",)] or [source.flag_words[0].lower()]
    name_of = source.authors or source.short_title
    if source.is_unverified:
        words = ["unverified"]
    if source.likely_identity is not None:  # the likely correction travels with the page's version
        words = ["unverified", "likely", str(source.likely_identity.year)]
    problems = []
    for name in toc_files():
        for b in occurrences(article(built_book, name), re.escape(name_of) + rf"\W*\(?{source.year or ''}"):
            said = text_of(b).lower()
            missing = [w for w in words if w not in said]
            if missing:
                problems.append(f"{name}: missing {missing}: {said[:160]}")
    assert not problems, problems


def test_tsai_never_appears_without_the_unverified_flag(built_book: Path) -> None:
    problems = []
    for name in toc_files():
        for b in occurrences(article(built_book, name), r"Tsai SJ"):
            if "unverified" not in text_of(b).lower():
                problems.append(f"{name}: {text_of(b)[:160]}")
    assert not problems, problems


def test_both_likely_identities_are_shown_with_the_pages_version(built_book: Path) -> None:
    for name in ("notebooks/semax/06-evidence", "book/references"):
        page = text_of(article(built_book, name))
        for s in SEMAX.sources:
            if s.likely_identity is None:
                continue
            assert s.short_cite in page, (name, s.id)  # what the page says
            assert s.likely_identity.short_cite in page or s.likely_identity.full_authors in page, (name, s.id)
            assert s.likely_identity.journal_ref in page, (name, s.id)
    details = text_of(article(built_book, "notebooks/semax/06-evidence"))
    assert "probable, not proven" in details and "Cerebrolysin" in details


def test_lebedevas_size_never_appears_without_its_arms(built_book: Path) -> None:
    leb = SEMAX.source("lebedeva-2018")
    arms = [str(a.n) for a in leb.arms]
    problems = []
    for name in toc_files():
        el = article(built_book, name)
        for b in occurrences(el, rf"(Lebedeva.*\b{leb.n}\b|\b{leb.n}\b (healthy )?volunteers|n\s*=\s*{leb.n}\b)"):
            said = text_of(b)
            if not all(re.search(rf"\b{n}\b", said) for n in arms):
                problems.append(f"{name}: {said[:160]}")
    assert not problems, problems


# --------------------------------------------------------------------------- the disclaimer, the review date


@pytest.mark.parametrize("name", CHAPTERS + DOSE_PAGES)
def test_every_chapter_carries_the_disclaimer_and_review_date(built_book: Path, name: str) -> None:
    el = article(built_book, name)
    notes = el.select(".explainer-disclaimer")
    assert len(notes) == 1, name
    said = text_of(notes[0])
    compound = compound_of(name)
    # The collection's one template, with the compound's name, or "each compound" on a page about all of them.
    template = read_config().disclaimer_template
    if compound is None:
        assert template.format(name="each compound") in said, name
        compound = min(COMPOUNDS.values(), key=lambda c: c.metadata.last_reviewed)
    else:
        assert template.format(name=compound.identity.name) in said, name
    d = compound.metadata.last_reviewed
    assert f"{d.day} {d:%B %Y}" in said
    # It comes before any figure, table or interactive on the page.
    first = el.select_one(".explainer-disclaimer, table, .explainer-widget, .explainer-plotly")
    assert "explainer-disclaimer" in first.get("class"), name


@pytest.mark.parametrize("path", sorted([*(ROOT / "notebooks").rglob("*.ipynb"),
                                         ROOT / "index.ipynb", ROOT / "book" / "reading-the-evidence.ipynb"]),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_notebooks_show_the_disclaimer_before_anything_runs(path: Path) -> None:
    """Before any output a reader sees the not-medical-advice line: a Markdown cell in a generated notebook
    (readable before anything runs), or a stored output nbval keeps honest in a hand-written page."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    shown = [c for c in nb["cells"] if "remove-cell" not in c["metadata"].get("tags", [])]
    first = next(i for i, c in enumerate(shown) if c["cell_type"] == "code" or "{admonition}" in "".join(c["source"]))
    cell = shown[first]
    if cell["cell_type"] == "markdown":
        stored = "".join(cell["source"])
    else:
        assert "nbval-check-output" in cell["metadata"].get("tags", [])  # nbval keeps the stored copy honest
        stored = "".join("".join(o.get("data", {}).get("text/markdown", "")) for o in cell["outputs"])
    assert "{admonition} Not medical advice" in stored and "not medical advice" in stored


# --------------------------------------------------------------------------- doses


def test_the_standard_dose_carries_its_status_wherever_it_is_called_standard(built_book: Path) -> None:
    status = SEMAX.dosing.standard_status
    figure = f"{fmt_num(SEMAX.dosing.standard_mcg_per_day)} mcg"
    problems, shown = [], 0
    for name in toc_files():
        for b in occurrences(article(built_book, name), rf"\b{re.escape(figure)}"):
            said = text_of(b)
            if re.search(r"standard|most often report", said, re.I):
                shown += 1
                if status not in said:
                    problems.append(f"{name}: {said[:160]}")
    assert shown >= 3 and not problems, problems


def test_only_the_standard_dose_row_carries_the_review_status(built_book: Path) -> None:
    table = article(built_book, "notebooks/semax/03-dosing").select_one("table")
    rows = {text_of(tr.find("td")): text_of(tr) for tr in table.select("tbody tr")}
    status = SEMAX.dosing.standard_status
    assert [k for k, row in rows.items() if status in row] == [SEMAX.dosing.row("standard").label]


def test_every_table_header_cell_has_text(built_book: Path) -> None:
    empty = [f"{name}: {th}" for name in toc_files() for th in article(built_book, name).find_all("th")
             if not text_of(th)]
    assert not empty, empty


# --------------------------------------------------------------------------- nothing prescribes


IMPERATIVE = re.compile(r"^(take|use|inject|spray|dose|start|try|combine|split|stack|speak|consult|ask)\b", re.I)


def sentences(el: Tag) -> list[str]:
    """Whole sentences of reader text: soft line breaks inside a paragraph joined, elements kept apart, and
    short labels without a full stop ("Dose entered") left out."""
    for inline in el.find_all(["a", "span", "em", "strong", "cite", "abbr"]):
        inline.unwrap()  # a glossary link or a badge is part of its sentence, not a line of its own
    el.smooth()
    for s in el.find_all(string=True):
        s.replace_with(s.replace("\n", " "))
    out = []
    for line in el.get_text("\n").split("\n"):
        out += [s.strip() for s in re.split(r"(?<=[.!?;:])\s+", line) if s.strip()]
    return [s for s in out if len(s.split()) >= 3 and s[-1] in ".!?"]


def test_no_reader_sentence_tells_anyone_to_take_or_use_anything(built_book: Path) -> None:
    problems = []
    for name in toc_files():
        el = article(built_book, name)
        for code in el.find_all(["pre", "code"]):
            code.decompose()  # `calc.water_ml = 3` is Python, not advice
        for s in sentences(el):
            if IMPERATIVE.match(s):
                problems.append(f"{name}: {s[:120]}")
    assert not problems, problems


def test_stacking_is_described_as_reports(built_book: Path) -> None:
    page = text_of(article(built_book, "notebooks/stacking"))
    assert "illustration of the original page's description" in page.replace("’", "'")
    for c in COMPOUNDS.values():
        for p in c.stacking.patterns:
            if p.grade.value == "community":  # a way people combine them is always told as a report
                assert re.search(r"\breport", p.text), p.key
            if p.grade.value == "original_page":  # the page's account of what people do is told as the page's
                assert re.search(r"original page|\bIt says\b", p.text), p.key


def test_the_shared_stacking_page_has_both_compounds_the_shared_studies_and_no_trial(built_book: Path) -> None:
    page = text_of(article(built_book, "notebooks/stacking"))
    for c in COMPOUNDS.values():
        for r in c.stacking.roles:
            assert re.sub(r"\s+", " ", r.role) in page
    for sid in ("panikratova-2020", "kost-2001"):
        src = SELANK.source(sid)
        assert src.inline_citation.replace("’", "'") in page and src.design in page
    no_trial = next(p for p in SELANK.stacking.patterns if p.key == "no_trial")
    assert no_trial.text in page
    # the plain answer is a callout near the top, before any compound's own section
    answer = article(built_book, "notebooks/stacking").find(class_="explainer-answer")
    assert answer is not None and no_trial.text in text_of(answer)
    assert page.index(no_trial.text) < page.index("side of the pairing")
    assert "calculator for a two-peptide vial" in page.lower()


def test_selanks_registration_shows_its_unconfirmed_doubt_and_its_sources_what_was_not_checked(
        built_book: Path) -> None:
    page = text_of(article(built_book, "notebooks/selank/01-what-it-is"))
    reg = SELANK.identity.registration[0]
    # one sentence states the status and its doubt (never the status twice in a row)
    said = f"{reg.region}: {SELANK.identity.registration_sentence(reg)}"
    assert re.sub(r"\s+", " ", said) in page and "Reported withdrawal" in page
    assert page.count("registered as an anxiolytic") == 1 and "Registered in Russia" not in page
    assert SELANK.source("register-changes-2026").short_cite in page
    for a in SELANK.identity.about:
        assert re.sub(r"\s+", " ", a.text) in page
    evidence = text_of(article(built_book, "notebooks/selank/06-evidence"))
    for s in SELANK.sources:
        for item in s.not_checked:
            assert re.sub(r"\s+", " ", item) in evidence, (s.id, item)
    assert "the original page gives none" not in evidence


def test_safety_context_points_to_the_contraindications(built_book: Path) -> None:
    target = "05-side-effects.html#contraindications-on-the-label"
    side = soup_of(built_book, "notebooks/semax/05-side-effects")
    assert side.find(id="contraindications-on-the-label") is not None
    assert "Anxiety disorders" in text_of(side)
    for name in ("notebooks/semax/01-what-it-is", "notebooks/semax/02-mechanism", "notebooks/stacking"):
        links = [a for a in article(built_book, name).find_all("a") if a.get("href", "").endswith(target)]
        assert links, name


@pytest.mark.parametrize("compound", ["semax", "selank"])
def test_the_calculator_chapter_links_to_the_locator(built_book: Path, compound: str) -> None:
    # The section is named for what the figures are: a daily total, or a single dose when they are per dose.
    anchor = {"per_day": "where-a-daily-total-sits", "per_dose": "where-a-single-dose-sits"}[
        COMPOUNDS[compound].dosing.basis]
    dosing = soup_of(built_book, f"notebooks/{compound}/03-dosing")
    assert dosing.find(id=anchor) is not None
    links = [a.get("href", "") for a in article(built_book, f"notebooks/{compound}/04-reconstitution").find_all("a")]
    assert f"03-dosing.html#{anchor}" in links


# --------------------------------------------------------------------------- smaller slips


SLIPS = ("label chapter", "general use", "n not reported", "project's tests", "project’s tests", "test suite",
         "few community users", "used mainly", "licensed", "licence")
UK = ("labelling", "randomis", "signalling", "ischaem", "colour", "organis", "behaviour", "centre", "millilitre",
      "analys", "favour", "recognis", "haemo")


def test_no_known_slip_or_second_spelling_reaches_a_reader(built_book: Path) -> None:
    problems = []
    for name in toc_files():
        said = text_of(article(built_book, name)).lower()
        problems += [f"{name}: {w!r}" for w in SLIPS + UK if w in said]
        problems += [f"{name}: µg" for _ in [1] if "µg" in said]  # one unit spelling: mcg
    assert not problems, problems


def test_the_book_never_points_to_a_python_widget_its_reader_cannot_use(built_book: Path) -> None:
    # the notebook keeps the note on driving the widget from Python; the static page, with no kernel, does not
    said = {name: text_of(article(built_book, name)) for name in toc_files()}
    assert not [name for name, text in said.items() if "connected to Python" in text or "calc.result" in text]
    notebook = (ROOT / "notebooks/semax/04-reconstitution.ipynb").read_text(encoding="utf-8")
    assert "connected to Python" in notebook


def test_no_table_cell_is_a_bare_not_given(built_book: Path) -> None:
    bare = [f"{name}: {text_of(td)}" for name in toc_files() for td in article(built_book, name).find_all("td")
            if text_of(td).lower() in ("not given", "not reported", "n/a", "—", "")]
    # A source with no link in the notes says so in words: no cell is a placeholder dash or blank.
    assert not bare, bare


def test_the_glossary_defines_the_technical_words_the_sources_use(built_book: Path) -> None:
    terms = {text_of(dt) for dt in article(built_book, "book/glossary").find_all("dt")}
    terms = {re.sub(r"\W+$", "", t) for t in terms}
    for word in ("EEG", "Analog", "mRNA", "Exon", "Conditioned avoidance", "Rostral", "ACTH"):
        assert any(t.startswith(word) for t in terms), (word, sorted(terms))


def test_every_page_read_is_linked_at_its_exact_address(built_book: Path) -> None:
    # an address with '&' (the Zayats reprint, the BVS mirror) reaches the browser as the notes give it,
    # never escaped twice by MyST-Parser and Sphinx
    expected = {u for c in COMPOUNDS.values() for s in c.sources for u in s.page_urls}
    assert any("&" in u for u in expected)
    for name in ("book/references", "notebooks/semax/06-evidence", "notebooks/selank/06-evidence"):
        hrefs = {a["href"] for a in article(built_book, name).find_all("a", href=True)}
        assert not [h for h in hrefs if "&amp;" in h], name
        owners = (c for c in COMPOUNDS.values() if name == "book/references" or f"/{c.id}/" in name)
        missing = [u for c in owners for s in c.sources for u in s.page_urls if u not in hrefs]
        assert not missing, (name, missing)
