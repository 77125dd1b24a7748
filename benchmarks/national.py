"""Benchmarks at national scale: ``make bench`` (not part of ``make test``).

A seeded synthetic data set: a base set of 300 indicators, 342 municipal
sets that extend it, and one measurement per municipality, indicator and
year for ten years (1,026,000 measurements). Every figure is the minimum of
``--runs`` runs in one process, next to the best tool run on the same data
in the same run:

- ``load-csv-1m``: the columnar reader versus ``polars.read_csv`` (and
  ``pyarrow.csv``, where installed) of the same file;
- ``evaluate-1m``: the columnar engine versus a hand-written polars
  evaluation of the same targets, starting from the columns polars loaded
  (exact, in integer tenths), with the statuses checked equal;
- ``load-evaluate-1m``: both, wall clock;
- ``peak-memory-1m``: peak resident memory of a fresh process that loads
  and evaluates the file;
- ``help``: ``sociaaldomein --help`` versus ``python -c pass``;
- ``report-country``: ``report_country.py`` (the report without and with charts);
- ``load-sets``: 343 sets through cattrs versus tomllib alone;
- the user's path (``user_path.py``, issue 27): ``account-for-1m`` and
  ``account-for-10m`` (``account_for`` with one subject and the comparison
  of all), ``validate-2m`` (the command), ``evaluate-national`` and
  ``report-national`` (the commands, the report with charts), each in a
  fresh process beside polars reading the same file in a fresh process,
  with peak memory; ``--no-large`` leaves out ten million rows.

With ``--scalar`` it also times the scalar path (``load_measurements`` and
``evaluate_all``) once, for the before/after table in README.md.
Writes ``benchmarks/results.json``.

Usage: ``nice python benchmarks/national.py [--municipalities 342]
[--indicators 300] [--years 10] [--runs 3] [--scalar] [--no-large]``.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

from sociaaldomein import (
    AtLeast,
    AtMost,
    Change,
    Indicator,
    IndicatorSet,
    Margin,
    Override,
    Period,
    RisingTrend,
    dump_toml,
    evaluate_all,
    load_measurements,
    loads_toml,
)
from sociaaldomein.core.engine import evaluate_table
from sociaaldomein.io.table import read_measurements_table

FIRST_YEAR = 2015
KINDS = ("at_least", "at_most", "change")
RESULTS = Path(__file__).with_name("results.json")


def base_set(count: int, rng: random.Random) -> IndicatorSet:
    indicators = []
    for number in range(count):
        kind = KINDS[number % 3]
        if kind == "at_least":
            target, tolerance, direction = AtLeast(rng.randrange(20, 80)), Margin(5), None
        elif kind == "at_most":
            target, tolerance, direction = AtMost(rng.randrange(20, 80)), None, None
        else:
            target, tolerance = Change(rng.choice([5, 10, -10])), RisingTrend()
            direction = "higher_is_better" if target.amount > 0 else "lower_is_better"
        indicators.append(
            Indicator(
                f"i{number:03d}",
                f"Indicator {number}",
                "percentage",
                direction=direction,
                target=target,
                tolerance=tolerance,
                baseline_period=Period.year(FIRST_YEAR),
                source="CBS",
                prestatievelden=[number % 9 + 1],
            )
        )
    return IndicatorSet("nl", "Basisset", version="1", indicators=indicators)


def municipal_set(number: int, base: IndicatorSet, rng: random.Random) -> IndicatorSet:
    picked = rng.sample([i.id for i in base.indicators if i.target.kind == "at_least"], 3)
    return IndicatorSet(
        f"gm{number:04d}",
        f"Gemeente {number}",
        extends=base.id,
        indicators=[Indicator(f"gm{number:04d}.lokaal", "Lokaal", "count")],
        overrides=[
            Override(key, target=AtLeast(rng.randrange(30, 60)), source="lokaal") for key in picked
        ],
    )


def measurements_file(
    path: Path, municipalities: int, indicators: int, years: int, rng: random.Random
) -> int:
    """Write the CSV: one value in tenths from 0 to 100 per municipality, indicator, year."""
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["indicator", "subject", "period", "value"])
        for m in range(municipalities):
            for i in range(indicators):
                for y in range(years):
                    value = rng.randrange(0, 1001)
                    writer.writerow(
                        [f"i{i:03d}", f"GM{m:04d}", FIRST_YEAR + y, f"{value // 10}.{value % 10}"]
                    )
                    rows += 1
    return rows


def hand_written(loaded: pl.DataFrame, indicators: list[Indicator]) -> pl.DataFrame:
    """The same statuses, written by hand in polars from the loaded columns, exact in tenths.

    2 met, 1 within tolerance, 0 not met, -1 no data (a relative change on a
    baseline of 0 cannot be judged); the baseline year is left out.
    """
    params = pl.DataFrame(
        {
            "indicator": [i.id for i in indicators],
            "kind": [KINDS.index(i.target.kind) for i in indicators],
            "target": [
                int(i.target.value * 10) if i.target.kind != "change" else 0 for i in indicators
            ],
            "amount": [
                int(i.target.amount) if i.target.kind == "change" else 0 for i in indicators
            ],
        }
    )
    frame = loaded.with_columns(tenths=(pl.col("value") * 10).round().cast(pl.Int64))
    baseline = frame.filter(pl.col("period") == FIRST_YEAR).select(
        "indicator", "subject", base=pl.col("tenths")
    )
    frame = (
        frame.filter(pl.col("period") != FIRST_YEAR)
        .join(params, on="indicator")
        .join(baseline, on=["indicator", "subject"], how="left")
    )
    value, target, base, amount = (pl.col(c) for c in ("tenths", "target", "base", "amount"))
    wanted = base * (100 + amount)
    met = (
        pl.when(pl.col("kind") == 0)
        .then(value >= target)
        .when(pl.col("kind") == 1)
        .then(value <= target)
        .when(amount > 0)
        .then(value * 100 >= wanted)
        .otherwise(value * 100 <= wanted)
    )
    within = (
        pl.when(pl.col("kind") == 0)
        .then(value >= target - 50)
        .when(pl.col("kind") == 1)
        .then(False)
        .when(amount > 0)
        .then(value > base)
        .otherwise(value < base)
    )
    unjudged = (pl.col("kind") == KINDS.index("change")) & (base == 0)
    status = (
        pl.when(unjudged).then(-1).when(met).then(2).when(within).then(1).otherwise(0).cast(pl.Int8)
    )
    return frame.select("indicator", "subject", "period", status=status)


def fastest(function: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        result = None
        gc.collect()
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return min(times), result


def startup(command: list[str], runs: int = 10) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return min(times) * 1000


_PEAK = """
import sys
from sociaaldomein import Indicator
from sociaaldomein.core.engine import evaluate_table
from sociaaldomein.io.table import read_measurements_table
sys.path.insert(0, {folder!r})
from national import base_set
import random
import re
indicators = list(base_set({indicators}, random.Random(2026)).indicators)
results = evaluate_table(read_measurements_table({path!r}, indicators=indicators))
# VmHWM: this process's own peak (ru_maxrss would carry the parent's over exec).
status = open("/proc/self/status").read()
print(len(results), status.split("VmHWM:")[1].split()[0])
"""


def entry(
    id: str,
    value: float,
    unit: str,
    baseline: float | None,
    target: float,
    *,
    ratio: bool,
    **extra: Any,
) -> dict[str, Any]:
    compared = value / baseline if ratio and baseline else None
    measured = compared if ratio else value
    return {
        "id": id,
        "value": round(value, 4),
        "unit": unit,
        "baseline": None if baseline is None else round(baseline, 4),
        "ratio": None if compared is None else round(compared, 2),
        "target": target,
        "met": None if measured is None else bool(measured <= target),
        **extra,
    }


def report_country(runs: int) -> dict[str, Any]:
    """``report_country.py`` (the whole-country comparison report), as one entry."""
    script = Path(__file__).with_name("report_country.py")
    done = subprocess.run(
        [sys.executable, str(script), "--runs", str(runs)], capture_output=True, text=True
    )
    found = dict(re.findall(r"report (without|with) charts: ([0-9.]+) s", done.stdout))
    if done.returncode != 0 or len(found) != 2:
        return {
            "id": "report-country",
            "value": None,
            "unit": "s",
            "baseline": None,
            "ratio": None,
            "target": 1,
            "met": None,
            "note": f"report_country.py failed: {done.stderr.strip()[-200:]}",
        }
    plain, charts = float(found["without"]), float(found["with"])
    run = re.search(
        r"account_for from the CSV file: ([0-9.]+) s \(given as objects: ([0-9.]+) s", done.stdout
    )
    print(f"report for the whole country: {plain:.2f} s; with charts {charts:.2f} s")
    return {
        **entry("report-country", plain, "s", None, 1, ratio=False),
        "with_charts": charts,
        "with_charts_target": 3,
        "met": plain <= 1 and charts <= 3,
        "account_for": float(run.group(1)) if run else None,
        "account_for_objects": float(run.group(2)) if run else None,
        "note": "account_for on the CSV file plus the report, medians of the runs,"
        " as report_country.py measures it",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="sociaaldomein at national scale")
    parser.add_argument("--municipalities", type=int, default=342)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scalar", action="store_true", help="also time the scalar path once")
    parser.add_argument("--no-large", action="store_true", help="leave out ten million rows")
    args = parser.parse_args()
    rng = random.Random(2026)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python"
        f" {platform.python_version()}, polars {pl.__version__}, load average"
        f" {os.getloadavg()[0]:.2f} at the start"
    )
    entries = []

    base = base_set(args.indicators, rng)
    sets = [base] + [municipal_set(n, base, rng) for n in range(args.municipalities)]
    texts = [dump_toml(s) for s in sets]
    parse_time, _ = fastest(lambda: [tomllib.loads(t) for t in texts], args.runs)
    load_time, _ = fastest(lambda: [loads_toml(t, IndicatorSet) for t in texts], args.runs)
    entries.append(entry("load-sets", load_time, "s", parse_time, 1.5, ratio=True))
    print(f"load {len(texts)} sets: {load_time:.3f} s; tomllib alone {parse_time:.3f} s")

    indicators = list(base.indicators)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "measurements.csv"
        rows = measurements_file(path, args.municipalities, args.indicators, args.years, rng)

        polars_time, loaded = fastest(lambda: pl.read_csv(path), args.runs)
        try:
            from pyarrow import csv as arrow_csv
        except ImportError:
            arrow_time = None
        else:
            arrow_time, _ = fastest(lambda: arrow_csv.read_csv(path), args.runs)
        load_csv_time, table = fastest(
            lambda: read_measurements_table(path, indicators=indicators), args.runs
        )
        best = min(t for t in (polars_time, arrow_time) if t is not None)
        entries.append(
            entry(
                "load-csv-1m",
                load_csv_time,
                "s",
                polars_time,
                2,
                ratio=True,
                pyarrow=None if arrow_time is None else round(arrow_time, 4),
            )
        )
        print(
            f"load {rows:,} measurements: {load_csv_time:.3f} s; polars.read_csv"
            f" {polars_time:.3f} s; pyarrow.csv {arrow_time} s;"
            f" ratio to polars {load_csv_time / polars_time:.2f} (best {load_csv_time / best:.2f})"
        )

        hand_time, expected = fastest(lambda: hand_written(loaded, indicators), args.runs)
        evaluate_time, results = fastest(lambda: evaluate_table(table), args.runs)
        codes = {"met": 2, "within_tolerance": 1, "not_met": 0, "no_data": -1}
        got = results.frame.select(
            pl.col("indicator").cast(pl.String),
            pl.col("subject").cast(pl.String),
            (pl.col("period").cast(pl.Int64) + FIRST_YEAR).alias("period"),
            engine=pl.col("status").cast(pl.String).replace_strict(codes, return_dtype=pl.Int8),
        )
        compared = expected.join(got, on=["indicator", "subject", "period"], how="full")
        same = bool(
            compared.height == len(results) == expected.height
            and compared.select((pl.col("status") == pl.col("engine")).all()).item()
        )
        entries.append(
            entry("evaluate-1m", evaluate_time, "s", hand_time, 3, ratio=True, statuses_equal=same)
        )
        print(
            f"evaluate: {len(results):,} results in {evaluate_time:.3f} s; hand-written polars"
            f" {hand_time:.3f} s; ratio {evaluate_time / hand_time:.2f}; statuses equal: {same}"
        )

        both_time, _ = fastest(
            lambda: evaluate_table(read_measurements_table(path, indicators=indicators)),
            args.runs,
        )
        entries.append(entry("load-evaluate-1m", both_time, "s", None, 0.5, ratio=False))
        print(f"load + evaluate: {both_time:.3f} s")

        code = _PEAK.format(
            folder=str(Path(__file__).parent), indicators=args.indicators, path=str(path)
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        peak = int(done.stdout.split()[1]) / 1024
        entries.append(entry("peak-memory-1m", peak, "MiB", None, 500, ratio=False))
        print(f"peak memory of a process that loads and evaluates: {peak:.0f} MiB")

        if args.scalar:
            started = time.perf_counter()
            measurements = load_measurements(path, indicators=indicators)
            scalar_load = time.perf_counter() - started
            started = time.perf_counter()
            evaluate_all(indicators, measurements)
            scalar_evaluate = time.perf_counter() - started
            print(f"scalar path (once): load {scalar_load:.2f} s, evaluate {scalar_evaluate:.2f} s")

    script = Path(sys.executable).with_name("sociaaldomein")
    help_ms = startup([str(script), "--help"])
    bare_ms = startup([sys.executable, "-c", "pass"])
    entries.append(entry("help", help_ms, "ms", bare_ms, 4, ratio=True))
    print(f"sociaaldomein --help {help_ms:.0f} ms; python -c pass {bare_ms:.0f} ms")
    entries.append(report_country(args.runs))
    from user_path import user_path

    entries += user_path(args.runs, large=not args.no_large)
    RESULTS.write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
