"""The report as one self-contained HTML page (no scripts, fonts or images from elsewhere)."""

from __future__ import annotations

from collections.abc import Iterable

from sociaaldomein.render.model import Report
from sociaaldomein.render.templating import TemplateFolder, render

__all__ = ["render_html"]


def render_html(report: Report, *, templates: Iterable[TemplateFolder] = ()) -> str:
    """The report as one self-contained HTML page, with trend charts where drawn.

    :param templates: folders whose templates override the shipped ones
        (see :mod:`sociaaldomein.render.templating`).
    """
    return render("html", "report.html", report, templates)
