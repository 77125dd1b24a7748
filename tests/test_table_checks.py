"""The measurement checks on a table give the findings the objects give.

:func:`check_table` makes objects only for the rows its columns pick as
suspect; :func:`check_measurements` on every row is the specification. The
strategies draw the edges of the pick: baselines at exactly the value a
change target takes to its type's limit, one unit of the last decimal
either side, 0 (a share of nothing), negative and huge values, periods on
and just outside a plan's, slices the indicator does or does not declare,
and a value beside its fraction.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sociaaldomein import Indicator, Measurement, Period
from sociaaldomein.core.engine.checks import check_table
from sociaaldomein.core.validation import check_measurements
from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.model.measurement_type import MeasurementTypeRegistry
from sociaaldomein.model.target import AtLeast, Change
from sociaaldomein.table.measurements import MeasurementTable

TYPES = MeasurementTypeRegistry()
BASELINE = Period.year(2016)
PERIODS = [Period.year(2015), BASELINE, Period.year(2017), Period.half_year(2017, 2)]


def _edges(amount: Decimal, relative: bool, limit: Decimal | None) -> list[Decimal]:
    """Baselines that a change of ``amount`` takes exactly to ``limit``, and just beside it
    (twice over: these are the edges), then 0 (a share of nothing), negative and huge."""
    found = []
    if limit is not None:
        exact = limit / (1 + amount / 100) if relative else limit - amount
        for places in (1, 2, 10):
            step = Decimal(1).scaleb(-places)
            near = exact.quantize(step)
            found += [near - step, near, near + step]
    return [*found, *found, Decimal(0), Decimal("-1"), Decimal("100"), Decimal("1e9")]


@st.composite
def indicators(draw: st.DrawFn) -> Indicator:
    kind = draw(st.sampled_from(["percentage", "grade", "count", "amount"]))
    relative = draw(st.booleans())
    amount = Decimal(draw(st.sampled_from([-50, -10, -1, 0, 1, 10, 50, Decimal("2.5")])))
    if kind == "count" and not relative:
        amount = amount.to_integral_value()
    target = draw(
        st.sampled_from(
            [
                Change(amount, relative=relative),
                Change(amount, relative=relative),
                Change(amount, relative=relative, against="previous"),
                AtLeast(Decimal(5)),
            ]
        )
    )
    # The direction a change implies (either for no change at all).
    direction = (
        "higher_is_better"
        if amount > 0 or isinstance(target, AtLeast)
        else "lower_is_better"
        if amount < 0
        else draw(st.sampled_from(["higher_is_better", "lower_is_better"]))
    )
    return Indicator(
        draw(st.sampled_from(["a", "b", "c"])),
        "Indicator",
        kind,
        direction=direction,
        target=target,
        baseline_period=BASELINE,
        slices=draw(st.sampled_from([(), ("leeftijd",)])),
    )


@st.composite
def measured(draw: st.DrawFn) -> tuple[list[Indicator], list[Measurement]]:
    """Indicators with change targets and measurements at the edges of their checks."""
    drawn = draw(st.lists(indicators(), min_size=1, max_size=3, unique_by=lambda i: i.id))
    rows: list[Measurement] = []
    seen: set[tuple[object, ...]] = set()
    for indicator in drawn:
        kind = TYPES[indicator.measurement_type]
        target = indicator.target
        limit = kind.maximum if indicator.direction == "higher_is_better" else kind.minimum
        values = (
            _edges(target.amount, target.relative, limit)
            if isinstance(target, Change)
            else [Decimal(0), Decimal(5)]
        )
        for number in range(draw(st.integers(0, 6))):
            value = draw(st.sampled_from(values))
            if kind.integral:
                value = value.to_integral_value()
            subject = draw(st.sampled_from(["GM0001", "GM0002", "Nederland"]))
            # The first at the baseline, where the impossible targets are found.
            period = BASELINE if number == 0 else draw(st.sampled_from(PERIODS))
            dimensions = draw(st.sampled_from([{}, {}, {"leeftijd": "12-17"}, {"dorp": "Zuid"}]))
            key = (indicator.id, subject, period, tuple(dimensions.items()))
            if key in seen:
                continue
            fraction: dict[str, Decimal] = {}
            if kind.scale is not None and draw(st.integers(0, 3)) == 0:
                share = Decimal(draw(st.integers(0, 7)))
                fraction = {"numerator": share, "denominator": Decimal(7)}
            measurement = Measurement(
                indicator.id, subject, period, value, dimensions=dimensions, **fraction
            )
            try:
                kind.validate(value)
            except SociaaldomeinError:
                continue  # a table holds only valid values (its reader refuses the rest)
            seen.add(key)
            rows.append(measurement)
    return drawn, rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(measured(), st.sampled_from([None, BASELINE, Period.year(2017), Period.year(2030)]))
def test_the_checks_of_a_table_find_what_the_objects_checks_find(case, period):
    indicators, rows = case
    table = MeasurementTable.from_measurements(rows, indicators, TYPES)
    expected = check_measurements(table.to_measurements(), indicators, TYPES, period=period)
    event(f"{len(expected)} findings")
    event(", ".join(sorted({f.rule for f in expected})) or "none")
    assert check_table(table, indicators, TYPES, period=period) == expected


def test_a_whole_country_of_rows_makes_objects_only_for_the_rows_with_findings(monkeypatch):
    indicator = Indicator(
        "a",
        "A",
        "percentage",
        direction="higher_is_better",
        target=Change(Decimal(10)),
        baseline_period=BASELINE,
    )
    rows = [
        Measurement("a", f"GM{n:04d}", period, Decimal(n % 90))
        for n in range(1000)
        for period in (BASELINE, Period.year(2017))
    ]
    # 95 at the baseline: +10% asks 104.5, beyond a percentage's 100.
    rows.append(Measurement("a", "GM9999", BASELINE, Decimal(95)))
    table = MeasurementTable.from_measurements(rows, [indicator], TYPES)
    made = []
    original = MeasurementTable.to_measurements

    def counted(self):
        for measurement in original(self):
            made.append(measurement)
            yield measurement

    monkeypatch.setattr(MeasurementTable, "to_measurements", counted)
    found = check_table(table, [indicator], TYPES)
    # The zero baselines (n % 90 == 0) and the impossible one; nothing else.
    assert sorted(f.rule for f in found) == ["targets.impossible", *["targets.zero_baseline"] * 12]
    assert len(made) == 13


@pytest.mark.parametrize("period", [None, Period.year(2017)])
def test_a_table_with_a_duplicate_is_checked_whole(period):
    indicator = Indicator("a", "A", "count")
    rows = [Measurement("a", "GM0001", Period.year(2016), 1)] * 2
    table = MeasurementTable.from_measurements(rows, [indicator], TYPES)
    expected = check_measurements(rows, [indicator], TYPES, period=period)
    assert expected[0].rule == "measurements.duplicate"
    assert check_table(table, [indicator], TYPES, period=period) == expected
