"""The whole-country comparison report, from CSV file to HTML (not part of ``make test``).

A seeded synthetic account: 342 municipalities in 35 regions, 27 indicators
(percentages, grades and counts over the nine prestatievelden), ten years of
measurements (92,340) in one CSV file. Timed, as the median of several runs:

- ``account_for`` on the file (read and evaluated as columns), and on the
  same measurements given as objects (the objects' path), for comparison;
- ``build_report`` + ``render_html`` + ``render_markdown`` of the run;
- the whole: ``account_for`` on the file and the report, without charts
  (target <= 1 s) and with a trend chart per indicator (target <= 3 s).

Usage: ``python benchmarks/report_country.py [--municipalities 342]
[--indicators 27] [--years 10] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sociaaldomein import (
    Accountability,
    Measurement,
    Period,
    account_for,
    build_report,
    format_measurements,
)
from sociaaldomein.render.html import render_html
from sociaaldomein.render.markdown import render_markdown

FIRST_YEAR = 2015
T = TypeVar("T")
TYPES = (("percentage", 40, 90), ("grade", 6, 8.5), ("count", 10, 400))


def set_toml(indicators: int) -> str:
    lines = ['id = "land"', 'name = "Landelijke vergelijking"', 'version = "1"', ""]
    for number in range(indicators):
        kind, low, high = TYPES[number % len(TYPES)]
        goal = "at_least" if number % 4 else "at_most"
        value = round(low + (high - low) * 0.6, 1)
        if kind == "count":
            value = int(value)
        lines += [
            "[[indicators]]",
            f'id = "i{number:02d}"',
            f'name = "Indicator {number + 1} van het sociaal domein"',
            f'measurement_type = "{kind}"',
            f'target = {{ kind = "{goal}", value = {value} }}',
            f"prestatievelden = [{number % 9 + 1}]",
            'frequency = "yearly"',
            "",
        ]
    return "\n".join(lines)


def regions_toml(names: list[str], regions: int) -> str:
    size = -(-len(names) // regions)
    lines = ['name = "Nederland"', ""]
    for number in range(regions):
        members = names[number * size : (number + 1) * size]
        if members:
            lines += [
                "[[regions]]",
                f'name = "Regio {number + 1}"',
                "municipalities = ["
                + ", ".join(f'{{ name = "{name}" }}' for name in members)
                + "]",
                "",
            ]
    return "\n".join(lines)


def measurements(
    names: list[str], indicators: int, years: int, rng: random.Random
) -> list[Measurement]:
    found = []
    for number in range(indicators):
        kind, low, high = TYPES[number % len(TYPES)]
        for name in names:
            level = rng.uniform(low, high)
            for year in range(FIRST_YEAR, FIRST_YEAR + years):
                level = min(high, max(low, level + rng.uniform(-1, 1) * (high - low) * 0.03))
                value: float | int = round(level, 1)
                if kind == "count":
                    value = int(level)
                found.append(
                    Measurement(
                        f"i{number:02d}",
                        name,
                        Period.year(year),
                        value,
                        status="provisional" if year == FIRST_YEAR + years - 1 else "definitive",
                    )
                )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=342)
    parser.add_argument("--indicators", type=int, default=27)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(16)
    names = [f"Gemeente {number:03d}" for number in range(1, args.municipalities + 1)]
    with tempfile.TemporaryDirectory() as folder:
        set_file = Path(folder, "land.toml")
        set_file.write_text(set_toml(args.indicators), encoding="utf-8")
        province = Path(folder, "regions.toml")
        province.write_text(regions_toml(names, 35), encoding="utf-8")
        values = measurements(names, args.indicators, args.years, rng)
        table = Path(folder, "metingen.csv")
        table.write_text(format_measurements(values), encoding="utf-8")

        def run(given: list[Measurement] | list[Path]) -> Accountability:
            return account_for(
                set_file=set_file,
                measurements=given,
                subject=names[0],
                regions=province,
                period=str(FIRST_YEAR + args.years - 1),
            )

        columnar, done = timed(args.runs, lambda: run([table]))
        objects, _ = timed(1, lambda: run(values))
    print(
        f"{platform.machine()}, Python {platform.python_version()};"
        f" {len(values):,} measurements, {len(done.subjects)} subjects,"
        f" {len(done.indicators)} indicators"
    )
    print(f"account_for from the CSV file: {columnar:.2f} s (given as objects: {objects:.2f} s)")
    for charts, target in ((False, 1.0), (True, 3.0)):
        report, pages = timed(args.runs, lambda charts=charts: write(done, charts))
        whole = columnar + report
        verdict = "met" if whole <= target else "missed"
        print(
            f"report {'with' if charts else 'without'} charts: {whole:.2f} s"
            f" (account_for {columnar:.2f} s + report {report:.2f} s, medians of {args.runs};"
            f" {pages[0]} charts, {pages[1] / 1e6:.1f} MB) target <= {target:.0f} s: {verdict}"
        )


def timed(runs: int, work: Callable[[], T]) -> tuple[float, T]:
    """The median time of ``runs`` calls of ``work``, and what the last one gave."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        made = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), made


def write(run: Accountability, charts: bool) -> tuple[int, int]:
    """The report as HTML and Markdown: its number of charts and its size in bytes."""
    report = build_report(run, charts=charts)
    page = render_html(report)
    text = render_markdown(report)
    return len(report.charts), len(page.encode()) + len(text.encode())


if __name__ == "__main__":
    main()
