"""One number reader for every source: one test per case of issue 24's "Numbers read wrong".

Each test is named after a case that read a number wrong before; the last
ones enumerate every reader (each measurements suffix, the columnar table
reader, each built-in source) and feed them the same hostile numbers.
"""

import json
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sociaaldomein import (
    Indicator,
    InvalidValueError,
    LoadError,
    SourceRef,
    load_measurements,
    parse_measurements,
    read_measurements_table,
)
from sociaaldomein.app.inputs import MEASUREMENT_SUFFIXES
from sociaaldomein.io.numbers import DecimalMarks, as_type, typed_text
from sociaaldomein.io.xlsx import load_measurements_xlsx
from sociaaldomein.model.measurement_type import BUILTIN_MEASUREMENT_TYPES
from sociaaldomein.plugin import builtin
from sociaaldomein.sources.cbs import CBSSource
from sociaaldomein.text.numbers import (
    AmbiguousNumberError,
    decimal_mark_of,
    format_number,
    read_number,
    read_typed,
)

INDICATORS = [
    Indicator("bereik", "Bereik", "percentage"),
    Indicator("aantal", "Aantal", "count"),
    Indicator("bedrag", "Bedrag", "amount"),
    Indicator("verhouding", "Verhouding", "ratio"),
]
TYPES = {t.name: t for t in BUILTIN_MEASUREMENT_TYPES}


def problems(text, **kwargs):
    with pytest.raises(LoadError) as caught:
        parse_measurements(text, file="m.csv", indicators=INDICATORS, **kwargs)
    return [(p.where, p.message) for p in caught.value.problems]


def workbook(path, header, rows, formats=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Metingen"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    book.save(path)
    return path


# -- Excel: typed and formatted cells ------------------------------------------------


def test_percent_formatted_excel_cell_is_a_percentage_not_0_16_percent(tmp_path):
    path = workbook(
        tmp_path / "p.xlsx",
        ["indicator", "subject", "period", "value"],
        [["bereik", "Assen", "2020", 0.16], ["bereik", "Emmen", "2020", 0.125]],
        {"D2": "0%", "D3": "0.0%"},
    )
    read = load_measurements_xlsx(path, indicators=INDICATORS)
    assert [m.value for m in read] == [16, 12.5]


def test_percent_formatted_excel_cell_for_a_count_is_an_error(tmp_path):
    path = workbook(
        tmp_path / "p.xlsx",
        ["indicator", "subject", "period", "value"],
        [["aantal", "Assen", "2020", 0.16]],
        {"D2": "0%"},
    )
    with pytest.raises(LoadError, match=r"row 2: value: '16%' is a percentage, but a count"):
        load_measurements_xlsx(path, indicators=INDICATORS)


def test_a_format_showing_a_literal_percent_sign_does_not_scale(tmp_path):
    path = workbook(
        tmp_path / "p.xlsx",
        ["indicator", "subject", "period", "value"],
        [["bereik", "Assen", "2020", 16], ["bereik", "Emmen", "2020", 17]],
        {"D2": '0"%"', "D3": "0\\%"},
    )
    assert [m.value for m in load_measurements_xlsx(path, indicators=INDICATORS)] == [16, 17]


def test_a_typed_number_for_a_qualitative_indicator_is_its_text(tmp_path):
    path = workbook(
        tmp_path / "q.xlsx",
        ["indicator", "subject", "period", "value"],
        [["oordeel", "Assen", "2020", 1.5], ["aantal", "Assen", "2020", 3]],
    )
    read = load_measurements_xlsx(
        path, indicators=[*INDICATORS, Indicator("oordeel", "Oordeel", "qualitative")]
    )
    assert [m.value for m in read] == ["1.5", 3]


def test_typed_excel_number_1_234_in_a_count_cell_is_not_read_as_1234(tmp_path):
    path = workbook(
        tmp_path / "c.xlsx",
        ["indicator", "subject", "period", "value"],
        [["aantal", "Assen", "2020", 1.234]],
    )
    with pytest.raises(LoadError) as caught:
        load_measurements_xlsx(path, indicators=INDICATORS)
    assert [(p.where, p.message) for p in caught.value.problems] == [
        (
            "sheet 'Metingen' row 2",
            "value: 1.234 is not a valid count; expected a whole number of at least 0",
        ),
    ]


def test_typed_excel_amount_123_456_stays_123_456_not_123456(tmp_path):
    path = workbook(
        tmp_path / "a.xlsx",
        ["indicator", "subject", "period", "value"],
        [["bedrag", "Assen", "2020", 123.456], ["bedrag", "Emmen", "2020", 1234]],
    )
    read = load_measurements_xlsx(path, indicators=INDICATORS)
    # (A measurement keeps a Decimal that a float holds exactly as that float.)
    assert [m.value for m in read] == [123.456, 1234]


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(
        st.integers(-(10**14), 10**14),
        st.floats(-1e14, 1e14, allow_nan=False, allow_infinity=False),
        st.decimals(-(10**14), 10**14, places=4, allow_nan=False),
    )
)
def test_a_typed_number_reads_back_exactly_whatever_the_file_convention(number):
    text = typed_text(number)
    expected = read_typed(number)
    assert decimal_mark_of(text) is None  # no convention reads it otherwise
    for decimal in (None, ",", "."):
        assert read_number(text, decimal=decimal) == expected
    for shown in (2, 15):  # the decimals a cell's format shows: trailing zeros only
        assert read_number(typed_text(number, shown=shown)) == expected


