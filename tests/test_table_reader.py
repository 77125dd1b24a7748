"""The columnar CSV reader against the scalar one: same measurements, same errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from engine_checks import read_on_the_columnar_path
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from sociaaldomein import (
    AtLeast,
    Indicator,
    InvalidValueError,
    LoadError,
    MeasurementTypeRegistry,
    Period,
    SociaaldomeinError,
    format_measurements,
    load_measurements,
)
from sociaaldomein.core.engine import evaluate_table
from sociaaldomein.core.evaluation import evaluate_all
from sociaaldomein.io.table import read_measurements_table
from sociaaldomein.testing import strategies as sds
from sociaaldomein.text.numbers import as_decimal

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
        # Values not known, as people write them (read as such by both readers).
        "n.n.b.",
        "Onbekend",
        "-",
    ]
)
# Headings as people write them: the one table of headings (io/columns.py) for both readers.
HEADINGS = {"indicator": "Indicator", "subject": "Gemeente", "period": "PERIODE", "value": "waarde"}


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[list[Indicator], str]:
    indicators = draw(st.lists(sds.indicators(), min_size=1, max_size=3, unique_by=lambda i: i.id))
    # Sometimes values not known (n.n.b.) and forecasts: the columns the scalar reader reads.
    odd = draw(st.booleans())
    known, forecast = (None, None) if odd else (True, False)
    measurements = draw(
        st.lists(
            st.sampled_from(indicators).flatmap(
                lambda i: sds.measurements(indicator=i, known=known, forecast=forecast)
            )
        )
    )
    rows = list(csv.reader(io.StringIO(format_measurements(measurements), newline="")))
    if draw(st.booleans()):
        rows[0] = [HEADINGS.get(name, name) for name in rows[0]]
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
    expected = _scalar_reading(path, indicators)
    if expected is None:
        return
    try:
        table = read_measurements_table(path, indicators=indicators)
    except InvalidValueError as error:
        # The table's one limit: 38 digits per value (the scalar reader has none).
        assume("cijfers" not in str(error))
        raise
    assert list(table.to_measurements()) == expected
    # And judged alike: values not known and forecasts carry their reasons through.
    assert list(evaluate_table(table, indicators)) == evaluate_all(indicators, expected)


def _scalar_reading(path, indicators):
    """The scalar reader's measurements; or None, once the table reader raised the same error."""
    try:
        return list(load_measurements(path, indicators=indicators))
    except LoadError as error:
        message = str(error)
    with pytest.raises(LoadError) as raised:
        read_measurements_table(path, indicators=indicators)
    assert str(raised.value) == message
    return None


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
    with pytest.raises(LoadError, match="kolom 'period' ontbreekt"):
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


# Cells the column checks must leave to the scalar reader, or read exactly as it does.
AWKWARD_CELLS = [
    "1.234",  # a thousands dot for counts and amounts, a decimal point for others
    "1.000",
    "12.345.678",
    "1e26",
    "1E-3",
    "1.5e3",
    "1234567890123456",  # 16 digits
    "123456789012345",
    "123456789012345.5",
    "0.123456789012345",
    "8.796501084891385",  # 16 digits: the float nearest to it prints as ...386
    "-1.5",
    "-0",
    "+4",
    ".5",
    "5.",
    "1.2345678",
    "'=1+1",
    "'-3",
    "'s-Hertogenbosch",
    "ja",
    "NEE",
    "1",
    "0",
    " 7",
    "a\rb",
    "4\r",  # before a delimiter polars drops the CR; the scalar reader ends the line
    "\r",
    "x\r\r",
    "\u00e9\u00e9n",
    "",
]


