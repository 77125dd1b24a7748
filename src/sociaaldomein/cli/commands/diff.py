"""``diff``: what changed between two reports (revised values, verdicts, targets, inputs)."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.output import EXIT_OK, add_format, emit, show


def run(args: argparse.Namespace) -> int:
    from sociaaldomein.app.differences import compare_records
    from sociaaldomein.app.record import read_record

    changes = compare_records(read_record(args.old), read_record(args.new))
    if args.format == "markdown":
        show(changes.markdown(), end="")
        return EXIT_OK
    emit(args, changes.as_json(), lambda _: changes.text())
    return EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    from sociaaldomein.text.language import _

    add_format(sub, "markdown")
    sub.add_argument(
        "old", metavar="OLD", help=_("de map van de eerdere verantwoording (of haar run.json)")
    )
    sub.add_argument(
        "new", metavar="NEW", help=_("de map van de latere verantwoording (of haar run.json)")
    )
