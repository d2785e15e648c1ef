"""Content → MyST for the notebooks: one module per chapter, their shared parts in ``common``.

Every renderer returns an ``explainer.myst.Myst`` (a ``text/markdown`` output) that the book parses as MyST
into real document text. Notebooks call ``render.<name>``; this package gathers the names.
"""

from .collection import EVIDENCE_KINDS, STUDY_KINDS, collection_disclaimer, collection_overview, evidence_mix, study_mix
from .common import (
    badge,
    citation,
    cited,
    disclaimer,
    disclaimer_callout,
    flag_badge,
    glossary_terms,
    ranked_by_frequency,
    reviewed,
    sequence_origin,
    source_flag_badges,
    status_note,
    status_words,
)
from .dosing import dose_numbers, dose_table, dose_table_words, label_summary, schedule_amount_words
from .effects import contraindications, side_effects, side_effects_caution, tolerability
from .evidence import (
    doubtful_note,
    evidence_points,
    grade_guide,
    none_given,
    references,
    source_details,
    source_table,
    studies_caption,
)
from .mechanism import mechanism_result, mechanism_summary, step
from .pairing import reported_patterns, shared_studies, stacking, stacking_answer, testing_answers
from .reconstitution import calculator_formulas, worked_example
from .what_it_is import about, registration, route, status, summary, use_lead, uses, variants_and_sequence

__all__ = [
    "EVIDENCE_KINDS", "STUDY_KINDS", "about", "badge", "calculator_formulas", "citation", "cited",
    "collection_disclaimer", "collection_overview", "contraindications", "disclaimer", "disclaimer_callout",
    "dose_numbers", "dose_table", "dose_table_words", "doubtful_note", "evidence_mix", "evidence_points", "flag_badge",
    "glossary_terms", "grade_guide", "label_summary", "mechanism_result", "mechanism_summary", "none_given",
    "ranked_by_frequency", "references", "registration", "reported_patterns", "reviewed", "route",
    "schedule_amount_words", "sequence_origin", "shared_studies", "side_effects", "side_effects_caution",
    "source_details", "source_flag_badges", "source_table", "stacking", "stacking_answer", "status", "status_note",
    "status_words", "step", "studies_caption", "study_mix", "summary", "testing_answers", "tolerability",
    "use_lead", "uses", "variants_and_sequence", "worked_example",
]
