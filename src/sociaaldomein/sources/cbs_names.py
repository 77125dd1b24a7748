"""Names for CBS region codes: the code list of a table, and subjects given by name.

Every StatLine table names its regions in a code list: in OData v3 the
geographic dimension's own document (``RegioS``: ``Key``, ``Title``,
``Description``), in OData v4 the dimension's codes (``RegioSCodes``:
``Identifier``, ``Title``, ``Description``). A subject may be given by code
(``GM0106``) or by that title (``Assen``, ``Nederland``); the measurements
carry the title as their subject and the code beside it.

CBS notes every change of a municipality since 1949 in the region's
description (https://www.cbs.nl/nl-nl/dossier/nederland-regionaal/informatie-voor-gemeenten/herindelingen-en-grenswijzigingen):
a municipality that was dissolved says so there, and usually into which
municipality it went (``opgegaan in de gemeente Groningen``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from sociaaldomein.text.language import _
from sociaaldomein.text.suggest import unknown_name

__all__ = ["CodeList", "Region", "merged_into"]

# "opgegaan in de gemeente Groningen", "toegevoegd aan Midden-Groningen",
# "samengevoegd tot de nieuwe gemeente Eemsdelta": the name runs to a stop or a bracket.
_INTO = re.compile(
    r"(?:opgegaan in|toegevoegd aan|samengevoegd(?: met [^.;]*?)? tot|gefuseerd(?: met [^.;]*?)?"
    r" tot|overgegaan naar)\s+(?:de\s+)?(?:nieuwe\s+)?(?:gemeente\s+)?"
    r"(?P<name>[^.,;()]+?)\s*(?:\(|[.,;]|$)",
    re.IGNORECASE,
)
_DISSOLVED = re.compile(r"\b(?:opgeheven|opgegaan|samengevoegd|gefuseerd)\b", re.IGNORECASE)


def merged_into(description: str) -> str | None:
    """What a region's description says it went into; ``""`` if only that it was dissolved.

    ``None`` when the description says neither (the region exists).
    """
    if (match := _INTO.search(description)) is not None:
        return match["name"].strip()
    return "" if _DISSOLVED.search(description) else None


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


@attrs.frozen
class Region:
    """One region of a table's code list.

    :param key: the code as the code list writes it, padding and all: what a
        server-side filter must ask for.
    """

    code: str
    title: str
    description: str = ""
    key: str = ""


@attrs.frozen
class CodeList:
    """A table's regions by code (codes without CBS's padding)."""

    regions: Mapping[str, Region]

    @classmethod
    def of(cls, rows: Iterable[Mapping[str, Any]], key: str) -> CodeList:
        """The code list in the rows of a v3 dimension document (``key="Key"``) or v4 codes."""
        regions: dict[str, Region] = {}
        for row in rows:
            raw = str(row.get(key) or "")
            if code := raw.strip():
                title = " ".join(str(row.get("Title") or "").split()) or code
                regions[code] = Region(code, title, str(row.get("Description") or ""), raw)
        return cls(regions)

    def title(self, code: str) -> str:
        """The region's title; the code where the list has none."""
        region = self.regions.get(code)
        return region.title if region is not None else code

    def find(self, given: str) -> tuple[str | None, str]:
        """The code ``given`` (a code or a title) stands for, and a message if none or several.

        A title matches without regard to case and spaces, and also without a
        bracketed addition (``Utrecht`` for ``Utrecht (gemeente)``) where that
        leaves one region.
        """
        text = given.strip()
        if text.upper() in self.regions:
            return text.upper(), ""
        wanted = _fold(text)
        exact = [r.code for r in self.regions.values() if _fold(r.title) == wanted]
        if len(exact) == 1:
            return exact[0], ""
        loose = exact or [
            r.code
            for r in self.regions.values()
            if _fold(r.title.split(" (")[0]) == wanted and r.code[:2] == "GM"
        ]
        if len(loose) == 1:
            return loose[0], ""
        if loose:
            names = ", ".join(f"{self.title(c)} ({c})" for c in sorted(loose))
            return None, _("{given!r} is niet eenduidig: {names}; geef de code").format(
                given=given, names=names
            )
        message = _("{given!r} is geen regio van deze tabel").format(given=given)
        return None, unknown_name(message, text, [r.title for r in self.regions.values()])

    def dissolved(self, code: str) -> str | None:
        """A message when the code list says the region no longer exists; else ``None``."""
        region = self.regions.get(code)
        if region is None:
            return None
        into = merged_into(region.description)
        if into is None:
            return None
        if not into:
            return _("{title} ({code}) bestaat niet meer: opgeheven volgens CBS").format(
                title=region.title, code=code
            )
        found, _problem = self.find(into)
        named = f"{into} ({found})" if found else into
        return _("{title} ({code}) bestaat niet meer: opgegaan in {into} volgens CBS").format(
            title=region.title, code=code, into=named
        )
