"""Progress without a numeric target: the trend over the measured periods.

For an indicator with only a direction ("toename van ..."), the trend is
classified the way Eurostat assesses progress on the EU Sustainable
Development Goals for indicators without a quantified target: by the
compound annual growth rate (CAGR) between the first and the last
measurement, turned the good way by the indicator's direction. The
thresholds below are Eurostat's (1% a year for clear progress); a set can
override them.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

from sociaaldomein.model.period import Period
from sociaaldomein.model.target import Direction
from sociaaldomein.model.trend_thresholds import TrendThresholds
from sociaaldomein.text.language import N_, _

__all__ = ["TrendClass", "TrendThresholds", "classify_trend"]


class TrendClass(enum.StrEnum):
    """How an indicator moved over its measured periods."""

    CLEAR_IMPROVEMENT = "clear_improvement"
    SLIGHT_IMPROVEMENT = "slight_improvement"
    STABLE = "stable"
    DETERIORATION = "deterioration"
    TOO_FEW_POINTS = "too_few_points"

    @property
    def dutch(self) -> str:
        """The trend in words: in the current language (Dutch by default)."""
        return _(_DUTCH[self])


_DUTCH = {
    TrendClass.CLEAR_IMPROVEMENT: N_("duidelijke verbetering"),
    TrendClass.SLIGHT_IMPROVEMENT: N_("lichte verbetering"),
    TrendClass.STABLE: N_("stabiel"),
    TrendClass.DETERIORATION: N_("verslechtering"),
    TrendClass.TOO_FEW_POINTS: N_("te weinig metingen"),
}


def classify_trend(
    points: Sequence[tuple[Period, float]],
    direction: Direction,
    thresholds: TrendThresholds | None = None,
) -> tuple[TrendClass, float | None]:
    """The class of the trend and the growth the good way in percent a year.

    Growth is the CAGR from the first to the last point; where the first
    value is zero or the values change sign, the average absolute change a
    year relative to the mean level is used instead.
    """
    thresholds = thresholds or TrendThresholds()
    ordered = sorted(points, key=lambda point: (point[0].start, point[0].end))
    if len(ordered) < thresholds.minimum_points:
        return TrendClass.TOO_FEW_POINTS, None
    (first_period, first), (last_period, last) = ordered[0], ordered[-1]
    # In calendar months, so that 2019 to 2021 is exactly two years.
    start, end = first_period.start, last_period.start
    years = ((end.year - start.year) * 12 + end.month - start.month) / 12
    if years <= 0:
        return TrendClass.TOO_FEW_POINTS, None
    if first > 0 and last > 0:
        growth = ((last / first) ** (1 / years) - 1) * 100
    else:
        level = sum(abs(value) for _, value in ordered) / len(ordered)
        growth = 0.0 if level == 0 else (last - first) / years / level * 100
    growth *= direction.sign
    if growth >= thresholds.clear:
        return TrendClass.CLEAR_IMPROVEMENT, growth
    if growth >= thresholds.slight:
        return TrendClass.SLIGHT_IMPROVEMENT, growth
    if growth >= -thresholds.stable:
        return TrendClass.STABLE, growth
    return TrendClass.DETERIORATION, growth
