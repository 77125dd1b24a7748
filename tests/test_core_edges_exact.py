"""Edges of the hour roll-up, the reporting period, records and the accountability result."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sociaaldomein import (
    Accountability,
    AtLeast,
    Indicator,
    Measurement,
    MeasurementTypeRegistry,
    Period,
    Project,
    evaluate,
    roll_up_hours,
    to_records,
)
from sociaaldomein.core.reporting_period import expected_periods, missing_in_period
from sociaaldomein.model import Frequency

Y2016 = Period.year(2016)
TYPES = MeasurementTypeRegistry()


def test_projects_after_one_listed_twice_still_count():
    def project(number: str, hours: int) -> Project:
        return Project(number, f"Project {number}", cluster="C", budget_hours=hours)

    rollup = roll_up_hours([project("1", 5), project("1", 5), project("2", 7)], "cluster")
    assert (rollup.hours, rollup.total, rollup.listed_twice) == ({"C": 12}, 12, ("1",))


def test_a_quarterly_indicator_expects_every_quarter_and_names_the_missing_ones():
    quarterly = Indicator("x", "X", "count", frequency=Frequency.QUARTERLY)
    quarters = tuple(Period.quarter(2016, q) for q in (1, 2, 3, 4))
    assert expected_periods(quarterly, Y2016) == quarters
    first = Measurement("x", "Oss", quarters[0], 4)
    found = missing_in_period(quarterly, [first], Y2016, "Oss")
    assert found is not None
    assert found.message == (
        f"Oss: geen meting voor {quarters[1].dutch()}, {quarters[2].dutch()},"
        f" {quarters[3].dutch()} (per kwartaal); beoordeeld op de laatste meting in de periode"
    )


def test_a_record_carries_the_progress_as_a_number():
    indicator = Indicator("x", "X", "count", target=AtLeast(50), baseline_period=Period.year(2015))
    result = evaluate(
        indicator,
        Measurement("x", "Oss", Y2016, 45),
        measurement_type=TYPES["count"],
        baseline=Measurement("x", "Oss", Period.year(2015), 40),
    )
    assert result.progress == Decimal("0.5")
    assert to_records([result])[0]["progress"] == 0.5


def test_the_result_of_an_indicator_not_in_the_run_is_a_key_error_naming_it():
    run = Accountability(
        title="T",
        subject="Oss",
        period=Y2016,
        indicators=(),
        types=TYPES,
        results=(),
        measurements=(),
    )
    with pytest.raises(KeyError) as caught:
        run.result("onbekend")
    assert caught.value.args == ("onbekend",)
