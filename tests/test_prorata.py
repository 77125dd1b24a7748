from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import periods

from sociaaldomein import CENT, EURO, InvalidValueError, apportion, split_over_years


def test_kampen_split_over_calendar_years():
    from sociaaldomein import Period

    period = Period.parse("2005-09..2007-08")
    assert split_over_years(Decimal(290_000), period) == {
        2005: Decimal(48_333),
        2006: Decimal(145_000),
        2007: Decimal(96_667),
    }
    by_days = split_over_years(Decimal(290_000), period, by="days")
    assert sum(by_days.values()) == 290_000


weights = st.dictionaries(
    st.integers(0, 50),
    st.one_of(st.integers(0, 1000), st.fractions(min_value=0, max_value=1000)),
    min_size=1,
).filter(lambda w: sum(w.values()) > 0)


@given(
    st.integers(-(10**9), 10**9),
    weights,
    st.sampled_from([EURO, CENT]),
)
def test_parts_always_add_up_to_the_total(units, weights, quantum):
    total = units * quantum
    parts = apportion(total, weights, quantum=quantum)
    assert sum(parts.values()) == total
    assert set(parts) == set(weights)
    weight_sum = sum(Fraction(w) for w in weights.values())
    for key, part in parts.items():
        exact = Fraction(total) * Fraction(weights[key]) / weight_sum
        # Each part is its exact share rounded down or up by one quantum.
        assert abs(Fraction(part) - exact) < Fraction(quantum)
        assert part % quantum == 0


@given(st.integers(0, 10**8), periods(), st.sampled_from(["months", "days"]))
def test_split_over_years_adds_up(euros, period, by):
    parts = split_over_years(Decimal(euros), period, by=by)
    assert sum(parts.values()) == euros
    assert list(parts) == list(range(period.start.year, period.end.year + 1))


@pytest.mark.parametrize(
    ("total", "weights", "message"),
    [
        (Decimal("10.5"), {1: 1}, "geen geheel aantal"),
        (Decimal(10), {}, "over niets"),
        (Decimal(10), {1: 0}, "allemaal 0"),
        (Decimal(10), {1: -1, 2: 2}, "0 of meer"),
    ],
)
def test_impossible_splits(total, weights, message):
    with pytest.raises(InvalidValueError, match=message):
        apportion(total, weights)
