"""Content model for the explainer: one validated data file per compound.

Every fact the book shows (doses, effects, dates, studies, claims) lives in
``src/explainer/data/<compound>.yaml``. This package turns that file into frozen
pydantic models and refuses a file that is wrong, so a typo, a claim without an
evidence grade or a citation of a source that does not exist fails loudly with
``<file>: <dotted.path>: <message>`` instead of quietly reaching a reader.

Numbers the book *derives* (the label's daily amount, its multiple of the
community figure, the calculator's default dose) are computed from the stored
facts rather than typed into the data, so they cannot drift apart.

One job per module:

- ``vocabulary``: evidence grades and source flags, with their reader-facing words;
- ``base``: the shared base model, the error a bad file raises, spans and graded claims;
- ``sources``, ``identity``, ``mechanism``, ``dosing``, ``label``, ``side_effects``, ``stacking``,
  ``evidence``, ``calculator``: the models of each section of a data file;
- ``compound``: the whole file, with the checks that span sections and the derived numbers;
- ``wording``: the reader-facing citation and status sentences the models carry;
- ``checks``: the prose-number check;
- ``loader``: reading and caching the YAML files.

Everything the book uses is importable from here (``from explainer.content import load_compound``).
"""

from .base import Claim, ContentError, Span, Statement
from .calculator import Calculator
from .compound import Compound
from .dosing import CommunityFigure, DoseRow, Dosing
from .evidence import Evidence, EvidencePoint
from .identity import (
    AboutFact,
    ApprovalFact,
    Identity,
    Metadata,
    Registration,
    RegistrationDoubt,
    RouteFact,
    Sequence,
    Use,
    Variant,
)
from .label import DropStatement, Label, LabelClaim, LabelFact, LabelSchedule, LabelStrength
from .loader import DATA_DIR, as_compound, available_compounds, clear_cache, data_path, load_compound
from .mechanism import (
    Diagram,
    DiagramBarrier,
    DiagramLane,
    DiagramLink,
    DiagramMainRoute,
    DiagramNodeSpec,
    DiagramSideRoute,
    Mechanism,
    MechanismResult,
    MechanismStep,
)
from .side_effects import SideEffect, SideEffects
from .sources import AbstractMatch, Arm, LikelyIdentity, Measurement, Source, SourceDose
from .stacking import ScheduleBlock, Stacking, StackPattern, StackRole
from .vocabulary import (
    CHECKED_INFO,
    FLAG_INFO,
    FLAG_MEANING,
    GRADE_INFO,
    READ_LEVELS,
    STUDY_GRADES,
    STUDY_TYPES,
    UNREAD_WORDS,
    UNSOURCED_GRADES,
    Checked,
    Flag,
    Grade,
    GradeInfo,
)

__all__ = [
    "DATA_DIR",
    "Grade",
    "UNSOURCED_GRADES",
    "STUDY_GRADES",
    "STUDY_TYPES",
    "UNREAD_WORDS",
    "Checked",
    "CHECKED_INFO",
    "READ_LEVELS",
    "GradeInfo",
    "GRADE_INFO",
    "Flag",
    "FLAG_INFO",
    "FLAG_MEANING",
    "ContentError",
    "Span",
    "Claim",
    "Statement",
    "Metadata",
    "Measurement",
    "SourceDose",
    "Arm",
    "AbstractMatch",
    "LikelyIdentity",
    "Source",
    "Use",
    "RouteFact",
    "Variant",
    "ApprovalFact",
    "AboutFact",
    "Registration",
    "RegistrationDoubt",
    "DiagramLane",
    "DiagramNodeSpec",
    "DiagramLink",
    "DiagramBarrier",
    "DiagramSideRoute",
    "DiagramMainRoute",
    "Diagram",
    "CommunityFigure",
    "DropStatement",
    "Sequence",
    "Identity",
    "MechanismStep",
    "MechanismResult",
    "Mechanism",
    "DoseRow",
    "Dosing",
    "LabelStrength",
    "LabelClaim",
    "LabelSchedule",
    "LabelFact",
    "Label",
    "SideEffect",
    "SideEffects",
    "StackRole",
    "StackPattern",
    "ScheduleBlock",
    "Stacking",
    "EvidencePoint",
    "Evidence",
    "Calculator",
    "Compound",
    "data_path",
    "load_compound",
    "as_compound",
    "available_compounds",
    "clear_cache",
]
