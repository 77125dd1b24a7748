"""Reasons that never contradict their verdict (issue 23): the numbers a reason shows.

The rule: a number shows with at most two decimals, a half rounded away from
zero, at least its type's decimals (a grade's ``7,0``), and with as many
more as it takes to read apart from the number it is judged against
(14,999 against "minimaal 15"). Both paths (objects and columns) and the
report go through :meth:`MeasurementType.display`; the columnar engine's
reasons for these cases are held to these in ``test_engine_edges.py``.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sociaaldomein import (
    BUILTIN_MEASUREMENT_TYPES,
    AtLeast,
    AtMost,
    Between,
    Change,
    CountPerPeriod,
    Direction,
    Indicator,
    Measurement,
    MeasurementTypeRegistry,
    Period,
    Status,
    evaluate_all,
)
from sociaaldomein.render.values import show_value
from sociaaldomein.text.numbers import (
    parse_number,
    round_half_away,
    show_number,
    telling_places,
)

TYPES = MeasurementTypeRegistry()
Y = Period.year


def one(indicator, value, *, baseline=None):
    rows = [Measurement(indicator.id, "Kampen", Y(2024), value)]
    if baseline is not None:
        rows.insert(0, Measurement(indicator.id, "Kampen", indicator.baseline_period, baseline))
    [result] = evaluate_all([indicator], rows, TYPES)
    return result


def test_a_value_just_below_the_target_does_not_read_as_the_target():
    indicator = Indicator("bereik", "Bereik", "percentage", target=AtLeast(15))
    result = one(indicator, 14.999)
    assert result.status is Status.NOT_MET
    assert result.reason == "14,999% (doel: minimaal 15%); niet gehaald"
    above = one(Indicator("wacht", "Wachttijd", "percentage", target=AtMost(15)), 15.0004)
    assert above.reason == "15,0004% (doel: maximaal 15%); niet gehaald"


def test_display_rounds_half_away_from_zero():
    indicator = Indicator("bereik", "Bereik", "ratio", target=AtLeast(0))
    assert one(indicator, 0.125).reason == "0,13 (doel: minimaal 0); gehaald"
    assert show_number(Decimal("0.125")) == "0,13"
    assert show_number(Decimal("-0.125")) == "-0,13"
    assert show_number(Decimal("2.675")) == "2,68"
    assert show_value(0.125, TYPES["ratio"]) == "0,13"


def test_a_grade_shows_with_one_decimal():
    indicator = Indicator("cijfer", "Rapportcijfer", "grade", target=AtLeast(7))
    assert one(indicator, 7).reason == "7,0 (doel: minimaal 7,0); gehaald"
    assert one(indicator, 6.95).reason == "6,95 (doel: minimaal 7,0); niet gehaald"
    assert show_value(7, TYPES["grade"]) == "7,0"


def test_a_relative_change_just_short_of_its_target_reads_short():
    indicator = Indicator(
        "vrijwilligers",
        "Vrijwilligers",
        "hours",
        direction=Direction.HIGHER_IS_BETTER,
        target=Change(10),
        baseline_period=Y(2019),
    )
    result = one(indicator, Decimal("109.99"), baseline=100)
    assert result.status is Status.NOT_MET
    assert result.reason == (
        "109,99 uur: +9,99% t.o.v. nulmeting 2019 (100 uur) (doel: +10% t.o.v. nulmeting 2019,"
        " dus 110 uur); niet gehaald"
    )


def test_the_report_row_shows_value_and_target_as_the_reason_does():
    from sociaaldomein.core.evaluation import describe_target

    indicator = Indicator("bereik", "Bereik", "percentage", target=AtLeast(15))
    result = one(indicator, 14.999)
    kind = TYPES["percentage"]
    shown = show_value(result.value, kind, places=result.places)
    described = describe_target(indicator.target, indicator, kind, places=result.places)
    assert f"{shown} (doel: {described})" in result.reason
    assert shown == "14,999%"


def test_telling_places_stops_at_the_first_decimal_that_tells_apart():
    assert telling_places(Decimal("14.999"), [Decimal(15)]) == 3
    assert telling_places(Decimal("14.9"), [Decimal(15)]) == 2
    assert telling_places(Decimal(15), [Decimal(15), Decimal("Infinity")]) == 2
    assert telling_places(Decimal("0.3"), [Decimal(1) / 3], at_least=0) == 2
    assert round_half_away(Decimal("-2.5"), 0) == Decimal(-3)


# -- the property: a shown reason never reads as the opposite verdict ---------------------

NUMERIC = [t.name for t in BUILTIN_MEASUREMENT_TYPES if t.numeric]


def _shown_number(text: str, kind) -> Decimal:
    """The number a displayed value stands for (prefix and suffix taken off)."""
    return parse_number(text.removeprefix(kind.prefix).removesuffix(kind.suffix))


def _number(kind, places: int = 4):
    low = kind.minimum if kind.minimum is not None else Decimal(-1000)
    high = kind.maximum if kind.maximum is not None else Decimal(1000)
    if kind.integral:
        return st.integers(int(low), int(min(high, 1000))).map(Decimal)
    return st.decimals(low, min(high, Decimal(1000)), places=places)


@st.composite
def judged(draw):
    kind = TYPES[draw(st.sampled_from(NUMERIC))]
    threshold = draw(_number(kind, places=draw(st.integers(0, 6))))
    # Near the threshold, where rounding could hide which side the value is on.
    near = st.decimals(-1, 1, places=draw(st.integers(0, 8))).map(lambda d: threshold + d)
    value = draw(_number(kind) | near)
    if kind.integral:
        value = value.to_integral_value()
    if kind.minimum is not None and value < kind.minimum:
        value = kind.minimum
    if kind.maximum is not None and value > kind.maximum:
        value = kind.maximum
    target = draw(st.sampled_from([AtLeast(threshold), AtMost(threshold)]))
    return kind, target, value


@settings(max_examples=150, deadline=None)
@given(judged())
def test_a_reason_never_shows_a_missed_target_as_met_or_the_reverse(case):
    kind, target, value = case
    indicator = Indicator("x", "X", kind.name, target=target)
    value_as = kind.validate(value)
    rows = [Measurement("x", "Oss", Y(2024), value_as)]
    [scalar] = evaluate_all([indicator], rows, TYPES)
    reason = scalar.reason
    shown, _, rest = reason.partition(" (doel: ")
    word = "minimaal " if isinstance(target, AtLeast) else "maximaal "
    threshold_text = rest.removeprefix(word).partition(")")[0]
    exact = Decimal(str(value_as)) if not isinstance(value_as, Decimal) else value_as
    seen_value = _shown_number(shown, kind)
    seen_threshold = _shown_number(threshold_text, kind)
    # The texts differ exactly where the numbers do, and in the same order.
    assert (seen_value < seen_threshold) == (exact < target.value)
    assert (seen_value == seen_threshold) == (exact == target.value)
    met = scalar.status is Status.MET
    at_least = word == "minimaal "
    assert met == (seen_value >= seen_threshold if at_least else seen_value <= seen_threshold)


@pytest.mark.parametrize(
    ("low", "high", "value", "expected"),
    [
        (10, 20, Decimal("9.9999"), "9,9999 (doel: tussen 10 en 20); niet gehaald"),
        (10, 20, Decimal("20.001"), "20,001 (doel: tussen 10 en 20); niet gehaald"),
        (10, 20, Decimal("20"), "20 (doel: tussen 10 en 20); gehaald"),
    ],
)
def test_a_value_just_outside_a_range_reads_outside(low, high, value, expected):
    indicator = Indicator("x", "X", "ratio", target=Between(low, high))
    assert one(indicator, value).reason == expected


@st.composite
def beside_a_threshold(draw):
    """An indicator of any numeric type and target kind, with references, and a value just
    beside (or on) the threshold its target asks for."""
    from sociaaldomein.testing import strategies as sds

    kind = TYPES[draw(st.sampled_from(NUMERIC))]
    kinds = ["at_least", "at_most", "change", "improvement", "count_per_period", "compared_to"]
    indicator = draw(sds.indicators(measurement_type=kind, with_target=True, target_kinds=kinds))
    baseline, previous, reference = (draw(_number(kind, places=3)) for _ in range(3))
    rows = [
        Measurement(indicator.id, "Oss", indicator.baseline_period, kind.validate(baseline)),
        Measurement(indicator.id, "Oss", Y(2029), kind.validate(previous)),
    ]
    references = [
        Measurement(indicator.id, subject, Y(2030), kind.validate(reference))
        for subject in ("Nederland", "regio", "grootteklasse")
    ]
    probe = evaluate_all(
        [indicator],
        [*rows, Measurement(indicator.id, "Oss", Y(2030), kind.validate(previous))],
        TYPES,
        references=references,
    )[-1]
    assume(probe.threshold is not None)
    delta = draw(st.sampled_from([0, 1, -1])) * Decimal(1).scaleb(-draw(st.integers(0, 6)))
    value = probe.threshold + delta
    if kind.integral:
        value = value.to_integral_value()
    if kind.minimum is not None:
        value = max(value, kind.minimum)
    if kind.maximum is not None:
        value = min(value, kind.maximum)
    return (
        indicator,
        kind,
        [*rows, Measurement(indicator.id, "Oss", Y(2030), kind.validate(value))],
        references,
    )


@settings(max_examples=150, deadline=None)
@given(beside_a_threshold())
def test_every_target_kind_shows_value_and_threshold_in_their_order(case):
    indicator, kind, rows, references = case
    result = evaluate_all([indicator], rows, TYPES, references=references)[-1]
    assume(result.threshold is not None and result.threshold.is_finite())
    exact = Decimal(str(result.value)) if not isinstance(result.value, Decimal) else result.value
    shown_value = kind.display(exact, places=result.places)
    shown_threshold = kind.display(result.threshold, places=result.places)
    assert result.reason.startswith(shown_value)
    seen_value, seen_threshold = (
        _shown_number(text, kind) for text in (shown_value, shown_threshold)
    )
    assert (seen_value < seen_threshold) == (exact < result.threshold)
    assert (seen_value == seen_threshold) == (exact == result.threshold)
    if not isinstance(result.target, CountPerPeriod):
        assert shown_threshold in result.reason


def test_every_report_cell_beside_a_verdict_shows_the_reasons_decimals():
    from sociaaldomein import Project, account_for
    from sociaaldomein.model.parties import Municipality, Province, Region
    from sociaaldomein.render.comparison import build_comparison
    from sociaaldomein.render.report import build_report

    indicator = Indicator("bereik", "Bereik", "percentage", target=AtLeast(15), slices=["leeftijd"])
    rows = [
        Measurement("bereik", "X", Y(2024), 14.999),
        Measurement("bereik", "X", Y(2024), 14.9996, dimensions={"leeftijd": "12-17"}),
        Measurement("bereik", "Y", Y(2024), 15.0004),
    ]
    province = Province("P", [Region("R", [Municipality("X"), Municipality("Y")])])
    run = account_for(
        plan=Project("1", "Plan", indicators=[indicator]),
        measurements=rows,
        subject="X",
        period="2024",
        regions=province,
    )
    [section] = build_report(run, charts=False).sections
    [row] = section.rows
    assert (row.value, row.target) == ("14,999%", "minimaal 15%")
    [part] = row.slices
    assert part.value == "14,9996%"
    [moment] = row.timeline
    assert (moment.value, moment.target) == ("14,999%", "minimaal 15%")
    [cells] = build_comparison(run).table.rows
    shown = " ".join(cells)
    assert "14,999%" in shown
    assert "15,0004%" in shown
