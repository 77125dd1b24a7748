"""Reading files: one test per smaller case of issue 24 (encodings, headers, sheets, periods, xlsx).

Each test is named after a case that was silent, wrong or a traceback before.
"""

import io
import time
import zipfile

import openpyxl
import pytest

from sociaaldomein import Indicator, Limits, LoadError, parse_measurements, read_measurements
from sociaaldomein.io.limits import read_source
from sociaaldomein.io.xlsx import load_measurements_xlsx

INDICATORS = [Indicator("bereik", "Bereik", "percentage"), Indicator("aantal", "Aantal", "count")]


def places(error):
    return [(p.where, p.message) for p in error.value.problems]


# -- encoding per file -----------------------------------------------------------------


def test_file_mixing_cp1252_and_utf8_lines_is_an_error_naming_the_first_line_that_disagrees(
    tmp_path,
):
    path = tmp_path / "m.csv"
    path.write_bytes(
        b"indicator,subject,period,value\n"
        + "bereik,Súdwest2,2020,12\n".encode()
        + b"bereik,Emmen,2020,13\n"
        + "bereik,Súdwest2,2021,14\n".encode("cp1252")
    )
    with pytest.raises(LoadError) as caught:
        read_measurements(path, indicators=INDICATORS)
    assert places(caught) == [
        (
            "line 4",
            "Windows-1252, maar regel 2 is UTF-8: het bestand mengt twee coderingen; sla het"
            " opnieuw op als UTF-8",
        )
    ]


def test_a_cp1252_file_is_still_read_with_its_finding(tmp_path):
    path = tmp_path / "m.csv"
    path.write_bytes(
        "indicator,subject,period,value\nbereik,Súdwest,2020,12\nbereik,Emmen,2020,13\n".encode(
            "cp1252"
        )
    )
    read = read_measurements(path, indicators=INDICATORS)
    assert [m.subject for m in read.measurements] == ["Súdwest", "Emmen"]
    assert read.encoding == "cp1252"
    assert "Windows-1252" in read.findings[0].message


def test_an_importer_source_mixing_encodings_is_refused_too(tmp_path):
    path = tmp_path / "bron.txt"
    path.write_bytes("Súdwest\n".encode("cp1252") + "Súdwest\n".encode())
    with pytest.raises(LoadError, match="line 2: UTF-8, maar regel 1 is Windows-1252"):
        read_source(path)


# -- CSV structure ------------------------------------------------------------------


def test_trailing_delimiter_in_the_header_as_excel_saves_it_is_read(tmp_path):
    text = "indicator;subject;period;value;\nbereik;Assen;2020;12,5;\naantal;Assen;2020;7;\n"
    assert [m.value for m in parse_measurements(text, indicators=INDICATORS)] == [12.5, 7]
    path = tmp_path / "m.csv"
    path.write_text(text.replace(";", ",").replace("12,5", "12.5"), encoding="utf-8")
    from sociaaldomein import read_measurements_table

    table = read_measurements_table(path, indicators=INDICATORS)
    assert [m.value for m in table.to_measurements()] == [12.5, 7]


def test_trailing_delimiter_with_a_cell_under_it_names_the_cell():
    text = "indicator,subject,period,value,\nbereik,Assen,2020,12,\nbereik,Emmen,2020,13,x\n"
    with pytest.raises(LoadError) as caught:
        parse_measurements(text, file="m.csv", indicators=INDICATORS)
    assert places(caught) == [
        ("line 3", "kolom 5 heeft geen kop maar bevat 'x'; geef hem een kop of maak hem leeg")
    ]


def test_an_empty_heading_between_columns_says_so_not_unknown_column_empty():
    with pytest.raises(LoadError) as caught:
        parse_measurements("indicator,,subject,period,value\n", file="m.csv")
    assert places(caught) == [("line 1", "kolom 2 heeft geen kop; geef hem er een")]


def test_tab_separated_file_is_recognised():
    text = "indicator\tsubject\tperiod\tvalue\nbereik\tAssen\t2020\t12.5\n"
    assert parse_measurements(text, indicators=INDICATORS)[0].value == 12.5


# -- periods -----------------------------------------------------------------------


def test_periods_before_year_1000_are_refused_with_the_cell_not_read_as_999():
    text = "indicator,subject,period,value\nbereik,Assen,0999,12\nbereik,Assen,0999-Q1,12\n"
    with pytest.raises(LoadError) as caught:
        parse_measurements(text, file="m.csv", indicators=INDICATORS)
    assert [where for where, _ in places(caught)] == ["line 2", "line 3"]
    assert "period: '0999': een jaar voor 1000" in places(caught)[0][1]


def test_a_period_in_arabic_indic_digits_is_refused():
    text = "indicator,subject,period,value\nbereik,Assen,\u0662\u0660\u0662\u0660,12\n"
    with pytest.raises(LoadError, match=r"line 2: period: .* cijfers 0-9"):
        parse_measurements(text, file="m.csv", indicators=INDICATORS)


