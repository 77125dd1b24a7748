"""Line ends in the columnar CSV reader: every mix reads as the scalar reader reads it.

A file whose lines end in CRLF is read with CR as polars' line end (see
``sociaaldomein.io.table._read_crlf``); these tests hold it to the scalar
reader for CRs and LFs anywhere, with any column first.
"""

from __future__ import annotations

import pytest
from engine_checks import read_on_the_columnar_path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sociaaldomein import Indicator, LoadError, load_measurements
from sociaaldomein.io.table import read_measurements_table

INDICATORS = [Indicator("a", "A", "percentage"), Indicator("b", "B", "qualitative")]
COLUMNS = ["indicator", "subject", "period", "value", "note", "dimension.x"]
ENDS = ["\r\n", "\r\n", "\r\n", "\n", "\r", "\r\r\n", "\n\r"]
CELLS = {
    "indicator": st.sampled_from(["a", "b", "", "\r", "a\r", "\na"]),
    "subject": st.sampled_from(["GM1", "GM2", "", "GM\r1", "GM1\n"]),
    "period": st.sampled_from(["2015", "2016", "2017", "", "2015\r"]),
    "value": st.sampled_from(["40", "41.5", "ja", "", "\r", "4\r0"]),
    "note": st.sampled_from(["", "x", "y\r", "\rz", "a\nb"]),
    "dimension.x": st.sampled_from(["", "p", "q\r"]),
}


@st.composite
def files(draw: st.DrawFn) -> bytes:
    columns = draw(st.permutations(COLUMNS))[: draw(st.integers(4, len(COLUMNS)))]
    columns = [*columns, *(c for c in COLUMNS[:4] if c not in columns)]
    end = draw(st.sampled_from(ENDS[:2]))
    text = ",".join(columns) + draw(st.sampled_from(ENDS[:4]))
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 9)) == 0:
            text += draw(st.sampled_from(["", ",,,", ",,,,,,"]))  # a blank line
        else:
            text += ",".join(draw(CELLS[c]) for c in columns)
        # Mostly the file's own line end, now and then another.
        text += draw(st.sampled_from(ENDS)) if draw(st.integers(0, 3)) == 0 else end
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    return text.encode()


def _same_reading(path):
    """The table reader gives the scalar reader's measurements, or its error word for word."""
    try:
        expected = list(load_measurements(path, indicators=INDICATORS))
    except LoadError as error:
        message = str(error)
    else:
        table = read_measurements_table(path, indicators=INDICATORS)
        assert list(table.to_measurements()) == expected
        return
    with pytest.raises(LoadError) as raised:
        read_measurements_table(path, indicators=INDICATORS)
    assert str(raised.value) == message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files())
def test_any_mix_of_line_ends_reads_as_the_scalar_reader_reads_it(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("csv") / "metingen.csv"
    path.write_bytes(data)
    _same_reading(path)


@pytest.mark.parametrize(
    "data",
    [
        b"indicator,subject,period,value\r\na,GM1,2015,40\r,GM1,2016,41\r\n",  # CR before a comma
        b"indicator,subject,period,value\r\na,GM1,2015,40\ra,GM1,2016,41\r\n",  # CR alone
        b"indicator,subject,period,value\r\na,GM1,2015,40\r\r\na,GM1,2016,41\r\n",
        b"indicator,subject,period,value\r\na,GM1,2015,40\na,GM1,2016,41\r\n",  # LF alone
        b"indicator,subject,period,value\na,GM1,2015,40\r\na,GM1,2016,41\r\n",
        b"indicator,subject,period,value\r\n\r\n,,,\r\na,GM1,2015,40\r\n\r\n",  # blank lines
        b"indicator,subject,period,value\r\n,,,,\r\na,GM1,2015,40\r\n",  # a comma too many
        b"indicator,subject,period,value\r\n\na,GM1,2015,40\r\n",
        b"indicator,subject,period,value\r\na,GM1,2015,40\r\n\r",
        b"indicator,subject,period,value\r\na,GM1,2015,40\r",
        b"indicator,subject,period,value\r\na,GM1,2015,40",
        b"indicator,subject,period,value\r\n",
        b"indicator,subject,period,value\r\n,GM1,2015,40\r\n",  # an empty first cell
        b"value,indicator,subject,period\r\n40,a,GM1,2015\r\n41\r,a,GM1,2016\r\n",
        b"note,indicator,subject,period,value\r\nx\r,a,GM1,2015,40\r\n",  # a text column first
        b"note,indicator,subject,period,value\r\nx,a,GM1,2015,40\r\n",
        # An LF alone in a row of the right width.
        b"indicator,subject,period,value,note\r\na,GM1,2015,40,x\ny\r\n",
        b"indicator,subject,period,value,note\r\na,GM1,2015,40,x\na\r\n",
        b"indicator,subject,period,value\r\na,GM1,2015,40\na\r\n",
        b"indicator,subject,period,value\r\na,GM1\na,GM1,2015,40\r\n",
    ],
)
def test_line_ends_the_readers_could_read_differently_are_read_alike(tmp_path, data):
    path = tmp_path / "metingen.csv"
    path.write_bytes(data)
    _same_reading(path)


def test_a_file_with_crlf_line_ends_stays_on_the_columnar_path(tmp_path, monkeypatch):
    path = tmp_path / "metingen.csv"
    path.write_bytes(
        b"indicator,subject,period,value\r\na,GM1,2015,40\r\n\r\nb,GM2,2016,ja\r\na,GM1,2016,41\r\n"
    )
    expected = read_on_the_columnar_path(path, INDICATORS, monkeypatch)
    assert len(expected) == 3


@pytest.mark.parametrize(
    "data",
    [
        b"value,indicator,subject,period\r\n1e1,a,GM1,2015\r\n40,a,GM1,2016\r\n",
        b"indicator,subject,period,value\r\na,GM1,2015,1e1\r\na,GM1,2016,40\r\n",
        b'indicator,subject,period,value\na,GM1,2015,"1,5"\na,GM1,2016,40\n',
    ],
)
def test_rows_the_column_checks_leave_are_read_without_leaving_the_columnar_path(
    tmp_path, monkeypatch, data
):
    # An exponent and a decimal comma: rows the scalar reader's rules read, one by one.
    path = tmp_path / "metingen.csv"
    path.write_bytes(data)
    expected = read_on_the_columnar_path(path, INDICATORS, monkeypatch)
    assert [m.value for m in expected][:2] in ([10, 40], [1.5, 40], [40, 10])
