"""Budgets (begrotingen): cost lines and funding, per year or for the whole period."""

from __future__ import annotations

import enum
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model._convert import as_tuple, finite_decimal
from sociaaldomein.model.period import Period
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import check_magnitude

__all__ = ["Basis", "Budget", "BudgetLine", "Funding"]


class Basis(enum.StrEnum):
    """Whether an amount is per year of the budget period or for the period as a whole."""

    PER_YEAR = "per_year"
    PERIOD = "period"


def _money(value: int | float | Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return check_magnitude(finite_decimal(value))


def _as_money(value: int | float | Decimal) -> Decimal:
    money = _money(value)
    if money is None:
        raise InvalidValueError(_("verwacht een bedrag, gevonden niets"))
    return money


def _not_negative(instance: object, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    if value is not None and value < 0:
        raise InvalidValueError(
            _("{name} moet 0 of meer zijn, gevonden {value}").format(
                name=attribute.name, value=value
            )
        )


@attrs.frozen
class BudgetLine:
    """One cost line: hours x rate, or a fixed amount, borne by a funding source.

    Give ``amount``, or ``hours`` and ``rate``; with all three, the amount
    must equal hours x rate. Hours with an amount and no rate is fine: the
    rate is then implied.

    :param source: the funding source that bears this cost (``gemeente``, ``VWS``).
    :param basis: per year of the budget period, or for the whole period.
    """

    description: str
    source: str
    hours: Decimal | None = attrs.field(default=None, converter=_money, validator=_not_negative)
    rate: Decimal | None = attrs.field(default=None, converter=_money, validator=_not_negative)
    amount: Decimal | None = attrs.field(default=None, converter=_money, validator=_not_negative)
    basis: Basis = attrs.field(default=Basis.PER_YEAR, converter=Basis)

    def __attrs_post_init__(self) -> None:
        if self.amount is None and (self.hours is None or self.rate is None):
            raise InvalidValueError(
                _(
                    "begrotingsregel {description!r} vraagt om een bedrag, of uren en een tarief"
                ).format(description=self.description)
            )
        if self.rate is not None and self.hours is None:
            raise InvalidValueError(
                _("begrotingsregel {description!r} heeft een tarief maar geen uren").format(
                    description=self.description
                )
            )
        if (
            self.amount is not None
            and self.hours is not None
            and self.rate is not None
            and self.hours * self.rate != self.amount
        ):
            raise InvalidValueError(
                _(
                    "begrotingsregel {description!r}: {hours} uur x {rate} is {product}, niet"
                    " het bedrag {amount}"
                ).format(
                    description=self.description,
                    hours=self.hours,
                    rate=self.rate,
                    product=self.hours * self.rate,
                    amount=self.amount,
                )
            )

    @property
    def cost(self) -> Decimal:
        """The cost on this line's own basis."""
        if self.amount is not None:
            return self.amount
        assert self.hours is not None and self.rate is not None
        return self.hours * self.rate


@attrs.frozen
class Funding:
    """Money a funding source puts in: a subsidy, the municipality's own means."""

    source: str
    amount: Decimal = attrs.field(converter=_as_money, validator=_not_negative)
    basis: Basis = attrs.field(default=Basis.PER_YEAR, converter=Basis)
    description: str = ""


@attrs.frozen
class Budget:
    """A project budget over ``period`` (a begroting).

    Per-year amounts count once for every twelve months of the period.
    """

    period: Period
    lines: tuple[BudgetLine, ...] = attrs.field(default=(), converter=as_tuple)
    funding: tuple[Funding, ...] = attrs.field(default=(), converter=as_tuple)

    @property
    def years(self) -> Fraction:
        """The length of the period in years (24 months is 2)."""
        return self.period.months / 12
