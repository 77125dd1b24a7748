"""NaN and the infinities in any number field of a set or plan: a load error with its key path.

Issue 24: a target of "NaN" made ``validate`` answer but ``evaluate`` crash,
``amount = "NaN"`` passed ``validate`` and crashed ``evaluate``, "sNaN"
crashed ``validate``. Every number field of the model goes through one
converter (:func:`sociaaldomein.model._convert.finite_decimal`); the test
below finds the fields itself, so a new one cannot be forgotten.
"""

from __future__ import annotations

import decimal
import math
import typing
from pathlib import Path

import attrs
import pytest

from sociaaldomein.cli import main
from sociaaldomein.errors import LoadError, SociaaldomeinError
from sociaaldomein.io.converter import structure
from sociaaldomein.model.budget import BudgetLine, Funding
from sociaaldomein.model.formula import Number
from sociaaldomein.model.indicator_set import IndicatorSet
from sociaaldomein.model.parties import Province
from sociaaldomein.model.project import Portfolio, Project
from sociaaldomein.model.target import (
    AtLeast,
    AtMost,
    Between,
    Change,
    ComparedTo,
    CountPerPeriod,
    Margin,
)
from sociaaldomein.model.trend_thresholds import TrendThresholds

#: What a TOML document may hold where a number is expected, and is not one.
BAD_IN_TOML = ["NaN", "nan", "sNaN", "-sNaN", "Infinity", "-Infinity", "inf", "-inf",
               math.nan, math.inf, -math.inf]  # fmt: skip
#: What a Python caller may pass.
BAD_IN_PYTHON = [decimal.Decimal("NaN"), decimal.Decimal("sNaN"), decimal.Decimal("Infinity"),
                 decimal.Decimal("-inf"), math.nan, math.inf, -math.inf]  # fmt: skip

#: The smallest valid data of every class that has a number field.
EXAMPLES: dict[type, dict[str, object]] = {
    AtLeast: {"value": 1},
    AtMost: {"value": 1},
    Between: {"low": 1, "high": 2},
    Change: {"amount": 1},
    CountPerPeriod: {"count": 1},
    ComparedTo: {"subject": "Nederland", "margin": 1},
    Margin: {"amount": 1},
    TrendThresholds: {"clear": 1.0, "slight": 0.5, "stable": 0.5},
    Project: {"number": "1", "name": "P", "budget_hours": 1},
    BudgetLine: {"description": "uren", "source": "gemeente", "amount": 1},
    Funding: {"source": "gemeente", "amount": 1},
    Number: {"value": 1},
}
_NUMBERS = (decimal.Decimal, float)


def _leaves(declared: object) -> list[object]:
    args = typing.get_args(declared)
    return [leaf for arg in args for leaf in _leaves(arg)] if args else [declared]


def number_fields() -> list[tuple[type, str]]:
    """Every Decimal or float field of every class a set, plan, portfolio or province holds."""
    found: list[tuple[type, str]] = []
    seen: set[type] = set()

    def walk(cl: type) -> None:
        if cl in seen:
            return
        seen.add(cl)
        hints = typing.get_type_hints(cl)
        for field in attrs.fields(cl):
            leaves = _leaves(hints[field.name])
            if any(leaf in _NUMBERS for leaf in leaves):
                found.append((cl, field.name))
            for leaf in leaves:
                if isinstance(leaf, type) and attrs.has(leaf):
                    walk(leaf)

    for root in (IndicatorSet, Project, Portfolio, Province):
        walk(root)
    return found


def test_every_number_field_of_the_model_has_an_example():
    fields = number_fields()
    assert len(fields) >= 17  # targets, margins, budgets, thresholds, formula constants
    assert {cl for cl, _ in fields} <= set(EXAMPLES), "give the new class an example"


@pytest.mark.parametrize(("cl", "name"), number_fields(), ids=lambda x: getattr(x, "__name__", x))
def test_non_finite_numbers_in_any_field_are_load_errors_with_the_key_path(cl, name):
    structure(EXAMPLES[cl], cl)  # the example itself is valid
    for bad in BAD_IN_TOML:
        with pytest.raises(LoadError) as raised:
            structure({**EXAMPLES[cl], name: bad}, cl, file="set.toml")
        assert [(p.file, p.where) for p in raised.value.problems] == [("set.toml", name)], bad
        # A float field takes no text at all; a number that is not finite is said to be so.
        message = raised.value.problems[0].message
        assert "eindig" in message or (isinstance(bad, str) and "gevonden tekst" in message)


@pytest.mark.parametrize(("cl", "name"), number_fields(), ids=lambda x: getattr(x, "__name__", x))
def test_non_finite_numbers_from_python_are_refused_by_the_model(cl, name):
    valid = structure(EXAMPLES[cl], cl)
    for bad in BAD_IN_PYTHON:
        with pytest.raises(SociaaldomeinError, match="eindig"):
            attrs.evolve(valid, **{name: bad})


SET = """\
id = "t"
name = "T"
version = "1"

[[indicators]]
id = "bereik"
name = "Bereik"
measurement_type = "{kind}"
{field}
"""


@pytest.fixture
def measurements(tmp_path: Path) -> Path:
    path = tmp_path / "m.csv"
    path.write_text("indicator,subject,period,value\nbereik,Assen,2020,40\n", encoding="utf-8")
    return path


def _run(tmp_path: Path, capsys, *args: str) -> tuple[int, str]:
    code = main([*args])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("percentage", 'target = { kind = "at_least", value = "NaN" }'),
        ("percentage", 'target = { kind = "at_least", value = "sNaN" }'),
        ("percentage", 'target = { kind = "at_least", value = 40 }\n'
                       'tolerance = { kind = "margin", amount = "Infinity" }'),
        ("percentage", 'target = { kind = "at_least", value = 40 }\n'
                       'schedule = { 2020 = { kind = "at_most", value = "-inf" } }'),
        ("amount", 'target = { kind = "change", amount = "NaN" }'),
    ],
)  # fmt: skip
def test_target_of_nan_is_a_load_error_in_validate_and_evaluate(
    tmp_path, capsys, measurements, kind, field
):
    set_file = tmp_path / "set.toml"
    set_file.write_text(SET.format(kind=kind, field=field), encoding="utf-8")
    code, shown = _run(tmp_path, capsys, "validate", str(set_file), str(measurements))
    assert code == 1
    assert "indicators[0]." in shown
    assert "eindig" in shown
    code, shown = _run(tmp_path, capsys, "evaluate", "--set-file", str(set_file), str(measurements))
    assert code == 1
    assert "Traceback" not in shown
    assert "eindig" in shown


def test_budget_amount_of_nan_is_a_load_error_in_validate_and_evaluate(
    tmp_path, capsys, measurements
):
    plan = tmp_path / "plan.toml"
    plan.write_text(
        'number = "1"\nname = "P"\nperiod = "2020"\n\n'
        '[[indicators]]\nid = "bereik"\nname = "Bereik"\nmeasurement_type = "percentage"\n\n'
        '[budget]\nperiod = "2020"\n'
        'funding = [{ source = "gemeente", amount = "NaN" }]\n',
        encoding="utf-8",
    )
    code, shown = _run(tmp_path, capsys, "validate", str(plan), str(measurements))
    assert code == 1
    assert "budget.funding[0].amount" in shown
    assert "eindig" in shown
    code, shown = _run(tmp_path, capsys, "evaluate", str(plan), str(measurements))
    assert code == 1
    assert "Traceback" not in shown
    assert "eindig" in shown
