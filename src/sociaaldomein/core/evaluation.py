"""Evaluation of measurements against targets and tolerances (pure functions).

The status of one indicator for one subject and period is decided in this
order: ``no_data``, ``not_assessed`` (qualitative), ``met``,
``within_tolerance``, ``not_met``. Every result carries a Dutch reason with
the numbers used, and the progress from baseline to target where both exist.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from sociaaldomein.core.reasons import _reason, describe_target
from sociaaldomein.core.rules import (
    _Context,
    _holds,
    _missing_reference,
    _progress,
    _threshold,
    _within,
)
from sociaaldomein.errors import UnknownNameError
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import DataStatus, Measurement
from sociaaldomein.model.measurement_type import (
    MeasurementType,
    MeasurementTypeRegistry,
    Value,
)
from sociaaldomein.model.period import Period
from sociaaldomein.model.target import (
    Change,
    Improvement,
)
from sociaaldomein.text.numbers import as_decimal

__all__ = ["Evaluation", "Status", "describe_target", "evaluate", "evaluate_all"]


class Status(enum.StrEnum):
    """The outcome of evaluating one measurement."""

    NO_DATA = "no_data"
    NOT_ASSESSED = "not_assessed"
    MET = "met"
    WITHIN_TOLERANCE = "within_tolerance"
    NOT_MET = "not_met"

    @property
    def dutch(self) -> str:
        """The status as a Dutch report shows it."""
        return _DUTCH_STATUS[self]

    @property
    def rank(self) -> int | None:
        """How good the outcome is (``not_met`` 0 to ``met`` 2); ``None`` where not judged."""
        return _RANK.get(self)


_DUTCH_STATUS = {
    Status.NO_DATA: "geen gegevens",
    Status.NOT_ASSESSED: "niet beoordeeld",
    Status.MET: "gehaald",
    Status.WITHIN_TOLERANCE: "binnen tolerantie",
    Status.NOT_MET: "niet gehaald",
}
_RANK = {Status.NOT_MET: 0, Status.WITHIN_TOLERANCE: 1, Status.MET: 2}


@attrs.frozen
class Evaluation:
    """The status of one indicator for one subject, period and slice, with its reason.

    :param threshold: the value the target asked for (for a change target:
        the reference value plus the change); ``None`` for a range or a
        milestone.
    :param reference: the value a change or trend was measured against.
    :param data_status: and ``n``: the measurement's data status and number
        of respondents, so that a result can be shown without its measurement.

    ``reason`` and ``progress`` (the share of the distance from baseline to
    threshold covered) are computed when read.
    """

    indicator: str
    subject: str
    period: Period
    status: Status
    value: Value | None = None
    threshold: Decimal | None = None
    baseline: Decimal | None = None
    reference: Decimal | None = None
    dimensions: tuple[tuple[str, str], ...] = ()
    data_status: DataStatus | None = None
    n: int | None = None
    # Either the reason itself, or the indicator, measurement type and previous
    # value it is written from: writing Dutch numbers costs more than judging,
    # most results are never read, and a million of them must fit in memory.
    _why: str | tuple[Indicator, MeasurementType, Decimal | None] = attrs.field(
        default="", eq=False, repr=False, alias="why"
    )

    def _context(self) -> _Context | None:
        if isinstance(self._why, str):
            return None
        indicator, measurement_type, previous = self._why
        flag = self.value if isinstance(self.value, bool) else None
        number = None if flag is not None else _as_number(self.value)  # type: ignore[arg-type]
        return _Context(
            indicator, measurement_type, self.period, number, flag, self.baseline, previous
        )

    @property
    def reason(self) -> str:
        """Why: the status in Dutch words, with the numbers used."""
        context = self._context()
        return _reason(context) if context is not None else str(self._why)

    @property
    def progress(self) -> Decimal | None:
        """Share of the distance from baseline to threshold covered, where both exist."""
        context = self._context()
        return None if context is None else _progress(context, self.threshold)


def _as_number(value: Value) -> Decimal | None:
    return None if isinstance(value, bool | str) else as_decimal(value)


def _number(measurement: Measurement | None, measurement_type: MeasurementType) -> Decimal | None:
    return None if measurement is None else _as_number(measurement.value_as(measurement_type))


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
) -> Evaluation:
    """Evaluate one measurement of ``indicator`` against its target and tolerance.

    :param measurement: the measurement for the period, or ``None`` when there
        is none (then ``subject`` and ``period`` say what is missing).
    :param baseline: the measurement of the indicator's baseline period.
    :param previous: the latest measurement before this one.
    :raises InvalidValueError: a value is not valid for ``measurement_type``.
    """
    if measurement is None:
        if subject is None or period is None:
            raise TypeError("evaluate() needs a measurement, or subject and period")
        return no_data(indicator.id, subject, period)
    return _evaluate(
        indicator,
        measurement,
        measurement.value_as(measurement_type),
        measurement_type,
        _number(baseline, measurement_type),
        _number(previous, measurement_type),
    )


def no_data(indicator: str, subject: str, period: Period) -> Evaluation:
    """The ``no_data`` result of an indicator without a measurement for ``period``."""
    return Evaluation(
        indicator, subject, period, Status.NO_DATA, why=f"geen meting voor {period.dutch()}"
    )


def _evaluate(
    indicator: Indicator,
    measurement: Measurement,
    value: Value,
    measurement_type: MeasurementType,
    baseline: Decimal | None,
    previous: Decimal | None,
) -> Evaluation:
    """Judge one validated value; the reason is written only when asked for."""
    if isinstance(value, str):
        return Evaluation(
            indicator.id,
            measurement.subject,
            measurement.period,
            Status.NOT_ASSESSED,
            value=value,
            dimensions=measurement.dimensions,
            data_status=measurement.status,
            n=measurement.n,
            why="kwalitatief: niet beoordeeld",
        )
    flag = value if isinstance(value, bool) else None
    number = None if flag is not None else as_decimal(value)
    ctx = _Context(
        indicator, measurement_type, measurement.period, number, flag, baseline, previous
    )
    target = indicator.target
    threshold = None
    if target is None:
        status = Status.NOT_ASSESSED
    elif _missing_reference(ctx, target) is not None:
        status = Status.NO_DATA
    else:
        threshold = _threshold(target, ctx)
        if _holds(target, ctx):
            status = Status.MET
        else:
            status = Status.WITHIN_TOLERANCE if _within(ctx, target) else Status.NOT_MET
    return Evaluation(
        indicator.id,
        measurement.subject,
        measurement.period,
        status,
        value=value,
        threshold=threshold,
        baseline=baseline,
        reference=(
            ctx.reference(target.against) if isinstance(target, Change | Improvement) else None
        ),
        dimensions=measurement.dimensions,
        data_status=measurement.status,
        n=measurement.n,
        why=(indicator, measurement_type, previous),
    )


def evaluate_all(
    indicators: Iterable[Indicator],
    measurements: Iterable[Measurement],
    types: Mapping[str, MeasurementType] | None = None,
) -> list[Evaluation]:
    """Evaluate every measured period of every indicator, subject and slice.

    The baseline period itself is not evaluated: it is what later periods
    are compared with. Results come per indicator in the given order, then
    by subject, slice and period.

    :raises UnknownNameError: a measurement names an indicator that is not
        among ``indicators``, or an indicator names an unknown measurement type.
    :raises InvalidValueError: a value is not valid for its indicator's type.
    """
    registry = types if types is not None else MeasurementTypeRegistry()
    by_id = {indicator.id: indicator for indicator in indicators}
    series: dict[str, dict[tuple[str, tuple[tuple[str, str], ...]], list[Measurement]]] = {
        id_: defaultdict(list) for id_ in by_id
    }
    for measurement in measurements:
        if measurement.indicator not in series:
            raise UnknownNameError(
                f"measurement for unknown indicator {measurement.indicator!r}; known"
                f" indicators: {', '.join(by_id) or '(none)'}"
            )
        series[measurement.indicator][measurement.subject, measurement.dimensions].append(
            measurement
        )
    results = []
    for id_, indicator in by_id.items():
        measurement_type = registry[indicator.measurement_type]
        baseline_period = indicator.baseline_period
        for key in sorted(series[id_]):
            ordered = sorted(series[id_][key], key=_period_key)
            values = [m.value_as(measurement_type) for m in ordered]
            numbers = [_as_number(value) for value in values]
            baseline = next(
                (
                    number
                    for m, number in zip(ordered, numbers, strict=True)
                    if m.period == baseline_period
                ),
                None,
            )
            previous = None
            for measurement, value, number in zip(ordered, values, numbers, strict=True):
                if measurement.period != baseline_period:
                    results.append(
                        _evaluate(
                            indicator, measurement, value, measurement_type, baseline, previous
                        )
                    )
                previous = number
    return results
