"""The measurement checks of a table: :func:`check_measurements`, on the rows that can fail.

A whole country is a million rows; the checks find something on a few of
them. So the columns say which rows can have a finding (outside the plan's
period, a slice the indicator does not declare, a baseline that a change
target asks the impossible of, a fraction to hold the value to), a generous
superset, and only those rows become :class:`Measurement` objects for
:func:`check_measurements`, the specification, which words the findings.
Every check of a row depends on that row alone (duplicates aside, which a
table read from a file cannot hold), so the findings are the ones the
objects give, in the same order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from sociaaldomein.core.validation import baseline_changes, check_measurements
from sociaaldomein.findings import Finding
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period
from sociaaldomein.model.target import Direction
from sociaaldomein.table.measurements import MeasurementTable

if TYPE_CHECKING:
    import polars as pl

__all__ = ["check_table", "suspect_rows"]

#: How close (relative to the numbers compared) a target may come to its
#: type's limit and still be handed to the exact check: floats hold the
#: columns' Decimals to about 1e-16, so this never misses a row.
_MARGIN = 1e-9


def check_table(
    table: MeasurementTable,
    indicators: Sequence[Indicator],
    types: Mapping[str, MeasurementType],
    *,
    period: Period | None = None,
) -> list[Finding]:
    """``check_measurements(table.to_measurements(), indicators, types, period=period)``.

    The same findings in the same order, with objects made only for the
    rows :func:`suspect_rows` picks (all of them where two rows measure one
    series: those are numbered by their place among all rows).
    """
    if table.has_duplicates():
        return check_measurements(table.to_measurements(), indicators, types, period=period)
    suspect = table.where(suspect_rows(table, indicators, types, period))
    return check_measurements(suspect.to_measurements(), indicators, types, period=period)


def suspect_rows(
    table: MeasurementTable,
    indicators: Sequence[Indicator],
    types: Mapping[str, MeasurementType],
    period: Period | None,
) -> pl.Expr:
    """The rows of ``table`` that :func:`check_measurements` may find something on.

    Outside ``period``, of a slice the indicator does not declare, with a
    numerator (the value must agree with it), or at the baseline of a change
    target with a value that is 0 or that the change takes to within
    :data:`_MARGIN` of its type's limit, or beyond it.
    """
    import polars as pl

    periods, slices = table.periods, table.slices
    by_id = {indicator.id: indicator for indicator in indicators}
    known = [by_id[measured.id] for measured in table.indicators]
    outside = [period is not None and not period.overlaps(found) for found in periods]
    indicator = pl.col("indicator").to_physical().cast(pl.Int64)
    at = pl.col("period").cast(pl.Int64)
    pair = indicator * len(slices) + pl.col("slice")
    present = table.frame.select(pair.unique().alias("pair")).get_column("pair")
    undeclared = [
        number
        for number in present.to_list()
        if any(
            key not in known[number // len(slices)].slices
            for key, _ in slices[number % len(slices)]
        )
    ]
    suspect = pl.lit(pl.Series(outside, dtype=pl.Boolean)).gather(at) | pair.is_in(undeclared)
    if "numerator" in table.frame.columns:
        suspect = suspect | pl.col("numerator").is_not_null()
    impossible = _impossible(table, known, types)
    return suspect if impossible is None else suspect | impossible


def _impossible(
    table: MeasurementTable, known: Sequence[Indicator], types: Mapping[str, MeasurementType]
) -> pl.Expr | None:
    """Baseline rows whose change target may ask the impossible, or a share of 0.

    One row per change target in a small frame, joined to the rows at their
    indicator's baseline: one pass over the table whatever the number of targets.
    """
    import polars as pl

    code = {found: number for number, found in enumerate(table.periods)}
    changes: dict[str, list[object]] = {
        name: [] for name in ("code", "relative", "amount", "bound", "sign")
    }
    baselines = [-1] * len(known)
    for number, indicator in enumerate(known):
        found = baseline_changes(indicator)
        baseline = code.get(indicator.baseline_period) if indicator.baseline_period else None
        if not found or baseline is None or indicator.measurement_type not in types:
            continue
        baselines[number] = baseline
        measurement_type = types[indicator.measurement_type]
        direction = indicator.good_direction
        limit = (
            measurement_type.maximum
            if direction is Direction.HIGHER_IS_BETTER
            else measurement_type.minimum
        )
        for change in found:
            changes["code"].append(number)
            changes["relative"].append(change.relative)
            changes["amount"].append(float(change.amount))
            changes["bound"].append(None if limit is None else float(limit))
            changes["sign"].append(direction.sign if direction else 1)
    if not changes["code"]:
        return None
    targets = pl.DataFrame(
        changes,
        schema={
            "code": pl.Int64,
            "relative": pl.Boolean,
            "amount": pl.Float64,
            "bound": pl.Float64,
            "sign": pl.Float64,
        },
    )
    of_row = pl.col("indicator").to_physical().cast(pl.Int64)
    at_baseline = pl.col("period").cast(pl.Int64) == pl.lit(
        pl.Series(baselines, dtype=pl.Int64)
    ).gather(of_row)
    value, amount, bound = pl.col("value"), pl.col("amount"), pl.col("bound")
    asked = value + pl.when(pl.col("relative")).then(value.abs() * amount / 100).otherwise(amount)
    size = pl.max_horizontal(pl.lit(1.0), asked.abs(), bound.abs(), value.abs())
    beyond = ((asked - bound) * pl.col("sign") > -_MARGIN * size).fill_null(False)
    rows = (
        table.frame.lazy()
        .filter(at_baseline & pl.col("value").is_not_null())
        .select("row", code=of_row, value=pl.col("value").cast(pl.Float64))
        .join(targets.lazy(), on="code")
        .filter((pl.col("relative") & (value == 0)) | beyond)
        .select("row")
        .unique()
        .collect()
        .get_column("row")
    )
    return pl.col("row").is_in(rows.implode())
