"""Reading a measurements CSV file into a columnar :class:`MeasurementTable`.

polars reads the file; each column is then checked as a whole against the
rules of :func:`sociaaldomein.io.loading.parse_measurements`. Rows the
column checks cannot vouch for (a Dutch decimal comma, a value derived from
a numerator and denominator, cells with spaces around them, anything
invalid) are read by that scalar reader itself, so the rules live in one
place: a file with a bad row gives the same :class:`LoadError`, with the
same line numbers, as ``load_measurements``.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sociaaldomein.app.table_columns import Reader
from sociaaldomein.core.engine.table import (
    MeasurementTable,
    _Columns,
)
from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.io.loading import load_measurements, parse_measurements
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement_type import (
    MeasurementType,
    MeasurementTypeRegistry,
)

__all__ = ["read_measurements_table"]

_BOM = b"\xef\xbb\xbf"
# What the column checks do not read the scalar reader's way (issue 13): a
# neutralised formula ('=...), a thousands dot (1.234: thousands for counts and
# amounts), Dutch Excel's ";", declared revisions, numbers of 16 digits and more.
_SCALAR_ONLY = re.compile(
    rb"'|\x00|\xef\xbf\xbd|\d{16}"
    rb"|(?<=[,\"])[+-]?[1-9]\d{0,2}(?:\.\d{3})+(?=[,\"\r\n]|$)"  # a cell like 1.234
    rb"|(?<=[,\"])[+-]?[\d.]+[eE][+-]?\d+(?=[,\"\r\n]|$)"  # a cell like 1e26
)
# One search with look-behind and three branches tries every byte of the file
# (0.4 s for a million rows); these start from a literal or a short class, so
# the scan skips ahead, and a hit is confirmed with the full pattern nearby.
_PLAIN_MARKS = (b"'", b"\x00", b"\xef\xbf\xbd")
# With every digit written as 0, these are plain substring searches.
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_SIXTEEN_DIGITS = b"0" * 16
_EXPONENTS = tuple(e + sign + b"0" for e in (b"e", b"E") for sign in (b"", b"+", b"-"))
_THREE_AFTER_DOT = re.compile(rb"\.\d{3}(?=[,\"\r\n]|$)")
_SCALAR_COLUMNS = {"revision", "as_of"}


def _scalar_only(data: bytes) -> bool:
    """Whether ``data`` holds a cell only the scalar reader reads right (see ``_SCALAR_ONLY``)."""
    if any(mark in data for mark in _PLAIN_MARKS):
        return True
    zeros = data.translate(_DIGITS_AS_ZERO)
    if _SIXTEEN_DIGITS in zeros:
        return True
    if any(exponent in zeros for exponent in _EXPONENTS) and _SCALAR_ONLY.search(data):
        return True  # rare: only a file with an exponent pays for the full search
    for hit in _THREE_AFTER_DOT.finditer(data):
        # From the start of the cell (its delimiter included) to just past the hit.
        start = max(data.rfind(mark, 0, hit.start()) for mark in (b",", b'"', b"\n"))
        if _SCALAR_ONLY.search(data[max(start, 0) : hit.end() + 1]):
            return True
    return False


_ONLY_COMMAS = re.compile(rb"(?m)^,+\r?$")
_BLANK = re.compile(rb"\s*")


def read_measurements_table(
    path: str | os.PathLike[str],
    *,
    indicators: Mapping[str, Indicator] | Iterable[Indicator],
    types: Mapping[str, MeasurementType] | None = None,
) -> MeasurementTable:
    """Read a measurements CSV file (see ``CSV_COLUMNS``) into a table.

    Every row must name one of ``indicators``, and its value must be valid
    for that indicator's measurement type.

    :raises LoadError: listing every bad row with its line number, as
        ``load_measurements`` does.
    """
    import polars as pl

    known = list(indicators.values() if isinstance(indicators, Mapping) else indicators)
    registry = types if types is not None else MeasurementTypeRegistry()
    path = Path(path)

    def scalar() -> MeasurementTable:
        measurements = load_measurements(path, indicators=known, types=registry)
        return MeasurementTable.from_measurements(measurements, known, registry)

    try:
        data = path.read_bytes()
    except OSError:
        return scalar()
    data = data.removeprefix(_BOM)
    if b"\r" in data and (b'"' in data or data.count(b"\r") != data.count(b"\r\n")):
        # A CR inside a quoted cell, or one that ends no CRLF: polars keeps or
        # drops it where the scalar reader's text mode makes it a line end.
        data = _newlines(data)

    try:
        header = next(csv.reader(io.StringIO(data[:65536].decode("utf-8", "ignore"))), [])
    except csv.Error:
        return scalar()
    names = [name.strip() for name in header]
    if (
        _SCALAR_COLUMNS & set(names)
        or header[0].count(";")
        or _scalar_only(data)
        or (not data.isascii() and not _utf8(data))
    ):
        return scalar()
    # The header's problems, worded by the scalar reader.
    parse_measurements(_csv([names]), file=str(path), indicators=known, types=registry)
    if len(set(names)) != len(names) or _BLANK.fullmatch(data):
        return scalar()
    numeric = all(registry[i.measurement_type].numeric for i in known)
    frame = None
    # Numbers straight from the CSV parser where every indicator is numeric; a
    # cell it cannot read as a number sends the file through the text path.
    for value_type in (pl.Float64, pl.String) if numeric else (pl.String,):
        schema: dict[str, Any] = {name: pl.String for name in names}
        schema.update({name: pl.Categorical for name in ("indicator", "subject", "period")})
        if "value" in schema:
            schema["value"] = value_type
        try:
            frame = pl.read_csv(
                data, has_header=True, new_columns=names, schema=schema, raise_if_empty=False
            )
            break
        except pl.exceptions.PolarsError:
            continue
    if frame is None:
        return scalar()  # ragged rows, bad quoting, not UTF-8: the scalar reader says which
    blank = pl.all_horizontal(pl.all().is_null())
    if frame.select(blank.any()).item():
        if _ONLY_COMMAS.search(data):
            return scalar()
        frame = frame.filter(~blank)
    reader = Reader(frame, known, registry)
    slow_rows = reader.slow_rows()
    slow = _Columns()
    if slow_rows.height:
        cells = slow_rows.drop("row").select(pl.all().cast(pl.String).fill_null(""))
        # A number goes back as repr(float), which the scalar reader reads as that float.
        text = _csv([names, *cells.iter_rows()])
        try:
            measurements = parse_measurements(
                text, file=str(path), indicators=known, types=registry
            )
        except SociaaldomeinError:
            scalar()  # raises the error with the file's own line numbers
            raise  # pragma: no cover - the scalar reader found the same problem
        type_of = {i.id: registry[i.measurement_type] for i in known}
        for row, measurement in zip(slow_rows.get_column("row"), measurements, strict=True):
            slow.add(row, measurement, measurement.value_as(type_of[measurement.indicator]))
    table = reader.table(slow)
    keys = ["indicator", "subject", "period", "slice"]
    if table.frame.select(pl.struct(keys).is_duplicated().any()).item():
        return scalar()  # raises, naming both lines of each duplicate
    return table


def _utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8; Windows-1252 and its finding are the scalar reader's."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _newlines(data: bytes) -> bytes:
    """Line ends as the scalar reader's text mode reads them, inside quoted cells too."""
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def _csv(rows: Iterable[Iterable[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()
