"""Long fuzz run of every loader: ``make fuzz`` (not part of ``make test``).

Feeds each loader many seeded random mutations of a corpus of inputs (and
pure noise) and counts the inputs that escape as anything but the library's
own error. Besides valid files, the corpus has a class of its own for each
kind of hostile input that once got through: broken CSV structure
(unterminated quotes, repeated headers, ragged rows), duplicates and
revisions, huge numbers, Dutch Excel CSV, and deep or huge TOML. CSV inputs
go on through evaluation and the Dutch text of every result, TOML plans
through the budget summary, so a crash further on counts as an escape too.
``xlsx cells`` makes workbooks of typed numbers, percent formats and text
numbers; ``xlsx parts`` puts a mutated sheet XML in a workbook. ``csv
table`` is differential: the columnar reader and engine must give the
scalar reader's error, word for word, or its measurements and
``evaluate_all``'s results; any difference counts as an escape.
``terminal output`` feeds hostile names (OSC 52, CSI, C1 controls, bidi
overrides) through the command line's output functions: a control
character on stdout or stderr, or JSON that does not read back the same
text, counts as an escape. The promise is zero escapes. Usage::

    python benchmarks/fuzz_loaders.py [--inputs 100000] [--seed 2026] [--only "csv table"]
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

try:  # a Rust panic in polars is a BaseException: count it, never let it end the run
    from polars.exceptions import PanicException as _PANIC
except ImportError:  # pragma: no cover - polars is a dependency
    _PANIC = Exception

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
    # hostile classes (issue 13): structure, numbers, nesting, markup
    '"""',
    "1e26",
    "9" * 400,
    "²",
    "[[[[[[[[",
    "{a={b={c=",
    ".a.a.a.a.a",
    ";",
    "\ufeff",
    "=cmd|' /C calc'!A0",
    "\x1b[2J",
    "\ufffd",
    "1.234",
    "1.234,56",
    "revision",
    "as_of",
    "2021-03-01",
    "provisional",
    # numbers read wrong (issue 24): conventions, precision, digits, percentages
    "1,234",
    "1.125",
    "14.9999999999999999",
    "1e-400",
    "\u0661\u0662",
    "%",
    "0999",
    "\t",
]

