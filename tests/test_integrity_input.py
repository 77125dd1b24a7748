"""Nothing lost without a word, on the way in: one test per case of issue 13 (and 15's CSV).

Each test is named after a case that lost, distorted or crashed before.
"""

import os
import warnings
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import (
    Indicator,
    IndicatorSet,
    InvalidValueError,
    Limits,
    LoadError,
    Measurement,
    Period,
    aggregate,
    evaluate_all,
    load_measurements,
    loads_toml,
    parse_measurements,
    read_measurements,
    resolve_revisions,
)
from sociaaldomein.io.measurements import DataWarning
from sociaaldomein.io.toml import read_toml
from sociaaldomein.text.numbers import format_number, parse_number, read_number

INDICATORS = [
    Indicator("bereik", "Bereik", "percentage"),
    Indicator("bedrag", "Bedrag", "amount"),
    Indicator("aantal", "Aantal", "count"),
    Indicator("cijfer", "Cijfer", "grade"),
]
HEADER = "indicator,subject,period,value,numerator,denominator,status,revision,as_of\n"


def problems(text, **kwargs):
    with pytest.raises(LoadError) as caught:
        parse_measurements(text, file="m.csv", indicators=INDICATORS, **kwargs)
    return [(p.where, p.message) for p in caught.value.problems]


# -- CSV structure -------------------------------------------------------------------


def test_unterminated_quote_swallows_no_rows():
    text = (
        'indicator,subject,period,value,note\nbereik,Assen,2020,12,"begin\nbereik,Emmen,2020,14,\n'
    )
    found = problems(text)
    assert found == [("line 2", "een aanhalingsteken geopend op regel 2 wordt nooit gesloten")]


def test_stray_quote_inside_a_cell_names_its_line():
    text = 'indicator,subject,period,value\nbereik,Assen,2020,12\nbereik,"Em"men,2020,14\n'
    assert [where for where, _ in problems(text)] == ["line 3"]


def test_header_with_value_twice_is_an_error_not_the_last_column():
    found = problems("indicator,subject,period,value,value\nbereik,Assen,2020,42.5,20\n")
    assert found == [("line 1", "kolom 'value' staat er twee keer (kolommen 4 en 5)")]


def test_header_repeated_further_down_is_an_error():
    text = "indicator,subject,period,value\nbereik,Assen,2020,12\n"
    text += text.replace("Assen", "Emmen")
    assert problems(text) == [("line 3", "nog eens de kopregel; zijn twee bestanden samengevoegd?")]


def test_ragged_rows_are_errors_with_their_line():
    text = "indicator,subject,period,value,note\nbereik,Assen,2020,12\nbereik,Emmen,2020,1,a,b\n"
    assert problems(text) == [
        ("line 2", "4 cellen, maar de kopregel heeft 5 kolommen"),
        ("line 3", "6 cellen, maar de kopregel heeft 5 kolommen"),
    ]


def test_csv_size_limit_is_clear_and_configurable(tmp_path):
    path = tmp_path / "m.csv"
    rows = "".join(f"bereik,Assen,{year},12,,,,,\n" for year in range(1901, 2001))
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.raises(LoadError, match=r"groter dan de grens van 1\.000 bytes.*max_csv_bytes"):
        load_measurements(path, limits=Limits(max_csv_bytes=1000))
    assert len(load_measurements(path, limits=Limits(max_csv_bytes=10_000), history=True)) == 100


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_reading_dev_zero_is_bounded():
    with pytest.raises(LoadError, match="NUL-byte op byte 0"):
        load_measurements("/dev/zero")
    with pytest.raises(LoadError, match="NUL-byte op byte 0"):
        read_toml("/dev/zero")


# -- duplicates and revisions --------------------------------------------------------


