"""Trend charts as inline SVG, drawn with matplotlib (the optional ``charts`` extra).

Only matplotlib's object API is used (a :class:`~matplotlib.figure.Figure`
with its own SVG canvas, never ``pyplot``), with settings in a local
``rc_context``: drawing a report never changes the caller's backend or
rcParams, so a notebook's own plots stay as they were. Importing this module
raises ImportError when matplotlib is not installed; the report then shows
tables only.

Each chart shows the values with Dutch numbers on the axis, the target and
the baseline as lines, the reporting period highlighted and provisional
values as open markers. Its SVG carries a ``<title>`` and a ``<desc>`` (one
Dutch sentence summing up the series) and ids prefixed per chart, so that
ids stay unique in a page with many charts.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs
from matplotlib import rc_context
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.render.values import show_value
from sociaaldomein.text.numbers import format_number

__all__ = ["Point", "Series", "chart", "describe", "trend_charts"]

_BLUE = "#154273"
_TARGET = "#1a7f37"
_BASELINE = "#6b6b6b"
_HIGHLIGHT = "#f2c75c"


@attrs.frozen
class Point:
    """One value in a chart: its period label, the value, and whether it is provisional."""

    label: str
    value: float
    provisional: bool = False


@attrs.frozen
class Series:
    """What one chart shows.

    :param key: unique in the page: the prefix of the chart's ids.
    :param name: the indicator's name, the chart's title.
    :param highlight: the label of the reporting period's point.
    :param target: one value (a line) or two (a band) the target asks for.
    :param schedule: the target per point, where it changes from period to
        period (a target per budget year); drawn as steps instead of ``target``.
    :param target_text: the target in words, for the description.
    """

    key: str
    name: str
    points: tuple[Point, ...]
    measurement_type: MeasurementType
    highlight: str = ""
    target: tuple[float, ...] = ()
    schedule: tuple[float | None, ...] = ()
    target_text: str = ""
    baseline: float | None = None


def describe(series: Series) -> str:
    """One Dutch sentence summing up the series, for the chart's ``<desc>``."""
    kind = series.measurement_type
    first, last = series.points[0], series.points[-1]
    sentence = (
        f"{series.name}: van {show_value(Decimal(repr(first.value)), kind)} in {first.label}"
        f" naar {show_value(Decimal(repr(last.value)), kind)} in {last.label}"
        f" ({len(series.points)} metingen)"
    )
    if series.target_text:
        sentence += f"; doel: {series.target_text}"
    if series.baseline is not None:
        sentence += f"; nulmeting {show_value(Decimal(repr(series.baseline)), kind)}"
    provisional = [p.label for p in series.points if p.provisional]
    if provisional:
        sentence += f"; voorlopig: {', '.join(provisional)}"
    return sentence + "."


def _limits(series: Series, values: Sequence[float]) -> tuple[float, float]:
    """An honest value axis: from zero (or the type's minimum) for sizes and shares."""
    kind = series.measurement_type
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
    return bottom, top if top > bottom else bottom + 1.0


def _draw(series: Series) -> str:
    kind = series.measurement_type
    figure = Figure(figsize=(6.4, 2.9))
    FigureCanvasSVG(figure)
    axes = figure.add_subplot()
    labels = [p.label for p in series.points]
    values = [p.value for p in series.points]
    positions = list(range(len(labels)))
    if series.highlight in labels:
        where = labels.index(series.highlight)
        axes.axvspan(where - 0.4, where + 0.4, color=_HIGHLIGHT, alpha=0.35, lw=0, zorder=0)
    axes.plot(positions, values, color=_BLUE, lw=2, zorder=3)
    solid = [
        (x, p.value) for x, p in zip(positions, series.points, strict=True) if not p.provisional
    ]
    hollow = [(x, p.value) for x, p in zip(positions, series.points, strict=True) if p.provisional]
    if solid:
        axes.plot(*zip(*solid, strict=True), "o", color=_BLUE, ms=6, zorder=4, label="waarde")
    if hollow:
        axes.plot(
            *zip(*hollow, strict=True), "o", mfc="white", mec=_BLUE, mew=2, ms=7, zorder=4,
            label="voorlopig",
        )  # fmt: skip
    for number, line in enumerate(series.target):
        axes.axhline(
            line, color=_TARGET, lw=1.6, ls="--", zorder=2, label=None if number else "doel"
        )
    if series.schedule:
        axes.plot(
            positions, [float("nan") if t is None else t for t in series.schedule],
            color=_TARGET, lw=1.6, ls="--", drawstyle="steps-mid", zorder=2, label="doel",
        )  # fmt: skip
    if series.baseline is not None:
        axes.axhline(series.baseline, color=_BASELINE, lw=1.2, ls=":", zorder=2, label="nulmeting")
    lines = [*series.target, *(t for t in series.schedule if t is not None)]
    lines += [] if series.baseline is None else [series.baseline]
    axes.set_ylim(*_limits(series, [*values, *lines]))
    axes.set_xlim(-0.5, len(labels) - 0.5)
    axes.set_xticks(positions, labels)
    if kind.integral:
        axes.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    else:
        axes.yaxis.set_major_locator(MaxNLocator(nbins=5))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _: _tick(y, kind)))
    axes.grid(axis="y", color="#d0d0d0", lw=0.6)
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=10)
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False)
    # Fixed margins rather than tight_layout, which draws the figure once more.
    figure.subplots_adjust(left=0.12, right=0.8, bottom=0.12, top=0.95)
    buffer = io.StringIO()
    # No metadata: it carries a timestamp, which would make reports differ run to run.
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _tick(value: float, kind: MeasurementType) -> str:
    text = format_number(Decimal(repr(round(float(value), 6))).normalize())
    return f"{kind.prefix.strip()} {text}".strip() + kind.suffix.rstrip()


def chart(series: Series) -> str:
    """The SVG of one chart, with a title, a description and ids unique to ``series.key``."""
    if len(series.points) < 1:
        raise ValueError("a chart needs at least one point")
    with rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": f"sociaaldomein-{series.key}",
            "font.size": 10,
            "font.family": ["DejaVu Sans", "sans-serif"],
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
