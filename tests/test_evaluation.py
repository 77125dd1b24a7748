import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import decimals

from sociaaldomein import (
    AtLeast,
    AtMost,
    Between,
    Change,
    CountPerPeriod,
    Direction,
    Fallback,
    Indicator,
    Margin,
    Measurement,
    MeasurementTypeRegistry,
    MilestoneBy,
    Period,
    RisingTrend,
    Status,
    UnknownNameError,
    evaluate,
    evaluate_all,
)

TYPES = MeasurementTypeRegistry()
BASE = Period.year(2019)
NOW = Period.year(2021)


def measure(indicator, value, period=NOW, **extra):
    return Measurement(indicator.id, "Meierijstad", period, value, **extra)


def run(indicator, value, baseline=None, previous=None, period=NOW):
    return evaluate(
        indicator,
        None if value is None else measure(indicator, value, period),
        measurement_type=TYPES[indicator.measurement_type],
        baseline=None if baseline is None else measure(indicator, baseline, BASE),
        previous=None if previous is None else measure(indicator, previous, Period.year(2020)),
        subject="Meierijstad",
        period=period,
    )


REACH = Indicator("bereik", "Bereik jongeren", "percentage", target=AtLeast(15))


def test_at_least():
    assert run(REACH, 15).status is Status.MET
    result = run(REACH, 14.9)
    assert result.status is Status.NOT_MET
    assert result.reason == "14,9% (doel: minimaal 15%); niet gehaald"


def test_no_data_says_which_period():
    result = run(REACH, None)
    assert result.status is Status.NO_DATA
    assert result.reason == "geen meting voor 2021"


def test_qualitative_is_reported_not_judged():
    story = Indicator("verhaal", "Verhaal van de wijk", "qualitative")
    result = run(story, "Bewoners organiseren zelf een buurtfeest")
    assert result.status is Status.NOT_ASSESSED
    assert result.value == "Bewoners organiseren zelf een buurtfeest"


def test_at_most_and_between():
    waiting = Indicator("wachttijd", "Wachttijd", "hours", target=AtMost(40))
    assert run(waiting, 40).status is Status.MET
    assert run(waiting, 41).status is Status.NOT_MET
    grade = Indicator("cijfer", "Tevredenheid", "grade", target=Between(7, 9))
    assert [run(grade, v).status for v in (6.9, 7, 9, 9.1)] == [
        Status.NOT_MET,
        Status.MET,
        Status.MET,
        Status.NOT_MET,
    ]


VOLUNTEERS = Indicator(
    "vrijwilligers",
    "Vrijwilligers",
    "count",
    direction=Direction.HIGHER_IS_BETTER,
    target=Change(10),
    tolerance=RisingTrend(),
    baseline_period=BASE,
)


def test_relative_change_on_the_baseline_is_exact():
    # 30 + 10% is exactly 33: a float threshold would make 33 miss it.
    result = run(VOLUNTEERS, 33, baseline=30)
    assert result.status is Status.MET
    assert result.threshold == Decimal(33)
    assert result.progress == 1


def test_rising_trend_is_within_tolerance():
    result = run(VOLUNTEERS, 32, baseline=30)
    assert result.status is Status.WITHIN_TOLERANCE
    assert result.reason == (
        "32: +6,7% t.o.v. nulmeting 2019 (30) (doel: +10% t.o.v. nulmeting 2019, dus 33);"
        " niet gehaald; stijgende lijn t.o.v. nulmeting 2019 (30), binnen tolerantie"
    )
    assert result.progress == Decimal(2) / Decimal(3)
    assert run(VOLUNTEERS, 30, baseline=30).status is Status.NOT_MET


def test_missing_baseline_is_no_data_and_says_so():
    result = run(VOLUNTEERS, 40)
    assert result.status is Status.NO_DATA
    assert "nulmeting 2019 ontbreekt" in result.reason


def test_lower_is_better_change():
    loneliness = Indicator(
        "eenzaamheid",
        "Eenzaamheid",
        "percentage",
        direction="lower_is_better",
        target=Change(-10),
        tolerance=RisingTrend(),
        baseline_period=BASE,
    )
    assert run(loneliness, 27, baseline=30).status is Status.MET
    assert run(loneliness, 28, baseline=30).status is Status.WITHIN_TOLERANCE
    assert run(loneliness, 31, baseline=30).status is Status.NOT_MET


def test_trend_against_baseline_and_previous_can_disagree():
    def with_trend(against):
        return Indicator(
            "x",
            "x",
            "percentage",
            target=AtLeast(50),
            tolerance=RisingTrend(against),
            baseline_period=BASE,
        )

    # Up on the baseline (40 -> 45), down on the previous measurement (47 -> 45).
    assert run(with_trend("baseline"), 45, baseline=40, previous=47).status is (
        Status.WITHIN_TOLERANCE
    )
    assert run(with_trend("previous"), 45, baseline=40, previous=47).status is Status.NOT_MET


def test_change_against_previous_period():
    growth = Indicator(
        "bereik",
        "Bereik",
        "percentage",
        direction="higher_is_better",
        target=Change(5, relative=False, against="previous"),
    )
    result = run(growth, 46, previous=40)
    assert result.status is Status.MET
    assert "+5 procentpunt t.o.v. vorige meting" in result.reason
    assert run(growth, 44, previous=40).status is Status.NOT_MET
    assert run(growth, 44).status is Status.NO_DATA


