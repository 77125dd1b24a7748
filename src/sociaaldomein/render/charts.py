"""Trend charts as inline SVG, drawn with matplotlib (the optional ``charts`` extra).

Only matplotlib's object API is used, with settings in a local ``rc_context``:
drawing a report never changes the caller's backend or rcParams (a
notebook's own plots stay as they were). Importing this module raises
ImportError when matplotlib is not installed; the report then shows tables only.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence

from matplotlib import rc_context
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

__all__ = ["trend_charts"]


def _svg(key: str, name: str, points: Sequence[tuple[str, float]]) -> str:
    # Text stays text (smaller, searchable); the salt makes ids the same run to
    # run and different from chart to chart, so ids are unique in the page.
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": f"sociaaldomein-{key}"}):
        figure = Figure(figsize=(6, 2.6))
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        labels = [label for label, _ in points]
        axes.plot(labels, [value for _, value in points], marker="o", color="#154273")
        axes.set_title(name, fontsize=10)
        axes.grid(axis="y", alpha=0.3)
        axes.tick_params(labelsize=8)
        figure.tight_layout()
        buffer = io.StringIO()
        # No metadata: it carries a timestamp, which would make reports differ run to run.
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.S)
    return text[text.index("<svg") :]


def trend_charts(series: Mapping[str, tuple[str, Sequence[tuple[str, float]]]]) -> dict[str, str]:
    """An SVG line chart per key, from its name and its (period, value) points."""
    return {key: _svg(key, name, points) for key, (name, points) in series.items()}
