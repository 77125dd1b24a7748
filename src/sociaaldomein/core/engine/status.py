"""The status, threshold, reference and progress columns, in the order of the specification.

:func:`outputs` writes, over the parameter columns a :class:`~.plan.Plan`
gathered onto the rows, what :func:`sociaaldomein.core.evaluation.evaluate_all`
decides per measurement: a reference subject's own row is shown, not judged;
a value that is not known is ``no_data``; text or no target is
``not_assessed``; a missing reference (a change's baseline or previous
value, a reference subject's value) is ``no_data``; then ``met``,
``within_tolerance``, ``not_met``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sociaaldomein.core.engine.compared import References
from sociaaldomein.core.engine.kinds import Row, TargetKind, _times
from sociaaldomein.core.engine.plan import STATUSES, Plan, compiler
from sociaaldomein.core.evaluation import Status

if TYPE_CHECKING:
    import polars as pl

__all__ = ["outputs"]

#: Columns Results reads besides the public ones; dropped from ``Results.frame``.
INTERNAL = (
    "_slot",
    "_refrow",
    "unknown",
    "forecast",
    "forecast_flag",
    "forecast_text",
    "no_status",
)


def outputs(plan: Plan, references: References, *, with_fractions: bool) -> list[pl.Expr | str]:
    """The result columns, as expressions over a prepared frame."""
    import polars as pl

    def row(prefix: str, bounds: tuple[pl.Expr, pl.Expr] | None = None) -> Row:
        return Row(
            value=pl.col("value"),
            flag=pl.col("flag"),
            baseline=pl.col("baseline"),
            previous=pl.col("previous"),
            sign=pl.col("_sign"),
            period_end=pl.col("_end"),
            months=(pl.col("_months"), pl.col("_part")),
            param=lambda name: pl.col(f"{prefix}.{name}"),
            times=plan.times,
            compared=references.compared,
            target_bounds=bounds,
        )

    def dispatch(
        prefix: str,
        kinds: list[type],
        rule: Any,
        bounds: tuple[pl.Expr, pl.Expr] | None = None,
    ) -> pl.Expr | None:
        chain: Any = pl
        for code, cls in enumerate(kinds):
            expression = rule(compiler(prefix, cls), row(f"{prefix}{code}", bounds))
            if expression is None:
                continue
            chain = chain.when(pl.col(f"_{prefix}kind") == code).then(expression)
        return None if chain is pl else chain.otherwise(None)

    def or_null(expression: pl.Expr | None, dtype: Any = None) -> pl.Expr:
        return pl.lit(None, dtype=dtype) if expression is None else expression

    def side(which: int) -> Any:
        def rule(kind: Any, r: Row) -> pl.Expr | None:
            two_sided = getattr(kind, "two_sided", None)
            return None if two_sided is None else two_sided(r)[which]

        return rule

    targets = plan.target_kinds
    holds = or_null(dispatch("t", targets, lambda k, r: k.holds(r)))
    reference = dispatch("t", targets, lambda k, r: k.reference(r))
    missing = (
        pl.lit(False)
        if reference is None
        else reference.is_null()
        & (
            or_null(
                dispatch("t", targets, lambda k, r: None if k.reference(r) is None else True)
            ).fill_null(False)
        )
    )
    undefined = dispatch(
        "t", targets, lambda k, r: k.undefined(r) if hasattr(k, "undefined") else None
    )
    if undefined is not None:
        missing = missing | undefined.fill_null(False)
    numerator = or_null(dispatch("t", targets, lambda k, r: _part(k, r, 0)), plan.number)
    denominator = dispatch("t", targets, lambda k, r: _part(k, r, 1))
    fraction = (numerator, None if denominator is None else denominator.fill_null(1))
    low, high = dispatch("t", targets, side(0)), dispatch("t", targets, side(1))
    bounds = None if low is None or high is None else (low, high)
    within = or_null(
        dispatch("m", plan.tolerance_kinds, lambda k, r: k.within(r, fraction), bounds)
    )
    fallback = or_null(dispatch("f", plan.fallback_kinds, lambda k, r: k.holds(r)))
    within = pl.when(pl.col("_fallback")).then(fallback).otherwise(within).fill_null(False)
    text = pl.col("text").is_not_null()
    shown_row = pl.col("_known") & ~pl.col("_refrow")
    judged = shown_row & ~text & pl.col("_tkind").is_not_null()
    status = (
        pl.when(pl.col("_refrow"))
        .then(pl.lit(Status.NOT_ASSESSED.value))
        .when(~pl.col("_known"))
        .then(pl.lit(Status.NO_DATA.value))
        .when(text | pl.col("_tkind").is_null())
        .then(pl.lit(Status.NOT_ASSESSED.value))
        .when(missing)
        .then(pl.lit(Status.NO_DATA.value))
        .when(holds.fill_null(False))
        .then(pl.lit(Status.MET.value))
        .when(within)
        .then(pl.lit(Status.WITHIN_TOLERANCE.value))
        .otherwise(pl.lit(Status.NOT_MET.value))
        .cast(pl.Enum(STATUSES))
    )
    shown = numerator.cast(plan.number)
    if with_fractions:
        shown = (
            pl.when(pl.col("_fraction").is_not_null()).then(pl.col("_fraction")).otherwise(shown)
        )
    threshold = pl.when(judged & ~missing).then(shown)
    # (value - baseline) / (n / d - baseline), with both sides times d: exact
    # up to the one division, also where the shown threshold is rounded.
    scale_up = fraction[1]
    distance = pl.when(judged & ~missing).then(numerator - _times(pl.col("baseline"), scale_up))
    covered = _times(pl.col("value") - pl.col("baseline"), scale_up)
    progress = (
        pl.when(distance != 0)
        .then(covered.cast(pl.Float64) / distance.cast(pl.Float64))
        .otherwise(None)
    )
    return [
        "row",
        "indicator",
        "subject",
        "slice",
        "period",
        status.alias("status"),
        "value",
        "flag",
        "text",
        threshold.alias("threshold"),
        pl.when(shown_row & ~text).then(pl.col("baseline")).alias("baseline"),
        pl.when(judged).then(or_null(reference)).alias("reference"),
        pl.when(shown_row & ~text).then(pl.col("previous")).alias("previous"),
        progress.alias("progress"),
        "data_status",
        "n",
        "previous_period",
        *INTERNAL,
        *references.columns,
    ]


def _part(kind: TargetKind, row: Row, which: int) -> Any:
    fraction = kind.fraction(row)
    return None if fraction is None else fraction[which]