_HEADER = "indicator,subject,period,value,n,numerator,denominator,status,revision,as_of\n"
#: Inputs per hostile class, mutated like the valid files.
CSV_CORPUS = {
    "structure": [
        'indicator,subject,period,value,note\nvrijwilligers,Hanzewijk,2006,31,"open\n'
        "vrijwilligers,Hanzewijk,2007,34,\n",
        "indicator,subject,period,value,value\nvrijwilligers,Hanzewijk,2007,34,20\n",
        "indicator,subject,period,value\nvrijwilligers,Hanzewijk,2007,34\n"
        "indicator,subject,period,value\nvrijwilligers,Hanzewijk,2006,31\n",
        "indicator,subject,period,value,note\nvrijwilligers,Hanzewijk,2007\n"
        "vrijwilligers,Hanzewijk,2006,31,a,b,c\n",
        'indicator,subject,period,value\r"vrijwilligers",Han"ze"wijk,2007,34\r\n\x00',
    ],
    "duplicates": [
        _HEADER + "wijkbetrokkenheid,Hanzewijk,2007,42.5,,,,,,\n"
        "wijkbetrokkenheid,Hanzewijk,2007,20,,,,,,\n",
        _HEADER + "wijkbetrokkenheid,Hanzewijk,2007,41,,,,provisional,1,\n"
        "wijkbetrokkenheid,Hanzewijk,2007,42.5,,,,definitive,2,\n"
        "wijkbetrokkenheid,Hanzewijk,2005,40,,,,,,2006-01-31\n",
        _HEADER + "wijkbetrokkenheid,Hanzewijk,2007,90,,10,100,,,\n",
    ],
    "huge numbers": [
        _HEADER + "vrijwilligers,Hanzewijk,2007,1e26,,,,,,\n",
        _HEADER + "vrijwilligers,Hanzewijk,2007," + "1" * 5000 + ",,,,,,\n",
        _HEADER + "wijkbetrokkenheid,Hanzewijk,2007,,²,1e400,1e-400,,,\n",
        _HEADER + "vrijwilligers,Hanzewijk,2007,999999999999999,,,,,99999999999999999999,\n",
    ],
    "dutch excel": [
        "indicator;subject;period;value;n;note\r\n"
        "wijkbetrokkenheid;Hanzewijk;2007;42,5;198;enquête\r\n"
        "vrijwilligers;Hanzewijk;2007;1.234;;\r\n;;;;;\r\n",
    ],
}
#: Rows for workbooks: a cell that reads as a number becomes a typed number
#: (a percent-formatted one where it ends in %), anything else a text cell.
XLSX_CORPUS = [
    "indicator,subject,period,value,numerator,denominator\n"
    "wijkbetrokkenheid,Hanzewijk,2007,0.425%,,\n"
    "wijkbetrokkenheid,Hanzewijk,2008,'42.5,,\n"
    "vrijwilligers,Hanzewijk,2007,1.234,,\n"
    "vrijwilligers,Hanzewijk,2008,1234,,\n"
    "wijkbetrokkenheid,Hanzewijk,2009,14.33,43,300\n"
    "wijkbetrokkenheid,Hanzewijk,2010,'1,234,,\n",
    "indicator,subject,period,value\nvrijwilligers,Hanzewijk,2007,1e300\n"
    "vrijwilligers,Hanzewijk,2008,-0.0\nwijkbetrokkenheid,Hanzewijk,2009,0.16%\n",
]
#: Names a terminal must show and never run: OSC 52 (clipboard), CSI, C1, bidi, DEL, NUL.
TERMINAL_CORPUS = [
    "Assen\x1b]52;c;cm0gLXJmIH4=\x07",
    "\x1b[2J\x1b[H\x1b[31mrood\x1b[0m",
    "\x9b31m\x9d0;titel\x9c",
    "Em\u202emen\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d",
    "\u200fEmmen\u200e\u061c",
    "a\rb\x7fc\x00d\x08e\x0bf\x0cg\u2028h\u2029i\x85j",
    "Leiden\n# kop\n| tabel |",
    "\x1bP+q544e\x1b\\\x1b]8;;javascript:alert(1)\x1b\\klik\x1b]8;;\x1b\\",
]
_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
TOML_CORPUS = [
    "a = " + "[" * 2000 + "]" * 2000,
    "a = " + "{b=" * 2000 + "1" + "}" * 2000,
    "a" + ".a" * 5000 + " = 1",
    'id = "x"\nname = "X"\nversion = ' + "1" * 5000,
    '[budget]\nperiod = "2005-09..2007-08"\nfunding = [{ source = "VWS",'
    ' amount = 1234.56, basis = "period" }, { source = "x", amount = 1e26 }]\n',
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


def _loaders() -> dict[str, tuple[Callable[[str], object], list[str]]]:
    from sociaaldomein import (
        IndicatorSet,
        Project,
        evaluate_all,
        loads_toml,
        parse_measurements,
        summarise_budget,
    )
    from sociaaldomein.importers import (
        import_assignments,
        import_portfolio,
        import_project_overview,
    )
    from sociaaldomein.text.numbers import format_number

    kampen = ROOT / "examples" / "kampen-ontwikkelpilot"
    drenthe = ROOT / "plugins" / "sociaaldomein-drenthe" / "src" / "sociaaldomein_drenthe"
    plan_text = (kampen / "plan.toml").read_text(encoding="utf-8")
    plan = loads_toml(plan_text, Project)
    measurements = (kampen / "measurements.csv").read_text(encoding="utf-8")

    def csv_through_evaluation(text: str) -> None:
        rows = parse_measurements(text, file="m.csv", indicators=plan.indicators)
        for result in evaluate_all(plan.indicators, rows):
            str(result.reason)

    def plan_through_budget(text: str) -> None:
        project = loads_toml(text, Project, file="plan.toml")
        if project.budget is not None:
            summary = summarise_budget(project.budget)
            for parts in (*summary.funding_per_year.values(), *summary.costs_per_year.values()):
                [format_number(amount, decimals=2) for amount in parts.values()]

    def csv_through_table(text: str) -> None:
        """The columnar reader and engine must give what the scalar ones give, or their error."""
        import tempfile

        import attrs

        from sociaaldomein import (
            LoadError,
            load_measurements,
            read_measurements_table,
        )
        from sociaaldomein.core.engine import evaluate_table

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder, "m.csv")
            path.write_text(text, encoding="utf-8", newline="")
            try:
                expected = list(load_measurements(path, indicators=plan.indicators))
            except LoadError as error:
                try:
                    read_measurements_table(path, indicators=plan.indicators)
                except LoadError as found:
                    if str(found) != str(error):
                        raise AssertionError(f"{found} != {error}") from None
                    raise
                raise AssertionError(
                    f"the table reader read what the scalar reader refused: {error}"
                ) from None
            table = read_measurements_table(path, indicators=plan.indicators)
            # The table keeps the revision in force without its number or date.
            made = [attrs.evolve(m, revision=None, as_of=None) for m in expected]
            if list(table.to_measurements()) != made:
                raise AssertionError("the table reader read other measurements")
            judged = list(evaluate_table(table, plan.indicators))
            if judged != evaluate_all(plan.indicators, expected):
                raise AssertionError("the engine judged otherwise than evaluate_all")

    def xlsx_cells(text: str) -> None:
        """A workbook of typed numbers, percent formats and text numbers, read as measurements."""
        import tempfile

        import openpyxl
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        from sociaaldomein.io.xlsx import load_measurements_xlsx

        book = openpyxl.Workbook()
        sheet = book.active
        for row, line in enumerate(text.split("\n")[:100], start=1):
            for column, cell in enumerate(line.split(",")[:12], start=1):
                target = sheet.cell(row, column)
                target.value = _typed(cell) if row > 1 else None
                if target.value is None:
                    target.value = ILLEGAL_CHARACTERS_RE.sub("", cell.removeprefix("'"))
                    target.data_type = "s"
                elif cell.endswith("%"):
                    target.number_format = "0.0%"
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder, "m.xlsx")
            book.save(path)
            load_measurements_xlsx(path, indicators=plan.indicators)

    def xlsx_parts(text: str) -> None:
        """A workbook whose sheet XML is ``text``: truncated, with entities, or not XML."""
        import io
        import tempfile
        import zipfile

        from sociaaldomein.io.xlsx import load_measurements_xlsx

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder, "m.xlsx")
            with zipfile.ZipFile(io.BytesIO(_WORKBOOK)) as old, zipfile.ZipFile(path, "w") as new:
                for item in old.infolist():
                    sheet = item.filename == "xl/worksheets/sheet1.xml"
                    new.writestr(item.filename, text.encode() if sheet else old.read(item))
            load_measurements_xlsx(path, indicators=plan.indicators)

    import contextlib
    import io
    import json
    import re
    from types import SimpleNamespace

    from sociaaldomein.app.run import _choose
    from sociaaldomein.cli.output import emit, json_text, show, show_findings
    from sociaaldomein.cli.parser import build_parser
    from sociaaldomein.findings import Finding, Severity

    parser = build_parser()
    control = re.compile(_CONTROL)

    def through_terminal(text: str) -> None:
        """A name through every output function of the command line: nothing a terminal runs."""
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            show(text)
            show(text, error=True)
            emit(SimpleNamespace(format="text"), {"name": text}, lambda d: f"| {d['name']} |")
            emit(SimpleNamespace(format="json"), {"name": text}, str)
            show_findings([Finding(Severity.WARNING, text, where=text, file=text)])
            try:
                _choose({text, "Assen"}, None, ())
            except Exception as error:  # the library's UnknownNameError, shown as main shows it
                show(f"sociaaldomein evaluate: {error}", error=True)
            with contextlib.suppress(SystemExit):
                parser.parse_args(["import", text])  # argparse quotes the choice
        found = control.search(out.getvalue() + err.getvalue())
        if found:
            raise AssertionError(f"{found.group()!r} reached the terminal")
        if json.loads(json_text({"name": text}))["name"] != text:
            raise AssertionError("JSON did not read back the same text")

    budget = plan_text[plan_text.index("[budget]") :]
    return {
        "toml set": (
            lambda text: loads_toml(text, IndicatorSet, file="set.toml"),
            [(drenthe / "assen.toml").read_text(encoding="utf-8"), *TOML_CORPUS],
        ),
        "toml plan": (plan_through_budget, [plan_text[:6000], budget, *TOML_CORPUS]),
        "csv measurements": (csv_through_evaluation, [measurements]),
        **{f"csv {name}": (csv_through_evaluation, corpus) for name, corpus in CSV_CORPUS.items()},
        "csv table": (
            csv_through_table,
            [measurements, *(text for corpus in CSV_CORPUS.values() for text in corpus)],
        ),
        "xlsx cells": (xlsx_cells, XLSX_CORPUS),
        "xlsx parts": (xlsx_parts, [_sheet_xml()]),
        "terminal output": (through_terminal, TERMINAL_CORPUS),
        "import projects": (
            import_project_overview,
            [_seed_sample("000", "Cluster: A\n\tNummer project: 1\n\tNaam project: B\n")],
        ),
        "import deelopdrachten": (
            import_assignments,
            [_seed_sample("002", "1a. Deelopdracht A\nc. Resultaat\n 1. 90%\n")],
        ),
        "import portfolio": (
            import_portfolio,
            [_seed_sample("003", "Aanleiding\nTekst\nAanpak\nx\n")],
        ),
    }


