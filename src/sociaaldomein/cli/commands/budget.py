"""``budget``: cost lines, totals, deficit and the split per calendar year."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.output import (
    EXIT_OK,
    Invalid,
    add_format,
    emit,
)

TYPE_CHECKING = False  # not typing's: importing typing slows the command line
if TYPE_CHECKING:
    from typing import Any


def run(args: argparse.Namespace) -> int:
    from sociaaldomein.core.budgets import summarise_budget
    from sociaaldomein.io.loading import load_plan

    plan = load_plan(args.plan)
    if plan.budget is None:
        raise Invalid(f"{args.plan}: the plan has no [budget]")
    summary = summarise_budget(plan.budget, split_by=args.split_by)

    def pair(amounts: Any) -> dict[str, str]:
        return {"per_year": str(amounts.per_year), "period": str(amounts.period)}

    data = {
        "period": str(plan.budget.period),
        "lines": [
            {"source": line.source, "description": line.description, **pair(amounts)}
            for line, amounts in summary.lines
        ],
        "sources": {
            source: {
                "costs": pair(summary.costs[source]),
                "funding": pair(summary.funding[source]),
                "deficit": pair(summary.deficit[source]),
                "per_calendar_year": {
                    str(year): str(amount)
                    for year, amount in summary.funding_per_year.get(source, {}).items()
                },
            }
            for source in summary.sources
        },
        "deficit": pair(summary.total_deficit),
    }

    def text(data: dict[str, Any]) -> str:
        from sociaaldomein.render.tables import budget_table, euro, plain_text, years_table

        parts = [f"Begroting {data['period']}", "", plain_text(budget_table(summary))]
        if summary.funding_per_year:
            parts += ["", "Dekking per kalenderjaar", "", plain_text(years_table(summary))]
        parts += ["", f"Tekort totaal: {euro(summary.total_deficit.period)}"]
        return "\n".join(parts)

    emit(args, data, text)
    return EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    add_format(sub)
    sub.add_argument("plan", metavar="PLAN")
    sub.add_argument("--split-by", choices=("months", "days"), default="months")
