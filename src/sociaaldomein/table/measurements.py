"""A measurements table: the columnar form of many :class:`Measurement` objects.

Indicators and subjects are enums (their codes sort the way ``evaluate_all``
sorts: indicators in the given order, subjects alphabetically), each distinct
period is parsed once and stored as an index into :attr:`MeasurementTable.periods`
(sorted by start, then end), and numbers are exact: a polars Decimal column
whose scale is the largest any value needs, so 12.3 is 12.3 and not the float
nearest to it. Its constants and value helpers are :mod:`.schema`.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from sociaaldomein.errors import UnknownNameError
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import DataStatus, Measurement
from sociaaldomein.model.measurement_type import (
    MeasurementType,
    MeasurementTypeRegistry,
    Value,
)
from sociaaldomein.model.period import Period
from sociaaldomein.table.schema import (
    DATA_STATUSES,
    MAX_DIGITS,
    Slice,
    decimal_scale,
    python_value,
    unique_indicators,
    with_optional_columns,
)
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import as_decimal
from sociaaldomein.text.suggest import unknown_name

if TYPE_CHECKING:
    import polars as pl

__all__ = ["MeasurementColumns", "MeasurementTable", "assemble"]


class MeasurementTable:
    """Measurements of known indicators as one polars DataFrame.

    Columns of :attr:`frame`: ``row`` (order of reading), ``indicator``
    (enum in the order of :attr:`indicators`), ``subject`` (enum, sorted),
    ``slice`` (index into :attr:`slices`, ``0`` is the total), ``period``
    (index into :attr:`periods`), ``value`` (exact Decimal; null for yes/no
    and text), ``flag`` (yes/no values), ``text`` (qualitative values),
    ``n``, ``numerator``, ``denominator``, ``data_status`` (an enum of the
    :class:`DataStatus` values, least final first, so ``min`` is the weakest),
    ``source`` and ``note`` (null where empty).

    Optional columns (a frame without them has none of these rows):
    ``unknown`` (null where there is a value; the reason a value is not
    known, ``""`` for a row that gives only a forecast), the forecast as
    ``forecast`` (exact Decimal), ``forecast_flag`` (yes/no) and
    ``forecast_text`` (qualitative), validated by the indicator's type, and
    ``derived`` (true where ``value`` was computed from the numerator and
    denominator, the measurement giving none), ``no_status`` (true where the
    measurement stated no data status: ``data_status`` is then
    ``definitive``, as it is judged; see :attr:`Measurement.status_given`).

    Build one with :meth:`from_measurements` or
    :func:`sociaaldomein.io.table.read_measurements_table`.
    """

    def __init__(
        self,
        frame: pl.DataFrame,
        *,
        indicators: Sequence[Indicator],
        types: Mapping[str, MeasurementType],
        periods: Sequence[Period],
        slices: Sequence[Slice],
    ) -> None:
        self.frame = frame
        self.indicators = unique_indicators(indicators)
        self.types = {i.id: types[i.measurement_type] for i in self.indicators}
        self.periods = tuple(periods)
        self.slices = tuple(slices)

    def __len__(self) -> int:
        return self.frame.height

    def where(self, predicate: pl.Expr) -> MeasurementTable:
        """The rows ``predicate`` keeps, with the same indicators, periods and slices."""
        kept = copy.copy(self)
        kept.frame = self.frame.filter(predicate)
        return kept

    def has_duplicates(self) -> bool:
        """Whether two rows measure one indicator, subject, period and slice."""
        import polars as pl

        frame = self.frame
        sizes = {
            "indicator": len(self.indicators),
            "subject": len(frame.schema["subject"].categories),  # type: ignore[attr-defined]
            "period": len(self.periods),
            "slice": len(self.slices),
        }
        if math.prod(sizes.values()) >= 2**63:
            key = pl.struct(*sizes)
            return bool(frame.select(key.is_duplicated().any()).item())
        # Files are usually written grouped, by subject or by indicator first; in
        # such a file the key rises strictly from row to row, which proves that
        # there are no duplicates without hashing a million keys.
        # In 32 bits where the keys fit (half the memory to go through), and
        # without a column of one value (the slice, mostly): it adds nothing.
        dtype = pl.Int32 if math.prod(sizes.values()) < 2**31 else pl.Int64
        keys = []
        for order in (("subject", "indicator"), ("indicator", "subject")):
            names = [n for n in (*order, "slice", "period") if sizes[n] > 1] or ["period"]
            rising = pl.col(names[0]).to_physical().cast(dtype)
            for name in names[1:]:
                rising = rising * pl.lit(sizes[name], dtype=dtype) + pl.col(
                    name
                ).to_physical().cast(dtype)
            if frame.select((rising.diff().min() > 0).fill_null(True)).item():
                return False
            keys.append(rising)
        return bool(frame.select(keys[0].n_unique()).item() < frame.height)

    def subjects_as_read(self) -> list[str]:
        """Every subject, in the order of its first row (as the rows were read)."""
        import polars as pl

        first = self.frame.group_by("subject").agg(pl.col("row").min()).sort("row")
        return first.get_column("subject").cast(pl.String).to_list()

    @property
    def scale(self) -> int:
        """Decimals of the ``value`` column."""
        dtype = self.frame.schema["value"]
        return int(dtype.scale)  # type: ignore[attr-defined]

    @classmethod
    def from_measurements(
        cls,
        measurements: Iterable[Measurement],
        indicators: Iterable[Indicator],
        types: Mapping[str, MeasurementType] | None = None,
    ) -> MeasurementTable:
        """The table of ``measurements``, each value validated by its indicator's type.

        :raises UnknownNameError: a measurement names an indicator not among
            ``indicators``, or an indicator an unknown measurement type.
        :raises InvalidValueError: a value is not valid for its type, or
            needs more digits than the table holds.
        """
        known = list(unique_indicators(indicators))
        registry = types if types is not None else MeasurementTypeRegistry()
        type_of = {i.id: registry[i.measurement_type] for i in known}
        columns = MeasurementColumns()
        for row, measurement in enumerate(measurements):
            measurement_type = type_of.get(measurement.indicator)
            if measurement_type is None:
                message = _("meting voor onbekende indicator {id}").format(
                    id=repr(measurement.indicator)
                )
                raise UnknownNameError(
                    unknown_name(
                        message, measurement.indicator, type_of, known_as=_("bekende indicatoren")
                    )
                )
            columns.add_measurement(row, measurement, measurement_type)
        return columns.table(known, registry)

    def to_measurements(self) -> Iterator[Measurement]:
        """The measurements back, in reading order.

        Values (and forecasts) are in their type's Python form; a value
        that was derived from a numerator and a denominator is left out
        again, as it was given.
        """
        frame = with_optional_columns(self.frame).sort("row")
        for record in frame.iter_rows(named=True):
            indicator = str(record["indicator"])
            measurement_type = self.types[indicator]
            forecast = python_value(record, measurement_type, prefix="forecast")
            yield Measurement(
                indicator,
                str(record["subject"]),
                self.periods[record["period"]],
                None if record["derived"] else python_value(record, measurement_type),
                n=record["n"],
                numerator=record["numerator"],
                denominator=record["denominator"],
                dimensions=self.slices[record["slice"]],
                status=DataStatus(record["data_status"]),
                source=record["source"] or "",
                note=record["note"] or "",
                unknown=record["unknown"] or "",
                forecast=forecast,
                status_given=not record["no_status"],
            )


class MeasurementColumns:
    """Rows collected one measurement at a time (for tests, small inputs, and odd rows).

    The table reader (:mod:`sociaaldomein.io.table`) adds the rows its column
    checks leave to the scalar reader here; :meth:`MeasurementTable.from_measurements`
    and derived indicators (:mod:`sociaaldomein.core.engine.derived`) build
    their tables with it.
    """

    def __init__(self) -> None:
        self.row: list[int] = []
        self.indicator: list[str] = []
        self.subject: list[str] = []
        self.period: list[Period] = []
        self.value: list[Decimal | None] = []
        self.flag: list[bool | None] = []
        self.text: list[str | None] = []
        self.n: list[int | None] = []
        self.numerator: list[Decimal | None] = []
        self.denominator: list[Decimal | None] = []
        self.data_status: list[str] = []
        self.slice: list[Slice] = []
        self.source: list[str] = []
        self.note: list[str] = []
        self.unknown: list[str | None] = []
        self.forecast: list[Value | None] = []
        self.derived: list[bool | None] = []
        self.no_status: list[bool | None] = []

    def add_measurement(
        self, row: int, measurement: Measurement, measurement_type: MeasurementType
    ) -> None:
        """One row, its value (if known) and forecast validated by ``measurement_type``."""
        value = measurement.value_as(measurement_type) if measurement.known else None
        forecast = (
            None
            if measurement.forecast is None
            else measurement_type.validate(measurement.forecast)
        )
        self.add(row, measurement, value, forecast)

    def add(
        self,
        row: int,
        measurement: Measurement,
        value: Value | None,
        forecast: Value | None = None,
    ) -> None:
        """One row: ``value`` and ``forecast`` validated by the indicator's type."""
        self.row.append(row)
        self.indicator.append(measurement.indicator)
        self.subject.append(measurement.subject)
        self.period.append(measurement.period)
        self.flag.append(value if isinstance(value, bool) else None)
        self.text.append(value if isinstance(value, str) else None)
        self.value.append(
            None if value is None or isinstance(value, bool | str) else as_decimal(value)
        )
        self.n.append(measurement.n)
        self.numerator.append(measurement.numerator)
        self.denominator.append(measurement.denominator)
        self.data_status.append(measurement.status.value)
        self.slice.append(measurement.dimensions)
        self.source.append(measurement.source)
        self.note.append(measurement.note)
        self.unknown.append(None if measurement.known else measurement.unknown)
        self.forecast.append(forecast)
        given = measurement.value is not None or measurement.numerator is None
        self.derived.append(None if given else True)
        self.no_status.append(None if measurement.status_given else True)

    def frame(self) -> pl.DataFrame:
        """The rows, with ``period`` and ``slice`` still as Python objects (Object columns)."""
        import polars as pl

        data_status = pl.Enum(DATA_STATUSES)
        scale = decimal_scale(self.value)
        frame: pl.DataFrame
        fraction_scale = decimal_scale([*self.numerator, *self.denominator])
        frame = pl.DataFrame(
            {
                "row": pl.Series(self.row, dtype=pl.UInt32),
                "indicator": pl.Series(self.indicator, dtype=pl.String),
                "subject": pl.Series(self.subject, dtype=pl.String),
                "period": pl.Series(self.period, dtype=pl.Object),
                "slice": pl.Series(self.slice, dtype=pl.Object),
                "value": pl.Series(self.value, dtype=pl.Decimal(MAX_DIGITS, scale)),
                "flag": pl.Series(self.flag, dtype=pl.Boolean),
                "text": pl.Series(self.text, dtype=pl.String),
                "n": pl.Series(self.n, dtype=pl.Int64),
                "numerator": pl.Series(
                    self.numerator, dtype=pl.Decimal(MAX_DIGITS, fraction_scale)
                ),
                "denominator": pl.Series(
                    self.denominator, dtype=pl.Decimal(MAX_DIGITS, fraction_scale)
                ),
                "data_status": pl.Series(self.data_status, dtype=data_status),
                "source": pl.Series(self.source, dtype=pl.String),
                "note": pl.Series(self.note, dtype=pl.String),
            }
        )
        if any(u is not None for u in self.unknown) or any(f is not None for f in self.forecast):
            numbers = [
                None if f is None or isinstance(f, bool | str) else as_decimal(f)
                for f in self.forecast
            ]
            frame = frame.with_columns(
                pl.Series("unknown", self.unknown, dtype=pl.String),
                pl.Series(
                    "forecast", numbers, dtype=pl.Decimal(MAX_DIGITS, decimal_scale(numbers))
                ),
                pl.Series(
                    "forecast_flag",
                    [f if isinstance(f, bool) else None for f in self.forecast],
                    dtype=pl.Boolean,
                ),
                pl.Series(
                    "forecast_text",
                    [f if isinstance(f, str) else None for f in self.forecast],
                    dtype=pl.String,
                ),
            )
        if any(self.derived):
            frame = frame.with_columns(pl.Series("derived", self.derived, dtype=pl.Boolean))
        if any(self.no_status):
            frame = frame.with_columns(pl.Series("no_status", self.no_status, dtype=pl.Boolean))
        return frame

    def table(
        self, indicators: Sequence[Indicator], types: Mapping[str, MeasurementType]
    ) -> MeasurementTable:
        import polars as pl

        frame = self.frame()
        periods = sorted(set(self.period))
        period_index = {period: index for index, period in enumerate(periods)}
        slices = sorted({(), *self.slice})
        slice_index = {key: index for index, key in enumerate(slices)}
        frame = frame.with_columns(
            pl.Series("period", [period_index[p] for p in self.period], dtype=pl.UInt32),
            pl.Series("slice", [slice_index[s] for s in self.slice], dtype=pl.UInt32),
        )
        return assemble(frame, indicators, types, periods, slices)


def assemble(
    frame: pl.DataFrame,
    indicators: Sequence[Indicator],
    types: Mapping[str, MeasurementType],
    periods: Sequence[Period],
    slices: Sequence[Slice],
) -> MeasurementTable:
    """A table from a frame whose ``indicator`` and ``subject`` are still strings."""
    import polars as pl

    subjects = frame.get_column("subject").unique().drop_nulls().sort().to_list()
    frame = frame.with_columns(
        pl.col("indicator").cast(pl.Enum([i.id for i in indicators])),
        pl.col("subject").cast(pl.Enum(subjects)),
    )
    return MeasurementTable(
        frame, indicators=indicators, types=types, periods=periods, slices=slices
    )
