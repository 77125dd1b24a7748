"""Which result counts for a reporting period, for every series of a table at once.

The rule of :func:`sociaaldomein.core.reporting_period.in_force` as one
group-by: per indicator, subject and slice, the latest period inside the
reporting period, at the indicator's frequency where the series has
periods at that frequency.
"""

from __future__ import annotations

from sociaaldomein.core.engine.results import Results
from sociaaldomein.core.reporting_period import frequency_kind, latest_first
from sociaaldomein.model.period import Period

__all__ = ["in_force_results", "upto_results"]


def upto_results(results: Results, period: Period) -> Results:
    """The results of periods that end no later than ``period``."""
    import polars as pl

    periods = results.table.periods
    codes = [code for code, found in enumerate(periods) if found.end <= period.end]
    if len(codes) == len(periods):
        return results  # all of them (the latest period, mostly): no copy of every row
    return results.filter(pl.col("period").is_in(codes))


def in_force_results(results: Results, period: Period) -> Results:
    """For each indicator, subject and slice with a result inside ``period``, the one in force.

    A series without a result inside ``period`` has no row here; the scalar
    rule makes it ``no_data``, naming the period.
    """
    import polars as pl

    periods = results.table.periods
    inside = sorted(
        (code for code, found in enumerate(periods) if found in period),
        key=lambda code: latest_first(periods[code]),
    )
    rank = [0] * len(periods)
    for place, code in enumerate(inside, start=1):
        rank[code] = place
    # A period at the indicator's frequency outranks every other period.
    kinds = sorted({found.kind for found in periods})
    kind_code = {kind: code for code, kind in enumerate(kinds)}
    wanted = [kind_code.get(frequency_kind(i) or "", -1) for i in results.table.indicators]
    of_period = pl.Series([kind_code[found.kind] for found in periods], dtype=pl.Int64)
    at = pl.col("period")
    at_rank = pl.lit(pl.Series(rank, dtype=pl.Int64)).gather(at)
    bonus = pl.when(
        pl.lit(of_period).gather(at)
        == pl.lit(pl.Series(wanted, dtype=pl.Int64)).gather(pl.col("indicator").to_physical())
    )
    score = pl.when(at_rank > 0).then(at_rank + bonus.then(len(periods) + 1).otherwise(0))
    series = ["indicator", "subject", "slice"]
    # A column first: under ``over``, polars would gather the literals again per group.
    best = pl.col("_score")
    return results.filter(best.is_not_null() & (best == best.max().over(series)), _score=score)
