"""Reference groups' values on a table: the rules of :mod:`sociaaldomein.core.groups`.

Per group, the members' known rows of the indicators that name it are
reduced with group-bys (a member's last known row per indicator, slice
and period; then the sums an aggregate needs, or the values a median
needs); only the resulting groups, a few per period, are finished in
Python, by the same :func:`~sociaaldomein.core.groups.finish` as the
objects' path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sociaaldomein.core.engine.aggregate import exact, finish_group
from sociaaldomein.core.groups import GroupValue, finish, median, statistic_defined
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import DataStatus
from sociaaldomein.model.reference_group import GroupStatistic, ReferenceGroup
from sociaaldomein.table.measurements import MeasurementTable
from sociaaldomein.table.schema import DATA_STATUSES, with_optional_columns

__all__ = ["GroupKey", "group_values_table"]

#: A group's name, an indicator code, a slice index and a period index.
GroupKey = tuple[str, int, int, int]


def group_values_table(
    table: MeasurementTable,
    indicators: Sequence[Indicator | None],
    groups: Mapping[str, ReferenceGroup],
) -> dict[GroupKey, GroupValue]:
    """The value of every group an indicator names, per slice and period a member measured.

    Gives what :func:`~sociaaldomein.core.groups.group_value` gives for the
    same rows; keys without a member that delivered are left out (their
    coverage is none of the members).
    """
    import polars as pl

    found: dict[GroupKey, GroupValue] = {}
    frame = with_optional_columns(table.frame)
    for name, group in groups.items():
        codes = [
            code
            for code, indicator in enumerate(indicators)
            if indicator is not None and name in indicator.reference_subjects
        ]
        if not codes:
            continue
        members = list(group.members)
        order = {member: position for position, member in enumerate(members)}
        rows = (
            frame.lazy()
            .with_columns(pl.col("subject").cast(pl.String).alias("_member"))
            .filter(
                pl.col("indicator").to_physical().is_in(codes)
                & pl.col("_member").is_in(members)
                & pl.col("unknown").is_null()
            )
            .sort("row")
            # Of a member's rows for one period and slice the last known one counts.
            .group_by(["indicator", "slice", "period", "_member"], maintain_order=True)
            .last()
        )
        n = pl.col("n")
        earlier = n.is_null() & pl.col("numerator").is_not_null()  # an aggregate: a weighted sum
        sums = (
            rows.group_by(["indicator", "slice", "period"], maintain_order=True)
            .agg(
                parts=pl.col("_member"),
                weakest=pl.col("data_status").to_physical().min(),
                total=pl.col("value").sum(),
                numerator=pl.col("numerator").sum(),
                denominator=pl.col("denominator").sum(),
                no_fraction=pl.col("_member").filter(pl.col("numerator").is_null()),
                weighted=pl.when(earlier)
                .then(pl.col("numerator"))
                .otherwise(pl.col("value") * n.fill_null(0))
                .sum(),
                respondents=pl.when(earlier).then(pl.col("denominator")).otherwise(n).sum(),
                no_respondents=pl.col("_member").filter(
                    n.is_null() & pl.col("denominator").is_null()
                ),
                values=pl.col("value"),
            )
            .collect()
        )
        for record in sums.iter_rows(named=True):
            indicator_id = str(record["indicator"])
            code = next(c for c, i in enumerate(table.indicators) if i.id == indicator_id)
            measurement_type = table.types[indicator_id]
            # In the group's order, as the objects' path lists them.
            for key in ("parts", "no_fraction", "no_respondents"):
                record[key] = sorted(record[key], key=order.__getitem__)
            delivered = record["parts"]
            whole = middle = None
            if statistic_defined(group.value, measurement_type):
                if group.value is GroupStatistic.MEDIAN:
                    middle = median([Decimal(v) for v in record["values"]])
                else:
                    whole = finish_group(_as_region(record, name), measurement_type, table.periods)
            value, coverage = finish(group, measurement_type, delivered, whole, middle)
            found[name, code, record["slice"], record["period"]] = GroupValue(
                name,
                indicator_id,
                table.periods[record["period"]],
                table.slices[record["slice"]],
                value,
                coverage,
                DataStatus(DATA_STATUSES[record["weakest"]]),
                tuple(delivered),
            )
    return found


def _as_region(record: dict[str, Any], name: str) -> dict[str, Any]:
    """A group's sums as :func:`~.aggregate.finish_group` reads a region's (all of them known)."""
    return {
        **record,
        "indicator": str(record["indicator"]),
        "region": name,
        "not_known": [],
        "texts": [],
        "reached": None,
        "total": exact(record["total"]),
    }