# -- text numbers: the decimal mark of the column -------------------------------------


def test_ratio_1_125_in_a_semicolon_file_is_not_1125_beside_1_12():
    text = (
        "indicator;subject;period;value\nverhouding;Assen;2020;1.125\nverhouding;Emmen;2020;1.12\n"
    )
    read = parse_measurements(text, indicators=INDICATORS)
    assert [m.value for m in read] == [1.125, 1.12]
    # Without a decimal point elsewhere in the column, 1.125 is named, not guessed.
    alone = "indicator;subject;period;value\nverhouding;Assen;2020;1.125\n"
    found = problems(alone)
    assert found[0][0] == "line 2"
    assert "ambiguous" in found[0][1]


def test_1_234_in_a_comma_file_is_not_silently_1_comma_234():
    found = problems('indicator,subject,period,value\nverhouding,Assen,2020,"1,234"\n')
    assert found[0][0] == "line 2"
    assert "'1,234' is ambiguous" in found[0][1]
    # The column shows a decimal comma: then 1,234 is 1.234.
    text = (
        'indicator,subject,period,value\nverhouding,Assen,2020,"1,234"\nverhouding,X,2020,"2,5"\n'
    )
    assert parse_measurements(text, indicators=INDICATORS)[0].value == 1.234


def test_a_column_showing_both_decimal_marks_names_an_example_of_each():
    text = (
        'indicator,subject,period,value\nverhouding,A,2020,"1,234"\n'
        'verhouding,B,2020,"2,5"\nverhouding,C,2020,2.5\n'
    )
    found = problems(text)
    assert found == [
        (
            "line 2",
            "value: '1,234' is ambiguous: a thousands separator or a decimal mark; write 1234"
            " or 1.234; column value shows both a decimal comma and a decimal point:"
            " '2,5' (line 3) and '2.5' (line 4)",
        )
    ]


def test_declared_decimal_mark_reads_1_234_by_it():
    text = "indicator,subject,period,value\nverhouding,Assen,2020,1.234\n"
    assert parse_measurements(text, indicators=INDICATORS, decimal=".")[0].value == 1.234
    assert parse_measurements(text, indicators=INDICATORS, decimal=",")[0].value == 1234
    with pytest.raises(InvalidValueError, match=r"decimal mark must be ',' or '\.'"):
        parse_measurements(text, indicators=INDICATORS, decimal=";")


@settings(max_examples=80, deadline=None)
@given(st.decimals(Decimal(0), Decimal(10**9), places=3), st.sampled_from([",", "."]))
def test_every_number_reads_back_in_either_convention(number, mark):
    whole, _, fraction = f"{number:f}".partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    thousands = "." if mark == "," else ","
    text = thousands.join([whole, *groups]) + (mark + fraction if fraction else "")
    assert read_number(text, decimal=mark) == number
    if decimal_mark_of(text) is not None:
        assert decimal_mark_of(text) == mark
        assert read_number(text) == number


def test_14_9999999999999999_is_refused_not_stored_as_15_and_met(tmp_path):
    found = problems("indicator,subject,period,value\nbereik,Assen,2020,14.9999999999999999\n")
    assert found[0][0] == "line 2"
    assert "has more digits than a percentage keeps" in found[0][1]
    with pytest.raises(LoadError, match=r"line 2: value: 14\.9999999999999999 has more digits"):
        load_measurements_table_text("bereik,Assen,2020,14.9999999999999999\n", tmp_path)


def test_1e_minus_400_is_refused_not_0():
    for indicator in ("bereik", "verhouding", "bedrag", "aantal"):
        found = problems(f"indicator,subject,period,value\n{indicator},Assen,2020,1e-400\n")
        assert found[0][0] == "line 2", indicator
    assert (
        "more than 15 decimals"
        in problems("indicator,subject,period,numerator,denominator\nbereik,A,2020,1e-400,1\n")[0][
            1
        ]
    )