def test_duplicate_rows_are_errors_naming_both_lines():
    text = (
        HEADER
        + "bereik,Assen,2020,42.5,,,,,\nbereik,Emmen,2020,1,,,,,\nbereik,Assen,2020,20,,,,,\n"
    )
    assert problems(text) == [
        (
            "line 4",
            "bereik voor Assen 2020 staat ook op regel 2; verwijder er een, of geef beide een"
            " revisie of een as_of-datum",
        )
    ]


def test_duplicate_rows_no_longer_decide_the_verdict_by_file_order():
    first = HEADER + "bereik,Assen,2020,42.5,,,,1,\nbereik,Assen,2020,20,,,,2,\n"
    second = HEADER + "bereik,Assen,2020,20,,,,2,\nbereik,Assen,2020,42.5,,,,1,\n"
    indicator = Indicator("bereik", "Bereik", "percentage", target=None)
    used = [
        [m.value for m in parse_measurements(text, indicators=[indicator])]
        for text in (first, second)
    ]
    assert used == [[20.0], [20.0]]


def test_revisions_keep_history_and_use_the_newest_definitive_value():
    text = (
        HEADER + "bereik,Assen,2020,41,,,definitive,1,\n"
        "bereik,Assen,2020,43,,,definitive,2,\n"
        "bereik,Assen,2020,44,,,provisional,3,\n"
    )
    rows = parse_measurements(text, indicators=INDICATORS, history=True)
    assert len(rows) == 3
    chosen = resolve_revisions(rows)
    assert [m.value for m in chosen.measurements] == [43.0]
    assert [m.revision for m in chosen.revised[0].history] == [1, 2, 3]
    assert "herzien" in chosen.revised[0].describe()
    assert parse_measurements(text, indicators=INDICATORS)[0].value == 43.0


def test_revisions_by_as_of_date():
    text = (
        HEADER + "bereik,Assen,2020,41,,,provisional,,2021-03-01\n"
        "bereik,Assen,2020,43,,,provisional,,2021-09-01\n"
    )
    assert [m.value for m in parse_measurements(text, indicators=INDICATORS)] == [43.0]


def test_the_same_revision_twice_is_a_duplicate():
    text = HEADER + "bereik,Assen,2020,41,,,,1,\nbereik,Assen,2020,43,,,,1,\n"
    assert [where for where, _ in problems(text)] == ["line 3"]


def test_region_sums_count_a_revised_row_once():
    rows = [
        Measurement("aantal", s, Period.parse("2020"), v, revision=r)
        for s, v, r in [("Assen", 10, 1), ("Assen", 12, 2), ("Emmen", 5, None)]
    ]
    with pytest.raises(InvalidValueError, match="twee keer gegeven"):
        resolve_revisions([*rows, rows[2]])
    from sociaaldomein import MeasurementTypeRegistry

    count = MeasurementTypeRegistry()["count"]
    total = aggregate(resolve_revisions(rows).measurements, count, subject="regio")
    assert total.value == 17


def test_evaluation_of_the_values_in_force_sees_each_value_once():
    rows = [
        Measurement("aantal", "Assen", Period.parse("2020"), value, revision=number)
        for number, value in [(1, 10), (2, 12)]
    ]
    results = evaluate_all([INDICATORS[2]], resolve_revisions(rows).measurements)
    assert [r.value for r in results] == [12]


# -- values ---------------------------------------------------------------------------


def test_value_disagreeing_with_its_numerator_and_denominator_is_an_error():
    found = problems(HEADER + "bereik,Assen,2020,90,10,100,,,\n")
    assert found == [("line 2", "waarde 90 past niet bij teller/noemer 10/100, die 10.0 geven")]
    assert parse_measurements(HEADER + "bereik,Assen,2020,33.3,1,3,,,\n", indicators=INDICATORS)


