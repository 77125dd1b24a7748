"""Cumulative and year-to-date values on columns.

The rules are those of :func:`~sociaaldomein.core.aggregation.accumulate`.

Each part of a year (a quarter, a month) of an indicator with an
``accumulation`` becomes the stretch from 1 January to its end (the whole
year once the year is reached): with ``sum`` its value is the running sum
of the series within the year (a cumulative sum over a group-by), and from
the first part whose value is not known, or that follows a stretch no part
covers, every later one is not known either, naming that part or stretch;
with ``running_total`` the value stays as it is.
A year with a measurement of the whole year keeps only that; periods that
span years are kept as they are. What is worked out per period (its year,
its year-to-date period, its Dutch name) is done once per distinct period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model.indicator import Accumulation, Indicator
from sociaaldomein.model.measurement import DataStatus
from sociaaldomein.model.period import Period
from sociaaldomein.table.measurements import MeasurementTable
from sociaaldomein.table.schema import DATA_STATUSES, with_optional_columns
from sociaaldomein.text.language import _

if TYPE_CHECKING:
    import polars as pl

__all__ = ["accumulate_rows"]


def accumulate_rows(
    table: MeasurementTable,
    indicators: Sequence[Indicator | None],
    *,
    apart: Collection[str] = (),
) -> MeasurementTable:
    """``table`` with the rows of accumulating indicators as year-to-date values.

    :param apart: reference subjects kept apart; where they have overlapping
        parts too, the error names a judged subject's first (as ``evaluate_all``).
    :raises InvalidValueError: ``sum`` for a type whose values do not add up,
        or parts of one year that overlap (they would count twice).
    """
    import polars as pl

    sums = [code for code, i in enumerate(indicators) if i and i.accumulation is Accumulation.SUM]
    totals = [
        code
        for code, i in enumerate(indicators)
        if i and i.accumulation is Accumulation.RUNNING_TOTAL
    ]
    if not sums and not totals:
        return table
    for code in sums:
        measurement_type = table.types[table.indicators[code].id]
        if not measurement_type.additive:
            raise InvalidValueError(
                _(
                    "{name}-waarden tellen niet op: accumulation 'sum' vraagt om een aantal,"
                    " bedrag of uren; gebruik 'running_total' voor cijfers tot nu toe in het jaar"
                ).format(name=measurement_type.name)
            )
    old = table.periods
    to_date = [_to_date(period) for period in old]
    periods = sorted({*old, *(p for p in to_date if p is not None)})
    index = {period: number for number, period in enumerate(periods)}

    def lookup(values: list[object], dtype: object, by: str = "period") -> pl.Expr:
        return pl.lit(pl.Series(values, dtype=dtype)).gather(pl.col(by))  # type: ignore[arg-type]

    frame = with_optional_columns(table.frame)
    physical = pl.col("indicator").to_physical()
    accumulating = physical.is_in([*sums, *totals])
    rest = frame.filter(~accumulating)
    rows = frame.filter(accumulating).with_columns(
        _year=lookup([None if p is None else p.end.year for p in to_date], pl.Int32),
        _whole=lookup([p.kind == "year" for p in old], pl.Boolean),
        _start=lookup([p.start for p in old], pl.Date),
        _end=lookup([p.end for p in old], pl.Date),
        _dutch=lookup([p.dutch() for p in old], pl.String),
        _sum=physical.is_in(sums),
    )
    group = ["indicator", "subject", "slice", "_year"]
    spans = pl.col("_year").is_null()
    rows = rows.filter(spans | pl.col("_whole") | ~pl.col("_whole").any().over(group))
    parts = rows.filter(~spans & ~pl.col("_whole")).sort([*group, "_start", "_end", "row"])
    _check_overlaps(parts, group, table, apart)
    parts = _with_gaps(parts, group)
    known = pl.col("unknown").is_null()
    dutch = pl.col("_dutch")
    seen = ((~known) | pl.col("_gap").is_not_null()).cum_sum().over(group) > 0
    why = (
        pl.when(pl.col("_gap").is_not_null())
        .then(pl.col("_gap"))
        .when(~known)
        .then(
            pl.concat_str(
                dutch,
                pl.lit(": "),
                pl.when(pl.col("unknown") == "")
                .then(pl.lit(_("geen waarde")))
                .otherwise("unknown"),
            )
        )
    )
    status = pl.col("data_status").to_physical().cum_min().over(group)
    # Translated once, filled per row: "t/m {period}" around the period's words.
    before, _period, after = _("t/m {period}").partition("{period}")
    # "Definitief" only where every part said so (as status_of_whole has it).
    unstated = (status == DATA_STATUSES.index(DataStatus.DEFINITIVE.value)) & pl.col(
        "no_status"
    ).fill_null(False).cum_max().over(group)
    summed = parts.with_columns(
        period=lookup([None if p is None else index[p] for p in to_date], pl.UInt32),
        note=pl.when(pl.col("_sum") | (pl.col("note").fill_null("") == ""))
        .then(pl.concat_str(pl.lit(before), dutch, pl.lit(after)))
        .otherwise(pl.col("note")),
    ).with_columns(
        pl.when(pl.col("_sum"))
        .then(pl.when(~seen).then(pl.col("value").cum_sum().over(group)))
        .otherwise(pl.col("value"))
        .alias("value"),
        pl.when(pl.col("_sum"))
        .then(pl.when(seen).then(why.drop_nulls().first().over(group)))
        .otherwise(pl.col("unknown"))
        .alias("unknown"),
        pl.when(pl.col("_sum"))
        .then(pl.lit(pl.Series(DATA_STATUSES)).gather(status))
        .otherwise(pl.col("data_status").cast(pl.String))
        .cast(pl.Enum(DATA_STATUSES))
        .alias("data_status"),
        pl.when(pl.col("_sum"))
        .then(pl.when(unstated).then(True))
        .otherwise(pl.col("no_status"))
        .alias("no_status"),
        *(
            pl.when(pl.col("_sum")).then(None).otherwise(pl.col(name)).alias(name)
            for name in ("n", "numerator", "denominator", *_FORECAST)
        ),
        pl.when(pl.col("_sum") & seen).then(None).otherwise(pl.col("source")).alias("source"),
    )
    kept = rows.filter(spans | pl.col("_whole"))
    remap = pl.lit(pl.Series([index[p] for p in old], dtype=pl.UInt32)).gather(pl.col("period"))
    columns = frame.columns
    frame = pl.concat(
        [
            rest.with_columns(period=remap),
            kept.with_columns(period=remap).select(columns),
            summed.select(columns),
        ]
    ).sort("row")
    by_name = {i.measurement_type: table.types[i.id] for i in table.indicators}
    return MeasurementTable(
        frame,
        indicators=table.indicators,
        types=by_name,
        periods=periods,
        slices=table.slices,
    )


_FORECAST = ("forecast", "forecast_flag", "forecast_text")


def _to_date(period: Period) -> Period | None:
    """The stretch from 1 January to the end of ``period``; None where it spans years."""
    if period.start.year != period.end.year:
        return None
    year = Period.year(period.end.year)
    return year if period.end == year.end else Period(year.start, period.end)


def _with_gaps(parts: pl.DataFrame, group: list[str]) -> pl.DataFrame:
    """``parts`` with ``_gap``: for a sum, the stretch before a part that no part covers.

    ``"2e kwartaal 2024 ontbreekt"`` on the part after the gap, null
    elsewhere (the rule of :func:`~sociaaldomein.core.aggregation.accumulate`).
    The gaps are named once each, in Python.
    """
    import polars as pl

    same = pl.all_horizontal(*(pl.col(k) == pl.col(k).shift(1) for k in group)).fill_null(False)
    covered = (
        pl.when(same)
        .then(pl.col("_end").shift(1) + pl.duration(days=1))
        .otherwise(pl.date(pl.col("_year"), 1, 1))
    )
    parts = parts.with_columns(_covered=covered)
    open_ = pl.col("_sum") & (pl.col("_start") > pl.col("_covered"))
    gaps = parts.filter(open_).select("_covered", "_start").unique()
    if not gaps.height:
        return parts.with_columns(_gap=pl.lit(None, dtype=pl.String)).drop("_covered")
    missing = _("{period} ontbreekt")
    names = gaps.with_columns(
        _gap=pl.Series(
            [
                missing.format(period=Period(covered, start - dt.timedelta(days=1)).dutch())
                for covered, start in gaps.iter_rows()
            ],
            dtype=pl.String,
        )
    )
    joined = parts.join(names, on=["_covered", "_start"], how="left", maintain_order="left")
    return joined.with_columns(pl.when(open_).then(pl.col("_gap")).alias("_gap")).drop("_covered")


def _check_overlaps(
    parts: pl.DataFrame, group: list[str], table: MeasurementTable, apart: Collection[str]
) -> None:
    import polars as pl

    same = pl.all_horizontal(*(pl.col(k) == pl.col(k).shift(1) for k in group)).fill_null(False)
    clash = parts.with_row_index("_at").filter(same & (pl.col("_start") <= pl.col("_end").shift(1)))
    if clash.height and apart:
        # Per indicator, the judged subjects' series before those kept apart.
        subjects = table.frame.schema["subject"].categories  # type: ignore[attr-defined]
        codes = [code for code, name in enumerate(subjects) if name in apart]
        order = [
            pl.col("indicator").to_physical(),
            pl.col("subject").to_physical().is_in(codes),
        ]
        clash = clash.sort(order, maintain_order=True)
    if clash.height:
        at = clash.get_column("_at")[0]
        earlier, later = parts.row(at - 1, named=True), parts.row(at, named=True)
        raise InvalidValueError(
            _(
                "{indicator} voor {subject}: {earlier} en {later} overlappen, dus een waarde tot"
                " nu toe in het jaar zou ze twee keer tellen"
            ).format(
                indicator=later["indicator"],
                subject=later["subject"],
                earlier=table.periods[earlier["period"]],
                later=table.periods[later["period"]],
            )
        )
