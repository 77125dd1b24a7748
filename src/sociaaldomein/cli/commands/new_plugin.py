"""``new-plugin``: scaffold a municipality plugin package."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.output import EXIT_OK, Invalid, add_output, load_plugins, show


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sociaaldomein.app.scaffold import new_plugin
    from sociaaldomein.text.language import _
    from sociaaldomein.text.suggest import unknown_name

    base_plugin = None
    if args.extends:
        sets = load_plugins().sets
        provided = sets.get(args.extends)
        if provided is None:
            message = _("geen geïnstalleerde plugin levert de set {set} om uit te breiden")
            raise Invalid(
                unknown_name(message.format(set=repr(args.extends)), args.extends, sorted(sets))
            )
        base_plugin = provided.plugin
    package = new_plugin(
        args.name, Path(args.output), extends=args.extends, base_plugin=base_plugin
    )
    show(
        _("Plugin geschreven in {package}; installeer met: pip install -e {package}").format(
            package=package
        )
    )
    return EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    from sociaaldomein.text.language import _

    sub.add_argument("name", metavar="NAME", help=_("naam van de gemeente, zoals 'De Wolden'"))
    sub.add_argument(
        "--extends", metavar="SET_ID", help=_("de basisset om in te kleuren, zoals drenthe")
    )
    add_output(sub, metavar="DIR", default=".", help=_("waar de plugin komt"))
