"""``fetch``: a set's figures from a measurement source (CBS StatLine) into a file."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.commands.accounting import add_accounting_options
from sociaaldomein.cli.output import (
    EXIT_INVALID,
    EXIT_OK,
    Invalid,
    add_format,
    add_output,
    emit,
    finding_line,
    finding_record,
    load_plugins,
)

TYPE_CHECKING = False  # not typing's: importing typing slows the command line
if TYPE_CHECKING:
    from typing import Any


def run(args: argparse.Namespace) -> int:
    from sociaaldomein.app.fetching import fetch_measurements, save_measurements
    from sociaaldomein.findings import Severity
    from sociaaldomein.text.language import _, ngettext

    if args.set_id is None and args.set_file is None:
        raise Invalid(
            _("noem de set waarvan u de cijfers ophaalt: --set ID of --set-file SET.toml")
        )
    found = fetch_measurements(
        args.source,
        set_id=args.set_id,
        set_file=args.set_file,
        # References are fetched as subjects are; report tells them apart.
        subjects=[*args.subjects, *args.references],
        periods=args.periods,
        online=args.online,
        feed=args.feed,
        plugins=load_plugins(),
    )
    written = save_measurements(found.measurements, args.output, force=args.force)
    data = {
        "output": str(written),
        "measurements": len(found.measurements),
        "skipped": list(found.skipped),
        "findings": [finding_record(f) for f in found.findings],
    }

    def text(data: dict[str, Any]) -> str:
        lines = [finding_line(f, rule=True) for f in found.findings]
        if data["skipped"]:
            lines.append(
                _("niet uit {source}: {ids}").format(
                    source=args.source, ids=", ".join(data["skipped"])
                )
            )
        lines.append(
            ngettext(
                "{count} meting geschreven naar {output}",
                "{count} metingen geschreven naar {output}",
                data["measurements"],
            ).format(count=data["measurements"], output=data["output"])
        )
        return "\n".join(lines)

    emit(args, data, text)
    errors = any(f.severity is Severity.ERROR for f in found.findings)
    return EXIT_INVALID if errors else EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    from sociaaldomein.text.language import _

    add_format(sub)
    sub.add_argument("source", metavar="SOURCE", help=_("een bron van metingen, zoals cbs"))
    add_accounting_options(sub, subject=False)
    sub.add_argument(
        "--subject",
        dest="subjects",
        metavar="NAME",
        action="append",
        default=[],
        help=_("een regio, bij naam of code: Assen of GM0106 (herhaalbaar; standaard: alle)"),
    )
    sub.add_argument(
        "--reference",
        dest="references",
        metavar="NAME",
        action="append",
        default=[],
        help=_("een regio ter vergelijking, zoals Nederland; ook opgehaald (herhaalbaar)"),
    )
    sub.add_argument(
        "--period",
        dest="periods",
        metavar="PERIOD",
        action="append",
        default=[],
        help=_("op te halen perioden, zoals 2020..2024 (herhaalbaar; standaard: alle)"),
    )
    sub.add_argument(
        "--online",
        action="store_true",
        help=_("gebruik het netwerk waar de cache een tabel mist (en vul de cache)"),
    )
    sub.add_argument(
        "--feed",
        metavar="URL",
        default=None,
        help=_(
            "lees van deze feed in plaats van die van de bron (een spiegel, een testserver);"
            " houdt --online in; ook via SOCIAALDOMEIN_CBS_FEED"
        ),
    )
    add_output(
        sub,
        metavar="FILE",
        required=True,
        help=_("bestand met metingen (.csv of .xlsx)"),
        force=_("schrijf ook als niets gevonden is en FILE bestaat (alleen een kopregel)"),
    )
