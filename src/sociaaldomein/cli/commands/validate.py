"""``validate``: check plans, sets, portfolios and measurements, with every problem's place."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.commands.accounting import add_accounting_options
from sociaaldomein.cli.output import EXIT_INVALID, EXIT_OK, add_format, emit, load_plugins

TYPE_CHECKING = False  # not typing's: importing typing slows the command line
if TYPE_CHECKING:
    from typing import Any


def run(args: argparse.Namespace) -> int:
    from sociaaldomein.app.file_checks import check_files
    from sociaaldomein.findings import Severity

    plugins = load_plugins()
    findings = check_files(args.paths, plugins, set_id=args.set_id, set_file=args.set_file)
    results = [
        {"file": f.file, "where": f.where, "severity": f.severity.value, "message": f.message}
        for f in findings
    ]
    # A rule that failed was not applied: an error. Other plugin trouble is a warning here.
    results += [
        {
            "file": f"plugin {p.rule}",
            "where": p.where,
            "severity": p.severity.value if "sociaaldomein_validate" in p.where else "warning",
            "message": p.message,
        }
        for p in plugins.problems
    ]
    errors = sum(r["severity"] == Severity.ERROR for r in results)

    def text(data: dict[str, Any]) -> str:
        lines = [
            (f"{r['file']}: " if r["file"] else "")
            + (f"{r['where']}: " if r["where"] else "")
            + f"{r['severity']}: {r['message']}"
            for r in data["problems"]
        ]
        lines.append(
            f"{len(args.paths)} file(s) checked, {data['errors']} error(s),"
            f" {len(data['problems']) - data['errors']} warning(s)"
        )
        return "\n".join(" ".join(line.splitlines()) for line in lines)

    emit(args, {"problems": results, "errors": errors}, text)
    return EXIT_INVALID if errors else EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    add_format(sub)
    sub.add_argument("paths", metavar="PATH", nargs="+", help="TOML plans and sets, measurements")
    add_accounting_options(sub, subject=False)
