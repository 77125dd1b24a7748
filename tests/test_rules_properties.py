"""Properties of the evaluation rules, over the library's own hypothesis strategies.

- improving a value never worsens its status;
- mirroring (direction, target, tolerance and every value negated) keeps the status;
- a tolerance only ever helps, and widening a margin never worsens a status.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from sociaaldomein import (
    AtLeast,
    AtMost,
    Between,
    Change,
    Direction,
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
from sociaaldomein.testing import strategies as sds

TYPES = MeasurementTypeRegistry()
BASE = Period.year(2019)
NOW = Period.year(2021)
amounts = st.decimals(-1000, 1000, places=2)
references = st.none() | amounts


def judge(indicator, value, baseline, previous):
    def measure(number, when):
        return None if number is None else Measurement(indicator.id, "Oss", when, number)

    return evaluate(
        indicator,
        measure(value, NOW),
        measurement_type=TYPES[indicator.measurement_type],
        baseline=measure(baseline, BASE),
        previous=measure(previous, Period.year(2020)),
    )


def _one_way(indicator: Indicator) -> bool:
    """Whether "better" is one way for every part of the indicator (no range)."""
    fallback = indicator.tolerance.target if isinstance(indicator.tolerance, Fallback) else None
    against = {
        Direction.HIGHER_IS_BETTER: AtMost,
        Direction.LOWER_IS_BETTER: AtLeast,
    }.get(indicator.good_direction)
    return not isinstance(indicator.target, Between) and not (
        isinstance(fallback, Between) or (against is not None and isinstance(fallback, against))
    )


@given(
    sds.indicators(measurement_type="amount", with_target=True),
    references,
    references,
    amounts,
    amounts,
)
def test_improving_a_value_never_worsens_its_status(indicator, baseline, previous, a, b):
    assume(_one_way(indicator))
    lower = indicator.good_direction is Direction.LOWER_IS_BETTER
    worse, better = sorted((a, b), reverse=lower)
    before = judge(indicator, worse, baseline, previous).status
    after = judge(indicator, better, baseline, previous).status
    if before is Status.NO_DATA:
        assert after is Status.NO_DATA
    else:
        assert after.rank >= before.rank


def _mirror_target(target):
    if isinstance(target, AtLeast):
        return AtMost(-target.value)
    if isinstance(target, AtMost):
        return AtLeast(-target.value)
    if isinstance(target, Between):
        return Between(-target.high, -target.low)
    if isinstance(target, Change):
        # A change moves the (negated) reference the other way: by a share of its
        # size (relative, the same whatever the sign) or by an amount (absolute).
        return attrs.evolve(target, amount=-target.amount)
    return target


def _mirror(indicator: Indicator) -> Indicator:
    tolerance = indicator.tolerance
    if isinstance(tolerance, Fallback):
        tolerance = Fallback(_mirror_target(tolerance.target))
    other = {
        Direction.HIGHER_IS_BETTER: Direction.LOWER_IS_BETTER,
        Direction.LOWER_IS_BETTER: Direction.HIGHER_IS_BETTER,
    }
    return Indicator(
        indicator.id,
        indicator.name,
        indicator.measurement_type,
        direction=other[indicator.direction],
        target=_mirror_target(indicator.target),
        tolerance=tolerance,
        baseline_period=indicator.baseline_period,
    )


@st.composite
def directed_indicators(draw):
    direction = draw(st.sampled_from(list(Direction)))
    target = draw(
        sds.targets(
            measurement_type="amount",
            direction=direction,
            kinds=["at_least", "at_most", "between", "change", "improvement"],
        )
    )
    tolerance = draw(st.none() | sds.tolerances(measurement_type="amount"))
    return Indicator(
        "x",
        "x",
        "amount",
        direction=direction,
        target=target,
        tolerance=tolerance,
        baseline_period=BASE,
    )


def _negated(number: Decimal | None) -> Decimal | None:
    return None if number is None else -number


@given(directed_indicators(), amounts, references, references)
def test_mirroring_the_direction_and_the_values_keeps_the_status(
    indicator, value, baseline, previous
):
    mirrored = _mirror(indicator)
    original = judge(indicator, value, baseline, previous)
    image = judge(mirrored, -value, _negated(baseline), _negated(previous))
    assert image.status is original.status
    assert image.threshold == _negated(original.threshold)


def test_a_relative_margin_on_a_negative_range_widens_it():
    indicator = Indicator(
        "x",
        "x",
        "amount",
        direction="higher_is_better",
        target=Between(-100, -50),
        tolerance=Margin(10, relative=True),
    )
    # 10% of each bound's size: -100 - 10 and -50 + 5.
    expected = {
        "-110.01": Status.NOT_MET,
        "-110": Status.WITHIN_TOLERANCE,
        "-100.01": Status.WITHIN_TOLERANCE,
        "-100": Status.MET,
        "-90": Status.MET,
        "-50": Status.MET,
        "-49.99": Status.WITHIN_TOLERANCE,
        "-45": Status.WITHIN_TOLERANCE,
        "-44.99": Status.NOT_MET,
    }
    got = {value: judge(indicator, Decimal(value), None, None).status for value in expected}
    assert got == expected


@given(
    amounts,
    amounts,
    st.decimals(0, 50, places=1),
    st.sampled_from(list(Direction)),
    st.decimals(-1, 1, places=2),
)
def test_a_relative_margin_widens_a_range_by_a_share_of_each_bounds_size(
    a, b, share, direction, step
):
    low, high = sorted((a, b))
    indicator = Indicator(
        "x",
        "x",
        "amount",
        direction=direction,
        target=Between(low, high),
        tolerance=Margin(share, relative=True),
    )
    # Worked out independently of the rule: the widest value still within tolerance.
    lowest = low - abs(low) * share / 100
    highest = high + abs(high) * share / 100
    assert lowest <= low  # a margin widens, never narrows
    assert highest >= high
    for edge in (lowest, highest):
        value = edge + step
        if low <= value <= high:
            expected = Status.MET
        elif lowest <= value <= highest:
            expected = Status.WITHIN_TOLERANCE
        else:
            expected = Status.NOT_MET
        assert judge(indicator, value, None, None).status is expected


@given(directed_indicators(), amounts, references, references)
def test_a_tolerance_only_ever_helps(indicator, value, baseline, previous):
    without = attrs.evolve(indicator, tolerance=None)
    helped = judge(indicator, value, baseline, previous).status
    plain = judge(without, value, baseline, previous).status
    assert (helped is Status.NO_DATA) == (plain is Status.NO_DATA)
    if plain is not Status.NO_DATA:
        assert helped.rank >= plain.rank
        assert (helped is Status.MET) == (plain is Status.MET)


@given(
    directed_indicators(),
    st.decimals(0, 20, places=1),
    st.decimals(0, 20, places=1),
    st.booleans(),
    amounts,
    references,
    references,
)
def test_widening_a_margin_never_worsens_a_status(
    indicator, narrow, extra, relative, value, baseline, previous
):
    narrower = attrs.evolve(indicator, tolerance=Margin(narrow, relative))
    wider = attrs.evolve(indicator, tolerance=Margin(narrow + extra, relative))
    before = judge(narrower, value, baseline, previous).status
    after = judge(wider, value, baseline, previous).status
    assert (before is Status.NO_DATA) == (after is Status.NO_DATA)
    if before is not Status.NO_DATA:
        assert after.rank >= before.rank


@given(st.sampled_from(list(Direction)), amounts, amounts)
def test_an_improvement_is_any_move_the_good_way(direction, value, reference):
    improvement = Indicator("x", "x", "amount", direction=direction, target=Improvement())
    met = judge(improvement, value, None, reference).status is Status.MET
    assert met == (direction.sign * (value - reference) > 0)


@given(st.sampled_from(list(Direction)), amounts, amounts)
def test_a_rising_trend_is_any_move_the_good_way(direction, value, reference):
    # The targets lie out of reach, so only the tolerance can help.
    higher = direction is Direction.HIGHER_IS_BETTER
    trend = Indicator(
        "x",
        "x",
        "amount",
        target=AtLeast(10**4) if higher else AtMost(-(10**4)),
        tolerance=RisingTrend(),
        baseline_period=BASE,
    )
    status = judge(trend, value, reference, None).status
    assert (status is Status.WITHIN_TOLERANCE) == (direction.sign * (value - reference) > 0)
