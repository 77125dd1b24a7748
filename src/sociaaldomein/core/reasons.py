"""The Dutch words of a verdict: the target described and the reason with its numbers.

Every verdict word comes from the same rules (:mod:`.rules`) that set the status.
"""

from __future__ import annotations

from decimal import Decimal

from sociaaldomein.core.rules import (
    _compared_bounds,
    _Context,
    _holds,
    _missing_reference,
    _of_zero,
    _reference_name,
    _threshold,
    _within,
)
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement_type import MeasurementType, Value
from sociaaldomein.model.period import Period
from sociaaldomein.model.target import (
    AtLeast,
    AtMost,
    Between,
    Change,
    ComparedTo,
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
from sociaaldomein.text.numbers import format_number

_DISPLAY = Decimal("0.01")


def _show(number: Decimal, measurement_type: MeasurementType) -> str:
    rounded = number.quantize(_DISPLAY) if number != number.to_integral_value() else number
    return f"{measurement_type.prefix}{format_number(rounded)}{measurement_type.suffix}"


def _signed(number: Decimal) -> str:
    return ("+" if number >= 0 else "") + format_number(number)


def _amount(amount: Decimal, relative: bool, measurement_type: MeasurementType) -> str:
    """A margin or change in words: ``5%`` of something, ``5 procentpunt``, ``EUR 5,00``."""
    if relative:
        return f"{format_number(amount)}%"
    if measurement_type.name == "percentage":
        return f"{format_number(amount)} procentpunt"
    return _show(amount, measurement_type)


def _as_of(which: Reference, ctx: _Context) -> str:
    """A reference value with its period: ``vorige meting (2014: 92%)``."""
    value = ctx.reference(which)
    shown = "?" if value is None else _show(value, ctx.measurement_type)
    if which is Reference.BASELINE:
        # The baseline's name carries its period already.
        return f"{_reference_name(which, ctx.indicator)} ({shown})"
    period = ctx.reference_period(which)
    return f"vorige meting ({period.dutch()}: {shown})" if period else f"vorige meting ({shown})"


def _describe_compared(target: ComparedTo, measurement_type: MeasurementType) -> str:
    margin = (
        f" {_amount(target.margin, target.relative, measurement_type)}" if target.margin else ""
    )
    if target.bound == "within":
        return f"binnen{margin or ' 0'} van {target.name}"
    if target.bound == "at_least":
        return f"niet lager dan {target.name}" + (f" min{margin}" if margin else "")
    return f"niet hoger dan {target.name}" + (f" plus{margin}" if margin else "")


def describe_target(target: Target, indicator: Indicator, measurement_type: MeasurementType) -> str:
    """The target in Dutch words: ``minimaal 15%``, ``+10% t.o.v. nulmeting 2005``."""
    if isinstance(target, ComparedTo):
        return _describe_compared(target, measurement_type)
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


def not_known_reason(
    unknown: str,
    period: Period,
    target: Target | None,
    indicator: Indicator,
    measurement_type: MeasurementType,
    forecast: Value | None,
) -> str:
    """Why a value not known (yet) is ``no_data``: the reason given, the target, a forecast."""
    why = f"waarde niet bekend ({unknown})" if unknown else f"nog geen meting voor {period.dutch()}"
    if target is not None:
        why += f" (doel: {describe_target(target, indicator, measurement_type)})"
    if forecast is not None:
        why += f"; verwacht: {measurement_type.format(forecast)}"
    return why


def _tolerance_text(ctx: _Context, target: Target) -> str:
    """The tolerance's part of the reason; the verdict itself is :func:`_within`'s."""
    tolerance = ctx.indicator.tolerance
    ok = _within(ctx, target)
    if isinstance(tolerance, Margin):
        amount = _amount(tolerance.amount, tolerance.relative, ctx.measurement_type)
        return f"marge {amount}, {'binnen' if ok else 'buiten'} tolerantie"
    if isinstance(tolerance, RisingTrend):
        reference = ctx.reference(tolerance.against)
        name = _reference_name(tolerance.against, ctx.indicator)
        # "Stijgende lijn" for a lower-is-better figure that fell reads as
        # "it went up": there the words are "verbetering (daling)".
        down = ctx.indicator.good_direction is Direction.LOWER_IS_BETTER
        line = "verbetering (daling)" if down else "stijgende lijn"
        if reference is None or ctx.value is None:
            return f"{line} niet te bepalen: {name} ontbreekt"
        against = _as_of(tolerance.against, ctx)
        if ok:
            return f"{line} t.o.v. {against}, binnen tolerantie"
        missed = "geen verbetering (geen daling)" if down else "geen stijgende lijn"
        return f"{missed} t.o.v. {against}"
    if isinstance(tolerance, Fallback):
        described = describe_target(tolerance.target, ctx.indicator, ctx.measurement_type)
        return f"ondergrens {described} {'wel' if ok else 'ook niet'} gehaald"
    return ""


def _reason(ctx: _Context) -> str:
    """The Dutch reason for the evaluation ``ctx`` describes."""
    measurement_type = ctx.measurement_type
    shown = (
        ("ja" if ctx.flag else "nee") if ctx.value is None else _show(ctx.value, measurement_type)
    )
    target = ctx.target
    if target is None:
        return f"{shown}; geen doel vastgesteld"
    missing = _missing_reference(ctx, target)
    if missing is not None:
        described = describe_target(target, ctx.indicator, measurement_type)
        return f"{shown}; {missing} ontbreekt (doel: {described})"
    if isinstance(target, Change) and _of_zero(ctx, target):
        described = describe_target(target, ctx.indicator, measurement_type)
        return (
            f"{shown}; een verandering in procenten t.o.v. {_as_of(target.against, ctx)}"
            f" is niet te bepalen (doel: {described})"
        )
    return _explain(ctx, target, shown)


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
        # A relative change is a share of the reference's size (never of zero: see _reason).
        moved = (
            f"{_signed((change * 100 / abs(reference)).quantize(Decimal('0.1')))}%"
            if target.relative
            else _signed(change)
        )
        facts = f"{shown}: {moved} t.o.v. {_as_of(target.against, ctx)}"
        described += f", dus {_show(threshold, ctx.measurement_type)}"
    elif isinstance(target, Improvement):
        facts = f"{shown} t.o.v. {_as_of(target.against, ctx)}"
    elif isinstance(target, ComparedTo):
        reference = ctx.compared[target.subject]
        facts = (
            f"{shown} t.o.v. {target.name}"
            f" ({ctx.period.dutch()}: {_show(reference, ctx.measurement_type)})"
        )
        bounds = _compared_bounds(target, ctx)
        if target.margin and bounds is not None:
            low, high = bounds
            if target.bound != "at_most":
                described += f", dus minimaal {_show(low, ctx.measurement_type)}"
            if target.bound != "at_least":
                described += f"{' en' if target.bound == 'within' else ', dus'} maximaal"
                described += f" {_show(high, ctx.measurement_type)}"
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
