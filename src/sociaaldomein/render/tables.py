"""The budget and the phases as plain tables for the report model."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sociaaldomein.core.budgets import BudgetSummary
from sociaaldomein.model.project import Phase
from sociaaldomein.render.model import Table
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import format_number

__all__ = ["budget_table", "euro", "phases_table", "plain_text", "years_table"]


def euro(amount: Decimal) -> str:
    """An amount in euros, with cents: ``EUR 29.200,00``."""
    return f"EUR {format_number(amount, decimals=2)}"


def budget_table(budget: BudgetSummary) -> Table:
    """Every budget line, then per funding source its costs, funding and deficit."""
    rows = [
        (line.source, line.description, euro(amounts.per_year), euro(amounts.period))
        for line, amounts in budget.lines
    ]
    for source in budget.sources:
        for label, amounts in (
            (_("Totaal kosten"), budget.costs[source]),
            (_("Dekking"), budget.funding[source]),
            (_("Tekort"), budget.deficit[source]),
        ):
            rows.append((source, label, euro(amounts.per_year), euro(amounts.period)))
    return Table((_("Bron"), _("Post"), _("Per jaar"), _("Hele periode")), tuple(rows))


def years_table(budget: BudgetSummary) -> Table:
    """The funding per source split over calendar years."""
    years = sorted({year for parts in budget.funding_per_year.values() for year in parts})
    return Table(
        (_("Bron"), *map(str, years)),
        tuple(
            (source, *(euro(parts.get(year, Decimal(0))) for year in years))
            for source, parts in budget.funding_per_year.items()
        ),
    )


def phases_table(phases: Iterable[Phase]) -> Table:
    """Each phase's milestones and evaluation moments, one per row."""
    rows: list[tuple[str, ...]] = []
    for phase in phases:
        when = phase.period.dutch() if phase.period else ""
        rows += [
            (phase.name, when, _("mijlpaal"), m.description, m.due.dutch())
            for m in phase.milestones
        ]
        rows += [
            (
                phase.name,
                when,
                _("evaluatie"),
                _("{what} (voor {audience})").format(what=e.description, audience=e.audience)
                if e.audience
                else e.description,
                e.due.dutch(),
            )
            for e in phase.evaluations
        ]
    return Table((_("Fase"), _("Periode"), _("Soort"), _("Wat"), _("Wanneer")), tuple(rows))


def plain_text(table: Table) -> str:
    """A table as aligned plain text, for a terminal: amounts right-aligned."""
    rows = [table.header, *table.rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(table.header))]

    amounts = [any(row[i].startswith("EUR ") for row in table.rows) for i in range(len(widths))]

    def line(row: tuple[str, ...]) -> str:
        cells = [
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(row, widths, amounts, strict=True)
        ]
        return "  ".join(cells).rstrip()

    return "\n".join(line(row) for row in rows)
