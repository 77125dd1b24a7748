"""Statuses at, just below and just above every threshold of core/rules.py.

Each table row is one indicator and a series of values with the status each
must get: sub-unit steps (42 -> 42,5), exact equality, both directions,
absolute and relative margins, and missing references. Found by mutation
testing (``make mutate``): every row kills at least one mutant the older
tests let live.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from sociaaldomein import (
    AtLeast,
    AtMost,
    Between,
    Change,
    CountPerPeriod,
    Fallback,
    Improvement,
    Indicator,
    Margin,
    Measurement,
    MeasurementTypeRegistry,
    Period,
    RisingTrend,
    Status,
    evaluate,
)

TYPES = MeasurementTypeRegistry()
BASE = Period.year(2019)
PREVIOUS = Period.year(2020)
NOW = Period.year(2021)
MET, WITHIN, NOT_MET, NO_DATA = (
    Status.MET,
    Status.WITHIN_TOLERANCE,
    Status.NOT_MET,
    Status.NO_DATA,
)


def judge(indicator, value, *, baseline=None, previous=None, period=NOW):
    def measure(number, when):
        return None if number is None else Measurement(indicator.id, "Oss", when, number)

    return evaluate(
        indicator,
        measure(value, period),
        measurement_type=TYPES[indicator.measurement_type],
        baseline=measure(baseline, BASE),
        previous=measure(previous, PREVIOUS),
        subject="Oss",
        period=period,
    )


def indicator(measurement_type="percentage", **fields):
    return Indicator("x", "x", measurement_type, baseline_period=BASE, **fields)


HIGHER = {"direction": "higher_is_better"}
LOWER = {"direction": "lower_is_better"}

# (what, indicator, baseline, previous, {value: status})
CASES = [
    ("at least 42", indicator(target=AtLeast(42)), None, None,
     {"41.99": NOT_MET, "42": MET, "42.01": MET}),
    ("at most 40", indicator("hours", target=AtMost(40)), None, None,
     {"39.99": MET, "40": MET, "40.01": NOT_MET}),
    ("between 40 and 60", indicator(target=Between(40, 60)), None, None,
     {"39.99": NOT_MET, "40": MET, "60": MET, "60.01": NOT_MET}),
    # Relative change: +10% of 30 is exactly 33.
    ("+10% on 30", indicator("count", target=Change(10), **HIGHER), 30, None,
     {"32": NOT_MET, "33": MET, "34": MET}),
    ("-10% on 30, lower is better", indicator(target=Change(-10), **LOWER), 30, None,
     {"26.99": MET, "27": MET, "27.01": NOT_MET}),
    ("+5 points on 40", indicator(target=Change(5, relative=False), **HIGHER), 40, None,
     {"44.99": NOT_MET, "45": MET}),
    ("-5 points on 40, lower is better", indicator(target=Change(-5, relative=False), **LOWER),
     40, None, {"34.99": MET, "35": MET, "35.01": NOT_MET}),
    ("+5 points on the previous", indicator(target=Change(5, False, "previous"), **HIGHER),
     None, 40, {"44.5": NOT_MET, "45": MET}),
    # Improvement: any step the good way, however small; standing still is not one.
    ("improvement, higher", indicator(target=Improvement(), **HIGHER), None, 42,
     {"41.5": NOT_MET, "42": NOT_MET, "42.5": MET}),
    ("improvement, lower", indicator(target=Improvement(), **LOWER), None, 42,
     {"41.5": MET, "42": NOT_MET, "42.5": NOT_MET}),
    # Against the baseline, not the previous value: 40 -> 45 is up, 50 -> 45 is down.
    ("improvement on the baseline", indicator(target=Improvement("baseline"), **HIGHER), 40, 50,
     {"45": MET, "40": NOT_MET}),
    ("two per year, per year", indicator("count", target=CountPerPeriod(2)), None, None,
     {"1": NOT_MET, "2": MET}),
    # Rising trend (the Kampen rule): a rise of half a unit counts, standing still does not.
    ("rising trend, higher", indicator(target=AtLeast(50), tolerance=RisingTrend()), 42, None,
     {"41.5": NOT_MET, "42": NOT_MET, "42.5": WITHIN, "50": MET}),
    ("rising trend, lower", indicator(target=AtMost(10), tolerance=RisingTrend()), 12, None,
     {"11.5": WITHIN, "12": NOT_MET, "12.5": NOT_MET, "10": MET}),
    ("rising trend on the previous",
     indicator(target=AtLeast(50), tolerance=RisingTrend("previous")), 30, 42,
     {"42.5": WITHIN, "41": NOT_MET}),
    # A missing reference for the tolerance only means the tolerance cannot help.
    ("rising trend, no baseline", indicator(target=AtLeast(50), tolerance=RisingTrend()),
     None, 30, {"45": NOT_MET, "50": MET}),
    ("rising trend, no previous",
     indicator(target=AtLeast(50), tolerance=RisingTrend("previous")), 30, None,
     {"45": NOT_MET}),
    # Absolute margins: the edge itself is within, a hundredth beyond it is not.
    ("at least 50, margin 2", indicator(target=AtLeast(50), tolerance=Margin(2)), None, None,
     {"47.99": NOT_MET, "48": WITHIN, "49.99": WITHIN, "50": MET}),
    ("at most 40, margin 4", indicator("hours", target=AtMost(40), tolerance=Margin(4)),
     None, None, {"44": WITHIN, "44.01": NOT_MET}),
    ("between 40 and 60, margin 5",
     indicator(target=Between(40, 60), tolerance=Margin(5), **HIGHER), None, None,
     {"34.99": NOT_MET, "35": WITHIN, "39.99": WITHIN, "60.01": WITHIN, "65": WITHIN,
      "65.01": NOT_MET}),
    # Relative margins are a share of the bound: 10% of 40 is 4, 10% of 60 is 6.
    ("between 40 and 60, margin 10%",
     indicator(target=Between(40, 60), tolerance=Margin(10, relative=True), **HIGHER),
     None, None, {"35.99": NOT_MET, "36": WITHIN, "66": WITHIN, "66.01": NOT_MET}),
    ("at least 50, margin 10%", indicator(target=AtLeast(50), tolerance=Margin(10, True)),
     None, None, {"44.99": NOT_MET, "45": WITHIN}),
    ("at most 20, margin 10%", indicator(target=AtMost(20), tolerance=Margin(10, True)),
     None, None, {"22": WITHIN, "22.01": NOT_MET}),
    # A relative margin on a negative bound is a share of its size.
    ("at least -100, margin 10%", indicator("amount", target=AtLeast(-100),
     tolerance=Margin(10, True)), None, None,
     {"-110.01": NOT_MET, "-110": WITHIN, "-105": WITHIN, "-100": MET}),
    ("+10% on 30, margin 1",
     indicator("count", target=Change(10), tolerance=Margin(1), **HIGHER), 30, None,
     {"31": NOT_MET, "32": WITHIN, "33": MET}),
    ("-10% on 30, margin 1, lower",
     indicator(target=Change(-10), tolerance=Margin(1), **LOWER), 30, None,
     {"27": MET, "28": WITHIN, "28.01": NOT_MET}),
    ("improvement, margin 1", indicator(target=Improvement(), tolerance=Margin(1), **HIGHER),
     None, 42, {"40.99": NOT_MET, "41": WITHIN, "42": WITHIN, "42.01": MET}),
    ("two per year, margin 1", indicator("count", target=CountPerPeriod(2),
     tolerance=Margin(1)), None, None, {"0": NOT_MET, "1": WITHIN, "2": MET}),
    # A fallback target is judged as a target of its own.
    ("fallback at least 40", indicator(target=AtLeast(50), tolerance=Fallback(AtLeast(40))),
     None, None, {"39.99": NOT_MET, "40": WITHIN}),
    ("fallback +5 points on the previous",
     indicator(target=AtLeast(50), tolerance=Fallback(Change(5, False, "previous")), **HIGHER),
     None, 34, {"38.99": NOT_MET, "39": WITHIN}),
    # ... and a fallback whose reference is missing does not hold.
    ("fallback change, no previous",
     indicator(target=AtLeast(50), tolerance=Fallback(Change(5, False, "previous")), **HIGHER),
     None, None, {"49": NOT_MET, "50": MET}),
    ("fallback improvement, no previous",
     indicator(target=AtLeast(50), tolerance=Fallback(Improvement()), **HIGHER),
     None, None, {"49": NOT_MET}),
    # A change target without its reference cannot be judged at all.
    ("+10% without baseline", indicator("count", target=Change(10), **HIGHER), None, 30,
     {"40": NO_DATA}),
    ("improvement without previous", indicator(target=Improvement(), **HIGHER), 30, None,
     {"40": NO_DATA}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("indicator", "baseline", "previous", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_status_at_each_side_of_the_threshold(indicator, baseline, previous, expected):
    got = {
        value: judge(indicator, Decimal(value), baseline=baseline, previous=previous).status
        for value in expected
    }
    assert got == expected


def test_count_per_period_scales_with_the_months_of_the_period():
    meetings = indicator("count", target=CountPerPeriod(4))
    # A quarter asks for one of four a year; a month for a third of one.
    assert judge(meetings, 1, period=Period.quarter(2021, 2)).threshold == 1
    assert judge(meetings, 1, period=Period.month(2021, 2)).threshold == Decimal(4) / 12
    monthly = indicator("count", target=CountPerPeriod(1, "month"))
    assert judge(monthly, 12).threshold == 12
    assert judge(monthly, 11).status is NOT_MET


# -- progress ------------------------------------------------------------------


def test_progress_is_the_share_of_the_distance_covered():
    reach = indicator(target=AtLeast(42))
    # A distance of exactly one unit is a distance like any other.
    assert judge(reach, 41.5, baseline=41).progress == Decimal("0.5")
    assert judge(reach, 44, baseline=40).progress == 2
    assert judge(reach, 38, baseline=40).progress == -1


def test_progress_needs_a_baseline_and_a_distance():
    reach = indicator(target=AtLeast(42))
    assert judge(reach, 41).progress is None
    assert judge(reach, 41, baseline=42).progress is None
    assert judge(indicator(target=Between(1, 2)), 1, baseline=0).progress is None


# -- what a result records -------------------------------------------------------


def test_a_result_records_the_threshold_and_the_reference_it_used():
    growth = indicator("count", target=Change(10), **HIGHER)
    result = judge(growth, 35, baseline=30, previous=20)
    assert (result.threshold, result.baseline, result.reference) == (33, 30, 30)
    on_previous = indicator(target=Improvement(), **HIGHER)
    result = judge(on_previous, 35, baseline=30, previous=20)
    assert (result.threshold, result.baseline, result.reference) == (20, 30, 20)
    on_baseline = indicator(target=Improvement("baseline"), **HIGHER)
    assert judge(on_baseline, 35, baseline=30, previous=20).reference == 30
    plain = judge(indicator(target=AtLeast(42)), 35, baseline=30, previous=20)
    assert (plain.threshold, plain.reference) == (42, None)


def test_without_a_judged_target_there_is_no_threshold():
    assert judge(indicator(), 35).threshold is None
    missing = judge(indicator("count", target=Change(10), **HIGHER), 35)
    assert missing.status is NO_DATA
    assert missing.threshold is None
    assert missing.reference is None
