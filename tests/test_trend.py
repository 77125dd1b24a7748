import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import Direction, InvalidValueError, Period
from sociaaldomein.core.trend import TrendClass, TrendThresholds, classify_trend

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


def test_the_report_shows_the_trend_and_a_set_can_set_its_thresholds(tmp_path, capsys):
    from sociaaldomein import IndicatorSet, dump_toml, loads_toml
    from sociaaldomein.cli import main

    (tmp_path / "measurements.csv").write_text(
        "indicator,subject,period,value\n"
        + "".join(
            f"12.actieve-vrijwilligers,Meierijstad,{2019 + i},{v}\n"
            for i, v in enumerate([400, 408, 416])
        ),
        encoding="utf-8",
    )
    assert main(["report", str(tmp_path), "--set", "meierijstad", "--no-charts"]) == 0
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| Actieve vrijwilligers | gehaald | 416 |" in report
    assert "duidelijke verbetering (2% per jaar)" in report
    strict = loads_toml(
        'id = "s"\nname = "S"\n[trend_thresholds]\nclear = 5.0\nslight = 1.0\n', IndicatorSet
    )
    assert strict.trend_thresholds == TrendThresholds(clear=5.0, slight=1.0)
    assert loads_toml(dump_toml(strict), IndicatorSet) == strict
    capsys.readouterr()
