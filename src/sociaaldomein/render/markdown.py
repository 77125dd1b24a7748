"""The report as Markdown."""

from __future__ import annotations

from collections.abc import Iterable

from sociaaldomein.render.report import Report
from sociaaldomein.render.tables import budget_rows, row_cells, row_header, years_rows

__all__ = ["render_markdown"]


def _md_table(header: list[str], body: Iterable[list[str]]) -> str:
    def line(cells: list[str]) -> str:
        return (
            "| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in cells) + " |"
        )

    return "\n".join([line(header), line(["---"] * len(header)), *map(line, body)])


def render_markdown(report: Report) -> str:
    """The report as Markdown (charts are left to the HTML version)."""
    parts = [f"# {report.title}", ""]
    if report.subtitle:
        parts += [report.subtitle, ""]
    parts += ["## Samenvatting", ""]
    parts += [f"- {status.dutch}: {count}" for status, count in report.summary.items()]
    for section in report.sections:
        parts += [
            "",
            f"## {section.title}",
            "",
            _md_table(row_header(report), [row_cells(r, report) for r in section.rows]),
        ]
    if report.comparison:
        comparison = report.comparison
        parts += ["", "## Vergelijking", ""]
        parts.append(_md_table(list(comparison.header), map(list, comparison.rows)))
    if report.budget:
        parts += ["", "## Begroting", "", _md_table(*budget_rows(report.budget))]
        if report.budget.funding_per_year:
            parts += [
                "",
                "### Dekking per kalenderjaar",
                "",
                _md_table(*years_rows(report.budget)),
            ]
    if report.phases:
        parts += ["", "## Fasering en evaluatiemomenten", ""]
        for phase in report.phases:
            when = f" ({phase.period.dutch()})" if phase.period else ""
            parts.append(f"- **{phase.name}**{when}")
            parts += [f"  - mijlpaal: {m.description}, {m.due.dutch()}" for m in phase.milestones]
            parts += [
                f"  - evaluatie: {e.description}, {e.due.dutch()}"
                + (f" (voor {e.audience})" if e.audience else "")
                for e in phase.evaluations
            ]
    if report.findings:
        parts += ["", "## Opmerkingen bij de gegevens", ""]
        parts += [f"- {finding}" for finding in report.findings]
    return "\n".join(parts) + "\n"
