"""``fetch``: a set's figures from a measurement source (CBS StatLine) into a file."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.commands.accounting import add_accounting_options
from sociaaldomein.cli.output import (
    EXIT_INVALID,
    EXIT_OK,
    Invalid,
    add_format,
    add_output,
    emit,
    load_plugins,
)

TYPE_CHECKING = False  # not typing's: importing typing slows the command line
if TYPE_CHECKING:
    from typing import Any


def run(args: argparse.Namespace) -> int:
    from sociaaldomein.app.fetching import fetch_measurements, save_measurements
    from sociaaldomein.findings import Severity

    if args.set_id is None and args.set_file is None:
        raise Invalid("name the set whose figures to fetch: --set ID or --set-file SET.toml")
    found = fetch_measurements(
        args.source,
        set_id=args.set_id,
        set_file=args.set_file,
        subjects=args.subjects,
        periods=args.periods,
        online=args.online,
        plugins=load_plugins(),
    )
    written = save_measurements(found.measurements, args.output, force=args.force)
    data = {
        "output": str(written),
        "measurements": len(found.measurements),
        "skipped": list(found.skipped),
        "findings": [
            {"where": f.where, "severity": f.severity.value, "message": f.message}
            for f in found.findings
        ],
    }

    def text(data: dict[str, Any]) -> str:
        lines = [
            (f"{f['where']}: " if f["where"] else "") + f"{f['severity']}: {f['message']}"
            for f in data["findings"]
        ]
        if data["skipped"]:
            lines.append(f"not from {args.source}: {', '.join(data['skipped'])}")
        lines.append(f"{data['measurements']} measurement(s) written to {data['output']}")
        return "\n".join(lines)

    emit(args, data, text)
    errors = any(f.severity is Severity.ERROR for f in found.findings)
    return EXIT_INVALID if errors else EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    add_format(sub)
    sub.add_argument("source", metavar="SOURCE", help="a measurement source, such as cbs")
    add_accounting_options(sub, subject=False)
    sub.add_argument(
        "--subject",
        dest="subjects",
        metavar="CODE",
        action="append",
        default=[],
        help="a region code such as GM0106 (repeatable; default: every subject)",
    )
    sub.add_argument(
        "--period",
        dest="periods",
        metavar="PERIOD",
        action="append",
        default=[],
        help="periods to fetch, such as 2020..2024 (repeatable; default: all)",
    )
    sub.add_argument(
        "--online",
        action="store_true",
        help="use the network where the cache lacks a table (and fill the cache)",
    )
    add_output(
        sub,
        metavar="FILE",
        required=True,
        help="measurements file (.csv or .xlsx)",
        force="write even when nothing was found and FILE exists (a header only)",
    )
