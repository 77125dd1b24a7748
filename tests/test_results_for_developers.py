"""The public API's results for a developer: one numeric type, a typed frame, every attribute told.

Issue 25, "Developers": ``Evaluation.value`` was a float and ``threshold`` a
Decimal (subtracting them raised); ``pl.DataFrame(run.records())`` turned
"ja" into 1.0; ``Accountability.indicators``, ``budget``, ``phases``,
``groups``, ``types``, ``comparison`` were not described in the reference.
"""

from __future__ import annotations

import re
import typing
from decimal import Decimal
from pathlib import Path

import attrs
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sociaaldomein import (
    Accountability,
    Aggregate,
    AtLeast,
    Evaluation,
    Indicator,
    Measurement,
    MeasurementTypeRegistry,
    Period,
    account_for,
    evaluate_all,
    evaluate_table,
    results_frame,
)
from sociaaldomein.core.engine import MeasurementTable
from sociaaldomein.testing import strategies as sds

ROOT = Path(__file__).resolve().parent.parent
Y = Period.year


def _numbers(result: object) -> dict[str, object]:
    """Every attribute of a result that holds a number (by its annotation), with its value."""
    hints = typing.get_type_hints(type(result))
    found = {}
    for field in attrs.fields(type(result)):
        if field.name.startswith("_"):
            continue  # private: what a reason is written from
        hint = str(hints.get(field.name, ""))
        if "Decimal" in hint or "float" in hint or "Value" in hint:
            found[field.name] = getattr(result, field.name)
    if isinstance(result, Evaluation):
        found["progress"] = result.progress
    return found


def test_evaluation_value_minus_threshold_does_not_raise():
    bereik = Indicator("bereik", "Bereik", "percentage", target=AtLeast(15))
    (result,) = evaluate_all([bereik], [Measurement("bereik", "Assen", Y(2024), 14.25)])
    assert result.value - result.threshold == Decimal("-0.75")
    assert isinstance(result.value, Decimal)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_every_number_of_a_result_is_a_decimal_on_both_paths(data):
    indicator = data.draw(sds.indicators())
    measurements = data.draw(
        st.lists(sds.measurements(indicator=indicator, known=None, forecast=None), max_size=4)
    )
    unique = list({(m.subject, m.period, m.dimensions): m for m in measurements}.values())
    registry = MeasurementTypeRegistry()
    scalar = evaluate_all([indicator], unique, registry)
    table = MeasurementTable.from_measurements(unique, [indicator], registry)
    columnar = list(evaluate_table(table, [indicator]).to_evaluations())
    for result in (*scalar, *columnar):
        for name, value in _numbers(result).items():
            assert value is None or isinstance(value, Decimal | bool | str), (name, value)
            assert not isinstance(value, float), name


def test_an_aggregate_value_is_a_decimal_too():
    from sociaaldomein import aggregate

    types = MeasurementTypeRegistry()
    parts = [
        Measurement("bereik", "Assen", Y(2024), 15.5, numerator=31, denominator=200),
        Measurement("bereik", "Emmen", Y(2024), 10, numerator=10, denominator=100),
    ]
    whole = aggregate(parts, types["percentage"], subject="Drenthe")
    assert isinstance(whole, Aggregate)
    assert whole.value == Decimal("13.666666666666666")  # the percentage type's float, exact


PLAN = """\
number = "DF-2024"
name = "Frame 2024"

[[indicators]]
id = "loket"
name = "Loket open"
measurement_type = "milestone"

[[indicators]]
id = "bereik"
name = "Bereik"
measurement_type = "percentage"
target = { kind = "at_least", value = 15 }

[[indicators]]
id = "verhaal"
name = "Verhaal"
measurement_type = "qualitative"
"""


@pytest.fixture
def run(tmp_path):
    (tmp_path / "plan.toml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "m.csv").write_text(
        "indicator,subject,period,value\nloket,Assen,2024,ja\nbereik,Assen,2024,0.1\n"
        "bereik,Nederland,2024,16.5\nverhaal,Assen,2024,100\n",
        encoding="utf-8",
    )
    return account_for(
        plan=tmp_path / "plan.toml",
        measurements=[tmp_path / "m.csv"],
        subject="Assen",
        references=["Nederland"],
    )


def test_results_as_a_frame_keep_yes_no_as_boolean(run):
    # pl.DataFrame(run.records()) made "ja" 1.0; the frame keeps each kind in its column.
    frame = run.frame()
    rows = {row["indicator"]: row for row in frame.iter_rows(named=True)}
    assert frame.schema["value_yes_no"] == pl.Boolean
    assert frame.schema["value_text"] == pl.String
    assert isinstance(frame.schema["value"], pl.Decimal)
    assert rows["loket"]["value_yes_no"] is True
    assert rows["loket"]["value"] is None
    assert rows["verhaal"]["value_text"] == "100"  # text stays text
    assert rows["bereik"]["value"] == Decimal("0.1")  # exact, not 0.1000000000000000055
    assert rows["bereik"]["reference.Nederland"] == Decimal("16.5")
    assert frame.schema["status"] == pl.Enum(
        ["no_data", "not_assessed", "met", "within_tolerance", "not_met"]
    )
    assert rows["bereik"]["status"] == "not_met"
    assert results_frame(run.results).columns[: len(frame.columns) - 3] == frame.columns[:-3]


def test_a_frame_of_no_results_has_the_same_columns(run):
    empty = results_frame([], references=["Nederland"])
    assert empty.height == 0
    assert empty.columns == run.frame().columns


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.decimals(
            min_value=Decimal("-1e14"), max_value=Decimal("1e14"), allow_nan=False, places=6
        ),
        max_size=5,
    )
)
def test_a_frame_keeps_every_decimal_it_is_given(values):
    from sociaaldomein import Status

    results = [
        Evaluation("x", "A", Y(2000 + i), Status.NOT_ASSESSED, value=v, threshold=v)
        for i, v in enumerate(values)
    ]
    frame = results_frame(results)
    assert frame.get_column("value").to_list() == values
    assert frame.get_column("threshold").to_list() == values


def test_every_accountability_attribute_is_in_the_reference():
    text = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    section = text.split("## Accountability: every attribute", 1)[1].split("\n## ", 1)[0]
    first_cells = re.findall(r"^\| (`[^|]*)\|", section, flags=re.MULTILINE)
    described = {name for cell in first_cells for name in re.findall(r"`(\w+)`", cell)}
    public = {field.name for field in attrs.fields(Accountability)}
    public |= {
        name
        for name, member in vars(Accountability).items()
        if not name.startswith("_") and (callable(member) or isinstance(member, property))
    }
    assert public - described == set()
    assert described - public == set()


def test_no_public_result_class_holds_a_float():
    """Every attrs class the API exports from core/ (the results) holds numbers as Decimal.

    Found from ``sociaaldomein.__all__``, so that a new result class is held to it too.
    Measurements (model/) keep the value as read, documented in the reference.
    """
    import sociaaldomein

    found = []
    for name in sociaaldomein.__all__:
        kind = getattr(sociaaldomein, name)
        if not (isinstance(kind, type) and attrs.has(kind)):
            continue
        if not kind.__module__.startswith("sociaaldomein.core."):
            continue
        hints = typing.get_type_hints(kind)
        found += [
            f"{name}.{field.name}"
            for field in attrs.fields(kind)
            if not field.name.startswith("_") and re.search(r"\bfloat\b", str(hints[field.name]))
        ]
    assert found == []
