"""A milestone (yes/no) is judged by milestone targets only, its fallback target included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import (
    AtLeast,
    Between,
    Fallback,
    Improvement,
    Indicator,
    IndicatorSet,
    InvalidValueError,
    LoadError,
    Margin,
    Measurement,
    MeasurementTypeRegistry,
    MilestoneBy,
    Period,
    RisingTrend,
    Status,
    evaluate,
    loads_toml,
)
from sociaaldomein.testing import strategies as sds

TYPES = MeasurementTypeRegistry()
DUE = MilestoneBy(dt.date(2024, 12, 31))
LATER = MilestoneBy(dt.date(2025, 12, 31))


def judge(indicator: Indicator, reached: bool, year: int) -> Status:
    measurement = Measurement(indicator.id, "Oss", Period.year(year), reached)
    return evaluate(indicator, measurement, measurement_type=TYPES["milestone"]).status


def test_a_number_as_a_milestones_fallback_is_refused_naming_the_indicator():
    with pytest.raises(InvalidValueError) as caught:
        Indicator("plan", "Plan", "milestone", target=DUE, tolerance=Fallback(AtLeast(1)))
    assert str(caught.value) == (
        "indicator 'plan': de ondergrens (fallback) is 'at_least', maar een mijlpaal is ja/nee"
        " en heeft geen getal om te vergelijken; geef een mijlpaal als doel (als ondergrens: een"
        " met een latere datum)"
    )


def test_a_number_as_a_milestones_own_target_is_refused():
    with pytest.raises(InvalidValueError, match=r"^indicator 'plan': het doel is 'at_least'"):
        Indicator("plan", "Plan", "milestone", target=AtLeast(1))


def test_a_milestone_fallback_on_a_number_is_refused():
    with pytest.raises(InvalidValueError) as caught:
        Indicator("n", "N", "count", target=AtLeast(3), tolerance=Fallback(DUE))
    assert str(caught.value) == (
        "indicator 'n': de ondergrens (fallback) is een mijlpaal en vraagt om measurement_type"
        " 'milestone', niet 'count'"
    )


@pytest.mark.parametrize(
    "tolerance", [Margin(Decimal(1)), Margin(Decimal("0.1"), relative=True), RisingTrend()]
)
def test_a_margin_or_trend_on_a_milestone_is_refused_naming_the_indicator(tolerance):
    with pytest.raises(InvalidValueError) as raised:
        Indicator(
            "m", "M", "milestone", target=DUE, tolerance=tolerance, direction="higher_is_better"
        )
    assert str(raised.value) == (
        f"indicator 'm': een tolerantie {tolerance.kind!r} heeft niets te meten aan een mijlpaal"
        " (ja/nee); geef in plaats daarvan een mijlpaal als ondergrens (fallback)"
    )


def test_a_later_milestone_is_a_fallback_that_is_judged():
    plan = Indicator("plan", "Plan", "milestone", target=DUE, tolerance=Fallback(LATER))
    assert judge(plan, True, 2024) is Status.MET
    assert judge(plan, True, 2025) is Status.WITHIN_TOLERANCE
    assert judge(plan, True, 2026) is Status.NOT_MET
    assert judge(plan, False, 2025) is Status.NOT_MET


def test_in_toml_the_refusal_names_the_file_and_the_indicator():
    text = """
id = "s"
name = "S"
[[indicators]]
id = "plan"
name = "Plan"
measurement_type = "milestone"
target = { kind = "milestone", due = 2024-12-31 }
tolerance = { kind = "fallback", target = { kind = "at_least", value = 1 } }
"""
    with pytest.raises(LoadError) as caught:
        loads_toml(text, IndicatorSet, file="set.toml")
    [problem] = caught.value.problems
    assert (problem.file, problem.where) == ("set.toml", "indicators[0]")
    assert problem.message.startswith("indicator 'plan': de ondergrens (fallback) is 'at_least'")


def test_a_change_as_fallback_needs_a_direction_like_a_change_target():
    with pytest.raises(InvalidValueError, match=r"^indicator 'x': een doel van verandering"):
        Indicator("x", "X", "count", target=Between(1, 5), tolerance=Fallback(Improvement()))


any_target = sds.targets(measurement_type="count") | sds.targets(measurement_type="milestone")
values = {
    "count": st.integers(0, 50),
    "amount": st.decimals(-50, 50, places=2),
    "milestone": st.booleans(),
}


@given(st.data(), st.sampled_from(sorted(values)), any_target, st.none() | any_target)
def test_every_indicator_that_is_built_can_be_judged(data, kind, target, fallback):
    """Whatever the target and fallback: refused when built (naming it), or judged."""
    direction = data.draw(st.none() | st.sampled_from(["higher_is_better", "lower_is_better"]))
    try:
        indicator = Indicator(
            "x",
            "X",
            kind,
            direction=direction,
            target=target,
            tolerance=None if fallback is None else Fallback(fallback),
            baseline_period=Period.year(2020),
        )
    except InvalidValueError as error:
        refusal = str(error)
    else:
        refusal = ""
    if refusal:
        assert refusal.startswith("indicator 'x': ")
        return

    def measured(year: int) -> Measurement:
        return Measurement("x", "Oss", Period.year(year), data.draw(values[kind]))

    result = evaluate(
        indicator,
        measured(2024),
        measurement_type=TYPES[kind],
        baseline=measured(2020),
        previous=measured(2023),
    )
    assert result.status in set(Status) - {Status.NOT_ASSESSED}
    if kind == "milestone":
        assert isinstance(target, MilestoneBy)
        assert fallback is None or isinstance(fallback, MilestoneBy)
