"""``evaluate``: one result per indicator for the subject and the reporting period."""

from __future__ import annotations

import argparse
import json
import sys

from sociaaldomein.cli.commands.accounting import account, add_accounting_options
from sociaaldomein.cli.output import EXIT_OK, add_format


def run(args: argparse.Namespace) -> int:
    from sociaaldomein.core.evaluation import Status

    accountability = account(args)
    if args.format == "json":
        text = json.dumps(accountability.envelope(), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "csv":
        from sociaaldomein.core.records import RECORD_FIELDS
        from sociaaldomein.io.results import format_records

        text = format_records(accountability.records(), RECORD_FIELDS)
    else:
        head = f"{accountability.title} | {accountability.subject} | {accountability.period}"
        lines = [head] + [
            f"{r.indicator} | {r.period} | {Status(r.status).dutch} | {r.reason}"
            for r in accountability.results
        ]
        text = "\n".join(lines) + "\n"
    if args.output:
        from sociaaldomein.io.loading import write_atomic

        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    add_format(sub, "csv")
    sub.add_argument(
        "paths",
        metavar="PATH",
        nargs="+",
        help="a plan (or a folder with plan.toml) and measurements files",
    )
    add_accounting_options(sub)
    sub.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
