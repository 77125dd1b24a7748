"""``new-plugin``: scaffold a municipality plugin package."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.output import EXIT_OK, Invalid, add_output, load_plugins, show


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sociaaldomein.app.scaffold import new_plugin

    base_plugin = None
    if args.extends:
        provided = load_plugins().sets.get(args.extends)
        if provided is None:
            raise Invalid(f"no installed plugin provides the set {args.extends!r} to extend")
        base_plugin = provided.plugin
    package = new_plugin(
        args.name, Path(args.output), extends=args.extends, base_plugin=base_plugin
    )
    show(f"Plugin geschreven in {package}; installeer met: pip install -e {package}")
    return EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("name", metavar="NAME", help="municipality name, such as 'De Wolden'")
    sub.add_argument("--extends", metavar="SET_ID", help="base set to colour in, such as drenthe")
    add_output(sub, metavar="DIR", default=".", help="where to write it")
