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
import enum
import io
import os
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sociaaldomein.errors import LoadError, SociaaldomeinError
from sociaaldomein.findings import Finding
from sociaaldomein.io.atomic import write_atomic
from sociaaldomein.io.delivery import DeliveryLayout, delivery_layout
from sociaaldomein.io.limits import DEFAULT_LIMITS, Limits
from sociaaldomein.io.loading import format_measurements, parse_measurements
from sociaaldomein.io.numbers import text_valued
from sociaaldomein.io.xlsx_bounds import check_workbook
from sociaaldomein.io.xlsx_cells import cell_text, date_problem, number_format_of
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.measurement_type import MeasurementType

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "HEADER_ALIASES",
    "format_measurements_xlsx",
    "format_xlsx",
    "load_measurements_xlsx",
    "write_measurements_xlsx",
    "write_xlsx",
]

#: Dutch (and a few English) column headings and the measurement column each stands for.
HEADER_ALIASES = {
    "indicator": "indicator",
    "indicator_id": "indicator",
    "subject": "subject",
    "onderwerp": "subject",
    "gemeente": "subject",
    "regio": "subject",
    "period": "period",
    "periode": "period",
    "value": "value",
    "waarde": "value",
    "n": "n",
    "respondenten": "n",
    "source": "source",
    "bron": "source",
    "note": "note",
    "toelichting": "note",
    "opmerking": "note",
    "numerator": "numerator",
    "teller": "numerator",
    "denominator": "denominator",
    "noemer": "denominator",
    "status": "status",
}
_DIMENSION = re.compile(r"(?:dimension|dimensie)\.(?P<name>.+)")
_LINE = re.compile(r"line (\d+)")


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise SociaaldomeinError(
            "reading or writing .xlsx needs openpyxl: pip install 'sociaaldomein[excel]'"
        ) from None
    return openpyxl


def _column(heading: object) -> str:
    text = " ".join(str(heading or "").split())
    folded = text.casefold()
    if (dimension := _DIMENSION.fullmatch(folded)) is not None:
        # The slice's name keeps the case it was given in.
        return f"dimension.{text[len(text) - len(dimension['name']) :]}"
    return HEADER_ALIASES.get(folded, text)


