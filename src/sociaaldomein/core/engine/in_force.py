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
    rank = dict.fromkeys(range(len(periods)), 0) | {
        code: place for place, code in enumerate(inside, start=1)
    }
    # A period at the indicator's frequency outranks every other period.
    above = len(periods) + 1
    scores: list[int | None] = []
    for indicator in results.table.indicators:
        kind = frequency_kind(indicator)
        scores += [
            rank[code] + (above if found.kind == kind else 0) if rank[code] else None
            for code, found in enumerate(periods)
        ]
    at = pl.col("indicator").to_physical().cast(pl.Int64) * len(periods) + pl.col("period")
    score = pl.lit(pl.Series(scores, dtype=pl.Int64)).gather(at)
    series = ["indicator", "subject", "slice"]
    return results.filter(score.is_not_null() & (score == score.max().over(series)))
