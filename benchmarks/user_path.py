"""The user's path at national scale, for ``national.py`` (issue 27).

What a user runs, each in a fresh process beside ``polars.read_csv`` of
the same file in a fresh process of the same run, with the peak memory
(``VmHWM``) of each:

- ``account-for-1m`` and ``account-for-10m``: ``account_for`` with one
  subject (``GM0000``) and the comparison of all subjects, on national.py's
  generated files of 1,026,000 and 10,260,000 rows (342 or 3,420 subjects,
  300 indicators, ten years); the time of the call, beside polars' read;
- ``validate-2m``: ``sociaaldomein validate`` on 2,052,000 rows (twenty
  years), the whole command beside a process that imports polars and reads;
- ``evaluate-national`` and ``report-national``: ``sociaaldomein evaluate``
  and ``sociaaldomein report`` (with charts, with regions) on the file of
  ``report_country.py`` (342 municipalities, 27 indicators, ten years).

Generated files are kept under ``benchmarks/.data`` (gitignored): ten
million rows take a while to write. Every figure is the best of ``runs``
fresh processes, ours and polars' taking turns, so that both see the same
machine; the ratio is the figure to trust on a shared machine.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name(".data")
FIRST_YEAR = 2015

_MEASURE = textwrap.dedent(
    """
    import json, os, sys, time
    started = time.perf_counter()
    {imports}
    imported = time.perf_counter()
    {work}
    done = time.perf_counter()
    status = open("/proc/self/status").read()
    peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
    with open({out!r}, "w") as stream:
        json.dump({{"call": done - imported, "process": done - started, "peak": peak}}, stream)
    """
)


def _fresh(imports: str, work: str) -> dict[str, float]:
    """Run ``imports`` then ``work`` in a fresh interpreter: call and process seconds, peak MiB."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder, "measured.json")
        code = _MEASURE.format(imports=textwrap.indent(imports, ""), work=work, out=str(out))
        # Bytecode written and used, as an installed package has it.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env
        )
        if done.returncode != 0 or not out.exists():
            raise RuntimeError(f"benchmark process failed: {done.stderr.strip()[-400:]}")
        measured: dict[str, float] = json.loads(out.read_text())
        return measured


def _best(
    imports: str, work: str, path: Path, runs: int
) -> tuple[dict[str, float], dict[str, float]]:
    """The best of ``runs`` (ours, polars' read of ``path``), taking turns."""
    ours: list[dict[str, float]] = []
    theirs: list[dict[str, float]] = []
    for _ in range(runs):
        theirs.append(_fresh("import polars as pl", f"pl.read_csv({str(path)!r})"))
        ours.append(_fresh(imports, work))
    best = {key: min(m[key] for m in ours) for key in ours[0]}
    base = {key: min(m[key] for m in theirs) for key in theirs[0]}
    return best, base


def national_file(municipalities: int, indicators: int, years: int) -> tuple[Path, Path]:
    """national.py's base set and measurements file at this size, made once and kept."""
    sys.path.insert(0, str(Path(__file__).parent))
    from national import base_set, measurements_file

    from sociaaldomein import dump_toml

    DATA.mkdir(exist_ok=True)
    set_file = DATA / f"set-{indicators}.toml"
    csv_file = DATA / f"national-{municipalities}x{indicators}x{years}.csv"
    if not set_file.exists():
        set_file.write_text(dump_toml(base_set(indicators, random.Random(2026))), encoding="utf-8")
    if not csv_file.exists():
        partial = csv_file.with_suffix(".partial")
        measurements_file(partial, municipalities, indicators, years, random.Random(2027))
        partial.replace(csv_file)
    return set_file, csv_file


def country_files() -> tuple[Path, Path, Path, list[str]]:
    """report_country.py's set, regions and measurements file, made once and kept."""
    sys.path.insert(0, str(Path(__file__).parent))
    from report_country import measurements, regions_toml, set_toml

    from sociaaldomein import format_measurements

    DATA.mkdir(exist_ok=True)
    names = [f"Gemeente {number:03d}" for number in range(1, 343)]
    set_file, regions, csv_file = (
        DATA / "land.toml",
        DATA / "regions.toml",
        DATA / "land-metingen.csv",
    )
    if not csv_file.exists():
        set_file.write_text(set_toml(27), encoding="utf-8")
        regions.write_text(regions_toml(names, 35), encoding="utf-8")
        values = measurements(names, 27, 10, random.Random(16))
        csv_file.write_text(format_measurements(values), encoding="utf-8")
    return set_file, regions, csv_file, names


