"""What a trend chart shows, as plain data and in one sentence: made from an accountability
run, drawn by :mod:`.charts` (which needs matplotlib; this module does not).

:func:`series_for` is the one place a chart gets its data: the subject's
known values with their periods, the reporting period, the target in force
per period (where there was one), the reference subjects' values and the
reference groups' value for the reporting period.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs

from sociaaldomein.core.accountability import Accountability
from sociaaldomein.core.evaluation import Evaluation
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import DataStatus, Measurement
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period
from sociaaldomein.model.target import AtLeast, AtMost, Between
from sociaaldomein.render.values import show_value
from sociaaldomein.text.language import _, ngettext

__all__ = [
    "Point",
    "ReferenceLine",
    "Series",
    "TargetInForce",
    "describe",
    "series_for",
    "target_lines",
]


@attrs.frozen
class Point:
    """One value in a chart: its period, the value, and whether it is provisional."""

    period: Period
    value: float
    provisional: bool = False


@attrs.frozen
class ReferenceLine:
    """A reference subject's values (``Nederland``, a region), drawn as a line of its own."""

    name: str
    points: tuple[Point, ...]


@attrs.frozen
class TargetInForce:
    """The target in force for one period: one value (a line) or two (low and high)."""

    period: Period
    lines: tuple[float, ...]


@attrs.frozen
class Series:
    """What one chart shows.

    :param key: unique in the page: the prefix of the chart's ids.
    :param name: the indicator's name, the chart's title.
    :param points: the subject's values, oldest first.
    :param subject: who the values are of; the legend's name for them.
    :param reporting_period: the period accounted for, drawn as a band.
    :param targets: the target in force per period; periods without one
        have no target line.
    :param target_text: the target in words, for the description.
    :param baseline: the baseline value, drawn as a dotted line.
    :param references: reference subjects, each drawn as a line.
    :param unit: the indicator's own unit (``per 1.000 inwoners van 18 jaar
        en ouder``); the axis title, instead of the measurement type's.
    """

    key: str
    name: str
    points: tuple[Point, ...]
    measurement_type: MeasurementType
    subject: str = ""
    reporting_period: Period | None = None
    targets: tuple[TargetInForce, ...] = ()
    target_text: str = ""
    baseline: float | None = None
    references: tuple[ReferenceLine, ...] = ()
    unit: str = ""


def target_lines(evaluation: Evaluation | None) -> tuple[float, ...]:
    """The value (or range) the target in force asked for, for a chart's target line."""
    if evaluation is None:
        return ()
    goal = evaluation.target
    if isinstance(goal, Between):
        return (float(goal.low), float(goal.high))
    if isinstance(goal, AtLeast | AtMost):
        return (float(goal.value),)
    return () if evaluation.threshold is None else (float(evaluation.threshold),)


def series_for(
    run: Accountability,
    indicator: Indicator,
    *,
    target_text: str = "",
    baseline: float | None = None,
) -> Series:
    """What the chart of ``indicator`` shows: the subject's values, the reporting period
    as a band, the target per period where one was in force, and the reference subjects.

    :param target_text: the target in force in words, for the chart's description.
    :param baseline: the baseline value the result was measured against.
    """
    kind = run.types[indicator.measurement_type]

    def points(measurements: Iterable[Measurement]) -> tuple[Point, ...]:
        return tuple(
            Point(m.period, float(m.value_as(kind)), m.status is not DataStatus.DEFINITIVE)
            for m in measurements
            if m.known
        )

    # The target each judged period was held to: a schedule gives steps, a period with no
    # target in force (no reference value, before a schedule starts) gives none.
    targets = tuple(
        TargetInForce(evaluation.period, lines)
        for evaluation in run.judged(indicator.id)
        if (lines := target_lines(evaluation))
    )
    references = tuple(
        ReferenceLine(who, found)
        for who in run.references
        if (found := points(run.history(indicator.id, who)))
    )
    # A group of municipalities has its value for the reporting period only: one point.
    references += tuple(
        ReferenceLine(
            group.name,
            (Point(value.period, float(value.value), value.status is not DataStatus.DEFINITIVE),),
        )
        for group in run.reference_groups
        if (value := run.group_values.get((indicator.id, group.name))) is not None
        and value.value is not None
    )
    return Series(
        key=indicator.id,
        name=indicator.name,
        points=points(run.history(indicator.id)),
        measurement_type=kind,
        subject=run.subject,
        reporting_period=run.period,
        targets=targets,
        target_text=target_text,
        baseline=baseline,
        references=references,
        unit=indicator.unit,
    )


def _show(value: float, kind: MeasurementType) -> str:
    return show_value(Decimal(repr(value)), kind)


def describe(series: Series) -> str:
    """One sentence summing up the series, for the chart's ``<desc>``."""
    kind = series.measurement_type
    first, last = series.points[0], series.points[-1]
    count = len(series.points)
    sentence = ngettext(
        "{name}: van {first} in {first_period} naar {last} in {last_period} ({count} meting)",
        "{name}: van {first} in {first_period} naar {last} in {last_period} ({count} metingen)",
        count,
    ).format(
        name=series.name,
        first=_show(first.value, kind),
        first_period=first.period.dutch(),
        last=_show(last.value, kind),
        last_period=last.period.dutch(),
        count=count,
    )
    if series.target_text:
        sentence += _("; doel: {target}").format(target=series.target_text)
    if series.baseline is not None:
        sentence += _("; nulmeting {value}").format(value=_show(series.baseline, kind))
    for reference in series.references:
        if reference.points:
            latest = reference.points[-1]
            sentence += _("; {reference}: {value} in {period}").format(
                reference=reference.name,
                value=_show(latest.value, kind),
                period=latest.period.dutch(),
            )
    provisional = [p.period.dutch() for p in series.points if p.provisional]
    if provisional:
        sentence += _("; voorlopig: {periods}").format(periods=", ".join(provisional))
    return sentence + "."
