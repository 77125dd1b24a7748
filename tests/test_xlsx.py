"""Measurements from .xlsx read like CSV; results written to .xlsx keep their types."""

import sys
import zipfile

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import sociaaldomein.testing.strategies as sds
from sociaaldomein import (
    AtLeast,
    DataStatus,
    Indicator,
    LoadError,
    Measurement,
    Period,
    SociaaldomeinError,
    Status,
    evaluate_all,
    format_measurements,
    parse_measurements,
)
from sociaaldomein.io.loading import CSV_COLUMNS
from sociaaldomein.io.xlsx import (
    HEADER_ALIASES,
    load_measurements_xlsx,
    write_measurements_xlsx,
    write_xlsx,
)

INDICATORS = [
    Indicator(
        "bereik", "Bereik", "percentage", target=AtLeast(15), baseline_period=Period.year(2019)
    ),
    Indicator("deelnemers", "Deelnemers", "count", target=AtLeast(100)),
    Indicator("tevredenheid", "Tevredenheid", "grade", target=AtLeast(8)),
]
MEASURED = [
    Measurement("bereik", "Assen", Period.year(2019), numerator=30, denominator=300),
    Measurement("bereik", "Assen", Period.year(2020), numerator=45, denominator=300),
    Measurement("bereik", "Assen", Period.half_year(2021, 1), 12.5, status="provisional"),
    Measurement("deelnemers", "Assen", Period.year(2020), 120, status="revised_provisional"),
    Measurement("deelnemers", "Assen", Period.year(2020), 40, dimensions={"leeftijd": "12-17"}),
    Measurement("tevredenheid", "Assen", Period.year(2020), 7.6, n=140, note="=geen formule"),
]


def workbook(path, rows, *, title="Metingen", first=None):
    book = openpyxl.Workbook()
    if first is not None:
        book.active.title = first
        book.create_sheet(title)
        sheet = book[title]
    else:
        sheet = book.active
        sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_the_aliases_name_measurement_columns():
    assert set(HEADER_ALIASES.values()) <= set(CSV_COLUMNS)


def test_measurements_written_to_xlsx_read_back_the_same(tmp_path):
    path = tmp_path / "metingen.xlsx"
    write_measurements_xlsx(MEASURED, path)
    assert load_measurements_xlsx(path, indicators=INDICATORS) == MEASURED
    # Numbers stay numbers for whoever opens the file in Excel.
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "Metingen"
    assert [cell.value for cell in sheet[1]][:4] == ["indicator", "subject", "period", "value"]
    assert sheet["D4"].value == 12.5


def test_the_same_measurements_as_csv_and_as_xlsx_give_identical_evaluations(tmp_path):
    from_csv = parse_measurements(format_measurements(MEASURED), indicators=INDICATORS)
    path = tmp_path / "m.xlsx"
    write_measurements_xlsx(MEASURED, path)
    from_xlsx = load_measurements_xlsx(path, indicators=INDICATORS)
    by_csv = evaluate_all(INDICATORS, from_csv)
    by_xlsx = evaluate_all(INDICATORS, from_xlsx)
    assert by_xlsx == by_csv
    assert [(e.status, e.reason) for e in by_xlsx] == [(e.status, e.reason) for e in by_csv]
    assert Status.MET in {e.status for e in by_xlsx}


def test_dutch_headings_a_named_sheet_blank_rows_and_dutch_statuses(tmp_path):
    path = workbook(
        tmp_path / "eigen.xlsx",
        [
            [
                "Indicator",
                "Gemeente",
                "Periode",
                "Waarde",
                "Teller",
                "Noemer",
                "Status",
                "Dimensie.Leeftijd",
                None,
            ],
            ["bereik", "Assen", 2020, None, 45, 300, "Definitief", None],
            [None, None, None, None],
            ["bereik", "Assen", "2021-H1", 12.5, None, None, "voorlopig", None],
            ["deelnemers", "Assen", "2020", 120, None, None, "Nader voorlopig", None],
            ["deelnemers", "Assen", "2020-03-01", 40, None, None, None, "12-17"],
        ],
        first="Toelichting",
    )
    read = load_measurements_xlsx(path, sheet="Metingen", indicators=INDICATORS)
    assert [(str(m.period), m.status) for m in read] == [
        ("2020", DataStatus.DEFINITIVE),
        ("2021-H1", DataStatus.PROVISIONAL),
        ("2020", DataStatus.REVISED_PROVISIONAL),
        ("2020-03-01", DataStatus.DEFINITIVE),
    ]
    assert read[0].numerator == 45
    assert read[3].dimensions == (("Leeftijd", "12-17"),)


