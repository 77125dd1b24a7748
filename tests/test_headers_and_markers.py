"""One table of headings for every measurements reader, and the words for a value not known.

Issue 25, "Reading": ``.xlsx`` accepted Dutch and capitalised headings, CSV
refused them ("unknown column(s) 'gemeente'") without a suggestion, and
``n.n.b.`` in the value column was "not a number" with no hint that the
library knows values not known.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sociaaldomein import Indicator, LoadError, Period, load_measurements, parse_measurements
from sociaaldomein.app.inputs import MEASUREMENT_SUFFIXES
from sociaaldomein.io.columns import (
    CSV_COLUMNS,
    HEADER_ALIASES,
    NOT_KNOWN_MARKERS,
    column_name,
    not_known_marker,
    unknown_columns_message,
)
from sociaaldomein.text.suggest import closest

RATE = Indicator("bijstand", "Bijstand per 1.000", "rate_per_1000")
DONE = Indicator("loket", "Loket open", "milestone")
TEXT = Indicator("verhaal", "Verhaal", "qualitative")
INDICATORS = [RATE, DONE, TEXT]
DUTCH = "Indicator,Gemeente,Periode,Waarde,Bron\nbijstand,Assen,2023,34.5,CBS\n"


def _csv(path, text):
    path.write_text(text, encoding="utf-8")
    return load_measurements(path, indicators=INDICATORS)


def _table(path, text):
    from sociaaldomein.io.table import read_measurements_table

    path.write_text(text, encoding="utf-8")
    return list(read_measurements_table(path, indicators=INDICATORS).to_measurements())


def _xlsx(path, text):
    from sociaaldomein.io.xlsx import load_measurements_xlsx, write_xlsx

    lines = [line.split(",") for line in text.splitlines()]
    rows = [dict(zip(lines[0], line, strict=True)) for line in lines[1:]]
    write_xlsx(rows, path.with_suffix(".xlsx"), columns=lines[0])
    return load_measurements_xlsx(path.with_suffix(".xlsx"), indicators=INDICATORS)


#: Every reader of measurements files, by the suffix it reads (and how).
READERS = {".csv": _csv, ".csv table": _table, ".xlsx": _xlsx}


def test_every_reader_of_measurements_is_covered_here():
    assert set(MEASUREMENT_SUFFIXES) <= {key.split()[0] for key in READERS}


def _readers(tmp_path, text: str):
    """The measurements each reader makes of ``text``, by reader."""
    read = {}
    for name, reader in READERS.items():
        folder = tmp_path / name.replace(" ", "_").lstrip(".")
        folder.mkdir()
        read[name] = reader(folder / "metingen.csv", text)
    return read


def test_csv_accepts_the_dutch_and_capitalised_headers_xlsx_accepts(tmp_path):
    read = _readers(tmp_path, DUTCH)
    (measurement,) = read[".csv"]
    assert (measurement.subject, measurement.period, measurement.source) == (
        "Assen",
        Period.year(2023),
        "CBS",
    )
    assert read[".csv table"] == read[".csv"] == read[".xlsx"]


def test_every_reader_reads_the_headings_of_the_one_table(tmp_path):
    # Every heading of the table, written as a person might: capitals, spaces.
    for heading, column in HEADER_ALIASES.items():
        assert column in CSV_COLUMNS
        assert column_name(f"  {heading.upper()} ") == column
        assert column_name(heading.title()) == column
    assert column_name("Dimensie.Leeftijd") == "dimension.Leeftijd"
    text = "INDICATOR,onderwerp,PERIODE,waarde,Teller,NOEMER,Dimensie.leeftijd\n"
    text += "bijstand,Assen,2023,25,1,40,18-27\n"
    read = _readers(tmp_path, text)
    assert read[".csv"] == read[".csv table"] == read[".xlsx"]
    assert read[".csv"][0].dimensions == (("leeftijd", "18-27"),)


def test_an_unknown_column_gets_a_suggestion():
    with pytest.raises(LoadError) as caught:
        parse_measurements(
            "indicator,gemeentee,periode,waarde\nbijstand,Assen,2023,3\n", indicators=INDICATORS
        )
    assert "onbekende kolom 'gemeentee' (bedoelde u 'gemeente'?)" in str(caught.value)


def test_an_unknown_column_the_table_reader_meets_gets_the_same_suggestion(tmp_path):
    from sociaaldomein.io.table import read_measurements_table

    path = tmp_path / "m.csv"
    path.write_text("indicator,subject,period,Waard\nbijstand,Assen,2023,3\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"'Waard' \(bedoelde u 'waarde'\?\)"):
        read_measurements_table(path, indicators=INDICATORS)


def test_a_heading_differing_only_in_case_or_a_letter_is_suggested():
    assert closest("Gemeentee", ["gemeente", "periode"]) == ["gemeente"]
    assert closest("xyz", ["gemeente", "periode"]) == []


@given(st.sampled_from(sorted(HEADER_ALIASES)), st.integers(0, 2), st.booleans())
@settings(max_examples=40)
def test_a_heading_with_one_letter_changed_suggests_a_heading(heading, where, upper):
    where = min(where, len(heading) - 1)
    changed = heading[:where] + ("q" if heading[where] != "q" else "z") + heading[where + 1 :]
    typed = changed.upper() if upper else changed
    if column_name(typed) in CSV_COLUMNS:
        return  # the change made another heading
    # Long headings are close enough to be suggested: the one a letter was changed in,
    # or another as close.
    if len(heading) >= 5:
        assert closest(typed, HEADER_ALIASES)
        message = unknown_columns_message([typed])
        assert "bedoelde u" in message


def test_n_n_b_in_the_value_column_is_a_value_not_known(tmp_path):
    text = (
        "indicator,subject,period,value\n"
        "bijstand,Assen,2021,n.n.b.\n"
        "bijstand,Assen,2022,Onbekend\n"
        "bijstand,Assen,2023,-\n"
        "loket,Assen,2023,N.N.B.\n"
        "verhaal,Assen,2023,onbekend\n"
    )
    read = _readers(tmp_path, text)
    assert [(m.value, m.unknown) for m in read[".csv"]] == [
        (None, "n.n.b."),
        (None, "Onbekend"),
        (None, "-"),
        (None, "N.N.B."),
        ("onbekend", ""),  # a qualitative text is kept as written: it reads back the same
    ]
    assert read[".csv"] == read[".csv table"] == read[".xlsx"]


def test_a_marker_in_the_value_column_and_a_reason_in_the_unknown_column_keep_the_reason():
    (measurement,) = parse_measurements(
        "indicator,subject,period,value,unknown\nbijstand,Assen,2023,-,geheim (CBS)\n",
        indicators=INDICATORS,
    )
    assert (measurement.value, measurement.unknown) == (None, "geheim (CBS)")


@given(st.sampled_from(NOT_KNOWN_MARKERS), st.sampled_from([str.upper, str.lower, str.title]))
def test_every_marker_in_any_case_is_a_value_not_known(marker, case):
    written = case(marker)
    assert not_known_marker(f" {written} ") == written
    (measurement,) = parse_measurements(
        f"indicator,subject,period,value\nbijstand,Assen,2023,{written}\n", indicators=INDICATORS
    )
    assert (measurement.value, measurement.unknown) == (None, written)


def test_a_number_is_never_a_marker():
    for text in ("0", "-1", "1.5", "nb1", "n.n.b.x"):
        assert not_known_marker(text) is None


@given(st.sampled_from(NOT_KNOWN_MARKERS))
def test_a_qualitative_text_that_looks_like_a_marker_reads_back_the_same(marker):
    from sociaaldomein import Measurement, format_measurements

    written = [Measurement("verhaal", "Assen", Period.year(2023), marker)]
    assert parse_measurements(format_measurements(written), indicators=INDICATORS) == written


def test_dutch_headings_stay_on_the_columnar_path(tmp_path, monkeypatch):
    from engine_checks import read_on_the_columnar_path

    path = tmp_path / "metingen.csv"
    rows = "".join(f"bijstand,S{n},{2000 + n % 20},{n % 90}.5\n" for n in range(200))
    path.write_text("Indicator,Gemeente,Periode,Waarde\n" + rows, encoding="utf-8")
    read = read_on_the_columnar_path(path, INDICATORS, monkeypatch)
    assert len(read) == 200
