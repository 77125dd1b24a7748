"""The column checks of the table reader: what polars read, checked as whole columns.

A row passes when every check vouches for it; the rest go to the scalar
reader (:mod:`sociaaldomein.app.table`). The checks follow
``sociaaldomein.io.loading.parse_measurements``: the same columns, the same
required cells, the same values per measurement type.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from sociaaldomein.core.engine.table import (
    DATA_STATUSES,
    MAX_DIGITS,
    MeasurementTable,
    Slice,
    _Columns,
    assemble,
)
from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import DataStatus
from sociaaldomein.model.measurement_type import MeasurementType, ValueKind
from sociaaldomein.model.period import Period

if TYPE_CHECKING:
    import polars as pl

__all__ = ["Reader"]

# Numbers whose text is their exact value: at most 15 digits, so that the
# float the scalar reader makes of them prints as the same number.
_PLAIN = r"^[+-]?[0-9]{1,15}(\.[0-9]{1,15})?$"
_WHOLE = r"^[+-]?[0-9]{1,18}$"
# Cells the scalar reader would strip (str.strip: whitespace and \x1c-\x1f).
_PADDED = r"^[\s\x1c-\x1f]|[\s\x1c-\x1f]$"
_ONLY_COMMAS = re.compile(rb"(?m)^,+\r?$")
_BLANK = re.compile(rb"\s*")
_YES = ("ja", "yes", "true", "1")
_NO = ("nee", "no", "false", "0")
_NUMBER, _WHOLE_NUMBER, _YES_NO, _TEXT = range(4)


class Reader:
    """The column checks of one file, and the table of the rows that pass them."""

    def __init__(
        self,
        frame: pl.DataFrame,
        indicators: list[Indicator],
        registry: Mapping[str, MeasurementType],
    ) -> None:
        import polars as pl

        self.indicators = indicators
        self.registry = registry
        self.raw = frame.with_row_index("row")
        present = set(frame.columns)
        self.dimensions = sorted(c for c in frame.columns if c.startswith("dimension."))

        def column(name: str) -> pl.Expr:
            return pl.col(name) if name in present else pl.lit(None, dtype=pl.String)

        self.column = column
        type_of = [registry[i.measurement_type] for i in indicators]
        self.ids = [i.id for i in indicators]
        self.kind = [_kind(t) for t in type_of]
        self.low = [t.minimum for t in type_of]
        self.high = [t.maximum for t in type_of]
        self.periods: dict[str, Period] = {}
        for text in _texts(self.raw, "period"):
            try:
                self.periods[text] = Period.parse(text)
            except SociaaldomeinError:
                continue
        self.subjects = sorted(_texts(self.raw, "subject"))
        self.period_list = sorted(set(self.periods.values()))
        self.fast = self._fast(None)
        self.bad = int(self.fast.get_column("_ok").not_().sum())
        if self.bad:
            # Numbers with more decimals than the first rows had: check at their scale.
            scale = self._scale(self.fast.filter(~pl.col("_ok")))
            if scale > self.scale:
                self.fast = self._fast(scale)
                self.bad = int(self.fast.get_column("_ok").not_().sum())

    def _number(self, frame: pl.DataFrame) -> tuple[pl.Expr, pl.Expr]:
        """The value as a float, and whether the row's indicator is numeric."""
        import polars as pl

        value = self.column("value")
        is_number = pl.col("_kind").is_in([_NUMBER, _WHOLE_NUMBER])
        if frame.schema.get("value") == pl.Float64:
            return value, is_number
        x = pl.when(value.str.contains(_PLAIN)).then(value.cast(pl.Float64, strict=False))
        return x, is_number

    def _scale(self, frame: pl.DataFrame) -> int:
        x, is_number = self._number(frame)
        return _scale_of(frame, x, is_number)

    def _fast(self, scale: int | None) -> pl.DataFrame:
        """Every row, with ``_ok`` saying whether the column checks vouch for it."""
        import polars as pl

        column = self.column
        code = column("indicator").cast(pl.Enum(self.ids), strict=False).to_physical()
        kinds = set(self.kind)
        if len(kinds) == 1:
            kind_of_row = pl.lit(self.kind[0], dtype=pl.UInt8)
        else:
            kind_of_row = pl.lit(pl.Series(self.kind, dtype=pl.UInt8)).gather(pl.col("_code"))
        frame = self.raw.with_columns(_code=code).with_columns(_kind=kind_of_row)
        value = column("value")
        x, is_number = self._number(frame)
        if scale is None:
            scale = _scale_of(frame.head(10_000), x, is_number)
        self.scale = scale
        exact = _exact_at(x, scale) & x.is_finite()
        if _WHOLE_NUMBER in kinds:
            exact = exact & pl.when(pl.col("_kind") == _WHOLE_NUMBER).then(
                (x == x.round()) & (x.abs() < 2.0**53)
            ).otherwise(True)
        # The same cast as in the exactness check (computed once); rows that
        # fail a check are read by the scalar reader instead.
        number = x.cast(pl.Decimal(MAX_DIGITS, scale), strict=False)
        value_ok = is_number & exact & self._bounded(x, pl.col("_code"))
        extra: dict[str, pl.Expr] = {}
        if _YES_NO in kinds:
            lowered = value.str.to_lowercase()
            value_ok = value_ok | ((pl.col("_kind") == _YES_NO) & lowered.is_in([*_YES, *_NO]))
            extra["_flag"] = pl.when(pl.col("_kind") == _YES_NO).then(lowered.is_in(_YES))
        else:
            extra["_flag"] = pl.lit(None, dtype=pl.Boolean)
        if _TEXT in kinds:
            value_ok = value_ok | (
                (pl.col("_kind") == _TEXT)
                & (value.str.len_bytes() > 0)
                & ~value.str.contains(_PADDED)
            )
            extra["_text"] = pl.when(pl.col("_kind") == _TEXT).then(value)
        else:
            extra["_text"] = pl.lit(None, dtype=pl.String)
        bad_subjects = [t for t in self.subjects if not t or t != t.strip()]
        checks = [
            pl.col("_code").is_not_null(),
            column("subject").is_not_null(),
            ~column("subject").cast(pl.String).is_in(bad_subjects) if bad_subjects else None,
            column("period").cast(pl.Enum(list(self.periods)), strict=False).is_not_null(),
            value_ok,
            *(
                column(name).is_null()
                for name in ("numerator", "denominator")  # rare: the scalar reader reads them
                if name in frame.columns
            ),
            column("n").is_null() | column("n").str.contains(r"^[0-9]{1,18}$")
            if "n" in frame.columns
            else None,
            column("status").is_null() | column("status").is_in(DATA_STATUSES)
            if "status" in frame.columns
            else None,
            *(
                column(name).is_null() | ~column(name).str.contains(_PADDED)
                for name in ("source", "note", *self.dimensions)
                if name in frame.columns
            ),
        ]
        ok = pl.all_horizontal(*(c.fill_null(False) for c in checks if c is not None))
        # Lazily, so that polars computes the parts the checks share once.
        # The keys as the table keeps them, in the same query.
        position = {period: index for index, period in enumerate(self.period_list)}
        texts = list(self.periods)
        extra["_indicator"] = column("indicator").cast(pl.Enum(self.ids), strict=False)
        extra["_subject"] = column("subject").cast(pl.Enum(self.subjects), strict=False)
        extra["_period"] = pl.lit(
            pl.Series([position[self.periods[t]] for t in texts], dtype=pl.UInt32)
        ).gather(column("period").cast(pl.Enum(texts), strict=False).to_physical())
        return frame.lazy().with_columns(_ok=ok, _number=number, **extra).collect()

    def _bounded(self, x: pl.Expr, code: pl.Expr) -> pl.Expr:
        """Within the type's bounds, compared as floats (as ``MeasurementType.validate`` does)."""
        import polars as pl

        checks = pl.lit(True)
        for bounds, compare in ((self.low, x.__ge__), (self.high, x.__le__)):
            floats = [None if b is None else float(b) for b in bounds]
            if set(floats) == {None}:
                continue
            if len(set(floats)) == 1:
                # One type (or one bound) for every indicator: a constant, not a lookup.
                checks = checks & compare(floats[0])
                continue
            limit = pl.lit(pl.Series(floats, dtype=pl.Float64)).gather(code)
            checks = checks & (limit.is_null() | compare(limit))
        return checks

    def slow_rows(self) -> pl.DataFrame:
        """The rows the column checks leave to the scalar reader, as their cells."""
        import polars as pl

        if not self.bad:
            return self.fast.clear().select("row")
        return self.fast.filter(~pl.col("_ok")).select(
            "row", *(c for c in self.raw.columns if c != "row")
        )

    def table(self, slow: _Columns) -> MeasurementTable:
        """The table of the rows that passed, and of ``slow``, read by the scalar reader."""
        import polars as pl

        column = self.column
        rows = self.fast.filter(pl.col("_ok")) if self.bad else self.fast
        slow_frame = slow.frame()
        periods = sorted({*self.period_list, *slow.period})
        slices, slice_key = self._slices(rows, slow.slice)
        if self.dimensions:
            rows = rows.with_columns(
                pl.when(pl.col(name).str.len_bytes() > 0).then(pl.col(name)).alias(f"_{name}")
                for name in self.dimensions
            ).join(
                self.slice_index.rename({name: f"_{name}" for name in self.dimensions}),
                on=[f"_{name}" for name in self.dimensions],
                how="left",
                maintain_order="left",
                nulls_equal=True,
            )
        scale = max(
            int(rows.schema["_number"].scale),  # type: ignore[attr-defined]
            int(slow_frame.schema["value"].scale),  # type: ignore[attr-defined]
        )
        if slow.row:
            # New periods or subjects may come with the slow rows: index them again.
            index = {period: number for number, period in enumerate(periods)}
            texts = list(self.periods)
            keys = [
                pl.col("indicator").cast(pl.String),
                pl.col("subject").cast(pl.String),
                pl.lit(pl.Series([index[self.periods[t]] for t in texts], dtype=pl.UInt32))
                .gather(pl.col("period").cast(pl.Enum(texts)).to_physical())
                .alias("period"),
            ]
        else:
            keys = [
                pl.col("_indicator").alias("indicator"),
                pl.col("_subject").alias("subject"),
                pl.col("_period").alias("period"),
            ]
        fast = (
            rows.lazy()
            .select(
                pl.col("row").cast(pl.UInt32),
                *keys,
                slice_key.alias("slice"),
                pl.col("_number").cast(pl.Decimal(MAX_DIGITS, scale)).alias("value"),
                pl.col("_flag").alias("flag"),
                pl.col("_text").alias("text"),
                column("n").cast(pl.Int64).alias("n"),
                pl.lit(None, dtype=slow_frame.schema["numerator"]).alias("numerator"),
                pl.lit(None, dtype=slow_frame.schema["denominator"]).alias("denominator"),
                column("status")
                .fill_null(DataStatus.DEFINITIVE.value)
                .cast(pl.Enum(DATA_STATUSES))
                .alias("data_status"),
                # Absent or empty: null, read as "" (no column of a million empty texts).
                column("source").alias("source"),
                column("note").alias("note"),
            )
            .collect()
        )
        if not slow.row:
            return MeasurementTable(
                fast,
                indicators=self.indicators,
                types=self.registry,
                periods=periods,
                slices=slices,
            )
        slice_index = {key: number for number, key in enumerate(slices)}
        period_index = {period: number for number, period in enumerate(periods)}
        slow_frame = slow_frame.with_columns(
            pl.Series("period", [period_index[p] for p in slow.period], dtype=pl.UInt32),
            pl.Series("slice", [slice_index[s] for s in slow.slice], dtype=pl.UInt32),
            pl.col("value").cast(pl.Decimal(MAX_DIGITS, scale)),
        )
        fast = pl.concat([fast, slow_frame.select(fast.columns)], how="vertical_relaxed")
        return assemble(fast.sort("row"), self.indicators, self.registry, periods, slices)

    def _slices(self, rows: pl.DataFrame, others: list[Slice]) -> tuple[list[Slice], pl.Expr]:
        """Every slice, sorted, and each row's index into them."""
        import polars as pl

        if not self.dimensions:
            return sorted({(), *others}), pl.lit(0, dtype=pl.UInt32)
        cells = [
            pl.when(pl.col(name).str.len_bytes() > 0).then(pl.col(name)).alias(name)
            for name in self.dimensions
        ]
        found = rows.select(cells).unique()
        keys = [
            tuple(
                (name.removeprefix("dimension."), value)
                for name, value in zip(self.dimensions, cells_of_row, strict=True)
                if value is not None
            )
            for cells_of_row in found.iter_rows()
        ]
        slices = sorted({(), *others, *keys})
        index = {key: number for number, key in enumerate(slices)}
        self.slice_index = found.with_columns(
            _slice=pl.Series([index[key] for key in keys], dtype=pl.UInt32)
        )
        return slices, pl.col("_slice")


