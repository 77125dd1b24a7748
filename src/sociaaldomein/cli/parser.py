"""The argument parser: one subcommand per module in :mod:`sociaaldomein.cli.commands`.

argparse makes its own words ("usage:", "options", "invalid choice") with
gettext; :func:`argparse_language` gives it ours instead, from the one
catalog, while the command line runs.
"""

from __future__ import annotations

import argparse
import re
import sys
from contextlib import contextmanager

from sociaaldomein.text.language import N_

TYPE_CHECKING = False  # not typing's: importing typing slows the command line
if TYPE_CHECKING:
    from collections.abc import Iterator

    from _typeshed import SupportsWrite

__all__ = ["argparse_language", "build_parser"]


#: argparse's words a person meets (Python 3.11 to 3.13), each with its Dutch msgid. The
#: msgid names what argparse fills in with %: ``{name}`` for ``%(name)s``; the one
#: unnamed ``%s`` or ``%r`` of a text takes whatever name its msgid gives it. Texts not
#: here (argparse's complaints about a parser built wrongly) stay as argparse wrote them.
_ARGPARSE_TEXTS = {
    "usage: ": N_("gebruik: "),
    "positional arguments": N_("argumenten"),
    "options": N_("opties"),
    "show this help message and exit": N_("toon deze hulp en stop"),
    "show program's version number and exit": N_("toon het versienummer en stop"),
    "%(prog)s: error: %(message)s\n": N_("{prog}: fout: {message}\n"),
    "argument %(argument_name)s: %(message)s": N_("argument {argument_name}: {message}"),
    "the following arguments are required: %s": N_("deze argumenten ontbreken: {arguments}"),
    "one of the arguments %s is required": N_("geef een van de argumenten {arguments}"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_(
        "ongeldige keuze: {value} (kies uit {choices})"
    ),
    "unrecognized arguments: %s": N_("onbekende argumenten: {arguments}"),
    "not allowed with argument %s": N_("mag niet samen met argument {argument}"),
    "ignored explicit argument %r": N_("argument {value} hoort hier niet"),
    "expected one argument": N_("verwacht één waarde"),
    "expected at most one argument": N_("verwacht hoogstens één waarde"),
    "expected at least one argument": N_("verwacht minstens één waarde"),
    "ambiguous option: %(option)s could match %(matches)s": N_(
        "optie {option} is niet eenduidig: {matches}"
    ),
    "unexpected option string: %s": N_("onverwachte optie: {option}"),
    "invalid %(type)s value: %(value)r": N_("ongeldige waarde ({type}): {value}"),
    "can't open '%(filename)s': %(error)s": N_("kan '{filename}' niet openen: {error}"),
    "unknown parser %(parser_name)r (choices: %(choices)s)": N_(
        "onbekend commando {parser_name} (kies uit {choices})"
    ),
}
_PERCENT = re.compile(r"%(?:\((\w+)\))?[sr]")
_BRACES = re.compile(r"\{(\w+)\}")


def _as_argparse(text: str, english: str) -> str:
    """``text`` (a translation) with argparse's %-placeholders of ``english`` put back."""
    specs = {match.group(1) or "": match.group(0) for match in _PERCENT.finditer(english)}
    unnamed = specs.pop("", None)
    return _BRACES.sub(
        lambda match: specs.get(match.group(1)) or unnamed or match.group(0),
        text.replace("%", "%%"),
    )


def _argparse_gettext(english: str) -> str:
    from sociaaldomein.text.language import _

    dutch = _ARGPARSE_TEXTS.get(english)
    return english if dutch is None else _as_argparse(_(dutch), english)


def _argparse_ngettext(singular: str, plural: str, count: int) -> str:
    from sociaaldomein.text.language import ngettext

    if singular == "expected %s argument":
        text = ngettext("verwacht {count} waarde", "verwacht {count} waarden", count)
        return _as_argparse(text, singular)
    return singular if count == 1 else plural


@contextmanager
def argparse_language() -> Iterator[None]:
    """argparse's own words in the current language inside the ``with`` block.

    argparse looks its texts up through the names ``_`` and ``ngettext`` of
    its module each time it makes one (the parser's headings when it is
    built, errors when it parses), so these are ours inside the block and
    argparse's own again after it: a program that uses argparse beside
    sociaaldomein is not changed.
    """
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = _argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """argparse's parser, its messages (usage, errors that quote arguments) sanitised."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            from sociaaldomein.cli.output import show

            show(message, error=file is not sys.stdout, end="")


def build_parser() -> argparse.ArgumentParser:
    """The ``sociaaldomein`` parser; each subcommand's ``run`` is set as ``function``.

    Its texts are in the current language (:func:`~sociaaldomein.text.language.use_language`);
    argparse's own words too, when it is built inside :func:`argparse_language`.
    """
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
    from sociaaldomein.text.language import _

    table = (
        ("plugins", plugins, _("de geïnstalleerde plugins, hun sets en plugins die stuk zijn")),
        ("sets", sets, _("de indicatorsets die de plugins leveren")),
        ("indicators", indicators, _("de indicatoren van een set, met waar elk veld vandaan komt")),
        ("validate", validate, _("controleer sets en plannen (TOML), en metingen daartegen")),
        (
            "evaluate",
            evaluate,
            _("beoordeling en reden per indicator voor een gemeente en periode"),
        ),
        ("fetch", fetch, _("de cijfers van een set uit een bron (CBS StatLine) in een bestand")),
        ("budget", budget, _("kostenregels, totalen, tekort en verdeling per kalenderjaar")),
        ("report", report, _("schrijf de verantwoording (Markdown en HTML)")),
        ("site", site, _("schrijf een site voor inwoners: pagina's, downloads, datapakket")),
        ("diff", diff, _("wat veranderde tussen twee verantwoordingen: waarden, oordelen, doelen")),
        ("adopt", adopt, _("leg vast dat een verantwoording is vastgesteld, over haar bestanden")),
        ("verify", verify, _("controleer de bestanden van een verantwoording tegen haar record")),
        ("import", importing, _("lees een brondocument in als TOML")),
        ("hours", hours, _("begrote uren per cluster, gemeente en prestatieveld")),
        ("new-plugin", new_plugin, _("maak het begin van een plugin voor een gemeente")),
        ("template", template, _("een invulbestand voor de cijfers van een organisatie (.xlsx)")),
        ("status", status, _("welke cijfers zijn aangeleverd, per gemeente en indicator")),
    )
    parser = _Parser(
        prog="sociaaldomein",
        description=_("Plannen, volgen en verantwoorden van werk in het sociaal domein."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        # Python 3.11 fixes this help when argparse is imported, out of gettext's reach.
        help=_("toon het versienummer en stop"),
    )
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
