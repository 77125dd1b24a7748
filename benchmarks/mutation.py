"""Mutation testing of the core semantics: ``make mutate`` (not part of ``make test``).

Runs mutmut (configured in ``[tool.mutmut]`` of pyproject.toml: the modules of
``src/sociaaldomein/core/``, judged by the fast unit tests with the
``mutation`` hypothesis profile) from a clean ``mutants/`` folder, then counts
per module. A timeout counts as killed (the mutant changed behaviour enough to
hang). A surviving mutant listed in ``benchmarks/equivalent_mutants.toml``
(matched on its function and the lines it changes, not on mutmut's number,
which shifts when a function changes) is counted as equivalent and left out of
the total. Writes ``benchmarks/mutation.json`` and the diff of every remaining
survivor to ``mutants/survivors.diff``. Usage::

    python benchmarks/mutation.py [--jobs 2] [--module rules --module reasons]
    python benchmarks/mutation.py --summary-only   # count the last run again

The last lines printed are ``mutation: K killed of M (P%)``, one per module
and one overall.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = "src/sociaaldomein/core"
EQUIVALENTS = ROOT / "benchmarks" / "equivalent_mutants.toml"
OUTPUT = ROOT / "benchmarks" / "mutation.json"
# The order of the report: the specification first; other core modules follow.
FIRST = (
    "rules",
    "reasons",
    "evaluation",
    "verdict",
    "budgets",
    "prorata",
    "aggregation",
    "trend",
    "resolution",
    "validation",
    "hours",
)
MODULES = FIRST + tuple(
    sorted(
        path.stem
        for path in (ROOT / CORE).glob("*.py")
        if path.stem != "__init__" and path.stem not in FIRST
    )
)
# mutmut's exit codes (mutmut.stats.status_by_exit_code), folded into what we report.
KILLED = {1: "killed", 3: "killed", 36: "timeout", -24: "timeout", 24: "timeout", 152: "timeout"}
SURVIVED = {0: "survived", 5: "no_tests", 33: "no_tests"}


def _mutmut() -> str:
    found = shutil.which("mutmut", path=str(Path(sys.executable).parent))
    if found is None:
        sys.exit("mutmut is not installed: pip install -e '.[mutate]'")
    return found


def run(modules: list[str], jobs: int) -> None:
    """Run mutmut on a fresh copy of the code, over ``modules`` (all when empty)."""
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    names = [f"sociaaldomein.core.{module}.*" for module in modules]
    command = ["nice", "-n", "10", _mutmut(), "run", "--max-children", str(jobs), *names]
    # mutmut redraws a progress line many times a second; keep only its end.
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stdout.write(done.stdout[-4000:])
        sys.stderr.write(done.stderr[-4000:])
        sys.exit(f"mutmut failed with exit status {done.returncode}")


def _changed_lines(diff: str) -> tuple[list[str], list[str], list[str]]:
    """The lines a mutant removes and adds, and the unchanged lines around them."""
    lines = diff.splitlines()[2:]  # past the file header (--- and +++)
    removed = [line[1:].strip() for line in lines if line.startswith("-")]
    added = [line[1:].strip() for line in lines if line.startswith("+")]
    around = [line[1:].strip() for line in lines if line.startswith(" ")]
    return removed, added, around


def _matches(entry: dict[str, object], mutant: str, diff: str) -> bool:
    removed, added, around = _changed_lines(diff)
    return (
        entry["function"] == _function(mutant)
        and entry["removed"] == "\n".join(removed)
        and entry["added"] == "\n".join(added)
        and ("context" not in entry or entry["context"] in around)
    )


def _function(mutant: str) -> str:
    """``sociaaldomein.core.rules.x__holds__mutmut_5`` -> ``rules._holds``."""
    module, _, generated = mutant.rpartition(".")
    name = generated.removeprefix("xǁ").removeprefix("x_").rpartition("__mutmut_")[0]
    return f"{module.rpartition('.')[2]}.{name.replace('ǁ', '.')}"


def _equivalents() -> list[dict[str, object]]:
    with EQUIVALENTS.open("rb") as file:
        return list(tomllib.load(file).get("equivalent", []))


def summarise(modules: list[str]) -> dict[str, object]:
    """Count the last run per module; match survivors against the equivalents."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    equivalents = _equivalents()
    used: set[int] = set()
    report: dict[str, dict[str, object]] = {}
    survivor_diffs: list[str] = []
    for module in modules or MODULES:
        source = f"{CORE}/{module}.py"
        meta = ROOT / "mutants" / f"{source}.meta"
        if not meta.exists():
            continue
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        counts: Counter[str] = Counter()
        survivors = []
        for mutant, code in sorted(codes.items()):
            if code in KILLED:
                counts[KILLED[code]] += 1
                continue
            status = SURVIVED.get(code, "suspicious" if code is not None else "not_checked")
            diff = get_diff_for_mutant(mutant, path=source)
            match = next(
                (i for i, entry in enumerate(equivalents) if _matches(entry, mutant, diff)), None
            )
            if match is not None:
                used.add(match)
                counts["equivalent"] += 1
                continue
            counts[status] += 1
            survivors.append(mutant)
            survivor_diffs.append(f"# {mutant}: {status}\n{diff}\n")
        killed = counts["killed"] + counts["timeout"]
        judged = sum(counts.values()) - counts["equivalent"]
        report[module] = {
            **{key: counts[key] for key in sorted(counts)},
            "mutants": sum(counts.values()),
            "equivalent": counts["equivalent"],
            "judged": judged,
            "killed_or_timeout": killed,
            "score": round(100 * killed / judged, 1) if judged else 100.0,
            "survivors": survivors,
        }
    killed = sum(int(str(entry["killed_or_timeout"])) for entry in report.values())
    judged = sum(int(str(entry["judged"])) for entry in report.values())
    (ROOT / "mutants" / "survivors.diff").write_text("\n".join(survivor_diffs))
    stale = [
        f"{entry['function']}: {entry['added']}"
        for index, entry in enumerate(equivalents)
        if index not in used and (not modules or str(entry["function"]).split(".")[0] in modules)
    ]
    return {
        "tool": f"mutmut {_version()}",
        "tests": "tests/ without docs, README, CLI, browser, reliability, layer, guarantees"
        " and engine tests; hypothesis profile 'mutation'",
        "modules": report,
        "overall": {
            "mutants": sum(int(str(entry["mutants"])) for entry in report.values()),
            "killed_or_timeout": killed,
            "judged": judged,
            "score": round(100 * killed / judged, 1) if judged else 100.0,
            "equivalent": sum(int(str(entry.get("equivalent", 0))) for entry in report.values()),
        },
        "equivalents_not_seen": stale,
    }


def _version() -> str:
    from importlib.metadata import version

    return version("mutmut")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once")
    parser.add_argument("--module", action="append", choices=MODULES, default=[])
    parser.add_argument("--summary-only", action="store_true", help="count the last run")
    args = parser.parse_args(argv)
    os.chdir(ROOT)  # mutmut reads its configuration and mutants/ from here
    if not args.summary_only:
        run(args.module, args.jobs)
    summary = summarise(args.module)
    if not args.module:
        OUTPUT.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    for name in summary["equivalents_not_seen"]:  # type: ignore[attr-defined]
        print(f"equivalent mutant no longer seen (remove it from the list?): {name}")
    modules = summary["modules"]
    assert isinstance(modules, dict)
    for module, entry in modules.items():
        if entry["survivors"]:
            print(f"{module}: {len(entry['survivors'])} survivors, see mutants/survivors.diff")
    for module, entry in [*modules.items(), ("overall", summary["overall"])]:
        print(
            f"mutation: {entry['killed_or_timeout']} killed of {entry['judged']}"
            f" ({entry['score']}%)  {module}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