def _texts(frame: pl.DataFrame, name: str) -> list[str]:
    """The distinct texts of a (categorical) column."""
    import polars as pl

    return frame.get_column(name).drop_nulls().unique().cast(pl.String).to_list()


def _scale_of(frame: pl.DataFrame, x: pl.Expr, rows: pl.Expr) -> int:
    """The fewest decimals that give each number in ``x`` back exactly (at most 12).

    A float read from text with at most 15 digits is the float nearest to
    the text's own number of k decimals; that decimal is what ``repr``, and so
    the scalar reader, make of it.
    """
    for scale in range(13):
        if frame.select((_exact_at(x, scale) | ~rows).fill_null(True).all()).item():
            break
    return scale


def _exact_at(x: pl.Expr, scale: int) -> pl.Expr:
    import polars as pl

    # Small enough that no two numbers of ``scale`` decimals are one float,
    # and the number of ``scale`` decimals nearest to x gives x back.
    number = x.cast(pl.Decimal(MAX_DIGITS, scale), strict=False)
    return (x.abs() < 2.0**52 / 10.0**scale) & (number.cast(pl.Float64) == x)


def _kind(measurement_type: MeasurementType) -> int:
    if measurement_type.kind is ValueKind.YES_NO:
        return _YES_NO
    if measurement_type.kind is ValueKind.TEXT:
        return _TEXT
    return _WHOLE_NUMBER if measurement_type.integral else _NUMBER