@pytest.mark.parametrize(
    "kind", ["percentage", "grade", "count", "amount", "ratio", "milestone", "qualitative"]
)
def test_awkward_cells_read_as_the_scalar_reader_reads_them(tmp_path, kind):
    indicator = Indicator("a", "A", kind)
    for number, cell in enumerate(AWKWARD_CELLS):
        path = tmp_path / f"metingen{number}.csv"
        rows = [["indicator", "subject", "period", "value"], ["a", "GM1", "2015", "1"]]
        rows += [["a", "GM1", "2016", cell], ["a", cell or "GM2", "2017", "1"]]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
        expected = _scalar_reading(path, [indicator])
        if expected is None:
            continue
        table = read_measurements_table(path, indicators=[indicator])
        assert list(table.to_measurements()) == expected, cell
        # Exactly: the engine judges the Decimal in the table, not the float made of it.
        exact = [None if isinstance(m.value, bool | str) else as_decimal(m.value) for m in expected]
        assert table.frame.sort("row").get_column("value").to_list() == exact, cell


def test_a_carriage_return_that_ends_no_line_splits_the_row_as_the_scalar_reader_does(tmp_path):
    path = tmp_path / "metingen.csv"
    path.write_bytes(b"indicator,subject,period,value\na,GM1,2015,40\ra,GM1,2016,41\n")
    indicator = Indicator("a", "A", "percentage")
    expected = list(load_measurements(path, indicators=[indicator]))
    assert len(expected) == 2
    table = read_measurements_table(path, indicators=[indicator])
    assert list(table.to_measurements()) == expected


def test_a_row_of_blanks_after_a_lone_carriage_return_is_skipped_as_the_scalar_reader_does(
    tmp_path,
):
    path = tmp_path / "metingen.csv"
    path.write_bytes(b"indicator,subject,period,value,note\na,GM1,2015,40,x\r \na,GM1,2016,41,\n")
    indicator = Indicator("a", "A", "percentage")
    expected = list(load_measurements(path, indicators=[indicator]))
    table = read_measurements_table(path, indicators=[indicator])
    assert list(table.to_measurements()) == expected


@pytest.mark.parametrize("note", [b"a\rb", b"a\r", b"\ra"])
def test_a_carriage_return_in_a_text_column_is_read_as_the_scalar_reader_reads_it(tmp_path, note):
    path = tmp_path / "metingen.csv"
    path.write_bytes(b"indicator,subject,period,value,note\r\na,GM1,2015,40," + note + b"\r\n")
    indicator = Indicator("a", "A", "percentage")
    expected = _scalar_reading(path, [indicator])
    if expected is not None:
        assert list(read_measurements_table(path, indicators=[indicator]).to_measurements()) == (
            expected
        )


def test_an_indicator_given_twice_is_refused_by_name(tmp_path):
    from sociaaldomein import Measurement, MeasurementTable

    path = tmp_path / "metingen.csv"
    path.write_text("indicator,subject,period,value\na,GM1,2015,40\n", encoding="utf-8")
    twice = [Indicator("a", "A", "percentage"), Indicator("a", "Ander", "count")]
    with pytest.raises(InvalidValueError, match="'a' is twee keer gegeven"):
        read_measurements_table(path, indicators=twice)
    with pytest.raises(InvalidValueError, match="'a' is twee keer gegeven"):
        MeasurementTable.from_measurements([Measurement("a", "GM1", Period.year(2015), 40)], twice)


