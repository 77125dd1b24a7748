"""Derived indicators on a table: rows computed by :func:`~sociaaldomein.core.derived.derive`.

The values of a derived indicator (``value(uitgaven) / value(clienten)``)
are computed by the scalar rules of :mod:`sociaaldomein.core.derived`
from the rows of the indicators its formula reads (only those rows are
turned into :class:`Measurement` objects), and appended to the table after
every measured row, as ``evaluate_all`` appends them. Evaluating them is
columnar like any other row. The arithmetic stays scalar on purpose: the
formula is computed in Decimal with its 28-digit context and then made the
type's Python value (a float for a rate), and the table must hold that
same value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sociaaldomein.core.derived import check_formulas, derive
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.table.measurements import MeasurementColumns, MeasurementTable
from sociaaldomein.table.schema import MAX_DIGITS, decimal_scale, with_optional_columns

__all__ = ["derive_rows"]


def derive_rows(
    table: MeasurementTable, indicators: Sequence[Indicator | None]
) -> MeasurementTable:
    """``table`` with a row per subject, period and slice of every derived indicator.

    :raises UnknownNameError: a formula reads an unknown indicator.
    :raises InvalidValueError: formulas form a cycle, a derived indicator is
        also measured directly, or a derived value needs more digits than
        the table holds.
    """
    import polars as pl

    known = [indicator for indicator in indicators if indicator is not None]
    derived = check_formulas(
        known, {i.measurement_type: table.types[i.id] for i in table.indicators}
    )
    if not derived:
        return table
    inputs = {name for indicator in derived for name in indicator.formula.inputs}  # type: ignore[union-attr]
    inputs |= {indicator.id for indicator in derived}  # measured directly: derive() says so
    rows = table.frame.filter(pl.col("indicator").cast(pl.String).is_in(sorted(inputs)))
    by_name = {i.measurement_type: table.types[i.id] for i in table.indicators}
    part = MeasurementTable(
        rows, indicators=table.indicators, types=by_name, periods=table.periods, slices=table.slices
    )
    made = derive(known, part.to_measurements(), by_name)
    if not made:
        return table
    columns = MeasurementColumns()
    last = table.frame.get_column("row").max()
    first = int(last) + 1 if isinstance(last, int) else 0
    for number, measurement in enumerate(made):
        measurement_type = table.types[measurement.indicator]
        value = measurement.value_as(measurement_type) if measurement.known else None
        columns.add(first + number, measurement, value)
    new = with_optional_columns(columns.frame())
    old = with_optional_columns(table.frame)
    period_index = {period: number for number, period in enumerate(table.periods)}
    slice_index = {key: number for number, key in enumerate(table.slices)}
    # One scale for old and new values: together they must still fit in a Decimal.
    largest: list[Any] = [
        old.get_column(name).abs().max() for name in ("value", "numerator", "denominator")
    ]
    scale = decimal_scale(
        [largest[0], *columns.value],
        at_least=max(table.scale, int(new.schema["value"].scale)),  # type: ignore[attr-defined]
    )
    fraction = decimal_scale(
        [*largest[1:], *columns.numerator, *columns.denominator],
        at_least=max(
            int(old.schema["numerator"].scale),  # type: ignore[attr-defined]
            int(new.schema["numerator"].scale),  # type: ignore[attr-defined]
        ),
    )
    forecast = old.schema["forecast"]
    new = new.with_columns(
        pl.Series("period", [period_index[m.period] for m in made], dtype=pl.UInt32),
        pl.Series("slice", [slice_index[m.dimensions] for m in made], dtype=pl.UInt32),
        pl.col("indicator").cast(old.schema["indicator"]),
        pl.col("subject").cast(old.schema["subject"]),
        pl.col("forecast").cast(forecast),
    )
    frame = pl.concat(
        [
            part_frame.with_columns(
                pl.col("value").cast(pl.Decimal(MAX_DIGITS, scale)),
                pl.col("numerator", "denominator").cast(pl.Decimal(MAX_DIGITS, fraction)),
            ).select(old.columns)
            for part_frame in (old, new)
        ]
    )
    return MeasurementTable(
        frame,
        indicators=table.indicators,
        types=by_name,
        periods=table.periods,
        slices=table.slices,
    )
