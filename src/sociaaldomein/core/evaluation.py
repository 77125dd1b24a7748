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

from sociaaldomein.errors import UnknownNameError
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.measurement_type import (
    MeasurementType,
    MeasurementTypeRegistry,
    Value,
)
from sociaaldomein.model.period import Period
from sociaaldomein.model.target import (
    PER_PERIOD_MONTHS,
    AtLeast,
    AtMost,
    Between,
    Change,
    CountPerPeriod,
    Direction,
    Fallback,
    Improvement,
    Margin,
    MilestoneBy,
    Reference,
    RisingTrend,
    Target,
)
from sociaaldomein.text.numbers import as_decimal, format_number

__all__ = ["Evaluation", "Status", "describe_target", "evaluate", "evaluate_all"]

_DISPLAY = Decimal("0.01")


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


def _show(number: Decimal, measurement_type: MeasurementType) -> str:
    rounded = number.quantize(_DISPLAY) if number != number.to_integral_value() else number
    return f"{measurement_type.prefix}{format_number(rounded)}{measurement_type.suffix}"


def _signed(number: Decimal) -> str:
    return ("+" if number >= 0 else "") + format_number(number)


def _reference_name(reference: Reference, indicator: Indicator) -> str:
    if reference is Reference.BASELINE:
        when = f" {indicator.baseline_period}" if indicator.baseline_period else ""
        return f"nulmeting{when}"
    return "vorige meting"


def describe_target(target: Target, indicator: Indicator, measurement_type: MeasurementType) -> str:
    """The target in Dutch words: ``minimaal 15%``, ``+10% t.o.v. nulmeting 2005``."""
    if isinstance(target, AtLeast):
        return f"minimaal {_show(target.value, measurement_type)}"
    if isinstance(target, AtMost):
        return f"maximaal {_show(target.value, measurement_type)}"
    if isinstance(target, Between):
        return (
            f"tussen {_show(target.low, measurement_type)}"
            f" en {_show(target.high, measurement_type)}"
        )
    if isinstance(target, Change):
        unit = (
            "%"
            if target.relative
            else (" procentpunt" if measurement_type.name == "percentage" else "")
        )
        return f"{_signed(target.amount)}{unit} t.o.v. {_reference_name(target.against, indicator)}"
    if isinstance(target, Improvement):
        way = "daling" if indicator.direction is Direction.LOWER_IS_BETTER else "stijging"
        return f"{way} t.o.v. {_reference_name(target.against, indicator)}"
    if isinstance(target, MilestoneBy):
        return f"bereikt uiterlijk {Period.day(target.due).dutch()}"
    per = {"year": "jaar", "half_year": "halfjaar", "quarter": "kwartaal", "month": "maand"}
    return f"minimaal {format_number(target.count)} per {per[target.per]}"


@attrs.frozen
class _Context:
    """Everything one evaluation needs, resolved once."""

    indicator: Indicator
    measurement_type: MeasurementType
    period: Period
    value: Decimal | None
    flag: bool | None
    baseline: Decimal | None
    previous: Decimal | None

    def reference(self, which: Reference) -> Decimal | None:
        return self.baseline if which is Reference.BASELINE else self.previous


def _threshold(target: Target, ctx: _Context) -> Decimal | None:
    """The value a one-sided target asks for, or None where there is none (yet)."""
    if isinstance(target, AtLeast | AtMost):
        return target.value
    if isinstance(target, Change):
        reference = ctx.reference(target.against)
        return None if reference is None else target.threshold(reference)
    if isinstance(target, Improvement):
        return ctx.reference(target.against)
    if isinstance(target, CountPerPeriod):
        return (
            target.count
            * as_decimal(int(ctx.period.months.numerator))
            / (as_decimal(int(ctx.period.months.denominator)) * PER_PERIOD_MONTHS[target.per])
        )
    return None


def _holds(target: Target, ctx: _Context) -> bool:
    if isinstance(target, MilestoneBy):
        return bool(ctx.flag) and ctx.period.end <= target.due
    assert ctx.value is not None
    if isinstance(target, Between):
        return target.low <= ctx.value <= target.high
    threshold = _threshold(target, ctx)
    if threshold is None:
        return False
    if isinstance(target, AtMost):
        return ctx.value <= threshold
    direction = ctx.indicator.good_direction
    if isinstance(target, Change):
        assert direction is not None
        return direction.sign * (ctx.value - threshold) >= 0
    if isinstance(target, Improvement):
        assert direction is not None
        return direction.sign * (ctx.value - threshold) > 0
    return ctx.value >= threshold


def _within_margin(margin: Margin, target: Target, ctx: _Context) -> bool:
    assert ctx.value is not None
    if isinstance(target, MilestoneBy):
        return False
    if isinstance(target, Between):
        low = target.low - (target.low * margin.amount / 100 if margin.relative else margin.amount)
        high = target.high + (
            target.high * margin.amount / 100 if margin.relative else margin.amount
        )
        return low <= ctx.value <= high
    threshold = _threshold(target, ctx)
    direction = ctx.indicator.good_direction
    if threshold is None or direction is None:
        return False
    allowed = abs(threshold) * margin.amount / 100 if margin.relative else margin.amount
    return direction.sign * (threshold - ctx.value) <= allowed


