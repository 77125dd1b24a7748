"""The rules that decide a status: thresholds, whether a target holds, tolerances, progress.

These functions are the specification of evaluation; :mod:`.reasons` words
their verdicts and :mod:`.evaluation` applies them to measurements.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement_type import (
    MeasurementType,
)
from sociaaldomein.model.period import Period
from sociaaldomein.model.target import (
    PER_PERIOD_MONTHS,
    AtLeast,
    AtMost,
    Between,
    Change,
    CountPerPeriod,
    Fallback,
    Improvement,
    Margin,
    MilestoneBy,
    Reference,
    RisingTrend,
    Target,
)
from sociaaldomein.text.numbers import as_decimal


def _reference_name(reference: Reference, indicator: Indicator) -> str:
    if reference is Reference.BASELINE:
        when = f" {indicator.baseline_period}" if indicator.baseline_period else ""
        return f"nulmeting{when}"
    return "vorige meting"


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
    if isinstance(target, MilestoneBy):
        return False
    assert ctx.value is not None
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


def _progress(ctx: _Context, threshold: Decimal | None) -> Decimal | None:
    if ctx.value is None or ctx.baseline is None or threshold is None:
        return None
    distance = threshold - ctx.baseline
    if distance == 0:
        return None
    return (ctx.value - ctx.baseline) / distance


def _missing_reference(ctx: _Context, target: Target) -> str | None:
    """Name the measurement a change target needs but lacks.

    Only the target's own reference makes the status unknowable; a missing
    reference for the tolerance just means the tolerance cannot help.
    """
    if isinstance(target, Change | Improvement) and ctx.reference(target.against) is None:
        return _reference_name(target.against, ctx.indicator)
    return None
