"""The reader-facing sentences about sources and statuses: how a source is cited inline and in a list,
how its size and caveats read, how a registration's status and a label's drop size read.

Each is a mixin the model of that record inherits, so every renderer reads the same words from
``source.inline_citation`` and the like, and the wording is edited here, apart from the data's rules."""

from __future__ import annotations

from .vocabulary import CHECKED_INFO, COMMUNITY_FROM_PAGE, FLAG_INFO, GRADE_INFO, PROPER_FLAG_WORDS, Checked, Grade

LISTING_NOTE = ("It rests only on third-party listings: no abstract of its source was read, so its size, design "
                "and results are unverified.")
# The same sentence for a claim citing two or more such sources, so the grammar follows the count.
LISTING_NOTE_TWO = ("Both rest only on third-party listings; no abstract of either was read, so their size, design "
                    "and results are unverified.")
LISTING_NOTE_MANY = ("All of them rest only on third-party listings; no abstract of any was read, so their size, "
                     "design and results are unverified.")


def badge_words(grade, checked: Checked | tuple[Checked, ...] | None,
                kinds: tuple | None = None) -> str:
    """Both halves of a badge in words: 'Human trial · abstract read'. Sources read to different levels name
    every level, each after its kind, even when two levels share one ('Press report · page read; Press report ·
    third-party lists only'), so no level ever stands without its kind. ``kinds`` gives the kind of each level
    (the claim's own grade where it is None)."""
    levels = (checked,) if isinstance(checked, Checked) else tuple(checked or ())
    if not levels:
        return GRADE_INFO[grade].label
    kinds = tuple(kinds or ()) + (None,) * (len(levels) - len(kinds or ()))
    return "; ".join(f"{GRADE_INFO[kind or grade].label} · {CHECKED_INFO[level].label}"
                     for level, kind in zip(levels, kinds, strict=True))


class ClaimWording:
    """Words for a graded claim's badge. What was checked is set by the compound once every source is known."""

    @property
    def checked_levels(self) -> tuple[Checked, ...]:
        """What the book checked behind the badge, one level per source, each once (empty with no source)."""
        return self._checked or ()

    @property
    def listings_only(self) -> bool:
        """True when every source the claim cites is known only from third-party lists."""
        return bool(self._listings_only)

    @property
    def badge_kinds(self) -> tuple:
        """The kind of evidence each level of the badge belongs to (same order as ``checked_levels``)."""
        return self._kinds or ()

    @property
    def badge_words(self) -> str:
        return badge_words(self.grade, self._checked, self._kinds)

    @property
    def badge_meaning(self) -> str:
        """The badge's tooltip: the meaning of every kind it names (one kind: its meaning alone); community
        reports known only from the original page say that no user's report was read."""
        levels = self._checked or ()
        pairs = list(dict.fromkeys((k, levels[i] if i < len(levels) else None)
                                   for i, k in enumerate(self._kinds or (self.grade,))))

        def meaning(kind: Grade, level: Checked | None) -> str:
            return (COMMUNITY_FROM_PAGE if kind is Grade.community and level is Checked.original_page
                    else GRADE_INFO[kind].meaning)

        # each kind's meaning once, however many levels it was read at
        said = list(dict.fromkeys((GRADE_INFO[k].label, meaning(k, lv)) for k, lv in pairs))
        if len(said) == 1:
            return said[0][1]
        return " / ".join(f"{label}: {text}" for label, text in said)

    @property
    def listing_note(self) -> str:
        """The sentence a claim resting only on third-party listings carries in every output ('' otherwise)."""
        if not self._listings_only:
            return ""
        return {1: LISTING_NOTE, 2: LISTING_NOTE_TWO}.get(self._listings_only, LISTING_NOTE_MANY)

    @property
    def full_caveat(self) -> str | None:
        """The caveat every output shows: the claim's own, then the listings-only note when it applies."""
        parts = [p for p in (self.caveat, self.listing_note) if p]
        return " ".join(parts) or None


class AbstractMatchWording:
    """Words for an abstract that probably matches a source."""

    @property
    def arms_text(self) -> str:
        """'30 Semax added to standard therapy vs 80 standard therapy alone'."""
        return " vs ".join(f"{a.n} {a.label}" for a in self.arms)


