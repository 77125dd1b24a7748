"""Exact budget sums and pro-rata splits, to the cent, with the rounding rules spelled out."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from sociaaldomein import (
    CENT,
    Budget,
    BudgetLine,
    Funding,
    InvalidValueError,
    Period,
    apportion,
    split_over_years,
    summarise_budget,
)
from sociaaldomein.core.budgets import Amounts

# 2005-09 to 2006-11: 15 months, 1,25 years; 4 months in 2005, 11 in 2006.
FIFTEEN_MONTHS = Period.parse("2005-09..2006-11")
BUDGET = Budget(
    FIFTEEN_MONTHS,
    lines=[
        BudgetLine("coordinatie", "gemeente", hours=100, rate=50),
        BudgetLine("materiaal", "subsidie", amount=1001, basis="period"),
    ],
    funding=[
        Funding("gemeente", 4000),
        Funding("subsidie", 1001, basis="period"),
    ],
)


def test_costs_funding_and_deficit_per_source():
    summary = summarise_budget(BUDGET)
    assert summary.budget is BUDGET
    assert summary.sources == ("gemeente", "subsidie")
    # A per-year line counts 1,25 times over the period; a period amount is divided by 1,25.
    assert summary.lines == (
        (BUDGET.lines[0], Amounts(Decimal(5000), Decimal(6250))),
        (BUDGET.lines[1], Amounts(Decimal("800.80"), Decimal(1001))),
    )
    assert summary.costs == {
        "gemeente": Amounts(Decimal(5000), Decimal(6250)),
        "subsidie": Amounts(Decimal("800.80"), Decimal(1001)),
    }
    assert summary.funding == {
        "gemeente": Amounts(Decimal(4000), Decimal(5000)),
        "subsidie": Amounts(Decimal("800.80"), Decimal(1001)),
    }
    assert summary.deficit == {
        "gemeente": Amounts(Decimal(1000), Decimal(1250)),
        "subsidie": Amounts(Decimal(0), Decimal(0)),
    }


def test_funding_per_calendar_year_by_months_days_euros_and_cents():
    # 5000 over 4 and 11 months: 1333,33 and 3666,67; the spare euro goes to 2006.
    assert summarise_budget(BUDGET).funding_per_year == {
        "gemeente": {2005: Decimal(1333), 2006: Decimal(3667)},
        "subsidie": {2005: Decimal(267), 2006: Decimal(734)},
    }
    # By days: 122 of 456 days fall in 2005.
    assert summarise_budget(BUDGET, split_by="days").funding_per_year["gemeente"] == {
        2005: Decimal(1338),
        2006: Decimal(3662),
    }
    assert summarise_budget(BUDGET, quantum=CENT).funding_per_year["gemeente"] == {
        2005: Decimal("1333.33"),
        2006: Decimal("3666.67"),
    }


@pytest.mark.parametrize(
    ("amount", "basis", "months", "expected"),
    [
        # 1000 a year over 7 months is 583,333...: rounded to the cent.
        (Decimal(1000), "per_year", 7, Amounts(Decimal(1000), Decimal("583.33"))),
        # 1000 for 7 months is 1714,2857... a year.
        (Decimal(1000), "period", 7, Amounts(Decimal("1714.29"), Decimal(1000))),
        # Half a cent rounds up: 1000,10 x 1,25 = 1250,125.
        (Decimal("1000.10"), "per_year", 15, Amounts(Decimal("1000.10"), Decimal("1250.13"))),
        # 1250,125 for 15 months is 1000,10 a year; 1,005 a year for 12 months stays exact.
        (Decimal("1250.125"), "period", 15, Amounts(Decimal("1000.10"), Decimal("1250.125"))),
        (Decimal("0.125"), "period", 24, Amounts(Decimal("0.06"), Decimal("0.125"))),
        (Decimal("0.01"), "per_year", 18, Amounts(Decimal("0.01"), Decimal("0.02"))),
    ],
)
def test_a_line_per_year_and_for_the_period(amount, basis, months, expected):
    first = Period.month(2021, 1)
    period = Period.span(first, Period.month(2021 + (months - 1) // 12, (months - 1) % 12 + 1))
    budget = Budget(period, lines=[BudgetLine("x", "gemeente", amount=amount, basis=basis)])
    [(_, amounts)] = summarise_budget(budget).lines
    assert amounts == expected


def test_largest_remainders_get_the_spare_units_whatever_the_key_order():
    assert apportion(Decimal(10), {1: 2, 2: 1}) == {1: Decimal(7), 2: Decimal(3)}
    assert apportion(Decimal(10), {"a": 1, "b": 2}) == {"a": Decimal(3), "b": Decimal(7)}
    # A tie goes to the earlier key.
    assert apportion(Decimal(1), {"b": 1, "a": 1}) == {"b": Decimal(1), "a": Decimal(0)}
    assert apportion(Decimal(-10), {1: 2, 2: 1}) == {1: Decimal(-7), 2: Decimal(-3)}
    assert apportion(Decimal(0), {1: 2, 2: 1}) == {1: Decimal(0), 2: Decimal(0)}


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({}, "een bedrag is niet over niets te verdelen"),
        ({1: 1, 2: -1}, "gewichten moeten 0 of meer zijn"),
        ({1: 0, 2: 0}, "een bedrag is niet te verdelen over gewichten die allemaal 0 zijn"),
    ],
)
def test_apportion_says_what_it_cannot_split(weights, message):
    with pytest.raises(InvalidValueError, match=f"^{re.escape(message)}$"):
        apportion(Decimal(10), weights)


def test_split_over_years_rounds_to_the_quantum_and_names_a_wrong_basis():
    assert split_over_years(Decimal("100.00"), FIFTEEN_MONTHS, quantum=CENT) == {
        2005: Decimal("26.67"),
        2006: Decimal("73.33"),
    }
    assert split_over_years(Decimal("100.00"), FIFTEEN_MONTHS) == {
        2005: Decimal(27),
        2006: Decimal(73),
    }
    with pytest.raises(
        InvalidValueError, match=r"^verdeel per 'months' of 'days', niet per 'weeks'$"
    ):
        split_over_years(Decimal(100), FIFTEEN_MONTHS, by="weeks")
