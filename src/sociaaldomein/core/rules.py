"""The rules that decide a status: thresholds, whether a target holds, tolerances, progress.

These functions are the specification of evaluation; :mod:`.reasons` words
their verdicts and :mod:`.evaluation` applies them to measurements.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

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
    ComparedTo,
    CountPerPeriod,
    Fallback,
    Improvement,
    Margin,
    MilestoneBy,
    Reference,
    RisingTrend,
    Target,
)
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import as_decimal

if TYPE_CHECKING:
    from sociaaldomein.core.groups import Coverage


def _reference_name(reference: Reference, indicator: Indicator) -> str:
    if reference is Reference.BASELINE:
        when = f" {indicator.baseline_period}" if indicator.baseline_period else ""
        return f"nulmeting{when}"
    return "vorige meting"


@attrs.frozen
class _Context:
    """Everything one evaluation needs, resolved once.

    ``target`` is the target in force for the period and slice (see
    :func:`~sociaaldomein.model.indicator.target_for`); ``compared`` holds
    the reference subjects' values for the same period, by subject;
    ``coverage`` how many members of each reference group among them
    delivered a value (a group without a value has its coverage too).
    """

    indicator: Indicator
    measurement_type: MeasurementType
    period: Period
    value: Decimal | None
    flag: bool | None
    baseline: Decimal | None
    previous: Decimal | None
    previous_period: Period | None = None
    target: Target | None = None
    compared: Mapping[str, Decimal] = attrs.field(factory=dict)
    coverage: Mapping[str, Coverage] = attrs.field(factory=dict)

    def reference(self, which: Reference) -> Decimal | None:
        return self.baseline if which is Reference.BASELINE else self.previous

    def reference_period(self, which: Reference) -> Period | None:
        if which is Reference.BASELINE:
            return self.indicator.baseline_period
        return self.previous_period


def _compared_bounds(target: ComparedTo, ctx: _Context) -> tuple[Decimal, Decimal] | None:
    """The lowest and highest value a reference target allows, or None without a reference."""
    reference = ctx.compared.get(target.subject)
    if reference is None:
        return None
    allowed = target.allowed(reference)
    low = reference - allowed if target.bound in ("at_least", "within") else None
    high = reference + allowed if target.bound in ("at_most", "within") else None
    return (
        low if low is not None else Decimal("-Infinity"),
        high if high is not None else Decimal("Infinity"),
    )


def _threshold(target: Target, ctx: _Context) -> Decimal | None:
    """The value a one-sided target asks for, or None where there is none (yet)."""
    if isinstance(target, AtLeast | AtMost):
        return target.value
    if isinstance(target, ComparedTo):
        bounds = _compared_bounds(target, ctx)
        if bounds is None or target.bound == "within":
            return None
        return bounds[0] if target.bound == "at_least" else bounds[1]
    if isinstance(target, Change):
        reference = ctx.reference(target.against)
        if reference is None or not target.measurable(reference):
            return None
        return target.threshold(reference)
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
    if isinstance(target, ComparedTo):
        bounds = _compared_bounds(target, ctx)
        return bounds is not None and bounds[0] <= ctx.value <= bounds[1]
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
    # A milestone has no margin (Indicator refuses one), so there is a value here.
    assert ctx.value is not None
    if isinstance(target, Between):
        # A relative margin is a share of each bound's size, so that it widens
        # a range below zero as well (as the one-sided rule takes abs(threshold)).
        low = target.low - (
            abs(target.low) * margin.amount / 100 if margin.relative else margin.amount
        )
        high = target.high + (
            abs(target.high) * margin.amount / 100 if margin.relative else margin.amount
        )
        return low <= ctx.value <= high
    if isinstance(target, ComparedTo) and target.bound == "within":
        bounds = _compared_bounds(target, ctx)
        if bounds is None:
            return False
        low, high = bounds
        return (
            low - (abs(low) * margin.amount / 100 if margin.relative else margin.amount)
            <= ctx.value
            <= high + (abs(high) * margin.amount / 100 if margin.relative else margin.amount)
        )
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
    if isinstance(target, ComparedTo) and target.subject not in ctx.compared:
        return f"referentiewaarde {target.name} voor {ctx.period.dutch()}"
    return None


def _missing_text(ctx: _Context, target: Target) -> str | None:
    """``... ontbreekt``: what the target lacks, and for a reference group why it has no value."""
    missing = _missing_reference(ctx, target)
    if missing is None:
        return None
    coverage = ctx.coverage.get(target.subject) if isinstance(target, ComparedTo) else None
    if coverage is not None:
        return _("{missing} ontbreekt: {why}").format(missing=missing, why=coverage.missing())
    return f"{missing} ontbreekt"


def _of_zero(ctx: _Context, target: Target) -> bool:
    """Whether the target is a relative change of a reference of zero, which cannot be judged.

    ``+10%`` of nothing is no number: the status is ``no_data``, as for a
    missing reference. As a tolerance's target it just cannot help.
    """
    if not isinstance(target, Change):
        return False
    reference = ctx.reference(target.against)
    return reference is not None and not target.measurable(reference)


def _cannot_judge(ctx: _Context, target: Target) -> bool:
    """Whether the target in force cannot be judged: its reference is missing or zero."""
    return _missing_reference(ctx, target) is not None or _of_zero(ctx, target)
