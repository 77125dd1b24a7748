"""The value of a reference group for one indicator, period and slice: the specification.

A group (:class:`~sociaaldomein.model.reference_group.ReferenceGroup`) is
a reference subject whose value is made from its members' values: the
aggregate (:func:`~sociaaldomein.core.aggregation.aggregate`: counts,
amounts and hours summed, percentages and rates through their numerators
and denominators, grades weighted by respondents) or the median. Only
members that delivered a known value count; how many did is the value's
:class:`Coverage` ("12 van 14 gemeenten"), which every reason that uses
the value shows. The columnar engine (:mod:`sociaaldomein.core.engine.groups`)
computes the same values with group-bys; a property holds the two equal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from sociaaldomein.core.aggregation import Aggregate, aggregate
from sociaaldomein.core.target_checks import target_paths
from sociaaldomein.findings import Finding, Severity
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import DataStatus, Measurement
from sociaaldomein.model.measurement_type import MeasurementType, ValueKind
from sociaaldomein.model.period import Period
from sociaaldomein.model.reference_group import GroupStatistic, ReferenceGroup
from sociaaldomein.model.target import ComparedTo
from sociaaldomein.text.language import _, ngettext
from sociaaldomein.text.numbers import as_decimal

__all__ = [
    "Coverage",
    "GroupValue",
    "check_groups",
    "compare_with_groups",
    "coverage_for",
    "finish",
    "group_record",
    "group_value",
    "group_values",
    "groups_named",
    "median",
    "series_group_values",
    "statistic_defined",
]

Slice = tuple[tuple[str, str], ...]


@attrs.frozen
class Coverage:
    """How many of a group's members delivered a value for one period and slice.

    :param note: why there is no value although members delivered one (the
        aggregate cannot be computed: a numerator lacking, say); empty otherwise.
    """

    delivered: int
    members: int
    statistic: GroupStatistic = GroupStatistic.AGGREGATE
    note: str = ""

    def text(self) -> str:
        """``12 van 14 gemeenten``: the delivering members of all."""
        return ngettext(
            "{delivered} van {members} gemeente",
            "{delivered} van {members} gemeenten",
            self.members,
        ).format(delivered=self.delivered, members=self.members)

    def missing(self) -> str:
        """Why the group has no value: nobody delivered, or it cannot be computed."""
        if self.delivered == 0:
            return ngettext(
                "de {members} gemeente leverde geen waarde",
                "geen van de {members} gemeenten leverde een waarde",
                self.members,
            ).format(members=self.members)
        return _("{note} ({coverage})").format(note=self.note, coverage=self.text())


@attrs.frozen
class GroupValue:
    """A group's value for one indicator, period and slice, with its coverage.

    :param value: ``None`` where no member delivered or the aggregate
        cannot be computed (:attr:`Coverage.note` says why).
    :param status: the weakest data status among the members that delivered.
    :param parts: the members that delivered, in the group's order.
    """

    group: str
    indicator: str
    period: Period
    dimensions: Slice
    value: Decimal | None
    coverage: Coverage
    status: DataStatus = DataStatus.DEFINITIVE
    parts: tuple[str, ...] = ()


def statistic_defined(statistic: GroupStatistic, measurement_type: MeasurementType) -> bool:
    """Whether a group's ``statistic`` of values of ``measurement_type`` is a number.

    Neither an aggregate nor a median of yes/no or text values is a value to
    compare with; every numeric type has both.
    """
    return measurement_type.kind not in (ValueKind.YES_NO, ValueKind.TEXT)


def median(values: Sequence[Decimal]) -> Decimal:
    """The middle of ``values`` (of an even number, the mean of the two middle ones), exactly."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def finish(
    group: ReferenceGroup,
    measurement_type: MeasurementType,
    delivered: Sequence[str],
    whole: Aggregate | None,
    middle: Decimal | None,
) -> tuple[Decimal | None, Coverage]:
    """The value and coverage from what a path computed: one rule for both paths.

    :param delivered: the members with a known value.
    :param whole: their aggregate (for ``aggregate``), ``middle`` their median.
    """
    coverage = Coverage(len(delivered), len(group.members), group.value)
    if not delivered:
        return None, coverage
    if not statistic_defined(group.value, measurement_type):
        note = _("niet te berekenen voor {kind}").format(kind=measurement_type.label)
        return None, attrs.evolve(coverage, note=note)
    if group.value is GroupStatistic.MEDIAN:
        return middle, coverage
    assert whole is not None
    if whole.value is None or isinstance(whole.value, bool | str):
        return None, attrs.evolve(coverage, note=whole.note)
    return as_decimal(whole.value), coverage


