"""Issue 23's validate and display cases on the columnar path: the same reasons, the same findings.

The objects' path is the specification (``test_reason_display.py``,
``test_validate_edges.py``); here the columnar engine and the run on a
table must give the same, word for word. Kept apart from those files, as
every engine test is, because ``make mutate`` leaves polars out.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from engine_checks import assert_same_results
from hypothesis import given, settings
from test_reason_display import judged
from test_validate_edges import MISSING, _relative

from sociaaldomein import (
    AtLeast,
    AtMost,
    Between,
    Change,
    Direction,
    Indicator,
    Measurement,
    MeasurementTypeRegistry,
    Period,
    evaluate_all,
)
from sociaaldomein.app.measured import MeasuredObjects
from sociaaldomein.app.measured_table import MeasuredTable
from sociaaldomein.core.engine import MeasurementTable, evaluate_table

TYPES = MeasurementTypeRegistry()
Y = Period.year


def rows_of(key, *values, baseline=None, since=2019):
    rows = [Measurement(key, "Kampen", Y(2024 + n), v) for n, v in enumerate(values)]
    if baseline is not None:
        rows.insert(0, Measurement(key, "Kampen", Y(since), baseline))
    return rows


CASES = [
    pytest.param(
        Indicator("bereik", "Bereik", "percentage", target=AtLeast(15)),
        rows_of("bereik", 14.999, 15, 15.0004),
        id="a value just below the target does not read as the target",
    ),
    pytest.param(
        Indicator("wacht", "Wacht", "percentage", target=AtMost(15)),
        rows_of("wacht", 15.0004, 14.999),
        id="a value just above a maximum does not read as the maximum",
    ),
    pytest.param(
        Indicator("r", "R", "ratio", target=AtLeast(0)),
        rows_of("r", Decimal("0.125"), Decimal("2.675")),
        id="display rounds half away from zero",
    ),
    pytest.param(
        Indicator("cijfer", "Cijfer", "grade", target=AtLeast(7)),
        rows_of("cijfer", 7, 6.95, 7.05),
        id="a grade shows with one decimal",
    ),
    pytest.param(
        Indicator("geld", "Geld", "amount", target=Between(100, 250)),
        rows_of("geld", Decimal("250.004"), Decimal("99.995")),
        id="an amount keeps its cents and reads outside its range",
    ),
    pytest.param(
        Indicator(
            "uren",
            "Uren",
            "hours",
            direction=Direction.HIGHER_IS_BETTER,
            target=Change(10),
            baseline_period=Y(2019),
        ),
        rows_of("uren", 109.99, 110.001, baseline=100),
        id="a relative change just short of its target reads short",
    ),
    pytest.param(
        MISSING,
        rows_of("tevreden", 50),
        id="a missing baseline for a fallback says the baseline is missing",
    ),
]


@pytest.mark.parametrize(("indicator", "rows"), CASES)
def test_the_columnar_engine_gives_the_same_reasons_at_the_edges(indicator, rows):
    expected = evaluate_all([indicator], rows, TYPES)
    assert_same_results(
        evaluate_table(MeasurementTable.from_measurements(rows, [indicator])), expected
    )


@settings(max_examples=40, deadline=None)
@given(judged())
def test_the_columnar_engine_shows_the_same_numbers(case):
    kind, target, value = case
    indicator = Indicator("x", "X", kind.name, target=target)
    rows = [Measurement("x", "Oss", Y(2024), kind.validate(value))]
    expected = evaluate_all([indicator], rows, TYPES)
    assert_same_results(
        evaluate_table(MeasurementTable.from_measurements(rows, [indicator])), expected
    )


def test_a_relative_target_on_a_zero_baseline_is_found_on_both_paths():
    rows = [
        Measurement("vrijwilligers", "Kampen", Y(2019), 0),
        Measurement("vrijwilligers", "Kampen", Y(2024), 3),
    ]
    indicators = [_relative()]
    objects = MeasuredObjects(rows, indicators, TYPES).findings(None, ())
    table = MeasurementTable.from_measurements(rows, indicators)
    columns = MeasuredTable(table, indicators, TYPES).findings(None, ())
    assert [f.rule for f in objects] == [f.rule for f in columns] == ["targets.zero_baseline"]
    assert objects == columns
