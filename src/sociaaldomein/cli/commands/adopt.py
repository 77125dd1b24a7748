"""``adopt`` (``vaststellen``): record that a council adopted a report, over its files' hashes."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.output import EXIT_OK, add_format, emit


def run(args: argparse.Namespace) -> int:
    from sociaaldomein.app.adoption import adopt

    record = adopt(args.folder, body=args.body, date=args.date, decision=args.decision)
    adoption = record["adoption"]
    emit(
        args,
        {"folder": args.folder, "adoption": adoption},
        lambda _: (
            f"Vastgesteld: {args.folder} door {adoption['body']} op {adoption['date']}"
            f" (besluit: {adoption['decision']}); {len(adoption['files'])} bestanden vastgelegd"
        ),
    )
    return EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    add_format(sub)
    sub.add_argument("folder", metavar="FOLDER", help="the report folder (with run.json)")
    sub.add_argument(
        "--body", "--orgaan", required=True, help="who adopted it, such as 'de gemeenteraad'"
    )
    sub.add_argument(
        "--date", "--datum", required=True, help="the date of the decision (2025-06-30)"
    )
    sub.add_argument(
        "--decision", "--besluit", required=True, help="the decision's number or title"
    )
