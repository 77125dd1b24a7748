"""Importers: the source documents municipalities have, turned into model objects.

Each importer takes text and returns an :class:`ImportResult`: the objects it
could read and findings, with line numbers, for what it could not or what
is ambiguous. An importer raises nothing for bad text: broken input gives
findings.
"""

from __future__ import annotations

from collections.abc import Callable

from sociaaldomein.importers._text import ImportResult
from sociaaldomein.importers.holland_rijnland import import_project_overview
from sociaaldomein.importers.meierijstad import import_assignments
from sociaaldomein.importers.portfolio import import_portfolio

__all__ = [
    "IMPORTERS",
    "ImportResult",
    "import_assignments",
    "import_portfolio",
    "import_project_overview",
]

#: The importers by the name the command line knows them by.
IMPORTERS: dict[str, Callable[[str], ImportResult]] = {
    "projects": import_project_overview,
    "deelopdrachten": import_assignments,
    "portfolio": import_portfolio,
}
