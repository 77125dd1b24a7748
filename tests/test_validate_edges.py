"""What ``validate`` refuses at the edges (issue 23): sets whose targets cannot mean one thing.

Each case under the issue's "Why" that belongs to validation is a test named
after it: two schedule keys for one period, a fallback pointing the other
way, a division by a constant zero, a schedule key spanning two budget
years, a relative target on a zero baseline; and the reason for a fallback
whose baseline is missing.
"""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from strategies import schedule_tables
from test_derived_exact import formulas

from sociaaldomein import (
    AtLeast,
    AtMost,
    Between,
    Change,
    ComparedTo,
    Direction,
    Fallback,
    Indicator,
    IndicatorSet,
    LoadError,
    Measurement,
    MeasurementTypeRegistry,
    Period,
    Severity,
    Status,
    evaluate_all,
    loads_toml,
)
from sociaaldomein.cli import main
from sociaaldomein.core.validation import check_indicators, check_measurements

TYPES = MeasurementTypeRegistry()
Y = Period.year


def validate(capsys, *paths):
    """``sociaaldomein validate`` on ``paths``: its exit status and its errors as JSON."""
    status = main(["validate", *map(str, paths), "--format", "json"])
    out, _ = capsys.readouterr()
    problems = json.loads(out)["problems"]
    return status, [p for p in problems if p["severity"] == "error"]


def set_file(tmp_path: Path, indicator: str) -> Path:
    path = tmp_path / "set.toml"
    path.write_text(f'id = "x"\nname = "X"\n\n{indicator}', encoding="utf-8")
    return path


INDICATOR = """[[indicators]]
id = "bijstand"
name = "Bijstand"
measurement_type = "rate_per_10000"
target = { kind = "at_most", value = 34.0 }
"""


# -- two schedule keys for one period -----------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("2024", '"2024..2024"'),
        ('"2024-01..2024-12"', '"2024-01-01..2024-12-31"'),
        ('"2024-H1"', '"2024-01..2024-06"'),
    ],
)
def test_two_schedule_keys_for_one_period_are_a_validate_error_naming_both(
    capsys, tmp_path, first, second
):
    path = set_file(
        tmp_path,
        INDICATOR + "[indicators.schedule]\n"
        f'{first} = {{ kind = "at_most", value = 37.5 }}\n'
        f'{second} = {{ kind = "at_most", value = 30 }}\n',
    )
    status, errors = validate(capsys, path)
    assert status == 1
    [error] = errors
    assert (error["file"], error["where"]) == (str(path), "indicators[0].schedule")
    shown = [key.strip('"') for key in (first, second)]
    assert f"sleutels '{shown[0]}' en '{shown[1]}' van schedule zijn allebei" in error["message"]
    # Loading refuses it as well: no reader picks one of the two.
    with pytest.raises(LoadError):
        loads_toml(path.read_text(encoding="utf-8"), IndicatorSet, file=str(path))


@settings(max_examples=40)
@given(schedule_tables(duplicate=True))
def test_any_period_written_two_ways_in_a_schedule_is_refused(table):
    keys, text = table
    with pytest.raises(LoadError) as caught:
        loads_toml('id = "x"\nname = "X"\n' + INDICATOR + text, IndicatorSet)
    [problem] = caught.value.problems
    assert problem.where == "indicators[0].schedule"
    assert all(f"'{key}'" in problem.message for key in keys)


@settings(max_examples=40)
@given(schedule_tables(duplicate=False))
def test_a_schedule_of_distinct_periods_loads_with_every_entry(table):
    keys, text = table
    loaded = loads_toml('id = "x"\nname = "X"\n' + INDICATOR + text, IndicatorSet)
    assert [str(period) for period, _ in loaded.indicators[0].schedule] == sorted(
        (str(Period.parse(key)) for key in keys),
        key=lambda shown: (Period.parse(shown).start, Period.parse(shown).end),
    )


# -- a fallback pointing the other way from the target -----------------------------------


def _score(**extra):
    return Indicator("score", "Score", "grade", **extra)


