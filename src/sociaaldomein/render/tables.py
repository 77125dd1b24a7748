"""Tables the Markdown and HTML reports share: indicator rows and the budget."""

from __future__ import annotations

from decimal import Decimal

from sociaaldomein.core.budgets import BudgetSummary
from sociaaldomein.core.evaluation import Status
from sociaaldomein.render.report import Report, Row
from sociaaldomein.text.numbers import format_number

__all__ = ["ROW_HEADER", "budget_rows", "euro", "row_cells", "row_header", "years_rows"]


def euro(amount: Decimal) -> str:
    return f"EUR {format_number(amount, decimals=2)}"


def budget_rows(budget: BudgetSummary) -> tuple[list[str], list[list[str]]]:
    header = ["Bron", "Post", "Per jaar", "Hele periode"]
    body = [
        [line.source, line.description, euro(amounts.per_year), euro(amounts.period)]
        for line, amounts in budget.lines
    ]
    for source in budget.sources:
        for label, amounts in (
            ("Totaal kosten", budget.costs[source]),
            ("Dekking", budget.funding[source]),
            ("Tekort", budget.deficit[source]),
        ):
            body.append([source, label, euro(amounts.per_year), euro(amounts.period)])
    return header, body


def years_rows(budget: BudgetSummary) -> tuple[list[str], list[list[str]]]:
    years = sorted({year for parts in budget.funding_per_year.values() for year in parts})
    header = ["Bron", *map(str, years)]
    body = [
        [source, *(euro(parts.get(year, Decimal(0))) for year in years)]
        for source, parts in budget.funding_per_year.items()
    ]
    return header, body


ROW_HEADER = ["Indicator", "Status", "Waarde", "Doel", "Nulmeting", "Trend", "Toelichting"]


def row_header(report: Report) -> list[str]:
    """The columns of an indicator table; a reference column where there are references."""
    return [*ROW_HEADER, "Referentie"] if report.references else list(ROW_HEADER)


def row_cells(row: Row, report: Report) -> list[str]:
    """The cells of one indicator row, in the order of :func:`row_header`."""
    status = row.evaluation.status.dutch if row.evaluation else Status.NO_DATA.dutch
    reason = row.evaluation.reason if row.evaluation else "geen meting"
    name = row.label or row.indicator.name
    cells = [name, status, row.value, row.target, row.baseline, row.trend, reason]
    return [*cells, row.references] if report.references else cells
