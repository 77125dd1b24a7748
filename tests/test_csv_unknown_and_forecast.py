"""The CSV columns ``unknown`` and ``forecast``: read, written, and read back the same."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import (
    Indicator,
    LoadError,
    Measurement,
    Period,
    format_measurements,
    parse_measurements,
)

RATE = Indicator("bijstand", "Bijstand per 1.000", "rate_per_1000")


def test_a_value_not_known_and_a_forecast_are_read():
    text = (
        "indicator,subject,period,value,unknown,forecast\n"
        "bijstand,Beverwijk,2019,,n.n.b.,\n"
        "bijstand,Beverwijk,2020,,,62\n"
        "bijstand,Beverwijk,2018,34.3,,\n"
    )
    first, second, third = parse_measurements(text, indicators=[RATE])
    assert (first.value, first.unknown) == (None, "n.n.b.")
    assert (second.value, second.forecast) == (None, 62)
    assert third.value == 34.3


def test_a_row_with_no_value_and_no_reason_is_still_an_error():
    with pytest.raises(LoadError, match="line 2"):
        parse_measurements(
            "indicator,subject,period,value,unknown,forecast\nbijstand,B,2019,,,\n",
            indicators=[RATE],
        )


def test_a_bad_forecast_names_its_column():
    with pytest.raises(LoadError, match="forecast"):
        parse_measurements(
            "indicator,subject,period,value,forecast\nbijstand,B,2019,3,-5\n", indicators=[RATE]
        )


@given(
    st.lists(
        st.one_of(
            st.builds(lambda v: {"value": v}, st.integers(0, 2000)),
            st.builds(lambda u: {"unknown": u}, st.sampled_from(["n.n.b.", ".", "n.b."])),
            st.builds(lambda f: {"forecast": f}, st.integers(0, 2000)),
            st.builds(
                lambda v, f: {"value": v, "forecast": f}, st.integers(0, 2000), st.integers(0, 9)
            ),
        ),
        max_size=6,
    )
)
def test_written_measurements_read_back_the_same(parts):
    measurements = [
        Measurement("bijstand", "Beverwijk", Period.year(2000 + i), **part)
        for i, part in enumerate(parts)
    ]
    again = parse_measurements(format_measurements(measurements), indicators=[RATE])
    assert again == measurements
