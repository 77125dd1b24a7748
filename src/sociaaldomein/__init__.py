"""sociaaldomein: plan, monitor and account for work in the Dutch social domain.

The public API is what ``__all__`` lists; every other module and name is
private to the package and may change. Names are imported on first use, so
that ``import sociaaldomein`` and the command line start fast.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: importing typing slows the command line
if TYPE_CHECKING:
    from typing import Any

    from sociaaldomein.app.adoption import AdoptionError, adopt, verify_report
    from sociaaldomein.app.checks import validate_plan, validate_set
    from sociaaldomein.app.differences import Difference, Differences, compare_records
    from sociaaldomein.app.fetching import fetch_measurements
    from sociaaldomein.app.file_checks import check_files
    from sociaaldomein.app.record import make_record, read_record
    from sociaaldomein.app.report import write_report
    from sociaaldomein.app.results import write_results
    from sociaaldomein.app.run import account_for
    from sociaaldomein.app.site import write_site
    from sociaaldomein.core.accountability import Accountability
    from sociaaldomein.core.aggregation import Aggregate, accumulate, aggregate, aggregate_regions
    from sociaaldomein.core.budgets import Amounts, BudgetSummary, summarise_budget
    from sociaaldomein.core.derived import derive
    from sociaaldomein.core.engine import (
        MeasurementTable,
        Results,
        aggregate_table,
        evaluate_table,
    )
    from sociaaldomein.core.engine.frames import results_frame
    from sociaaldomein.core.evaluation import (
        Evaluation,
        Status,
        describe_target,
        evaluate,
        evaluate_all,
    )
    from sociaaldomein.core.groups import Coverage, GroupValue, group_values
    from sociaaldomein.core.hours import HourRollup, roll_up_hours
    from sociaaldomein.core.prorata import CENT, EURO, apportion, split_over_years
    from sociaaldomein.core.records import RECORD_FIELDS, to_records
    from sociaaldomein.core.resolution import ResolvedSet, SetError, resolve_set
    from sociaaldomein.core.trend import TrendClass, TrendThresholds, classify_trend
    from sociaaldomein.errors import (
        InvalidValueError,
        LoadError,
        SociaaldomeinError,
        UnknownNameError,
    )
    from sociaaldomein.findings import Finding, Severity
    from sociaaldomein.io.atomic import (
        OutputError,
        check_output,
        protected_inputs,
        write_files,
    )
    from sociaaldomein.io.limits import Limits
    from sociaaldomein.io.loading import (
        CSV_COLUMNS,
        dump_toml,
        format_measurements,
        load_measurements,
        load_plan,
        load_set,
        load_toml,
        loads_toml,
        parse_measurements,
        save_toml,
        write_atomic,
    )
    from sociaaldomein.io.measurements import MeasurementFile, read_measurements
    from sociaaldomein.io.table import read_measurements_table
    from sociaaldomein.io.xlsx import (
        load_measurements_xlsx,
        write_measurements_xlsx,
        write_xlsx,
    )
    from sociaaldomein.model import (
        BUILTIN_MEASUREMENT_TYPES,
        Accumulation,
        Assignment,
        AtLeast,
        AtMost,
        Basis,
        Between,
        Budget,
        BudgetLine,
        Change,
        ComparedTo,
        CountPerPeriod,
        DataStatus,
        Direction,
        EvaluationMoment,
        Fallback,
        Formula,
        Frequency,
        Funding,
        GroupStatistic,
        Improvement,
        Indicator,
        IndicatorSet,
        Margin,
        Measurement,
        MeasurementType,
        MeasurementTypeRegistry,
        Milestone,
        MilestoneBy,
        Municipality,
        Organisation,
        Override,
        Period,
        Phase,
        Portfolio,
        Prestatieveld,
        Project,
        Province,
        Reference,
        ReferenceGroup,
        Region,
        Retirement,
        RisingTrend,
        SliceTarget,
        SourceRef,
        Target,
        Taxonomy,
        Theme,
        Tolerance,
        Value,
        ValueKind,
        parse_dutch_date,
        target_for,
    )
    from sociaaldomein.model.revisions import resolve_revisions
    from sociaaldomein.plugin.manager import Plugins, ProvidedSet
    from sociaaldomein.render.html import render_html
    from sociaaldomein.render.markdown import render_markdown
    from sociaaldomein.render.report import Report, build_report
    from sociaaldomein.sources.base import Fetched, Source, SourceError
    from sociaaldomein.sources.cbs import CBSSource
    from sociaaldomein.text.escape import escape_markdown, neutralise_formula, strip_control
    from sociaaldomein.text.readability import flesch_douma

__version__ = "0.1.0"

# Where each public name lives: module -> names.
_MODULES = {
    "sociaaldomein.app.adoption": ("AdoptionError", "adopt", "verify_report"),
    "sociaaldomein.app.checks": ("validate_plan", "validate_set"),
    "sociaaldomein.app.file_checks": ("check_files",),
    "sociaaldomein.app.differences": ("Difference", "Differences", "compare_records"),
    "sociaaldomein.app.fetching": ("fetch_measurements",),
    "sociaaldomein.app.record": ("make_record", "read_record"),
    "sociaaldomein.app.report": ("write_report",),
    "sociaaldomein.app.results": ("write_results",),
    "sociaaldomein.app.run": ("account_for",),
    "sociaaldomein.app.site": ("write_site",),
    "sociaaldomein.io.table": ("read_measurements_table",),
    "sociaaldomein.core.accountability": ("Accountability",),
    "sociaaldomein.core.aggregation": ("Aggregate", "accumulate", "aggregate", "aggregate_regions"),
    "sociaaldomein.core.budgets": ("Amounts", "BudgetSummary", "summarise_budget"),
    "sociaaldomein.core.derived": ("derive",),
    "sociaaldomein.core.groups": ("Coverage", "GroupValue", "group_values"),
    "sociaaldomein.core.engine": (
        "MeasurementTable",
        "Results",
        "aggregate_table",
        "evaluate_table",
    ),
    "sociaaldomein.core.engine.frames": ("results_frame",),
    "sociaaldomein.core.evaluation": (
        "Evaluation",
        "Status",
        "describe_target",
        "evaluate",
        "evaluate_all",
    ),
    "sociaaldomein.core.hours": ("HourRollup", "roll_up_hours"),
    "sociaaldomein.core.prorata": ("CENT", "EURO", "apportion", "split_over_years"),
    "sociaaldomein.core.records": ("RECORD_FIELDS", "to_records"),
    "sociaaldomein.core.resolution": ("ResolvedSet", "SetError", "resolve_set"),
    "sociaaldomein.core.trend": ("TrendClass", "TrendThresholds", "classify_trend"),
    "sociaaldomein.errors": (
        "InvalidValueError",
        "LoadError",
        "SociaaldomeinError",
        "UnknownNameError",
    ),
    "sociaaldomein.findings": ("Finding", "Severity"),
    "sociaaldomein.io.atomic": ("OutputError", "check_output", "protected_inputs", "write_files"),
    "sociaaldomein.io.limits": ("Limits",),
    "sociaaldomein.io.loading": (
        "CSV_COLUMNS",
        "dump_toml",
        "format_measurements",
        "load_measurements",
        "load_plan",
        "load_set",
        "load_toml",
        "loads_toml",
        "parse_measurements",
        "save_toml",
        "write_atomic",
    ),
    "sociaaldomein.io.measurements": ("MeasurementFile", "read_measurements"),
    "sociaaldomein.io.xlsx": ("load_measurements_xlsx", "write_measurements_xlsx", "write_xlsx"),
    "sociaaldomein.model": (
        "Accumulation",
        "Assignment",
        "AtLeast",
        "AtMost",
        "BUILTIN_MEASUREMENT_TYPES",
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
        "target_for",
    ),
    "sociaaldomein.model.revisions": ("resolve_revisions",),
    "sociaaldomein.plugin.manager": ("Plugins", "ProvidedSet"),
    "sociaaldomein.render.html": ("render_html",),
    "sociaaldomein.render.markdown": ("render_markdown",),
    "sociaaldomein.render.report": ("Report", "build_report"),
    "sociaaldomein.sources.base": ("Fetched", "Source", "SourceError"),
    "sociaaldomein.sources.cbs": ("CBSSource",),
    "sociaaldomein.text.escape": ("escape_markdown", "neutralise_formula", "strip_control"),
    "sociaaldomein.text.readability": ("flesch_douma",),
}
_EXPORTS = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "BUILTIN_MEASUREMENT_TYPES",
    "CENT",
    "CSV_COLUMNS",
    "EURO",
    "RECORD_FIELDS",
    "Accountability",
    "Accumulation",
    "AdoptionError",
    "Aggregate",
    "Amounts",
    "Assignment",
    "AtLeast",
    "AtMost",
    "Basis",
    "Between",
    "Budget",
    "BudgetLine",
    "BudgetSummary",
    "CBSSource",
    "Change",
    "ComparedTo",
    "CountPerPeriod",
    "Coverage",
    "DataStatus",
    "Difference",
    "Differences",
    "Direction",
    "Evaluation",
    "EvaluationMoment",
    "Fallback",
    "Fetched",
    "Finding",
    "Formula",
    "Frequency",
    "Funding",
    "GroupStatistic",
    "GroupValue",
    "HourRollup",
    "Improvement",
    "Indicator",
    "IndicatorSet",
    "InvalidValueError",
    "Limits",
    "LoadError",
    "Margin",
    "Measurement",
    "MeasurementFile",
    "MeasurementTable",
    "MeasurementType",
    "MeasurementTypeRegistry",
    "Milestone",
    "MilestoneBy",
    "Municipality",
    "Organisation",
    "OutputError",
    "Override",
    "Period",
    "Phase",
    "Plugins",
    "Portfolio",
    "Prestatieveld",
    "Project",
    "ProvidedSet",
    "Province",
    "Reference",
    "ReferenceGroup",
    "Region",
    "Report",
    "ResolvedSet",
    "Results",
    "Retirement",
    "RisingTrend",
    "SetError",
    "Severity",
    "SliceTarget",
    "SociaaldomeinError",
    "Source",
    "SourceError",
    "SourceRef",
    "Status",
    "Target",
    "Taxonomy",
    "Theme",
    "Tolerance",
    "TrendClass",
    "TrendThresholds",
    "UnknownNameError",
    "Value",
    "ValueKind",
    "__version__",
    "account_for",
    "accumulate",
    "adopt",
    "aggregate",
    "aggregate_regions",
    "aggregate_table",
    "apportion",
    "build_report",
    "check_files",
    "check_output",
    "classify_trend",
    "compare_records",
    "derive",
    "describe_target",
    "dump_toml",
    "escape_markdown",
    "evaluate",
    "evaluate_all",
    "evaluate_table",
    "fetch_measurements",
    "flesch_douma",
    "format_measurements",
    "group_values",
    "load_measurements",
    "load_measurements_xlsx",
    "load_plan",
    "load_set",
    "load_toml",
    "loads_toml",
    "make_record",
    "neutralise_formula",
    "parse_dutch_date",
    "parse_measurements",
    "protected_inputs",
    "read_measurements",
    "read_measurements_table",
    "read_record",
    "render_html",
    "render_markdown",
    "resolve_revisions",
    "resolve_set",
    "results_frame",
    "roll_up_hours",
    "save_toml",
    "split_over_years",
    "strip_control",
    "summarise_budget",
    "target_for",
    "to_records",
    "validate_plan",
    "validate_set",
    "verify_report",
    "write_atomic",
    "write_files",
    "write_measurements_xlsx",
    "write_report",
    "write_results",
    "write_site",
    "write_xlsx",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'sociaaldomein' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)  # names, not data: _EXPORTS
    globals()[name] = value  # the next lookup does not come here
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
