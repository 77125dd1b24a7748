"""``template``: the entry workbook an organisation fills in with its figures."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.commands.accounting import add_accounting_options
from sociaaldomein.cli.output import EXIT_OK, Usage, add_format, add_output, emit, load_plugins

TYPE_CHECKING = False  # not typing's: importing typing slows the command line
if TYPE_CHECKING:
    from typing import Any


def run(args: argparse.Namespace) -> int:
    from sociaaldomein.app.delivery import make_template
    from sociaaldomein.model.period import Period
    from sociaaldomein.text.language import _, ngettext

    if args.set_id is None and args.set_file is None:
        raise Usage(_("noem de set: --set ID of --set-file SET.toml"))

    form = make_template(
        load_plugins(),
        args.set_id,
        args.output,
        set_file=args.set_file,
        subject=args.subject,
        period=Period.parse(args.period),
        assignment=args.assignment,
        measurements=args.paths,
        force=args.force,
    )
    data = {
        "output": args.output,
        "set": form.set_id,
        "subject": form.subject,
        "period": str(form.period),
        "assignment": form.assignment or None,
        "rows": len(form.rows),
    }

    def text(data: dict[str, Any]) -> str:
        return ngettext(
            "{n} indicator te leveren, invulbestand geschreven: {output}",
            "{n} indicatoren te leveren, invulbestand geschreven: {output}",
            data["rows"],
        ).format(n=data["rows"], output=data["output"])

    emit(args, data, text)
    return EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    from sociaaldomein.text.language import _

    add_format(sub)
    add_accounting_options(sub, subject=False)
    sub.add_argument(
        "--subject", metavar="NAME", required=True, help=_("de gemeente of organisatie")
    )
    sub.add_argument("--period", metavar="PERIOD", required=True, help=_("zoals 2024 of 2024-H1"))
    sub.add_argument(
        "--assignment", metavar="CODE", help=_("alleen de indicatoren van deze deelopdracht")
    )
    add_output(
        sub,
        metavar="FILE",
        required=True,
        help=_("de werkmap om te schrijven (.xlsx)"),
        force=_(
            "vervang een invulbestand waarin cijfers staan, of schrijf er een dat niets verwacht"
        ),
    )
    sub.add_argument(
        "paths",
        metavar="FILE",
        nargs="*",
        help=_("bestanden met metingen (.csv, .xlsx) met eerdere waarden om te tonen"),
    )
