"""The findings on measurements, exactly: message, place and rule of each, in order."""

from __future__ import annotations

from decimal import Decimal

from sociaaldomein import (
    AtLeast,
    Change,
    Fallback,
    Finding,
    Indicator,
    Measurement,
    MeasurementTypeRegistry,
    Period,
    Reference,
)
from sociaaldomein.core.validation import check_measurements, check_sources
from sociaaldomein.model.indicator import SourceRef

TYPES = MeasurementTypeRegistry()
Y = Period.year
TWO_SLICES = (("geslacht", "v"), ("leeftijd", "12-17"))
BEREIK = Indicator("bereik", "Bereik", "percentage", slices=("leeftijd", "wijk"))
CLIENTEN = Indicator("clienten", "Cliënten", "count")


def error(message: str, where: str, rule: str) -> Finding:
    return Finding("error", message, where, rule)


def warning(message: str, where: str, rule: str) -> Finding:
    return Finding("warning", message, where, rule)


def test_each_problem_of_a_measurement_is_a_finding_naming_it():
    rows = [
        Measurement("bereik", "Oss", Y(2024), 40, dimensions=TWO_SLICES),
        Measurement("onbekend", "Oss", Y(2024), 1),
        Measurement("bereik", "Oss", Y(2024), 41, dimensions=TWO_SLICES),
        Measurement("bereik", "Uden", Y(2021), 120),
        Measurement("clienten", "Uden", Y(2024), 3, dimensions=(("wijk", "a"), ("regio", "b"))),
    ]
    findings = check_measurements(rows, [BEREIK, CLIENTEN], TYPES, period=Y(2024))
    assert findings == [
        error(
            "twee keer gegeven (metingen 1 en 3); verwijder er een, of geef beide een revisie of"
            " een as_of-datum",
            "bereik Oss 2024 geslacht=v leeftijd=12-17",
            "measurements.duplicate",
        ),
        warning(
            "een uitsplitsing naar geslacht, die de indicator niet noemt (uitsplitsingen:"
            " leeftijd, wijk); het rapport toont die niet",
            "bereik Oss 2024 geslacht=v leeftijd=12-17",
            "measurements.slice",
        ),
        error("onbekende indicator", "onbekend Oss 2024", "measurements.indicator"),
        warning(
            "een uitsplitsing naar geslacht, die de indicator niet noemt (uitsplitsingen:"
            " leeftijd, wijk); het rapport toont die niet",
            "bereik Oss 2024 geslacht=v leeftijd=12-17",
            "measurements.slice",
        ),
        error(
            "120 is geen geldige waarde voor percentage; verwacht een getal van 0 t/m 100",
            "bereik Uden 2021",
            "measurements.value",
        ),
        warning("2021 valt buiten de periode (2024)", "bereik Uden 2021", "measurements.period"),
        warning(
            "een uitsplitsing naar regio, wijk, die de indicator niet noemt (uitsplitsingen:"
            " geen); het rapport toont die niet",
            "clienten Uden 2024 regio=b wijk=a",
            "measurements.slice",
        ),
    ]


# -- a change target the baseline makes impossible -----------------------------------------


def _plan(target, tolerance=None, measurement_type="percentage"):
    return Indicator(
        "tevreden",
        "Tevreden",
        measurement_type,
        direction="higher_is_better",
        target=target,
        tolerance=tolerance,
        baseline_period=Y(2020),
    )


def _impossible(indicator, baseline):
    rows = [
        Measurement("tevreden", "Oss", Y(2021), 50),
        Measurement("tevreden", "Oss", Y(2020), baseline),
    ]
    return [f for f in check_measurements(rows, [indicator], TYPES) if f.rule.startswith("targets")]


def test_a_target_beyond_the_types_limit_is_named_with_the_figures():
    assert _impossible(_plan(Change(Decimal("10"))), Decimal("97.8")) == [
        error(
            "het doel vraagt 107,58 vanaf een nulmeting van 97,8, voorbij de grens van 100 van"
            " percentage: het is niet te halen",
            "tevreden Oss 2020",
            "targets.impossible",
        )
    ]


def test_exactly_the_limit_can_be_met_and_half_a_unit_beyond_cannot():
    absolute = {"relative": False}
    assert _impossible(_plan(Change(10, **absolute)), 90) == []
    [finding] = _impossible(_plan(Change(Decimal("10.5"), **absolute)), 90)
    assert finding.message.startswith("het doel vraagt 100,5 vanaf een nulmeting van 90,")


def test_a_fallback_change_is_checked_too_after_a_target_that_is_not():
    fallback = Fallback(Change(10, against=Reference.BASELINE))
    assert [f.message[:24] for f in _impossible(_plan(AtLeast(50), fallback), 95)] == [
        "het doel vraagt 104,5 va"
    ]
    against_previous = Change(1, against=Reference.PREVIOUS)
    assert [f.message[:24] for f in _impossible(_plan(against_previous, fallback), 95)] == [
        "het doel vraagt 104,5 va"
    ]


def test_an_indicator_of_an_unknown_type_is_left_to_the_type_check():
    plan = _plan(Change(10), measurement_type="eigen")
    rows = [Measurement("tevreden", "Oss", Y(2020), 99)]
    assert check_measurements(rows, [plan], TYPES) == []


# -- sources ----------------------------------------------------------------------------------


def test_an_unknown_source_lists_the_known_ones():
    fetch = SourceRef("eigen", "t", "c")
    indicator = Indicator("x", "X", "count", fetch=fetch)
    message = "fetch.source 'eigen' is geen bekende bron; bekend:"
    assert check_sources([indicator], ["cbs", "waarstaatjegemeente"]) == [
        warning(f"{message} cbs, waarstaatjegemeente", "x.fetch", "")
    ]
    assert check_sources([indicator], []) == [warning(f"{message} (geen)", "x.fetch", "")]
