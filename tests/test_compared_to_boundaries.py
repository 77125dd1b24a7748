"""A target against a reference subject (ComparedTo): statuses at each side of every bound."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sociaaldomein import (
    ComparedTo,
    Indicator,
    Margin,
    Measurement,
    MeasurementTypeRegistry,
    Period,
    Status,
    evaluate,
)

TYPES = MeasurementTypeRegistry()
NOW = Period.year(2021)
MET, WITHIN, NOT_MET, NO_DATA = (
    Status.MET,
    Status.WITHIN_TOLERANCE,
    Status.NOT_MET,
    Status.NO_DATA,
)


def judge(indicator, value, reference):
    references = [] if reference is None else [Measurement("x", "Nederland", NOW, reference)]
    return evaluate(
        indicator,
        Measurement("x", "Oss", NOW, Decimal(value)),
        measurement_type=TYPES[indicator.measurement_type],
        references=references,
    )


def indicator(target, tolerance=None, measurement_type="amount", **fields):
    return Indicator("x", "x", measurement_type, target=target, tolerance=tolerance, **fields)


HIGHER = {"direction": "higher_is_better"}

# (what, indicator, reference value, {value: status}, threshold)
CASES = [
    ("at least the reference", indicator(ComparedTo("Nederland", "at_least")), 40,
     {"39.99": NOT_MET, "40": MET}, 40),
    ("at least, 2 below allowed", indicator(ComparedTo("Nederland", "at_least", 2)), 40,
     {"37.99": NOT_MET, "38": MET}, 38),
    ("at most, 10% above allowed",
     indicator(ComparedTo("Nederland", "at_most", 10, relative=True)), 40,
     {"44": MET, "44.01": NOT_MET}, 44),
    ("at most, 10% of a negative reference",
     indicator(ComparedTo("Nederland", "at_most", 10, relative=True)), -40,
     {"-36": MET, "-35.99": NOT_MET}, -36),
    ("within 2", indicator(ComparedTo("Nederland", "within", 2), **HIGHER), 40,
     {"37.99": NOT_MET, "38": MET, "42": MET, "42.01": NOT_MET}, None),
    ("within 2, margin 1",
     indicator(ComparedTo("Nederland", "within", 2), Margin(1), **HIGHER), 40,
     {"36.99": NOT_MET, "37": WITHIN, "40": MET, "43": WITHIN, "43.01": NOT_MET}, None),
    # A relative margin is a share of each bound's size: 10% of 38 and of 42.
    ("within 2, margin 10%",
     indicator(ComparedTo("Nederland", "within", 2), Margin(10, relative=True), **HIGHER), 40,
     {"34.19": NOT_MET, "34.2": WITHIN, "46.2": WITHIN, "46.21": NOT_MET}, None),
    ("within 2 of -40, margin 10%",
     indicator(ComparedTo("Nederland", "within", 2), Margin(10, relative=True), **HIGHER), -40,
     {"-46.21": NOT_MET, "-46.2": WITHIN, "-34.2": WITHIN, "-34.19": NOT_MET}, None),
    ("at least, margin 1",
     indicator(ComparedTo("Nederland", "at_least", 2), Margin(1)), 40,
     {"36.99": NOT_MET, "37": WITHIN, "38": MET}, 38),
    ("no reference value", indicator(ComparedTo("Nederland", "within", 2), **HIGHER), None,
     {"40": NO_DATA}, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("indicator", "reference", "expected", "threshold"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_status_at_each_side_of_the_reference_bounds(indicator, reference, expected, threshold):
    results = {value: judge(indicator, value, reference) for value in expected}
    assert {value: result.status for value, result in results.items()} == expected
    assert {result.threshold for result in results.values()} == {threshold}
