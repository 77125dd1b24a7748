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
    from sociaaldomein.app.importing import import_document
    from sociaaldomein.findings import Severity

    done = import_document(args.kind, args.file, args.output, force=args.force)
    findings = [
        {"where": f.where, "severity": f.severity.value, "message": f.message}
        for f in done.findings
    ]
    data = {
        "output": str(done.output),
        "records": done.records,
        "imported": done.imported,
        "findings": findings,
    }

    def text(data: dict[str, Any]) -> str:
        lines = [f"{args.file}: {f['where']}: {f['severity']}: {f['message']}" for f in findings]
        lines.append(
            f"{data['imported']} of {data['records']} record(s) imported into {data['output']}"
        )
        return "\n".join(lines)

    emit(args, data, text)
    errors = any(f.severity is Severity.ERROR for f in done.findings)
    return EXIT_INVALID if errors else EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    add_format(sub)
    sub.add_argument(
        "kind",
        choices=("projects", "deelopdrachten", "portfolio"),
        help="projects: an overview of project applications (Holland Rijnland);"
        " deelopdrachten: sub-assignments (Meierijstad); portfolio: a project portfolio page",
    )
    sub.add_argument("file", metavar="FILE")
    add_output(
        sub,
        metavar="OUT",
        required=True,
        help="TOML file to write",
        force="write even when nothing was imported and OUT exists",
    )
