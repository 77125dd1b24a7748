"""Measurements from Excel workbooks, and rows of results to Excel.

Reading goes through the CSV reader: each sheet row becomes a CSV row
(headers translated from their Dutch aliases), so an ``.xlsx`` file gives
the same :class:`~sociaaldomein.model.measurement.Measurement` objects, with
the same checks and messages, as the CSV file with the same cells; problems
name the sheet and its row. Formulas are not run: a cell gives the value
Excel stored with it. A typed number is a number: it is written as a text
that no decimal-mark convention reads otherwise (:func:`typed_text`), and
a percent-formatted cell as the percentage it shows. The workbook is
bounded from its zip directory before anything expands
(:func:`~sociaaldomein.io.xlsx_bounds.check_workbook`).

openpyxl does the reading and writing. It is an optional dependency
(``pip install 'sociaaldomein[excel]'``), imported only when a workbook is
read or written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from sociaaldomein.errors import LoadError
from sociaaldomein.findings import Finding
from sociaaldomein.io.columns import HEADER_ALIASES, column_name
from sociaaldomein.io.delivery import DeliveryLayout, delivery_layout
from sociaaldomein.io.limits import DEFAULT_LIMITS, Limits
from sociaaldomein.io.measurements import MeasurementFile, read_measurements_text
from sociaaldomein.io.numbers import text_valued
from sociaaldomein.io.xlsx_bounds import import_openpyxl, opened_workbook
from sociaaldomein.io.xlsx_cells import cell_text, date_problem, number_format_of

# Writing is io/xlsx_writing.py; its names stay importable from here.
from sociaaldomein.io.xlsx_writing import (
    format_measurements_xlsx,
    format_xlsx,
    write_measurements_xlsx,
    write_xlsx,
)
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.text.language import _

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "HEADER_ALIASES",
    "format_measurements_xlsx",
    "format_xlsx",
    "load_measurements_xlsx",
    "read_measurements_xlsx",
    "write_measurements_xlsx",
    "write_xlsx",
]

_LINE = re.compile(r"line (\d+)")


def _column(heading: object) -> str:
    # The one table of headings, shared with the CSV readers.
    return column_name(heading)


def _sheet(workbook: Any, sheet: str | None, file: str) -> Worksheet:
    if sheet is None:
        # The sheet Excel opens on (the active one), unless hidden: then the first visible.
        sheets = list(workbook.worksheets)
        visible = [s for s in sheets if getattr(s, "sheet_state", "visible") == "visible"]
        if not visible:
            raise LoadError([Finding.in_file(file, "", _("elk blad is verborgen; noem er een"))])
        active = workbook.active
        chosen: Worksheet = active if active in visible else visible[0]
        return chosen
    if sheet not in workbook.sheetnames:
        raise LoadError(
            [
                Finding.in_file(
                    file,
                    "",
                    _("geen blad {sheet!r}; de bladen: {sheets}").format(
                        sheet=sheet, sheets=", ".join(workbook.sheetnames)
                    ),
                )
            ]
        )
    named: Worksheet = workbook[sheet]
    return named


def load_measurements_xlsx(
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    indicators: Mapping[str, Indicator] | Iterable[Indicator] | None = None,
    types: Mapping[str, MeasurementType] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    decimal: str | Mapping[str, str] | None = None,
) -> list[Measurement]:
    """Read measurements from a sheet of an ``.xlsx`` workbook (by default the one it opens on).

    The first row holds the headings: those of a measurements CSV file
    (:data:`~sociaaldomein.io.loading.CSV_COLUMNS`) or their Dutch aliases
    (:data:`HEADER_ALIASES`: ``periode``, ``waarde``, ``teller``, ``noemer``,
    ...); ``dimensie.<naam>`` gives a slice. Status may be written in Dutch
    (``voorlopig``, ``nader voorlopig``, ``definitief``). A typed number
    is read as the number it is, never by a decimal-mark rule; a cell
    formatted as a percentage (0,16 shown as 16%) is that percentage. Text
    numbers are read as in a CSV file (``decimal``: the decimal mark, see
    :func:`~sociaaldomein.io.measurements.parse_measurements`). A date cell in
    the period column is an error: Excel makes a date of ``2024-01``.

    :raises LoadError: every bad row, as ``sheet 'Metingen' row 7``; or the
        file is not a workbook, is over ``limits``, or has no such sheet.
    :raises SociaaldomeinError: openpyxl is not installed.
    """
    read = read_measurements_xlsx(
        path, sheet=sheet, indicators=indicators, types=types, limits=limits, decimal=decimal
    )
    return list(read.measurements)


def read_measurements_xlsx(
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    indicators: Mapping[str, Indicator] | Iterable[Indicator] | None = None,
    types: Mapping[str, MeasurementType] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    decimal: str | Mapping[str, str] | None = None,
) -> MeasurementFile:
    """:func:`load_measurements_xlsx` with every row (revisions included) and its sheet row.

    :attr:`MeasurementFile.places` name each row as ``sheet 'Metingen' row 7``.
    """
    file = str(path)
    with opened_workbook(import_openpyxl(), path, limits) as workbook:
        layout = delivery_layout(workbook, file)
        worksheet = _sheet(workbook, layout.sheet if layout else sheet, file)
        name = worksheet.title
        text, rows, dates = _as_csv(
            _entry_rows(layout, worksheet.iter_rows(), indicators), text_valued(indicators, types)
        )
    found = [Finding.in_file(file, f"sheet {name!r} row {row}", message) for row, message in dates]
    try:
        read = read_measurements_text(
            text, file=file, indicators=indicators, types=types, decimal=decimal
        )
    except LoadError as error:
        problems = [*found, *_sheet_rows(error.problems, rows, name, layout)]
        raise LoadError(sorted(problems, key=_row_of)) from None
    if found:
        raise LoadError(found)
    return attrs.evolve(
        read,
        encoding="xlsx",
        places=tuple(_sheet_row(place, rows, name) for place in read.places),
    )


def _entry_rows(
    layout: DeliveryLayout | None,
    rows: Iterable[tuple[object, ...]],
    indicators: Mapping[str, Indicator] | Iterable[Indicator] | None,
) -> Iterable[tuple[object, ...]]:
    """The rows to read: a sheet's own, or an entry workbook's as a measurements file's.

    An entry workbook (:mod:`sociaaldomein.io.delivery`) has a hidden sheet
    that says which of its columns hold what; the columns shown only for
    the person filling it in (name, unit, target, previous value) are left
    out, an empty row was not delivered, and ``n.n.b.`` is a value not known.
    A workbook made for another set than that of ``indicators`` is refused by name.
    """
    if layout is None:
        return rows
    if isinstance(indicators, Mapping):
        return layout.csv_rows(rows, indicators)
    if isinstance(indicators, list | tuple | set | frozenset):  # not an iterator: read again
        return layout.csv_rows(rows, {indicator.id for indicator in indicators})
    return layout.csv_rows(rows)


def _row_of(problem: Finding) -> int:
    # "sheet 'X' row 7", or "sheet 'Invullen' cell G7" in an entry workbook.
    found = re.search(r" (?:row |cell [A-Z]+)(\d+)$", problem.where)
    return int(found.group(1)) if found else 0


def _as_csv(
    rows: Iterable[tuple[Any, ...]], worded: frozenset[str] = frozenset()
) -> tuple[str, dict[int, int], list[tuple[int, str]]]:
    """The rows as CSV text, for each CSV line where a record starts or ends its sheet row,
    and each row with a date in the period column (``worded``: indicators of text values)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    lines: dict[int, int] = {}
    line = 0
    columns: list[str] = []
    dates: list[tuple[int, str]] = []
    for number, row in enumerate(rows, start=1):
        values = [getattr(cell, "value", None) for cell in row]
        if number == 1:
            columns = [_column(heading) for heading in values]
            while columns and not columns[-1]:
                columns.pop()  # empty headings after the last column
            cells = columns
        elif all(value is None or value == "" for value in values):
            continue
        else:
            where = columns.index("indicator") if "indicator" in columns else len(values)
            plain = where < len(values) and values[where] in worded
            cells = [
                cell_text(cell.value, column, number_format_of(cell), plain)
                for cell, column in zip(row, columns, strict=False)
            ]
            cells += [cell_text(value, "") for value in values[len(columns) :] if value is not None]
            if "period" in columns:
                period = (
                    values[columns.index("period")]
                    if len(values) > columns.index("period")
                    else None
                )
                if isinstance(period, dt.date | dt.datetime):
                    dates.append((number, date_problem(period)))
        writer.writerow(cells)
        lines[line + 1] = number  # the CSV reader names the line a record starts on
        line += 1 + sum(cell.count("\n") for cell in cells)
        lines[line] = number
    return buffer.getvalue(), lines, dates


def _sheet_row(
    text: str,
    rows: Mapping[int, int],
    sheet: str,
    layout: DeliveryLayout | None = None,
    message: str = "",
) -> str:
    """A CSV reader's place (``line 3``) as the sheet row it came from.

    In an entry workbook, whose columns are known, a problem names the cell a
    person typed in (``cell G7``).
    """
    found = _LINE.fullmatch(text)
    if found is None:
        return f"sheet {sheet!r}" + (f" {text}" if text else "")
    row = rows.get(int(found.group(1)), int(found.group(1)))
    cell = layout.cell(message.partition(":")[0], row) if layout is not None else None
    return f"sheet {sheet!r} " + (f"cell {cell}" if cell else f"row {row}")


def _sheet_rows(
    problems: Iterable[Finding],
    rows: Mapping[int, int],
    sheet: str,
    layout: DeliveryLayout | None = None,
) -> list[Finding]:
    return [
        Finding.in_file(p.file, _sheet_row(p.where, rows, sheet, layout, p.message), p.message)
        for p in problems
    ]
