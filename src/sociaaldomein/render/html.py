"""The report as one self-contained HTML page (no scripts, fonts or images from elsewhere)."""

from __future__ import annotations

import html
from collections.abc import Iterable

from sociaaldomein.render.report import Report
from sociaaldomein.render.tables import budget_rows, row_cells, row_header, years_rows

__all__ = ["render_html"]

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:70rem;
color:#1b1b1b;line-height:1.4;padding:0 1rem}
h1{font-size:1.8rem}h2{border-bottom:2px solid #154273;color:#154273;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccc;
padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#eef2f7}
.met{background:#dff0d8}.within_tolerance{background:#fcf8e3}.not_met{background:#f2dede}
.no_data,.not_assessed{background:#f5f5f5}.summary{display:flex;gap:1rem;flex-wrap:wrap}
.summary div{border:1px solid #ccc;padding:.5rem 1rem;border-radius:.3rem}
.charts{display:flex;flex-wrap:wrap;gap:1rem}.chart{margin:.5rem 0}
.chart svg{width:26rem;height:auto}figcaption{font-size:.85rem;color:#555}
"""


def _html_table(header: list[str], body: Iterable[list[str]], classes: Iterable[str] = ()) -> str:
    classes = list(classes)
    head = "".join(f"<th>{html.escape(cell)}</th>" for cell in header)
    lines = []
    for index, cells in enumerate(body):
        css = f' class="{classes[index]}"' if index < len(classes) and classes[index] else ""
        lines.append(f"<tr{css}>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page, with trend charts where drawn."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="nl"><head><meta charset="utf-8">',
        f"<title>{html.escape(report.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(report.title)}</h1>",
    ]
    if report.subtitle:
        out.append(f"<p>{html.escape(report.subtitle)}</p>")
    out.append('<h2>Samenvatting</h2><div class="summary">')
    out += [
        f'<div class="{status.value}"><strong>{count}</strong> {html.escape(status.dutch)}</div>'
        for status, count in report.summary.items()
    ]
    out.append("</div>")
    for section in report.sections:
        out.append(f"<h2>{html.escape(section.title)}</h2>")
        statuses = [r.evaluation.status.value if r.evaluation else "no_data" for r in section.rows]
        out.append(
            _html_table(row_header(report), [row_cells(r, report) for r in section.rows], statuses)
        )
        figures = [
            f'<figure class="chart" data-indicator="{html.escape(row.indicator.id)}">'
            f"{report.charts[row.indicator.id]}"
            f"<figcaption>{html.escape(row.indicator.name)}</figcaption></figure>"
            for row in section.rows
            if row.indicator.id in report.charts and not row.label
        ]
        if figures:
            out.append('<div class="charts">' + "".join(figures) + "</div>")
    if report.comparison:
        comparison = report.comparison
        out.append("<h2>Vergelijking</h2>")
        out.append(_html_table(list(comparison.header), map(list, comparison.rows)))
    if report.budget:
        out.append("<h2>Begroting</h2>" + _html_table(*budget_rows(report.budget)))
        if report.budget.funding_per_year:
            out.append(
                "<h3>Dekking per kalenderjaar</h3>" + _html_table(*years_rows(report.budget))
            )
    if report.phases:
        out.append("<h2>Fasering en evaluatiemomenten</h2>")
        body = []
        for phase in report.phases:
            when = phase.period.dutch() if phase.period else ""
            body += [
                [phase.name, when, "mijlpaal", m.description, m.due.dutch()]
                for m in phase.milestones
            ]
            body += [
                [
                    phase.name,
                    when,
                    "evaluatie",
                    e.description + (f" (voor {e.audience})" if e.audience else ""),
                    e.due.dutch(),
                ]
                for e in phase.evaluations
            ]
        out.append(_html_table(["Fase", "Periode", "Soort", "Wat", "Wanneer"], body))
    if report.findings:
        out.append("<h2>Opmerkingen bij de gegevens</h2><ul>")
        out += [f"<li>{html.escape(str(finding))}</li>" for finding in report.findings]
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