def test_problems_name_the_sheet_and_its_row(tmp_path):
    path = workbook(
        tmp_path / "fout.xlsx",
        [
            ["indicator", "subject", "periode", "waarde"],
            ["bereik", "Assen", 2020, 12],
            [],
            ["bereik", "Assen", 2021, 130],
            ["onbekend", "Assen", 2021, "regel\nmet twee regels"],
            ["bereik", "Assen", "later", 10],
        ],
    )
    with pytest.raises(LoadError) as error:
        load_measurements_xlsx(path, indicators=INDICATORS)
    where = [(p.where, p.message.split(":")[0]) for p in error.value.problems]
    assert where == [
        ("sheet 'Metingen' row 4", "value"),
        ("sheet 'Metingen' row 5", "indicator"),
        ("sheet 'Metingen' row 6", "period"),
    ]
    assert all(p.file == str(path) for p in error.value.problems)


def test_a_missing_column_names_the_sheet(tmp_path):
    path = workbook(tmp_path / "kolom.xlsx", [["indicator", "periode", "waarde"], ["a", 2020, 1]])
    with pytest.raises(LoadError, match="sheet 'Metingen' row 1: missing column 'subject'"):
        load_measurements_xlsx(path)


def test_a_missing_sheet_and_a_file_that_is_no_workbook(tmp_path):
    path = workbook(tmp_path / "m.xlsx", [["indicator"]])
    with pytest.raises(LoadError, match="no sheet 'Data'; its sheets: Metingen"):
        load_measurements_xlsx(path, sheet="Data")
    not_a_workbook = tmp_path / "m2.xlsx"
    not_a_workbook.write_text("indicator,subject\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"not an \.xlsx workbook"):
        load_measurements_xlsx(not_a_workbook)
    with pytest.raises(LoadError, match="cannot read"):
        load_measurements_xlsx(tmp_path / "weg.xlsx")


def test_without_openpyxl_the_message_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(SociaaldomeinError, match=r"pip install 'sociaaldomein\[excel\]'"):
        load_measurements_xlsx(tmp_path / "m.xlsx")
    with pytest.raises(SociaaldomeinError, match="vraagt om openpyxl"):
        write_xlsx([{"a": 1}], tmp_path / "r.xlsx")


def test_rows_written_keep_types_and_text_is_never_a_formula(tmp_path):
    path = tmp_path / "resultaten.xlsx"
    write_xlsx(
        [
            {
                "indicator": "bereik",
                "status": Status.MET,
                "value": 15.5,
                "period": Period.year(2020),
            },
            {"indicator": '=HYPERLINK("x")', "value": None, "extra": True},
        ],
        path,
    )
    sheet = openpyxl.load_workbook(path).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == [
        ["indicator", "status", "value", "period", "extra"],
        ["bereik", "met", 15.5, "2020", None],
        ['=HYPERLINK("x")', None, None, None, True],
    ]
    assert sheet["A3"].data_type == "s"
    with zipfile.ZipFile(path) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_writing_replaces_a_file_whole_or_not_at_all(tmp_path):
    path = tmp_path / "r.xlsx"
    write_xlsx([{"a": 1}], path, columns=["a"])
    before = path.read_bytes()
    with pytest.raises(SociaaldomeinError, match="row 2 holds a control character"):
        write_xlsx([{"a": "x\x01"}], path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]


_XML_SAFE = st.characters(blacklist_categories=("Cs", "Cc"))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_xlsx_round_trip_agrees_with_csv(tmp_path, data):
    indicator = data.draw(sds.indicators())
    measured = data.draw(st.lists(sds.measurements(indicator=indicator, coded=None), max_size=4))
    text = st.text(_XML_SAFE, min_size=1, max_size=12).map(str.strip).filter(bool)
    cleaned = [
        attrs.evolve(
            m,
            subject=data.draw(text),
            source=data.draw(text),
            note="",
            value=data.draw(text) if isinstance(m.value, str) else m.value,
            dimensions={k: data.draw(text) for k, _ in m.dimensions},
            subject_code=data.draw(text) if m.subject_code else "",
        )
        for m in measured
    ]
    # One row per indicator, subject, period and slice: a repeated key is an error.
    keys = [(m.subject, m.period, m.dimensions) for m in cleaned]
    assume(len(set(keys)) == len(keys))
    path = tmp_path / "p.xlsx"
    write_measurements_xlsx(cleaned, path)
    from_xlsx = load_measurements_xlsx(path, indicators=[indicator])
    assert from_xlsx == parse_measurements(format_measurements(cleaned), indicators=[indicator])
    assert from_xlsx == cleaned


def test_a_float_a_worksheet_cannot_hold_exactly_reads_back_the_same(tmp_path):
    # 1/3 per 10,000 needs 17 significant digits; a worksheet number keeps 16.
    rate = Indicator("r", "R", "rate_per_10000")
    measured = [
        Measurement("r", "GM0106", Period.year(2020), numerator=1, denominator=3),
        Measurement("r", "GM0106", Period.year(2021), 10000 / 3),
        Measurement("r", "GM0106", Period.year(2022), 12.5),
    ]
    path = tmp_path / "r.xlsx"
    write_measurements_xlsx(measured, path)
    assert load_measurements_xlsx(path, indicators=[rate]) == measured
    assert openpyxl.load_workbook(path).active["D4"].value == 12.5


def test_a_workbook_gets_the_permissions_a_new_file_would(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        path = tmp_path / "r.xlsx"
        write_xlsx([{"a": 1}], path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
