"""Adding a table up per region with group-bys: the rules of :mod:`sociaaldomein.core.aggregation`.

The sums (values, numerators, denominators, respondent-weighted grades) are
exact Decimal group-bys over the whole table; only the few resulting
groups are finished in Python, by the same rules as
:func:`~sociaaldomein.core.aggregation.aggregate`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sociaaldomein.core.aggregation import Aggregate, _aggregate_aggregates, region_membership
from sociaaldomein.model.measurement import DataStatus
from sociaaldomein.model.measurement_type import MeasurementType, Value, ValueKind
from sociaaldomein.model.parties import Region
from sociaaldomein.table.measurements import MeasurementTable
from sociaaldomein.table.schema import DATA_STATUSES, with_optional_columns
from sociaaldomein.text.language import _

__all__ = ["aggregate_table", "exact", "finish_group"]


def aggregate_table(
    table: MeasurementTable, regions: Sequence[Region], *, province: str | None = None
) -> list[Aggregate]:
    """Aggregate every indicator and period of ``table`` per region, and over all as ``province``.

    Gives what :func:`~sociaaldomein.core.aggregation.aggregate_regions`
    gives for the same measurements: a measurement belongs to a region when
    its subject is the name or CBS code of one of its municipalities; slices
    are left out.

    :raises InvalidValueError: a municipality is in two regions.
    """
    import polars as pl

    member_of = region_membership(regions)
    regions_frame = pl.DataFrame(
        {"subject": list(member_of), "region": list(member_of.values())},
        schema={"subject": pl.String, "region": pl.String},
    )
    frame = (
        with_optional_columns(table.frame)
        .lazy()
        .filter(pl.col("slice") == 0)
        .with_columns(pl.col("subject").cast(pl.String), pl.col("indicator").cast(pl.String))
        .join(regions_frame.lazy(), on="subject", how="inner", maintain_order="left")
    )
    n = pl.col("n")
    earlier = n.is_null() & pl.col("numerator").is_not_null()  # an aggregate: a weighted sum
    groups = (
        frame.group_by(["indicator", "period", "region"], maintain_order=True)
        .agg(
            parts=pl.col("subject"),
            weakest=pl.col("data_status").to_physical().min(),
            total=pl.col("value").sum(),
            numerator=pl.col("numerator").sum(),
            denominator=pl.col("denominator").sum(),
            no_fraction=pl.col("subject").filter(pl.col("numerator").is_null()),
            reached=pl.col("flag").all(),
            not_known=pl.concat_str(
                "subject",
                pl.lit(" ("),
                pl.when(pl.col("unknown") == "")
                .then(pl.lit(_("geen waarde")))
                .otherwise(pl.col("unknown")),
                pl.lit(")"),
            ).filter(pl.col("unknown").is_not_null()),
            texts=pl.struct("subject", "text").filter(pl.col("text").is_not_null()),
            weighted=pl.when(earlier)
            .then(pl.col("numerator"))
            .otherwise(pl.col("value") * n.fill_null(0))
            .sum(),
            respondents=pl.when(earlier).then(pl.col("denominator")).otherwise(n).sum(),
            no_respondents=pl.col("subject").filter(n.is_null() & pl.col("denominator").is_null()),
        )
        .collect()
    )
    periods = table.periods
    ordered = sorted(
        groups.iter_rows(named=True),
        key=lambda g: (
            g["indicator"],
            periods[g["period"]].start,
            periods[g["period"]].end,
            g["region"],
        ),
    )
    results = []
    by_indicator: dict[tuple[str, int], list[Aggregate]] = {}
    for group in ordered:
        outcome = finish_group(group, table.types[group["indicator"]], periods)
        results.append(outcome)
        by_indicator.setdefault((group["indicator"], group["period"]), []).append(outcome)
    if province is not None:
        for (indicator, _period), parts in by_indicator.items():
            results.append(_aggregate_aggregates(parts, table.types[indicator], province))
    return results


def finish_group(
    group: dict[str, Any], measurement_type: MeasurementType, periods: Any
) -> Aggregate:
    """One group's aggregate, by the rules of ``aggregate`` (the group engine's too)."""
    status = DataStatus(DATA_STATUSES[group["weakest"]])

    def result(value: Value | None, **extra: Any) -> Aggregate:
        return Aggregate(
            group["indicator"],
            group["region"],
            periods[group["period"]],
            value,
            status,
            tuple(group["parts"]),
            **extra,
        )

    if measurement_type.kind is ValueKind.TEXT:
        texts = tuple((t["subject"], t["text"]) for t in group["texts"])
        return result(None, texts=texts, note=_("kwalitatief: opgesomd"))
    if group["not_known"]:
        return result(
            None,
            note=_("niet te berekenen: waarde niet bekend bij {subjects}").format(
                subjects=", ".join(group["not_known"])
            ),
        )
    if measurement_type.kind is ValueKind.YES_NO:
        return result(bool(group["reached"]), note=_("bereikt als alle delen het bereikten"))
    if measurement_type.additive:
        return result(measurement_type.validate(exact(group["total"])))
    if measurement_type.scale is not None:
        if group["no_fraction"]:
            return result(
                None,
                note=_("niet te berekenen: teller en noemer ontbreken bij {subjects}").format(
                    subjects=", ".join(group["no_fraction"])
                ),
            )
        numerator, denominator = exact(group["numerator"]), exact(group["denominator"])
        return result(
            measurement_type.from_fraction(numerator, denominator),
            numerator=numerator,
            denominator=denominator,
        )
    if group["no_respondents"]:
        return result(
            None,
            note=_("niet te berekenen: aantal respondenten ontbreekt bij {subjects}").format(
                subjects=", ".join(group["no_respondents"])
            ),
        )
    weighted, respondents = exact(group["weighted"]), exact(group["respondents"])
    if respondents == 0:
        return result(None, note=_("niet te berekenen: geen respondenten"))
    return result(
        float(weighted / respondents),
        numerator=weighted,
        denominator=respondents,
        note=_("gewogen naar respondenten"),
    )


def exact(number: Any) -> Decimal:
    """A sum from a group-by as an exact Decimal; 0 for an empty (null) sum."""
    return Decimal(0) if number is None else Decimal(number)
