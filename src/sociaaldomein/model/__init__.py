"""The domain model: frozen attrs classes that depend on nothing but attrs.

Loading, plugins, evaluation and reports build on these classes; nothing
here knows about files, plugins or output formats.
"""

from sociaaldomein.model.assignment import Assignment
from sociaaldomein.model.budget import Basis, Budget, BudgetLine, Funding
from sociaaldomein.model.formula import Formula, parse_formula
from sociaaldomein.model.indicator import (
    Accumulation,
    Frequency,
    Indicator,
    SliceTarget,
    SourceRef,
    target_for,
)
from sociaaldomein.model.indicator_set import IndicatorSet, Override, Retirement
from sociaaldomein.model.measurement import DataStatus, Measurement
from sociaaldomein.model.measurement_type import (
    BUILTIN_MEASUREMENT_TYPES,
    MeasurementType,
    MeasurementTypeRegistry,
    Value,
    ValueKind,
)
from sociaaldomein.model.parties import Municipality, Organisation, Province, Region
from sociaaldomein.model.period import Period, parse_dutch_date
from sociaaldomein.model.prestatieveld import Prestatieveld
from sociaaldomein.model.project import EvaluationMoment, Milestone, Phase, Portfolio, Project
from sociaaldomein.model.reference_group import GroupStatistic, ReferenceGroup
from sociaaldomein.model.target import (
    AtLeast,
    AtMost,
    Between,
    Change,
    ComparedTo,
    CountPerPeriod,
    Direction,
    Fallback,
    Improvement,
    Margin,
    MilestoneBy,
    Reference,
    RisingTrend,
    Target,
    Tolerance,
)
from sociaaldomein.model.taxonomy import PRESTATIEVELDEN, Taxonomy, Theme, prestatievelden_taxonomy

__all__ = [
    "BUILTIN_MEASUREMENT_TYPES",
    "PRESTATIEVELDEN",
    "Accumulation",
    "Assignment",
    "AtLeast",
    "AtMost",
    "Basis",
    "Between",
    "Budget",
    "BudgetLine",
    "Change",
    "ComparedTo",
    "CountPerPeriod",
    "DataStatus",
    "Direction",
    "EvaluationMoment",
    "Fallback",
    "Formula",
    "Frequency",
    "Funding",
    "GroupStatistic",
    "Improvement",
    "Indicator",
    "IndicatorSet",
    "Margin",
    "Measurement",
    "MeasurementType",
    "MeasurementTypeRegistry",
    "Milestone",
    "MilestoneBy",
    "Municipality",
    "Organisation",
    "Override",
    "Period",
    "Phase",
    "Portfolio",
    "Prestatieveld",
    "Project",
    "Province",
    "Reference",
    "ReferenceGroup",
    "Region",
    "Retirement",
    "RisingTrend",
    "SliceTarget",
    "SourceRef",
    "Target",
    "Taxonomy",
    "Theme",
    "Tolerance",
    "Value",
    "ValueKind",
    "parse_dutch_date",
    "parse_formula",
    "prestatievelden_taxonomy",
    "target_for",
]
