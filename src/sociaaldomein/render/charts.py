"""Trend charts as inline SVG, drawn with matplotlib (the optional ``charts`` extra).

Only matplotlib's object API is used (a :class:`~matplotlib.figure.Figure`
with its own SVG canvas, never ``pyplot``), with settings in a local
``rc_context``: drawing a report never changes the caller's backend or
rcParams, so a notebook's own plots stay as they were. Importing this module
raises ImportError when matplotlib is not installed; the report then shows
tables only.

What a chart shows, from the data up:

- The value axis carries plain numbers in the Dutch way (``12.000``,
  ``2,5``); the unit is the axis title above it (``per 10.000 inwoners``),
  never glued to each tick. The margins are measured from the texts, so no
  tick or legend text is cut off.
- The time axis is a time axis: each period is placed by its dates (a point
  at its period's middle), so 2005 -> 2007 is twice as far as 2007 -> 2008,
  and months, quarters, half-years, years and partial years share one axis.
- The reporting period is a band over its whole span.
- The target is drawn per period, only where a target was in force (a
  schedule gives steps; a year without a reference value gives a gap).
- Reference subjects (``Nederland``, a region) are lines of their own, with
  a legend.

Its SVG carries a ``<title>`` and a ``<desc>`` (one sentence summing up the
series) and ids prefixed per chart, so that ids stay unique in a page with
many charts. The parts a reader (or a test) looks for have fixed ids after
that prefix: ``value`` (the subject's line), ``provisional`` (its open
points), ``reference-1``, ``reference-2``, ... (in the order of
:attr:`Series.references`), ``target``, ``baseline``, ``reporting-period``,
``y-axis-title``, ``y-tick-0``, ... and ``x-tick-0``, ... (bottom to top, left
to right).
"""

from __future__ import annotations

import functools
import html
import io
import math
import re
import textwrap
from collections.abc import Iterable, Sequence

from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.markers import TICKDOWN, TICKLEFT
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period
from sociaaldomein.render.chart_axes import (
    axis_title,
    middle,
    span,
    tick_text,
    time_ticks,
    value_limits,
)
from sociaaldomein.render.chart_data import Point, ReferenceLine, Series, TargetInForce, describe
from sociaaldomein.text.language import _

__all__ = ["Point", "ReferenceLine", "Series", "TargetInForce", "chart", "describe", "trend_charts"]

_BLUE = "#154273"
_TARGET = "#1a7f37"
_BASELINE = "#6b6b6b"
_HIGHLIGHT = "#f2c75c"
#: Colours of reference lines, in order; none is the subject's blue or the target's green.
_REFERENCE_COLOURS = ("#c65f00", "#6a51a3", "#8c6d1f", "#d6336c", "#3b8ea5")

_FONT = ["DejaVu Sans", "sans-serif"]
_TICK_SIZE = 10.0
_LEGEND_SIZE = 9.0
_WIDTH = 6.4 * 72  # points
_HEIGHT = 3.0 * 72
_EDGE = 6.0  # white space at the figure's edges, points
_TICK_LENGTH = 3.5
_TICK_PAD = 3.5
#: Legend texts longer than this are wrapped, so that the plot keeps its width.
_LEGEND_CHARACTERS = 22


def _value_ticks(kind: MeasurementType, bottom: float, top: float) -> list[float]:
    locator = MaxNLocator(nbins=6, integer=kind.integral, steps=[1, 2, 2.5, 5, 10])
    slack = (top - bottom) * 1e-9
    return [
        float(t) for t in locator.tick_values(bottom, top) if bottom - slack <= t <= top + slack
    ]


# -- measuring texts ----------------------------------------------------------


