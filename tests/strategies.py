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
