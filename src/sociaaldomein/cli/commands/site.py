"""``site``: the static site for residents, from the same inputs and options as ``report``."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.commands.accounting import account, add_accounting_options
from sociaaldomein.cli.commands.report import add_presentation_options
from sociaaldomein.cli.output import EXIT_OK, add_format, add_output, emit


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sociaaldomein.app.inputs import sort_inputs
    from sociaaldomein.app.site import write_site
    from sociaaldomein.cli.output import load_plugins
    from sociaaldomein.text.language import _, ngettext

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
    skipped = list(written.skipped)
    data = {
        "index": str(written.index),
        "pages": written.pages,
        "files": [str(path) for path in written.files],
        "period": str(accountability.period),
        "subject": accountability.subject,
        "skipped": skipped,
    }

    def text(d: object) -> str:
        pages = ngettext("{n} pagina", "{n} pagina's", written.pages).format(n=written.pages)
        files = ngettext("{n} bestand", "{n} bestanden", len(written.files))
        head = _("Site geschreven ({pages}, {files}):").format(
            pages=pages, files=files.format(n=len(written.files))
        )
        return "\n".join([head, f"  {written.index}", *skipped])

    emit(args, data, text)
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
    add_output(
        sub,
        metavar="OUT",
        help=_("de map om in te schrijven (standaard: site in de map van de metingen)"),
        force=_("laat een download zonder rijen er een met rijen vervangen"),
    )
    sub.add_argument("--no-charts", action="store_true", help=_("alleen tabellen"))
    add_presentation_options(sub, templates="site/index.html, site/indicator.html, site/site.css")
