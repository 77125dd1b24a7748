"""Evaluate the Kampen Wmo development pilot (2005-2007) and add up its budget.

The plan (``kampen-ontwikkelpilot/plan.toml``) follows the municipality's
project plan; the measurements (``measurements.csv``) are illustrative.
Run it with ``make demo`` or ``python examples/kampen_ontwikkelpilot.py``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sociaaldomein import (
    Measurement,
    Plugins,
    Project,
    evaluate_all,
    load_measurements,
    load_plan,
    summarise_budget,
)
from sociaaldomein.app.checks import validate_plan
from sociaaldomein.text.numbers import format_number

FOLDER = Path(__file__).resolve().parent / "kampen-ontwikkelpilot"


def pilot() -> Project:
    return load_plan(FOLDER / "plan.toml")


def measurements(project: Project | None = None) -> list[Measurement]:
    indicators = (project or pilot()).indicators
    return load_measurements(FOLDER / "measurements.csv", indicators=indicators)


def _euro(amount: Decimal) -> str:
    return f"EUR {format_number(amount, decimals=2)}"


def main() -> None:
    project = pilot()
    print(f"{project.name} ({project.period.dutch() if project.period else '?'})")
    for finding in validate_plan(project, Plugins()):
        print(f"  {finding}")

    print("\nResultaten (metingen zijn illustratief)")
    for result in evaluate_all(project.indicators, measurements(project)):
        print(f"- {result.indicator} {result.period}: {result.status.dutch}\n    {result.reason}")

    assert project.budget is not None
    summary = summarise_budget(project.budget)
    print(f"\nBegroting {project.budget.period.dutch()} (per jaar, voor de hele periode)")
    for line, amounts in summary.lines:
        print(
            f"  {line.source:16} {line.description:52} {_euro(amounts.per_year):>14}"
            f" {_euro(amounts.period):>14}"
        )
    for source in summary.sources:
        for label, amounts in (
            ("Totaal", summary.costs[source]),
            ("Dekking", summary.funding[source]),
            ("Tekort", summary.deficit[source]),
        ):
            print(
                f"  {label + ' ' + source:69} {_euro(amounts.per_year):>14}"
                f" {_euro(amounts.period):>14}"
            )
    print("\nDekking per kalenderjaar")
    for source, years in summary.funding_per_year.items():
        for year, amount in years.items():
            print(f"  {source} {year}: {_euro(amount)}")


if __name__ == "__main__":
    main()
