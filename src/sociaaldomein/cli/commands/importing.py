"""``import``: a source document into TOML."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.output import (
    EXIT_INVALID,
    EXIT_OK,
    add_format,
    add_output,
    emit,
)

TYPE_CHECKING = False  # not typing's: importing typing slows the command line
if TYPE_CHECKING:
    from typing import Any


def run(args: argparse.Namespace) -> int:
    import attrs

    from sociaaldomein.app.importing import import_document
    from sociaaldomein.cli.output import finding_line, finding_record
    from sociaaldomein.findings import Severity
    from sociaaldomein.text.language import ngettext

    done = import_document(args.kind, args.file, args.output, force=args.force)
    # The findings are of the file read: each names it, in the text as in JSON.
    named = [attrs.evolve(f, file=f.file or str(args.file)) for f in done.findings]
    findings = [finding_record(f) for f in named]
    data = {
        "output": str(done.output),
        "records": done.records,
        "imported": done.imported,
        "findings": findings,
    }

    def text(data: dict[str, Any]) -> str:
        lines = [finding_line(f, rule=True) for f in named]
        lines.append(
            ngettext(
                "{imported} van {records} record ingelezen in {output}",
                "{imported} van {records} records ingelezen in {output}",
                data["records"],
            ).format(imported=data["imported"], records=data["records"], output=data["output"])
        )
        return "\n".join(lines)

    emit(args, data, text)
    errors = any(f.severity is Severity.ERROR for f in done.findings)
    return EXIT_INVALID if errors else EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    from sociaaldomein.text.language import _

    add_format(sub)
    sub.add_argument(
        "kind",
        choices=("projects", "deelopdrachten", "portfolio"),
        help=_(
            "projects: een overzicht van projectaanvragen (Holland Rijnland);"
            " deelopdrachten: deelopdrachten (Meierijstad); portfolio: een projectportfolio"
        ),
    )
    sub.add_argument("file", metavar="FILE", help=_("het brondocument (tekst)"))
    add_output(
        sub,
        metavar="OUT",
        required=True,
        help=_("het TOML-bestand om te schrijven"),
        force=_("schrijf ook als niets is ingelezen en OUT al bestaat"),
    )
