"""``report``: the accountability report, as Markdown and HTML (and PDF with ``--pdf``)."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.commands.accounting import account, add_accounting_options
from sociaaldomein.cli.output import (
    EXIT_OK,
    add_csv_dialect,
    add_format,
    add_output,
    csv_dialect,
    emit,
)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sociaaldomein.app.inputs import sort_inputs
    from sociaaldomein.app.report import write_report
    from sociaaldomein.cli.output import load_plugins
    from sociaaldomein.text.language import _

    accountability = account(args, regions=args.regions, taxonomy=args.taxonomy)
    inputs = sort_inputs(args.paths)
    out = Path(args.output) if args.output else (inputs.folder or Path.cwd())
    read = [inputs.plan, args.set_file or inputs.set_file, *inputs.measurements, args.regions]
    options = {
        "charts": not args.no_charts,
        "pdf": args.pdf,
        "regions": args.regions,
        "set": args.set_id,
        "taxonomy": args.taxonomy,
        "templates": args.templates or [],
    }
    written = write_report(
        accountability,
        out,
        charts=not args.no_charts,
        templates=args.templates or (),
        plugins=load_plugins(),
        pdf=args.pdf,
        inputs=[path for path in read if path],
        options=options,
        since=args.since,
        force=args.force,
        dialect=csv_dialect(args, to_file=True),
    )
    data = {
        "markdown": str(written.markdown),
        "html": str(written.html),
        "results": [str(path) for path in written.results],
        "pdf": str(written.pdf) if written.pdf else None,
        "record": str(written.record) if written.record else None,
        "period": str(accountability.period),
        "subject": accountability.subject,
        "summary": {status.value: count for status, count in accountability.summary.items()},
        "charts": written.charts,
        "skipped": list(written.skipped),
    }
    emit(
        args,
        data,
        lambda d: "\n".join(
            [_("Rapport geschreven:"), *(f"  {path}" for path in written.files), *d["skipped"]]
        ),
    )
    return EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    from sociaaldomein.text.language import _

    add_format(sub)
    sub.add_argument(
        "paths",
        metavar="PATH",
        nargs="+",
        help=_("een map met plan.toml en measurements.csv, of de bestanden zelf"),
    )
    add_accounting_options(sub)
    add_csv_dialect(sub)
    add_output(
        sub,
        metavar="OUT",
        help=_("de map om in te schrijven (standaard: de map van de metingen)"),
        force=_("laat een run zonder resultaten een bestaand results.csv vervangen"),
    )
    sub.add_argument("--no-charts", action="store_true", help=_("alleen tabellen"))
    sub.add_argument(
        "--since",
        metavar="OLD",
        help=_(
            "de map van een eerdere verantwoording: voeg toe wat sindsdien veranderde"
            " (herziene waarden, oordelen, doelen)"
        ),
    )
    sub.add_argument(
        "--pdf",
        action="store_true",
        help=_(
            "druk ook report.pdf af met Chromium zonder venster (chromium op PATH of"
            " $SOCIAALDOMEIN_CHROMIUM)"
        ),
    )
    add_presentation_options(sub, templates="report.html, indicator.html, report.css, report.md")


def add_presentation_options(sub: argparse.ArgumentParser, *, templates: str) -> None:
    """``--templates``, ``--taxonomy`` and ``--regions``: how a report or site is laid out."""
    from sociaaldomein.text.language import _

    sub.add_argument(
        "--templates",
        metavar="DIR",
        action="append",
        help=_(
            "een map waarvan de templates ({templates}, ...) en extra.css de meegeleverde"
            " vervangen; mag vaker, de eerste gaat voor"
        ).format(templates=templates),
    )
    sub.add_argument(
        "--taxonomy",
        metavar="ID",
        help=_("hoofdstukken per thema van deze taxonomie in plaats van per prestatieveld"),
    )
    sub.add_argument(
        "--regions",
        metavar="FILE",
        help=_(
            "TOML met de regio's van een provincie en hun gemeenten: voegt het totaal per"
            " regio en de plaats van elke gemeente toe aan de vergelijking"
        ),
    )
