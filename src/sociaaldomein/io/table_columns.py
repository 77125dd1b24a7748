"""The column checks of the table reader: what polars read, checked as whole columns.

A row passes when every check vouches for it; the rest go to the scalar
reader (:mod:`sociaaldomein.io.table`). The checks follow
``sociaaldomein.io.loading.parse_measurements``: the same columns, the same
required cells, the same values per measurement type. Values are read as
text and a number passes only in the form whose text is its exact value, so
nothing the scalar reader reads differently (a Dutch decimal comma, a
thousands dot, an exponent, sixteen digits) can pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.io._rows import read_period
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import DataStatus
from sociaaldomein.model.measurement_type import MeasurementType, ValueKind
from sociaaldomein.model.period import Period
from sociaaldomein.table.measurements import MeasurementColumns, MeasurementTable, assemble
from sociaaldomein.table.schema import DATA_STATUSES, MAX_DIGITS, OPTIONAL_COLUMNS, Slice
from sociaaldomein.text.escape import restore_formula

if TYPE_CHECKING:
    import polars as pl

__all__ = ["Reader"]

# Cells the scalar reader would strip (str.strip: whitespace and \x1c-\x1f),
# and a formula the writer neutralised ('=...): the scalar reader reads these.
_ODD_TEXT = r"^[\s\x1c-\x1f']|[\s\x1c-\x1f]$"
# A count as the scalar reader's fast path reads it: digits only.
_WHOLE = r"^[0-9]{1,15}$"
# 1.234: a thousands dot or a decimal point, as the file's decimal mark says.
_AMBIGUOUS = r"^-?[1-9][0-9]{0,2}\.[0-9]{3}$"
_YES = ("ja", "yes", "true", "1")
_NO = ("nee", "no", "false", "0")
_NUMBER, _WHOLE_NUMBER, _AMOUNT, _YES_NO, _TEXT = range(5)


def _plain(scale: int) -> str:
    """A number with a decimal point and at most ``scale`` decimals, no exponent.

    With at most 15 digits in all (checked by length), ``float()`` of such a
    text is the text's own number, as the scalar reader reads it.
    """
    decimals = rf"(\.[0-9]{{1,{scale}}})?" if scale else ""
    return rf"^-?[0-9]{{1,15}}{decimals}$"


class Reader:
    """The column checks of one file, and the table of the rows that pass them.

    ``indicator``, ``subject``, ``period`` and ``value`` are read as
    categoricals, each with its own :class:`polars.Categories`, so their codes
    are dense: every check runs once per distinct cell, and rows only look
    their code up. ``texts`` gives those cells by code, as the scalar reader
    would see them (the reader of a CRLF file takes each first cell's LF off);
    a code no row has may repeat another's cell.
    """

    def __init__(
        self,
        frame: pl.DataFrame,
        texts: Mapping[str, pl.Series],
        indicators: list[Indicator],
        registry: Mapping[str, MeasurementType],
        point: bool = False,
    ) -> None:
        import polars as pl

        self.point = point  # the value column's decimal mark is a point: 1.234 is 1,234
        self.indicators = indicators
        self.registry = registry
        self.raw = frame.with_row_index("row")
        present = set(frame.columns)
        self.dimensions = sorted(c for c in frame.columns if c.startswith("dimension."))

        def column(name: str) -> pl.Expr:
            return pl.col(name) if name in present else pl.lit(None, dtype=pl.String)

        self.column = column
        self.texts = {
            name: texts[name] if name in present else pl.Series([], dtype=pl.String)
            for name in ("indicator", "subject", "period", "value")
        }
        self.ids = [i.id for i in indicators]
        type_of = [registry[i.measurement_type] for i in indicators]
        # Checks per kind of value (at most five), not per type: with many
        # distinct values, each kind costs a pass over them.
        self.kinds = sorted({_kind(t) for t in type_of})
        self.kind_of = [self.kinds.index(_kind(t)) for t in type_of]
        self.low = [None if t.minimum is None else float(t.minimum) for t in type_of]
        self.high = [None if t.maximum is None else float(t.maximum) for t in type_of]
        self.same_bounds = len(set(zip(self.low, self.high, strict=True))) <= 1
        self.periods: dict[str, Period] = {}
        for text in self.texts["period"].to_list():
            try:
                self.periods[text] = read_period(text)
            except SociaaldomeinError:
                continue
        self.subjects = sorted(set(self.texts["subject"].to_list()))
        self.period_list = sorted(set(self.periods.values()))
        values = self.texts["value"]
        self.scale = _decimals(values)
        self.fast = self._fast(self.scale)
        self.bad = (
            int(self.fast.get_column("_ok").not_().sum()) if "_ok" in self.fast.columns else 0
        )

    def _values(self, scale: int) -> pl.DataFrame:
        """Per kind of value and distinct value cell (kind-major): ok, number, flag."""
        import polars as pl

        value = pl.col("text")
        decimal = pl.Decimal(MAX_DIGITS, scale)
        plain = value.str.contains(_plain(scale)) & (
            value.str.len_bytes() - value.str.starts_with("-").cast(pl.UInt32) <= 16
        )
        lowered = value.str.to_lowercase()
        frames = []
        for kind in self.kinds:
            number = pl.lit(None, dtype=decimal)
            flag = pl.lit(None, dtype=pl.Boolean)
            if kind == _YES_NO:
                ok = lowered.is_in([*_YES, *_NO])
                flag = lowered.is_in(_YES)
            elif kind == _TEXT:
                ok = (value.str.len_bytes() > 0) & ~value.str.contains(_ODD_TEXT)
            else:
                # 1.234 with no decimal mark known: the scalar reader's (it names the cell).
                clear = plain if self.point else plain & ~value.str.contains(_AMBIGUOUS)
                ok = value.str.contains(_WHOLE) if kind == _WHOLE_NUMBER else clear
                if self.same_bounds:
                    ok = ok & self._bounded(value.cast(pl.Float64, strict=False), None)
                number = pl.when(ok).then(value.cast(decimal, strict=False))
            frames.append(
                pl.DataFrame({"text": self.texts["value"]}).select(
                    ok=ok.fill_null(False), number=number, flag=flag
                )
            )
        return pl.concat(frames)

    def _bounded(self, x: pl.Expr, indicator: pl.Expr | None) -> pl.Expr:
        """Within the type's bounds, compared as floats (as ``MeasurementType.validate`` does).

        ``indicator`` None: every indicator has the same bounds, so they are
        checked once per distinct value rather than once per row.
        """
        import polars as pl

        checks = pl.lit(True)
        for bounds, compare in ((self.low, x.__ge__), (self.high, x.__le__)):
            if set(bounds) == {None}:
                continue
            if indicator is None:
                checks = checks & compare(bounds[0])
                continue
            limit = pl.lit(pl.Series(bounds, dtype=pl.Float64)).gather(indicator.to_physical())
            checks = checks & (limit.is_null() | compare(limit))
        return checks

    def _fast(self, scale: int) -> pl.DataFrame:
        """Every row, with ``_ok`` saying whether the column checks vouch for it.

        A check that every distinct cell of its column passes, in a column
        without empty cells, vouches for every row at once: then ``_ok`` is
        left out, and so is the per-row look-up.
        """
        import polars as pl

        column = self.column
        texts = self.texts
        present = self.raw.columns

        def look_up(name: str, table: pl.Series, key: pl.Expr | None = None) -> pl.Expr:
            code = column(name).to_physical() if key is None else key
            return pl.lit(table).gather(code)

        def every_row(name: str, passed: pl.Series) -> bool:
            """Whether ``passed`` (per distinct cell of ``name``) vouches for every row."""
            cells = self.raw.get_column(name) if name in present else None
            return bool(
                cells is not None and not cells.null_count() and passed.all(ignore_nulls=False)
            )

        def empty(name: str) -> bool:
            return self.raw.get_column(name).null_count() == self.raw.height

        ids = pl.Enum(self.ids)
        indicators = texts["indicator"].cast(ids, strict=False)
        indicator = look_up("indicator", indicators)
        kind_code = pl.Series(self.kind_of, dtype=pl.UInt32)
        code = indicator.to_physical()
        kind = (
            pl.lit(0, dtype=pl.UInt32) if len(self.kinds) == 1 else pl.lit(kind_code).gather(code)
        )
        value_code = column("value").to_physical()
        # Kind-major: with one kind of value, the value's own code (an unknown
        # indicator fails its own check).
        value_key = (
            (value_code if len(self.kinds) == 1 else kind * len(texts["value"]) + value_code)
            if "value" in present
            else pl.lit(None, dtype=pl.UInt32)
        )
        values = self._values(scale)
        value_ok: pl.Expr | None = look_up("value", values.get_column("ok"), value_key)
        if "value" in present and not self.same_bounds:
            x = pl.lit(texts["value"].cast(pl.Float64, strict=False)).gather(value_code)
            value_ok = look_up("value", values.get_column("ok"), value_key) & self._bounded(
                x, indicator
            )
        elif every_row("value", values.get_column("ok")):
            value_ok = None
        number = pl.lit(None, dtype=pl.Decimal(MAX_DIGITS, scale))
        extra: dict[str, pl.Expr] = {
            "_number": look_up("value", values.get_column("number"), value_key)
            if {_NUMBER, _WHOLE_NUMBER, _AMOUNT} & set(self.kinds)
            else number,
            "_flag": look_up("value", values.get_column("flag"), value_key)
            if _YES_NO in self.kinds
            else pl.lit(None, dtype=pl.Boolean),
            "_text": pl.lit(None, dtype=pl.String),
        }
        if _TEXT in self.kinds:
            text = self.kinds.index(_TEXT)
            extra["_text"] = pl.when(kind == text).then(look_up("value", texts["value"]))
        subjects = pl.Enum(self.subjects)
        good_subjects = pl.Series(
            [None if not t or _odd(t) else t for t in texts["subject"].to_list()],
            dtype=pl.String,
        )
        position = {period: index for index, period in enumerate(self.period_list)}
        periods = pl.Series(
            [position[self.periods[t]] if t in self.periods else None for t in texts["period"]],
            dtype=pl.UInt32,
        )
        extra["_indicator"] = indicator
        extra["_subject"] = look_up("subject", texts["subject"].cast(subjects))
        extra["_period"] = look_up("period", periods)
        checks = [
            None if every_row("indicator", indicators.is_not_null()) else indicator.is_not_null(),
            None
            if every_row("subject", good_subjects.is_not_null())
            else look_up("subject", good_subjects).is_not_null(),
            None if every_row("period", periods.is_not_null()) else extra["_period"].is_not_null(),
            value_ok,
            *(
                column(name).is_null()
                # Rare: a fraction, a value not known, a forecast; the scalar reader reads them.
                for name in ("numerator", "denominator", "unknown", "forecast")
                if name in present and not empty(name)
            ),
            column("n").is_null() | column("n").str.contains(r"^[0-9]{1,15}$")
            if "n" in present and not empty("n")
            else None,
            column("status").is_null() | column("status").is_in(DATA_STATUSES)
            if "status" in present and not empty("status")
            else None,
            *(
                column(name).is_null() | ~column(name).str.contains(_ODD_TEXT)
                for name in ("source", "note", *self.dimensions)
                if name in present and not empty(name)
            ),
        ]
        vouched = [c.fill_null(False) for c in checks if c is not None]
        ok = {"_ok": pl.all_horizontal(*vouched)} if vouched else {}
        kept = {
            "n": column("n").cast(pl.Int64, strict=False),
            "data_status": column("status")
            .fill_null(DataStatus.DEFINITIVE.value)
            .cast(pl.Enum(DATA_STATUSES), strict=False),
            # Judged as definitive, but marked: the report says no status was given.
            "no_status": pl.when(column("status").is_null()).then(True),
            # Absent or empty: null, read as "" (no column of a million empty texts).
            "source": column("source"),
            "note": column("note"),
            **{
                name: pl.when(pl.col(name).str.len_bytes() > 0).then(pl.col(name))
                for name in self.dimensions
            },
        }
        # Lazily, so that polars computes the parts the checks share once.
        return (
            self.raw.lazy().select(pl.col("row").cast(pl.UInt32), **extra, **kept, **ok).collect()
        )

    def slow_rows(self) -> pl.DataFrame:
        """The rows the column checks leave to the scalar reader (their cells: ``texts``)."""
        return self.raw.filter(~self.fast.get_column("_ok")) if self.bad else self.raw.clear()

    def table(self, slow: MeasurementColumns) -> MeasurementTable:
        """The table of the rows that passed, and of ``slow``, read by the scalar reader."""
        import polars as pl

        rows = self.fast.filter(pl.col("_ok")) if self.bad else self.fast
        slow_frame = slow.frame()
        periods = sorted({*self.period_list, *slow.period})
        slices, slice_key = self._slices(rows, slow.slice)
        if self.dimensions:
            rows = rows.join(
                self.slice_index,
                on=self.dimensions,
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
            moved = pl.Series([index[p] for p in self.period_list], dtype=pl.UInt32)
            keys = [
                pl.col("_indicator").cast(pl.String).alias("indicator"),
                pl.col("_subject").cast(pl.String).alias("subject"),
                pl.lit(moved).gather(pl.col("_period")).alias("period"),
            ]
        else:
            keys = [
                pl.col("_indicator").alias("indicator"),
                pl.col("_subject").alias("subject"),
                pl.col("_period").alias("period"),
            ]
        fast = rows.select(
            "row",
            *keys,
            slice_key.alias("slice"),
            pl.col("_number").cast(pl.Decimal(MAX_DIGITS, scale)).alias("value"),
            pl.col("_flag").alias("flag"),
            pl.col("_text").alias("text"),
            "n",
            pl.lit(None, dtype=slow_frame.schema["numerator"]).alias("numerator"),
            pl.lit(None, dtype=slow_frame.schema["denominator"]).alias("denominator"),
            "data_status",
            "source",
            "note",
            "no_status",
        )
        if not fast.get_column("no_status").any():
            fast = fast.drop("no_status")  # as a table of objects has it: absent, not all null
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
        # Diagonally: the slow rows may bring the columns of values not known and forecasts.
        optional = [
            name
            for name in OPTIONAL_COLUMNS
            if name in slow_frame.columns and name not in fast.columns
        ]
        shared = [name for name in fast.columns if name in slow_frame.columns]
        fast = pl.concat([fast, slow_frame.select(*shared, *optional)], how="diagonal_relaxed")
        return assemble(fast.sort("row"), self.indicators, self.registry, periods, slices)

    def _slices(self, rows: pl.DataFrame, others: list[Slice]) -> tuple[list[Slice], pl.Expr]:
        """Every slice, sorted, and each row's index into them."""
        import polars as pl

        if not self.dimensions:
            return sorted({(), *others}), pl.lit(0, dtype=pl.UInt32)
        found = rows.select(self.dimensions).unique()
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


def _decimals(texts: pl.Series) -> int:
    """The most decimals a plain number (see ``_plain``) among ``texts`` has."""
    import polars as pl

    value = pl.col("text")
    decimals = value.str.len_bytes() - value.str.find(".", literal=True) - 1
    found = pl.DataFrame({"text": texts}).select(
        pl.when(value.str.contains(_plain(15))).then(decimals).max()
    )
    return int(found.item() or 0)


def _odd(text: str) -> bool:
    """Whether the scalar reader reads ``text`` (a category) otherwise than as it is."""
    return text != text.strip() or restore_formula(text) != text


def _kind(measurement_type: MeasurementType) -> int:
    if measurement_type.kind is ValueKind.YES_NO:
        return _YES_NO
    if measurement_type.kind is ValueKind.TEXT:
        return _TEXT
    if measurement_type.integral:
        return _WHOLE_NUMBER
    return _AMOUNT if measurement_type.exact else _NUMBER
