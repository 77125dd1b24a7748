"""Cumulative and year-to-date values: judged against the year's target, never counted twice."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import (
    Accumulation,
    AtLeast,
    Indicator,
    InvalidValueError,
    Measurement,
    MeasurementTypeRegistry,
    Period,
    Status,
    accumulate,
    aggregate,
    evaluate_all,
)

TYPES = MeasurementTypeRegistry()
Q = Period.quarter

BEREIK = Indicator(
    "bereik",
    "Bereikte jongeren",
    "count",
    target=AtLeast(400),
    schedule={"2024-H1": AtLeast(150)},
    accumulation="sum",
)


def quarters(subject, *values, indicator="bereik"):
    return [
        Measurement(indicator, subject, Q(2024, number), value)
        for number, value in enumerate(values, start=1)
    ]


def test_new_clients_per_quarter_add_up_to_year_to_date_values():
    ytd = accumulate(quarters("Oss", 100, 80, 120, 90), Accumulation.SUM, TYPES["count"])
    assert [(str(m.period), m.value) for m in ytd] == [
        ("2024-Q1", 100),
        ("2024-H1", 180),
        ("2024-01..2024-09", 300),
        ("2024", 390),
    ]


def test_a_running_total_is_taken_as_it_is_never_added_up():
    ytd = accumulate(quarters("Oss", 100, 180, 300), "running_total", TYPES["count"])
    assert [(str(m.period), m.value) for m in ytd] == [
        ("2024-Q1", 100),
        ("2024-H1", 180),
        ("2024-01..2024-09", 300),
    ]


def test_year_to_date_values_are_judged_against_the_target_in_force():
    results = evaluate_all([BEREIK], quarters("Oss", 100, 80, 120, 110))
    assert [(str(r.period), r.status, r.target) for r in results] == [
        ("2024-Q1", Status.NOT_MET, AtLeast(150)),  # the first half year's target
        ("2024-H1", Status.MET, AtLeast(150)),
        ("2024-01..2024-09", Status.NOT_MET, AtLeast(400)),
        ("2024", Status.MET, AtLeast(400)),
    ]
    assert results[-1].reason == "410 (doel: minimaal 400); gehaald"


def test_a_whole_year_figure_wins_and_nothing_is_added_to_it():
    rows = [*quarters("Oss", 100, 80), Measurement("bereik", "Oss", Period.year(2024), 390)]
    assert [m.value for m in accumulate(rows, "sum", TYPES["count"])] == [390]


def test_overlapping_parts_would_count_twice_and_are_refused():
    rows = [*quarters("Oss", 100), Measurement("bereik", "Oss", Period.month(2024, 2), 30)]
    with pytest.raises(InvalidValueError, match="twee keer tellen"):
        accumulate(rows, "sum", TYPES["count"])


def test_summing_percentages_is_refused():
    with pytest.raises(InvalidValueError, match="gebruik 'running_total'"):
        accumulate([], "sum", TYPES["percentage"])


def test_after_an_unknown_quarter_the_sum_is_not_known():
    rows = [*quarters("Oss", 100), Measurement("bereik", "Oss", Q(2024, 2), unknown="n.n.b.")]
    rows.append(Measurement("bereik", "Oss", Q(2024, 3), 50))
    ytd = accumulate(rows, "sum", TYPES["count"])
    assert [m.known for m in ytd] == [True, False, False]
    assert ytd[2].unknown == "2e kwartaal 2024: n.n.b."


# -- properties ------------------------------------------------------------------------

quarter_values = st.lists(st.integers(0, 1000), min_size=1, max_size=4)


@given(st.lists(quarter_values, min_size=1, max_size=5))
def test_adding_up_subjects_then_accumulating_equals_accumulating_then_adding_up(subjects):
    per_subject = [
        accumulate(quarters(f"g{index}", *values), "sum", TYPES["count"])
        for index, values in enumerate(subjects)
    ]
    longest = max(len(values) for values in subjects)
    per_quarter = []
    for number in range(1, longest + 1):
        parts = [
            Measurement("bereik", f"g{i}", Q(2024, number), values[number - 1])
            for i, values in enumerate(subjects)
            if len(values) >= number
        ]
        per_quarter.append(aggregate(parts, TYPES["count"], subject="regio").as_measurement())
    region = accumulate([m for m in per_quarter if m], "sum", TYPES["count"])
    # The region's year to date is the sum of its subjects' years to date: each
    # quarter of each subject counted once.
    for number, total in enumerate(region, start=1):
        assert total.value == sum(sum(values[:number]) for values in subjects)
    # Each subject's year-to-date value is the sum of its own quarters, counted once.
    for values, ytd in zip(subjects, per_subject, strict=True):
        assert ytd[-1].value == sum(values)


@given(st.lists(st.integers(0, 1000), min_size=1, max_size=4))
def test_a_running_total_year_value_is_its_latest_not_a_sum(values):
    running = accumulate(quarters("Oss", *values), "running_total", TYPES["count"])
    assert running[-1].value == values[-1]
    assert len(running) == len(values)


@given(st.lists(st.integers(0, 1000), min_size=1, max_size=4), st.integers(0, 1000))
def test_more_in_a_quarter_never_worsens_the_status(values, extra):
    better = [*values[:-1], values[-1] + extra]
    first = evaluate_all([BEREIK], quarters("Oss", *values))
    second = evaluate_all([BEREIK], quarters("Oss", *better))
    for a, b in zip(first, second, strict=True):
        assert b.status.rank >= a.status.rank