@pytest.mark.parametrize(
    ("target", "fallback"),
    [
        (AtLeast(8), AtMost(5)),
        (AtMost(5), AtLeast(8)),
        (AtLeast(8), ComparedTo("Nederland", "at_most")),
    ],
)
def test_a_fallback_pointing_the_other_way_from_the_target_is_a_validate_error(target, fallback):
    findings = check_indicators([_score(target=target, tolerance=Fallback(fallback))], TYPES)
    assert [(f.severity, f.where) for f in findings] == [(Severity.ERROR, "score.tolerance.target")]
    way, good = (
        ("lower_is_better", "higher_is_better")
        if isinstance(target, AtLeast)
        else ("higher_is_better", "lower_is_better")
    )
    assert findings[0].message == (
        f"de ondergrens (fallback) wijst de andere kant op dan het doel: hij vraagt om {way}, de"
        f" indicator is {good}; een ondergrens is een zwakker doel in dezelfde richting (zoals"
        " at_least 6 onder at_least 8)"
    )


def test_a_fallback_pointing_the_way_of_an_explicit_direction_is_fine():
    fine = [
        _score(target=AtLeast(8), tolerance=Fallback(AtLeast(6))),
        _score(target=Between(6, 8), tolerance=Fallback(Between(5, 9))),
        _score(target=Between(6, 8), tolerance=Fallback(AtLeast(5))),
        _score(target=AtLeast(8), tolerance=Fallback(Between(6, 9))),
    ]
    assert check_indicators(fine, TYPES) == []
    against = _score(
        direction=Direction.LOWER_IS_BETTER,
        target=Change(-10),
        baseline_period=Y(2019),
        tolerance=Fallback(AtLeast(5)),
    )
    [finding] = check_indicators([against], TYPES)
    assert finding.where == "score.tolerance.target"


def test_a_fallback_pointing_the_other_way_is_a_validate_error_in_a_file(capsys, tmp_path):
    path = set_file(
        tmp_path,
        INDICATOR.replace("at_most", "at_least").replace("34.0", "8")
        + 'tolerance = { kind = "fallback", target = { kind = "at_most", value = 5 } }\n',
    )
    status, errors = validate(capsys, path)
    assert status == 1
    assert [(e["file"], e["where"]) for e in errors] == [(str(path), "bijstand.tolerance.target")]


# -- a formula that divides by a constant zero -------------------------------------------


def _derived(formula):
    inputs = [Indicator(name, name, "count") for name in ("a", "b")]
    return [*inputs, Indicator("d", "D", "ratio", formula=formula)]


@pytest.mark.parametrize(
    ("formula", "divisor"),
    [
        ("value(a) / 0", "0"),
        ("value(a) / 0.0", "0.0"),
        ("value(a) / (2 - 2)", "(2 - 2)"),
        ("value(a) / (0 * value(b))", "(0 * value(b))"),
        ("(value(a) + 1) / -(value(b) * 0)", "-(value(b) * 0)"),
        ("value(a) * 100 / (value(b) / (1 - 1))", "(1 - 1)"),
        ("value(a) / (0 / value(b))", "(0 / value(b))"),
        ("value(a) / (1 / 0)", "0"),
        ("value(a) / (2 * 3 - 6)", "((2 * 3) - 6)"),
        ("value(a) + 0 / (0 + 0)", "(0 + 0)"),
    ],
)
def test_a_formula_that_divides_by_a_constant_zero_is_a_validate_error(formula, divisor):
    findings = check_indicators(_derived(formula), TYPES)
    assert [(f.severity, f.where) for f in findings] == [(Severity.ERROR, "d.formula")]
    assert findings[0].message == (
        f"formule {formula!r} deelt door {divisor}, dat 0 is wat de invoer ook is: hij geeft"
        " nooit een waarde"
    )


