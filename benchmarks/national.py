"""Benchmarks at national scale: ``make bench`` (not part of ``make test``).

A seeded synthetic data set: a base set of 300 indicators, 342 municipal
sets that extend it, and one measurement per municipality, indicator and
year for ten years (1,026,000 measurements). Prints, as the median of
several runs in one process:

1. loading the 343 sets versus parsing the same TOML with tomllib alone;
2. loading the measurements CSV versus reading it with the csv module alone;
3. evaluating every measurement, versus a vectorised numpy computation of
   the same statuses (checked equal to the library's);
4. peak memory of 1 and 3 (tracemalloc, in separate runs);
5. start-up time of ``sociaaldomein --help`` and ``import sociaaldomein``.

Usage: ``python benchmarks/national.py [--municipalities 342] [--indicators 300]
[--years 10] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np

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
    Status,
    dump_toml,
    evaluate_all,
    load_measurements,
    loads_toml,
)

FIRST_YEAR = 2015
KINDS = ("at_least", "at_most", "change")


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
) -> np.ndarray:
    """Write the CSV and return the values in tenths, shaped (municipality, indicator, year)."""
    tenths = np.array(
        [
            [[rng.randrange(0, 1001) for _ in range(years)] for _ in range(indicators)]
            for _ in range(municipalities)
        ],
        dtype=np.int64,
    )
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["indicator", "subject", "period", "value"])
        for m in range(municipalities):
            for i in range(indicators):
                for y in range(years):
                    value = tenths[m, i, y]
                    writer.writerow(
                        [f"i{i:03d}", f"GM{m:04d}", FIRST_YEAR + y, f"{value // 10}.{value % 10}"]
                    )
    return tenths


def numpy_statuses(indicators: list[Indicator], tenths: np.ndarray) -> np.ndarray:
    """The same statuses, vectorised and in exact integer tenths: 2 met, 1 within, 0 not met."""
    now, base = tenths[:, :, 1:], tenths[:, :, :1]
    status = np.zeros(now.shape, dtype=np.int8)
    for index, indicator in enumerate(indicators):
        value, baseline = now[:, index, :], base[:, index, :]
        target = indicator.target
        if isinstance(target, AtLeast):
            threshold = int(target.value * 10)
            met, within = value >= threshold, value >= threshold - 50
        elif isinstance(target, AtMost):
            threshold = int(target.value * 10)
            met, within = value <= threshold, np.zeros_like(value, dtype=bool)
        else:
            amount = int(target.amount)
            wanted = baseline * (100 + amount)
            if amount > 0:
                met, within = value * 100 >= wanted, value > baseline
            else:
                met, within = value * 100 <= wanted, value < baseline
        status[:, index, :] = np.where(met, 2, np.where(within, 1, 0))
    return status


def library_statuses(results: list, shape: tuple[int, ...]) -> np.ndarray:
    codes = {Status.MET: 2, Status.WITHIN_TOLERANCE: 1, Status.NOT_MET: 0}
    status = np.full(shape, -1, dtype=np.int8)
    for result in results:
        m = int(result.subject[2:])
        i = int(result.indicator[1:])
        y = result.period.start.year - FIRST_YEAR - 1
        status[m, i, y] = codes[result.status]
    return status


def median_time(function: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def peak_memory(function: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    kept = function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del kept
    return peak / 2**20


def startup(command: list[str], runs: int = 10) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description="sociaaldomein at national scale")
    parser.add_argument("--municipalities", type=int, default=342)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(2026)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores,"
        f" Python {platform.python_version()}, {platform.platform()}"
    )

    # 1. sets
    base = base_set(args.indicators, rng)
    sets = [base] + [municipal_set(n, base, rng) for n in range(args.municipalities)]
    texts = [dump_toml(s) for s in sets]
    parse_time, _ = median_time(lambda: [tomllib.loads(t) for t in texts], args.runs)
    load_time, _ = median_time(lambda: [loads_toml(t, IndicatorSet) for t in texts], args.runs)
    print(
        f"1. load {len(texts)} sets: {load_time:.3f} s; tomllib alone {parse_time:.3f} s;"
        f" ratio {load_time / parse_time:.2f} (target <= 1.5)"
    )

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "measurements.csv"
        tenths = measurements_file(path, args.municipalities, args.indicators, args.years, rng)
        rows = tenths.size
        indicators = list(base.indicators)

        # 2. CSV
        def bare_csv() -> list[list[str]]:
            with path.open(encoding="utf-8", newline="") as stream:
                return list(csv.reader(stream))

        csv_time, _ = median_time(bare_csv, args.runs)
        load_csv_time, measurements = median_time(
            lambda: load_measurements(path, indicators=indicators), args.runs
        )
        print(
            f"2. load {rows:,} measurements: {load_csv_time:.2f} s; csv module alone"
            f" {csv_time:.2f} s; ratio {load_csv_time / csv_time:.2f} (target <= 2)"
        )

        # 3. evaluation
        assert isinstance(measurements, list)
        evaluate_time, results = median_time(
            lambda: evaluate_all(indicators, measurements), args.runs
        )
        numpy_time, expected = median_time(lambda: numpy_statuses(indicators, tenths), args.runs)
        assert isinstance(results, list)
        got = library_statuses(results, expected.shape)  # type: ignore[union-attr]
        same = bool(np.array_equal(got, expected))
        print(
            f"3. evaluate {len(results):,} results from {rows:,} measurements:"
            f" {evaluate_time:.2f} s ({rows / evaluate_time:,.0f} measurements/s, target <= 2 s);"
            f" numpy {numpy_time:.3f} s; ratio {evaluate_time / numpy_time:.1f} (target <= 3);"
            f" statuses equal: {same}"
        )
        del results

        # 4. memory
        sets_peak = peak_memory(lambda: [loads_toml(t, IndicatorSet) for t in texts])
        eval_peak = peak_memory(lambda: evaluate_all(indicators, measurements))
        measurements_peak = peak_memory(lambda: load_measurements(path, indicators=indicators))
        print(
            f"4. peak memory: loading sets {sets_peak:.0f} MiB; evaluating {eval_peak:.0f} MiB"
            f" (besides the measurements, which take {measurements_peak:.0f} MiB to load);"
            " target < 500 MB"
        )

    # 5. start-up
    script = Path(sys.executable).with_name("sociaaldomein")
    help_ms = startup([str(script), "--help"])
    import_ms = startup([sys.executable, "-c", "import sociaaldomein"])
    bare_ms = startup([sys.executable, "-c", "pass"])
    print(
        f"5. start-up: sociaaldomein --help {help_ms:.0f} ms (target < 150);"
        f" import sociaaldomein {import_ms:.0f} ms; bare python {bare_ms:.0f} ms"
    )


if __name__ == "__main__":
    main()
