import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from strategies import periods

from sociaaldomein import InvalidValueError, Period, parse_dutch_date


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2010", "year", dt.date(2010, 1, 1), dt.date(2010, 12, 31)),
        ("2010-H1", "half_year", dt.date(2010, 1, 1), dt.date(2010, 6, 30)),
        ("2023-Q3", "quarter", dt.date(2023, 7, 1), dt.date(2023, 9, 30)),
        ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2005-09-05", "day", dt.date(2005, 9, 5), dt.date(2005, 9, 5)),
        ("2005-09..2007-08", "range", dt.date(2005, 9, 1), dt.date(2007, 8, 31)),
        ("2005-09-01..2007-12-31", "range", dt.date(2005, 9, 1), dt.date(2007, 12, 31)),
    ],
)
def test_compact_text_forms(text, kind, start, end):
    period = Period.parse(text)
    assert (period.kind, period.start, period.end) == (kind, start, end)


def test_a_range_of_whole_months_prints_as_months():
    assert str(Period.parse("2005-09-01..2007-12-31")) == "2005-09..2007-12"


@given(periods())
def test_text_form_round_trips(period):
    assert Period.parse(str(period)) == period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 januari 2010", Period.day(dt.date(2010, 1, 1))),
        ("januari 2010", Period.month(2010, 1)),
        ("1 april 2010", Period.day(dt.date(2010, 4, 1))),
        ("  31 December 2010 ", Period.day(dt.date(2010, 12, 31))),
        ("1-9-2005", Period.day(dt.date(2005, 9, 1))),
        ("2008", Period.year(2008)),
    ],
)
def test_dutch_dates_keep_their_precision(text, expected):
    assert parse_dutch_date(text) == expected


@pytest.mark.parametrize("bad", ["31 februari 2010", "1 smarch 2010", "volgend jaar", ""])
def test_bad_dutch_dates(bad):
    with pytest.raises(InvalidValueError):
        parse_dutch_date(bad)


@pytest.mark.parametrize("bad", ["2010-13", "2010-Q5", "2010-H3", "20100", "2007..2005", "x"])
def test_bad_compact_periods(bad):
    with pytest.raises(InvalidValueError, match="verwacht een vorm als"):
        Period.parse(bad)


def test_end_before_start_is_an_error():
    with pytest.raises(InvalidValueError, match="kan niet eindigen voordat hij begint"):
        Period(dt.date(2007, 1, 1), dt.date(2006, 12, 31))


def test_months_per_calendar_year():
    period = Period.parse("2005-09..2007-08")
    assert period.months == 24
    assert period.months_per_year() == {2005: 4, 2006: 12, 2007: 8}
    half_month = Period(dt.date(2005, 9, 16), dt.date(2005, 9, 30))
    assert half_month.months == Fraction(1, 2)


@given(periods())
def test_months_and_days_per_year_add_up(period):
    assert sum(period.months_per_year().values()) == period.months
    assert sum(period.days_per_year().values()) == period.days


def test_dutch_words():
    assert Period.quarter(2023, 1).dutch() == "1e kwartaal 2023"
    assert Period.parse("2005-09..2007-08").dutch() == "september 2005 t/m augustus 2007"


@given(periods(), periods())
def test_periods_sort_by_start_then_end(one, other):
    key = (one.start, one.end), (other.start, other.end)
    assert (one < other) == (key[0] < key[1])
    assert (one <= other) == (key[0] <= key[1])
    assert (one > other) == (key[0] > key[1])
    assert (one >= other) == (key[0] >= key[1])
    assert (one == other) == (key[0] == key[1])


def test_a_period_does_not_sort_with_other_things():
    with pytest.raises(TypeError):
        assert Period.year(2016) < "2017"