def test_value_15_00_with_numerator_43_of_300_is_refused_as_15_1_is():
    header = "indicator,subject,period,value,numerator,denominator\n"
    for value in ("15.00", "15.1", "14.30"):
        found = problems(header + f"bereik,Assen,2020,{value},43,300\n")
        assert found[0][0] == "line 2"
        assert "disagrees with numerator/denominator 43/300, which give 14.33" in found[0][1]
    for value in ("14.33", "14.3", "14"):
        assert parse_measurements(
            header + f"bereik,Assen,2020,{value},43,300\n", indicators=INDICATORS
        )


def test_typed_15_shown_as_15_00_with_43_of_300_is_refused_at_the_decimals_shown(tmp_path):
    header = ["indicator", "subject", "period", "value", "numerator", "denominator"]
    path = workbook(
        tmp_path / "f.xlsx",
        header,
        [
            ["bereik", "Assen", "2020", 15, 43, 300],
            ["bereik", "Emmen", "2020", 0.15, 43, 300],
            ["bereik", "Borger", "2020", 14.33, 43, 300],
            ["bereik", "Tynaarlo", "2020", 15, 43, 300],
        ],
        {"D2": "0.00", "D3": "0.00%", "D4": "0.00"},
    )
    with pytest.raises(LoadError) as caught:
        load_measurements_xlsx(path, indicators=INDICATORS)
    assert [p.where for p in caught.value.problems] == [
        "sheet 'Metingen' row 2",
        "sheet 'Metingen' row 3",
    ]
    assert "value 15.00 disagrees" in caught.value.problems[0].message


def test_arabic_indic_digits_are_refused():
    # Arabic-Indic 12, 3.5 (with the Arabic decimal separator), Persian 123.
    for cell in ("\u0661\u0662", "\u0663\u066b\u0665", "\u06f1\u06f2\u06f3"):
        found = problems(f"indicator,subject,period,value\nbereik,Assen,2020,{cell}\n")
        assert found[0][0] == "line 2"
        assert "digits other than 0-9" in found[0][1]
    found = problems("indicator,subject,period,value,n\nbereik,Assen,2020,12,٣\n")
    assert "expected a whole number (digits 0-9)" in found[0][1]


def test_ambiguity_is_its_own_error_and_format_number_is_never_ambiguous():
    with pytest.raises(AmbiguousNumberError):
        read_number("-1.234")
    for value in (Decimal("1.234"), Decimal(1234), Decimal("1234.5")):
        assert read_number(format_number(value), decimal=",") == value


def test_as_type_refuses_what_the_type_would_round():
    with pytest.raises(Exception, match="more digits than a ratio keeps"):
        as_type(Decimal("0.12345678901234567891"), TYPES["ratio"])
    assert as_type(Decimal("0.30000000000000004"), TYPES["ratio"]) == 0.30000000000000004
    assert as_type(Decimal("1234.56"), TYPES["amount"]) == Decimal("1234.56")


def test_decimal_marks_look_at_the_column_once_and_only_when_needed():
    asked = []

    def cells(column):
        asked.append(column)
        return [("line 3", "2,5")]

    marks = DecimalMarks(None, cells)
    assert marks.read("12.5", "value") == Decimal("12.5")
    assert asked == []
    assert marks.read("1.234", "value") == 1234
    assert marks.read("2.345", "value") == 2345
    assert asked == ["value"]


# -- every reader reads through the one number reader ---------------------------------


def load_measurements_table_text(rows, folder):
    path = folder / "table.csv"
    path.write_text("indicator,subject,period,value\n" + rows, encoding="utf-8")
    return read_measurements_table(path, indicators=INDICATORS)


# (text in a cell, the typed number or None where none stands for it)
HOSTILE = [
    ("14.9999999999999999", None),  # a float holds it as 15
    ("1e-400", None),
    ("\u0661\u0662", None),  # Arabic-Indic 12
    ("NaN", float("nan")),
    ("-Infinity", float("-inf")),
    ("1e26", 1e26),
    ("1.234", None),  # ambiguous with nothing in the column to say which
]


def _csv(tmp_path, text):
    path = tmp_path / "m.csv"
    path.write_text(
        "indicator,subject,period,value\nverhouding,Assen,2020," + text + "\n", encoding="utf-8"
    )
    return load_measurements(path, indicators=INDICATORS)


def _table(tmp_path, text):
    return load_measurements_table_text(f"verhouding,Assen,2020,{text}\n", tmp_path)


def _xlsx(tmp_path, cell):
    path = workbook(
        tmp_path / "m.xlsx",
        ["indicator", "subject", "period", "value"],
        [["verhouding", "Assen", "2020", cell]],
    )
    return load_measurements_xlsx(path, indicators=INDICATORS)