def _typed(cell: str) -> int | float | None:
    """The number a cell of the xlsx corpus stands for, or None for a text cell."""
    if cell.startswith("'"):
        return None
    try:
        bare = cell.removesuffix("%")
        number = float(bare) if any(c in bare for c in ".eEn") else int(bare)
    except ValueError:
        return None
    # A worksheet holds doubles: a larger whole number stays text (openpyxl cannot save it).
    return number if isinstance(number, float) or abs(number) < 10**300 else None


def _workbook() -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    for row in [
        ["indicator", "subject", "period", "value"],
        ["vrijwilligers", "Hanzewijk", "2007", 34],
        ["wijkbetrokkenheid", "Hanzewijk", "2007", 0.425],
    ]:
        book.active.append(row)
    book.active["D3"].number_format = "0.0%"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_WORKBOOK = _workbook()


def _sheet_xml() -> str:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(_WORKBOOK)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


def _run(job: tuple[str, int, int]) -> tuple[str, int, int, list[str]]:
    from sociaaldomein import SociaaldomeinError

    name, count, seed = job
    load, corpus = _loaders()[name]
    rng = random.Random(f"{seed}-{name}")
    escapes: list[str] = []
    for _ in range(count):
        text = _mutate(rng, rng.choice(corpus))
        try:
            load(text)
        except SociaaldomeinError:
            pass
        except (Exception, _PANIC):  # an escape: exactly what this run looks for
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
    parser.add_argument("--only", action="append", help="run only this loader (repeatable)")
    args = parser.parse_args()
    started = time.perf_counter()
    total_escapes = 0
    chunks = 10
    jobs = [
        (name, args.inputs // chunks, args.seed * 100 + part)
        for name in _loaders()
        if not args.only or name in args.only
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
