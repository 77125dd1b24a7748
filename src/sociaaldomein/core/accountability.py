"""The result of an accountability run: one subject, one reporting period, every indicator.

:func:`sociaaldomein.account_for` builds it; the report, ``evaluate`` and a
dashboard read it. It holds results, not files: everything here was already
evaluated, so reading it never judges again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from sociaaldomein.core.aggregation import Aggregate
from sociaaldomein.core.budgets import BudgetSummary
from sociaaldomein.core.evaluation import Evaluation, Status
from sociaaldomein.core.exact import exact_value
from sociaaldomein.core.groups import GroupValue, group_record
from sociaaldomein.core.records import to_records
from sociaaldomein.findings import Finding
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period
from sociaaldomein.model.project import Phase
from sociaaldomein.model.reference_group import ReferenceGroup
from sociaaldomein.model.trend_thresholds import TrendThresholds

if TYPE_CHECKING:
    import polars as pl

__all__ = ["STATUS_ORDER", "Accountability"]

#: The order in which summaries count statuses.
STATUS_ORDER = (
    Status.MET,
    Status.WITHIN_TOLERANCE,
    Status.NOT_MET,
    Status.NO_DATA,
    Status.NOT_ASSESSED,
)


@attrs.frozen
class Accountability:
    """What is accounted for, for whom, over which period, and how it came out.

    :param title: the set's or plan's name.
    :param subject: who is accounted for (a municipality, a district).
    :param period: the reporting period; every result is for this period.
    :param indicators: the indicators accounted for, in order.
    :param results: one evaluation per indicator for ``subject`` and
        ``period`` (totals, not slices), ``no_data`` where there is no value.
    :param evaluations: every evaluation of every judged subject, any period
        up to the end of ``period``: the history behind the results.
    :param measurements: every measurement read, references included, in
        the order read. (A run read columnar makes the objects of these two
        only when they are first read.)
    :param subject_measurements: those of ``subject``, totals and slices, any
        period; ``None``: taken from ``measurements`` when asked for.
    :param reference_measurements: those of the ``references``, totals and
        slices, any period; ``None``: taken from ``measurements`` when asked for.
    :param subject_evaluations: the evaluations of ``subject`` among
        ``evaluations``; ``None``: taken from them when asked for.
    :param slices: evaluations of the slices the indicators ask to show.
    :param subjects: the judged subjects, ``subject`` first; more than one
        gives a comparison.
    :param references: reference subjects (the Netherlands, the region):
        shown beside the value, never judged.
    :param reference_values: for each (indicator, reference subject), its
        measurement in force for ``period``.
    :param reference_groups: the set's or plan's groups of municipalities
        (:class:`ReferenceGroup`); ``group_values`` for each (indicator,
        group) a target names, the group's total in force for ``period``
        with its coverage: shown beside the value, never judged.
    :param groups: sections besides the prestatievelden (assignments, themes)
        as (heading, indicator ids).
    :param by_prestatieveld: whether the report has a section per prestatieveld.
    :param aggregates: region and province aggregates; ``region_of`` maps a
        subject to its region.
    :param set_id: the id of the set accounted for (empty for a plan).
    :param set_version: that set's version (empty for a plan).
    """

    title: str
    subject: str
    period: Period
    indicators: tuple[Indicator, ...]
    types: Mapping[str, MeasurementType]
    results: tuple[Evaluation, ...]
    evaluations: Sequence[Evaluation] = ()
    measurements: Sequence[Measurement] = ()
    subject_measurements: tuple[Measurement, ...] | None = None
    subject_evaluations: tuple[Evaluation, ...] | None = None
    slices: tuple[Evaluation, ...] = ()
    subjects: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    reference_values: Mapping[tuple[str, str], Measurement] = attrs.field(factory=dict)
    comparison: Mapping[tuple[str, str], Evaluation] = attrs.field(factory=dict)
    reference_groups: tuple[ReferenceGroup, ...] = ()
    group_values: Mapping[tuple[str, str], GroupValue] = attrs.field(factory=dict)
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    by_prestatieveld: bool = True
    aggregates: tuple[Aggregate, ...] = ()
    region_of: Mapping[str, str] = attrs.field(factory=dict)
    budget: BudgetSummary | None = None
    phases: tuple[Phase, ...] = ()
    findings: tuple[Finding, ...] = ()
    trend_thresholds: TrendThresholds | None = None
    set_id: str = ""
    set_version: str = ""
    reference_measurements: tuple[Measurement, ...] | None = None

    @property
    def summary(self) -> dict[Status, int]:
        """How many indicators have each status, in :data:`STATUS_ORDER`."""
        counted = Counter(result.status for result in self.results)
        return {status: counted.get(status, 0) for status in STATUS_ORDER}

    def result(self, indicator: str) -> Evaluation:
        """The result of ``indicator`` for the subject and period.

        :raises KeyError: no such indicator is accounted for.
        """
        for result in self.results:
            if result.indicator == indicator:
                return result
        raise KeyError(indicator)

    def history(self, indicator: str, subject: str | None = None) -> tuple[Measurement, ...]:
        """The measurements of ``indicator`` (totals) up to the end of the period, oldest first."""
        who = self.subject if subject is None else subject
        own = self.subject_measurements if who == self.subject else None
        if who in self.references and who != self.subject:
            own = self.reference_measurements
        return _totals(self.measurements if own is None else own, indicator, who, self.period)

    def judged(self, indicator: str, subject: str | None = None) -> tuple[Evaluation, ...]:
        """The evaluations of ``indicator`` (totals) up to the end of the period, oldest first:
        the target in force in each period."""
        who = self.subject if subject is None else subject
        own = self.subject_evaluations if who == self.subject else None
        return _totals(self.evaluations if own is None else own, indicator, who, self.period)

    def reference_figures(self, indicator: str) -> dict[str, Decimal | bool | str | None]:
        """The reference subjects' values of ``indicator`` for the period, by subject, in order.

        Each is the subject's measurement in force for the period (see
        :attr:`reference_values`): a number as a ``Decimal``, yes/no, text,
        or ``None`` where the subject has no known value. This is the figure
        shown beside the result (the national figure), never judged; not
        :attr:`Evaluation.reference`, which is what a change was measured against.
        """
        figures: dict[str, Decimal | bool | str | None] = {}
        for name in self.references:
            measurement = self.reference_values.get((indicator, name))
            known = measurement is not None and measurement.known
            figures[name] = exact_value(measurement.value) if known else None  # type: ignore[union-attr]
        return figures

    def records(self, evaluations: Iterable[Evaluation] | None = None) -> list[dict[str, Any]]:
        """The results as plain records (see :func:`sociaaldomein.to_records`), each with
        the reference subjects' values for its indicator (``references``).

        :param evaluations: other results of this run's period to write (slices,
            compared subjects); by default :attr:`results`.
        """
        chosen = self.results if evaluations is None else tuple(evaluations)
        figures = {e.indicator: self.reference_figures(e.indicator) for e in chosen}
        return to_records(chosen, references=self.references, figures=figures)

    def frame(self, evaluations: Iterable[Evaluation] | None = None) -> pl.DataFrame:
        """The results as a polars ``DataFrame`` with their types kept (a milestone's
        yes/no as Boolean, text as text, numbers as exact decimals), with the
        reference subjects' values: see :func:`sociaaldomein.results_frame`.

        :param evaluations: as for :meth:`records`.
        """
        from sociaaldomein.core.engine.frames import results_frame

        chosen = self.results if evaluations is None else tuple(evaluations)
        figures = {e.indicator: self.reference_figures(e.indicator) for e in chosen}
        return results_frame(chosen, references=self.references, figures=figures)

    def envelope(self) -> dict[str, Any]:
        """The results as the JSON document ``evaluate --format json`` writes (schema 2),
        with the run's findings."""
        return {
            "schema": 2,
            "title": self.title,
            "period": str(self.period),
            "subject": self.subject,
            "references": list(self.references),
            "reference_groups": [
                group_record(self.group_values[key], self.types[indicator.measurement_type])
                for indicator in self.indicators
                for group in self.reference_groups
                if (key := (indicator.id, group.name)) in self.group_values
            ],
            "summary": {status.value: count for status, count in self.summary.items()},
            "results": self.records(),
            "findings": [
                {
                    "severity": f.severity.value,
                    "file": f.file,
                    "where": f.where,
                    "rule": f.rule,
                    "message": f.message,
                }
                for f in self.findings
            ],
        }


_Item = TypeVar("_Item", Measurement, Evaluation)


def _totals(items: Iterable[_Item], indicator: str, who: str, upto: Period) -> tuple[_Item, ...]:
    """``who``'s totals (no slice) of ``indicator`` ending by the end of ``upto``, oldest first."""
    return tuple(
        sorted(
            (
                item
                for item in items
                if item.indicator == indicator
                and item.subject == who
                and not item.dimensions
                and item.period.end <= upto.end
            ),
            key=lambda item: item.period,
        )
    )
