"""Rendering the whole-country comparison report (not part of ``make test``).

A seeded synthetic account: 342 municipalities in 35 regions, 27 indicators
(percentages, grades and counts over the nine prestatievelden), ten years of
measurements (92,340). The accountability run is made once (not timed); then
``build_report`` + ``render_html`` + ``render_markdown`` are timed, as the
median of several runs, without charts (target <= 1 s) and with a trend
chart per indicator (target <= 3 s).

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
from pathlib import Path

from sociaaldomein import Measurement, Period, account_for, build_report
from sociaaldomein.render.html import render_html
from sociaaldomein.render.markdown import render_markdown

FIRST_YEAR = 2015
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
        started = time.perf_counter()
        run = account_for(
            set_file=set_file,
            measurements=values,
            subject=names[0],
            regions=province,
            period=str(FIRST_YEAR + args.years - 1),
        )
        setup = time.perf_counter() - started
    print(
        f"{platform.machine()}, Python {platform.python_version()};"
        f" {len(values):,} measurements, {len(run.subjects)} subjects,"
        f" {len(run.indicators)} indicators (account_for, not timed: {setup:.1f} s)"
    )
    for charts, target in ((False, 1.0), (True, 3.0)):
        times, size = [], 0
        for _ in range(args.runs):
            started = time.perf_counter()
            report = build_report(run, charts=charts)
            page = render_html(report)
            text = render_markdown(report)
            times.append(time.perf_counter() - started)
            size = len(page.encode()) + len(text.encode())
        median = statistics.median(times)
        verdict = "met" if median <= target else "missed"
        print(
            f"report {'with' if charts else 'without'} charts: {median:.2f} s"
            f" (median of {args.runs}; {len(report.charts)} charts, {size / 1e6:.1f} MB)"
            f" target <= {target:.0f} s: {verdict}"
        )


if __name__ == "__main__":
    main()
