"""The report as Markdown."""

from __future__ import annotations

from collections.abc import Iterable

from sociaaldomein.render.model import Report
from sociaaldomein.render.templating import TemplateFolder, render

__all__ = ["render_markdown"]


def render_markdown(report: Report, *, templates: Iterable[TemplateFolder] = ()) -> str:
    """The report as Markdown (charts are left to the HTML version).

    :param templates: folders whose templates override the shipped ones
        (see :mod:`sociaaldomein.render.templating`).
    """
    return render("markdown", "report.md", report, templates)