def test_a_dot_before_three_digits_reads_by_the_decimal_mark_of_its_column():
    # The column shows a decimal comma elsewhere: 1.234 has a thousands dot.
    text = HEADER + 'bedrag,Assen,2020,"2,5",,,,,\naantal,Assen,2020,1.234,,,,,\n'
    assert [m.value for m in parse_measurements(text, indicators=INDICATORS)] == [2.5, 1234]
    # A decimal point elsewhere: 7.125 is seven and a bit.
    text = HEADER + "cijfer,Assen,2020,7.125,,,,,\ncijfer,Emmen,2020,7.5,,,,,\n"
    assert parse_measurements(text, indicators=INDICATORS)[0].value == 7.125
    # Neither, and not declared: an error naming the line, whatever the type.
    found = problems(HEADER + "aantal,Assen,2020,1.234,,,,,\n")
    assert found[0][0] == "line 2"
    assert "dubbelzinnig" in found[0][1]
    declared = parse_measurements(
        HEADER + "aantal,Assen,2020,1.234,,,,,\n", indicators=INDICATORS, decimal=","
    )
    assert declared[0].value == 1234


def test_thousands_are_read_the_same_way_everywhere():
    assert read_number("1.234", decimal=",") == parse_number("1.234") == Decimal(1234)
    assert read_number("1.234,5") == parse_number("1.234,5") == Decimal("1234.5")
    with pytest.raises(InvalidValueError, match="dubbelzinnig"):
        read_number("1.234")
    assert read_number("12.345.678") == Decimal(12345678)


def test_ambiguous_numerator_asks_which_it_is():
    found = problems(HEADER + "bereik,Assen,2020,,1.234,2000,,,\n")
    assert "dubbelzinnig" in found[0][1]


@given(st.decimals(min_value=-(10**14), max_value=10**14, places=3))
def test_dutch_numbers_read_back_what_format_number_writes(number):
    assert read_number(format_number(number), decimal=",") == number
    assert parse_number(format_number(number)) == number


def test_values_of_1e26_give_a_clear_error_not_a_traceback():
    for value in ("1e26", "100000000000000000000000000", "1e400"):
        found = problems(HEADER + f"aantal,Assen,2020,{value},,,,,\n")
        assert "te groot" in found[0][1]
    assert format_number(Decimal("1e30")) == "1" + ".000" * 10
    assert format_number(1e26, decimals=2).endswith(",00")


def test_integers_over_4300_digits_are_load_errors():
    with pytest.raises(LoadError, match=r"een getal van 5\.000 cijfers"):
        loads_toml('id = "x"\nname = "X"\nversion = ' + "1" * 5000, IndicatorSet)
    found = problems(HEADER + "aantal,Assen,2020," + "1" * 5000 + ",,,,,\n")
    assert "te groot" in found[0][1]


def test_n_of_superscript_two_is_an_error():
    text = "indicator,subject,period,value,n\nbereik,Assen,2020,12,²\n"
    assert problems(text) == [
        ("line 2", "n: verwacht een geheel getal (cijfers 0-9), gevonden '²'")
    ]


def test_toml_nested_100k_deep_is_a_load_error_not_a_recursion_error():
    for text in (
        "a = " + "[" * 100_000 + "]" * 100_000,
        "a = " + "{b=" * 100_000 + "1" + "}" * 100_000,
        "a" + ".a" * 100_000 + " = 1",
    ):
        with pytest.raises(LoadError, match=r"line 1: (meer dan 32|een sleutel van meer dan 32)"):
            loads_toml(text, IndicatorSet, file="set.toml")


def test_toml_size_is_bounded_before_parsing():
    with pytest.raises(LoadError, match="groter dan de grens"):
        loads_toml("# x\n" * 100, IndicatorSet, limits=Limits(max_toml_bytes=100))


# -- Dutch Excel ---------------------------------------------------------------------


def test_dutch_excel_csv_with_semicolons_and_decimal_commas(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "indicator;subject;period;value;note\r\n"
        "bereik;Súdwest-Fryslân;2020;12,5;café\r\n"
        "bedrag;Assen;2020;1.234,50;\r\n"
        ";;;;\r\n".encode("cp1252")
    )
    read = read_measurements(path, indicators=INDICATORS)
    assert [m.value for m in read.measurements] == [12.5, Decimal("1234.50")]
    assert read.measurements[0].subject == "Súdwest-Fryslân"
    assert (read.encoding, read.delimiter) == ("cp1252", ";")
    assert ["Windows-1252" in f.message for f in read.findings] == [True]
    with pytest.warns(DataWarning, match="Windows-1252"):
        load_measurements(path, indicators=INDICATORS)


