"""The columnar engine against the specification for the kinds of issue 14.

Schedules, slice targets, reference targets (and the reference subjects'
own rows), derived indicators, accumulation (sum and running total),
values that are not known and forecast-only rows, with every data status:
the engine gives what ``evaluate_all`` gives, status, threshold, progress
and reason alike, or fails the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

import attrs
import pytest
from engine_checks import assert_same_results
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from sociaaldomein import (
    AtLeast,
    AtMost,
    ComparedTo,
    Indicator,
    InvalidValueError,
    Margin,
    Measurement,
    Period,
    ReferenceGroup,
    SliceTarget,
    Status,
    evaluate_all,
)
from sociaaldomein.core.engine import MeasurementTable, Results, evaluate_table
from sociaaldomein.testing import strategies as sds
from sociaaldomein.testing.strategies._basics import REFERENCE_SUBJECTS

KINDS = [
    "at_least",
    "at_most",
    "between",
    "change",
    "improvement",
    "count_per_period",
    "compared_to",
]
SUBJECTS = ["GM0001", "Zuidwolde", *REFERENCE_SUBJECTS]
SLICES = [{}, {}, {"leeftijd": "12-17"}, {"leeftijd": "0-11"}, {"dorp": "Zuid"}]


def _periods(year: int) -> st.SearchStrategy[Period]:
    # Years, and parts of a year that accumulate, besides any period at all.
    return st.one_of(
        st.sampled_from([Period.year(year + k) for k in range(0, 3)]),
        st.sampled_from([Period.quarter(year + 1, q) for q in (1, 2, 3, 4)]),
        st.sampled_from([Period.half_year(year + 1, h) for h in (1, 2)]),
        st.sampled_from([Period.month(year + 2, m) for m in (1, 2, 3)]),
        sds.periods(years=(year - 1, year + 3)),
    )


@st.composite
def measurements_of(
    draw: st.DrawFn, indicator: Indicator, year: int, *, dense: bool = False
) -> list[Measurement]:
    """Measurements of a few subjects, the reference subjects among them.

    ``dense`` draws from a few years and slices only, mostly known, so that
    reference subjects are measured where the others are.
    """
    found: list[Measurement] = []
    subjects = (
        st.lists(st.sampled_from(SUBJECTS), min_size=2, max_size=5, unique=True)
        if dense
        else st.lists(st.sampled_from(SUBJECTS), max_size=4, unique=True)
    )
    for subject in draw(subjects):
        drawn = draw(
            st.lists(
                sds.measurements(
                    indicator=indicator,
                    subject=subject,
                    periods=(
                        st.sampled_from([Period.year(year + k) for k in range(3)])
                        if dense
                        else _periods(year)
                    ),
                    dimensions=st.sampled_from(SLICES[:3] if dense else SLICES),
                    known=True if dense else None,
                    forecast=None,
                ),
                min_size=2 if dense else 0,
                max_size=6,
            )
        )
        for measurement in drawn:
            if measurement.unknown and measurement.forecast is not None and draw(st.booleans()):
                measurement = attrs.evolve(measurement, unknown="")  # only a forecast
            found.append(measurement)
    return found


@st.composite
def cases(
    draw: st.DrawFn, *, kinds: list[str] = KINDS, dense: bool = False
) -> tuple[list[Indicator], list[Measurement]]:
    """Indicators of every kind, derived ones among them, and measurements of each."""
    indicators = draw(
        st.lists(
            sds.indicators(
                target_kinds=kinds,
                with_schedule=None,
                with_slice_targets=None,
                accumulation=None,
            ),
            min_size=1,
            max_size=3,
            unique_by=lambda i: i.id,
        )
    )
    year = draw(st.integers(2015, 2020))
    indicators = [attrs.evolve(i, baseline_period=Period.year(year)) for i in indicators]
    numeric = [i for i in indicators if sds._basics._type(i.measurement_type, None).numeric]
    if numeric and draw(st.booleans()):
        derived = draw(sds.derived_indicators(numeric))
        target = draw(
            st.none()
            | sds.targets(
                measurement_type="ratio", kinds=["at_least", "at_most", "between", "compared_to"]
            )
        )
        assume(derived.id not in {i.id for i in indicators})
        indicators.append(attrs.evolve(derived, target=target))
    measurements: list[Measurement] = []
    for indicator in indicators:
        if indicator.formula is None:
            measurements += draw(measurements_of(indicator, year, dense=dense))
    return indicators, draw(st.permutations(measurements))


def _engine(
    indicators: list[Indicator],
    measurements: list[Measurement],
    apart: frozenset[str],
    groups: Sequence[ReferenceGroup] = (),
) -> Results:
    table = MeasurementTable.from_measurements(measurements, indicators)
    return evaluate_table(table, references=apart, groups=groups)


def _same(
    indicators: list[Indicator],
    measurements: list[Measurement],
    apart: frozenset[str] = frozenset(),
    groups: Sequence[ReferenceGroup] = (),
) -> None:
    """Both paths give the same results, or refuse in the same words; ``groups``
    are reference groups (tests/test_reference_groups.py draws them)."""
    judged = [m for m in measurements if m.subject not in apart]
    compared = [m for m in measurements if m.subject in apart]
    try:
        expected = evaluate_all(indicators, judged, references=compared, groups=groups)
    except InvalidValueError as error:
        refused = str(error)
    else:
        refused = None
    if refused is not None:
        event("both refuse")
        # In the same words: the same series named.
        with pytest.raises(InvalidValueError, match=f"^{re.escape(refused)}$"):
            _engine(indicators, measurements, apart, groups)
        return
    try:
        results = _engine(indicators, measurements, apart, groups)
    except InvalidValueError as error:
        assume("digits" not in str(error))
        raise
    for indicator in indicators:
        for name in ("schedule", "slice_targets", "formula", "accumulation"):
            if getattr(indicator, name):
                event(name)
        for target in indicator.all_targets():
            event(f"target {target.kind}")
    for evaluation in expected:
        event(f"status {evaluation.status.value}")
        event(f"data status {evaluation.data_status}")
        if evaluation.forecast is not None:
            event("forecast")
        if evaluation.reason.startswith(("waarde niet bekend", "nog geen meting")):
            event("value not known" if "bekend" in evaluation.reason[:20] else "only a forecast")
        if evaluation.reason.startswith("referentie"):
            event("a reference subject's own row")
        if isinstance(evaluation.target, ComparedTo) and evaluation.status.rank is not None:
            event(f"reference target {evaluation.status.value}")
        if " van " in evaluation.reason and "gemeente" in evaluation.reason:
            event("a group's coverage in the reason")
        period = evaluation.period
        if period.start.month == 1 and period.start.day == 1 and period.kind == "range":
            event("year to date")
    assert_same_results(results, expected)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_every_kind_gives_what_evaluate_all_gives(case):
    _same(*case)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cases(kinds=["compared_to"], dense=True),
    st.frozensets(st.sampled_from(REFERENCE_SUBJECTS)),
)
def test_reference_targets_give_what_evaluate_all_gives(case, apart):
    # Reference subjects measured among the others, or kept apart (references=).
    _same(*case, apart)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_a_table_gives_unknown_values_and_forecasts_back(case):
    indicators, measurements = case
    try:
        table = MeasurementTable.from_measurements(measurements, indicators)
    except InvalidValueError as error:
        assume("digits" not in str(error))
        raise
    types = {i.id: table.types[i.id] for i in indicators}

    def canonical(m: Measurement) -> Measurement:
        kind = types[m.indicator]
        return attrs.evolve(
            m,
            # A value made from the numerator and denominator is left out, as given.
            value=m.value_as(kind) if m.known and m.value is not None else None,
            forecast=None if m.forecast is None else kind.validate(m.forecast),
            revision=None,
            as_of=None,
        )

    assert list(table.to_measurements()) == [canonical(m) for m in measurements]


def _rate(id_: str, **kwargs: object) -> Indicator:
    return Indicator(id_, id_, "rate_per_10000", baseline_period=Period.year(2019), **kwargs)


def test_a_reference_target_reads_the_reference_of_its_own_period_and_slice():
    indicator = _rate(
        "wmo",
        target=ComparedTo("Nederland", "at_most", Decimal(5), label="landelijk"),
        slice_targets=[SliceTarget({"leeftijd": "12-17"}, AtMost(Decimal("0.4")))],
    )
    rows = [
        Measurement("wmo", "Nederland", Period.year(2020), 100.0),
        Measurement("wmo", "Assen", Period.year(2020), 104.0),
        Measurement("wmo", "Assen", Period.year(2021), 90.0),
        Measurement("wmo", "Assen", Period.year(2020), 0.5, dimensions={"leeftijd": "12-17"}),
    ]
    got = evaluate_table(MeasurementTable.from_measurements(rows, [indicator])).to_evaluations()
    assert got == evaluate_all([indicator], rows)
    assert [e.status for e in got] == [
        Status.MET,  # 104 <= 100 + 5
        Status.NO_DATA,  # no national figure for 2021
        Status.NOT_MET,  # the slice's own target: at most 0.4
        Status.NOT_ASSESSED,  # the reference itself
    ]
    assert got[1].reason == evaluate_all([indicator], rows)[1].reason
    assert "landelijk" in got[1].reason


def test_an_unknown_value_is_no_data_with_its_reason_and_forecast():
    indicator = _rate("wmo", target=AtLeast(10), schedule={Period.year(2021): AtLeast(11)})
    rows = [
        Measurement("wmo", "Assen", Period.year(2020), unknown="n.n.b.", forecast=12),
        Measurement("wmo", "Assen", Period.year(2021), forecast=13),
    ]
    got = evaluate_table(MeasurementTable.from_measurements(rows, [indicator])).to_evaluations()
    assert [e.status for e in got] == [Status.NO_DATA, Status.NO_DATA]
    assert got[0].reason.startswith("waarde niet bekend (n.n.b.)")
    assert got[1].reason.startswith("nog geen meting voor 2021")
    assert [e.forecast for e in got] == [12.0, 13.0]
    assert got == evaluate_all([indicator], rows)


_Y = Period.year


@pytest.mark.parametrize(
    ("indicator", "rows"),
    [
        pytest.param(
            _rate("a", target=AtLeast(10), schedule={_Y(2020): AtLeast(20)}, tolerance=Margin(2)),
            [Measurement("a", "x", _Y(2020), 18.5)],
            id="a scheduled target, missed by less than the margin",
        ),
        pytest.param(
            _rate(
                "a",
                target=AtLeast(10),
                slice_targets=[SliceTarget({"dorp": "Zuid"}, AtLeast(30))],
                tolerance=Margin(10, relative=True),
            ),
            [Measurement("a", "x", _Y(2020), 27.5, dimensions={"dorp": "Zuid"})],
            id="a slice target, missed by less than 10 percent",
        ),
        pytest.param(
            _rate(
                "a",
                target=ComparedTo("Nederland", "within", Decimal(1)),
                tolerance=Margin(5),
                direction="lower_is_better",
            ),
            [
                Measurement("a", "Nederland", _Y(2020), 50.0),
                Measurement("a", "x", _Y(2020), 55.5),
            ],
            id="within 1 of the reference, missed but within the margin",
        ),
        pytest.param(
            _rate(
                "a",
                target=ComparedTo("NL", "at_least", Decimal(10), relative=True),
                tolerance=Margin(Decimal("2.5"), relative=True),
            ),
            [Measurement("a", "NL", _Y(2020), 40.0), Measurement("a", "x", _Y(2020), 35.2)],
            id="at least the reference less 10 percent, within 2.5 percent of that",
        ),
        pytest.param(
            Indicator(
                "n", "n", "count", target=AtLeast(10), tolerance=Margin(1), accumulation="sum"
            ),
            [
                Measurement("n", "x", Period.quarter(2020, 1), 4),
                Measurement("n", "x", Period.quarter(2020, 2), 5),
            ],
            id="a year-to-date sum one short",
        ),
    ],
)
def test_each_kind_can_be_within_its_tolerance(indicator, rows):
    got = evaluate_table(MeasurementTable.from_measurements(rows, [indicator])).to_evaluations()
    expected = evaluate_all([indicator], rows)
    assert got == expected
    assert [e.reason for e in got] == [e.reason for e in expected]
    assert Status.WITHIN_TOLERANCE in [e.status for e in got]
