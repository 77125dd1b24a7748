"""Evaluation of a whole measurements table: the scalar rules, compiled once per kind.

The order and the semantics are those of
:func:`sociaaldomein.core.evaluation.evaluate_all`: per indicator (in the
given order), subject, slice and period; the baseline period itself is
compared with, not judged; ``previous`` is the latest known measurement
that ends before the period starts.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sociaaldomein.core.engine.accumulate import accumulate_rows
from sociaaldomein.core.engine.compared import References
from sociaaldomein.core.engine.derived import derive_rows
from sociaaldomein.core.engine.groups import GroupKey, group_values_table
from sociaaldomein.core.engine.plan import Plan, quantize
from sociaaldomein.core.engine.results import Results
from sociaaldomein.core.engine.schedules import Slots
from sociaaldomein.core.engine.status import outputs
from sociaaldomein.core.groups import GroupValue
from sociaaldomein.errors import UnknownNameError
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.period import Period
from sociaaldomein.model.reference_group import ReferenceGroup
from sociaaldomein.table.measurements import MeasurementTable
from sociaaldomein.table.schema import MAX_DIGITS, OPTIONAL_COLUMNS, with_optional_columns
from sociaaldomein.text.language import _
from sociaaldomein.text.suggest import unknown_name

if TYPE_CHECKING:
    import polars as pl

__all__ = ["evaluate_table"]


def evaluate_table(
    table: MeasurementTable,
    indicators: Iterable[Indicator] | None = None,
    *,
    references: Iterable[str] = (),
    groups: Iterable[ReferenceGroup] = (),
) -> Results:
    """Evaluate every measured period of every indicator, subject and slice in ``table``.

    Gives what :func:`~sociaaldomein.core.evaluation.evaluate_all` gives for
    the same measurements, every target kind compiled to columns: the target
    in force per period and slice (schedules, slice targets), reference
    targets against the reference subjects' values of the same period and
    slice, year-to-date values for an ``accumulation``, ``no_data`` with the
    reason for a value that is not known or only forecast. Derived
    indicators' values are computed by :func:`~sociaaldomein.core.derived.derive`
    from their inputs' rows (see :mod:`.derived`), then judged on columns.

    :param indicators: the indicators to judge by (default: the table's own);
        each measured indicator must be among them.
    :param references: subjects kept apart, as ``evaluate_all(references=...)``
        keeps their measurements: compared with where a target names them,
        never in the results.
    :param groups: reference groups, as ``evaluate_all(groups=...)`` takes
        them: a target naming one compares with its value from its
        members' rows (:func:`.groups.group_values_table`), the reason
        with its coverage.
    :raises UnknownNameError: the table measures an indicator not among ``indicators``.
    :raises InvalidValueError: values and targets together need more digits
        than a polars Decimal holds; formulas in a cycle or a derived
        indicator also measured; parts of a year that overlap under an accumulation.
    """
    given = table.indicators if indicators is None else tuple(indicators)
    by_id = {indicator.id: indicator for indicator in given}
    ordered = [by_id.get(indicator.id) for indicator in table.indicators]
    measured = table.frame.get_column("indicator").unique().to_list()
    missing = sorted(key for key in measured if key not in by_id)
    if missing:
        message = _("meting voor onbekende indicator {id}").format(id=repr(missing[0]))
        raise UnknownNameError(
            unknown_name(message, missing[0], by_id, known_as=_("bekende indicatoren"))
        )
    import polars as pl

    apart = set(references)
    table = accumulate_rows(derive_rows(table, ordered), ordered, apart=apart)
    named = {
        group.name: group
        for group in groups
        if any(i is not None and group.name in i.reference_subjects for i in ordered)
    }
    found = group_values_table(table, ordered, named) if named else {}
    slots = Slots(ordered, table.periods, table.slices)
    # The working scale holds the groups' values exactly, as it holds the table's.
    plan = Plan(
        table,
        ordered,
        slots.targets,
        references=[v.value for v in found.values() if v.value is not None],
    )
    subjects = table.frame.schema["subject"].categories  # type: ignore[attr-defined]
    compared = References(ordered, subjects, groups=named)
    # One lazy query, so that polars plans it whole and computes shared parts once.
    frame = _prepare(table, plan, compared).with_columns(slots.expression())
    frame = compared.join(
        frame.with_columns(**plan.columns()),
        _group_frame(table, plan, compared, found) if compared.groups else None,
    )
    if apart:
        codes = [code for code, subject in enumerate(subjects) if subject in apart]
        frame = frame.filter(~pl.col("subject").to_physical().is_in(codes))
    exact = plan.fraction_thresholds(frame)
    if exact:
        frame = frame.join(
            _exact_frame(exact, plan).lazy(),
            on=["_slot", "period"],
            how="left",
            maintain_order="left",
        )
    result = frame.select(*outputs(plan, compared, with_fractions=bool(exact))).collect()
    return Results(
        result,
        table=table,
        indicators=ordered,
        slots=slots.targets,
        references=compared.names,
        exact_thresholds=exact,
        scale=plan.scale if plan.integer else None,
        groups=named,
        group_values=found,
    )


def _group_frame(
    table: MeasurementTable,
    plan: Plan,
    compared: References,
    found: Mapping[GroupKey, GroupValue],
) -> pl.DataFrame:
    """The groups' values as ``_cmp`` columns by ``_ind``, ``slice`` and ``period``."""
    import polars as pl

    keys = sorted({(code, slice_, period) for _, code, slice_, period in found})
    columns: dict[str, Any] = {
        "_ind": pl.Series([k[0] for k in keys], dtype=pl.UInt32),
        "slice": pl.Series([k[1] for k in keys], dtype=table.frame.schema["slice"]),
        "period": pl.Series([k[2] for k in keys], dtype=table.frame.schema["period"]),
    }
    for name, column in compared.group_columns().items():
        values = [
            None if (value := found.get((name, *key))) is None else value.value for key in keys
        ]
        columns[column] = pl.Series(plan._numbers(values), dtype=plan.number)
    return pl.DataFrame(columns)


def _exact_frame(exact: dict[tuple[int, int], Decimal], plan: Plan) -> pl.DataFrame:
    import polars as pl

    keys = list(exact)
    shown = plan._numbers([quantize(exact[k], plan.scale) for k in keys])
    frame: pl.DataFrame = pl.DataFrame(
        {
            "_slot": pl.Series([k[0] for k in keys], dtype=pl.UInt32),
            "period": pl.Series([k[1] for k in keys], dtype=pl.UInt32),
            "_fraction": pl.Series(shown, dtype=plan.number),
        }
    )
    return frame


def _prepare(table: MeasurementTable, plan: Plan, references: References) -> pl.LazyFrame:
    """Rows sorted into series, with baseline and previous value; baseline rows dropped.

    Only known values are a baseline or a previous value; a reference
    subject's rows and rows without a value are all kept (they are shown).
    """
    import polars as pl

    if plan.integer:
        # The Decimal's own integer scaled up to the working scale, before
        # sorting: 64-bit integers move and shift faster than 128-bit Decimals.
        value = pl.col("value").to_physical().cast(pl.Int64) * 10 ** (plan.scale - table.scale)
        value_dtype: Any = pl.Int64
    else:
        value_dtype = pl.Decimal(MAX_DIGITS, plan.scale)
        value = pl.col("value").cast(value_dtype)
    source = with_optional_columns(table.frame)
    frame = source.lazy().select(
        "row",
        "indicator",
        "subject",
        "slice",
        "period",
        value.alias("value"),
        "flag",
        "text",
        "data_status",
        "n",
        *OPTIONAL_COLUMNS,
        _ind=pl.col("indicator").to_physical().cast(pl.UInt32),
        _known=pl.col("unknown").is_null(),
    )
    frame = frame.with_columns(references.is_reference())
    # One u64 key in the order of evaluate_all; a stable sort keeps reading order on ties.
    sizes = [
        len(table.indicators),
        len(table.frame.schema["subject"].categories),  # type: ignore[attr-defined]
        len(table.slices),
        len(table.periods),
    ]
    key_columns = [
        pl.col("_ind"),
        pl.col("subject").to_physical(),
        pl.col("slice"),
        pl.col("period"),
    ]
    order: pl.Expr = pl.lit(0, dtype=pl.UInt64)
    for size, column in zip(sizes, key_columns, strict=True):
        order = order * size + column.cast(pl.UInt64)
    frame = frame.sort(order, maintain_order=True)
    key = ["_ind", "subject", "slice"]
    start = pl.any_horizontal(*(pl.col(k) != pl.col(k).shift(1) for k in key)).fill_null(True)
    baseline_period = pl.Series(plan.baseline_periods, dtype=pl.Int64)
    frame = frame.with_columns(
        _start=start,
        _base=(pl.col("period").cast(pl.Int64) == pl.lit(baseline_period).gather(pl.col("_ind")))
        & pl.col("_known"),
    ).with_columns(_series=pl.col("_start").cum_sum())
    if not source.get_column("unknown").null_count():  # no value is known
        return frame.with_columns(
            previous=pl.lit(None, dtype=value_dtype),
            previous_period=pl.lit(None, dtype=source.schema["period"]),
            baseline=pl.lit(None, dtype=value_dtype),
        )
    frame = _with_previous(frame, table.periods)
    baselines = (
        frame.filter(pl.col("_base"))
        .group_by("_series", maintain_order=True)
        .agg(baseline=pl.col("value").first())
    )
    frame = frame.filter(~pl.col("_base") | pl.col("_refrow")).join(
        baselines, on="_series", how="left", maintain_order="left"
    )
    return frame


def _with_previous(frame: pl.LazyFrame, periods: Sequence[Period]) -> pl.LazyFrame:
    """``frame`` with the ``previous`` value and ``previous_period`` of every row.

    By the specification (:func:`sociaaldomein.core.evaluation._previous`):
    the latest known row of the same series (``_series``) whose period ends
    before the row's period starts; of two ending together the longer, of
    one period twice the later row. ``frame`` is sorted by series, then
    period (by start), then reading order.
    """
    import polars as pl

    known = pl.col("_known")
    if all(a.end < b.start for a, b in itertools.pairwise(periods)):
        # No period overlaps another (years only, say): every row before this
        # period's rows in the series ended before it started, and the last
        # known one ended last.
        index = pl.int_range(pl.len(), dtype=pl.Int64)
        before = pl.when(known).then(index).shift(1).forward_fill()
        first_of_period = pl.col("_start") | (pl.col("period") != pl.col("period").shift(1))
        before = pl.when(first_of_period).then(before).forward_fill()
        first = pl.when(pl.col("_start")).then(index).forward_fill()
        found = (before >= first).fill_null(False)
        at = before.fill_null(0)
        return frame.with_columns(
            previous=pl.when(found).then(pl.col("value").gather(at)),
            previous_period=pl.when(found).then(pl.col("period").gather(at)),
        )
    # Periods ranked by end, then length, make "ends before this period
    # starts" a prefix of ranks (``limit``): each row looks its previous row
    # up among the known rows' keys ``series * len(periods) + rank``.
    by_end = sorted(range(len(periods)), key=lambda i: (periods[i].end, periods[i].days))
    rank = [0] * len(periods)
    for position, number in enumerate(by_end):
        rank[number] = position
    ends = [periods[number].end for number in by_end]
    limit = [bisect.bisect_left(ends, period.start) for period in periods]

    def per_period(numbers: list[int]) -> pl.Expr:
        return pl.lit(pl.Series(numbers, dtype=pl.UInt64)).gather(pl.col("period"))

    series = pl.col("_series").cast(pl.UInt64) * len(periods)
    keys = (series + per_period(rank)).filter(known)
    values, found_periods = pl.col("value").filter(known), pl.col("period").filter(known)
    if by_end != list(range(len(periods))):
        # Rows are sorted by start; where that is not the order of ends, sort the keys.
        values = values.sort_by(keys, maintain_order=True)
        found_periods = found_periods.sort_by(keys, maintain_order=True)
        keys = keys.sort()
    # The number of known keys below the row's own limit: the last of them is the one.
    at = keys.search_sorted(series + per_period(limit), side="left").cast(pl.Int64) - 1
    # In steps, so that the search is done once.
    frame = frame.with_columns(_at=at.clip(lower_bound=0), _found=at >= 0)
    found = pl.col("_found") & (keys.gather(pl.col("_at")) >= series)
    return frame.with_columns(
        previous=pl.when(found).then(values.gather(pl.col("_at"))),
        previous_period=pl.when(found).then(found_periods.gather(pl.col("_at"))),
    ).drop("_at", "_found")
