"""``budget``: cost lines, totals, deficit and the split per calendar year."""

from __future__ import annotations

import argparse
from typing import Any

from sociaaldomein.cli.output import (
    EXIT_OK,
    Invalid,
    add_format,
    emit,
)


def run(args: argparse.Namespace) -> int:
    from sociaaldomein.core.budgets import summarise_budget
    from sociaaldomein.io.loading import load_plan
    from sociaaldomein.text.numbers import format_number

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

    def euro(text: str) -> str:
        from decimal import Decimal

        return f"EUR {format_number(Decimal(text), decimals=2)}"

    def text(data: dict[str, Any]) -> str:
        lines = [f"Begroting {data['period']}: per jaar / hele periode"]
        for line in data["lines"]:
            lines.append(
                f"  {line['source']:16} {line['description']:50} {euro(line['per_year']):>15}"
                f" {euro(line['period']):>15}"
            )
        for source, parts in data["sources"].items():
            for label in ("costs", "funding", "deficit"):
                name = {"costs": "Kosten", "funding": "Dekking", "deficit": "Tekort"}[label]
                lines.append(
                    f"  {name + ' ' + source:67} {euro(parts[label]['per_year']):>15}"
                    f" {euro(parts[label]['period']):>15}"
                )
            for year, amount in parts["per_calendar_year"].items():
                lines.append(f"  {source} {year}: {euro(amount)}")
        lines.append(
            f"  {'Tekort totaal':67} {euro(data['deficit']['per_year']):>15}"
            f" {euro(data['deficit']['period']):>15}"
        )
        return "\n".join(lines)

    emit(args, data, text)
    return EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    add_format(sub)
    sub.add_argument("plan", metavar="PLAN")
    sub.add_argument("--split-by", choices=("months", "days"), default="months")
