"""Budget arithmetic: line costs, totals per funding source, deficit, split per year.

Everything is exact :class:`~decimal.Decimal` arithmetic in euros; only
conversions between a year and a period that is not a whole number of
years round, to the cent. Splitting over calendar years rounds each part to
whole euros (or the quantum asked), except that an amount with cents is
split in cents, and an amount with finer decimals in its own last decimal:
the parts always add up to the amount exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import attrs

from sociaaldomein.core.prorata import CENT, EURO, split_over_years
from sociaaldomein.model.budget import Basis, Budget, BudgetLine

__all__ = ["Amounts", "BudgetSummary", "summarise_budget"]


@attrs.frozen
class Amounts:
    """An amount per year of the budget period and for the period as a whole."""

    per_year: Decimal
    period: Decimal

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(self.per_year + other.per_year, self.period + other.period)

    def __sub__(self, other: Amounts) -> Amounts:
        return Amounts(self.per_year - other.per_year, self.period - other.period)


_ZERO = Amounts(Decimal(0), Decimal(0))


def _cents(value: Fraction | Decimal) -> Decimal:
    exact = (
        Decimal(value.numerator) / Decimal(value.denominator)
        if isinstance(value, Fraction)
        else value
    )
    if exact == exact.to_integral_value():
        return exact
    return exact.quantize(CENT, rounding=ROUND_HALF_UP)


def _amounts(amount: Decimal, basis: Basis, years: Fraction) -> Amounts:
    if basis is Basis.PER_YEAR:
        return Amounts(amount, _cents(Fraction(amount) * years))
    return Amounts(_cents(Fraction(amount) / years), amount)


def _total(items: Iterable[Amounts]) -> Amounts:
    return sum(items, _ZERO)


@attrs.frozen
class BudgetSummary:
    """What a budget adds up to.

    :param lines: each cost line with its cost per year and for the period.
    :param costs: costs per funding source.
    :param funding: funding per source.
    :param deficit: costs minus funding per source (negative: a surplus).
    :param funding_per_year: each source's funding for the period, split
        over calendar years pro rata; the parts add up to the period total.
    :param costs_per_year: each source's costs for the period, split the same way.
    """

    budget: Budget
    lines: tuple[tuple[BudgetLine, Amounts], ...]
    costs: dict[str, Amounts]
    funding: dict[str, Amounts]
    deficit: dict[str, Amounts]
    funding_per_year: dict[str, dict[int, Decimal]]
    costs_per_year: dict[str, dict[int, Decimal]] = attrs.field(factory=dict)

    @property
    def total_costs(self) -> Amounts:
        return _total(self.costs.values())

    @property
    def total_funding(self) -> Amounts:
        return _total(self.funding.values())

    @property
    def total_deficit(self) -> Amounts:
        return self.total_costs - self.total_funding

    @property
    def sources(self) -> tuple[str, ...]:
        """Every funding source, in the order the budget first names it."""
        return tuple(self.costs)


def summarise_budget(
    budget: Budget, *, split_by: str = "months", quantum: Decimal = EURO
) -> BudgetSummary:
    """Add up ``budget``: costs, funding and deficit per source; funding per calendar year.

    :param split_by: split the period over calendar years by ``months`` or ``days``.
    :param quantum: round the yearly parts to whole euros (default) or cents.
    """
    years = budget.years
    lines = tuple((line, _amounts(line.cost, line.basis, years)) for line in budget.lines)
    sources: dict[str, None] = dict.fromkeys(
        [line.source for line in budget.lines] + [entry.source for entry in budget.funding]
    )
    costs = {
        source: _total(amounts for line, amounts in lines if line.source == source)
        for source in sources
    }
    funding = {
        source: _total(
            _amounts(entry.amount, entry.basis, years)
            for entry in budget.funding
            if entry.source == source
        )
        for source in sources
    }
    deficit = {source: costs[source] - funding[source] for source in sources}
    funded = {entry.source for entry in budget.funding}
    per_year = {
        source: _split(funding[source].period, budget, split_by, quantum)
        for source in sources
        if source in funded
    }
    costs_per_year = {
        source: _split(costs[source].period, budget, split_by, quantum)
        for source in sources
        if any(line.source == source for line in budget.lines)
    }
    return BudgetSummary(budget, lines, costs, funding, deficit, per_year, costs_per_year)


def _split(total: Decimal, budget: Budget, split_by: str, quantum: Decimal) -> dict[int, Decimal]:
    return split_over_years(total, budget.period, by=split_by, quantum=_quantum_for(total, quantum))


def _quantum_for(total: Decimal, quantum: Decimal) -> Decimal:
    """``quantum`` if ``total`` is a whole number of it; else cents, else its own last decimal."""
    for unit in (quantum, CENT):
        if total % unit == 0:
            return unit
    exponent = total.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # a finite amount
    return Decimal(1).scaleb(exponent)
