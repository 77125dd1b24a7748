"""Long fuzz run of every loader: ``make fuzz`` (not part of ``make test``).

Feeds each loader many seeded random mutations of a valid input (and pure
noise) and counts the inputs that escape as anything but the library's own
error. The promise is zero escapes. Usage::

    python benchmarks/fuzz_loaders.py [--inputs 100000] [--seed 2026]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
TOKENS = [
    "",
    "=",
    '"',
    "'",
    "[",
    "]",
    "[[",
    "{",
    "}",
    "\n",
    ",",
    ".",
    "130",
    "-1",
    "2019-13",
    "\x00",
    "\r",
    "é",
    "kind",
    "at_least",
    "Nummer project:",
    "Aanleiding",
    "1a. Deelopdracht",
    "c. Resultaat",
    "90%",
    "nulmeting 2019",
    "1 januari 2010",
    "Maak uw keuze",
    "&#146;",
]


def _mutate(rng: random.Random, base: str) -> str:
    if rng.random() < 0.05:
        return "".join(chr(rng.randrange(0, 0x2FFF)) for _ in range(rng.randrange(0, 200)))
    text = base
    for _ in range(rng.randrange(1, 6)):
        start = rng.randrange(0, len(text) + 1)
        end = min(len(text), start + rng.randrange(0, 40))
        action = rng.random()
        if action < 0.4:
            text = text[:start] + rng.choice(TOKENS) + text[end:]
        elif action < 0.6:
            text = text[:start] + text[end:]
        elif action < 0.8:
            text = text[:end] + text[start:end] + text[end:]
        else:
            text = text[:start]
    return text


def _seed_sample(name: str, fallback: str, size: int = 4000) -> str:
    paths = sorted(SEEDS.glob(f"{name}_*.txt"))
    return paths[0].read_text(encoding="utf-8")[:size] if paths else fallback


def _loaders() -> dict[str, tuple[Callable[[str], object], str]]:
    from sociaaldomein import IndicatorSet, Project, loads_toml, parse_measurements
    from sociaaldomein.importers import (
        import_assignments,
        import_portfolio,
        import_project_overview,
    )

    kampen = ROOT / "examples" / "kampen-ontwikkelpilot"
    drenthe = ROOT / "plugins" / "sociaaldomein-drenthe" / "src" / "sociaaldomein_drenthe"
    plan = loads_toml((kampen / "plan.toml").read_text(encoding="utf-8"), Project)
    return {
        "toml set": (
            lambda text: loads_toml(text, IndicatorSet, file="set.toml"),
            (drenthe / "assen.toml").read_text(encoding="utf-8"),
        ),
        "toml plan": (
            lambda text: loads_toml(text, Project, file="plan.toml"),
            (kampen / "plan.toml").read_text(encoding="utf-8")[:6000],
        ),
        "csv measurements": (
            lambda text: parse_measurements(text, file="m.csv", indicators=plan.indicators),
            (kampen / "measurements.csv").read_text(encoding="utf-8"),
        ),
        "import projects": (
            import_project_overview,
            _seed_sample("000", "Cluster: A\n\tNummer project: 1\n\tNaam project: B\n"),
        ),
        "import deelopdrachten": (
            import_assignments,
            _seed_sample("002", "1a. Deelopdracht A\nc. Resultaat\n 1. 90%\n"),
        ),
        "import portfolio": (
            import_portfolio,
            _seed_sample("003", "Aanleiding\nTekst\nAanpak\nx\n"),
        ),
    }


def _run(job: tuple[str, int, int]) -> tuple[str, int, int, list[str]]:
    from sociaaldomein import SociaaldomeinError

    name, count, seed = job
    load, base = _loaders()[name]
    rng = random.Random(f"{seed}-{name}")
    escapes: list[str] = []
    for _ in range(count):
        text = _mutate(rng, base)
        try:
            load(text)
        except SociaaldomeinError:
            pass
        except Exception:  # an escape: exactly what this run looks for
            if len(escapes) < 3:
                escapes.append(f"{text[:120]!r}\n{traceback.format_exc(limit=3)}")
            else:
                escapes.append("")
    return name, count, len(escapes), [e for e in escapes if e]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="inputs per loader")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    started = time.perf_counter()
    total_escapes = 0
    chunks = 10
    jobs = [
        (name, args.inputs // chunks, args.seed * 100 + part)
        for name in _loaders()
        for part in range(chunks)
    ]
    tried: dict[str, int] = {}
    escaped: dict[str, int] = {}
    with ProcessPoolExecutor(args.workers) as pool:
        for name, count, escapes, samples in pool.map(_run, jobs):
            tried[name] = tried.get(name, 0) + count
            escaped[name] = escaped.get(name, 0) + escapes
            for sample in samples:
                print(f"ESCAPE in {name}: {sample}", file=sys.stderr)
    for name in tried:
        print(f"{name:24} {tried[name]:>9,} inputs tried, {escaped[name]} escaped")
        total_escapes += escaped[name]
    print(
        f"{sum(tried.values()):,} inputs in {time.perf_counter() - started:.0f} s;"
        f" {total_escapes} escaped as a non-library exception"
    )
    return 1 if total_escapes else 0


if __name__ == "__main__":
    sys.exit(main())
