"""``status``: which figures have been delivered per subject and indicator.

Exit status: 0 when every expected figure is there (provisional and
``n.n.b.`` count as there), 1 when one or more are missing (or the input
is bad), 2 for bad usage.
"""

from __future__ import annotations

import argparse

from sociaaldomein.cli.commands.accounting import add_accounting_options
from sociaaldomein.cli.output import (
    EXIT_INVALID,
    EXIT_OK,
    Invalid,
    Usage,
    add_format,
    add_output,
    emit,
    load_plugins,
)

TYPE_CHECKING = False  # not typing's: importing typing slows the command line
if TYPE_CHECKING:
    from typing import Any


def run(args: argparse.Namespace) -> int:
    from sociaaldomein.app.delivery_status import (
        DeliveryState,
        check_deliveries,
        write_delivery_status,
    )
    from sociaaldomein.model.period import Period
    from sociaaldomein.text.language import _, ngettext

    if args.set_id is None and args.set_file is None:
        raise Usage(_("noem de set: --set ID of --set-file SET.toml"))

    if args.format == "xlsx" and not args.output:
        raise Invalid(_("een werkmap vraagt om een bestand: geef -o BESTAND.xlsx"))
    if args.output and args.format != "text":
        # -o chooses the form by its suffix; a --format that says otherwise is a mistake.
        wanted = {"xlsx": ".xlsx", "json": ".json"}[args.format]
        if not str(args.output).lower().endswith(wanted):
            raise Usage(
                _("--format {form} schrijft een {suffix}-bestand; -o is {output}").format(
                    form=args.format, suffix=wanted, output=args.output
                )
            )
    status = check_deliveries(
        load_plugins(),
        args.set_id,
        args.paths,
        set_file=args.set_file,
        period=Period.parse(args.period),
        assignment=args.assignment,
        subjects=args.subjects,
    )
    if args.output:
        write_delivery_status(status, args.output, inputs=args.paths, force=args.force)
    else:
        data = status.as_data()

        def text(data: dict[str, Any]) -> str:
            lines = [
                f"{f['subject']} | {f['indicator']} | {f['period']}"
                f" | {DeliveryState(f['state']).label}"
                for f in data["figures"]
            ]
            counts = data["counts"]
            lines.append(
                _(
                    "{delivered} aangeleverd, {provisional} voorlopig, {not_known} niet bekend, "
                ).format(
                    delivered=counts["delivered"],
                    provisional=counts["provisional"],
                    not_known=counts["not_known"],
                )
                + ngettext("{n} ontbreekt", "{n} ontbreken", counts["missing"]).format(
                    n=counts["missing"]
                )
            )
            return "\n".join(lines)  # emit() shows it through the one sanitiser

        emit(args, data, text)
    return EXIT_INVALID if status.missing else EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    from sociaaldomein.text.language import _

    add_format(sub, "xlsx")
    add_accounting_options(sub, subject=False)
    sub.add_argument("--period", metavar="PERIOD", required=True, help=_("zoals 2024 of 2024-H1"))
    sub.add_argument(
        "--assignment",
        metavar="CODE",
        help=_(
            "verwacht alleen de indicatoren van deze deelopdracht (in bestanden die geen"
            " invulbestand zijn)"
        ),
    )
    sub.add_argument(
        "--subject",
        dest="subjects",
        metavar="NAME",
        action="append",
        default=[],
        help=_("wie moet aanleveren (mag vaker): zonder bestand ontbreekt elk cijfer van hem"),
    )
    add_output(
        sub,
        metavar="FILE",
        help=_("schrijf het overzicht naar FILE (.xlsx of .json; de extensie bepaalt de vorm)"),
        force=_("schrijf ook als geen cijfer verwacht wordt en FILE al bestaat"),
    )
    sub.add_argument(
        "paths",
        metavar="FILE",
        nargs="*",
        help=_(
            "aangeleverde bestanden: invulbestanden (.xlsx) en bestanden met metingen (.csv, .xlsx)"
        ),
    )
