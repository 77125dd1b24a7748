"""The optional extras a command can go without, and the one note that says one was skipped.

A plain ``pip install sociaaldomein`` has no plotting library and no Excel
writer. A report or site made without them is still whole, but lacks its
charts or ``results.xlsx``; :func:`missing` names what was asked for and is
not installed, and :func:`note` is the sentence the colofon shows and the
command line prints (the same text in both places, so a reader of either
knows what to install).
"""

from __future__ import annotations

import importlib.util
import sys

import attrs

from sociaaldomein.text.language import N_, _

__all__ = ["CHARTS", "EXCEL", "EXTRAS", "Extra", "installed", "missing", "note"]


@attrs.frozen
class Extra:
    """An optional extra: its name for pip, the module it brings, and what it makes.

    :param what: what a run makes with it, as a msgid (``grafieken``).
    """

    name: str
    module: str
    what: str


#: Trend charts in the report and on the site.
CHARTS = Extra("charts", "matplotlib", N_("grafieken"))
#: ``results.xlsx`` beside the report.
EXCEL = Extra("excel", "openpyxl", N_("results.xlsx"))
#: Every extra a report or site can skip.
EXTRAS = (CHARTS, EXCEL)


def installed(extra: Extra) -> bool:
    """Whether ``extra``'s module can be imported (without importing it)."""
    if extra.module in sys.modules:  # None there: imports of it are blocked
        return sys.modules[extra.module] is not None
    return importlib.util.find_spec(extra.module) is not None


def missing(*, charts: bool = False, excel: bool = False) -> tuple[Extra, ...]:
    """The extras asked for (``charts``, ``excel``) that are not installed, in that order."""
    asked = [extra for extra, wanted in ((CHARTS, charts), (EXCEL, excel)) if wanted]
    return tuple(extra for extra in asked if not installed(extra))


def note(extra: Extra) -> str:
    """One sentence: what was not made, why, and the command that installs it."""
    return _(
        "{what}: niet gemaakt, want {module} is niet geïnstalleerd;"
        " installeer het met pip install 'sociaaldomein[{extra}]'"
    ).format(what=_(extra.what), module=extra.module, extra=extra.name)
