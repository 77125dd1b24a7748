"""The argument parser: one subcommand per module in :mod:`sociaaldomein.cli.commands`."""

from __future__ import annotations

import argparse
import sys

TYPE_CHECKING = False  # not typing's: importing typing slows the command line
if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["build_parser"]


class _Parser(argparse.ArgumentParser):
    """argparse's parser, its messages (usage, errors that quote arguments) sanitised."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            from sociaaldomein.cli.output import show

            show(message, error=file is not sys.stdout, end="")


def build_parser() -> argparse.ArgumentParser:
    """The ``sociaaldomein`` parser; each subcommand's ``run`` is set as ``function``."""
    from sociaaldomein import __version__
    from sociaaldomein.cli.commands import (
        adopt,
        budget,
        diff,
        evaluate,
        fetch,
        hours,
        importing,
        indicators,
        new_plugin,
        plugins,
        report,
        sets,
        site,
        status,
        template,
        validate,
        verify,
    )

    table = (
        ("plugins", plugins, "installed plugins, their sets, and broken plugins"),
        ("sets", sets, "the indicator sets the plugins provide"),
        ("indicators", indicators, "the resolved indicators of a set, with provenance"),
        ("validate", validate, "check TOML sets and plans, and measurements against them"),
        ("evaluate", evaluate, "status and reason per indicator for a subject and period"),
        ("fetch", fetch, "a set's figures from a measurement source (CBS StatLine) into a file"),
        ("budget", budget, "cost lines, totals, deficit and split per calendar year"),
        ("report", report, "write the accountability report (Markdown and HTML)"),
        ("site", site, "write a static site for residents: pages, downloads, data package"),
        ("diff", diff, "what changed between two reports: revised values, verdicts, targets"),
        ("adopt", adopt, "record that a report was adopted (vastgesteld), over its files"),
        ("verify", verify, "check a report folder's files against its run record"),
        ("import", importing, "read a source document into TOML"),
        ("hours", hours, "budgeted hours per cluster, municipality and prestatieveld"),
        ("new-plugin", new_plugin, "scaffold a municipality plugin package"),
        ("template", template, "an entry workbook for an organisation's figures (.xlsx)"),
        ("status", status, "which figures have been delivered, per subject and indicator"),
    )
    parser = _Parser(
        prog="sociaaldomein",
        description="Plan, monitor and account for work in the Dutch social domain.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_language(parser, default=None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    aliases = {"adopt": ["vaststellen"]}
    for name, module, help in table:
        sub = commands.add_parser(name, help=help, description=help, aliases=aliases.get(name, []))
        module.add_arguments(sub)
        _add_language(sub, default=argparse.SUPPRESS)
        sub.set_defaults(function=module.run)
    return parser


def _add_language(parser: argparse.ArgumentParser, default: object) -> None:
    # Read before parsing (cli.main); declared on every parser so that it may stand anywhere.
    from sociaaldomein.text.language import LANGUAGES, _

    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=default,
        help=_("taal van wat u leest: nl (standaard) of en; ook via SOCIAALDOMEIN_LANG"),
    )
