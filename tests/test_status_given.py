"""A data status that was not given is told apart from "definitief" by every reader.

A measurement whose file has an empty status cell, or no status column, is
judged as definitive (the evaluation semantics do not change), but it says
so: ``Measurement.status_given`` is ``False``, and the report's colofon and
cards say "status niet opgegeven" rather than calling the value definitief.
Every reader (CSV as objects and as columns, xlsx, the delivery workbook) is
enumerated here; the sources state a status themselves.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sociaaldomein import DataStatus, Indicator, InvalidValueError, Measurement, Period
from sociaaldomein.app.inputs import MEASUREMENT_SUFFIXES
from sociaaldomein.core.engine.frames import results_frame
from sociaaldomein.core.evaluation import evaluate_all
from sociaaldomein.core.records import to_records
from sociaaldomein.io.measurements import load_measurements
from sociaaldomein.io.table import read_measurements_table
from sociaaldomein.model.target import AtLeast
from sociaaldomein.plugin import builtin
from sociaaldomein.render.model import Row
from sociaaldomein.render.status import label
from sociaaldomein.render.words import data_status_text

openpyxl = pytest.importorskip("openpyxl")

INDICATORS = [
    Indicator("a", "A", "count", target=AtLeast(10)),
    Indicator("b", "B", "count", target=AtLeast(10)),
    Indicator("c", "C", "count", target=AtLeast(10)),
]
# The status cell of each indicator's row: empty, a code, a Dutch word.
STATUSES = {"a": "", "b": "provisional", "c": "definitief"}
EXPECTED = {
    "a": (DataStatus.DEFINITIVE, False),
    "b": (DataStatus.PROVISIONAL, True),
    "c": (DataStatus.DEFINITIVE, True),
}


def _rows(with_status: bool) -> tuple[list[str], list[list[str]]]:
    header = ["indicator", "subject", "period", "value"]
    rows = [[key, "Assen", "2024", "12"] for key in STATUSES]
    if with_status:
        header.append("status")
        for row in rows:
            row.append(STATUSES[row[0]])
    return header, rows


def _csv(tmp_path, header, rows):
    path = tmp_path / "m.csv"
    path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    return path


def _csv_objects(tmp_path, header, rows):
    return load_measurements(_csv(tmp_path, header, rows), indicators=INDICATORS)


def _csv_columns(tmp_path, header, rows):
    table = read_measurements_table(_csv(tmp_path, header, rows), indicators=INDICATORS)
    return list(table.to_measurements())


def _xlsx(tmp_path, header, rows):
    from sociaaldomein.io.xlsx import load_measurements_xlsx

    path = tmp_path / "m.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Metingen"
    for row in [header, *rows]:
        sheet.append(row)
    book.save(path)
    return load_measurements_xlsx(path, indicators=INDICATORS)


def _delivery(tmp_path, header, rows):
    """The entry workbook an organisation fills in: its Status cell, typed or left empty."""
    from sociaaldomein.app.delivery import read_delivery, write_template
    from sociaaldomein.io.delivery import DATA_SHEET
    from sociaaldomein.model.indicator_set import IndicatorSet
    from sociaaldomein.model.measurement_type import MeasurementTypeRegistry

    indicator_set = IndicatorSet("s", "Set", indicators=INDICATORS)
    path = tmp_path / "levering.xlsx"
    write_template(
        indicator_set, MeasurementTypeRegistry(), path, subject="Assen", period=Period.year(2024)
    )
    book = openpyxl.load_workbook(path)
    sheet = book[DATA_SHEET]
    headings = {cell.value: cell.column_letter for cell in sheet[1]}
    by_id = {sheet[f"{headings['indicator']}{n}"].value: n for n in range(2, sheet.max_row + 1)}
    for row in rows:
        number = by_id[row[0]]
        sheet[f"{headings['Waarde']}{number}"] = int(row[3])
        if "status" in header and row[4]:
            sheet[f"{headings['Status']}{number}"] = DataStatus(row[4]).dutch
    book.save(path)
    found = read_delivery(path, indicator_set, MeasurementTypeRegistry(), period=Period.year(2024))
    return list(found.measurements)


READERS = {
    ".csv": _csv_objects,
    ".csv table": _csv_columns,
    ".xlsx": _xlsx,
    ".xlsx levering": _delivery,
}


def test_every_reader_is_enumerated_here():
    assert set(MEASUREMENT_SUFFIXES) <= {key.split()[0] for key in READERS}
    # The sources state a status themselves (CBS: the period's Status); see below.
    assert {source.name for source in builtin.sociaaldomein_sources()} == {"cbs"}


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("with_status", [True, False], ids=["empty-cell", "no-column"])
def test_every_reader_marks_a_status_not_given_and_judges_it_definitive(
    tmp_path, reader, with_status
):
    header, rows = _rows(with_status)
    found = {
        m.indicator: (m.status, m.status_given) for m in READERS[reader](tmp_path, header, rows)
    }
    if with_status:
        assert found == EXPECTED
    else:
        assert found == dict.fromkeys(STATUSES, (DataStatus.DEFINITIVE, False))


@pytest.mark.parametrize("api", ["v3", "v4"])
def test_a_source_states_the_status_it_publishes(api):
    from test_cbs_v4 import jeugd, stored, wmo  # the stored feeds, never the network

    found = stored(api).fetch([jeugd(), wmo()], ["Assen"], [Period.year(2023)])
    assert found.measurements
    assert all(m.status_given for m in found.measurements)


def test_a_status_not_given_is_definitive_or_it_is_refused():
    period = Period.year(2024)
    with pytest.raises(InvalidValueError, match="geen status is opgegeven"):
        Measurement("a", "Assen", period, 1, status="voorlopig", status_given=False)


def test_a_status_not_given_does_not_change_the_verdict_only_says_so():
    period = Period.year(2024)
    stated = Measurement("a", "Assen", period, 12)
    unstated = attrs.evolve(stated, status_given=False)
    [given_], [not_given] = (evaluate_all(INDICATORS[:1], [m]) for m in (stated, unstated))
    assert (given_.status, given_.reason, given_.data_status) == (
        not_given.status,
        not_given.reason,
        not_given.data_status,
    )
    assert (given_.status_given, not_given.status_given) == (True, False)
    [record] = to_records([not_given])
    assert (record["data_status"], record["status_given"]) == ("definitive", False)
    frame = results_frame([given_, not_given])
    assert frame.get_column("status_given").to_list() == [True, False]


def _row(evaluation) -> Row:
    return Row(
        anchor="x",
        indicator=INDICATORS[0],
        evaluation=evaluation,
        status=label(evaluation.status),
        name="A",
        provisional=evaluation.data_status is DataStatus.PROVISIONAL,
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["definitief", "voorlopig", "niet opgegeven", "n.n.b."]), max_size=12)
)
def test_the_colofon_counts_each_value_once_and_never_calls_an_unstated_one_definitief(kinds):
    period = Period.year(2024)
    rows = []
    for number, kind in enumerate(kinds):
        measurement = Measurement(
            "a",
            f"s{number}",
            period,
            None if kind == "n.n.b." else 12,
            status=DataStatus.PROVISIONAL if kind == "voorlopig" else DataStatus.DEFINITIVE,
            status_given=kind != "niet opgegeven",
            unknown="n.n.b." if kind == "n.n.b." else "",
        )
        [evaluation] = evaluate_all(INDICATORS[:1], [measurement])
        rows.append(_row(evaluation))
    sentence = data_status_text(rows)
    known = len(kinds) - kinds.count("n.n.b.")
    unstated, provisional = kinds.count("niet opgegeven"), kinds.count("voorlopig")
    if not known:
        assert sentence.startswith("Er zijn geen bekende waarden")
    elif unstated == known:
        assert "status niet opgegeven" in sentence
        assert "definitief." not in sentence
    elif unstated:
        assert f"Bij {unstated} waarde" in sentence
        assert "status niet opgegeven" in sentence
        assert "Alle" not in sentence
    if provisional and unstated < known:
        assert f"{provisional} van de {known} bekende waarden" in sentence
    if kinds.count("n.n.b."):
        assert f"{kinds.count('n.n.b.')} waarde" in sentence
    if not unstated:
        assert "opgegeven" not in sentence


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([*DataStatus, None]), min_size=1, max_size=4))
def test_a_value_made_of_parts_is_definitief_only_where_every_part_said_so(statuses):
    """A sum to date and a formula: the weakest status, given unless a part left it out."""
    from sociaaldomein.core.aggregation import accumulate
    from sociaaldomein.core.derived import derive
    from sociaaldomein.model.measurement_type import MeasurementTypeRegistry

    types = MeasurementTypeRegistry()
    parts = [
        Measurement(
            "n",
            "Assen",
            Period.quarter(2024, quarter),
            5,
            status=status or DataStatus.DEFINITIVE,
            status_given=status is not None,
        )
        for quarter, status in enumerate(statuses, start=1)
    ]
    weakest = min((s for s in statuses if s is not None), default=DataStatus.DEFINITIVE)
    given_ = weakest is not DataStatus.DEFINITIVE or None not in statuses
    last = accumulate(parts, "sum", types["count"])[-1]
    assert (last.status, last.status_given) == (weakest, given_)
    # A formula over the parts of one period (each its own indicator).
    inputs = [
        attrs.evolve(p, indicator=f"i{n}", period=Period.year(2024)) for n, p in enumerate(parts)
    ]
    made = Indicator(
        "som", "Som", "count", formula=" + ".join(f"value(i{n})" for n in range(len(parts)))
    )
    known = [made, *(Indicator(f"i{n}", "I", "count") for n in range(len(parts)))]
    [derived] = derive(known, inputs, types)
    assert (derived.status, derived.status_given) == (weakest, given_)
