"""``verify``: check every file of a report folder against its run record."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.output import EXIT_INVALID, EXIT_OK, add_format, emit


def run(args: argparse.Namespace) -> int:
    from sociaaldomein.app.adoption import verify_report
    from sociaaldomein.app.record import read_record

    problems = verify_report(args.folder)
    adoption = read_record(args.folder).get("adoption")
    state = "vastgesteld" if adoption else "concept"

    def text(_: object) -> str:
        if not problems:
            return f"{args.folder}: alle bestanden zijn zoals het record zegt ({state})"
        return "\n".join([f"{args.folder}: wijkt af van het record ({state})", *problems])

    emit(args, {"folder": args.folder, "state": state, "problems": list(problems)}, text)
    return EXIT_INVALID if problems else EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    add_format(sub)
    sub.add_argument("folder", metavar="FOLDER", help="the report folder (with run.json)")