def _sheet(workbook: Any, sheet: str | None, file: str) -> Worksheet:
    if sheet is None:
        # The sheet Excel opens on (the active one), unless hidden: then the first visible.
        sheets = list(workbook.worksheets)
        visible = [s for s in sheets if getattr(s, "sheet_state", "visible") == "visible"]
        if not visible:
            raise LoadError([Finding.in_file(file, "", "every sheet is hidden; name one")])
        active = workbook.active
        chosen: Worksheet = active if active in visible else visible[0]
        return chosen
    if sheet not in workbook.sheetnames:
        raise LoadError(
            [
                Finding.in_file(
                    file, "", f"no sheet {sheet!r}; its sheets: {', '.join(workbook.sheetnames)}"
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
    openpyxl = _openpyxl()
    file = str(path)
    check_workbook(Path(path), limits)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError as error:
        raise LoadError([Finding.in_file(file, "", f"cannot read: {error}")]) from None
    except Exception as error:  # openpyxl raises zip, XML and key errors for non-workbooks
        raise LoadError([Finding.in_file(file, "", f"not an .xlsx workbook ({error})")]) from None
    try:
        layout = delivery_layout(workbook, file)
        worksheet = _sheet(workbook, layout.sheet if layout else sheet, file)
        name = worksheet.title
        text, rows, dates = _as_csv(
            _entry_rows(layout, worksheet.iter_rows(), indicators), text_valued(indicators, types)
        )
    except LoadError:
        raise
    except Exception as error:  # a sheet's XML, parsed only now: truncated, or not XML
        raise LoadError(
            [Finding.in_file(file, "", f"a sheet of this workbook cannot be read ({error})")]
        ) from None
    finally:
        workbook.close()
    found = [Finding.in_file(file, f"sheet {name!r} row {row}", message) for row, message in dates]
    try:
        measurements = parse_measurements(
            text, file=file, indicators=indicators, types=types, decimal=decimal
        )
    except LoadError as error:
        problems = [*found, *_sheet_rows(error.problems, rows, name, layout)]
        raise LoadError(sorted(problems, key=_row_of)) from None
    if found:
        raise LoadError(found)
    return measurements


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


def _sheet_rows(
    problems: Iterable[Finding],
    rows: Mapping[int, int],
    sheet: str,
    layout: DeliveryLayout | None = None,
) -> list[Finding]:
    def where(text: str, message: str) -> str:
        found = _LINE.fullmatch(text)
        if found is None:
            return f"sheet {sheet!r}" + (f" {text}" if text else "")
        row = rows.get(int(found.group(1)), int(found.group(1)))
        # An entry workbook's columns are known: name the cell a person typed in.
        cell = layout.cell(message.partition(":")[0], row) if layout is not None else None
        return f"sheet {sheet!r} " + (f"cell {cell}" if cell else f"row {row}")

    return [Finding.in_file(p.file, where(p.where, p.message), p.message) for p in problems]


# -- writing --------------------------------------------------------------------------


def _writable(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | Decimal | dt.date):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    return str(value)


def format_xlsx(
    rows: Iterable[Mapping[str, object]],
    *,
    columns: Iterable[str] | None = None,
    sheet: str = "Resultaten",
    file: str = "",
) -> bytes:
    """``rows`` (dicts, one per row) as the bytes of a one-sheet workbook.

    The headings are ``columns``, or the keys in the order they first occur.
    Numbers, yes/no and dates keep their type; anything else is written as
    text, and text is never taken for a formula.

    :param file: the file it is for, to name in an error.
    :raises SociaaldomeinError: openpyxl is not installed, or a text holds a
        control character (other than tab and line breaks).
    """
    openpyxl = _openpyxl()
    listed = list(rows)
    headings = (
        list(columns) if columns is not None else list(dict.fromkeys(k for r in listed for k in r))
    )
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(headings)
    from openpyxl.utils.exceptions import IllegalCharacterError as illegal

    for number, row in enumerate(listed, start=2):
        try:
            worksheet.append([_writable(row.get(heading)) for heading in headings])
        except illegal:
            raise SociaaldomeinError(
                f"{file}: row {number} holds a control character that a worksheet cannot"
            ) from None
    for cells in worksheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # "=..." is text here, never a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _reproducible(buffer.getvalue())


# The same rows give the same bytes: a report's record hashes its files, and two
# runs on the same inputs must agree but for the record's own time. openpyxl
# stamps the workbook and each zip entry with the moment of saving.
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_STAMPS = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _reproducible(data: bytes) -> bytes:
    """The workbook with a fixed time for its properties and its zip entries."""
    import zipfile

    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "docProps/core.xml":
                content = _STAMPS.sub(rb"\g<1>1980-01-01T00:00:00Z\g<3>", content)
            fixed = zipfile.ZipInfo(entry.filename, date_time=_FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = entry.external_attr
            target.writestr(fixed, content)
    return out.getvalue()


def write_xlsx(
    rows: Iterable[Mapping[str, object]],
    path: str | os.PathLike[str],
    *,
    columns: Iterable[str] | None = None,
    sheet: str = "Resultaten",
) -> None:
    """Write ``rows`` (see :func:`format_xlsx`) to a workbook with :func:`write_atomic`.

    :raises SociaaldomeinError: as :func:`format_xlsx`; OutputError where
        the output is refused.
    """
    write_atomic(path, format_xlsx(rows, columns=columns, sheet=sheet, file=str(path)))


def format_measurements_xlsx(measurements: Iterable[Measurement], *, file: str = "") -> bytes:
    """Measurements in the columns of a measurements CSV file, on a sheet ``Metingen``.

    :func:`load_measurements_xlsx` reads them back.
    """
    reader = csv.reader(io.StringIO(format_measurements(measurements), newline=""))
    header = next(reader)
    numeric = {"value", "n", "numerator", "denominator"}
    rows = [
        {
            column: _number(cell) if column in numeric else cell
            for column, cell in zip(header, row, strict=True)
        }
        for row in reader
    ]
    return format_xlsx(rows, columns=header, sheet="Metingen", file=file)


def write_measurements_xlsx(
    measurements: Iterable[Measurement], path: str | os.PathLike[str]
) -> None:
    """Measurements (see :func:`format_measurements_xlsx`) in a workbook at ``path``."""
    write_atomic(path, format_measurements_xlsx(measurements, file=str(path)))


def _number(text: str) -> object:
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return text
    # A worksheet keeps 16 significant digits: a float that needs 17 stays text,
    # so that reading it back gives the same measurement.
    return number if float(f"{number:.16g}") == number and repr(number) == text else text
