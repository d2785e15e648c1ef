"""The evidence chapter and the references page: the limits, the sources, what each measured."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .. import myst
from ..content import CHECKED_INFO, FLAG_INFO, FLAG_MEANING, GRADE_INFO, Checked, Compound, Source
from ..myst import Myst
from .common import Prose, badge, cited, flag_badge, lead, source_flag_badges


def evidence_points(compound: Compound) -> Myst:
    ev = compound.evidence
    prose = Prose()
    points = myst.bullets(myst.paragraph(prose(p.text), cited(compound, p)) for p in ev.points)
    verdict = myst.callout(myst.paragraph(prose(ev.verdict.text), cited(compound, ev.verdict)), title="Verdict")
    # What this book could not verify about the page's own citations is a statement about the sources, not a
    # graded claim about the compound, so it is counted from the sources' flags rather than written as a point.
    studies = compound.studies
    doubtful = [s for s in studies if s.is_unverified or s.likely_identity is not None]
    # Kept apart from those: studies whose abstract was read but whose authors come from third-party lists.
    authors = [s for s in studies if s not in doubtful and "authors" in s.unverified_identifiers]
    notes = [myst.paragraph(myst.text(doubtful_note(studies, doubtful)))] if doubtful else []
    if authors:
        notes.append(myst.paragraph(myst.text(
            f"{'; '.join(s.inline_citation for s in authors)}: the abstract was read, but the author names come "
            "from third-party lists, not from the page read, and are marked so wherever they are cited.")))
    return Myst(points, *notes, verdict)


def doubtful_note(studies: list[Source], doubtful: list[Source]) -> str:
    """The sentence on citations that could not be matched, worded by what each has: a likely correction only
    where the data records one, otherwise the flags it carries."""
    # A study whose probably matching abstract was read is not counted as unmatched: it is said apart.
    probable = [s for s in doubtful if not s.is_unverified]
    unmatched = [s for s in doubtful if s.is_unverified]
    corrected = [s for s in unmatched if s.likely_identity is not None]
    flagged = [s for s in unmatched if s.likely_identity is None]
    out = [f"{_count(len(unmatched))} of the {_count(len(studies)).lower()} studies cited here could not be matched "
           "to a published abstract."] if unmatched else []
    if corrected:
        one = len(corrected) == 1
        out.append(f"{'; '.join(s.inline_citation for s in corrected)}: "
                   + ("shown as cited, with its likely correction, which is not verified." if one else
                      "each shown as cited, with its likely correction, and none of those corrections is verified."))
    if flagged:
        out.append(f"{'; '.join(s.inline_citation for s in flagged)}: "
                   + ("shown as cited, with the flags in brackets; no source read gives a corrected citation for it."
                      if len(flagged) == 1 else
                      "each shown as cited, with the flags in brackets; no source read gives a corrected citation "
                      + ("for either." if len(flagged) == 2 else "for any of them.")))
    if probable:
        one = len(probable) == 1
        out.append(f"{'; '.join(s.inline_citation for s in probable)}: "
                   + ("an abstract that probably matches it was read, but not the PMID's own record; it is shown as "
                      "cited, with its likely correction, which is not verified." if one else
                      "for each, an abstract that probably matches was read, but not the PMID's own record; each is "
                      "shown as cited, with its likely correction, and none of those corrections is verified."))
    return " ".join(out)


def quoted(title: str) -> str:
    """A title in double quotes; quotes inside it become single ones, so quotes never nest alike."""
    inner = re.sub(r'"([^"]*)"', r"‘\1’", title.strip()).replace("“", "‘").replace("”", "’")
    return f"“{inner}”"


def _count(n: int) -> str:
    words = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")
    return words[n] if n < len(words) else str(n)


def _pmid_link(source: Source) -> str:
    """A study's Link cell: its PMID (or, with none seen, its DOI), then the page the notes read it on when that is
    another page; words only when no link was seen. Links a reader chooses to follow, never something a page loads."""
    links = ([_pubmed_link(source)] if source.pmid else [_doi_link(source.doi)] if source.doi else [])
    links += [_page_link(u) for u in source.page_urls]
    return "; ".join(links) or "no link seen"


def _pubmed_link(source: Source) -> str:
    return myst.link(myst.text(f"PMID {source.pmid}"), source.pubmed_url)


def _page_link(url: str) -> str:
    return myst.link(myst.text("source page"), url)


def _host(url: str) -> str:
    """'kommersant.ru' for https://www.kommersant.ru/doc/…: the site a link leads to, as its words."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.").removeprefix("m.")


def pages_read(source: Source) -> str:
    """'Page read: kommersant.ru.' (inline; each site linked to the page the notes read), or '' with none named."""
    urls = source.page_urls
    if not urls:
        return ""
    links = ", ".join(myst.link(myst.text(_host(u)), u) for u in urls)
    return myst.paragraph(lead("Pages read:" if len(urls) > 1 else "Page read:"), links + ".")


def _doi_link(doi: str) -> str:
    return "doi:" + myst.link(myst.text(doi), f"https://doi.org/{doi}")


def none_given(source: Source) -> str:
    """Words for a detail a source's listing does not give, naming who listed it."""
    return source.none_given


