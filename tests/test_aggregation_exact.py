"""Every field of an aggregate, for each kind of value, with its exact note."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from sociaaldomein import (
    DataStatus,
    InvalidValueError,
    Measurement,
    MeasurementTypeRegistry,
    Municipality,
    Period,
    Region,
)
from sociaaldomein.core.aggregation import Aggregate, aggregate, aggregate_regions

TYPES = MeasurementTypeRegistry()
Y = Period.year(2024)
FINAL, PROVISIONAL = DataStatus.DEFINITIVE, DataStatus.PROVISIONAL


def m(indicator, subject, value=None, period=Y, **extra):
    return Measurement(indicator, subject, period, value, **extra)


def total(measurements, kind):
    return aggregate(measurements, TYPES[kind], subject="Regio")


def test_grades_are_weighted_by_respondents_and_none_counts_for_nothing():
    parts = [m("c", "A", 8.0, n=0), m("c", "B", 6.0, n=10), m("c", "C", 7.0, n=1)]
    assert total(parts, "grade") == Aggregate(
        "c",
        "Regio",
        Y,
        67 / 11,
        FINAL,
        ("A", "B", "C"),
        numerator=Decimal(67),
        denominator=Decimal(11),
        note="gewogen naar respondenten",
    )
    assert total([m("c", "A", 7.0, n=1)], "grade").value == 7.0


def test_a_grade_with_respondents_is_weighted_by_them_not_by_its_fraction():
    part = m("c", "A", 7.5, n=10, numerator=80, denominator=10)
    assert (total([part], "grade").numerator, total([part], "grade").denominator) == (75, 10)


def test_grades_without_respondents_cannot_be_averaged():
    lacking = [m("c", "A", 8.0), m("c", "B", 6.0), m("c", "C", 7.0, n=5)]
    assert total(lacking, "grade") == Aggregate(
        "c",
        "Regio",
        Y,
        None,
        FINAL,
        ("A", "B", "C"),
        note="niet te berekenen: aantal respondenten ontbreekt bij A, B",
    )
    nobody = [m("c", "A", 8.0, n=0), m("c", "B", 6.0, n=0)]
    assert total(nobody, "grade") == Aggregate(
        "c", "Regio", Y, None, FINAL, ("A", "B"), note="niet te berekenen: geen respondenten"
    )


def test_texts_are_listed_and_milestones_reached_only_when_every_part_reached_them():
    texts = [m("v", "A", "meer initiatieven"), m("v", "B", "kortere wachtlijst")]
    assert total(texts, "qualitative") == Aggregate(
        "v",
        "Regio",
        Y,
        None,
        FINAL,
        ("A", "B"),
        texts=(("A", "meer initiatieven"), ("B", "kortere wachtlijst")),
        note="kwalitatief: opgesomd",
    )
    note = "bereikt als alle delen het bereikten"
    assert total([m("j", "A", True), m("j", "B", False)], "milestone") == Aggregate(
        "j", "Regio", Y, False, FINAL, ("A", "B"), note=note
    )
    assert total([m("j", "A", True), m("j", "B", True)], "milestone").value is True


def test_a_percentage_without_numerator_and_denominator_names_every_such_part():
    parts = [m("p", "A", 10.0), m("p", "B", 20.0), m("p", "C", numerator=1, denominator=4)]
    assert total(parts, "percentage").note == (
        "niet te berekenen: teller en noemer ontbreken bij A, B"
    )


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ([], "niets om op te tellen voor 'Regio'"),
        ([m("a", "A", 1), m("b", "B", 1)], "tel een indicator en een periode tegelijk op"),
        (
            [m("a", "A", 1), m("a", "B", 1, period=Period.year(2025))],
            "tel een indicator en een periode tegelijk op",
        ),
    ],
)
def test_what_cannot_be_aggregated(parts, message):
    with pytest.raises(InvalidValueError, match=f"^{re.escape(message)}$"):
        total(parts, "count")


NOORD = Region("Noord", [Municipality("Assen"), Municipality("Tynaarlo")])
ZUID = Region("Zuid", [Municipality("Emmen"), Municipality("Coevorden")])


def test_regions_come_per_indicator_then_period_then_region():
    later = Period.year(2025)
    found = aggregate_regions(
        [
            m("b", "Emmen", 1, later),
            m("b", "Assen", 2),
            m("a", "Emmen", 3, later),
            m("a", "Assen", 4, later),
            m("a", "Emmen", 5),
        ],
        TYPES,
        {"a": "count", "b": "count"},
        [NOORD, ZUID],
    )
    assert [(r.indicator, r.period.start.year, r.subject, r.value) for r in found] == [
        ("a", 2024, "Zuid", 5),
        ("a", 2025, "Noord", 4),
        ("a", 2025, "Zuid", 3),
        ("b", 2024, "Noord", 2),
        ("b", 2025, "Zuid", 1),
    ]


def test_a_province_lists_texts_and_names_every_region_without_a_value():
    found = aggregate_regions(
        [
            m("v", "Assen", "meer initiatieven", status="provisional"),
            m("v", "Emmen", "kortere wachtlijst"),
            m("c", "Assen", 8.0),
            m("c", "Emmen", 7.0),
        ],
        TYPES,
        {"v": "qualitative", "c": "grade"},
        [NOORD, ZUID],
        province="Drenthe",
    )
    province = {r.indicator: r for r in found if r.subject == "Drenthe"}
    assert province["v"] == Aggregate(
        "v",
        "Drenthe",
        Y,
        None,
        PROVISIONAL,
        ("Noord", "Zuid"),
        texts=(("Assen", "meer initiatieven"), ("Emmen", "kortere wachtlijst")),
        note="kwalitatief: opgesomd",
    )
    assert province["c"] == Aggregate(
        "c",
        "Drenthe",
        Y,
        None,
        FINAL,
        ("Noord", "Zuid"),
        note="niet te berekenen: geen waarde voor Noord, Zuid",
    )