class LikelyIdentityWording:
    """Words for what a source probably is when the original page's citation looks wrong."""

    @property
    def short_cite(self) -> str:
        return f"{self.authors} ({self.year})"

    @property
    def journal_ref(self) -> str:
        """'Zh Nevrol Psikhiatr Im S S Korsakova 97(6):26–34'."""
        ref = self.journal
        if self.volume:
            ref += (f" {self.volume}" + (f"({self.issue})" if self.issue else "")
                    + (f":{self.pages}" if self.pages else ""))
        return ref

    @property
    def flag_words(self) -> str:
        """The correction in a few words for an inline citation: 'likely 1997, unverified'."""
        if "authors" in self.corrects:
            words = f"likely {self.short_cite}, also unverified"
        else:
            words = f"likely {self.year}, unverified"
        if self.abstract is not None:
            words += "; PMID record not read, a probably matching abstract read"
        return words


class SourceWording:
    """Every way the book names a source: short cite, inline citation with its flags, list entry, size."""

    @property
    def badge_words(self) -> str:
        """'Human trial · abstract read', 'Listed, not read · third-party lists only'."""
        return badge_words(self.grade, self.checked_level)

    @property
    def checked_words_short(self) -> str:
        """What the book checked of this source, in the badge's words ('abstract read')."""
        return CHECKED_INFO[self.checked_level].label

    @property
    def checked_words(self) -> str:
        """What the book checked of this source, in a sentence for its entry."""
        return {
            Checked.matching_abstract: "The PMID's own record was not read.",
            Checked.abstract_opening: "Only the opening of its abstract could be read; the rest was cut off.",
            Checked.abstract: "Its abstract was read.",
            Checked.label_copy: "Copies of the label were read.",
            Checked.page: "The page itself was read.",
            Checked.third_party: "Known only from third-party lists; no abstract or page of its own was read.",
            Checked.original_page: "Known only from the original page's citation; nothing of it was read.",
        }[self.checked_level]

    @property
    def short_cite(self) -> str:
        """'Tsai SJ et al. (2018)' for studies; the citation text for label sources."""
        if self.kind != "study":
            return self.citation or self.id
        name = self.authors or self.short_title
        return f"{name} ({self.year})" if self.year is not None else f"{name} (year not given)"

    @property
    def identifier_words(self) -> str | None:
        """'PMID from third-party lists only' (or 'title, journal and PMID …').

        None when every identifier shown was read."""
        if not self.unverified_identifiers:
            return None
        names = [{"pmid": "PMID"}.get(n, n) for n in self.unverified_identifiers]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"{joined} from third-party lists only"

    @property
    def flag_words(self) -> list[str]:
        """The source's flags in reader words, in the order the data lists them, then any identifier seen
        only in third-party lists, then its likely correction if it has one ('likely 1997, unverified')."""
        words = [FLAG_INFO[f] for f in self.flags]
        if self.identifier_words:
            words.append(self.identifier_words)
        if self.likely_identity is not None:
            words.append(self.likely_identity.flag_words)
        return words

    @property
    def inline_citation(self) -> str:
        """The one inline citation every renderer uses: short cite plus every flag, so a flag never gets lost.

        'Tsai SJ et al. (2018) [Russian; attribution unverified; likely Gusev EI, Martynov MYu et al. (2018),
        also unverified]'.
        """
        # Proper words and acronyms (Russian, PMID) keep their capital inside the brackets.
        words = [w if w in PROPER_FLAG_WORDS or w[:2].isupper() else w[0].lower() + w[1:] for w in self.flag_words]
        return f"{self.short_cite} [{'; '.join(words)}]" if words else self.short_cite

    @property
    def none_given(self) -> str:
        """Words for a detail (who took part, the journal) the source's listing does not give, naming who listed it."""
        return "the original page gives none" if self.listed_by == "original_page" else "no source read gives it"

    @property
    def population_text(self) -> str:
        """Who took part, or who did not say: the same words in the chapter, the deck and the self-check."""
        return self.population or self.none_given

    @property
    def n_text(self) -> str:
        """The study's size as the book shows it everywhere: with its groups when known, with where the
        number comes from when unchecked, and never a bare blank."""
        who = "as the original page gives it" if self.listed_by == "original_page" else "as third-party lists give it"
        if self.n is not None:
            if self.arms:
                return f"{self.n} ({' vs '.join(f'{a.n} {a.label}' for a in self.arms)})"
            return f"{self.n}" + ("" if self.verified else f" ({who})")
        # A checked source whose abstract gave no count is not the page's omission.
        if self.verified and self.checked_level == Checked.abstract_opening:
            text = "not in the part of the abstract that could be read"
        else:
            text = "the abstract checked gives none" if self.verified else (
                "the original page gives none" if self.listed_by == "original_page"
                else "no count was read in any abstract")
        match = self.likely_identity.abstract if self.likely_identity else None
        if match is not None and match.arms:
            text += f"; a matching abstract (link {match.link}, not proven) gives {match.arms_text}"
        return text

    @property
    def cite(self) -> str:
        """One-line reference as the page gives it: authors (year). Journal volume:pages. PMID."""
        if self.kind != "study":
            return self.citation or self.id
        parts = [self.short_cite]
        if self.journal:
            j = self.journal
            if self.volume:
                j += f" {self.volume}"
                if self.pages:
                    j += f":{self.pages}"
            parts.append(j)
        if self.pmid:
            parts.append(f"PMID {self.pmid}")
        return ". ".join(parts)


