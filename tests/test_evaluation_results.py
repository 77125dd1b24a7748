"""Every field of an evaluation result, in every path of evaluate() and evaluate_all()."""

from __future__ import annotations

import re

import pytest

from sociaaldomein import (
    AtLeast,
    Change,
    DataStatus,
    Evaluation,
    Indicator,
    Measurement,
    MeasurementType,
    MeasurementTypeRegistry,
    MilestoneBy,
    Period,
    Status,
    UnknownNameError,
    evaluate,
    evaluate_all,
)

TYPES = MeasurementTypeRegistry()
BASE = Period.year(2019)
NOW = Period.year(2021)
SLICE = (("leeftijd", "12-17"),)


def test_a_qualitative_result_keeps_indicator_subject_period_and_slice():
    story = Indicator("verhaal", "Verhaal", "qualitative")
    text = "Bewoners organiseren zelf een buurtfeest"
    result = evaluate(
        story,
        Measurement("verhaal", "Oss", NOW, text, n=5, dimensions=SLICE),
        measurement_type=TYPES["qualitative"],
    )
    assert result == Evaluation(
        "verhaal",
        "Oss",
        NOW,
        Status.NOT_ASSESSED,
        value=text,
        dimensions=SLICE,
        data_status=DataStatus.DEFINITIVE,
        n=5,
    )
    assert result.reason == "kwalitatief: niet beoordeeld"
    assert result.progress is None


def test_a_judged_result_keeps_indicator_subject_period_and_slice():
    reach = Indicator("bereik", "Bereik", "percentage", target=AtLeast(15))
    result = evaluate(
        reach,
        Measurement("bereik", "Oss", NOW, 20, dimensions=SLICE),
        measurement_type=TYPES["percentage"],
    )
    assert result == Evaluation(
        "bereik",
        "Oss",
        NOW,
        Status.MET,
        value=20,
        threshold=15,
        dimensions=SLICE,
        data_status=DataStatus.DEFINITIVE,
        target=AtLeast(15),
    )


def test_no_measurement_gives_no_data_for_the_named_subject_and_period():
    reach = Indicator("bereik", "Bereik", "percentage", target=AtLeast(15))
    result = evaluate(reach, None, measurement_type=TYPES["percentage"], subject="Oss", period=NOW)
    assert result == Evaluation("bereik", "Oss", NOW, Status.NO_DATA, target=AtLeast(15))
    assert result.reason == "geen meting voor 2021"


@pytest.mark.parametrize("given", [{}, {"subject": "Oss"}, {"period": NOW}])
def test_no_measurement_needs_both_subject_and_period(given):
    reach = Indicator("bereik", "Bereik", "percentage", target=AtLeast(15))
    message = "evaluate() needs a measurement, or subject and period"
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        evaluate(reach, None, measurement_type=TYPES["percentage"], **given)


def test_the_reason_is_written_from_the_previous_value():
    growth = Indicator(
        "bereik",
        "Bereik",
        "percentage",
        direction="higher_is_better",
        target=Change(5, relative=False, against="previous"),
    )
    results = evaluate_all(
        [growth],
        [Measurement("bereik", "Oss", Period.year(year), value) for year, value in [(2020, 40)]]
        + [Measurement("bereik", "Oss", NOW, 46)],
        TYPES,
    )
    assert [r.reason for r in results] == [
        "40%; vorige meting ontbreekt (doel: +5 procentpunt t.o.v. vorige meting)",
        "46%: +6 t.o.v. vorige meting (2020: 40%) (doel: +5 procentpunt t.o.v. vorige meting,"
        " dus 45%); gehaald",
    ]
    assert [(r.status, r.threshold, r.reference) for r in results] == [
        (Status.NO_DATA, None, None),
        (Status.MET, 45, 40),
    ]


def test_evaluate_all_names_the_known_indicators_of_an_unknown_one():
    a = Indicator("a", "A", "count")
    b = Indicator("b", "B", "count")
    stray = Measurement("c", "Oss", NOW, 1)
    message = "meting voor onbekende indicator 'c' (bekende indicatoren: a, b)"
    with pytest.raises(UnknownNameError, match=f"^{re.escape(message)}$"):
        evaluate_all([a, b], [stray], TYPES)
    with pytest.raises(UnknownNameError, match=r"bekende indicatoren: \(geen\)\)$"):
        evaluate_all([], [stray], TYPES)


def test_evaluate_all_uses_the_types_it_is_given():
    score = MeasurementType("score", "score", minimum=0, maximum=5)
    judged = Indicator("tevreden", "Tevreden", "score", target=AtLeast(4))
    [result] = evaluate_all([judged], [Measurement("tevreden", "Oss", NOW, 4)], {"score": score})
    assert result.status is Status.MET
    assert result.reason == "4 (doel: minimaal 4); gehaald"


def test_evaluate_all_gives_yes_no_and_text_series_no_numbers():
    milestone = Indicator("m", "m", "milestone", target=MilestoneBy(NOW.end), baseline_period=BASE)
    series = [Measurement("m", "Oss", Period.year(y), y > 2020) for y in (2019, 2020, 2021)]
    results = evaluate_all([milestone], series, TYPES)
    assert [(r.status, r.value, r.baseline) for r in results] == [
        (Status.NOT_MET, False, None),
        (Status.MET, True, None),
    ]
    assert results[1].reason == "ja (doel: bereikt uiterlijk 31 december 2021); gehaald"
    story = Indicator("s", "s", "qualitative", baseline_period=BASE)
    texts = [Measurement("s", "Oss", Period.year(y), f"jaar {y}") for y in (2019, 2021)]
    [result] = evaluate_all([story], texts, TYPES)
    assert (result.status, result.value, result.baseline) == (
        Status.NOT_ASSESSED,
        "jaar 2021",
        None,
    )
