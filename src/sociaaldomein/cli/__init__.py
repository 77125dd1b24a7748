"""The ``sociaaldomein`` command line: argument handling and output only.

Exit status: 0 on success, 1 when validation finds errors or the input is
bad, 2 for bad usage. Errors go to stderr, one readable message each. Every
command calls the library (:mod:`sociaaldomein.app`) and prints its result.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main", "main_exit"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    from sociaaldomein.cli.output import EXIT_INVALID, Invalid
    from sociaaldomein.cli.parser import build_parser

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    from sociaaldomein.errors import SociaaldomeinError

    try:
        return int(args.function(args))
    except (SociaaldomeinError, Invalid) as error:
        print(f"sociaaldomein {args.command}: {error}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:
        print(f"sociaaldomein {args.command}: {error.strerror}: {error.filename}", file=sys.stderr)
        return EXIT_INVALID


def main_exit() -> None:
    """Console-script entry point: run and exit with the status."""
    sys.exit(main())