def _entry(
    id: str,
    measured: dict[str, float],
    base: dict[str, float],
    *,
    key: str,
    target: float | None,
    memory_target: float | None = None,
    absolute: float | None = None,
    **extra: Any,
) -> dict[str, Any]:
    ratio = measured[key] / base[key]
    memory = measured["peak"] / base["peak"]
    met = [ratio <= target] if target is not None else []
    if memory_target is not None:
        met.append(memory <= memory_target)
    if absolute is not None:
        met.append(measured[key] <= absolute)
    return {
        "id": id,
        "value": round(measured[key], 4),
        "unit": "s",
        "baseline": round(base[key], 4),
        "ratio": round(ratio, 2),
        "target": target,
        "peak_mib": round(measured["peak"]),
        "baseline_peak_mib": round(base["peak"]),
        "memory_ratio": round(memory, 2),
        "memory_target": memory_target,
        "seconds_target": absolute,
        "met": all(met) if met else None,
        "timed": "the call, after imports" if key == "call" else "the command, imports included",
        **extra,
    }


def _account_for(id: str, municipalities: int, years: int, runs: int) -> dict[str, Any]:
    set_file, path = national_file(municipalities, 300, years)
    work = (
        f"run = account_for(set_file={str(set_file)!r}, measurements=[{str(path)!r}],"
        f" subject='GM0000', period='{FIRST_YEAR + years - 1}')"
    )
    # polars imported before the clock starts, as on polars' side.
    imports = "import polars\nfrom sociaaldomein import account_for"
    measured, base = _best(imports, work, path, runs)
    extra = {}
    if municipalities * years <= 3420:
        # The comparison as the report reads it: every subject's result made as an object.
        shown, _ = _best(imports, work + "\ndict(run.comparison)", path, 1)
        extra["with_comparison_made"] = round(shown["call"], 4)
    found = _entry(
        id,
        measured,
        base,
        key="call",
        target=4,
        memory_target=3,
        rows=municipalities * 300 * years,
        **extra,
    )
    _show(found, f"account_for, {found['rows']:,} rows")
    return found


def _command(argv: list[str]) -> str:
    return textwrap.dedent(
        f"""
        sys.stdout = open(os.devnull, "w")
        code = main({argv!r})
        assert code in (0, 1), code
        """
    )


def _validate(runs: int) -> dict[str, Any]:
    set_file, path = national_file(342, 300, 20)
    work = _command(["validate", "--set-file", str(set_file), str(path)])
    measured, base = _best("from sociaaldomein.cli import main", work, path, runs)
    found = _entry("validate-2m", measured, base, key="process", target=5, rows=342 * 300 * 20)
    _show(found, f"sociaaldomein validate, {found['rows']:,} rows")
    return found


def _country(runs: int) -> list[dict[str, Any]]:
    set_file, regions, path, names = country_files()
    entries = []
    with tempfile.TemporaryDirectory() as folder:
        commands = {
            "evaluate-national": (
                ["evaluate", "--set-file", str(set_file), "--subject", names[0], str(path)],
                None,
            ),
            "report-national": (
                [
                    "report",
                    "--set-file",
                    str(set_file),
                    "--subject",
                    names[0],
                    "--regions",
                    str(regions),
                    "-o",
                    str(Path(folder, "rapport")),
                    "--force",
                    str(path),
                ],
                1.5,
            ),
        }
        for id, (argv, seconds) in commands.items():
            work = _command(argv)
            measured, base = _best("from sociaaldomein.cli import main", work, path, runs)
            found = _entry(id, measured, base, key="process", target=None, absolute=seconds)
            _show(found, f"sociaaldomein {argv[0]} on the national file")
            entries.append(found)
    return entries


def _show(entry: dict[str, Any], what: str) -> None:
    print(
        f"{what}: {entry['value']:.3f} s, {entry['peak_mib']} MiB; polars' read"
        f" {entry['baseline']:.3f} s, {entry['baseline_peak_mib']} MiB; ratio"
        f" {entry['ratio']:.2f} (target {entry['target']}), memory ratio"
        f" {entry['memory_ratio']:.2f} (target {entry['memory_target']})"
    )


def user_path(runs: int, *, large: bool = True) -> list[dict[str, Any]]:
    """Every entry of the user's path; ``large=False`` leaves out ten million rows."""
    entries = [_account_for("account-for-1m", 342, 10, runs)]
    if large:
        entries.append(_account_for("account-for-10m", 3420, 10, max(1, runs - 1)))
    entries.append(_validate(runs))
    entries += _country(runs)
    return entries


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-large", action="store_true", help="leave out ten million rows")
    parser.add_argument("--only", help="one entry id")
    parser.add_argument("--json", help="write the entries to this file")
    args = parser.parse_args()
    os.nice(0)
    if args.only:
        made = {
            "account-for-1m": lambda: [_account_for("account-for-1m", 342, 10, args.runs)],
            "account-for-10m": lambda: [_account_for("account-for-10m", 3420, 10, args.runs)],
            "validate-2m": lambda: [_validate(args.runs)],
            "national": lambda: _country(args.runs),
        }[args.only]()
    else:
        made = user_path(args.runs, large=not args.no_large)
    if args.json:
        Path(args.json).write_text(json.dumps(made, indent=2) + "\n", encoding="utf-8")
