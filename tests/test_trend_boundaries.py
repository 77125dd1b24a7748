"""Trend classes at their exact thresholds, and the growth figure of each rule."""

from __future__ import annotations

import pytest

from sociaaldomein import Direction, Period
from sociaaldomein.core.trend import TrendClass, TrendThresholds, classify_trend

UP, DOWN = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER


def series(*values, start=2019):
    return [(Period.year(start + i), v) for i, v in enumerate(values)]


@pytest.mark.parametrize(
    ("values", "growth"),
    [
        # CAGR from the first to the last point, whatever lies between.
        ((100, 150, 121), 10.0),
        ((100, 50, 121), 10.0),
        ((0.5, 0.1, 0.72), 20.0),
        # From or to zero: the change a year on the mean absolute level.
        ((0, 5, 10), 100.0),  # level 5
        ((0, 1, 2), 100.0),  # level 1
        ((100, 100, 0), -75.0),  # level 200/3
        ((-10, 0, 10), 150.0),  # level 20/3
        ((100, 50, 0.5), None),  # positive throughout: CAGR
        ((0, 0, 0), 0.0),
    ],
)
def test_growth_a_year(values, growth):
    _, got = classify_trend(series(*values), UP)
    if growth is None:
        assert got == pytest.approx(((0.5 / 100) ** 0.5 - 1) * 100)
    else:
        assert got == pytest.approx(growth)


def test_all_zero_is_stable():
    assert classify_trend(series(0, 0, 0), UP) == (TrendClass.STABLE, 0.0)


def test_the_order_of_the_points_does_not_matter():
    points = series(100, 150, 121)
    assert classify_trend(points[::-1], UP) == classify_trend(points, UP)


def test_falling_is_good_where_lower_is_better():
    cls, growth = classify_trend(series(0, 5, 10), DOWN)
    assert (cls, growth) == (TrendClass.DETERIORATION, pytest.approx(-100.0))


# (0, 5, 10) grows exactly 100.0 a year; (10, 5, 0) exactly -100.0.
@pytest.mark.parametrize(
    ("values", "thresholds", "expected"),
    [
        ((0, 5, 10), TrendThresholds(clear=100.0, slight=50.0), TrendClass.CLEAR_IMPROVEMENT),
        ((0, 5, 10), TrendThresholds(clear=100.5, slight=50.0), TrendClass.SLIGHT_IMPROVEMENT),
        ((0, 5, 10), TrendThresholds(clear=200.0, slight=100.0), TrendClass.SLIGHT_IMPROVEMENT),
        ((0, 5, 10), TrendThresholds(clear=200.0, slight=100.5), TrendClass.STABLE),
        ((10, 5, 0), TrendThresholds(slight=0.0, stable=100.0), TrendClass.STABLE),
        ((10, 5, 0), TrendThresholds(slight=0.0, stable=99.5), TrendClass.DETERIORATION),
    ],
)
def test_each_class_begins_at_its_threshold(values, thresholds, expected):
    assert classify_trend(series(*values), UP, thresholds)[0] is expected


def test_less_than_a_year_apart_is_still_a_trend():
    quarters = [(Period.quarter(2021, q), v) for q, v in [(1, 100), (2, 100), (3, 101)]]
    cls, growth = classify_trend(quarters, UP)
    assert cls is TrendClass.CLEAR_IMPROVEMENT
    assert growth == pytest.approx((1.01**2 - 1) * 100)


def test_points_that_all_start_together_are_too_few():
    same_start = [
        (Period.year(2021), 100),
        (Period.half_year(2021, 1), 110),
        (Period.month(2021, 1), 120),
    ]
    assert classify_trend(same_start, UP) == (TrendClass.TOO_FEW_POINTS, None)
