"""Measurements from and to CSV, strictly: every row read or a line-numbered error.

Reads comma-separated UTF-8, tab-separated files, and what Dutch Excel saves
(``;``, decimal comma, Windows-1252, which is reported as a finding; a
trailing delimiter after the header). Numbers go through the one number
reader (:mod:`sociaaldomein.io.numbers`). Rejected with file and line: an
unterminated quote, a column named twice, the header again in the middle,
a row with more or fewer cells than the header, two rows for the same
indicator, subject, period and slice that are not declared revisions, a
value that disagrees with its numerator and denominator, a number that
could have a thousands separator or a decimal mark where the file does not
say which, and anything over the size limit.
"""

from __future__ import annotations

import csv
import io
import os
import warnings
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import attrs

from sociaaldomein.errors import LoadError, SociaaldomeinError
from sociaaldomein.findings import Finding, Severity
from sociaaldomein.io._rows import _REQUIRED, CSV_COLUMNS, RowReader
from sociaaldomein.io.columns import column_name, unknown_columns_message
from sociaaldomein.io.limits import DEFAULT_LIMITS, Limits, decode_text, read_bounded
from sociaaldomein.io.numbers import DecimalMarks
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.measurement_type import (
    MeasurementType,
    MeasurementTypeRegistry,
)
from sociaaldomein.model.revisions import InForce, Revised, select_revisions
from sociaaldomein.text.language import _, ngettext
from sociaaldomein.text.numbers import format_number

__all__ = [
    "CSV_COLUMNS",
    "DataWarning",
    "MeasurementFile",
    "delimiter_of",
    "load_measurements",
    "parse_measurements",
    "read_measurements",
    "read_measurements_text",
]

_MAX_PROBLEMS = 1000


class DataWarning(UserWarning):
    """A finding about a file read by :func:`load_measurements` (which cannot return it)."""


@attrs.frozen
class MeasurementFile:
    """What :func:`read_measurements` read from a file.

    :param measurements: the value in force for each indicator, subject,
        period and slice (see :func:`~sociaaldomein.model.revisions.resolve_revisions`).
    :param history: every row, revisions included, in file order.
    :param revised: the values that were revised, to be named in a report.
    :param findings: what was noticed short of an error (the encoding).
    :param encoding: ``utf-8`` or ``cp1252``.
    :param delimiter: ``,``, ``;`` (Dutch Excel) or a tab.
    :param places: where each row of ``history`` is (``line 4``), so that a
        duplicate of a row in another file can name both.
    """

    file: str
    measurements: tuple[Measurement, ...]
    history: tuple[Measurement, ...]
    revised: tuple[Revised, ...]
    findings: tuple[Finding, ...]
    encoding: str
    delimiter: str
    places: tuple[str, ...] = ()


def delimiter_of(text: str) -> str:
    """The delimiter of a measurements file: of ``,``, ``;`` and tab, the one its header has most.

    ``,`` where there is a tie (a header of one column).
    """
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=header.count)


def _said(finding: Finding) -> str:
    """A finding as one line, as ``str(finding)`` but its severity in words (``waarschuwing``)."""
    place = "".join(f"{part}: " for part in (finding.file, finding.where) if part)
    severity = _("fout") if finding.severity is Severity.ERROR else _("waarschuwing")
    return f"{place}{severity}: {finding.message}"


def _problems_cap(problems: list[Finding], file: str) -> LoadError:
    if len(problems) > _MAX_PROBLEMS:
        more = len(problems) - _MAX_PROBLEMS
        problems = [
            *problems[:_MAX_PROBLEMS],
            Finding.in_file(file, "", _("... en nog {more}").format(more=format_number(more))),
        ]
    return LoadError(problems)


