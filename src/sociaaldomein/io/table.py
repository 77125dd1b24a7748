"""Reading a measurements CSV file into a columnar :class:`MeasurementTable`.

polars reads the file; the columns are then checked against the rules of
:func:`sociaaldomein.io.loading.parse_measurements`, each check once per
distinct cell (:mod:`.table_columns`). Rows the checks cannot vouch for (a
Dutch decimal comma, a value derived from a numerator and denominator, cells
with spaces around them, anything invalid) are read by that scalar reader
itself, and so is a whole file whose structure polars reads otherwise (a
short row, text after a closing quote, a carriage return that ends no line
in a file whose lines end in LF, a ``;`` header). A file whose lines end in
CRLF is read with CR as the line end, as the scalar reader's text mode ends
lines. The rules live in one place: a file with a bad row gives the same
:class:`LoadError`, with the same line numbers, as ``load_measurements``.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.io.columns import column_name
from sociaaldomein.io.limits import DEFAULT_LIMITS
from sociaaldomein.io.loading import load_measurements, parse_measurements
from sociaaldomein.io.measurements import delimiter_of
from sociaaldomein.io.numbers import column_mark
from sociaaldomein.io.table_columns import Reader
from sociaaldomein.io.table_frame import (
    CATEGORICAL,
    SCAN_FROM_BYTES,
    cells_line_up,
    read_csv_frame,
    scan_frame,
    survey,
)
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement_type import MeasurementType, MeasurementTypeRegistry
from sociaaldomein.table.measurements import MeasurementColumns, MeasurementTable
from sociaaldomein.table.schema import unique_indicators

if TYPE_CHECKING:
    import polars as pl

__all__ = ["read_columnar", "read_measurements_table"]

_BOM = b"\xef\xbb\xbf"
# U+FFFD in UTF-8: characters lost before the file was made, the scalar reader's finding.
_REPLACEMENT_CHARACTER = "\ufffd".encode()
_SCALAR_COLUMNS = {"revision", "as_of", "subject_code"}
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
    known = list(
        unique_indicators(indicators.values() if isinstance(indicators, Mapping) else indicators)
    )
    registry = types if types is not None else MeasurementTypeRegistry()
    table = read_columnar(path, indicators=known, types=registry)
    if table is None:
        measurements = load_measurements(path, indicators=known, types=registry)
        table = MeasurementTable.from_measurements(measurements, known, registry)
    return table


def read_columnar(
    path: str | os.PathLike[str],
    *,
    indicators: Iterable[Indicator],
    types: Mapping[str, MeasurementType],
) -> MeasurementTable | None:
    """The table of a measurements CSV file, or None for a file the scalar reader must read.

    None means: read it with :func:`sociaaldomein.io.loading.load_measurements`
    (or ``read_measurements``, which also gives its findings); it names the
    problems of a bad file, notices an encoding, and keeps revisions.

    :raises LoadError: the header is wrong, worded as the scalar reader words it.
    """
    import polars as pl

    known = list(indicators)
    path = Path(path)

    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            return None  # a device: the scalar reader reads it bounded, and names it
        large = status.st_size > DEFAULT_LIMITS.max_csv_bytes
        if large or status.st_size >= SCAN_FROM_BYTES:
            # Scanned by polars' streaming engine where the file is plain: memory
            # for the columns, never for the file.
            scanned = _scan(path, known, types)
            if scanned is not None or large:
                # (An oversized file that is not plain: the scalar reader reads it
                # bounded, and names it.)
                return scanned
        data = path.read_bytes()
    except OSError:
        return None
    data = data.removeprefix(_BOM)
    quoted = b'"' in data
    if quoted and b"\r" in data:
        # A CR inside a quoted cell: polars keeps it where the scalar reader's
        # text mode makes it a line end.
        data = _newlines(data)
    names = _header_names(data[:65536].decode("utf-8", "ignore"), str(path), known, types)
    if (
        names is None
        or b"\x00" in data  # the scalar reader's error: not a text file
        or (not data.isascii() and (not _utf8(data) or _REPLACEMENT_CHARACTER in data))
        or _BLANK.fullmatch(data)
    ):
        return None

    try:
        table = _read_fast(data, quoted, names, str(path), known, types)
    except (pl.exceptions.PolarsError, pl.exceptions.PanicException):
        table = None  # what polars cannot read as the column checks expect
    return table


def _header_names(
    start: str, file: str, known: list[Indicator], types: Mapping[str, MeasurementType]
) -> list[str] | None:
    """The column names of a file that starts with ``start``, or None where the scalar
    reader reads its header otherwise.

    :raises LoadError: the header is wrong, worded as the scalar reader words it.
    """
    try:
        header = next(csv.reader(io.StringIO(start), strict=True), [])
    except csv.Error:
        return None
    names = [column_name(name) for name in header]  # English or Dutch, any case
    if (
        not names
        or _SCALAR_COLUMNS & set(names)
        or any("\ufeff" in name for name in names)  # a second byte order mark
        or delimiter_of(start) != ","
        or not names[-1]  # a trailing delimiter: the scalar reader checks its cells are empty
    ):
        return None
    # The header's problems, worded by the scalar reader.
    parse_measurements(_csv([names]), file=file, indicators=known, types=types)
    return None if len(set(names)) != len(names) else names


def _scan(
    path: Path, known: list[Indicator], types: Mapping[str, MeasurementType]
) -> MeasurementTable | None:
    """The table of a large file, scanned by polars' streaming engine, or None where the
    file is not plain (``survey``): those are read whole, as any file.

    :raises LoadError: the header is wrong, worded as the scalar reader words it.
    """
    import polars as pl

    surveyed = survey(path)
    if not surveyed.plain:
        return None
    names = _header_names(surveyed.start, str(path), known, types)
    if names is None:
        return None
    try:
        frame, categories = scan_frame(path, names)
        return _read_frame(
            (frame, categories, {}),
            names,
            str(path),
            known,
            types,
            check_lines=surveyed.ends_with_delimiter,
            lines_up=lambda: cells_line_up(path, len(names)),
            only_commas=lambda: surveyed.only_delimiters,
        )
    except (pl.exceptions.PolarsError, pl.exceptions.PanicException):
        return None


def _read_fast(
    data: bytes,
    quoted: bool,
    names: list[str],
    file: str,
    known: list[Indicator],
    registry: Mapping[str, MeasurementType],
) -> MeasurementTable | None:
    """The table, or None where only the scalar reader reads ``data`` (``quoted``: with a ``"``)."""

    read = _read(data, names)
    if read is None:
        return None  # a CR that ends no line: the scalar reader's text mode ends a line there
    return _read_frame(
        read,
        names,
        file,
        known,
        registry,
        check_lines=quoted or data.endswith(b","),
        lines_up=lambda: cells_line_up(data, len(names)),
        only_commas=lambda: bool(_ONLY_COMMAS.search(data)),
    )


def _read_frame(
    read: _Read,
    names: list[str],
    file: str,
    known: list[Indicator],
    registry: Mapping[str, MeasurementType],
    *,
    check_lines: bool,
    lines_up: Callable[[], bool],
    only_commas: Callable[[], bool],
) -> MeasurementTable | None:
    """The table of polars' reading of a file (its frame, categories and cells), or None.

    What the file's text must say, asked only when it matters: ``lines_up``
    whether every line has its cells (asked with ``check_lines``, or when a
    row is short), ``only_commas`` whether a line is nothing but delimiters.
    """
    import polars as pl

    frame, categories, texts = read
    # A short row (polars fills it with nulls), text after a closing quote, or
    # a last line without a line end that has an empty cell too many (polars drops it).
    short = frame.get_column(names[-1]).null_count()
    if (check_lines or short) and not lines_up():
        return None
    blank = pl.all_horizontal(pl.all().is_null())
    if frame.select(blank.any()).item():
        if only_commas():
            return None
        frame = frame.filter(~blank)
    # Only now: a file the checks above refuse may have cells polars cut inside a character.
    for name, kept in categories.items():
        if name not in texts:
            texts[name] = kept.to_series()
    # The value column's decimal mark as the scalar reader finds it ("": no cell needs one);
    # only cells with a separator can need or show one, so a cheap look first.
    values = texts.get("value", pl.Series([], dtype=pl.String))
    separated = values.filter(values.str.contains(r"[.,]"))
    needed = separated.str.contains(r"[.,][0-9]{3}").any()
    mark = column_mark(separated.to_list()) if needed else ""
    if mark is None:
        return None  # 1.234 with no decimal mark to read it by: the scalar reader names it
    reader = Reader(frame, texts, known, registry, mark == ".")
    slow_rows = reader.slow_rows()
    slow = MeasurementColumns()
    if slow_rows.height:
        cells = slow_rows.select(
            pl.lit(texts[name]).gather(pl.col(name).to_physical()).alias(name)
            if name in texts
            else pl.col(name).cast(pl.String)
            for name in names
        ).fill_null("")
        text = _csv([names, *cells.iter_rows()])
        try:
            # The value column's mark, shown by rows not among these.
            value_mark = {"value": mark} if mark else None
            measurements = parse_measurements(
                text, file=file, indicators=known, types=registry, decimal=value_mark
            )
        except SociaaldomeinError:
            return None  # the scalar reader names the problem with the file's own line numbers
        if len(measurements) != slow_rows.height:
            return None  # a row of blanks only the scalar reader skips
        type_of = {i.id: registry[i.measurement_type] for i in known}
        for row, measurement in zip(slow_rows.get_column("row"), measurements, strict=True):
            slow.add_measurement(row, measurement, type_of[measurement.indicator])
    table = reader.table(slow)
    if table.has_duplicates():
        return None  # the scalar reader names both lines of each duplicate
    return table


def _read(data: bytes, names: list[str]) -> _Read | None:
    """polars' frame of ``data``, its categoricals' categories, and their cells by code if known.

    None: a CR in ``data`` that ends no CRLF (``_lone_carriage_return``).
    """
    carriage = b"\r" in data
    if carriage:
        crlf = _read_crlf(data, names)
        if crlf is not None:
            return crlf
    frame, categories = read_csv_frame(data, names, "\n")
    if carriage and _lone_carriage_return(data, frame, categories):
        return None
    return frame, categories, {}


_Read = tuple["pl.DataFrame", dict[str, "pl.Categories"], dict[str, "pl.Series"]]


def _read_crlf(data: bytes, names: list[str]) -> _Read | None:
    """The frame of a file whose lines end in CRLF, read with CR as the line end.

    Every CR then ends a line, as in the scalar reader's text mode, and the
    LF after it starts the next record: in the first column, a categorical,
    it is taken off its distinct cells. This spares the search of the whole
    file for a CR before a delimiter (which polars drops when LF ends its
    lines), which costs half as much as reading the file.
    None: an LF ends a line without a CR, or the first column is not a
    categorical; such files are read with LF as the line end.
    """
    import polars as pl

    first = names[0]
    cr = data.find(b"\r")
    if first not in CATEGORICAL or data.find(b"\n") != cr + 1:
        return None
    try:
        frame, categories = read_csv_frame(data, names, "\r")
    except pl.exceptions.PolarsError:
        return None  # a line ending in LF alone made a record too long, say
    if data.endswith(b"\r\n"):
        frame = frame.head(frame.height - 1)  # the record of the last LF alone
    # A record after a CR that ends no CRLF is the line the scalar reader's text mode makes.
    texts = {name: kept.to_series() for name, kept in categories.items()}
    texts[first] = texts[first].str.strip_prefix("\n")
    # Any other LF ends a line without a CR.
    cells = texts.values()
    strings = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    if any(cell.str.contains("\n", literal=True).any() for cell in cells) or (
        strings and frame.select(pl.any_horizontal(pl.col(strings).str.contains("\n").any())).item()
    ):
        return None
    # The LF alone of the last line end made a category of its own: a look
    # at the rows tells whether a blank line or an empty first cell has it too.
    empty = texts[first].str.len_bytes() == 0
    if not empty.any():
        return frame, categories, texts
    codes, lone = frame.get_column(first).to_physical(), empty.arg_true()[0]
    if not (codes == lone).any():
        if len(codes):
            # No row has it: it takes a cell a row has, so that a check of
            # every distinct cell holds for the rows (see ``Reader``).
            texts[first] = texts[first].scatter(lone, texts[first][codes[0]])
        return frame, categories, texts
    # Then the first column without LFs, an empty cell null, so that blank lines are all null.
    kept = pl.Categories.random()
    cells_of_first = (
        texts[first]
        .to_frame("text")
        .select(pl.when(pl.col("text") != "").then(pl.col("text")).cast(pl.Categorical(kept)))
    )
    code = pl.col(first).to_physical()
    frame = frame.with_columns(pl.lit(cells_of_first.to_series()).gather(code).alias(first))
    return frame, {**categories, first: kept}, {**texts, first: kept.to_series()}


def _lone_carriage_return(
    data: bytes, frame: pl.DataFrame, categories: Mapping[str, pl.Categories]
) -> bool:
    """Whether a CR in ``data`` (no quotes in it) ends no CRLF.

    polars drops such a CR before a delimiter and keeps any other in its
    cell, so a search for the one and a look at the cells find them all
    (two counts over the whole file cost more).
    """
    import polars as pl

    if b"\r," in data:  # (a polars Binary search is faster, but copies the file four times)
        return True
    cells = [kept.to_series() for kept in categories.values()]
    texts = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return any(cell.str.contains("\r", literal=True).any() for cell in cells) or bool(
        texts and frame.select(pl.any_horizontal(pl.col(texts).str.contains("\r").any())).item()
    )


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
