"""The columnar CSV reader against the scalar one: same measurements, same errors."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sociaaldomein import (
    AtLeast,
    Indicator,
    InvalidValueError,
    LoadError,
    Period,
    format_measurements,
    load_measurements,
)
from sociaaldomein.app.table import read_measurements_table
from sociaaldomein.testing import strategies as sds

# Cells that put the column checks to the test: padding, commas, exponents,
# out-of-range values, yes/no spellings, empties.
ODD_CELLS = st.sampled_from(
    [
        "",
        " ",
        " 1",
        "1 ",
        "1,5",
        "1.000,5",
        "1e3",
        "-0",
        "+4",
        "007",
        "1.0",
        "101",
        "-1",
        "12.3456789012345678",
        "JA",
        "nee",
        "yes",
        "0",
        "abc",
        "provisional",
        "definitive",
        "voorlopig",
        "2015",
        "2015-Q5",
        " 2016 ",
        "x",
        '"',
        "a,b",
    ]
)


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[list[Indicator], str]:
    indicators = draw(st.lists(sds.indicators(), min_size=1, max_size=3, unique_by=lambda i: i.id))
    measurements = draw(
        st.lists(st.sampled_from(indicators).flatmap(lambda i: sds.measurements(indicator=i)))
    )
    rows = list(csv.reader(io.StringIO(format_measurements(measurements), newline="")))
    for _ in range(draw(st.integers(0, 3))):
        if len(rows) > 1:
            row = draw(st.integers(1, len(rows) - 1))
            cell = draw(st.integers(0, len(rows[0]) - 1))
            rows[row][cell] = draw(ODD_CELLS | st.sampled_from([i.id for i in indicators]))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=draw(st.sampled_from(["\r\n", "\n"]))).writerows(rows)
    return indicators, buffer.getvalue()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(csv_files())
def test_the_table_reader_reads_what_the_scalar_reader_reads(tmp_path_factory, case):
    indicators, text = case
    path = tmp_path_factory.mktemp("csv") / "metingen.csv"
    path.write_text(text, encoding="utf-8", newline="")
    try:
        expected = load_measurements(path, indicators=indicators)
    except LoadError as error:
        message = str(error)
    else:
        message = None
    if message is not None:
        with pytest.raises(LoadError) as raised:
            read_measurements_table(path, indicators=indicators)
        assert str(raised.value) == message
        return
    try:
        table = read_measurements_table(path, indicators=indicators)
    except InvalidValueError as error:
        # The table's one limit: 38 digits per value (the scalar reader has none).
        assume("digits" not in str(error))
        raise
    assert list(table.to_measurements()) == [
        m if m.value is not None else _derived(m, indicators) for m in expected
    ]


def _derived(measurement, indicators):
    import attrs

    from sociaaldomein import MeasurementTypeRegistry

    types = MeasurementTypeRegistry()
    kind = {i.id: types[i.measurement_type] for i in indicators}[measurement.indicator]
    return attrs.evolve(measurement, value=measurement.value_as(kind))


def test_bad_rows_are_reported_with_their_line_numbers(tmp_path):
    indicator = Indicator("a", "A", "percentage", target=AtLeast(50))
    path = tmp_path / "metingen.csv"
    path.write_text(
        "indicator,subject,period,value\na,GM1,2015,40\n\na,GM1,2016,130\nb,GM1,2017,1\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as raised:
        read_measurements_table(path, indicators=[indicator])
    assert [problem.where for problem in raised.value.problems] == ["line 4", "line 5"]


def test_a_missing_column_is_named(tmp_path):
    path = tmp_path / "metingen.csv"
    path.write_text("indicator,subject,value\na,GM1,40\n", encoding="utf-8")
    with pytest.raises(LoadError, match="missing column 'period'"):
        read_measurements_table(path, indicators=[Indicator("a", "A", "percentage")])


def test_periods_are_parsed_once_and_shared(tmp_path):
    path = tmp_path / "metingen.csv"
    path.write_text(
        "indicator,subject,period,value\n" + "".join(f"a,GM{n},2015,40\n" for n in range(50)),
        encoding="utf-8",
    )
    table = read_measurements_table(path, indicators=[Indicator("a", "A", "percentage")])
    assert table.periods == (Period.year(2015),)
    assert table.frame.schema["subject"].categories.len() == 50


@given(
    st.lists(
        st.sampled_from(
            [b"1", b"2", b"0", b".", b",", b'"', b"\n", b"\r", b"e", b"E", b"+", b"-", b"'", b"a"]
        ),
        max_size=60,
    ).map(b"".join)
)
def test_the_fast_scan_agrees_with_the_full_pattern(data):
    from sociaaldomein.app.table import _SCALAR_ONLY, _scalar_only

    assert _scalar_only(data) == (_SCALAR_ONLY.search(data) is not None)


def test_the_fast_scan_sees_a_long_number_with_thousands_dots():
    from sociaaldomein.app.table import _scalar_only

    assert _scalar_only(b"a,b,1" + b".234" * 20 + b"\n")
