"""The Dutch words of a verdict: the target described and the reason with its numbers.

Every verdict word comes from the same rules (:mod:`.rules`) that set the status.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from sociaaldomein.core.rules import (
    _compared_bounds,
    _Context,
    _holds,
    _missing_text,
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
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import format_number, round_half_away, telling_places

if TYPE_CHECKING:
    from sociaaldomein.core.groups import Coverage

__all__ = ["describe_target", "not_known_reason", "reason_places"]

#: The decimals a number in a reason has at most, unless more are needed to
#: tell it from the number it is judged against (see :func:`reason_places`).
PLACES = 2


def _show(number: Decimal, measurement_type: MeasurementType, places: int = PLACES) -> str:
    return measurement_type.display(number, places=places)


def _signed(number: Decimal) -> str:
    return ("+" if number >= 0 else "") + format_number(number)


def _amount(amount: Decimal, relative: bool, measurement_type: MeasurementType) -> str:
    """A margin or change in words: ``5%`` of something, ``5 procentpunt``, ``EUR 5,00``."""
    if relative:
        return f"{format_number(amount)}%"
    if measurement_type.name == "percentage":
        return f"{format_number(amount)} procentpunt"
    return _show(amount, measurement_type)


def _as_of(which: Reference, ctx: _Context, places: int = PLACES) -> str:
    """A reference value with its period: ``vorige meting (2014: 92%)``."""
    value = ctx.reference(which)
    shown = "?" if value is None else _show(value, ctx.measurement_type, places)
    if which is Reference.BASELINE:
        # The baseline's name carries its period already.
        return f"{_reference_name(which, ctx.indicator)} ({shown})"
    period = ctx.reference_period(which)
    return f"vorige meting ({period.dutch()}: {shown})" if period else f"vorige meting ({shown})"


def _judged_against(target: Target, ctx: _Context) -> list[Decimal]:
    """Every number a verdict on ``target`` (and the tolerance's) sets the value against."""
    numbers = []
    threshold = _threshold(target, ctx)
    if threshold is not None:
        numbers.append(threshold)
    if isinstance(target, Between):
        numbers += [target.low, target.high]
    if isinstance(target, ComparedTo) and target.subject in ctx.compared:
        numbers.append(ctx.compared[target.subject])
        numbers += _compared_bounds(target, ctx) or ()
    if isinstance(target, Change | Improvement):
        reference = ctx.reference(target.against)
        numbers += [] if reference is None else [reference]
    return numbers


def reason_places(ctx: _Context) -> int:
    """The decimals the numbers of this reason are shown with.

    :data:`PLACES`, or as many more as the value needs to read apart from
    every number it is judged against (the threshold, a range's ends, a
    reference value; the tolerance's too): 14,999 against "minimaal 15"
    shows as 14,999, so that a verdict never reads as its opposite.
    """
    target = ctx.target
    if ctx.value is None or target is None:
        return PLACES
    against = _judged_against(target, ctx)
    tolerance = ctx.indicator.tolerance
    if isinstance(tolerance, Fallback):
        against += _judged_against(tolerance.target, ctx)
    elif isinstance(tolerance, RisingTrend):
        reference = ctx.reference(tolerance.against)
        against += [] if reference is None else [reference]
    return telling_places(ctx.value, against, at_least=PLACES)


def _group_reference(shown: str, coverage: Coverage) -> str:
    """A group's value with what it is and how many members it stands for."""
    if coverage.statistic == "median":
        return _("mediaan {value}; {coverage}").format(value=shown, coverage=coverage.text())
    return _("{value}; {coverage}").format(value=shown, coverage=coverage.text())


def _describe_compared(target: ComparedTo, measurement_type: MeasurementType) -> str:
    margin = (
        f" {_amount(target.margin, target.relative, measurement_type)}" if target.margin else ""
    )
    if target.bound == "within":
        return f"binnen{margin or ' 0'} van {target.name}"
    if target.bound == "at_least":
        return f"niet lager dan {target.name}" + (f" min{margin}" if margin else "")
    return f"niet hoger dan {target.name}" + (f" plus{margin}" if margin else "")


def describe_target(
    target: Target,
    indicator: Indicator,
    measurement_type: MeasurementType,
    *,
    places: int = PLACES,
) -> str:
    """The target in Dutch words: ``minimaal 15%``, ``+10% t.o.v. nulmeting 2005``.

    Its numbers have at most ``places`` decimals (see :func:`reason_places`).
    """
    if isinstance(target, ComparedTo):
        return _describe_compared(target, measurement_type)
    if isinstance(target, AtLeast):
        return f"minimaal {_show(target.value, measurement_type, places)}"
    if isinstance(target, AtMost):
        return f"maximaal {_show(target.value, measurement_type, places)}"
    if isinstance(target, Between):
        return (
            f"tussen {_show(target.low, measurement_type, places)}"
            f" en {_show(target.high, measurement_type, places)}"
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


def _tolerance_text(ctx: _Context, target: Target, places: int) -> str:
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
        against = _as_of(tolerance.against, ctx, places)
        if ok:
            return f"{line} t.o.v. {against}, binnen tolerantie"
        missed = "geen verbetering (geen daling)" if down else "geen stijgende lijn"
        return f"{missed} t.o.v. {against}"
    if isinstance(tolerance, Fallback):
        described = describe_target(
            tolerance.target, ctx.indicator, ctx.measurement_type, places=places
        )
        missing = _missing_text(ctx, tolerance.target)
        if missing is not None:
            # Not "ook niet gehaald": without its reference the fallback was never judged.
            return f"ondergrens {described} niet te bepalen: {missing}"
        if isinstance(tolerance.target, Change) and _of_zero(ctx, tolerance.target):
            named = _as_of(tolerance.target.against, ctx, places)
            return (
                f"ondergrens {described} niet te bepalen: een verandering in procenten"
                f" t.o.v. {named} is niet te bepalen"
            )
        return f"ondergrens {described} {'wel' if ok else 'ook niet'} gehaald"
    return ""


def _reason(ctx: _Context) -> str:
    """The Dutch reason for the evaluation ``ctx`` describes."""
    measurement_type = ctx.measurement_type
    places = reason_places(ctx)
    shown = (
        ("ja" if ctx.flag else "nee")
        if ctx.value is None
        else _show(ctx.value, measurement_type, places)
    )
    target = ctx.target
    if target is None:
        return f"{shown}; geen doel vastgesteld"
    missing = _missing_text(ctx, target)
    if missing is not None:
        described = describe_target(target, ctx.indicator, measurement_type, places=places)
        return f"{shown}; {missing} (doel: {described})"
    if isinstance(target, Change) and _of_zero(ctx, target):
        described = describe_target(target, ctx.indicator, measurement_type, places=places)
        return (
            f"{shown}; een verandering in procenten t.o.v."
            f" {_as_of(target.against, ctx, places)} is niet te bepalen (doel: {described})"
        )
    return _explain(ctx, target, shown, places)


def _explain(ctx: _Context, target: Target, shown: str, places: int) -> str:
    """The reason for a judged target: the facts, the target, and the verdict's words.

    The verdict comes from the same :func:`_holds` and :func:`_within` that set the status.
    """
    facts = shown
    described = describe_target(target, ctx.indicator, ctx.measurement_type, places=places)
    threshold = _threshold(target, ctx)
    if isinstance(target, Change):
        reference = ctx.reference(target.against)
        assert reference is not None
        assert ctx.value is not None
        assert threshold is not None
        change = ctx.value - reference
        if target.relative:
            # A share of the reference's size (never of zero: see _reason), shown
            # apart from the change asked for, as the value from its threshold.
            percent = change * 100 / abs(reference)
            exact = telling_places(percent, [target.amount], at_least=1)
            moved = f"{_signed(round_half_away(percent, exact))}%"
        else:
            moved = _signed(change)
        facts = f"{shown}: {moved} t.o.v. {_as_of(target.against, ctx, places)}"
        described += f", dus {_show(threshold, ctx.measurement_type, places)}"
    elif isinstance(target, Improvement):
        facts = f"{shown} t.o.v. {_as_of(target.against, ctx, places)}"
    elif isinstance(target, ComparedTo):
        reference = ctx.compared[target.subject]
        shown_reference = _show(reference, ctx.measurement_type, places)
        coverage = ctx.coverage.get(target.subject)
        if coverage is not None:
            # A group's value says what it is and how many members it stands for.
            shown_reference = _group_reference(shown_reference, coverage)
        facts = f"{shown} t.o.v. {target.name} ({ctx.period.dutch()}: {shown_reference})"
        bounds = _compared_bounds(target, ctx)
        if target.margin and bounds is not None:
            low, high = bounds
            if target.bound != "at_most":
                described += f", dus minimaal {_show(low, ctx.measurement_type, places)}"
            if target.bound != "at_least":
                described += f"{' en' if target.bound == 'within' else ', dus'} maximaal"
                described += f" {_show(high, ctx.measurement_type, places)}"
    elif isinstance(target, CountPerPeriod) and threshold is not None and threshold != target.count:
        over = f"{format_number(round_half_away(threshold, places))} over {ctx.period.dutch()}"
        described += f", dus {over}"
    elif isinstance(target, MilestoneBy) and ctx.flag and ctx.period.end > target.due:
        facts += f" (pas in {ctx.period.dutch()})"
    if _holds(target, ctx):
        return f"{facts} (doel: {described}); gehaald"
    reason = f"{facts} (doel: {described}); niet gehaald"
    tolerance_text = _tolerance_text(ctx, target, places)
    return f"{reason}; {tolerance_text}" if tolerance_text else reason
