"""The fields of a result in the paths issue 14 added: values not known, reference subjects."""

from __future__ import annotations

from sociaaldomein import (
    ComparedTo,
    DataStatus,
    Evaluation,
    Indicator,
    Measurement,
    MeasurementTypeRegistry,
    Period,
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
    ]  # fmt: skip
    assert [r.reason for r in results] == [
        "referentie: 40%, niet beoordeeld",
        "referentie; waarde niet bekend (n.n.b.)",
        "referentie: 40%, niet beoordeeld",
        "39% t.o.v. Nederland (2024: 40%) (doel: niet hoger dan Nederland); gehaald",
        "waarde niet bekend (n.n.b.) (doel: niet hoger dan Nederland)",
    ]
