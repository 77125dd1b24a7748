"""``import``: a source document into TOML."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.output import (
    EXIT_INVALID,
    EXIT_OK,
    Invalid,
    add_format,
    emit,
)

TYPE_CHECKING = False  # not typing's: importing typing slows the command line
if TYPE_CHECKING:
    from typing import Any


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sociaaldomein.findings import Severity
    from sociaaldomein.importers import IMPORTERS
    from sociaaldomein.io.loading import save_toml

    path = Path(args.file)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise Invalid(f"{path}: cannot read: {error.strerror}") from None
    result = IMPORTERS[args.kind](raw.decode("utf-8", errors="replace"))
    save_toml(result.items[0], args.output)
    findings = [
        {"where": f.where, "severity": f.severity.value, "message": f.message}
        for f in result.findings
    ]
    data = {
        "output": args.output,
        "records": result.records_seen,
        "imported": _count(result.items[0]),
        "findings": findings,
    }

    def text(data: dict[str, Any]) -> str:
        lines = [f"{path}: {f['where']}: {f['severity']}: {f['message']}" for f in findings]
        lines.append(
            f"{data['imported']} of {data['records']} record(s) imported into {data['output']}"
        )
        return "\n".join(lines)

    emit(args, data, text)
    errors = any(f.severity is Severity.ERROR for f in result.findings)
    return EXIT_INVALID if errors else EXIT_OK


def _count(imported: Any) -> int:
    records: tuple[object, ...] = getattr(imported, "projects", ()) or getattr(
        imported, "assignments", ()
    )
    return len(records)


def add_arguments(sub: argparse.ArgumentParser) -> None:
    add_format(sub)
    sub.add_argument(
        "kind",
        choices=("projects", "deelopdrachten", "portfolio"),
        help="projects: an overview of project applications (Holland Rijnland);"
        " deelopdrachten: sub-assignments (Meierijstad); portfolio: a project portfolio page",
    )
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("-o", "--output", metavar="OUT", required=True, help="TOML file to write")
