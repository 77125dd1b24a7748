"""Hypothesis strategies the project's own tests share."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from sociaaldomein import Period

years = st.integers(min_value=1990, max_value=2060)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    kind = draw(st.sampled_from(["year", "half", "quarter", "month", "day", "months", "days"]))
    year = draw(years)
    if kind == "year":
        return Period.year(year)
    if kind == "half":
        return Period.half_year(year, draw(st.integers(1, 2)))
    if kind == "quarter":
        return Period.quarter(year, draw(st.integers(1, 4)))
    if kind == "month":
        return Period.month(year, draw(st.integers(1, 12)))
    if kind == "months":
        first = Period.month(year, draw(st.integers(1, 12)))
        last = Period.month(year + draw(st.integers(0, 3)), draw(st.integers(1, 12)))
        return Period.span(min(first, last), max(first, last))
    start, end = sorted((draw(dates), draw(dates)))
    return Period(start, end) if kind == "days" else Period.day(start)


def decimals(low: int = -(10**9), high: int = 10**9, places: int = 2) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=low, max_value=high, places=places, allow_nan=False, allow_infinity=False
    )


@st.composite
def schedule_tables(draw: st.DrawFn, *, duplicate: bool) -> tuple[list[str], str]:
    """A TOML ``[indicators.schedule]`` table of periods within one budget year each.

    ``duplicate``: one period is written twice, two ways (``2024`` and
    ``"2024-01..2024-12"``); the keys given back are those two. Otherwise
    every key is a different period, and the keys are all of them.
    """
    from sociaaldomein.testing.strategies import period_texts
    from sociaaldomein.testing.strategies import periods as model_periods

    kinds = ["year", "half_year", "quarter", "month"]
    within_a_year = model_periods(kinds=kinds, years=(2015, 2030))
    drawn = draw(st.lists(within_a_year, min_size=1, max_size=4, unique=True))
    keys = [draw(period_texts(period)) for period in drawn]
    if duplicate:
        twice = draw(st.sampled_from(drawn))
        first = keys[drawn.index(twice)]
        second = draw(period_texts(twice).filter(lambda text: text != first))
        keys.insert(draw(st.integers(0, len(keys))), second)
        shown = [first, second]
    else:
        shown = keys
    lines = [f'"{key}" = {{ kind = "at_most", value = {30 + n} }}' for n, key in enumerate(keys)]
    return shown, "[indicators.schedule]\n" + "\n".join(lines) + "\n"