def test_cp1252_file_gets_a_finding_never_replacement_characters(tmp_path):
    path = tmp_path / "m.csv"
    path.write_bytes(
        "indicator,subject,period,value,note\nbereik,Assen,2020,12,€ en é\n".encode("cp1252")
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rows = load_measurements(path, indicators=INDICATORS)
    assert rows[0].note == "€ en é"
    assert "\ufffd" not in rows[0].note
    assert [w.category for w in caught] == [DataWarning]


def test_utf8_file_with_replacement_characters_gets_a_finding(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("indicator,subject,period,value\nbereik,Ass\ufffdn,2020,12\n", encoding="utf-8")
    read = read_measurements(path)
    assert [f.where for f in read.findings] == [f"{path}: line 2"]


def test_same_measurements_as_csv_and_dutch_excel_csv_are_equal(tmp_path):
    from sociaaldomein import format_measurements

    rows = [
        Measurement("bereik", "Assen", Period.parse("2020"), 12.5, note="=1+1"),
        Measurement("bedrag", "Assen", Period.parse("2020"), Decimal("-1234.5")),
        Measurement("cijfer", "Assen", Period.parse("2021"), 7.25, numerator=None),
    ]
    for delimiter in (",", ";"):
        path = tmp_path / f"m{os.getpid()}.csv"
        path.write_bytes(format_measurements(rows, delimiter=delimiter).encode("cp1252"))
        assert list(read_measurements(path, indicators=INDICATORS).measurements) == rows


def test_import_source_in_cp1252_is_read_with_a_finding_not_replacement_characters(tmp_path):
    from sociaaldomein.io.limits import read_source

    path = tmp_path / "overzicht.txt"
    path.write_bytes("Cluster: Zorg\n\tNaam project: Café \u2018De Hoek\u2019\n".encode("cp1252"))
    text, findings = read_source(path)
    assert "Café \u2018De Hoek\u2019" in text
    assert "\ufffd" not in text
    assert [f.rule for f in findings] == ["encoding"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Assen", "Emmen"]),
            st.integers(1, 9),
            st.sampled_from(["provisional", "revised_provisional", "definitive"]),
        ),
        min_size=1,
        max_size=8,
        unique_by=lambda row: row[:2],
    )
)
def test_revisions_resolve_to_one_value_per_key_the_newest_definitive(rows):
    measured = [
        Measurement("aantal", subject, Period.parse("2020"), revision, revision=revision, status=s)
        for subject, revision, s in rows
    ]
    chosen = resolve_revisions(measured)
    assert sorted(m.subject for m in chosen.measurements) == sorted({s for s, _, _ in rows})
    for m in chosen.measurements:
        mine = [r for r in measured if r.subject == m.subject]
        final = [r for r in mine if r.status == "definitive"] or mine
        assert m.revision == max(r.revision for r in final)
        assert (len(mine) > 1) == (chosen.revision_of(m) is not None)


@given(st.integers(1, 8), st.integers(1, 8))
def test_every_ragged_row_is_an_error(width, cells):
    header = ["indicator", "subject", "period", "value", *[f"dimension.d{i}" for i in range(4)]]
    header = header[: max(4, width)]
    row = ["aantal", "Assen", "2020", "1", "a", "b", "c", "d"][:cells]
    text = ",".join(header) + "\n" + ",".join(row) + "\n"
    if len(row) == len(header):
        assert parse_measurements(text, indicators=INDICATORS)
    else:
        with pytest.raises(LoadError, match="cellen, maar de kopregel heeft"):
            parse_measurements(text, indicators=INDICATORS)