def test_margin():
    absolute = Indicator("x", "x", "grade", target=AtLeast(8), tolerance=Margin(0.5))
    assert [run(absolute, v).status for v in (8, 7.5, 7.4)] == [
        Status.MET,
        Status.WITHIN_TOLERANCE,
        Status.NOT_MET,
    ]
    relative = Indicator(
        "y", "y", "percentage", target=AtMost(20), tolerance=Margin(10, relative=True)
    )
    assert [run(relative, v).status for v in (20, 22, 22.1)] == [
        Status.MET,
        Status.WITHIN_TOLERANCE,
        Status.NOT_MET,
    ]


def test_milestone_by_a_date():
    contracts = Indicator(
        "contracten", "Contracten", "milestone", target=MilestoneBy(dt.date(2007, 12, 31))
    )
    assert run(contracts, True, period=Period.year(2007)).status is Status.MET
    late = run(contracts, True, period=Period.year(2008))
    assert late.status is Status.NOT_MET
    assert "pas in 2008" in late.reason
    assert run(contracts, False, period=Period.year(2007)).status is Status.NOT_MET


def test_count_per_period_scales_with_the_period():
    meetings = Indicator(
        "bijeenkomsten",
        "Bijeenkomsten",
        "count",
        target=CountPerPeriod(2, "year"),
        tolerance=Fallback(AtLeast(1)),
    )
    two_years = Period.parse("2006..2007")
    assert run(meetings, 4, period=two_years).status is Status.MET
    assert run(meetings, 2, period=two_years).status is Status.WITHIN_TOLERANCE
    assert run(meetings, 0, period=two_years).status is Status.NOT_MET
    assert run(meetings, 1, period=Period.half_year(2006, 1)).status is Status.MET


def test_evaluate_all_skips_the_baseline_and_uses_previous():
    indicator = Indicator(
        "bereik",
        "Bereik",
        "percentage",
        direction="higher_is_better",
        target=Change(5, relative=False, against="previous"),
        baseline_period=BASE,
    )
    values = {2019: 10, 2020: 16, 2021: 18, 2022: 25}
    measurements = [measure(indicator, v, Period.year(y)) for y, v in values.items()]
    results = evaluate_all([indicator], reversed(measurements), TYPES)
    assert [(str(r.period), r.status) for r in results] == [
        ("2020", Status.MET),
        ("2021", Status.NOT_MET),
        ("2022", Status.MET),
    ]
    assert results[0].baseline == 10


def test_evaluate_all_rejects_unknown_indicators():
    with pytest.raises(UnknownNameError, match="onbekende indicator 'onbekend'"):
        evaluate_all([REACH], [Measurement("onbekend", "Assen", NOW, 1)], TYPES)


def test_percentage_from_numerator_and_denominator():
    result = evaluate(
        REACH,
        Measurement("bereik", "Oss", NOW, numerator=30, denominator=200),
        measurement_type=TYPES["percentage"],
    )
    assert result.value == 15.0
    assert result.status is Status.MET


# -- properties ---------------------------------------------------------------

percentages = st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2))


@st.composite
def judged_indicators(draw):
    direction = draw(st.sampled_from(list(Direction)))
    higher = direction is Direction.HIGHER_IS_BETTER
    target = draw(
        st.one_of(
            st.builds(AtLeast if higher else AtMost, percentages),
            st.builds(
                Change,
                st.integers(-50, 50),
                st.booleans(),
                st.sampled_from(["baseline", "previous"]),
            ),
        )
    )
    tolerance = draw(
        st.one_of(
            st.none(),
            st.builds(Margin, st.integers(0, 20), st.booleans()),
            st.builds(RisingTrend, st.sampled_from(["baseline", "previous"])),
            st.builds(Fallback, st.builds(AtLeast if higher else AtMost, percentages)),
        )
    )
    return Indicator(
        "x",
        "x",
        "percentage",
        direction=direction,
        target=target,
        tolerance=tolerance,
        baseline_period=BASE,
    )


@given(judged_indicators(), percentages, percentages, percentages, percentages)
def test_improving_a_value_never_makes_its_status_worse(indicator, baseline, previous, a, b):
    worse, better = sorted((a, b), reverse=indicator.good_direction is Direction.LOWER_IS_BETTER)
    first = run(indicator, worse, baseline=baseline, previous=previous)
    second = run(indicator, better, baseline=baseline, previous=previous)
    # A relative change of a reference of zero cannot be judged, whatever the value.
    assert (first.status is Status.NO_DATA) == (second.status is Status.NO_DATA)
    if first.status is not Status.NO_DATA:
        assert second.status.rank >= first.status.rank


@given(decimals(1, 10**6), decimals(-100, 100, places=1), decimals(0, 2 * 10**6))
def test_relative_change_agrees_with_a_direct_computation(baseline, percent, value):
    indicator = Indicator(
        "x",
        "x",
        "amount",
        direction="higher_is_better",
        target=Change(percent),
        baseline_period=BASE,
    )
    result = run(indicator, value, baseline=baseline)
    assert (result.status is Status.MET) == (value >= baseline * (1 + percent / 100))
    # The same target written as an absolute change gives the same verdict.
    absolute = Indicator(
        "x",
        "x",
        "amount",
        direction="higher_is_better",
        target=Change(baseline * percent / 100, relative=False),
        baseline_period=BASE,
    )
    assert run(absolute, value, baseline=baseline).status is result.status


@given(
    decimals(0, 10**6), decimals(-1000, 1000), decimals(0, 10**6), st.sampled_from(list(Direction))
)
def test_absolute_change_agrees_with_a_direct_computation(baseline, amount, value, direction):
    assume(baseline + amount >= 0)
    indicator = Indicator(
        "x",
        "x",
        "amount",
        direction=direction,
        target=Change(amount, relative=False),
        baseline_period=BASE,
    )
    met = run(indicator, value, baseline=baseline).status is Status.MET
    expected = value >= baseline + amount if direction.sign > 0 else value <= baseline + amount
    assert met == expected
