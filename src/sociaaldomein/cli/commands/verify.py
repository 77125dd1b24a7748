"""``verify``: check every file of a report folder against its run record."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.output import EXIT_INVALID, EXIT_OK, add_format, emit


def run(args: argparse.Namespace) -> int:
    from sociaaldomein.app.adoption import verify_report
    from sociaaldomein.app.record import read_record
    from sociaaldomein.text.language import _

    problems = verify_report(args.folder)
    adoption = read_record(args.folder).get("adoption")
    state = "vastgesteld" if adoption else "concept"
    shown = _("vastgesteld") if adoption else _("concept")

    def text(data: object) -> str:
        if not problems:
            return _("{folder}: alle bestanden zijn zoals het record zegt ({state})").format(
                folder=args.folder, state=shown
            )
        head = _("{folder}: wijkt af van het record ({state})").format(
            folder=args.folder, state=shown
        )
        return "\n".join([head, *problems])

    emit(args, {"folder": args.folder, "state": state, "problems": list(problems)}, text)
    return EXIT_INVALID if problems else EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    from sociaaldomein.text.language import _

    add_format(sub)
    sub.add_argument(
        "folder", metavar="FOLDER", help=_("de map van de verantwoording (met run.json)")
    )
