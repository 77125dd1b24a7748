"""``adopt`` (``vaststellen``): record that a council adopted a report, over its files' hashes."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.output import EXIT_OK, add_format, emit


def run(args: argparse.Namespace) -> int:
    from sociaaldomein.app.adoption import adopt
    from sociaaldomein.text.language import _, ngettext

    record = adopt(args.folder, body=args.body, date=args.date, decision=args.decision)
    adoption = record["adoption"]
    files = adoption["files"]
    emit(
        args,
        {"folder": args.folder, "adoption": adoption},
        lambda data: (
            _("Vastgesteld: {folder} door {body} op {date} (besluit: {decision}); ").format(
                folder=args.folder,
                body=adoption["body"],
                date=adoption["date"],
                decision=adoption["decision"],
            )
            + ngettext("{n} bestand vastgelegd", "{n} bestanden vastgelegd", len(files)).format(
                n=len(files)
            )
        ),
    )
    return EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    from sociaaldomein.text.language import _

    add_format(sub)
    sub.add_argument(
        "folder", metavar="FOLDER", help=_("de map van de verantwoording (met run.json)")
    )
    sub.add_argument(
        "--body", "--orgaan", required=True, help=_("wie vaststelde, zoals 'de gemeenteraad'")
    )
    sub.add_argument(
        "--date", "--datum", required=True, help=_("de datum van het besluit (2025-06-30)")
    )
    sub.add_argument(
        "--decision", "--besluit", required=True, help=_("het nummer of de titel van het besluit")
    )
