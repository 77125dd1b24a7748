"""The fields of a result in the paths issue 14 added: values not known, reference subjects."""

from __future__ import annotations

import pytest

from sociaaldomein import (
    ComparedTo,
    DataStatus,
    Evaluation,
    Indicator,
    Measurement,
    MeasurementTypeRegistry,
    Period,
    SociaaldomeinError,
    Status,
    evaluate_all,
)

TYPES = MeasurementTypeRegistry()
Y, NEXT = Period.year(2024), Period.year(2025)
TARGET = ComparedTo("Nederland", "at_most")
PROVISIONAL = DataStatus.PROVISIONAL


def test_references_are_shown_not_judged_and_values_not_known_are_no_data():
    indicator = Indicator("x", "x", "percentage", target=TARGET)
    measurements = [
        Measurement("x", "Nederland", Y, 40.0, n=7, status="provisional", dimensions={"w": "n"}),
        Measurement("x", "Nederland", Y, 40.0),
        Measurement("x", "Nederland", NEXT, unknown="n.n.b."),
        Measurement("x", "Oss", Y, 39.0, n=12, status="provisional"),
        Measurement("x", "Oss", NEXT, unknown="n.n.b.", n=3, status="provisional"),
        Measurement("x", "Oss", NEXT, unknown="n.n.b.", dimensions={"w": "n"}),
    ]
    results = evaluate_all([indicator], measurements, TYPES)
    assert results == [
        Evaluation("x", "Nederland", Y, Status.NOT_ASSESSED, value=40.0,
                   data_status=DataStatus.DEFINITIVE),
        Evaluation("x", "Nederland", NEXT, Status.NOT_ASSESSED,
                   data_status=DataStatus.DEFINITIVE),
        Evaluation("x", "Nederland", Y, Status.NOT_ASSESSED, value=40.0, dimensions=(("w", "n"),),
                   data_status=PROVISIONAL, n=7),
        Evaluation("x", "Oss", Y, Status.MET, value=39.0, threshold=40, reference=40,
                   data_status=PROVISIONAL,
                   n=12, target=TARGET),
        Evaluation("x", "Oss", NEXT, Status.NO_DATA, data_status=PROVISIONAL, n=3,
                   target=TARGET),
        Evaluation("x", "Oss", NEXT, Status.NO_DATA, dimensions=(("w", "n"),),
                   data_status=DataStatus.DEFINITIVE, target=TARGET),
    ]  # fmt: skip
    assert [r.reason for r in results] == [
        "referentie: 40%, niet beoordeeld",
        "referentie; waarde niet bekend (n.n.b.)",
        "referentie: 40%, niet beoordeeld",
        "39% t.o.v. Nederland (2024: 40%) (doel: niet hoger dan Nederland); gehaald",
        "waarde niet bekend (n.n.b.) (doel: niet hoger dan Nederland)",
        "waarde niet bekend (n.n.b.) (doel: niet hoger dan Nederland)",
    ]


def test_a_reference_without_a_value_says_so():
    indicator = Indicator("x", "x", "percentage", target=TARGET)
    [result] = evaluate_all([indicator], [Measurement("x", "Nederland", Y, forecast=30)], TYPES)
    assert (result.status, result.value, result.reason) == (
        Status.NOT_ASSESSED,
        None,
        "referentie; waarde niet bekend (geen waarde)",
    )


def test_a_derived_indicator_is_compared_with_the_reference_derived_the_same_way():
    parts = [Indicator("a", "A", "count", target=TARGET), Indicator("b", "B", "count")]
    ratio = Indicator("r", "R", "ratio", formula="value(a) / value(b)", target=TARGET)
    results = evaluate_all(
        [*parts, ratio],
        [Measurement("a", "Oss", Y, 10), Measurement("b", "Oss", Y, 20)],
        TYPES,
        references=[Measurement("a", "Nederland", Y, 30), Measurement("b", "Nederland", Y, 40)],
    )
    assert [(r.indicator, r.status, r.value, r.reference) for r in results] == [
        ("a", Status.MET, 10, 30),
        ("b", Status.NOT_ASSESSED, 20, None),
        ("r", Status.MET, 0.5, 0.75),
    ]
    assert results[2].reason == (
        "0,5 t.o.v. Nederland (2024: 0,75) (doel: niet hoger dan Nederland); gehaald"
    )


@pytest.mark.parametrize("where", ["measurements", "references"])
def test_formulas_are_checked_even_when_every_indicator_is_derived(where):
    derived = Indicator("r", "R", "ratio", formula="value(a) / value(b)")
    given = {where: [Measurement("r", "Oss", Y, 1)]}
    with pytest.raises(SociaaldomeinError, match="onbekende indicator 'a'"):
        evaluate_all(
            [derived], given.get("measurements", []), TYPES, references=given.get("references", [])
        )