def group_value(
    group: ReferenceGroup,
    rows: Iterable[Measurement],
    measurement_type: MeasurementType,
    *,
    indicator: str,
    period: Period,
    dimensions: Slice = (),
) -> GroupValue:
    """The group's value from its members' ``rows`` of one indicator, period and slice.

    ``rows`` are in reading order; of a member's rows the last known one
    counts (as of a reference subject's). Rows of subjects that are not
    members are left out; a member without a known value did not deliver.
    """
    members = set(group.members)
    last: dict[str, Measurement] = {}
    for row in rows:
        if row.subject in members and row.known:
            last[row.subject] = row
    delivered = [member for member in group.members if member in last]
    parts = [last[member] for member in delivered]
    whole = middle = None
    if parts and statistic_defined(group.value, measurement_type):
        if group.value is GroupStatistic.MEDIAN:
            middle = median([as_decimal(_number(m, measurement_type)) for m in parts])
        else:
            whole = aggregate(parts, measurement_type, subject=group.name)
    value, coverage = finish(group, measurement_type, delivered, whole, middle)
    status = min((m.status for m in parts), default=DataStatus.DEFINITIVE)
    return GroupValue(
        group.name, indicator, period, dimensions, value, coverage, status, tuple(delivered)
    )


def _number(measurement: Measurement, measurement_type: MeasurementType) -> int | float | Decimal:
    value = measurement.value_as(measurement_type)
    assert not isinstance(value, bool | str)  # statistic_defined: a numeric type
    return value


def groups_named(
    groups: Iterable[ReferenceGroup], subjects: Iterable[str]
) -> dict[str, ReferenceGroup]:
    """The groups among ``subjects`` (an indicator's reference subjects), by name."""
    by_name = {group.name: group for group in groups}
    return {name: by_name[name] for name in subjects if name in by_name}


def group_values(
    groups: Iterable[ReferenceGroup],
    measurements: Iterable[Measurement],
    types: Mapping[str, MeasurementType],
) -> list[GroupValue]:
    """Every group's value for every indicator, period and slice a member measured.

    :param types: each indicator's measurement type, by indicator id;
        measurements of other indicators are left out.

    Sorted by group (in the given order), indicator, slice and period.
    """
    rows: dict[tuple[str, Slice, Period], list[Measurement]] = {}
    for m in measurements:
        if m.indicator in types:
            rows.setdefault((m.indicator, m.dimensions, m.period), []).append(m)
    found = []
    for group in groups:
        members = set(group.members)
        for (indicator, dimensions, period), parts in sorted(
            rows.items(),
            key=lambda item: (item[0][0], item[0][1], item[0][2].start, item[0][2].end),
        ):
            mine = [m for m in parts if m.subject in members]
            if mine:
                found.append(
                    group_value(
                        group,
                        mine,
                        types[indicator],
                        indicator=indicator,
                        period=period,
                        dimensions=dimensions,
                    )
                )
    return found