class DosingWording:
    """What the dose figures are called: 'community figures' only when every row is a community report (a
    guide page's amount is a write-up, not a user's report)."""

    @property
    def community_only(self) -> bool:
        return all(r.grade is Grade.community for r in self.rows)

    @property
    def figures_words(self) -> str:
        """'the community figures', or 'the dose figures' when guide pages or a label stand among them."""
        return "the community figures" if self.community_only else "the dose figures"

    @property
    def figures_heading(self) -> str:
        """The dosing chapter's section on the figures."""
        return "The community figures" if self.community_only else "The figures and who states them"

    def stated_by(self, sources_by_id) -> list[tuple[Grade, str]]:
        """Who states the dose rows, one phrase per grade in row order: users' reports that are all forum posts
        are counted as posts ('one forum post'), so a title never says more people reported than did."""
        out: list[tuple[Grade, str]] = []
        for grade in dict.fromkeys(r.grade for r in self.rows):
            rows = [r for r in self.rows if r.grade is grade]
            if grade is Grade.community:
                ids = {sid for r in rows for sid in r.source_ids}
                forum = all(r.source_ids for r in rows) and all(sources_by_id[s].kind == "forum" for s in ids)
                out.append((grade, (("one forum post" if len(ids) == 1 else f"{len(ids)} forum posts")
                                    if forum else "what people report")))
            elif grade is Grade.vendor:
                out.append((grade, "what guide pages state"))
            elif grade is Grade.label:
                out.append((grade, "what the label states"))
        return out


_STATUS_WORDS = {"registered": "registered", "in_clinical_use": "in clinical use",
                 "not_registered": "not registered", "unknown": "status unknown"}


class RegistrationWording:
    """A registration's status in words."""

    @property
    def status_words(self) -> str:
        """'registered (its registration may have been withdrawn; not confirmed)'.

        The status with its doubt, always together."""
        words = _STATUS_WORDS[self.status]
        return f"{words} (its registration may have been withdrawn; not confirmed)" if self.doubt else words

    @property
    def states_status(self) -> bool:
        """True when the registration's own text opens with its status ('registered as an anxiolytic …'), so
        its lead names only the region and the status is said once."""
        words = _STATUS_WORDS[self.status]
        return self.text.lower().startswith(words)

    @property
    def doubt_clause(self) -> str:
        """The doubt as a clause of the status sentence ('' with no doubt); the doubt's own graded item, with its
        sources, follows the sentence."""
        return "recent reports say the registration may have been withdrawn, not confirmed" if self.doubt else ""


class LabelWording:
    """How a label's drop size is known, in words."""

    @property
    def drop_words(self) -> str:
        """How the drop size is known, in words: 'assuming one drop is about 0.05 mL' or 'with the
        label's own drop size (4 drops = 0.2 mL, 0.05 mL a drop)'."""
        if self.drop_stated is not None:
            return (f"with the label's own drop size ({self.drop_stated.drops} drops = {self.drop_stated.ml:g} mL, "
                    f"{self.drop_ml:g} mL a drop)")
        return f"assuming one drop is about {self.drop_ml:g} mL"