@functools.cache
def _text_width(text: str, size: float) -> float:
    """The width in points of the widest line of ``text`` in DejaVu Sans.

    The SVG keeps its texts as text (``svg.fonttype: none``); a browser
    without DejaVu Sans falls back to a narrower sans-serif, so measuring in
    DejaVu Sans leaves room.
    """
    from matplotlib.textpath import text_to_path

    font = FontProperties(family=_FONT, size=size)
    return max(
        text_to_path.get_text_width_height_descent(line, font, ismath=False)[0]
        for line in text.split("\n")
    )


def _line_height(size: float) -> float:
    return size * 1.25


# -- drawing ------------------------------------------------------------------


def _segments(targets: Sequence[TargetInForce]) -> tuple[list[float], list[float]]:
    """The target lines as one path: a segment per period and line, steps where they meet.

    Periods without a target are gaps (``nan`` breaks the path); a period
    whose target has two lines (between low and high) gets both.
    """
    xs: list[float] = []
    ys: list[float] = []
    joinable_at: float | None = None  # where the last single line ended
    for target in sorted(targets, key=lambda t: t.period):
        start, end = span(target.period)
        single = len(target.lines) == 1
        # One line meeting the last one's end is a step of that line; anything else a new piece.
        step = single and joinable_at is not None and abs(joinable_at - start) < 1e-9
        for line in target.lines:
            if xs and not step:
                xs.append(math.nan)
                ys.append(math.nan)
            xs += [start, end]
            ys += [line, line]
        joinable_at = end if single else None
    return xs, ys


def _below(axes: Axes, where: float, text: str, row: int) -> Text:
    """A label under the time axis at ``where``, on the first or second row."""
    return axes.annotate(
        text,
        (where, 0),
        xycoords=("data", "axes fraction"),
        xytext=(0, -(_TICK_LENGTH + _TICK_PAD + row * _line_height(_TICK_SIZE))),
        textcoords="offset points",
        ha="center",
        va="top",
        fontsize=_TICK_SIZE,
        annotation_clip=False,
    )


def _legend_text(text: str) -> str:
    return textwrap.fill(text, _LEGEND_CHARACTERS, break_on_hyphens=False)