def group_record(found: GroupValue, measurement_type: MeasurementType) -> dict[str, Any]:
    """The group's value as a plain record (JSON): value, coverage and the text a person reads.

    ``shown`` is the value as a report writes it (``43,33%``), or why there is none.
    """
    coverage = found.coverage
    shown = measurement_type.display(found.value) if found.value is not None else coverage.missing()
    return {
        "indicator": found.indicator,
        "group": found.group,
        "period": str(found.period),
        "statistic": coverage.statistic.value,
        "value": None if found.value is None else _json_number(found.value),
        "delivered": coverage.delivered,
        "members": coverage.members,
        "coverage": coverage.text(),
        "shown": shown,
        "note": coverage.note,
        "data_status": found.status.value,
    }


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


#: One series of an indicator's measurements, by subject and slice.
SeriesMap = Mapping[tuple[str, Slice], list[Measurement]]
#: Group values by group name, slice and period.
FoundValues = Mapping[tuple[str, Slice, Period], GroupValue]


def series_group_values(
    indicator: str,
    measurement_type: MeasurementType,
    named: Mapping[str, ReferenceGroup],
    parts: Sequence[SeriesMap],
) -> dict[tuple[str, Slice, Period], GroupValue]:
    """The value of each group ``named`` for every period and slice a member measured.

    :param parts: the indicator's series (as ``evaluate_all`` sorts them:
        references first, then the measurements, so that of a member given
        in both the measurements' rows come last).
    """
    found: dict[tuple[str, Slice, Period], GroupValue] = {}
    for name, group in named.items():
        members = set(group.members)
        rows: dict[tuple[Slice, Period], list[Measurement]] = {}
        for which in parts:
            for (subject, dimensions), series in which.items():
                if subject in members:
                    for m in series:
                        rows.setdefault((dimensions, m.period), []).append(m)
        for (dimensions, period), mine in rows.items():
            found[name, dimensions, period] = group_value(
                group,
                mine,
                measurement_type,
                indicator=indicator,
                period=period,
                dimensions=dimensions,
            )
    return found


def coverage_for(
    group: ReferenceGroup, found: FoundValues, dimensions: Slice, period: Period
) -> Coverage:
    """The group's coverage for a period and slice (none of its members, where absent)."""
    value = found.get((group.name, dimensions, period))
    if value is not None:
        return value.coverage
    return Coverage(0, len(group.members), group.value)


def compare_with_groups(
    named: Mapping[str, ReferenceGroup],
    indicator: str,
    rows: Sequence[Measurement],
    measurement_type: MeasurementType,
    period: Period,
    dimensions: Slice,
) -> dict[str, GroupValue]:
    """Each group's value from ``rows`` (references of ``period`` and slice), by name."""
    return {
        name: group_value(
            group,
            rows,
            measurement_type,
            indicator=indicator,
            period=period,
            dimensions=dimensions,
        )
        for name, group in named.items()
    }


def check_groups(
    indicators: Iterable[Indicator],
    types: Mapping[str, MeasurementType],
    groups: Iterable[ReferenceGroup],
    where: str = "",
) -> list[Finding]:
    """An error for each target naming a group its indicator's type has no value for.

    Neither a total nor a median of yes/no or text values is a number to
    compare with; the error is at the target's key path (``bereik.target``).
    """
    by_name = {group.name: group for group in groups}
    findings = []
    for indicator in indicators:
        measurement_type = types.get(indicator.measurement_type)
        if measurement_type is None or not by_name:
            continue  # an unknown type is check_indicators' error
        for path, target in target_paths(indicator):
            group = by_name.get(target.subject) if isinstance(target, ComparedTo) else None
            if group is None or statistic_defined(group.value, measurement_type):
                continue
            findings.append(
                Finding(
                    Severity.ERROR,
                    _(
                        "referentiegroep {name!r} ({statistic}) is niet te berekenen voor"
                        " {kind}: ja/nee- en tekstwaarden tellen niet op en hebben geen mediaan"
                    ).format(
                        name=group.name, statistic=group.value.value, kind=measurement_type.label
                    ),
                    f"{where}{indicator.id}.{path}",
                )
            )
    return findings
