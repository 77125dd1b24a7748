"""``validate``: check plans, sets, portfolios and measurements, with every problem's place."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.commands.accounting import add_accounting_options
from sociaaldomein.cli.output import EXIT_INVALID, EXIT_OK, add_format, emit, load_plugins

TYPE_CHECKING = False  # not typing's: importing typing slows the command line
if TYPE_CHECKING:
    from typing import Any


def run(args: argparse.Namespace) -> int:
    import attrs

    from sociaaldomein.app.file_checks import check_files
    from sociaaldomein.cli.output import finding_line, finding_record
    from sociaaldomein.findings import Severity
    from sociaaldomein.text.language import _, ngettext

    plugins = load_plugins()
    findings = check_files(args.paths, plugins, set_id=args.set_id, set_file=args.set_file)
    # A rule that failed was not applied: an error. Other plugin trouble is a warning here.
    problems = [
        attrs.evolve(
            p,
            file=_("plugin {name}").format(name=p.rule),
            severity=p.severity if "sociaaldomein_validate" in p.where else Severity.WARNING,
        )
        for p in plugins.problems
    ]
    every = [*findings, *problems]
    results = [finding_record(f) for f in every]
    errors = sum(f.severity is Severity.ERROR for f in every)

    def text(data: dict[str, Any]) -> str:
        lines = [finding_line(f, rule=True) for f in every]
        files, errors = len(args.paths), data["errors"]
        warnings = len(data["problems"]) - errors
        lines.append(
            ", ".join(
                [
                    ngettext(
                        "{n} bestand gecontroleerd", "{n} bestanden gecontroleerd", files
                    ).format(n=files),
                    ngettext("{n} fout", "{n} fouten", errors).format(n=errors),
                    ngettext("{n} waarschuwing", "{n} waarschuwingen", warnings).format(n=warnings),
                ]
            )
        )
        return "\n".join(" ".join(line.splitlines()) for line in lines)

    emit(args, {"problems": results, "errors": errors}, text)
    return EXIT_INVALID if errors else EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    from sociaaldomein.text.language import _

    add_format(sub)
    sub.add_argument("paths", metavar="PATH", nargs="+", help=_("plannen en sets (TOML), metingen"))
    add_accounting_options(sub, subject=False)
