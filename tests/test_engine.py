"""The columnar engine against the scalar specification: same statuses, thresholds, progress."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from engine_checks import assert_same_results
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from sociaaldomein import (
    AtLeast,
    Change,
    CountPerPeriod,
    Indicator,
    InvalidValueError,
    Margin,
    Measurement,
    MeasurementTypeRegistry,
    Period,
    RisingTrend,
    Status,
    UnknownNameError,
    evaluate_all,
)
from sociaaldomein.core.engine import MeasurementTable, evaluate_table
from sociaaldomein.testing import strategies as sds

BUILTIN = MeasurementTypeRegistry()
SUBJECTS = ["GM0001", "GM0002", "Zuidwolde", "Émmen"]


@st.composite
def measured(draw: st.DrawFn) -> tuple[list[Indicator], list[Measurement]]:
    """A few indicators and series of their measurements, baseline included (mostly)."""
    indicators = draw(st.lists(sds.indicators(), min_size=1, max_size=4, unique_by=lambda i: i.id))
    measurements = []
    for indicator in indicators:
        base = indicator.baseline_period
        assert base is not None
        year = base.start.year
        periods = st.one_of(
            st.sampled_from([base, *(Period.year(year + k) for k in range(1, 4))]),
            sds.periods(years=(year - 1, year + 3)),
        )
        for subject in draw(st.lists(st.sampled_from(SUBJECTS), max_size=3, unique=True)):
            dimensions = st.sampled_from([{}, {}, {"leeftijd": "0-17"}, {"dorp": "Zuid"}])
            measurements += draw(
                st.lists(
                    sds.measurements(
                        indicator=indicator, subject=subject, periods=periods, dimensions=dimensions
                    ),
                    max_size=6,
                )
            )
    return indicators, draw(st.permutations(measurements))


def _table(indicators: list[Indicator], measurements: list[Measurement]) -> MeasurementTable:
    try:
        return MeasurementTable.from_measurements(measurements, indicators)
    except InvalidValueError as error:
        assume("cijfers" not in str(error))
        raise


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(measured())
def test_the_engine_gives_what_evaluate_all_gives(case):
    indicators, measurements = case
    table = _table(indicators, measurements)
    try:
        results = evaluate_table(table)
    except InvalidValueError as error:
        assume("cijfers" not in str(error))
        raise
    event("scaled integers" if results._scale is not None else "decimals")
    for indicator in indicators:
        event(f"target {getattr(indicator.target, 'kind', None)}")
        event(f"tolerance {getattr(indicator.tolerance, 'kind', None)}")
    expected = evaluate_all(indicators, measurements)
    for evaluation in expected:
        event(f"status {evaluation.status.value}")
    assert_same_results(results, expected)


@given(measured())
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_table_gives_its_measurements_back(case):
    indicators, measurements = case
    table = _table(indicators, measurements)
    types = {i.id: BUILTIN[i.measurement_type] for i in indicators}
    # A value derived from numerator and denominator is left out again, as given.
    assert list(table.to_measurements()) == [
        m if m.value is None else attrs.evolve(m, value=m.value_as(types[m.indicator]))
        for m in measurements
    ]


def test_latest_gives_the_last_period_of_each_series():
    indicator = Indicator(
        "a", "A", "percentage", target=AtLeast(50), baseline_period=Period.year(2015)
    )
    measurements = [
        Measurement("a", subject, Period.year(year), 40 + year - 2015)
        for subject in ("x", "y")
        for year in range(2015, 2019)
    ]
    latest = evaluate_table(MeasurementTable.from_measurements(measurements, [indicator])).latest()
    assert [(e.subject, e.period) for e in latest] == [
        ("x", Period.year(2018)),
        ("y", Period.year(2018)),
    ]
    assert latest[0].value == 43.0


def test_the_table_keeps_values_exact():
    # 0.1 + 0.2 style sums: as floats, 33.0 * 1.1 is 36.300000000000004.
    indicator = Indicator(
        "a",
        "A",
        "percentage",
        direction="higher_is_better",
        target=Change(10),
        tolerance=RisingTrend(),
        baseline_period=Period.year(2015),
    )
    measurements = [
        Measurement("a", "x", Period.year(2015), 33.0),
        Measurement("a", "x", Period.year(2016), 36.3),
    ]
    results = evaluate_table(MeasurementTable.from_measurements(measurements, [indicator]))
    assert results.frame.get_column("threshold").to_list() == [Decimal("36.3")]
    assert results[0].status is Status.MET


def test_a_count_over_part_of_a_year_keeps_its_exact_threshold():
    indicator = Indicator("n", "N", "count", target=CountPerPeriod(5), tolerance=Margin(1))
    period = Period.parse("2020-01-01..2020-02-10")
    measurement = Measurement("n", "x", period, 1)
    results = evaluate_table(MeasurementTable.from_measurements([measurement], [indicator]))
    assert results[0] == evaluate_all([indicator], [measurement])[0]
    assert results[0].threshold == evaluate_all([indicator], [measurement])[0].threshold


def test_an_unknown_indicator_is_named():
    indicator = Indicator("a", "A", "percentage")
    with pytest.raises(UnknownNameError, match="'b'"):
        MeasurementTable.from_measurements(
            [Measurement("b", "x", Period.year(2020), 1)], [indicator]
        )
