"""Year-to-date values and aggregates of values that are not known, field by field."""

from __future__ import annotations

import re

import pytest

from sociaaldomein import InvalidValueError, Measurement, MeasurementTypeRegistry, Period
from sociaaldomein.core.aggregation import accumulate, aggregate

TYPES = MeasurementTypeRegistry()
SLICE = {"wijk": "noord"}


def q(year, quarter, value=None, **extra):
    return Measurement("x", "Oss", Period.quarter(year, quarter), value, dimensions=SLICE, **extra)


def to_date(year, month, value=None, **extra):
    period = Period.span(Period.month(year, 1), Period.month(year, month))
    if month == 12:
        period = Period.year(year)
    return Measurement("x", "Oss", period, value, dimensions=SLICE, **extra)


def test_a_sum_runs_through_the_year_and_stops_at_a_value_not_known():
    parts = [
        q(2024, 2, 20, status="provisional", source="registratie"),
        q(2024, 1, 10, source="registratie"),
        q(2024, 3, unknown="n.n.b."),
        q(2024, 4, 5),
    ]
    unknown = "3e kwartaal 2024: n.n.b."
    assert accumulate(parts, "sum", TYPES["count"]) == [
        to_date(2024, 3, 10, source="registratie", note="t/m 1e kwartaal 2024"),
        to_date(2024, 6, 30, status="provisional", source="registratie",
                note="t/m 2e kwartaal 2024"),
        to_date(2024, 9, status="provisional", unknown=unknown, note="t/m 3e kwartaal 2024"),
        to_date(2024, 12, status="provisional", unknown=unknown, note="t/m 4e kwartaal 2024"),
    ]  # fmt: skip


def test_whole_years_and_spans_across_years_are_kept_as_they_are():
    across = Measurement("x", "Oss", Period.parse("2023-12..2024-01"), 7, dimensions=SLICE)
    year = Measurement("x", "Oss", Period.year(2025), 40, dimensions=SLICE)
    parts = [across, year, q(2025, 1, 9), q(2026, 1, 3)]
    assert accumulate(parts, "sum", TYPES["count"]) == [
        across,
        year,
        to_date(2026, 3, 3, note="t/m 1e kwartaal 2026"),
    ]


def test_a_part_without_a_value_or_a_reason_is_not_known_either():
    parts = [q(2024, 1, 10), q(2024, 2, forecast=12)]
    assert accumulate(parts, "sum", TYPES["count"])[1] == to_date(
        2024, 6, unknown="2e kwartaal 2024: geen waarde", note="t/m 2e kwartaal 2024"
    )


def test_a_running_total_is_taken_as_it_is_with_its_own_note():
    parts = [q(2024, 1, 10, note="eigen telling"), q(2024, 2, 25, status="provisional")]
    assert accumulate(parts, "running_total", TYPES["count"]) == [
        to_date(2024, 3, 10, note="eigen telling"),
        to_date(2024, 6, 25, status="provisional", note="t/m 2e kwartaal 2024"),
    ]


def test_a_sum_needs_values_that_add_up():
    message = (
        "percentage-waarden tellen niet op: accumulation 'sum' vraagt om een aantal, bedrag of"
        " uren; gebruik 'running_total' voor cijfers tot nu toe in het jaar"
    )
    with pytest.raises(InvalidValueError, match=f"^{re.escape(message)}$"):
        accumulate([q(2024, 1, 10)], "sum", TYPES["percentage"])


def test_an_aggregate_names_every_part_whose_value_is_not_known():
    year = Period.year(2024)
    parts = [
        Measurement("x", "A", year, 1),
        Measurement("x", "B", year, unknown="n.n.b."),
        Measurement("x", "C", year, forecast=3),
    ]
    result = aggregate(parts, TYPES["count"], subject="Regio")
    assert (result.value, result.note) == (
        None,
        "niet te berekenen: waarde niet bekend bij B (n.n.b.), C (geen waarde)",
    )
