"""``evaluate``: one result per indicator for the subject and the reporting period."""

from __future__ import annotations

import argparse
import sys

from sociaaldomein.cli.commands.accounting import account, add_accounting_options
from sociaaldomein.cli.output import EXIT_OK, Invalid, add_format


def run(args: argparse.Namespace) -> int:
    from sociaaldomein.app.results import format_results, write_results
    from sociaaldomein.core.evaluation import Status
    from sociaaldomein.text.escape import strip_control

    accountability = account(args)
    if args.output:
        form = None if args.format == "text" else args.format
        write_results(accountability, args.output, form)
        return EXIT_OK
    if args.format == "xlsx":
        raise Invalid("a workbook needs a file: give -o FILE.xlsx")
    if args.format in ("json", "csv"):
        sys.stdout.write(format_results(accountability, args.format))
        return EXIT_OK
    head = f"{accountability.title} | {accountability.subject} | {accountability.period}"
    lines = [head] + [
        f"{r.indicator} | {r.period} | {Status(r.status).dutch} | {r.reason}"
        for r in accountability.results
    ]
    # Data may hold escape sequences; a terminal must not run them.
    sys.stdout.write("\n".join(strip_control(line) for line in lines) + "\n")
    return EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    add_format(sub, "csv", "xlsx")
    sub.add_argument(
        "paths",
        metavar="PATH",
        nargs="+",
        help="a plan, set or folder, and measurements files (.csv, .xlsx)",
    )
    add_accounting_options(sub)
    sub.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the results to FILE (.csv, .json or .xlsx; the suffix gives the format)",
    )
