"""Rows of results, and measurements, to Excel workbooks that are the same bytes each time.

openpyxl writes them; it is an optional dependency (``pip install
'sociaaldomein[excel]'``), imported only when a workbook is written. Every
workbook goes to disk through :func:`~sociaaldomein.io.atomic.write_atomic`.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.io.atomic import write_atomic
from sociaaldomein.io.loading import format_measurements
from sociaaldomein.io.xlsx_bounds import import_openpyxl
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.text.escape import strip_control
from sociaaldomein.text.language import _

__all__ = ["format_measurements_xlsx", "format_xlsx", "write_measurements_xlsx", "write_xlsx"]


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
    titles: Sequence[str] | None = None,
    formats: Sequence[Mapping[str, str]] | None = None,
) -> bytes:
    """``rows`` (dicts, one per row) as the bytes of a one-sheet workbook.

    The headings are ``columns``, or the keys in the order they first occur.
    Numbers, yes/no and dates keep their type; anything else is written as
    text, and text is never taken for a formula.

    :param file: the file it is for, to name in an error.
    :param titles: the heading row as a person reads it, one per column;
        by default the columns themselves.
    :param formats: per row, the Excel number format of a column's cell
        (``#,##0.0"%"``); a cell without one is left ``General``.
    :raises SociaaldomeinError: openpyxl is not installed, or a text holds a
        control character (other than tab and line breaks).
    """
    openpyxl = import_openpyxl()
    listed = list(rows)
    headings = (
        list(columns) if columns is not None else list(dict.fromkeys(k for r in listed for k in r))
    )
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    # A heading may name a subject read from a file: no control character reaches the sheet.
    titled = list(titles) if titles is not None else headings
    worksheet.append([strip_control(str(title)) for title in titled])
    from openpyxl.utils.exceptions import IllegalCharacterError as illegal

    for number, row in enumerate(listed, start=2):
        try:
            worksheet.append([_writable(row.get(heading)) for heading in headings])
        except illegal:
            raise SociaaldomeinError(
                _(
                    "{file}: rij {row} bevat een stuurteken dat een werkblad niet kan bevatten"
                ).format(file=file, row=number)
            ) from None
    for number, cells in enumerate(worksheet.iter_rows(min_row=2)):
        shown = formats[number] if formats is not None and number < len(formats) else {}
        for heading, cell in zip(headings, cells, strict=False):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # "=..." is text here, never a formula
            elif heading in shown and cell.value is not None:
                cell.number_format = shown[heading]
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
