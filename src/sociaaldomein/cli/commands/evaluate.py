"""``evaluate``: one result per indicator for the subject and the reporting period.

The run's findings are shown in every form: on standard error as text,
in the envelope with ``--format json``, and beside ``-o`` CSV or xlsx
results in ``<name>.findings.csv`` (as well as on standard error).
"""

from __future__ import annotations

import argparse

from sociaaldomein.cli.commands.accounting import account, add_accounting_options
from sociaaldomein.cli.output import (
    EXIT_OK,
    Invalid,
    add_csv_dialect,
    add_format,
    add_output,
    csv_dialect,
    json_text,
    show,
    show_findings,
)


def run(args: argparse.Namespace) -> int:
    from sociaaldomein.app.results import format_results, write_results
    from sociaaldomein.core.evaluation import Status
    from sociaaldomein.text.language import _

    accountability = account(args)
    if args.output:
        form = None if args.format == "text" else args.format
        dialect = csv_dialect(args, to_file=True)
        written = write_results(
            accountability, args.output, form, force=args.force, dialect=dialect
        )
        if written.suffix.lower() != ".json" and form != "json":
            show_findings(accountability.findings)
        return EXIT_OK
    if args.format == "xlsx":
        raise Invalid(_("een werkmap vraagt om een bestand: geef -o BESTAND.xlsx"))
    if args.format == "json":
        show(json_text(accountability.envelope()))
        return EXIT_OK
    show_findings(accountability.findings)
    if args.format == "csv":
        dialect = csv_dialect(args, to_file=False)
        show(format_results(accountability, "csv", dialect=dialect), end="")
        return EXIT_OK
    head = f"{accountability.title} | {accountability.subject} | {accountability.period}"
    lines = [head] + [
        f"{r.indicator} | {r.period} | {Status(r.status).dutch} | {r.reason}"
        for r in accountability.results
    ]
    show("\n".join(" ".join(line.splitlines()) for line in lines))
    return EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    from sociaaldomein.text.language import _

    add_format(sub, "csv", "xlsx")
    sub.add_argument(
        "paths",
        metavar="PATH",
        nargs="+",
        help=_("een plan, set of map, en bestanden met metingen (.csv, .xlsx)"),
    )
    add_accounting_options(sub)
    add_csv_dialect(sub)
    add_output(
        sub,
        metavar="FILE",
        help=_(
            "schrijf de resultaten naar FILE (.csv, .json of .xlsx; de extensie bepaalt de"
            " vorm); de bevindingen komen naast CSV en xlsx, in FILE's naam met .findings.csv"
        ),
        force=_("laat een run zonder resultaten een bestaand FILE vervangen"),
    )