@pytest.mark.parametrize(
    "formula",
    [
        "value(a) / value(b)",
        "value(a) / (value(b) - 1)",
        "value(a) / (0 + value(b))",
        "value(a) / (2 * 3 - 5)",
        "value(a) / -(1 / 2)",
        "value(a) / (value(b) / 2)",
        "0 / value(a)",
    ],
)
def test_a_formula_whose_divisor_depends_on_its_inputs_is_fine(formula):
    assert check_indicators(_derived(formula), TYPES) == []


# -- a schedule key that spans more than one budget year ----------------------------------


@pytest.mark.parametrize("key", ["2023-07..2024-06", "2023..2024", "2023-12-01..2024-01-31"])
def test_a_schedule_key_spanning_more_than_one_budget_year_is_a_validate_error(
    capsys, tmp_path, key
):
    path = set_file(
        tmp_path,
        INDICATOR + f'[indicators.schedule]\n"{key}" = {{ kind = "at_most", value = 37.5 }}\n',
    )
    status, errors = validate(capsys, path)
    assert status == 1
    [error] = errors
    where = f"bijstand.schedule.{Period.parse(key)}"
    assert (error["file"], error["where"]) == (str(path), where)
    period = Period.parse(key)
    assert error["message"] == (
        f"de sleutel {period} ({period.dutch()}) van schedule beslaat meer dan een"
        " begrotingsjaar: geen meting van een enkel jaar valt erin, dus het gewone doel zou"
        " worden gebruikt; geef een sleutel per begrotingsjaar (2024, 2024-H1)"
    )


def test_schedule_keys_within_one_budget_year_are_fine():
    indicator = Indicator(
        "bijstand",
        "Bijstand",
        "rate_per_10000",
        target=AtMost(34),
        schedule={"2024": AtMost(30), "2024-H1": AtMost(31), "2024-03..2024-05": AtMost(32)},
    )
    assert check_indicators([indicator], TYPES) == []


# -- a relative target whose baseline value is zero --------------------------------------


def _relative(**extra):
    extra.setdefault("target", Change(10))
    return Indicator(
        "vrijwilligers",
        "Vrijwilligers",
        "count",
        direction=Direction.HIGHER_IS_BETTER,
        baseline_period=Y(2019),
        **extra,
    )


@pytest.mark.parametrize(
    "indicator",
    [
        _relative(),
        _relative(target=AtLeast(40), tolerance=Fallback(Change(5))),
        _relative(target=AtLeast(40), schedule={"2024": Change(10)}),
    ],
    ids=["target", "fallback", "schedule"],
)
def test_a_relative_target_on_a_zero_baseline_is_a_validate_finding(indicator):
    rows = [
        Measurement("vrijwilligers", "Kampen", Y(2019), 0),
        Measurement("vrijwilligers", "Kampen", Y(2024), 0),
    ]
    findings = check_measurements(rows, [indicator], TYPES)
    assert [(f.severity, f.rule, f.where) for f in findings] == [
        (Severity.ERROR, "targets.zero_baseline", "vrijwilligers Kampen 2019")
    ]
    assert findings[0].message == (
        "een relatieve verandering op een nulmeting van 0 is niet te beoordelen: elk percentage"
        " van 0 is 0; geef de verandering in de eigen eenheid van de maat (relative = false) of"
        " een nulmetingsperiode met een waarde"
    )


def test_an_absolute_change_on_a_zero_baseline_is_fine():
    rows = [Measurement("vrijwilligers", "Kampen", Y(2019), 0)]
    assert check_measurements(rows, [_relative(target=Change(10, relative=False))], TYPES) == []


# -- a missing baseline is not "fallback ook niet gehaald" --------------------------------

MISSING = Indicator(
    "tevreden",
    "Tevreden",
    "percentage",
    direction=Direction.HIGHER_IS_BETTER,
    target=AtLeast(60),
    tolerance=Fallback(Change(10)),
    baseline_period=Y(2019),
)


def test_a_missing_baseline_for_a_fallback_says_the_baseline_is_missing():
    rows = [Measurement("tevreden", "Kampen", Y(2024), 50)]
    [scalar] = evaluate_all([MISSING], rows, TYPES)
    assert scalar.status is Status.NOT_MET
    expected = (
        "50% (doel: minimaal 60%); niet gehaald; ondergrens +10% t.o.v. nulmeting 2019"
        " niet te bepalen: nulmeting 2019 ontbreekt"
    )
    assert scalar.reason == expected
    assert "ook niet gehaald" not in scalar.reason