def _draw(series: Series) -> str:
    kind = series.measurement_type
    points = series.points
    shown_references = [r for r in series.references if r.points]
    spans = [span(p.period) for p in points]
    low = min(start for start, _end in spans)
    high = max(end for _start, end in spans)
    if series.reporting_period is not None:
        start, end = span(series.reporting_period)
        low, high = min(low, start), max(high, end)
    # What lies outside the subject's own time (a long national series) is left out.
    targets = [t for t in series.targets if t.lines and _overlaps(t.period, low, high)]
    references = [
        ReferenceLine(r.name, tuple(p for p in r.points if low <= middle(p.period) <= high))
        for r in shown_references
    ]
    values = [p.value for p in points]
    values += [p.value for r in references for p in r.points]
    values += [line for t in targets for line in t.lines]
    values += [] if series.baseline is None else [series.baseline]
    bottom, top = value_limits(kind, values)
    y_ticks = _value_ticks(kind, bottom, top)
    y_labels = [tick_text(t) for t in y_ticks]
    title = axis_title(kind, series.unit)

    handles: list[Line2D | Patch] = []
    labels: list[str] = []

    def legend(handle: Line2D | Patch, text: str) -> None:
        handles.append(handle)
        labels.append(_legend_text(text))

    figure = Figure(figsize=(_WIDTH / 72, _HEIGHT / 72))
    FigureCanvasSVG(figure)
    axes = figure.add_subplot()
    if series.reporting_period is not None:
        start, end = span(series.reporting_period)
        band = axes.axvspan(start, end, color=_HIGHLIGHT, alpha=0.35, lw=0, zorder=0)
        band.set_gid("reporting-period")
        legend(Patch(color=_HIGHLIGHT, alpha=0.35, lw=0), _("verslagperiode"))
    positions = [middle(p.period) for p in points]
    (line,) = axes.plot(positions, values[: len(points)], color=_BLUE, lw=2, zorder=4)
    line.set_gid("value")
    solid = [(x, p.value) for x, p in zip(positions, points, strict=True) if not p.provisional]
    hollow = [(x, p.value) for x, p in zip(positions, points, strict=True) if p.provisional]
    if solid:
        # Not clipped: a value at the axis's end (100%) keeps its whole point.
        (marks,) = axes.plot(
            *zip(*solid, strict=True), "o", color=_BLUE, ms=6, zorder=5, clip_on=False
        )
        marks.set_gid("value-points")
    legend(
        Line2D([], [], color=_BLUE, lw=2, marker="o", ms=6),
        series.subject or _("waarde"),
    )
    if hollow:
        (marks,) = axes.plot(
            *zip(*hollow, strict=True), "o", mfc="white", mec=_BLUE, mew=2, ms=7, zorder=5,
            clip_on=False,
        )  # fmt: skip
        marks.set_gid("provisional")
        legend(
            Line2D([], [], ls="", marker="o", mfc="white", mec=_BLUE, mew=2, ms=7), _("voorlopig")
        )
    for number, reference in enumerate(references, start=1):
        colour = _REFERENCE_COLOURS[(number - 1) % len(_REFERENCE_COLOURS)]
        style = {"color": colour, "lw": 1.5, "marker": "s", "ms": 4.5}
        (drawn,) = axes.plot(
            [middle(p.period) for p in reference.points],
            [p.value for p in reference.points],
            zorder=3,
            **style,  # type: ignore[arg-type]
        )
        drawn.set_gid(f"reference-{number}")
        legend(Line2D([], [], **style), reference.name)  # type: ignore[arg-type]
    if targets:
        xs, ys = _segments(targets)
        (goal,) = axes.plot(xs, ys, color=_TARGET, lw=1.6, ls="--", zorder=2)
        goal.set_gid("target")
        legend(Line2D([], [], color=_TARGET, lw=1.6, ls="--"), _("doel"))
    if series.baseline is not None:
        base = axes.axhline(series.baseline, color=_BASELINE, lw=1.2, ls=":", zorder=2)
        base.set_gid("baseline")
        legend(Line2D([], [], color=_BASELINE, lw=1.2, ls=":"), _("nulmeting"))

    axes.set_xlim(low, high)
    axes.set_ylim(bottom, top)
    # Both axes are written by hand: matplotlib's Tick objects cost a third of a chart.
    axes.set_xticks([])
    axes.set_yticks([])
    # The value axis: a mark, a label and a grid line per tick.
    for number, (where, label) in enumerate(zip(y_ticks, y_labels, strict=True)):
        text = axes.annotate(
            label,
            (0, where),
            xycoords=("axes fraction", "data"),
            xytext=(-(_TICK_LENGTH + _TICK_PAD), 0),
            textcoords="offset points",
            ha="right",
            va="center_baseline",
            fontsize=_TICK_SIZE,
            annotation_clip=False,
        )
        text.set_gid(f"y-tick-{number}")
    grid_x = [x for _where in y_ticks for x in (0.0, 1.0, math.nan)]
    grid_y = [y for where in y_ticks for y in (where, where, math.nan)]
    (grid,) = axes.plot(
        grid_x, grid_y, color="#d0d0d0", lw=0.6, zorder=1, transform=axes.get_yaxis_transform()
    )
    grid.set_gid("grid")
    (marks,) = axes.plot(
        [0.0] * len(y_ticks),
        y_ticks,
        ls="",
        marker=TICKLEFT,
        ms=_TICK_LENGTH,
        mew=0.8,
        color="black",
        transform=axes.get_yaxis_transform(),
        clip_on=False,
    )
    marks.set_gid("y-marks")
    # Margins from the texts themselves, so that nothing is cut off.
    tick_width = max(_text_width(text, _TICK_SIZE) for text in y_labels)
    left = _EDGE + tick_width + _TICK_LENGTH + _TICK_PAD + 2
    # Handle, its gap to the text, the border and the gap to the plot: 4.5 em in all.
    legend_width = max(_text_width(text, _LEGEND_SIZE) for text in labels) + 4.5 * _LEGEND_SIZE
    right = legend_width + _EDGE
    plot_width = _WIDTH - left - right
    # The time axis: a label per period in the middle of its span, marks at the boundaries;
    # as many labels as the plot's width has room for.
    shortest = min(p.period.days for p in points)
    x_ticks, x_labels, x_years, boundaries = time_ticks(low, high, shortest, plot_width)
    for number, (where, label) in enumerate(zip(x_ticks, x_labels, strict=True)):
        _below(axes, where, label, 0).set_gid(f"x-tick-{number}")
    for number, (where, year) in enumerate(x_years):
        _below(axes, where, year, 1).set_gid(f"x-year-{number}")
    if boundaries:
        (marks,) = axes.plot(
            boundaries,
            [0.0] * len(boundaries),
            ls="",
            marker=TICKDOWN,
            ms=_TICK_LENGTH,
            mew=0.8,
            color="black",
            transform=axes.get_xaxis_transform(),
            clip_on=False,
        )
        marks.set_gid("x-boundaries")
    axes.spines[["top", "right"]].set_visible(False)

    title = textwrap.fill(title, max(20, int(plot_width / (0.62 * _TICK_SIZE))))
    top_margin = _EDGE + _line_height(_TICK_SIZE) * (title.count("\n") + 1) + 6
    lines = 2 if x_years else 1
    bottom_margin = _EDGE + _TICK_LENGTH + _TICK_PAD + _line_height(_TICK_SIZE) * lines
    figure.subplots_adjust(
        left=left / _WIDTH,
        right=1 - right / _WIDTH,
        bottom=bottom_margin / _HEIGHT,
        top=1 - top_margin / _HEIGHT,
    )
    # The unit above the value axis, from the figure's left edge: horizontal, so it reads.
    heading = figure.text(
        _EDGE / _WIDTH,
        1 - _EDGE / _HEIGHT,
        title,
        ha="left",
        va="top",
        fontsize=_TICK_SIZE,
        color="#333333",
    )
    heading.set_gid("y-axis-title")
    axes.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        borderaxespad=0.5,
        fontsize=_LEGEND_SIZE,
        frameon=False,
    )
    buffer = io.StringIO()
    # No metadata: it carries a timestamp, which would make reports differ run to run.
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _overlaps(period: Period, low: float, high: float) -> bool:
    start, end = span(period)
    return start < high and end > low


