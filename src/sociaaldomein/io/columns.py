"""The columns of a measurements file: one table of headings, and the words for "not known".

Every reader of measurements (CSV as objects, CSV as a table, ``.xlsx``) turns
its headings into column names here, so that a heading one reader accepts,
every reader accepts: English or Dutch, in any case, with any spacing
(``Gemeente``, ``Periode``, ``WAARDE``, ``subject``). A heading that is no
column gets a suggestion (:func:`unknown_columns_message`).

A value cell of a number or yes/no indicator that holds one of
:data:`NOT_KNOWN_MARKERS` (``n.n.b.``, ``onbekend``, ``-``, in any case) is a
value not known, with the marker as the reason (:func:`not_known_marker`),
as if the cell were empty and the ``unknown`` column held the marker. A
qualitative indicator's text is kept as written (every text written reads
back the same).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sociaaldomein.text.language import ngettext
from sociaaldomein.text.suggest import did_you_mean

__all__ = [
    "CSV_COLUMNS",
    "HEADER_ALIASES",
    "NOT_KNOWN_MARKERS",
    "column_name",
    "not_known_marker",
    "unknown_columns_message",
]

#: The columns of a measurements CSV file; ``indicator``, ``subject``,
#: ``period`` and ``value`` (or ``numerator`` and ``denominator``) are required.
#: Columns named ``dimension.<name>`` give the slice (``dimension.age``).
CSV_COLUMNS = (
    "indicator",
    "subject",
    "period",
    "value",
    "n",
    "source",
    "note",
    "numerator",
    "denominator",
    "status",
    "revision",
    "as_of",
    "unknown",
    "forecast",
    "subject_code",
)

#: Every heading a measurements file may use (casefolded), and the column it stands for:
#: the English names of :data:`CSV_COLUMNS` and their Dutch names.
HEADER_ALIASES = {
    **{column: column for column in CSV_COLUMNS},
    "indicator_id": "indicator",
    "onderwerp": "subject",
    "gemeente": "subject",
    "regio": "subject",
    "periode": "period",
    "waarde": "value",
    "respondenten": "n",
    "aantal respondenten": "n",
    "bron": "source",
    "toelichting": "note",
    "opmerking": "note",
    "teller": "numerator",
    "noemer": "denominator",
    "datastatus": "status",
    "revisie": "revision",
    "peildatum": "as_of",
    "onbekend": "unknown",
    "reden onbekend": "unknown",
    "gemeentecode": "subject_code",
    "regiocode": "subject_code",
    "verwachting": "forecast",
    "prognose": "forecast",
}

#: What a value cell may say for a value that is not known (compared casefolded, trimmed):
#: the Dutch abbreviations, the words, and the dashes and dot that statistics tables print.
NOT_KNOWN_MARKERS = (
    "n.n.b.",
    "n.n.b",
    "nnb",
    "n.b.",
    "nb",
    "onbekend",
    "niet bekend",
    "nog niet bekend",
    "-",
    "\u2013",  # en dash
    "\u2014",  # em dash
    ".",
    "?",
)
_MARKERS = frozenset(NOT_KNOWN_MARKERS)
_DIMENSION = re.compile(r"(?:dimension|dimensie)\.(?P<name>.+)")


def column_name(heading: object) -> str:
    """The column a heading stands for: ``Gemeente`` -> ``subject``, ``Periode`` -> ``period``.

    Space is trimmed and runs of it made one; case does not count.
    ``dimension.<name>`` or ``dimensie.<name>`` gives ``dimension.<name>``,
    the name in the case it was given. A heading that is no column is
    returned trimmed, for the reader to refuse by name.
    """
    text = " ".join(str("" if heading is None else heading).split())
    folded = text.casefold()
    if (dimension := _DIMENSION.fullmatch(folded)) is not None:
        return f"dimension.{text[len(text) - len(dimension['name']) :]}"
    return HEADER_ALIASES.get(folded, text)


def not_known_marker(text: str) -> str | None:
    """``text`` (trimmed) if it is one of :data:`NOT_KNOWN_MARKERS`, in any case; else ``None``."""
    cleaned = text.strip()
    return cleaned if cleaned.casefold() in _MARKERS else None


def unknown_columns_message(unknown: Sequence[str]) -> str:
    """The Dutch message for headings that are no column, each with a suggestion where one is close.

    ``onbekende kolom 'gemeentee' (bedoelde u 'gemeente'?); verwachte kolommen: ...``
    """
    named = []
    for heading in unknown:
        hint = did_you_mean(heading, HEADER_ALIASES)  # the one did-you-mean of every message
        named.append(f"{heading!r} ({hint})" if hint else repr(heading))
    return ngettext(
        "onbekende kolom {columns}; verwachte kolommen: {expected} en dimension.<naam>"
        " (of hun Nederlandse namen, zoals gemeente, periode, waarde)",
        "onbekende kolommen {columns}; verwachte kolommen: {expected} en dimension.<naam>"
        " (of hun Nederlandse namen, zoals gemeente, periode, waarde)",
        len(unknown),
    ).format(columns=", ".join(named), expected=", ".join(CSV_COLUMNS))