def test_a_fallback_with_its_baseline_still_says_whether_it_held():
    rows = [
        Measurement("tevreden", "Kampen", Y(2019), 40),
        Measurement("tevreden", "Kampen", Y(2024), 50),
    ]
    [result] = evaluate_all([MISSING], rows, TYPES)
    assert result.reason.endswith("ondergrens +10% t.o.v. nulmeting 2019 wel gehaald")


# -- every document kind gets the checks ----------------------------------------------------

WRONG = """[[indicators]]
id = "cijfer"
name = "Cijfer"
measurement_type = "grade"
target = { kind = "at_least", value = 8 }
tolerance = { kind = "fallback", target = { kind = "at_most", value = 5 } }
[indicators.schedule]
"2023-07..2024-06" = { kind = "at_least", value = 7 }
[[indicators]]
id = "d"
name = "D"
measurement_type = "ratio"
formula = "value(cijfer) / (2 - 2)"
"""
DOCUMENTS = {
    "set": 'id = "x"\nname = "X"\n' + WRONG,
    "plan": 'number = "1"\nname = "Plan"\n' + WRONG,
    "portfolio": '[[projects]]\nnumber = "1"\nname = "Plan"\n'
    + WRONG.replace("[[indicators]]", "[[projects.indicators]]").replace(
        "[indicators.schedule]", "[projects.indicators.schedule]"
    ),
}


@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
def test_every_document_kind_gets_the_target_checks(capsys, tmp_path, kind):
    from sociaaldomein.app.inputs import kind_of_document

    path = tmp_path / f"{kind}.toml"
    path.write_text(DOCUMENTS[kind], encoding="utf-8")
    assert kind_of_document(tomllib.loads(DOCUMENTS[kind])) == kind
    status, errors = validate(capsys, path)
    assert status == 1
    ends = ["cijfer.tolerance.target", "cijfer.schedule.2023-07..2024-06", "d.formula"]
    assert sorted(e["where"].rpartition(" ")[2] for e in errors) == sorted(ends), errors
    assert {e["file"] for e in errors} == {str(path)}
    # Two keys for one period: the document does not load, whatever its kind.
    twice = DOCUMENTS[kind].replace(
        '"2023-07..2024-06" = { kind = "at_least", value = 7 }',
        '2024 = { kind = "at_least", value = 7 }\n"2024..2024" = { kind = "at_least", value = 9 }',
    )
    path.write_text(twice, encoding="utf-8")
    status, errors = validate(capsys, path)
    assert status == 1
    assert [e["where"].rpartition(".")[2] for e in errors] == ["schedule"]
    assert "'2024' en '2024..2024'" in errors[0]["message"]


@settings(max_examples=150)
@given(formulas(), st.lists(st.integers(-5, 5), min_size=4, max_size=4))
def test_a_divisor_found_to_be_zero_is_zero_for_every_input(case, numbers):
    """Soundness: a formula refused for a constant zero divisor never gives a value."""
    from sociaaldomein.core.derived import compute
    from sociaaldomein.core.target_checks import target_findings
    from sociaaldomein.errors import InvalidValueError
    from sociaaldomein.model.formula import Part, parse_formula, zero_divisors

    text, _ = case
    tree = parse_formula(text)
    # Never a traceback from validate, whatever the constants (0 / 0 among them).
    found = target_findings(Indicator("d", "D", "ratio", formula=text), "d")
    assert len(found) == len(list(zero_divisors(tree)))
    event("a zero divisor" if found else "no zero divisor")
    parts = {Part(name): Decimal(number) for name, number in zip("abcz", numbers, strict=True)}
    if list(zero_divisors(tree)):
        with pytest.raises(InvalidValueError, match=r"^deling door nul"):
            compute(tree, parts)