def chart(series: Series) -> str:
    """The SVG of one chart, with a title, a description and ids unique to ``series.key``.

    :raises ValueError: the series has no points, or its type is not numeric.
    """
    if len(series.points) < 1:
        raise ValueError("a chart needs at least one point")
    if not series.measurement_type.numeric:
        raise ValueError(f"a {series.measurement_type.name} has no value axis to draw")
    with rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": f"sociaaldomein-{series.key}",
            # Every point stays in the path: a reader (or a test) finds each period's value.
            "path.simplify": False,
            "font.size": _TICK_SIZE,
            "font.family": _FONT,
        }
    ):
        text = _draw(series)
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.S)
    text = text[text.index("<svg") :]
    prefix = "chart-" + re.sub(r"[^A-Za-z0-9_-]", "-", series.key) + "-"
    text = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m[1]}"', text)
    text = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m[1]}"', text)
    text = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m[1]})", text)
    opening = text.index(">", text.index("<svg")) + 1
    head = text[:opening].replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{prefix}title {prefix}desc" ',
        1,
    )
    labels = (
        f'<title id="{prefix}title">{html.escape(series.name)}</title>'
        f'<desc id="{prefix}desc">{html.escape(describe(series))}</desc>'
    )
    return head + labels + text[opening:]


def trend_charts(series: Iterable[Series]) -> dict[str, str]:
    """An SVG line chart per series, by key."""
    return {one.key: chart(one) for one in series}