# Files on which the two readers once disagreed (a hostile probe of the table reader).
DISAGREED = [
    b"indicator,subject,period,value,note\na,GM1,2015,40\n",  # a short row
    b"indicator,subject,period,value,dimension.x\na,GM1,2015,40\n",
    b'indicator,subject,period,value\na,GM1,2015,"4"0\n',  # text after a closing quote
    b'indicator,subject,period,value\na,GM1,2015,""40\n',
    b'indicator,subject,period,value\na,"GM1" ,2015,40\n',
    b'indicator,subject,period,value,note\na,GM1,2015,40,"40""',  # never closed
    b'indicator,subject,period,value\na,GM1,2015,"40"\xc2\xa0\n',
    b'indicator,subject,period,value,dimension.x"\na,GM1,2015,40,\n',  # a quote in the header
    b'indicator,subject,period,"val"ue\na,GM1,2015,40\n',
    b'indicator,subject,period,value,"note\na,GM1,2015,40\n',
    b"",
    b"\n",
    b"\xef\xbb\xbf",
    b"\nindicator,subject,period,value\na,GM1,2015,40\n",  # an empty first line
    b"\xef\xbb\xbf\xef\xbb\xbfindicator,subject,period,value\na,GM1,2015,40\n",  # two BOMs
    b"\xef\xbb\xbf\xef\xbb\xbfnote,indicator,subject,period,value\nx,a,GM1,2015,40\n",
    b'"\xef\xbb\xbfnote",indicator,subject,period,value\nx,a,GM1,2015,40\n',
    b"dimension.q,indicator,subject,period,value,dimension.r;indicator;subject;period;value;n\n"
    b"x,a,GM1,2015,40,y;a;GM2;2016;50;3\n",  # more ; than , in the header
    b"dimension.x,y;indicator;subject;period;value\nv,w;a;GM1;2015;40\n",
    b"indicator,subject,period,value,n\na,GM1,2015,40,1234567890123456\n",  # a 16-digit n
    b"indicator,subject,period,value,note\na,GM1,2015,40,x\na,GM1,2016,41,y,",  # a cell too many
    b"indicator,subject,period,value\r\na,GM1,2015,40,",
    b"indicator,subject,period,value,note\na,GM1,2015,40,",  # an empty last cell, no line end
]


@pytest.mark.parametrize("data", DISAGREED)
def test_files_the_readers_once_read_differently_are_read_alike(tmp_path, data):
    path = tmp_path / "metingen.csv"
    path.write_bytes(data)
    indicators = [Indicator("a", "A", "percentage")]
    expected = _scalar_reading(path, indicators)
    if expected is not None:
        table = read_measurements_table(path, indicators=indicators)
        assert list(table.to_measurements()) == expected


def test_a_file_with_quoted_cells_and_empty_last_cells_stays_on_the_columnar_path(
    tmp_path, monkeypatch
):
    path = tmp_path / "metingen.csv"
    path.write_bytes(
        b'indicator,subject,period,value,note\r\na,GM1,2015,40,"eerst, dan"\r\n'
        b'a,GM1,2016,41,\r\na,"GM 2",2016,42,"zei ""ja"""\r\n'
    )
    indicators = [Indicator("a", "A", "percentage")]
    read_on_the_columnar_path(path, indicators, monkeypatch)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_read_bounded_by_the_scalar_reader():
    # Read whole, /dev/zero would never end; the scalar reader stops at its first NUL.
    with pytest.raises(LoadError, match="NUL-byte"):
        read_measurements_table("/dev/zero", indicators=[Indicator("a", "A", "percentage")])


def test_a_file_over_the_size_limit_is_left_to_the_scalar_reader(tmp_path, monkeypatch):
    from sociaaldomein.io import limits
    from sociaaldomein.io.table import read_columnar

    path = tmp_path / "metingen.csv"
    # A quoted cell: not a plain file, which would be scanned whatever its size.
    path.write_text('indicator,subject,period,value\na,"GM1",2015,40\n', encoding="utf-8")
    known = [Indicator("a", "A", "percentage")]
    types = MeasurementTypeRegistry()
    assert read_columnar(path, indicators=known, types=types) is not None
    monkeypatch.setattr("sociaaldomein.io.table.DEFAULT_LIMITS", limits.Limits(max_csv_bytes=10))
    assert read_columnar(path, indicators=known, types=types) is None


