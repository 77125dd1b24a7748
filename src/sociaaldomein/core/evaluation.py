"""Evaluation of measurements against targets and tolerances (pure functions).

The status of one indicator for one subject and period is decided in this
order: ``no_data``, ``not_assessed`` (qualitative), ``met``,
``within_tolerance``, ``not_met``. Every result carries a Dutch reason with
the numbers used, and the progress from baseline to target where both exist.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from operator import itemgetter
from types import MappingProxyType

from sociaaldomein.core.groups import (
    Coverage,
    GroupValue,
    compare_with_groups,
    coverage_for,
    groups_named,
    series_group_values,
)
from sociaaldomein.core.reasons import describe_target
from sociaaldomein.core.rules import (
    _cannot_judge,
    _Context,
    _holds,
    _threshold,
    _within,
)
from sociaaldomein.core.verdict import (
    _NO_COVERAGE,
    _NOTHING_COMPARED,
    Evaluation,
    Status,
    _as_number,
    _not_known,
    _reference_only,
    _target,
    no_data,
)
from sociaaldomein.errors import UnknownNameError
from sociaaldomein.model.indicator import Indicator, target_for
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.measurement_type import (
    MeasurementType,
    MeasurementTypeRegistry,
    Value,
)
from sociaaldomein.model.period import Period
from sociaaldomein.model.reference_group import ReferenceGroup
from sociaaldomein.model.target import (
    Change,
    ComparedTo,
    Improvement,
)
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import as_decimal
from sociaaldomein.text.suggest import unknown_name

__all__ = ["Evaluation", "Status", "describe_target", "evaluate", "evaluate_all"]

_NO_GROUPS: Mapping[str, ReferenceGroup] = MappingProxyType({})
_NO_VALUES: Mapping[tuple[str, tuple[tuple[str, str], ...], Period], GroupValue] = MappingProxyType(
    {}
)


def _number(measurement: Measurement | None, measurement_type: MeasurementType) -> Decimal | None:
    if measurement is None or not measurement.known:
        return None
    return _as_number(measurement.value_as(measurement_type))


def _period_key(measurement: Measurement) -> tuple[object, object]:
    return measurement.period.start, measurement.period.end


def evaluate(
    indicator: Indicator,
    measurement: Measurement | None,
    *,
    measurement_type: MeasurementType,
    baseline: Measurement | None = None,
    previous: Measurement | None = None,
    subject: str | None = None,
    period: Period | None = None,
    references: Iterable[Measurement] = (),
    groups: Iterable[ReferenceGroup] = (),
) -> Evaluation:
    """Evaluate one measurement of ``indicator`` against the target in force.

    :param measurement: the measurement for the period, or ``None`` when there
        is none (then ``subject`` and ``period`` say what is missing, and the
        result's ``target`` is the one in force for ``period``).
    :param baseline: the measurement of the indicator's baseline period.
    :param previous: the previous measurement: the latest of the series that
        ends before this one's period starts (never an overlapping period).
    :param references: measurements of reference subjects that a
        :class:`ComparedTo` target names, for the same period and slice.
    :param groups: reference groups; a :class:`ComparedTo` target that names
        one compares with its value, made from its members' measurements
        among ``references`` (see :func:`~sociaaldomein.core.groups.group_value`).
    :raises InvalidValueError: a value is not valid for ``measurement_type``.
    """
    if measurement is None:
        if subject is None or period is None:
            raise TypeError(_("evaluate() vraagt om een meting, of een onderwerp en een periode"))
        return no_data(indicator.id, subject, period, target=target_for(indicator, period))
    if not measurement.known:
        return _not_known(indicator, measurement, measurement_type)
    same = [
        m
        for m in references
        if m.period == measurement.period and m.dimensions == measurement.dimensions
    ]
    compared = {
        m.subject: number for m in same if (number := _number(m, measurement_type)) is not None
    }
    named = groups_named(groups, indicator.reference_subjects)
    of_groups = compare_with_groups(
        named, indicator.id, same, measurement_type, measurement.period, measurement.dimensions
    )
    for name, found in of_groups.items():
        compared.pop(name, None)  # a group's value is its members', never a row of its name
        if found.value is not None:
            compared[name] = found.value
    return _evaluate(
        indicator,
        measurement,
        measurement.value_as(measurement_type),
        measurement_type,
        _number(baseline, measurement_type),
        _number(previous, measurement_type),
        None if previous is None else previous.period,
        compared or _NOTHING_COMPARED,
        {name: found.coverage for name, found in of_groups.items()} or _NO_COVERAGE,
    )


def _evaluate(
    indicator: Indicator,
    measurement: Measurement,
    value: Value,
    measurement_type: MeasurementType,
    baseline: Decimal | None,
    previous: Decimal | None,
    previous_period: Period | None = None,
    compared: Mapping[str, Decimal] = _NOTHING_COMPARED,
    coverage: Mapping[str, Coverage] = _NO_COVERAGE,
) -> Evaluation:
    """Judge one validated value; the reason is written only when asked for."""
    forecast = (
        None if measurement.forecast is None else measurement_type.validate(measurement.forecast)
    )
    if isinstance(value, str):
        return Evaluation(
            indicator.id,
            measurement.subject,
            measurement.period,
            Status.NOT_ASSESSED,
            value=value,
            dimensions=measurement.dimensions,
            data_status=measurement.status,
            status_given=measurement.status_given,
            n=measurement.n,
            why=_("kwalitatief: niet beoordeeld"),
        )
    flag = value if isinstance(value, bool) else None
    number = None if flag is not None else as_decimal(value)
    target = _target(indicator, measurement)
    ctx = _Context(
        indicator,
        measurement_type,
        measurement.period,
        number,
        flag,
        baseline,
        previous,
        previous_period,
        target,
        compared,
        coverage,
    )
    threshold = None
    if target is None:
        status = Status.NOT_ASSESSED
    elif _cannot_judge(ctx, target):
        status = Status.NO_DATA
    else:
        threshold = _threshold(target, ctx)
        if _holds(target, ctx):
            status = Status.MET
        else:
            status = Status.WITHIN_TOLERANCE if _within(ctx, target) else Status.NOT_MET
    if isinstance(target, Change | Improvement):
        reference = ctx.reference(target.against)
    elif isinstance(target, ComparedTo):
        reference = compared.get(target.subject)
    else:
        reference = None
    return Evaluation(
        indicator.id,
        measurement.subject,
        measurement.period,
        status,
        value=value,
        threshold=threshold,
        baseline=baseline,
        reference=reference,
        dimensions=measurement.dimensions,
        data_status=measurement.status,
        status_given=measurement.status_given,
        n=measurement.n,
        forecast=forecast,
        target=target,
        why=(indicator, measurement_type, previous, previous_period, target, compared, coverage),
    )


_Series = dict[tuple[str, tuple[tuple[str, str], ...]], list[Measurement]]


def evaluate_all(
    indicators: Iterable[Indicator],
    measurements: Iterable[Measurement],
    types: Mapping[str, MeasurementType] | None = None,
    *,
    references: Iterable[Measurement] = (),
    groups: Iterable[ReferenceGroup] = (),
) -> list[Evaluation]:
    """Evaluate every measured period of every indicator, subject and slice.

    The baseline period itself is not evaluated: it is what later periods
    are compared with. Each measurement is judged against the target in
    force for its period and slice (:func:`target_for`). Derived indicators
    are computed first (:func:`derive`); an indicator with an
    ``accumulation`` is judged on its year-to-date values
    (:func:`accumulate`). The subjects a :class:`ComparedTo` target names
    are references: their values are compared with, and reported as
    ``not_assessed``. A value that is not known gives ``no_data`` with its
    reason. Results come per indicator in the given order, then by subject,
    slice and period.

    :param references: measurements of reference subjects (the country, the
        region) kept apart from ``measurements``: compared with where a
        target names their subject, never evaluated themselves.
    :param groups: reference groups (:class:`ReferenceGroup`). A target that
        names a group compares with the group's value for the same period
        and slice, made from its members' values among ``measurements`` and
        ``references`` (after deriving and accumulating, as they are judged;
        see :func:`~sociaaldomein.core.groups.group_value`); the reason
        shows how many members delivered one. A member is judged like any
        subject, and its value counts in its group all the same.

    :raises UnknownNameError: a measurement names an indicator that is not
        among ``indicators``, or an indicator names an unknown measurement type.
    :raises InvalidValueError: a value is not valid for its indicator's type.
    """
    from sociaaldomein.core.aggregation import accumulate
    from sociaaldomein.core.derived import derive

    registry = types if types is not None else MeasurementTypeRegistry()
    by_id = {indicator.id: indicator for indicator in indicators}
    series: dict[str, _Series] = {id_: defaultdict(list) for id_ in by_id}
    measurements = list(measurements)
    if any(indicator.formula is not None for indicator in by_id.values()):
        measurements += derive(by_id.values(), measurements, registry)
    for measurement in measurements:
        if measurement.indicator not in series:
            message = _("meting voor onbekende indicator {id}").format(
                id=repr(measurement.indicator)
            )
            raise UnknownNameError(
                unknown_name(
                    message, measurement.indicator, by_id, known_as=_("bekende indicatoren")
                )
            )
        series[measurement.indicator][measurement.subject, measurement.dimensions].append(
            measurement
        )
    apart: dict[str, _Series] = {id_: defaultdict(list) for id_ in by_id}
    references = list(references)
    if references and any(indicator.formula is not None for indicator in by_id.values()):
        references += derive(by_id.values(), references, registry)
    for measurement in references:
        if measurement.indicator in apart:
            apart[measurement.indicator][measurement.subject, measurement.dimensions].append(
                measurement
            )
    results: list[Evaluation] = []
    groups = tuple(groups)
    for id_, indicator in by_id.items():
        measurement_type = registry[indicator.measurement_type]
        mine, compared_with = series[id_], apart[id_]
        if indicator.accumulation is not None:
            mine, compared_with = (
                {
                    # In key order, so that of two bad series the first is named.
                    key: accumulate(parts, indicator.accumulation, measurement_type)
                    for key, parts in sorted(which.items(), key=itemgetter(0))
                }
                for which in (mine, compared_with)
            )
        named = groups_named(groups, indicator.reference_subjects)
        found = series_group_values(indicator.id, measurement_type, named, (compared_with, mine))
        _evaluate_series(indicator, measurement_type, mine, results, compared_with, named, found)
    return results


def _evaluate_series(
    indicator: Indicator,
    measurement_type: MeasurementType,
    groups: Mapping[tuple[str, tuple[tuple[str, str], ...]], list[Measurement]],
    results: list[Evaluation],
    apart: Mapping[tuple[str, tuple[tuple[str, str], ...]], list[Measurement]],
    named: Mapping[str, ReferenceGroup] = _NO_GROUPS,
    group_values: Mapping[tuple[str, tuple[tuple[str, str], ...], Period], GroupValue] = _NO_VALUES,
) -> None:
    baseline_period = indicator.baseline_period
    references = indicator.reference_subjects
    values: dict[tuple[str, tuple[tuple[str, str], ...], Period], Decimal] = {}
    for which in (apart, groups):  # a reference among the measurements wins
        # A group's value is its members', whatever rows are given under its name.
        for key in [key for key in which if key[0] in references and key[0] not in named]:
            for m in which[key]:
                if (number := _number(m, measurement_type)) is not None:
                    values[key[0], m.dimensions, m.period] = number
    for (name, dimensions, period), found in group_values.items():
        if found.value is not None:
            values[name, dimensions, period] = found.value
    for key in sorted(groups):
        ordered = sorted(groups[key], key=_period_key)
        if key[0] in references:
            results.extend(_reference_only(indicator, m, measurement_type) for m in ordered)
            continue
        baseline = next(
            (
                _number(m, measurement_type)
                for m in ordered
                if m.period == baseline_period and m.known
            ),
            None,
        )
        for measurement, before in zip(ordered, _previous(ordered), strict=True):
            if not measurement.known:
                results.append(_not_known(indicator, measurement, measurement_type))
                continue
            value = measurement.value_as(measurement_type)
            if measurement.period != baseline_period:
                compared, coverage = _NOTHING_COMPARED, _NO_COVERAGE
                if references:
                    compared = {
                        subject: values[subject, key[1], measurement.period]
                        for subject in references
                        if (subject, key[1], measurement.period) in values
                    }
                if named:
                    coverage = {
                        name: coverage_for(group, group_values, key[1], measurement.period)
                        for name, group in named.items()
                    }
                results.append(
                    _evaluate(
                        indicator,
                        measurement,
                        value,
                        measurement_type,
                        baseline,
                        _number(before, measurement_type),
                        None if before is None else before.period,
                        compared,
                        coverage,
                    )
                )


def _previous(ordered: Sequence[Measurement]) -> list[Measurement | None]:
    """For each measurement of a series, its previous measurement (or None).

    The previous measurement of a period is the latest known one of the same
    series that ends before the period starts: a period that overlaps it (its
    own first half, the whole year it is part of) is never "previous". Of
    two ending on the same day the longer counts (2023 over 2023-H2), of a
    period measured twice the one read last.

    :param ordered: the series, sorted by the start of its periods.
    """
    # By end, then length: those that end before a date are a prefix, and the
    # last of the prefix is the latest (a stable sort keeps reading order).
    earlier = sorted((m for m in ordered if m.known), key=lambda m: (m.period.end, m.period.days))
    found: list[Measurement | None] = []
    best: Measurement | None = None
    next_one = 0
    for measurement in ordered:
        while next_one < len(earlier) and earlier[next_one].period.end < measurement.period.start:
            best = earlier[next_one]
            next_one += 1
        found.append(best)
    return found
