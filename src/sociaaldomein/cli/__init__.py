"""The ``sociaaldomein`` command line: argument handling and output only.

Exit status: 0 on success, 1 when validation finds errors or the input is
bad, 2 for bad usage, 130 when stopped with Ctrl-C, 141 when the reader of
its output went away (``| head``), without a word. Errors go to stderr,
one readable message each. Every command calls the library
(:mod:`sociaaldomein.app`) and prints its result through
:mod:`sociaaldomein.cli.output`; every command runs with the files named on
its command line protected from being overwritten by its own output.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Sequence
from contextlib import ExitStack

__all__ = ["main", "main_exit"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    from sociaaldomein.cli.output import (
        EXIT_INTERRUPTED,
        EXIT_USAGE,
        flush_output,
        reader_gone,
        show,
    )
    from sociaaldomein.cli.parser import argparse_language
    from sociaaldomein.errors import InvalidValueError
    from sociaaldomein.text.language import _, use_language

    arguments = list(sys.argv[1:] if argv is None else argv)
    with ExitStack() as stack:
        try:
            # Chosen before the parser is built: its help texts are in this language too.
            stack.enter_context(use_language(_language_option(arguments)))
        except InvalidValueError as error:
            show(f"sociaaldomein: {error}", error=True)
            return EXIT_USAGE
        stack.enter_context(argparse_language())
        try:
            status = _main(arguments)
            flush_output()  # here, not at exit: a reader gone is then still ours to handle
            return status
        except BrokenPipeError:
            # `sociaaldomein sets | head`: head has what it wanted and closed the pipe.
            return reader_gone()
        except KeyboardInterrupt:
            stopped = _("sociaaldomein: afgebroken (Ctrl-C); wat al geschreven was, is heel")
            show(stopped, error=True)
            return EXIT_INTERRUPTED


def _language_option(arguments: Sequence[str]) -> str | None:
    """The value of ``--lang`` wherever it stands (argparse reads it again, to check it)."""
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument.startswith("--lang="):
            return argument.removeprefix("--lang=")
        if argument == "--lang" and index + 1 < len(arguments):
            return arguments[index + 1]
    return None


def _main(argv: Sequence[str]) -> int:
    from sociaaldomein.cli.output import (
        EXIT_INVALID,
        EXIT_USAGE,
        Invalid,
        Usage,
        input_paths,
        show,
    )
    from sociaaldomein.cli.parser import build_parser

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    from sociaaldomein.errors import SociaaldomeinError
    from sociaaldomein.io.atomic import protected_inputs

    try:
        with protected_inputs(input_paths(args)), warnings.catch_warnings():
            # A warning from the library (a DataWarning naming a subject) reaches the
            # terminal through the one sanitiser too, not through warnings' own printer.
            warnings.showwarning = _show_warning
            return int(args.function(args))
    except Usage as error:
        show(f"sociaaldomein {args.command}: {error}", error=True)
        return EXIT_USAGE
    except BrokenPipeError:
        raise  # the reader of our output went away: main() ends quietly
    except (SociaaldomeinError, Invalid) as error:
        show(f"sociaaldomein {args.command}: {error}", error=True)
        return EXIT_INVALID
    except OSError as error:
        show(f"sociaaldomein {args.command}: {error.strerror}: {error.filename}", error=True)
        return EXIT_INVALID


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: object = None,
    line: str | None = None,
) -> None:
    from sociaaldomein.cli.output import show
    from sociaaldomein.text.language import _

    show(_("waarschuwing: {message}").format(message=message), error=True)


def main_exit() -> None:
    """Console-script entry point: run and exit with the status."""
    sys.exit(main())