def test_a_plain_file_over_the_size_limit_is_scanned_into_columns(tmp_path, monkeypatch):
    # Issue 27: ten years of every district, tens of millions of rows, larger than
    # the bytes a reader may hold, are read by polars' streaming scan into columns.
    from sociaaldomein.io import limits, table_frame
    from sociaaldomein.io.table import read_columnar

    path = tmp_path / "metingen.csv"
    path.write_text("indicator,subject,period,value\na,GM1,2015,40\na,GM2,2015,41\n")
    known = [Indicator("a", "A", "percentage")]
    types = MeasurementTypeRegistry()
    monkeypatch.setattr("sociaaldomein.io.table.DEFAULT_LIMITS", limits.Limits(max_csv_bytes=10))
    scanned = []
    original = table_frame.scan_frame

    def counted(*args):
        scanned.append(args)
        return original(*args)

    monkeypatch.setattr("sociaaldomein.io.table.scan_frame", counted)
    table = read_columnar(path, indicators=known, types=types)
    assert len(scanned) == 1
    assert [m.subject for m in table.to_measurements()] == ["GM1", "GM2"]
    # The bytes of the file are never read whole.
    monkeypatch.setattr(type(path), "read_bytes", lambda self: pytest.fail("read whole"))
    assert read_columnar(path, indicators=known, types=types) is not None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(csv_files(), st.booleans())
def test_a_scanned_file_reads_as_the_file_read_whole(tmp_path_factory, case, lf):
    from sociaaldomein.io.table import read_columnar
    from sociaaldomein.io.table_frame import survey

    indicators, text = case
    path = tmp_path_factory.mktemp("csv") / "metingen.csv"
    # Lines ending in LF alone, mostly: a file with a CR is read whole.
    path.write_text(text.replace("\r\n", "\n") if lf else text, encoding="utf-8", newline="")
    types = MeasurementTypeRegistry()

    def read(scan_from):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("sociaaldomein.io.table.SCAN_FROM_BYTES", scan_from)
            try:
                table = read_columnar(path, indicators=indicators, types=types)
            except SociaaldomeinError as error:
                return type(error), str(error)
        return None if table is None else list(table.to_measurements())

    whole = read(2**62)
    assert read(0) == whole
    if survey(path).plain:
        event("scanned" if isinstance(whole, list) else "scanned, then left to the scalar reader")
    else:
        event("not plain: read whole")


@pytest.mark.parametrize(
    "rows",
    [
        ["a,GM1,2015,40", "a,GM1,2015,41"],  # one of everything: a key of one value
        ["a,GM1,2015,40", "a,GM1,2016,41", "a,GM1,2016,42"],
        ["a,GM1,2015,40", "a,GM2,2015,40", "a,GM1,2015,41"],  # not grouped
        ["a,GM1,2015,40", "b,GM1,2015,40", "a,GM1,2015,41"],
        ["a,GM1,2015,40", "a,GM1,2015-01,40", "a,GM1,2015,41"],
    ],
)
def test_a_measurement_given_twice_is_named_as_the_scalar_reader_names_it(tmp_path, rows):
    path = tmp_path / "metingen.csv"
    path.write_text("\r\n".join(["indicator,subject,period,value", *rows]) + "\r\n")
    indicators = [Indicator(i, i.upper(), "percentage") for i in sorted({r[0] for r in rows})]
    with pytest.raises(LoadError) as scalar:
        load_measurements(path, indicators=indicators)
    with pytest.raises(LoadError) as table:
        read_measurements_table(path, indicators=indicators)
    assert str(table.value) == str(scalar.value)
    assert "; verwijder er een" in str(scalar.value)


def test_more_distinct_cells_than_16_bits_number_are_read_alike(tmp_path, monkeypatch):
    # The codes are 16 bits where they fit; 70,000 subjects need more.
    path = tmp_path / "metingen.csv"
    rows = (f"a,S{number},2015,{number % 100}" for number in range(70_000))
    path.write_text("\r\n".join(["indicator,subject,period,value", *rows]) + "\r\n")
    indicators = [Indicator("a", "A", "percentage")]
    read_on_the_columnar_path(path, indicators, monkeypatch)
