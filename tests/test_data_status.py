"""Three levels of data status, as CBS publishes them, and the weakest wins when adding up."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import DataStatus, Measurement, MeasurementTypeRegistry, Period
from sociaaldomein.core.aggregation import aggregate

COUNT = MeasurementTypeRegistry()["count"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("provisional", DataStatus.PROVISIONAL),
        ("definitive", DataStatus.DEFINITIVE),
        ("revised_provisional", DataStatus.REVISED_PROVISIONAL),
        ("Voorlopig", DataStatus.PROVISIONAL),
        ("Nader voorlopig", DataStatus.REVISED_PROVISIONAL),
        ("nader  VOORLOPIG", DataStatus.REVISED_PROVISIONAL),
        ("Definitief", DataStatus.DEFINITIVE),
    ],
)
def test_the_english_values_and_the_dutch_words_are_read(text, status):
    assert DataStatus(text) is status


def test_an_unknown_status_is_an_error():
    with pytest.raises(ValueError, match="not a valid DataStatus"):
        DataStatus("bijna definitief")


def test_order_and_dutch_words():
    assert DataStatus.PROVISIONAL < DataStatus.REVISED_PROVISIONAL < DataStatus.DEFINITIVE
    assert [s.dutch for s in DataStatus] == ["voorlopig", "nader voorlopig", "definitief"]
    assert [s.final for s in DataStatus] == [False, False, True]


@given(st.lists(st.sampled_from(list(DataStatus)), min_size=1, max_size=8))
def test_an_aggregate_is_as_final_as_its_least_final_part(statuses):
    parts = [
        Measurement("n", f"GM{index:04d}", Period.year(2024), index, status=status)
        for index, status in enumerate(statuses)
    ]
    result = aggregate(parts, COUNT, subject="regio")
    assert result.status is min(statuses, key=lambda status: status.rank)
    assert all(result.status <= status for status in statuses)
    assert result.value == sum(range(len(statuses)))
