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
    from sociaaldomein.app.delivery_status import check_deliveries, write_delivery_status
    from sociaaldomein.model.period import Period

    if args.set_id is None and args.set_file is None:
        raise Usage("name the set: --set ID or --set-file SET.toml")

    if args.format == "xlsx" and not args.output:
        raise Invalid("een werkmap vraagt om een bestand: geef -o BESTAND.xlsx")
    if args.output and args.format != "text":
        # -o chooses the form by its suffix; a --format that says otherwise is a mistake.
        wanted = {"xlsx": ".xlsx", "json": ".json"}[args.format]
        if not str(args.output).lower().endswith(wanted):
            raise Usage(
                f"--format {args.format} schrijft een {wanted}-bestand; -o is {args.output}"
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
                f"{f['subject']} | {f['indicator']} | {f['period']} | {f['state_nl']}"
                for f in data["figures"]
            ]
            counts = data["counts"]
            lines.append(
                f"{counts['delivered']} aangeleverd, {counts['provisional']} voorlopig,"
                f" {counts['not_known']} niet bekend, {counts['missing']}"
                + (" ontbreekt" if counts["missing"] == 1 else " ontbreken")
            )
            return "\n".join(lines)  # emit() shows it through the one sanitiser

        emit(args, data, text)
    return EXIT_INVALID if status.missing else EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    add_format(sub, "xlsx")
    add_accounting_options(sub, subject=False)
    sub.add_argument("--period", metavar="PERIOD", required=True, help="such as 2024 or 2024-H1")
    sub.add_argument(
        "--assignment",
        metavar="CODE",
        help="expect only this deelopdracht's indicators (of files that are not entry workbooks)",
    )
    sub.add_argument(
        "--subject",
        dest="subjects",
        metavar="NAME",
        action="append",
        default=[],
        help="who should deliver (repeatable): one without a file has every figure missing",
    )
    add_output(
        sub,
        metavar="FILE",
        help="write the overview to FILE (.xlsx or .json; the suffix gives the format)",
        force="write even when no figure is expected and FILE exists",
    )
    sub.add_argument(
        "paths",
        metavar="FILE",
        nargs="*",
        help="delivered files: entry workbooks (.xlsx) and measurements files (.csv, .xlsx)",
    )