def _likely(source: Source, full: bool = False) -> str:
    """A source's likely correction, always marked unverified, and what a matching abstract shows (blocks)."""
    li = source.likely_identity
    if li is None:
        return ""
    who = li.full_authors if full and li.full_authors else li.authors
    ref = [myst.text(f"{who} ({li.year})")]
    if full and li.title:
        ref.append(myst.text(li.title.strip()))
    ref.append(myst.emphasis(myst.text(li.journal_ref)))
    if full and li.doi:
        ref.append(_doi_link(li.doi))
    out = [myst.paragraph(lead("Likely identity (unverified):"), ". ".join(ref) + ".", myst.text(li.basis))]
    if full and li.abstract is not None:
        ab = li.abstract
        groups = ab.arms_text + (f", plus {ab.other_groups}" if ab.other_groups else "")
        out.append(myst.paragraph(
            lead("A matching English abstract"),
            myst.text(f"({quoted(ab.title)}; its link to this PMID is {ab.link}, not proven): {groups}.")))
        out.append(myst.bullets(myst.text(f) for f in ab.findings))
        out.append(myst.text(f"Not stated in that abstract: {ab.not_stated}."))
    return myst.blocks(*out)


def source_table(compound: Compound) -> Myst:
    rows = []
    for s in compound.studies:
        flags = " ".join(source_flag_badges(s))
        rows.append((
            myst.blocks(myst.strong(myst.text(s.short_cite)), myst.text(s.journal or "journal: " + none_given(s)),
                        _likely(s)),
            myst.text(s.design), myst.text(s.population_text), myst.text(s.n_text),
            myst.paragraph(badge(s), flags), _pmid_link(s),
        ))
    if not rows:
        return Myst(myst.text("No studies are recorded for this compound."))
    return Myst(myst.table(("Source", "Design", "Who", "n", "Grade and flags", "Link"), rows,
                           studies_caption(compound)))


def studies_caption(compound: Compound) -> str:
    """Who listed the studies, for every table or list of them (page, deck and handout)."""
    listed = {s.listed_by for s in compound.studies}
    return "The studies the original page cites" if listed == {"original_page"} else "The studies this book cites"


def source_details(compound: Compound) -> Myst:
    out, prose = [], Prose()
    for s in compound.sources:
        # A report or label with its own note on what was read says it there, not in a study's template sentence.
        own_note = not s.checked and s.kind != "study" and bool(s.check_note)
        checked = (myst.bullets(prose(c) for c in s.checked) if s.checked
                   else prose(s.check_note) if own_note else myst.text(s.checked_words))
        not_checked = (myst.blocks(lead("What could not be checked:"), myst.bullets(prose(c) for c in s.not_checked))
                       if s.not_checked else "")
        # The heading says how far the source was read (the badge's words), never a bare "checked"/"not checked".
        status = "; ".join(w for w in ("attribution unverified" if s.is_unverified else "", s.checked_words_short)
                           if w)
        out.append(myst.blocks(  # one list item per source: its flags and likely identity travel with it
            myst.paragraph(myst.strong(myst.text(s.cite)), badge(s), *source_flag_badges(s)),
            pages_read(s),
            myst.paragraph(lead("What the original page claims:"), prose(s.seed_claim)) if s.seed_claim else "",
            myst.paragraph(lead("Size:"), myst.text(s.n_text)) if s.kind == "study" else "",
            # a source known only from lists or the original page's citation: what was read of it, never "checked"
            myst.paragraph(lead("What was read" if s.checked_level in (Checked.third_party, Checked.original_page)
                                else "What we could check"), myst.text(f"({status}):")),
            checked,
            not_checked,
            myst.emphasis(prose(s.check_note)) if s.check_note and not own_note else "",
            _likely(s, full=True),
        ))
    return Myst(myst.bullets(out))


def references(compound: Compound) -> Myst:
    def entry(s: Source) -> str:
        if s.kind != "study":  # a label or a report: its citation text is the reference, then the pages read
            return myst.paragraph(myst.text(f"{s.cite.rstrip('.')}. {s.design.rstrip('.')}."), pages_read(s),
                                  badge(s), *source_flag_badges(s))
        who = (s.full_authors or s.authors or s.short_title or "").strip()
        parts = [myst.text(f"{who} ({s.year})" if s.year is not None else f"{who} (year not given)")]
        if s.title:
            parts.append(myst.text(quoted(s.title)))
        journal = s.journal or ""
        if journal and s.volume:
            journal += f" {s.volume}" + (f":{s.pages}" if s.pages else "")
        if journal:
            parts.append(myst.emphasis(myst.text(journal)))
        if s.pmid:  # no placeholder for a PMID no page showed
            parts.append(_pubmed_link(s))
        if s.doi:
            parts.append(_doi_link(s.doi))
        flags = source_flag_badges(s)
        # then the page the notes read it on, when that is not the PMID's or DOI's own
        return myst.blocks(myst.paragraph(". ".join(parts) + ".", pages_read(s), badge(s), *flags),
                           _likely(s, full=True))

    ordered = sorted(compound.sources, key=lambda s: (s.kind != "study", s.year or 0, s.id))
    return Myst(myst.bullets(entry(s) for s in ordered))


def grade_guide() -> Myst:
    grades = [(badge(g), myst.text(info.meaning)) for g, info in GRADE_INFO.items()]
    checked = [(myst.text(info.label), myst.text(info.meaning)) for info in CHECKED_INFO.values()]
    flags = [(flag_badge(f), myst.text(FLAG_MEANING[f])) for f in FLAG_INFO]
    flags.append((myst.text("… from third-party lists only"),
                  myst.text("A detail of the citation (its authors, title, journal, year, volume, pages or PMID) was "
                            "seen only in third-party lists, even where the abstract itself was read.")))
    flags.append((myst.text("Year or authors likely … (unverified)"),
                  myst.text("The original page's citation looks wrong in that detail; the likely correction comes "
                            "from third-party compilations and is unverified too.")))
    return Myst(myst.table(("Badge", "What it means"), grades, "Evidence grades: the first half of a badge"),
                myst.table(("What was checked", "What it means"), checked,
                           "What the book checked: the second half of a badge"),
                myst.table(("Flag", "Meaning"), flags, "Flags on individual sources"))
