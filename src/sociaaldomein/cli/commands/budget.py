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
    from sociaaldomein.text.language import _

    plan = load_plan(args.plan)
    if plan.budget is None:
        raise Invalid(_("{plan}: het plan heeft geen [budget]").format(plan=args.plan))
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

        parts = [
            _("Begroting {period}").format(period=data["period"]),
            "",
            plain_text(budget_table(summary)),
        ]
        if summary.funding_per_year:
            parts += ["", _("Dekking per kalenderjaar"), "", plain_text(years_table(summary))]
        parts += [
            "",
            _("Tekort totaal: {amount}").format(amount=euro(summary.total_deficit.period)),
        ]
        return "\n".join(parts)

    emit(args, data, text)
    return EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    from sociaaldomein.text.language import _

    add_format(sub)
    sub.add_argument("plan", metavar="PLAN", help=_("een plan (TOML) met een [budget]"))
    sub.add_argument(
        "--split-by",
        choices=("months", "days"),
        default="months",
        help=_(
            "hoe de dekking over de kalenderjaren van de periode wordt verdeeld: naar het"
            " aantal maanden (months, standaard) of dagen (days) in elk jaar"
        ),
    )
