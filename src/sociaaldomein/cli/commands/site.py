"""``site``: the static site for residents, from the same inputs and options as ``report``."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.commands.accounting import account, add_accounting_options
from sociaaldomein.cli.output import EXIT_OK, add_format, add_output, emit


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sociaaldomein.app.inputs import sort_inputs
    from sociaaldomein.app.site import write_site
    from sociaaldomein.cli.output import load_plugins

    accountability = account(args, regions=args.regions, taxonomy=args.taxonomy)
    inputs = sort_inputs(args.paths)
    out = Path(args.output) if args.output else (inputs.folder or Path.cwd()) / "site"
    read = [inputs.plan, args.set_file or inputs.set_file, *inputs.measurements, args.regions]
    written = write_site(
        accountability,
        out,
        charts=not args.no_charts,
        templates=args.templates or (),
        plugins=load_plugins(),
        inputs=[path for path in read if path],
        force=args.force,
    )
    data = {
        "index": str(written.index),
        "pages": written.pages,
        "files": [str(path) for path in written.files],
        "period": str(accountability.period),
        "subject": accountability.subject,
    }
    emit(
        args,
        data,
        lambda d: (
            f"Site geschreven ({d['pages']} pagina's, {len(d['files'])} bestanden):\n  {d['index']}"
        ),
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
    add_output(
        sub,
        metavar="OUT",
        help="folder to write to (default: DIR/site)",
        force="let a download without rows replace one that has rows",
    )
    sub.add_argument("--no-charts", action="store_true", help="tables only")
    sub.add_argument(
        "--templates",
        metavar="DIR",
        action="append",
        help="a folder whose templates (site/index.html, site/indicator.html, site/site.css,"
        " ...) and extra.css override the shipped ones; may be repeated, the first wins",
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