# -- workbooks ------------------------------------------------------------------------


def sheet_book(path, sheets, *, hidden=(), active=None):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if title in hidden:
            sheet.sheet_state = "hidden"
    if active is not None:
        book.active = list(sheets).index(active)
    book.save(path)
    return path


HEADER = ["indicator", "subject", "period", "value"]


def test_hidden_first_sheet_is_not_read_instead_of_the_visible_one(tmp_path):
    path = sheet_book(
        tmp_path / "b.xlsx",
        {
            "Oud": [HEADER, ["bereik", "Assen", "2019", 99]],
            "Metingen": [HEADER, ["bereik", "Assen", "2020", 12]],
        },
        hidden=("Oud",),
        active="Metingen",
    )
    assert [str(m.period) for m in load_measurements_xlsx(path, indicators=INDICATORS)] == ["2020"]
    # The active sheet hidden as well: the first visible one.
    path = sheet_book(
        tmp_path / "c.xlsx",
        {
            "Oud": [HEADER, ["bereik", "Assen", "2019", 99]],
            "Metingen": [HEADER, ["bereik", "Assen", "2020", 12]],
        },
        hidden=("Oud",),
        active="Oud",
    )
    assert [str(m.period) for m in load_measurements_xlsx(path, indicators=INDICATORS)] == ["2020"]


def test_a_date_in_the_period_column_is_refused_not_a_day_period(tmp_path):
    import datetime as dt

    path = sheet_book(
        tmp_path / "d.xlsx",
        {
            "Metingen": [
                HEADER,
                ["bereik", "Assen", dt.datetime(2024, 1, 1), 12],
                ["bereik", "Emmen", "2024-01", 1],
            ]
        },
    )
    with pytest.raises(LoadError) as caught:
        load_measurements_xlsx(path, indicators=INDICATORS)
    assert [where for where, _ in places(caught)] == ["sheet 'Metingen' row 2"]
    assert "period: een datumcel (2024-01-01), geen periode" in places(caught)[0][1]


def _with_part(path, name, data):
    """The workbook at ``path`` with its part ``name`` replaced by ``data``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, data if item.filename == name else old.read(item))
    path.write_bytes(buffer.getvalue())
    return path


def test_xlsx_whose_sheet_xml_is_truncated_is_a_load_error_not_a_traceback(tmp_path):
    path = sheet_book(tmp_path / "t.xlsx", {"Metingen": [HEADER, ["bereik", "Assen", "2020", 12]]})
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    _with_part(path, "xl/worksheets/sheet1.xml", sheet[: len(sheet) // 2])
    with pytest.raises(LoadError, match="een blad van deze werkmap is niet te lezen"):
        load_measurements_xlsx(path, indicators=INDICATORS)


def test_xlsx_whose_sheet_xml_carries_an_entity_is_a_load_error(tmp_path):
    path = sheet_book(tmp_path / "e.xlsx", {"Metingen": [HEADER, ["bereik", "Assen", "2020", 12]]})
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    assert sheet.startswith(b"<worksheet")  # no XML declaration: the prolog is empty
    laughs = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    _with_part(path, "xl/worksheets/sheet1.xml", b"<?xml version='1.0'?>\n" + laughs + sheet)
    with pytest.raises(LoadError, match=r"xl/worksheets/sheet1\.xml' declareert een documenttype"):
        load_measurements_xlsx(path, indicators=INDICATORS)


def test_xlsx_expanding_a_thousandfold_is_refused_from_the_zip_directory_at_once(tmp_path):
    path = sheet_book(tmp_path / "z.xlsx", {"Metingen": [HEADER, ["bereik", "Assen", "2020", 12]]})
    # 40 MB of blanks in the sheet: a few tens of KB stored, refused before it expands.
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    _with_part(path, "xl/worksheets/sheet1.xml", sheet + b" " * 40_000_000)
    assert path.stat().st_size < 200_000
    started = time.perf_counter()
    with pytest.raises(LoadError, match=r"pakt .* keer uit"):
        load_measurements_xlsx(path, indicators=INDICATORS)
    assert time.perf_counter() - started < 1
    with pytest.raises(LoadError, match=r"pakt uit tot .* meer dan de grens"):
        load_measurements_xlsx(
            path, indicators=INDICATORS, limits=Limits(max_xlsx_expanded_bytes=1_000_000)
        )


def test_a_file_that_is_no_zip_is_a_load_error(tmp_path):
    path = tmp_path / "n.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(LoadError, match=r"geen \.xlsx-werkmap"):
        load_measurements_xlsx(path, indicators=INDICATORS)


def test_a_fifo_named_xlsx_is_refused_without_waiting(tmp_path):
    import os

    path = tmp_path / "pipe.xlsx"
    os.mkfifo(path)
    with pytest.raises(LoadError, match="geen gewoon bestand"):
        load_measurements_xlsx(path, indicators=INDICATORS)
