"""What every command shares: exit statuses, usage errors, and the one way out to a terminal.

Everything the command line prints goes through :func:`show` (text) or
:func:`emit` (a command's result as text or JSON), and through
:func:`terminal_text` there: data may hold escape sequences (OSC 52 writes
the clipboard, CSI moves the cursor) and bidirectional overrides, and a
terminal must show them, never run them. JSON keeps every character: what
a terminal could run is written as a ``\\u`` escape, which JSON reads back
as the same text. ``tests/test_cli_hazards.py`` checks that no module in
``cli/`` writes to standard output or error any other way.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable

TYPE_CHECKING = False  # not typing's: importing typing slows the command line
if TYPE_CHECKING:
    from typing import Any

    from sociaaldomein.plugin.manager import Plugins

__all__ = [
    "CSV_DIALECT",
    "EXIT_BROKEN_PIPE",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "Invalid",
    "Usage",
    "add_csv_dialect",
    "add_format",
    "add_output",
    "broken_lines",
    "csv_dialect",
    "emit",
    "finding_line",
    "finding_record",
    "flush_output",
    "input_paths",
    "json_text",
    "load_plugins",
    "plugin_problems",
    "reader_gone",
    "severity_word",
    "show",
    "show_findings",
    "terminal_text",
]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
#: Ended by Ctrl-C (SIGINT), as a shell reports it: 128 + 2.
EXIT_INTERRUPTED = 130
#: The reader of standard output went away (``| head``): 128 + 13, as a shell reports a
#: program that SIGPIPE ended (``seq``, ``cat``, ``git log``). Not 0: the output was cut
#: short, and under ``set -o pipefail`` a script sees it as it sees every other program's;
#: not 1: that says the input was bad.
EXIT_BROKEN_PIPE = 141

#: What JSON (with ensure_ascii=False) leaves raw and a terminal could act on:
#: DEL, C1 controls, bidirectional overrides and isolates, line and paragraph separators.
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


class Invalid(Exception):
    """Input that the command cannot use: exit status 1, message to stderr."""


class Usage(Exception):
    """Arguments that do not go together: exit status 2, message to stderr."""


def terminal_text(text: str) -> str:
    """``text`` as it may reach a terminal: without control characters (but tab and
    newline) and bidirectional overrides; the one sanitiser of the command line."""
    from sociaaldomein.text.escape import strip_control

    return strip_control(text, keep_newlines=True)


def show(text: str, *, error: bool = False, end: str = "\n") -> None:
    """Print ``text`` on standard output (or error), through :func:`terminal_text`.

    A character the stream's encoding cannot hold is shown as ``?``.
    """
    stream = sys.stderr if error else sys.stdout
    shown = terminal_text(text) + end
    try:
        stream.write(shown)
    except UnicodeEncodeError:
        # A terminal that cannot show every character (PYTHONIOENCODING=ascii, an old
        # Windows console): what it cannot show becomes '?', rather than a traceback.
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(shown.encode(encoding, "replace").decode(encoding))


def flush_output() -> None:
    """Write out what standard output still holds.

    :raises BrokenPipeError: its reader went away (see :func:`reader_gone`).
    """
    sys.stdout.flush()


def reader_gone() -> int:
    """After a :class:`BrokenPipeError` on standard output: quiet, and :data:`EXIT_BROKEN_PIPE`.

    Standard output now goes to the null device, so that what it still
    holds is not written again at exit, with an "Exception ignored" (the
    recipe of Python's ``signal`` documentation, "Note on SIGPIPE").
    """
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass  # standard output is no file (a test's capture): nothing is written at exit
    return EXIT_BROKEN_PIPE


def json_text(data: Any) -> str:
    """``data`` as JSON (indented, UTF-8 kept), with nothing a terminal could run."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    # Such characters occur only inside JSON strings, where \\uXXXX means the same.
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def load_plugins() -> Plugins:
    """The installed plugins."""
    from sociaaldomein.plugin.manager import Plugins

    return Plugins()


def emit(args: argparse.Namespace, data: Any, text: Callable[[Any], str]) -> None:
    """Print ``data`` as JSON with ``--format json``, else as ``text(data)``."""
    if getattr(args, "format", "text") == "json":
        show(json_text(data))
    else:
        show(text(data))


def severity_word(severity: str) -> str:
    """``error`` or ``warning`` (a :class:`~sociaaldomein.Severity`) as a word in the language."""
    from sociaaldomein.text.language import _

    return _("fout") if severity == "error" else _("waarschuwing")


def finding_line(finding: Any, *, rule: bool = False) -> str:
    """A finding as one line: file, where, severity (as a word in the language) and
    message; with ``rule``, ``[rule]`` after it where it names one."""
    place = ": ".join(part for part in (finding.file, finding.where) if part)
    rule_text = f" [{finding.rule}]" if rule and finding.rule else ""
    word = severity_word(finding.severity)
    return (f"{place}: " if place else "") + f"{word}: {finding.message}{rule_text}"


def finding_record(finding: Any) -> dict[str, str]:
    """A finding as JSON: the one shape every command prints, as a run's envelope does.

    ``severity``, ``file``, ``where``, ``rule`` and ``message``; every key is
    always there (empty where it does not apply), so a reader needs no case.
    """
    return {
        "severity": finding.severity.value,
        "file": finding.file,
        "where": finding.where,
        "rule": finding.rule,
        "message": finding.message,
    }


def show_findings(findings: Any) -> None:
    """One line per finding on standard error (:func:`finding_line`)."""
    for finding in findings:
        show(finding_line(finding), error=True)


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
    from sociaaldomein.text.language import _

    return [
        f"{_('STUK') if p['severity'] == 'error' else _('WAARSCHUWING')} {p['plugin']}: "
        + (f"{p['where']}: " if p["where"] else "")
        + p["message"]
        for p in data["problems"]
    ]


def add_format(sub: argparse.ArgumentParser, *extra: str) -> None:
    """The ``--format`` option: text (the default), json and ``extra``."""
    from sociaaldomein.text.language import _

    sub.add_argument(
        "--format",
        choices=("text", "json", *extra),
        default="text",
        help=_("vorm van de uitvoer (standaard: text)"),
    )


#: The argument every command that writes results as CSV chooses their form with.
CSV_DIALECT = "csv"


def add_csv_dialect(sub: argparse.ArgumentParser) -> None:
    """``--csv``: the form of a results CSV (``excel-nl`` or ``plain``).

    Every command that writes results takes it, so that the analyst's Excel
    opens each of them as columns (``tests/test_results_for_excel.py`` finds them).
    """
    from sociaaldomein.io.result_dialects import RESULT_DIALECTS
    from sociaaldomein.text.language import _

    sub.add_argument(
        f"--{CSV_DIALECT}",
        dest=CSV_DIALECT,
        choices=RESULT_DIALECTS,
        default=None,
        help=_(
            "vorm van de resultaten als CSV: excel-nl (; tussen de cellen, een decimale komma,"
            " woorden: zoals Nederlandse Excel het in kolommen opent; standaard in een bestand)"
            " of plain (, en een decimale punt: voor programma's; standaard op het scherm)"
        ),
    )


def csv_dialect(args: argparse.Namespace, *, to_file: bool) -> str:
    """The form chosen with ``--csv``; else ``excel-nl`` for a file a person opens,
    ``plain`` for standard output, which goes to a program or a pipe."""
    chosen: str | None = getattr(args, CSV_DIALECT, None)
    return chosen or ("excel-nl" if to_file else "plain")


#: The argument every command that writes files names its output with.
OUTPUT = "output"


def add_output(
    sub: argparse.ArgumentParser,
    *,
    metavar: str,
    help: str,
    required: bool = False,
    default: str | None = None,
    force: str | None = None,
) -> None:
    """``-o``/``--output`` (dest ``output``) and, with a ``force`` help text, ``--force``.

    Every command that writes files takes its output this way, so that the
    command line keeps the output out of the inputs it protects and the
    hazard test (``tests/test_cli_hazards.py``) finds every such command.
    """
    sub.add_argument(
        "-o", "--output", dest=OUTPUT, metavar=metavar, required=required, default=default,
        help=help,
    )  # fmt: skip
    if force is not None:
        sub.add_argument("--force", action="store_true", help=force)


def input_paths(args: argparse.Namespace) -> list[str]:
    """Every existing file named on the command line but the output: the run's inputs.

    The one writer refuses to replace any of them (see
    :func:`sociaaldomein.io.atomic.protected_inputs`); files found inside a
    folder are added where they are read (:func:`~sociaaldomein.cli.commands.accounting.account`).
    """
    import os

    found: list[str] = []
    for name, value in vars(args).items():
        if name == OUTPUT or callable(value):
            continue
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, str | os.PathLike) and os.path.isfile(item):
                found.append(os.fspath(item))
    return found
