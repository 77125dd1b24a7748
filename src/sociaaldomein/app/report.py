"""Writing the accountability report: Markdown and HTML next to each other."""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from sociaaldomein.core.accountability import Accountability

__all__ = ["WrittenReport", "write_report"]


@attrs.frozen
class WrittenReport:
    """Where the report was written, and how many charts it has."""

    markdown: Path
    html: Path
    charts: int


def write_report(
    accountability: Accountability, folder: str | os.PathLike[str], *, charts: bool = True
) -> WrittenReport:
    """Write ``report.md`` and ``report.html`` for ``accountability`` into ``folder``.

    Each file is replaced atomically; the folder is made where missing.

    :param charts: draw trend charts where the optional plotting library is installed.
    """
    from sociaaldomein.io.loading import write_atomic
    from sociaaldomein.render.html import render_html
    from sociaaldomein.render.markdown import render_markdown
    from sociaaldomein.render.report import build_report

    report = build_report(accountability, charts=charts)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    markdown, html = out / "report.md", out / "report.html"
    write_atomic(markdown, render_markdown(report))
    write_atomic(html, render_html(report))
    return WrittenReport(markdown, html, len(report.charts))