def _within(ctx: _Context, target: Target) -> bool:
    """Whether a missed target is still within the indicator's tolerance."""
    tolerance = ctx.indicator.tolerance
    if isinstance(tolerance, Margin):
        return _within_margin(tolerance, target, ctx)
    if isinstance(tolerance, RisingTrend):
        reference = ctx.reference(tolerance.against)
        direction = ctx.indicator.good_direction
        if reference is None or ctx.value is None or direction is None:
            return False
        return direction.sign * (ctx.value - reference) > 0
    if isinstance(tolerance, Fallback):
        return _holds(tolerance.target, ctx)
    return False


def _tolerance_text(ctx: _Context, target: Target) -> str:
    """The tolerance's part of the reason; the verdict itself is :func:`_within`'s."""
    tolerance = ctx.indicator.tolerance
    ok = _within(ctx, target)
    if isinstance(tolerance, Margin):
        amount = (
            f"{format_number(tolerance.amount)}%"
            if tolerance.relative
            else _show(tolerance.amount, ctx.measurement_type)
        )
        return f"marge {amount}, {'binnen' if ok else 'buiten'} tolerantie"
    if isinstance(tolerance, RisingTrend):
        reference = ctx.reference(tolerance.against)
        name = _reference_name(tolerance.against, ctx.indicator)
        if reference is None or ctx.value is None:
            return f"stijgende lijn niet te bepalen: {name} ontbreekt"
        shown = _show(reference, ctx.measurement_type)
        if ok:
            return f"stijgende lijn t.o.v. {name} ({shown}), binnen tolerantie"
        return f"geen stijgende lijn t.o.v. {name} ({shown})"
    if isinstance(tolerance, Fallback):
        described = describe_target(tolerance.target, ctx.indicator, ctx.measurement_type)
        return f"ondergrens {described} {'wel' if ok else 'ook niet'} gehaald"
    return ""


def _progress(ctx: _Context, threshold: Decimal | None) -> Decimal | None:
    if ctx.value is None or ctx.baseline is None or threshold is None:
        return None
    distance = threshold - ctx.baseline
    if distance == 0:
        return None
    return (ctx.value - ctx.baseline) / distance


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
        return Evaluation(
            indicator.id,
            subject,
            period,
            Status.NO_DATA,
            why=f"geen meting voor {period.dutch()}",
        )
    return _evaluate(
        indicator,
        measurement,
        measurement.value_as(measurement_type),
        measurement_type,
        _number(baseline, measurement_type),
        _number(previous, measurement_type),
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
        why=(indicator, measurement_type, previous),
    )


def _reason(ctx: _Context) -> str:
    """The Dutch reason for the evaluation ``ctx`` describes."""
    measurement_type = ctx.measurement_type
    shown = (
        ("ja" if ctx.flag else "nee") if ctx.value is None else _show(ctx.value, measurement_type)
    )
    target = ctx.indicator.target
    if target is None:
        return f"{shown}; geen doel vastgesteld"
    missing = _missing_reference(ctx, target)
    if missing is not None:
        described = describe_target(target, ctx.indicator, measurement_type)
        return f"{shown}; {missing} ontbreekt (doel: {described})"
    return _explain(ctx, target, shown)


def _missing_reference(ctx: _Context, target: Target) -> str | None:
    """Name the measurement a change target needs but lacks.

    Only the target's own reference makes the status unknowable; a missing
    reference for the tolerance just means the tolerance cannot help.
    """
    if isinstance(target, Change | Improvement) and ctx.reference(target.against) is None:
        return _reference_name(target.against, ctx.indicator)
    return None


def _explain(ctx: _Context, target: Target, shown: str) -> str:
    """The reason for a judged target: the facts, the target, and the verdict's words.

    The verdict comes from the same :func:`_holds` and :func:`_within` that set the status.
    """
    facts = shown
    described = describe_target(target, ctx.indicator, ctx.measurement_type)
    threshold = _threshold(target, ctx)
    if isinstance(target, Change):
        reference = ctx.reference(target.against)
        assert reference is not None
        assert ctx.value is not None
        assert threshold is not None
        change = ctx.value - reference
        if not target.relative:
            moved = _signed(change)
        elif reference:
            moved = f"{_signed((change * 100 / reference).quantize(Decimal('0.1')))}%"
        else:
            moved = "n.v.t."
        name = _reference_name(target.against, ctx.indicator)
        facts = f"{shown}: {moved} t.o.v. {name} ({_show(reference, ctx.measurement_type)})"
        described += f", dus {_show(threshold, ctx.measurement_type)}"
    elif isinstance(target, Improvement):
        assert threshold is not None
        name = _reference_name(target.against, ctx.indicator)
        facts = f"{shown} t.o.v. {name} ({_show(threshold, ctx.measurement_type)})"
    elif isinstance(target, CountPerPeriod) and threshold is not None and threshold != target.count:
        over = f"{format_number(threshold.quantize(_DISPLAY))} over {ctx.period.dutch()}"
        described += f", dus {over}"
    elif isinstance(target, MilestoneBy) and ctx.flag and ctx.period.end > target.due:
        facts += f" (pas in {ctx.period.dutch()})"
    if _holds(target, ctx):
        return f"{facts} (doel: {described}); gehaald"
    reason = f"{facts} (doel: {described}); niet gehaald"
    tolerance_text = _tolerance_text(ctx, target)
    return f"{reason}; {tolerance_text}" if tolerance_text else reason


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
