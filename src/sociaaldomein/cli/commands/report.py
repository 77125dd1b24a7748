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
    }
    emit(
        args,
        data,
        lambda d: "Rapport geschreven:\n" + "\n".join(f"  {path}" for path in written.files),
    )
    return EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    add_format(sub)
    sub.add_argument(
        "paths",
        metavar="PATH",
        nargs="+",
        help="a folder with plan.toml and measurements.csv, or the files themselves",
    )
    add_accounting_options(sub)
    add_csv_dialect(sub)
    add_output(
        sub,
        metavar="OUT",
        help="folder to write to (default: DIR)",
        force="let a run without results replace an existing results.csv",
    )
    sub.add_argument("--no-charts", action="store_true", help="tables only")
    sub.add_argument(
        "--since",
        metavar="OLD",
        help="an earlier report folder: add a section on what changed since (revised"
        " values, verdicts, targets)",
    )
    sub.add_argument(
        "--pdf",
        action="store_true",
        help="also print report.pdf with headless Chromium (chromium on PATH or"
        " $SOCIAALDOMEIN_CHROMIUM)",
    )
    sub.add_argument(
        "--templates",
        metavar="DIR",
        action="append",
        help="a folder whose templates (report.html, indicator.html, report.css, report.md, ...)"
        " and extra.css override the shipped ones; may be repeated, the first wins",
    )
    sub.add_argument(
        "--taxonomy",
        metavar="ID",
        help="sections per theme of this taxonomy instead of per prestatieveld",
    )
    sub.add_argument(
        "--regions",
        metavar="FILE",
        help="TOML with a province's regions and their municipalities: adds each region's"
        " aggregate and each municipality's position to the comparison",
    )
