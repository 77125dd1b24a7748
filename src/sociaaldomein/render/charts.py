"""Trend charts as inline SVG, drawn with matplotlib (the optional ``charts`` extra).

Importing this module raises ImportError when matplotlib is not installed;
the report then shows tables only.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence

import matplotlib

matplotlib.use("Agg")  # no display: charts are only ever written to files
from matplotlib import pyplot

__all__ = ["trend_charts"]


def _svg(name: str, points: Sequence[tuple[str, float]]) -> str:
    figure, axes = pyplot.subplots(figsize=(6, 2.6))
    try:
        labels = [label for label, _ in points]
        axes.plot(labels, [value for _, value in points], marker="o", color="#154273")
        axes.set_title(name, fontsize=10)
        axes.grid(axis="y", alpha=0.3)
        axes.tick_params(labelsize=8)
        figure.tight_layout()
        buffer = io.StringIO()
        # No metadata: it carries a timestamp, which would make reports differ run to run.
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    finally:
        pyplot.close(figure)
    text = buffer.getvalue()
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.S)
    return text[text.index("<svg") :]


def trend_charts(series: Mapping[str, tuple[str, Sequence[tuple[str, float]]]]) -> dict[str, str]:
    """An SVG line chart per key, from its name and its (period, value) points."""
    pyplot.rcParams["svg.fonttype"] = "none"  # keep text as text: smaller, and searchable
    return {key: _svg(name, points) for key, (name, points) in series.items()}
