import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import Direction, InvalidValueError, Period
from sociaaldomein.trend import TrendClass, TrendThresholds, classify_trend

UP, DOWN = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER


def series(*values, start=2019):
    return [(Period.year(start + i), v) for i, v in enumerate(values)]


@pytest.mark.parametrize(
    ("values", "direction", "expected"),
    [
        ((100, 102, 104.04), UP, TrendClass.CLEAR_IMPROVEMENT),  # 2% a year
        ((100, 100.5, 101), UP, TrendClass.SLIGHT_IMPROVEMENT),  # 0,5% a year
        ((100, 100, 100), UP, TrendClass.STABLE),
        ((100, 98, 96), UP, TrendClass.DETERIORATION),
        ((100, 98, 96), DOWN, TrendClass.CLEAR_IMPROVEMENT),  # falling is good here
        ((100, 104), UP, TrendClass.TOO_FEW_POINTS),
        ((0, 5, 10), UP, TrendClass.CLEAR_IMPROVEMENT),  # from zero: change on the mean level
    ],
)
def test_classes(values, direction, expected):
    assert classify_trend(series(*values), direction)[0] is expected


def test_growth_is_the_compound_annual_rate():
    _, growth = classify_trend(series(100, 110, 121), UP)
    assert growth == pytest.approx(10.0)


def test_a_set_can_override_the_thresholds():
    strict = TrendThresholds(clear=5.0, slight=1.0, stable=0.5)
    assert classify_trend(series(100, 102, 104.04), UP, strict)[0] is TrendClass.SLIGHT_IMPROVEMENT
    with pytest.raises(InvalidValueError):
        TrendThresholds(clear=0.1, slight=1.0)


positive = st.floats(1, 1e6, allow_nan=False)


@given(st.lists(positive, min_size=3, max_size=8), st.floats(1.0, 2.0))
def test_improving_the_last_value_never_worsens_the_class(values, factor):
    order = list(TrendClass)
    rank = {c: order.index(c) for c in order}
    before = classify_trend(series(*values), UP)[0]
    after = classify_trend(series(*values[:-1], values[-1] * factor), UP)[0]
    assert rank[after] <= rank[before]


@given(st.lists(positive, min_size=3, max_size=8))
def test_mirroring_the_direction_mirrors_the_growth(values):
    _, up = classify_trend(series(*values), UP)
    _, down = classify_trend(series(*values), DOWN)
    assert up == pytest.approx(-down)
