"""What every command shares: exit statuses, the usage error, and writing output."""

from __future__ import annotations

import argparse
from collections.abc import Callable

TYPE_CHECKING = False  # not typing's: importing typing slows the command line
if TYPE_CHECKING:
    from typing import Any

    from sociaaldomein.plugin.manager import Plugins

__all__ = [
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "Invalid",
    "add_format",
    "broken_lines",
    "emit",
    "load_plugins",
    "plugin_problems",
]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class Invalid(Exception):
    """Input that the command cannot use: exit status 1, message to stderr."""


def load_plugins() -> Plugins:
    """The installed plugins."""
    from sociaaldomein.plugin.manager import Plugins

    return Plugins()


def emit(args: argparse.Namespace, data: Any, text: Callable[[Any], str]) -> None:
    """Print ``data`` as JSON with ``--format json``, else as ``text(data)``."""
    if getattr(args, "format", "text") == "json":
        import json

        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text(data))


def plugin_problems(found: Plugins) -> list[dict[str, str]]:
    """The plugins' problems as records."""
    return [
        {"plugin": p.rule, "where": p.where, "severity": p.severity.value, "message": p.message}
        for p in found.problems
    ]


def broken_lines(data: dict[str, Any]) -> list[str]:
    """One line per plugin problem, for the text form of a listing.

    An error means the plugin (or part of it) was left out: BROKEN; a warning
    means it works but did something it should not.
    """
    return [
        f"{'BROKEN' if p['severity'] == 'error' else 'WARNING'} {p['plugin']}: "
        + (f"{p['where']}: " if p["where"] else "")
        + p["message"]
        for p in data["problems"]
    ]


def add_format(sub: argparse.ArgumentParser, *extra: str) -> None:
    """The ``--format`` option: text (the default), json and ``extra``."""
    sub.add_argument(
        "--format",
        choices=("text", "json", *extra),
        default="text",
        help="output format (default: text)",
    )
