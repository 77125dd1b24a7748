"""The axes of a trend chart: where a period goes on the time axis, what the labels say,
how far the value axis reaches and what its title is. Plain functions, no matplotlib.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Sequence
from decimal import Decimal

from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period
from sociaaldomein.text.language import N_, _
from sociaaldomein.text.numbers import format_number

__all__ = [
    "CHARACTER",
    "GAP",
    "axis_title",
    "middle",
    "period_position",
    "span",
    "tick_text",
    "time_ticks",
    "value_limits",
]

#: The width of a time label's character at the tick size (0.64 em of 10 points: a digit
#: of DejaVu Sans, as wide as its widest letters in these labels), and the least white
#: space between two labels, in points.
CHARACTER = 6.4
GAP = 6.0

_MONTHS = (
    N_("jan"),
    N_("feb"),
    N_("mrt"),
    N_("apr"),
    N_("mei"),
    N_("jun"),
    N_("jul"),
    N_("aug"),
    N_("sep"),
    N_("okt"),
    N_("nov"),
    N_("dec"),
)


def axis_title(kind: MeasurementType, unit: str = "") -> str:
    """The value axis's title: what its plain numbers count.

    The indicator's own ``unit`` where it has one, else the type's label
    with its symbol where the label does not say it (``percentage (%)``,
    ``bedrag (EUR)``; ``uren`` and ``per 1.000 inwoners`` say it already).
    """
    if unit.strip():
        return unit.strip()
    title = _(kind.label)
    symbol = (kind.prefix + kind.suffix).strip()
    # A symbol ("%", "EUR") is not a word the label can already hold ("uur" in "uren").
    if symbol and not any(c.islower() for c in symbol) and symbol not in title:
        title += f" ({symbol})"
    return title


def tick_text(value: float) -> str:
    """A value axis tick: a plain number the Dutch way (``12.000``, ``2,5``), no unit."""
    return format_number(Decimal(repr(round(float(value), 9))).normalize())


# -- the time axis ------------------------------------------------------------


def period_position(date: dt.date) -> float:
    """A date on the time axis: its year plus the share of that year gone by.

    1 January 2006 is 2006.0, 2 July 2006 about 2006.5; a period spans from
    the position of its first day to that of the day after its last.
    """
    days = 366 if calendar.isleap(date.year) else 365
    return date.year + (date.toordinal() - dt.date(date.year, 1, 1).toordinal()) / days


def span(period: Period) -> tuple[float, float]:
    """Where ``period`` starts and ends on the time axis (its last day included)."""
    after = period.end + dt.timedelta(days=1)
    return period_position(period.start), period_position(after)


def middle(period: Period) -> float:
    """Where a value of ``period`` stands: the middle of its span (a year at 2 July)."""
    start, end = span(period)
    return (start + end) / 2


#: Units of the time axis in months: month, quarter, half-year, year, and steps of years.
_UNITS = (1, 3, 6, 12, 24, 60, 120, 240, 600, 1200)


def _month_index(position: float) -> int:
    """The month (counted from year 0) a position falls in."""
    year = math.floor(position)
    share = position - year
    return year * 12 + min(11, int(share * 12 + 1e-9))


def _month_start(index: int) -> float:
    return period_position(dt.date(index // 12, index % 12 + 1, 1))


def _unit_label(month: int, unit: int) -> str:
    """What the time axis says under the unit starting at ``month`` (counted from year 0)."""
    year, within = divmod(month, 12)
    if unit >= 12:
        return str(year)
    if unit == 1:
        return _(_MONTHS[within])
    if unit == 3:
        return _("K{quarter}").format(quarter=within // 3 + 1)
    return _("H{half}").format(half=within // 6 + 1)


def time_ticks(
    low: float, high: float, shortest: int, width: float
) -> tuple[list[float], list[str], list[tuple[float, str]], list[float]]:
    """The labels of the time axis, the years under them, and the boundaries between them.

    The unit is the finest that suits the shortest period measured (a month,
    quarter, half-year or year) and leaves each label room on an axis
    ``width`` points wide; coarser (steps of years) where it would not. Each
    label is at the middle of its unit, so a year's label is under that
    year's point; a unit only partly on the axis (a reporting period from
    September) is labelled where its label fits under it and beside its
    neighbours. Labels of months, quarters and half-years get their year on
    a second row, under the first label and under each year's first.

    :returns: label positions, label texts, (position, year) for the second
        row, and the unit boundaries (small tick marks).
    """
    if shortest < 45:
        start = 0
    elif shortest < 120:
        start = 1
    elif shortest < 240:
        start = 2
    else:
        start = 3
    first, last = _month_index(low), _month_index(high - 1e-9)
    scale = width / (high - low)  # points per year

    def room(text: str) -> float:
        return len(text) * CHARACTER

    unit = _UNITS[-1]
    for unit in _UNITS[start:]:
        longest = max(
            room(_unit_label(block * unit, unit))
            for block in range(first // unit, last // unit + 1)
        )
        if unit / 12 * scale >= longest + GAP:
            break
    # (position, label, whether its whole unit is on the axis), left to right.
    found: list[tuple[float, str, bool]] = []
    boundaries: list[float] = []
    # A label of a step of years stands under one year: the year the step starts with.
    size = min(unit, 12)
    for block in range(first // unit, last // unit + 1):
        month = block * unit
        begin, end = _month_start(month), _month_start(month + size)
        if low < begin < high:
            boundaries.append(begin)
        seen = min(end, high) - max(begin, low)
        label = _unit_label(month, unit)
        whole = seen >= (end - begin) - 1e-9
        if seen > 0 and (whole or seen * scale >= room(label)):
            found.append(((max(begin, low) + min(end, high)) / 2, label, whole))

    def clear(number: int) -> bool:
        where, label, whole = found[number]
        if whole:
            return True
        return all(
            abs(found[other][0] - where) * scale >= (room(label) + room(found[other][1])) / 2 + GAP
            for other in (number - 1, number + 1)
            if 0 <= other < len(found)
        )

    kept = [found[number] for number in range(len(found)) if clear(number)]
    positions = [where for where, _label, _whole in kept]
    labels = [label for _where, label, _whole in kept]
    years = [
        (where, str(math.floor(where)))
        for number, (where, _label, _whole) in enumerate(kept)
        if unit < 12 and (number == 0 or math.floor(where) != math.floor(kept[number - 1][0]))
    ]
    return positions, labels, years, boundaries


# -- the value axis -----------------------------------------------------------


def value_limits(kind: MeasurementType, values: Sequence[float]) -> tuple[float, float]:
    """An honest value axis: from zero (or the type's minimum) for sizes and shares."""
    low, high = min(values), max(values)
    if kind.minimum is not None and kind.maximum is not None and kind.maximum <= 100:
        bottom = float(kind.minimum)  # a percentage from 0, a grade from 1
    elif low >= 0:
        bottom = 0.0  # counts, amounts, hours and rates are sizes: the axis starts at zero
    else:
        bottom = low - (high - low) * 0.1 - 1
    top = high + (high - bottom) * 0.12
    if kind.maximum is not None:
        top = min(top, float(kind.maximum))
    # Ticks are written with at most nine decimals: a narrower axis would repeat one label.
    least = 1.0 if top == bottom else 1e-6
    return bottom, max(top, bottom + least)