def _cbs(tmp_path, raw):
    stored = Path(__file__).parent / "data" / "cbs" / "85098NED"
    table = tmp_path / "85098NED"
    shutil.copytree(stored, table)
    document = json.loads((table / "TypedDataSet.json").read_text(encoding="utf-8"))
    document["value"][0]["JongerenMetJeugdhulpInNatura_1"] = "@@"
    text = json.dumps(document).replace('"@@"', raw)
    (table / "TypedDataSet.json").write_text(text, encoding="utf-8")
    properties = json.loads((table / "DataProperties.json").read_text(encoding="utf-8"))
    for row in properties["value"]:
        row.pop("Decimals", None)  # no rounding of its own: the reader sees the number
    (table / "DataProperties.json").write_text(json.dumps(properties), encoding="utf-8")
    indicator = Indicator(
        "jeugd",
        "Jeugd",
        "ratio",
        fetch=SourceRef("cbs", "85098NED", "JongerenMetJeugdhulpInNatura_1"),
    )
    found = CBSSource(tmp_path).fetch([indicator], ["GM0106"])
    return [m for m in found.measurements if str(m.period) == "2021"], found.findings


READERS = {".csv": _csv, ".csv table": _table, ".xlsx": _xlsx}
SOURCES = {"cbs": _cbs}


def test_every_reader_and_source_is_covered_here():
    assert {suffix for suffix in MEASUREMENT_SUFFIXES} <= {key.split()[0] for key in READERS}
    assert {source.name for source in builtin.sociaaldomein_sources()} == set(SOURCES)


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize(("text", "typed"), HOSTILE, ids=[t for t, _ in HOSTILE])
def test_every_reader_refuses_the_same_hostile_numbers(tmp_path, reader, text, typed):
    with pytest.raises(LoadError) as caught:
        READERS[reader](tmp_path, text)
    assert [p.where for p in caught.value.problems] in (["line 2"], ["sheet 'Metingen' row 2"])
    if typed is not None and reader == ".xlsx":
        (tmp_path / "m.xlsx").unlink()
        with pytest.raises(LoadError):
            _xlsx(tmp_path, typed)


@pytest.mark.parametrize(
    "raw", ['"12"', '"\\u0661\\u0662"', '"1.234"', "NaN", "-Infinity", "1e26", "true"]
)
def test_every_source_refuses_the_same_hostile_numbers(tmp_path, raw):
    for name, fetch in SOURCES.items():
        measurements, findings = fetch(tmp_path / name, raw)
        assert measurements == [], (name, raw)
        assert any("(GM0106) 2021JJ00" in f.message for f in findings), (name, raw)


CELLS = ["1.234", "1.125", '"1,234"', '"2,5"', "2.5", "0.125", "12", "12.345.678", '"1,234.5"']


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(CELLS), min_size=1, max_size=6), st.sampled_from(["ratio", "amount"])
)
def test_the_table_reader_reads_the_decimal_mark_as_the_scalar_reader_does(
    tmp_path_factory, cells, kind
):
    indicators = [Indicator("x", "X", kind)]
    rows = "".join(f"x,S{number},2020,{cell}\n" for number, cell in enumerate(cells))
    path = tmp_path_factory.mktemp("marks") / "m.csv"
    path.write_text("indicator,subject,period,value\n" + rows, encoding="utf-8")

    def read(reader):
        try:
            return list(reader(path, indicators=indicators)), None
        except LoadError as error:
            return None, str(error)

    expected = read(load_measurements)
    found = read(lambda path, **kw: read_measurements_table(path, **kw).to_measurements())
    assert found == expected


def test_a_column_with_a_decimal_mark_shown_stays_on_the_columnar_path(tmp_path, monkeypatch):
    from engine_checks import read_on_the_columnar_path

    path = tmp_path / "m.csv"
    rows = "".join(f"verhouding,S{n},2020,{cell}\n" for n, cell in enumerate(["1.125", "2.5"] * 50))
    path.write_text("indicator,subject,period,value\n" + rows, encoding="utf-8")
    read = read_on_the_columnar_path(path, INDICATORS, monkeypatch)
    assert [m.value for m in read][:2] == [1.125, 2.5]
    # A decimal comma shown: 1.125 is 1125, read by the scalar reader for those rows only.
    path.write_text(
        "indicator,subject,period,value\n" + rows.replace(",2.5", ',"2,5"'), encoding="utf-8"
    )
    read = read_on_the_columnar_path(path, INDICATORS, monkeypatch)
    assert [m.value for m in read][:2] == [1125, 2.5]
