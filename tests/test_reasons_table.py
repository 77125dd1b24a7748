"""The exact Dutch reason for a table of representative evaluations.

The reason is part of the result a council reads: the value, the target in
words, the reference it was measured against, the verdict and the
tolerance's words. One row per target kind and tolerance kind, both
directions, missing references, rounding. A change of wording is a change of
this table: update the rows with it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sociaaldomein import (
    AtLeast,
    AtMost,
    Between,
    Change,
    ComparedTo,
    CountPerPeriod,
    Fallback,
    Improvement,
    Indicator,
    Margin,
    Measurement,
    MeasurementTypeRegistry,
    MilestoneBy,
    Period,
    RisingTrend,
    Status,
    describe_target,
    evaluate,
)

TYPES = MeasurementTypeRegistry()
BASE = Period.year(2019)
PREVIOUS = Period.year(2020)
NOW = Period.year(2021)
TWO_YEARS = Period.parse("2006..2007")
DUE = MilestoneBy(dt.date(2007, 12, 31))
HIGHER = {"direction": "higher_is_better"}
LOWER = {"direction": "lower_is_better"}


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


# (id, indicator, value, baseline, previous, period, status, reason)
TABLE = [
    ("at least, missed", indicator(target=AtLeast(15)), Decimal("14.9"), None, None, NOW,
     Status.NOT_MET, "14,9% (doel: minimaal 15%); niet gehaald"),
    ("at least, rounded to hundredths", indicator(target=AtLeast(15)), Decimal("14.956"), None,
     None, NOW, Status.NOT_MET, "14,96% (doel: minimaal 15%); niet gehaald"),
    ("at most, in hours", indicator("hours", target=AtMost(40)), 41, None, None, NOW,
     Status.NOT_MET, "41 uur (doel: maximaal 40 uur); niet gehaald"),
    ("between, both bounds with their unit", indicator(target=Between(40, 60)),
     Decimal("39.5"), None, None, NOW, Status.NOT_MET,
     "39,5% (doel: tussen 40% en 60%); niet gehaald"),
    ("between, in euros", indicator("amount", target=Between(100, 250)), 250, None, None, NOW,
     Status.MET, "EUR 250,00 (doel: tussen EUR 100,00 en EUR 250,00); gehaald"),
    # The largest numbers the library writes stay below 10^15 (docs/guarantees.md).
    ("a large whole number in full", indicator("count", target=AtLeast(1)), 10**14, None, None,
     NOW, Status.MET, "100.000.000.000.000 (doel: minimaal 1); gehaald"),
    ("no target", indicator(), 40, None, None, NOW, Status.NOT_ASSESSED,
     "40%; geen doel vastgesteld"),
    # Relative change: the rise in percent of the baseline, to one decimal.
    ("relative change, met", indicator("count", target=Change(10), **HIGHER), 50, 40, None, NOW,
     Status.MET,
     "50: +25% t.o.v. nulmeting 2019 (40) (doel: +10% t.o.v. nulmeting 2019, dus 44); gehaald"),
    ("relative change, rounded", indicator("count", target=Change(10), **HIGHER), 32, 30, None,
     NOW, Status.NOT_MET,
     "32: +6,7% t.o.v. nulmeting 2019 (30) (doel: +10% t.o.v. nulmeting 2019, dus 33);"
     " niet gehaald"),
    ("relative change on a baseline of 0", indicator("count", target=Change(10), **HIGHER), 5, 0,
     None, NOW, Status.NO_DATA,
     "5; een verandering in procenten t.o.v. nulmeting 2019 (0) is niet te bepalen"
     " (doel: +10% t.o.v. nulmeting 2019)"),
    ("relative change on a negative baseline",
     indicator("amount", target=Change(10), **HIGHER), -105, -100, None, NOW, Status.NOT_MET,
     "EUR -105,00: -5% t.o.v. nulmeting 2019 (EUR -100,00) (doel: +10% t.o.v. nulmeting 2019,"
     " dus EUR -90,00); niet gehaald"),
    ("relative fall, lower is better", indicator(target=Change(-10), **LOWER), 28, 30, None, NOW,
     Status.NOT_MET,
     "28%: -6,7% t.o.v. nulmeting 2019 (30%) (doel: -10% t.o.v. nulmeting 2019, dus 27%);"
     " niet gehaald"),
    # Absolute change: percentage points on a percentage, the bare unit elsewhere.
    ("points on the previous",
     indicator(target=Change(5, relative=False, against="previous"), **HIGHER),
     Decimal("44.5"), None, 40, NOW, Status.NOT_MET,
     "44,5%: +4,5 t.o.v. vorige meting (2020: 40%) (doel: +5 procentpunt t.o.v. vorige"
     " meting, dus 45%); niet gehaald"),
    ("no change is +0", indicator("count", target=Change(-3, relative=False),
     tolerance=RisingTrend(), **LOWER), 20, 20, None, NOW, Status.NOT_MET,
     "20: +0 t.o.v. nulmeting 2019 (20) (doel: -3 t.o.v. nulmeting 2019, dus 17);"
     " niet gehaald; geen verbetering (geen daling) t.o.v. nulmeting 2019 (20)"),
    ("half a unit is +0,5", indicator("hours", target=Change(2, relative=False), **HIGHER),
     Decimal("10.5"), 10, None, NOW, Status.NOT_MET,
     "10,5 uur: +0,5 t.o.v. nulmeting 2019 (10 uur) (doel: +2 t.o.v. nulmeting 2019,"
     " dus 12 uur); niet gehaald"),
    # Improvement: the direction in words, and the reference it was measured against.
    ("improvement, higher", indicator(target=Improvement(), **HIGHER), Decimal("42.5"), None,
     42, NOW, Status.MET,
     "42,5% t.o.v. vorige meting (2020: 42%) (doel: stijging t.o.v. vorige meting); gehaald"),
    ("improvement on the baseline, lower", indicator("count", target=Improvement("baseline"),
     **LOWER), 11, 12, 10, NOW, Status.MET,
     "11 t.o.v. nulmeting 2019 (12) (doel: daling t.o.v. nulmeting 2019); gehaald"),
    # Missing references: which one, and what the target was.
    ("missing baseline", indicator("count", target=Change(10), **HIGHER), 40, None, 30, NOW,
     Status.NO_DATA, "40; nulmeting 2019 ontbreekt (doel: +10% t.o.v. nulmeting 2019)"),
    ("missing previous", indicator(target=Improvement(), **LOWER), 40, 30, None, NOW,
     Status.NO_DATA, "40%; vorige meting ontbreekt (doel: daling t.o.v. vorige meting)"),
    # Counts per period: scaled to the period measured, and said so.
    ("two per year over two years", indicator("count", target=CountPerPeriod(2),
     tolerance=Fallback(AtLeast(1))), 3, None, None, TWO_YEARS, Status.WITHIN_TOLERANCE,
     "3 (doel: minimaal 2 per jaar, dus 4 over januari 2006 t/m december 2007); niet gehaald;"
     " ondergrens minimaal 1 wel gehaald"),
    ("four per year over a quarter", indicator("count", target=CountPerPeriod(4)), 0, None, None,
     Period.quarter(2021, 2), Status.NOT_MET,
     "0 (doel: minimaal 4 per jaar, dus 1 over 2e kwartaal 2021); niet gehaald"),
    ("one per year over a month", indicator("count", target=CountPerPeriod(1)), 0, None, None,
     Period.month(2021, 3), Status.NOT_MET,
     "0 (doel: minimaal 1 per jaar, dus 0,08 over maart 2021); niet gehaald"),
    ("per year over a year says no more", indicator("count", target=CountPerPeriod(2)), 2, None,
     None, NOW, Status.MET, "2 (doel: minimaal 2 per jaar); gehaald"),
    # Milestones: yes or no, and when.
    ("milestone in time", indicator("milestone", target=DUE), True, None, None,
     Period.year(2007), Status.MET, "ja (doel: bereikt uiterlijk 31 december 2007); gehaald"),
    ("milestone not reached", indicator("milestone", target=DUE), False, None, None,
     Period.year(2007), Status.NOT_MET,
     "nee (doel: bereikt uiterlijk 31 december 2007); niet gehaald"),
    ("milestone late", indicator("milestone", target=DUE), True, None, None, Period.year(2008),
     Status.NOT_MET, "ja (pas in 2008) (doel: bereikt uiterlijk 31 december 2007); niet gehaald"),
    # Margins: the amount with the unit, or as a percentage when relative.
    ("absolute margin, within", indicator("hours", target=AtMost(40), tolerance=Margin(4)), 44,
     None, None, NOW, Status.WITHIN_TOLERANCE,
     "44 uur (doel: maximaal 40 uur); niet gehaald; marge 4 uur, binnen tolerantie"),
    ("absolute margin, outside", indicator("hours", target=AtMost(40), tolerance=Margin(4)),
     Decimal("44.5"), None, None, NOW, Status.NOT_MET,
     "44,5 uur (doel: maximaal 40 uur); niet gehaald; marge 4 uur, buiten tolerantie"),
    ("relative margin, within", indicator("hours", target=AtMost(40),
     tolerance=Margin(10, relative=True)), 44, None, None, NOW, Status.WITHIN_TOLERANCE,
     "44 uur (doel: maximaal 40 uur); niet gehaald; marge 10%, binnen tolerantie"),
    ("relative margin on a range", indicator("hours", target=Between(40, 60),
     tolerance=Margin(Decimal("2.5"), relative=True), **HIGHER), 39, None, None, NOW,
     Status.WITHIN_TOLERANCE,
     "39 uur (doel: tussen 40 uur en 60 uur); niet gehaald; marge 2,5%, binnen tolerantie"),
    # Rising trend: the reference value it rose from, or why it cannot be told.
    ("rising trend", indicator(target=AtLeast(50), tolerance=RisingTrend()), 45, 40, None, NOW,
     Status.WITHIN_TOLERANCE,
     "45% (doel: minimaal 50%); niet gehaald; stijgende lijn t.o.v. nulmeting 2019 (40%),"
     " binnen tolerantie"),
    ("no rising trend on the previous", indicator(target=AtLeast(50),
     tolerance=RisingTrend("previous")), 45, 40, 47, NOW, Status.NOT_MET,
     "45% (doel: minimaal 50%); niet gehaald; geen stijgende lijn t.o.v. vorige meting"
     " (2020: 47%)"),
    ("rising trend without a baseline", indicator(target=AtLeast(50), tolerance=RisingTrend()),
     45, None, 40, NOW, Status.NOT_MET,
     "45% (doel: minimaal 50%); niet gehaald; stijgende lijn niet te bepalen:"
     " nulmeting 2019 ontbreekt"),
    ("rising trend without its reference", indicator(target=AtLeast(50),
     tolerance=RisingTrend("previous")), 45, 40, None, NOW, Status.NOT_MET,
     "45% (doel: minimaal 50%); niet gehaald; stijgende lijn niet te bepalen:"
     " vorige meting ontbreekt"),
    # Fallback: the weaker target in words, with its own reference.
    ("fallback change, held", indicator(target=AtLeast(50),
     tolerance=Fallback(Change(5, relative=False)), **HIGHER), 46, 40, None, NOW,
     Status.WITHIN_TOLERANCE,
     "46% (doel: minimaal 50%); niet gehaald; ondergrens +5 procentpunt t.o.v. nulmeting 2019"
     " wel gehaald"),
    ("fallback improvement, missed", indicator(target=AtLeast(50),
     tolerance=Fallback(Improvement()), **HIGHER), 45, None, 46, NOW, Status.NOT_MET,
     "45% (doel: minimaal 50%); niet gehaald; ondergrens stijging t.o.v. vorige meting"
     " ook niet gehaald"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("indicator", "value", "baseline", "previous", "period", "status", "reason"),
    [pytest.param(*row[1:], id=row[0]) for row in TABLE],
)
def test_reason(indicator, value, baseline, previous, period, status, reason):
    result = judge(indicator, value, baseline=baseline, previous=previous, period=period)
    assert (result.status, result.reason) == (status, reason)


@pytest.mark.parametrize(
    ("target", "words"),
    [
        (CountPerPeriod(1, "half_year"), "minimaal 1 per halfjaar"),
        (CountPerPeriod(3, "quarter"), "minimaal 3 per kwartaal"),
        (CountPerPeriod(Decimal("0.5"), "month"), "minimaal 0,5 per maand"),
        (CountPerPeriod(2, "year"), "minimaal 2 per jaar"),
        # A target described for an indicator without a baseline period names none.
        (Change(10), "+10% t.o.v. nulmeting"),
        (Change(-2, relative=False), "-2 procentpunt t.o.v. nulmeting"),
        (Improvement("baseline"), "stijging t.o.v. nulmeting"),
    ],
)
def test_describe_target(target, words):
    plain = Indicator("x", "x", "percentage", target=AtLeast(1))
    assert describe_target(target, plain, TYPES["percentage"]) == words


def test_a_qualitative_value_is_reported_with_its_own_reason():
    story = Indicator("verhaal", "Verhaal", "qualitative")
    result = judge(story, "Bewoners organiseren zelf een buurtfeest")
    assert result.reason == "kwalitatief: niet beoordeeld"


def test_no_measurement_names_the_period():
    assert judge(indicator(target=AtLeast(1)), None).reason == "geen meting voor 2021"


def compared(target, measurement_type="percentage"):
    return Indicator("x", "x", measurement_type, target=target)


# (id, indicator, value, reference value or None, status, reason)
COMPARED = [
    ("not below", compared(ComparedTo("Nederland", "at_least"), "amount"), 39, 40,
     Status.NOT_MET,
     "EUR 39,00 t.o.v. Nederland (2021: EUR 40,00) (doel: niet lager dan Nederland);"
     " niet gehaald"),
    ("not below, minus a margin", compared(ComparedTo("Nederland", "at_least", 2), "amount"),
     37, 40, Status.NOT_MET,
     "EUR 37,00 t.o.v. Nederland (2021: EUR 40,00) (doel: niet lager dan Nederland min"
     " EUR 2,00, dus minimaal EUR 38,00); niet gehaald"),
    ("not above, plus a share, with a label",
     compared(ComparedTo("Nederland", "at_most", 10, relative=True, label="landelijk")), 45, 40,
     Status.NOT_MET,
     "45% t.o.v. landelijk (2021: 40%) (doel: niet hoger dan landelijk plus 10%,"
     " dus maximaal 44%); niet gehaald"),
    ("not above", compared(ComparedTo("Nederland", "at_most")), 39, 40, Status.MET,
     "39% t.o.v. Nederland (2021: 40%) (doel: niet hoger dan Nederland); gehaald"),
    ("within points", compared(ComparedTo("Nederland", "within", 2)), 41, 40, Status.MET,
     "41% t.o.v. Nederland (2021: 40%) (doel: binnen 2 procentpunt van Nederland,"
     " dus minimaal 38% en maximaal 42%); gehaald"),
    ("within nothing", compared(ComparedTo("Nederland", "within")), 41, 40, Status.NOT_MET,
     "41% t.o.v. Nederland (2021: 40%) (doel: binnen 0 van Nederland); niet gehaald"),
    ("no reference value", compared(ComparedTo("Nederland", "within", 2)), 41, None,
     Status.NO_DATA,
     "41%; referentiewaarde Nederland voor 2021 ontbreekt"
     " (doel: binnen 2 procentpunt van Nederland)"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("indicator", "value", "reference", "status", "reason"),
    [pytest.param(*row[1:], id=row[0]) for row in COMPARED],
)
def test_reason_against_a_reference_subject(indicator, value, reference, status, reason):
    references = [] if reference is None else [Measurement("x", "Nederland", NOW, reference)]
    result = evaluate(
        indicator,
        Measurement("x", "Oss", NOW, value),
        measurement_type=TYPES[indicator.measurement_type],
        references=references,
    )
    assert (result.status, result.reason) == (status, reason)
