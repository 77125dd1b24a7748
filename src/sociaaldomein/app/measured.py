"""What an accountability run asks of its measurements, and the answers from objects.

:func:`sociaaldomein.account_for` reads the measurements one of two ways:
as :class:`Measurement` objects (:class:`MeasuredObjects`, any source), or,
for a CSV file the columnar reader reads whole, as a polars table
(:class:`~sociaaldomein.app.measured_table.MeasuredTable`), where only the
objects a report shows are ever made. Both answer :class:`Measured`; the
objects' answers are the specification, and a property holds the table's
equal to them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

import attrs

from sociaaldomein.core.evaluation import Evaluation, evaluate_all
from sociaaldomein.core.reporting_period import latest_inside
from sociaaldomein.findings import Finding
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period

if TYPE_CHECKING:
    from sociaaldomein.core.aggregation import Aggregate
    from sociaaldomein.core.groups import GroupValue
    from sociaaldomein.model.consistency import ConsistencyRule
    from sociaaldomein.model.parties import Province
    from sociaaldomein.model.reference_group import ReferenceGroup

__all__ = ["Judged", "Measured", "MeasuredObjects", "Series"]

#: An indicator id, a subject and a slice: one series of measurements.
Series = tuple[str, str, tuple[tuple[str, str], ...]]


@attrs.frozen
class Judged:
    """The evaluations of a run up to the end of its reporting period.

    :param evaluations: every evaluation of every judged subject, in the
        order of ``evaluate_all``.
    :param own: the subject's among them.
    :param in_force: for each of the subject's series (totals and slices)
        with an evaluation inside the period, the one in force.
    :param compared: for each judged subject and indicator with a total
        inside the period, the total in force, as (indicator id, subject);
        the comparison. (A run read columnar makes its objects when first read.)
    :param slices: the subject's slices with an evaluation, as (indicator
        id, slice), sorted.
    """

    evaluations: Sequence[Evaluation]
    own: tuple[Evaluation, ...]
    in_force: Mapping[Series, Evaluation]
    compared: Mapping[tuple[str, str], Evaluation]
    slices: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]


class Measured(Protocol):
    """The measurements of one run, checked against its indicators and types."""

    @property
    def measurements(self) -> Sequence[Measurement]:
        """Every measurement, references included, in the order read."""

    def subjects(self) -> set[str]:
        """Every subject measured, references included."""

    def subject_codes(self) -> dict[str, str]:
        """Each subject code the rows give (``subject_code``: ``GM0106``), to its subject."""

    def periods(self, subject: str) -> set[Period]:
        """The periods measured of ``subject``; of every subject where it has none."""

    def own(self, subject: str) -> tuple[Measurement, ...]:
        """The measurements of ``subject``, in the order read."""

    def judge(
        self,
        subject: str,
        period: Period,
        references: Sequence[str],
        groups: Sequence[ReferenceGroup] = (),
    ) -> Judged:
        """Evaluate every subject but ``references`` (compared with, never judged);
        a target naming one of ``groups`` compares with its value."""

    def group_values(
        self, groups: Sequence[ReferenceGroup], period: Period
    ) -> dict[tuple[str, str], GroupValue]:
        """For each (indicator id, group) an indicator's target names, the group's
        total in force for ``period``, with its coverage."""

    def reference_values(
        self, references: Sequence[str], period: Period
    ) -> dict[tuple[str, str], Measurement]:
        """For each (indicator id, reference), its total in force for ``period``."""

    def findings(
        self, plan_period: Period | None, consistency: Sequence[ConsistencyRule]
    ) -> list[Finding]:
        """:func:`check_measurements` and :func:`check_consistency` of every measurement."""

    def aggregates(self, province: Province) -> list[Aggregate]:
        """Every indicator and period added up per region and over the province."""


class MeasuredObjects:
    """:class:`Measured` over :class:`Measurement` objects: the specification."""

    def __init__(
        self,
        measurements: Sequence[Measurement],
        indicators: Sequence[Indicator],
        types: Mapping[str, MeasurementType],
    ) -> None:
        self.measurements = measurements
        self.indicators = indicators
        self.types = types

    def subjects(self) -> set[str]:
        return {m.subject for m in self.measurements}

    def subject_codes(self) -> dict[str, str]:
        return {m.subject_code: m.subject for m in self.measurements if m.subject_code}

    def periods(self, subject: str) -> set[Period]:
        mine = {m.period for m in self.measurements if m.subject == subject}
        return mine or {m.period for m in self.measurements}

    def own(self, subject: str) -> tuple[Measurement, ...]:
        return tuple(m for m in self.measurements if m.subject == subject)

    def judge(
        self,
        subject: str,
        period: Period,
        references: Sequence[str],
        groups: Sequence[ReferenceGroup] = (),
    ) -> Judged:
        judged = [m for m in self.measurements if m.subject not in references]
        compared = [m for m in self.measurements if m.subject in references]
        every = evaluate_all(
            self.indicators, judged, self.types, references=compared, groups=groups
        )
        upto = tuple(e for e in every if e.period.end <= period.end)
        series: dict[Series, list[Evaluation]] = {}
        for evaluation in upto:
            key = (evaluation.indicator, evaluation.subject, evaluation.dimensions)
            series.setdefault(key, []).append(evaluation)
        by_id = {indicator.id: indicator for indicator in self.indicators}
        in_force = {}
        for key, found in series.items():
            latest = latest_inside(by_id[key[0]], found, period, lambda e: e.period)
            if latest is not None:
                in_force[key] = latest
        return Judged(
            evaluations=upto,
            own=tuple(e for e in upto if e.subject == subject),
            in_force={key: found for key, found in in_force.items() if key[1] == subject},
            compared={
                (key, who): found for (key, who, dims), found in in_force.items() if not dims
            },
            slices=tuple(
                sorted((key, dims) for key, who, dims in series if who == subject and dims)
            ),
        )

    def reference_values(
        self, references: Sequence[str], period: Period
    ) -> dict[tuple[str, str], Measurement]:
        found = {}
        for reference in references:
            own = [m for m in self.measurements if m.subject == reference]
            for indicator in self.indicators:
                series = [m for m in own if m.indicator == indicator.id and not m.dimensions]
                value = latest_inside(indicator, series, period, lambda m: m.period)
                if value is not None:
                    found[indicator.id, reference] = value
        return found

    def group_values(
        self, groups: Sequence[ReferenceGroup], period: Period
    ) -> dict[tuple[str, str], GroupValue]:
        from sociaaldomein.core.groups import group_values, groups_named

        found = {}
        for indicator in self.indicators:
            named = groups_named(groups, indicator.reference_subjects)
            if not named:
                continue
            kind = {indicator.id: self.types[indicator.measurement_type]}
            totals = [
                m for m in self.measurements if m.indicator == indicator.id and not m.dimensions
            ]
            for name, group in named.items():
                series = [v for v in group_values([group], totals, kind)]
                value = latest_inside(indicator, series, period, lambda v: v.period)
                if value is not None:
                    found[indicator.id, name] = value
        return found

    def findings(
        self, plan_period: Period | None, consistency: Sequence[ConsistencyRule]
    ) -> list[Finding]:
        from sociaaldomein.core.validation import check_consistency, check_measurements

        found = check_measurements(
            self.measurements, self.indicators, self.types, period=plan_period
        )
        if consistency:
            found += check_consistency(
                consistency, self.measurements, self.types, {i.id: i for i in self.indicators}
            )
        return found

    def aggregates(self, province: Province) -> list[Aggregate]:
        from sociaaldomein.core.aggregation import aggregate_regions

        return aggregate_regions(
            self.measurements,
            self.types,
            {i.id: i.measurement_type for i in self.indicators},
            province.regions,
            province=province.name,
        )
