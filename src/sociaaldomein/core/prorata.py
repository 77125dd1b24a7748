"""Splitting an amount pro rata into rounded parts that add up exactly."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model.period import Period
from sociaaldomein.text.language import _

__all__ = ["CENT", "EURO", "apportion", "split_over_years"]

K = TypeVar("K")

#: Round parts to whole euros.
EURO = Decimal(1)
#: Round parts to euro cents.
CENT = Decimal("0.01")


def apportion(
    total: Decimal, weights: Mapping[K, Fraction | int], *, quantum: Decimal = EURO
) -> dict[K, Decimal]:
    """Split ``total`` over ``weights`` in parts rounded to ``quantum``.

    The parts add up to ``total`` exactly: each part is first rounded down,
    and the units left over go to the parts with the largest remainders (the
    largest remainder method), earlier keys first on a tie.

    :raises InvalidValueError: ``total`` is not a whole number of ``quantum``,
        a weight is negative, or all weights are zero.
    """
    if not weights:
        raise InvalidValueError(_("een bedrag is niet over niets te verdelen"))
    if any(weight < 0 for weight in weights.values()):
        raise InvalidValueError(_("gewichten moeten 0 of meer zijn"))
    weight_sum = sum((Fraction(weight) for weight in weights.values()), Fraction(0))
    if weight_sum == 0:
        raise InvalidValueError(
            _("een bedrag is niet te verdelen over gewichten die allemaal 0 zijn")
        )
    units = Fraction(total) / Fraction(quantum)
    if units.denominator != 1:
        raise InvalidValueError(
            _(
                "{total} is niet te verdelen in delen van {quantum}: het is geen geheel aantal"
                " daarvan"
            ).format(total=total, quantum=quantum)
        )
    sign = -1 if units < 0 else 1
    whole_units = abs(units.numerator)
    exact = {key: whole_units * Fraction(weight) / weight_sum for key, weight in weights.items()}
    parts = {key: share.numerator // share.denominator for key, share in exact.items()}
    left = whole_units - sum(parts.values())
    order = sorted(exact, key=lambda key: exact[key] - parts[key], reverse=True)
    for key in order[:left]:
        parts[key] += 1
    return {key: sign * part * quantum for key, part in parts.items()}


def split_over_years(
    total: Decimal, period: Period, *, by: str = "months", quantum: Decimal = EURO
) -> dict[int, Decimal]:
    """Split ``total`` for ``period`` over its calendar years, pro rata.

    ``by="months"`` weighs each year by the calendar months of the period in
    it (a part of a month by its share of days); ``by="days"`` by its days.
    The parts add up to ``total`` exactly.

    >>> split_over_years(Decimal(290000), Period.parse("2005-09..2007-08"))
    {2005: Decimal('48333'), 2006: Decimal('145000'), 2007: Decimal('96667')}
    """
    if by == "months":
        weights: Mapping[int, Fraction | int] = period.months_per_year()
    elif by == "days":
        weights = period.days_per_year()
    else:
        raise InvalidValueError(_("verdeel per 'months' of 'days', niet per {by!r}").format(by=by))
    return apportion(total, weights, quantum=quantum)
