"""The entry workbook (invulbestand) an organisation fills in with its figures.

:func:`~sociaaldomein.io.delivery_workbook.write_delivery_workbook` writes
one for a subject and period: a sheet ``Toelichting`` with instructions, a
sheet ``Invullen`` with one row per indicator and period the set expects,
and a hidden sheet ``_sociaaldomein`` that says which set, version, subject
and period the workbook was made for, and what each column of ``Invullen``
holds.

A filled workbook is read by the ordinary measurement reader
(:func:`sociaaldomein.io.xlsx.load_measurements_xlsx`): it finds the hidden
sheet with :func:`delivery_layout` and reads the ``Invullen`` rows as the
rows of a measurements file. The layout lives here, beside the writer, so
that writing and reading cannot drift apart.

openpyxl is needed (``pip install 'sociaaldomein[excel]'``); it is imported
only when a workbook is written.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any

import attrs

from sociaaldomein.errors import LoadError, SociaaldomeinError
from sociaaldomein.findings import Finding
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period
from sociaaldomein.text.language import _

__all__ = [
    "DATA_SHEET",
    "INSTRUCTIONS_SHEET",
    "META_SHEET",
    "NOT_KNOWN",
    "DeliveryForm",
    "DeliveryLayout",
    "DeliveryRow",
    "delivery_layout",
    "read_delivery_layout",
]

#: The sheet a person fills in.
DATA_SHEET = "Invullen"
#: The sheet with instructions, the one the workbook opens on.
INSTRUCTIONS_SHEET = "Toelichting"
#: The hidden sheet with what the workbook was made for.
META_SHEET = "_sociaaldomein"
#: What a person writes in the value cell for a figure that is not known.
NOT_KNOWN = "n.n.b."
_KIND = "sociaaldomein-levering"
_FORMAT = "1"

# The columns of the data sheet, in order: (role, Dutch heading, width).
# A role that is a measurements CSV column is read; the others are shown only.
_COLUMNS = (
    ("assignment", "Deelopdracht", 13),
    ("name", "Indicator", 44),
    ("period", "Periode", 11),
    ("unit", "Eenheid", 16),
    ("target", "Streefwaarde", 26),
    ("previous", "Vorige waarde", 16),
    ("value", "Waarde", 14),
    ("n", "n (respondenten)", 11),
    ("numerator", "Teller", 11),
    ("denominator", "Noemer", 11),
    ("status", "Status", 15),
    ("note", "Toelichting", 40),
    ("indicator", "indicator", 20),
    ("subject", "onderwerp", 20),
)
_READ = (
    "indicator",
    "subject",
    "period",
    "value",
    "n",
    "numerator",
    "denominator",
    "status",
    "note",
)
_INPUT = ("value", "n", "numerator", "denominator", "status", "note")
_HIDDEN = ("indicator", "subject")
_STATUSES = ("voorlopig", "nader voorlopig", "definitief")
_SURVEY = ("percentage", "grade")  # the types whose figures come with a number of respondents


@attrs.frozen
class DeliveryRow:
    """One figure the workbook asks for.

    :param target: the target in force for ``period``, in Dutch words ("" for none).
    :param previous: the latest earlier value, as Dutch text ("" when not known).
    :param assignment: the code of the deelopdracht the indicator belongs to, if any.
    """

    indicator: str
    name: str
    period: Period
    measurement_type: MeasurementType
    unit: str = ""
    target: str = ""
    previous: str = ""
    assignment: str = ""


@attrs.frozen
class DeliveryForm:
    """What an entry workbook is made for, and its rows.

    :param assignment: the deelopdracht the workbook is limited to ("" for the whole set).
    """

    set_id: str
    set_version: str
    set_name: str
    subject: str
    period: Period
    rows: tuple[DeliveryRow, ...]
    assignment: str = ""


@attrs.frozen
class DeliveryLayout:
    """What the hidden sheet of an entry workbook says (see :func:`delivery_layout`).

    :param columns: the role of each column of the data sheet, in order.
    """

    set_id: str
    set_version: str
    subject: str
    period: str
    assignment: str
    sheet: str
    columns: tuple[str, ...]
    file: str = ""

    def letter(self, role: str) -> str:
        """The column letter of ``role`` (``value`` -> ``G``)."""
        return _letter(self.columns.index(role) + 1)

    def cell(self, role: str, row: int) -> str | None:
        """The cell a person typed ``role`` of sheet row ``row`` in (``G4``).

        None for what a person does not type: the hidden ids, or a role the
        sheet lacks.
        """
        if role not in self.columns or role in _HIDDEN:
            return None
        return f"{self.letter(role)}{row}"

    def csv_rows(
        self, rows: Iterable[Sequence[object]], known: Collection[str] | None = None
    ) -> Iterator[tuple[object, ...]]:
        """The data sheet's rows as rows of a measurements file, header first.

        Only the columns a measurements file has are kept. A row whose input
        cells are all empty was not delivered and becomes an empty row (the
        reader skips it, keeping the row numbers); ``n.n.b.`` in the value
        cell becomes the ``unknown`` column.

        :param known: the ids of the indicators expected (the set's).
        :raises LoadError: at the end, when ``known`` holds none of the
            workbook's indicators: it was made for another set, named.
        """
        index = {role: self.columns.index(role) for role in _READ if role in self.columns}
        yield (*map(_Made, index), _Made("unknown"))
        ours = set()
        for number, row in enumerate(rows, start=1):
            if number == 1:
                continue  # the Dutch headings
            cells = {role: row[i] if i < len(row) else _Made("") for role, i in index.items()}
            ours.add(str(_content(cells["indicator"])))
            if all(_blank(cells[role]) for role in ("value", "n", "numerator", "denominator")):
                yield ()  # not delivered: no measurement, whatever the status or note says
                continue
            unknown = _Made("")
            value = _content(cells["value"])
            if isinstance(value, str) and value.strip().casefold() == NOT_KNOWN:
                unknown, cells["value"] = _Made(NOT_KNOWN), _Made("")
            yield (*cells.values(), unknown)
        if known is not None and ours and ours.isdisjoint(known):
            raise LoadError([Finding.in_file(self.file, "", self.made_for())])

    def made_for(self) -> str:
        """What the workbook was made for, in Dutch: ``invulbestand gemaakt voor set ...``."""
        scope = (
            _(", deelopdracht {assignment}").format(assignment=self.assignment)
            if self.assignment
            else ""
        )
        return _(
            "invulbestand gemaakt voor set {set!r} (versie {version}){scope}, onderwerp"
            " {subject!r}, periode {period}; geen van zijn indicatoren hoort bij de gegeven set"
        ).format(
            set=self.set_id,
            version=self.set_version,
            scope=scope,
            subject=self.subject,
            period=self.period,
        )


class _Made(str):
    """A cell made here (a heading, a blank, ``n.n.b.``) among the sheet's own.

    The reader may be given cell values or openpyxl cells (with ``.value``
    and a number format); this reads as text in the first case and as a
    cell of that text (``None`` when empty) in the second.
    """

    __slots__ = ()

    @property
    def value(self) -> str | None:
        return str(self) or None


def _content(item: object) -> object:
    """The value of a sheet's cell, whether given as an openpyxl cell or as its value."""
    return item if isinstance(item, str | int | float) else getattr(item, "value", item)


def _blank(item: object) -> bool:
    value = _content(item)
    return value is None or (isinstance(value, str) and not value.strip())


def _letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def delivery_layout(workbook: Any, file: str) -> DeliveryLayout | None:
    """The layout of an entry workbook (see the module), or None.

    ``workbook`` is an open openpyxl workbook; one without the hidden sheet
    ``_sociaaldomein`` is an ordinary measurements workbook (None).

    :raises LoadError: the hidden sheet is there but not one this version wrote.
    """
    if META_SHEET not in workbook.sheetnames:
        return None
    meta: dict[str, str] = {}
    for row in workbook[META_SHEET].iter_rows(values_only=True):
        if row and isinstance(row[0], str):
            meta[row[0]] = "" if len(row) < 2 or row[1] is None else str(row[1])
    problem = None
    if meta.get("kind") != _KIND:
        problem = _("blad {sheet!r} is niet dat van een invulbestand (kind {kind!r})").format(
            sheet=META_SHEET, kind=_KIND
        )
    elif meta.get("format") != _FORMAT:
        problem = _("invulbestand van formaat {found!r}; deze versie leest {format!r}").format(
            found=meta.get("format"), format=_FORMAT
        )
    else:
        columns = tuple(meta.get("columns", "").split(","))
        missing = [
            role for role in ("indicator", "subject", "period", "value") if role not in columns
        ]
        if missing or meta.get("sheet") not in workbook.sheetnames:
            problem = _(
                "blad {sheet!r} noemt geen leesbaar blad of mist de kolommen {columns}"
            ).format(sheet=META_SHEET, columns=", ".join(missing) or _("(geen)"))
    if problem is not None:
        raise LoadError([Finding.in_file(file, "", problem)])
    return DeliveryLayout(
        meta.get("set", ""),
        meta.get("version", ""),
        meta.get("subject", ""),
        meta.get("period", ""),
        meta.get("assignment", ""),
        meta["sheet"],
        columns,
        file,
    )


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise SociaaldomeinError(
            _(
                "een invulbestand (.xlsx) maken vraagt om openpyxl: pip install"
                " 'sociaaldomein[excel]'"
            )
        ) from None
    return openpyxl


def read_delivery_layout(path: str | os.PathLike[str]) -> DeliveryLayout | None:
    """The layout of the entry workbook at ``path``; None for any other workbook.

    :raises LoadError: the file is not a workbook, or its hidden sheet is not one this wrote.
    :raises SociaaldomeinError: openpyxl is not installed.
    """
    from sociaaldomein.io.xlsx_bounds import opened_workbook

    with opened_workbook(_openpyxl(), path) as workbook:
        return delivery_layout(workbook, str(path))