def _parse(
    text: str,
    file: str,
    indicators: Mapping[str, Indicator] | Iterable[Indicator] | None,
    types: Mapping[str, MeasurementType] | None,
    delimiter: str | None,
    limits: Limits,
    decimal: str | Mapping[str, str] | None = None,
) -> tuple[list[Measurement], InForce, str, list[int]]:
    if len(text) > limits.max_csv_bytes:
        raise LoadError(
            [
                Finding.in_file(
                    file,
                    "",
                    _("groter dan de grens; verhoog die met Limits(max_csv_bytes=...)"),
                )
            ]
        )
    text = text.removeprefix("\ufeff")
    if indicators is not None and not isinstance(indicators, Mapping):
        indicators = {indicator.id: indicator for indicator in indicators}
    registry = types if types is not None else MeasurementTypeRegistry()
    delimiter = delimiter or delimiter_of(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        headings = next(reader, [])
    except csv.Error as error:
        raise LoadError(
            [Finding.in_file(file, "line 1", _("geen geldige CSV: {error}").format(error=error))]
        ) from None
    # English or Dutch, any case: the one table of headings every reader uses.
    header = [column_name(heading) for heading in headings]
    written = [heading.strip() for heading in headings] or [""]
    named = len(header)
    while named > 1 and not header[named - 1]:
        named -= 1  # the trailing delimiter Excel saves: checked per row to be empty
    problems = _header_problems(header[:named], file)
    if problems:
        raise LoadError(problems)

    def column_cells(column: str) -> Iterator[tuple[str, str]]:
        yield from _column_cells(text, delimiter, header.index(column) if column in header else -1)

    marks = DecimalMarks(dict(decimal) if isinstance(decimal, Mapping) else decimal, column_cells)
    read_row = RowReader(
        header[:named], indicators, registry, marks=marks, unnamed=len(header) - named
    )
    measurements: list[Measurement] = []
    lines: list[int] = []
    end = reader.line_num
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            end = reader.line_num
            message = (
                _("een aanhalingsteken geopend op regel {line} wordt nooit gesloten").format(
                    line=start
                )
                if "unexpected end of data" in str(error)
                else _("geen geldige CSV: {error}").format(error=error)
            )
            problems.append(Finding.in_file(file, f"line {start}", message))
            continue
        end = reader.line_num
        if not row or (not row[0].strip() and not "".join(row).strip()):
            continue  # a blank line, or a row of empty cells as Excel leaves them
        try:
            if row[0].strip() == written[0] and [cell.strip() for cell in row] == written:
                raise SociaaldomeinError(
                    _("nog eens de kopregel; zijn twee bestanden samengevoegd?")
                )
            measurements.append(read_row(row))
            lines.append(start)
        except SociaaldomeinError as error:
            problems.append(Finding.in_file(file, f"line {start}", str(error)))
    selected, pairs = select_revisions(measurements)
    twice = _(
        "{indicator} voor {subject} {period}{where} staat ook op regel {line}; verwijder er een,"
        " of geef beide een revisie of een as_of-datum"
    )
    for first, later in pairs:
        m = measurements[later]
        where = "".join(f", {key}={item}" for key, item in m.dimensions)
        problems.append(
            Finding.in_file(
                file,
                f"line {lines[later]}",
                twice.format(
                    indicator=m.indicator,
                    subject=m.subject,
                    period=m.period,
                    where=where,
                    line=lines[first],
                ),
            )
        )
    if problems:
        raise _problems_cap(sorted(problems, key=_line_number), file)
    assert selected is not None  # no pairs, so no duplicates
    return measurements, selected, delimiter, lines


def _column_cells(text: str, delimiter: str, index: int) -> Iterator[tuple[str, str]]:
    """Each (line, cell) of column ``index`` below the header, as far as the CSV can be read."""
    if index < 0:
        return
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        next(reader, None)
        end = reader.line_num
        for row in reader:
            if index < len(row):
                yield f"line {end + 1}", row[index]
            end = reader.line_num
    except csv.Error:
        return  # the reading itself names the line


def _line_number(problem: Finding) -> int:
    return int(problem.where.removeprefix("line ")) if problem.where.startswith("line ") else 0


def _header_problems(header: list[str], file: str) -> list[Finding]:
    blank = [str(number) for number, column in enumerate(header, start=1) if not column]
    problems = [
        Finding.in_file(file, "line 1", _("kolom {column!r} ontbreekt").format(column=column))
        for column in (*_REQUIRED, "value")
        if column not in header
        and not (column == "value" and {"numerator", "denominator"} <= set(header))
    ]
    seen: dict[str, int] = {}
    for number, column in enumerate(header, start=1):
        if column and column in seen:
            problems.append(
                Finding.in_file(
                    file,
                    "line 1",
                    _("kolom {column!r} staat er twee keer (kolommen {first} en {second})").format(
                        column=column, first=seen[column], second=number
                    ),
                )
            )
        seen.setdefault(column, number)
    if blank:
        problems.append(
            Finding.in_file(
                file,
                "line 1",
                ngettext(
                    "kolom {columns} heeft geen kop; geef hem er een",
                    "kolommen {columns} hebben geen kop; geef elk er een",
                    len(blank),
                ).format(columns=", ".join(blank)),
            )
        )
    unknown = [c for c in header if c and c not in CSV_COLUMNS and not c.startswith("dimension.")]
    if unknown:
        problems.append(Finding.in_file(file, "line 1", unknown_columns_message(unknown)))
    return problems


def parse_measurements(
    text: str,
    *,
    file: str = "<text>",
    indicators: Mapping[str, Indicator] | Iterable[Indicator] | None = None,
    types: Mapping[str, MeasurementType] | None = None,
    delimiter: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    history: bool = False,
    decimal: str | Mapping[str, str] | None = None,
) -> list[Measurement]:
    """Read measurements from CSV text (see :data:`CSV_COLUMNS`).

    With ``indicators``, each row must name one of them and its value must
    be valid for that indicator's measurement type. The delimiter is ``,``,
    ``;`` or a tab (found from the header unless given). A number may have
    a decimal comma (``12,5``, ``1.234,5``) or a decimal point (``12.5``,
    ``1,234.5``); ``1.234`` and ``1,234``, which could be either, are read
    with the file's decimal mark: ``decimal`` (``,`` or ``.``, or one per
    column: ``{"value": ","}``), or else the mark that the other numbers of
    the same column show. Without either, such a cell is an error.

    :param history: give every row, revisions included, instead of only the
        value in force for each indicator, subject, period and slice.
    :raises LoadError: listing every bad row with its line number.
    """
    rows, selected, _, _ = _parse(text, file, indicators, types, delimiter, limits, decimal)
    return rows if history else list(selected.measurements)


def read_measurements_text(
    text: str,
    *,
    file: str = "<text>",
    indicators: Mapping[str, Indicator] | Iterable[Indicator] | None = None,
    types: Mapping[str, MeasurementType] | None = None,
    delimiter: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    decimal: str | Mapping[str, str] | None = None,
) -> MeasurementFile:
    """A :class:`MeasurementFile` from CSV text: :func:`parse_measurements` with each row's line.

    :raises LoadError: listing every bad row with its line number.
    """
    rows, selected, used, lines = _parse(text, file, indicators, types, delimiter, limits, decimal)
    return MeasurementFile(
        file,
        selected.measurements,
        tuple(rows),
        selected.revised,
        (),
        "utf-8",
        used,
        tuple(f"line {line}" for line in lines),
    )


def read_measurements(
    path: str | os.PathLike[str],
    *,
    indicators: Mapping[str, Indicator] | Iterable[Indicator] | None = None,
    types: Mapping[str, MeasurementType] | None = None,
    delimiter: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    decimal: str | Mapping[str, str] | None = None,
) -> MeasurementFile:
    """Read a measurements file with everything noticed on the way; see :func:`parse_measurements`.

    A file that is not UTF-8 but Windows-1252 (as Dutch Excel saves CSV) is
    read, with a warning finding; no character is ever replaced silently.

    :raises LoadError: the file is over ``limits``, not text, or has bad rows.
    """
    path = Path(path)
    data = read_bounded(path, limits.max_csv_bytes)
    text, encoding, findings = decode_text(data, str(path), allow_cp1252=True)
    read = read_measurements_text(
        text,
        file=str(path),
        indicators=indicators,
        types=types,
        delimiter=delimiter,
        limits=limits,
        decimal=decimal,
    )
    return attrs.evolve(read, findings=tuple(findings), encoding=encoding)


def load_measurements(
    path: str | os.PathLike[str],
    *,
    indicators: Mapping[str, Indicator] | Iterable[Indicator] | None = None,
    types: Mapping[str, MeasurementType] | None = None,
    delimiter: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    history: bool = False,
    decimal: str | Mapping[str, str] | None = None,
) -> list[Measurement]:
    """Read measurements from a CSV file; see :func:`parse_measurements`.

    Findings (such as a Windows-1252 file) are issued as :class:`DataWarning`;
    :func:`read_measurements` returns them instead.
    """
    read = read_measurements(
        path,
        indicators=indicators,
        types=types,
        delimiter=delimiter,
        limits=limits,
        decimal=decimal,
    )
    for finding in read.findings:
        warnings.warn(_said(finding), DataWarning, stacklevel=2)
    return list(read.history if history else read.measurements)
