"""Targets (streefwaarden) and tolerances (tolerantiegrenzen) of an indicator.

Each kind is a small frozen class; :data:`Target` and :data:`Tolerance` are
their unions. The numbers are exact decimals, so ``+10%`` on a baseline of
30 is exactly 33.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import ClassVar

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model._convert import finite_decimal
from sociaaldomein.text.language import _

__all__ = [
    "AtLeast",
    "AtMost",
    "Between",
    "Bound",
    "Change",
    "ComparedTo",
    "CountPerPeriod",
    "Direction",
    "Fallback",
    "Improvement",
    "Margin",
    "MilestoneBy",
    "Reference",
    "RisingTrend",
    "Target",
    "Tolerance",
]


class Direction(enum.StrEnum):
    """Which way is good for an indicator."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"

    @property
    def sign(self) -> int:
        """+1 when higher is better, -1 when lower is better."""
        return 1 if self is Direction.HIGHER_IS_BETTER else -1


class Reference(enum.StrEnum):
    """What a change or a trend is measured against."""

    BASELINE = "baseline"
    PREVIOUS = "previous"


def _decimal(value: int | float | Decimal) -> Decimal:
    return finite_decimal(value)


def _not_negative(instance: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if value < 0:
        raise InvalidValueError(
            _("{name} moet 0 of meer zijn, gevonden {value}").format(
                name=attribute.name, value=value
            )
        )


@attrs.frozen
class AtLeast:
    """The value must be at least ``value`` ("minimaal 15%")."""

    kind: ClassVar[str] = "at_least"
    value: Decimal = attrs.field(converter=_decimal)


@attrs.frozen
class AtMost:
    """The value may be at most ``value``."""

    kind: ClassVar[str] = "at_most"
    value: Decimal = attrs.field(converter=_decimal)


def _low_not_above_high(
    instance: Between, attribute: attrs.Attribute[Decimal], high: Decimal
) -> None:
    if high < instance.low:
        raise InvalidValueError(
            _("een doel 'between' vraagt om low <= high, gevonden {low} > {high}").format(
                low=instance.low, high=high
            )
        )


@attrs.frozen
class Between:
    """The value must lie from ``low`` to ``high``, both included."""

    kind: ClassVar[str] = "between"
    low: Decimal = attrs.field(converter=_decimal)
    high: Decimal = attrs.field(converter=_decimal, validator=_low_not_above_high)


@attrs.frozen
class Change:
    """The value must change by ``amount`` against a reference measurement.

    ``relative=True`` reads ``amount`` as a percentage of the reference
    value's size (``+10%`` of 30 volunteers is 33; ``+10%`` of a deficit of
    -100 is -90, up by 10 either way); ``relative=False`` reads it in the
    measure's own unit (``+10`` percentage points). The sign says which way
    ("at least 10% lower" is ``-10``); the indicator's direction says which
    way is good. A relative change of a reference of zero does not exist
    (:meth:`measurable`).
    """

    kind: ClassVar[str] = "change"
    amount: Decimal = attrs.field(converter=_decimal)
    relative: bool = True
    against: Reference = attrs.field(default=Reference.BASELINE, converter=Reference)

    def threshold(self, reference: Decimal) -> Decimal:
        """The value this change asks for, given the reference value.

        A relative change moves by a share of the reference's size, so that
        ``+10%`` goes up and ``-10%`` goes down whatever the reference's sign.
        """
        if self.relative:
            return reference + abs(reference) * self.amount / 100
        return reference + self.amount

    def measurable(self, reference: Decimal) -> bool:
        """Whether a change against ``reference`` can be judged: not a percentage of zero."""
        return not self.relative or reference != 0


@attrs.frozen
class MilestoneBy:
    """A yes/no milestone that must be reached on or before ``due``."""

    kind: ClassVar[str] = "milestone"
    due: dt.date


@attrs.frozen
class Improvement:
    """The value must move the good way against a reference ("toename van ...").

    For results that name a direction but no number; the indicator's
    direction says which way is good.
    """

    kind: ClassVar[str] = "improvement"
    against: Reference = attrs.field(default=Reference.PREVIOUS, converter=Reference)


PER_PERIOD_MONTHS = {"year": 12, "half_year": 6, "quarter": 3, "month": 1}


def _known_per(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in PER_PERIOD_MONTHS:
        raise InvalidValueError(
            _("per moet een van {choices} zijn, gevonden {value!r}").format(
                choices=", ".join(PER_PERIOD_MONTHS), value=value
            )
        )


@attrs.frozen
class CountPerPeriod:
    """At least ``count`` per ``per`` ("twee bijeenkomsten per jaar").

    A measurement over a longer or shorter period needs proportionally more
    or fewer: over two years, two per year asks for four.
    """

    kind: ClassVar[str] = "count_per_period"
    count: Decimal = attrs.field(converter=_decimal, validator=_not_negative)
    per: str = attrs.field(default="year", validator=_known_per)


class Bound(enum.StrEnum):
    """How a value relates to a reference subject's value in :class:`ComparedTo`."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    WITHIN = "within"


def _named(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(
            _("{name} moet een onderwerp noemen, gevonden {value!r}").format(
                name=attribute.name, value=value
            )
        )


@attrs.frozen
class ComparedTo:
    """The value set against a reference subject's value for the same period.

    "Lager dan het landelijk gemiddelde", "hoogstens het gemiddelde van de
    grootteklasse": ``subject`` is the reference's subject as the
    measurements name it (``Nederland``, ``Drenthe``, ``G100-150k``).

    ``bound``: ``at_least`` (value >= reference - ``margin``), ``at_most``
    (value <= reference + ``margin``) or ``within`` (at most ``margin`` from
    the reference, either way). ``relative=True`` reads ``margin`` as a
    percentage of the reference value. ``label`` is how a reason names the
    reference (``landelijk``); the subject by default.
    """

    kind: ClassVar[str] = "compared_to"
    subject: str = attrs.field(validator=_named)
    bound: Bound = attrs.field(default=Bound.AT_MOST, converter=Bound)
    margin: Decimal = attrs.field(default=Decimal(0), converter=_decimal, validator=_not_negative)
    relative: bool = False
    label: str = ""

    def allowed(self, reference: Decimal) -> Decimal:
        """The distance from ``reference`` still allowed, in the measure's unit."""
        return abs(reference) * self.margin / 100 if self.relative else self.margin

    @property
    def name(self) -> str:
        """How reasons name the reference."""
        return self.label or self.subject


#: Any target an indicator can have.
Target = (
    AtLeast | AtMost | Between | Change | Improvement | MilestoneBy | CountPerPeriod | ComparedTo
)


@attrs.frozen
class Margin:
    """A missed target still counts when it is missed by at most ``amount``.

    ``relative=True`` reads ``amount`` as a percentage of the target value.
    """

    kind: ClassVar[str] = "margin"
    amount: Decimal = attrs.field(converter=_decimal, validator=_not_negative)
    relative: bool = False


@attrs.frozen
class RisingTrend:
    """A missed target still counts when the value moved the good way.

    The Kampen rule: where a percentage is not reached, there must at least
    be a rising line, measured against the baseline or the previous
    measurement (which can disagree).
    """

    kind: ClassVar[str] = "rising_trend"
    against: Reference = attrs.field(default=Reference.BASELINE, converter=Reference)


@attrs.frozen
class Fallback:
    """A missed target still counts when this weaker target holds."""

    kind: ClassVar[str] = "fallback"
    target: Target


#: Any tolerance an indicator can have.
Tolerance = Margin | RisingTrend | Fallback
