"""The optional extras (``pip install 'sociaaldomein[charts,excel]'``) and what goes without them.

A plain install writes a report without charts and without ``results.xlsx``;
:func:`missing_extras` says which extras are missing, and
:func:`skipped_for_missing_extras` what a run leaves out because of it, in
words for the command line's output and the report's colofon.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable

import attrs

from sociaaldomein.text.language import N_, _

__all__ = ["EXTRAS", "Extra", "missing_extras", "skipped_for_missing_extras"]


@attrs.frozen
class Extra:
    """An optional extra of the package.

    :param name: its name in ``pip install 'sociaaldomein[name]'``.
    :param module: the module it installs, whose absence means it is missing.
    :param gives: what it makes, in words (a catalog text: translate with ``_()``).
    """

    name: str
    module: str
    gives: str


#: The extras whose absence changes what a run writes.
EXTRAS = (
    Extra("charts", "matplotlib", N_("grafieken")),
    Extra("excel", "openpyxl", N_("results.xlsx")),
)


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ValueError:  # in sys.modules without a spec: as good as not there
        return False


def missing_extras(names: Iterable[str] | None = None) -> tuple[Extra, ...]:
    """The extras of :data:`EXTRAS` (or those named) that are not installed."""
    wanted = None if names is None else set(names)
    return tuple(
        extra
        for extra in EXTRAS
        if (wanted is None or extra.name in wanted) and not _installed(extra.module)
    )


def skipped_for_missing_extras(*, charts: bool = True, excel: bool = True) -> list[str]:
    """One sentence per thing a run leaves out because its extra is missing.

    :param charts: the run would draw charts (a report or site without ``--no-charts``).
    :param excel: the run would write ``results.xlsx`` (a report).
    :returns: such as "zonder grafieken: het extra 'charts' is niet geïnstalleerd
        (pip install 'sociaaldomein[charts]')", in the current language; empty when
        nothing is left out.
    """
    asked = {name for name, wanted in (("charts", charts), ("excel", excel)) if wanted}
    return [
        _("zonder {what}: het extra '{name}' is niet geïnstalleerd ({command})").format(
            what=_(extra.gives),
            name=extra.name,
            command=f"pip install 'sociaaldomein[{extra.name}]'",
        )
        for extra in missing_extras(asked)
    ]
