"""Reading and writing model objects as TOML files, and measurements as CSV.

Every problem of a file is reported at once, as a :class:`LoadError` whose
problems name the file and the key path or line. Nothing in a file is ever
executed. Writing replaces a file atomically: a failed write leaves the old
file as it was.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import tempfile
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from sociaaldomein.errors import LoadError, Problem, SociaaldomeinError
from sociaaldomein.io.converter import structure, unstructure
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.indicator_set import IndicatorSet
from sociaaldomein.model.measurement import DataStatus, Measurement
from sociaaldomein.model.measurement_type import (
    MeasurementType,
    MeasurementTypeRegistry,
    Value,
    ValueKind,
)
from sociaaldomein.model.period import Period
from sociaaldomein.model.project import Project

__all__ = [
    "CSV_COLUMNS",
    "dump_toml",
    "format_measurements",
    "load_measurements",
    "load_plan",
    "load_set",
    "load_toml",
    "loads_toml",
    "parse_measurements",
    "read_toml",
    "save_toml",
    "write_atomic",
]

T = TypeVar("T")

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
)
_REQUIRED = ("indicator", "subject", "period")
_LINE = re.compile(r"line (\d+)")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise LoadError([Problem(str(path), "", f"not UTF-8 text ({error.reason})")]) from None
    except OSError as error:
        raise LoadError([Problem(str(path), "", f"cannot read: {error.strerror}")]) from None


def _parse_toml(text: str, file: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = _LINE.search(message)
        raise LoadError(
            [Problem(file, f"line {line.group(1)}" if line else "", f"not valid TOML: {message}")]
        ) from None


def read_toml(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A TOML file's data, before it is turned into model objects (see ``converter.structure``).

    :raises LoadError: the file cannot be read or is not TOML.
    """
    path = Path(path)
    return _parse_toml(_read_text(path), str(path))


def loads_toml(text: str, cl: type[T], *, file: str = "<text>") -> T:
    """Build a ``cl`` from TOML text.

    :raises LoadError: the text is not TOML, or does not describe a ``cl``;
        every problem is listed with ``file`` and its key path or line.
    """
    return structure(_parse_toml(text, file), cl, file=file)


def load_toml(path: str | os.PathLike[str], cl: type[T]) -> T:
    """Read a ``cl`` from a TOML file; see :func:`loads_toml`."""
    path = Path(path)
    return loads_toml(_read_text(path), cl, file=str(path))


def load_set(path: str | os.PathLike[str]) -> IndicatorSet:
    """Read an indicator set from a TOML file."""
    return load_toml(path, IndicatorSet)


def load_plan(path: str | os.PathLike[str]) -> Project:
    """Read a project plan (a project with indicators, phases and budget) from TOML."""
    return load_toml(path, Project)


def dump_toml(obj: object) -> str:
    """``obj`` as TOML text; :func:`loads_toml` gives an equal object back."""
    import tomli_w

    return tomli_w.dumps(unstructure(obj))


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Replace ``path`` with ``text`` in one step.

    The text goes to a temporary file beside ``path`` first, which then
    takes its place; if anything fails on the way, ``path`` is untouched.
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_toml(obj: object, path: str | os.PathLike[str]) -> None:
    """Write ``obj`` to ``path`` as TOML, atomically."""
    write_atomic(path, dump_toml(obj))


# -- measurements from CSV ----------------------------------------------------


def _guess_value(text: str) -> Value:
    lowered = text.casefold()
    if lowered in ("ja", "nee", "true", "false", "yes", "no"):
        return lowered in ("ja", "true", "yes")
    number = text.replace(",", ".") if text.count(",") == 1 and "." not in text else text
    try:
        as_float = float(number)
    except ValueError:
        return text
    return int(as_float) if as_float.is_integer() and "." not in number else as_float


def _typed_value(text: str, measurement_type: MeasurementType) -> Value:
    if measurement_type.kind is ValueKind.TEXT:
        return text
    if measurement_type.kind is ValueKind.YES_NO:
        return measurement_type.parse(text)
    try:
        number: int | float = int(text) if measurement_type.integral else float(text)
    except ValueError:
        return measurement_type.validate(_guess_value(text))
    return measurement_type.validate(number)


def _number(text: str, column: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise SociaaldomeinError(f"{column}: expected a number, found {text!r}") from None


def parse_measurements(
    text: str,
    *,
    file: str = "<text>",
    indicators: Mapping[str, Indicator] | Iterable[Indicator] | None = None,
    types: Mapping[str, MeasurementType] | None = None,
) -> list[Measurement]:
    """Read measurements from CSV text (see :data:`CSV_COLUMNS`).

    With ``indicators``, each row must name one of them and its value must
    be valid for that indicator's measurement type. Values may use a decimal
    point or a Dutch decimal comma.

    :raises LoadError: listing every bad row with its line number.
    """
    if indicators is not None and not isinstance(indicators, Mapping):
        indicators = {indicator.id: indicator for indicator in indicators}
    registry = types if types is not None else MeasurementTypeRegistry()
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [column.strip() for column in next(reader, [])]
    except csv.Error as error:
        raise LoadError([Problem(file, "line 1", f"not valid CSV: {error}")]) from None
    problems = [
        Problem(file, "line 1", f"missing column {column!r}")
        for column in (*_REQUIRED, "value")
        if column not in header
        and not (column == "value" and {"numerator", "denominator"} <= set(header))
    ]
    unknown = [c for c in header if c not in CSV_COLUMNS and not c.startswith("dimension.")]
    if unknown:
        problems.append(
            Problem(
                file,
                "line 1",
                f"unknown column(s) {', '.join(map(repr, unknown))}; expected columns:"
                f" {', '.join(CSV_COLUMNS)} and dimension.<name>",
            )
        )
    if problems:
        raise LoadError(problems)
    read_row = _RowReader(header, indicators, registry)
    measurements = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(Problem(file, f"line {reader.line_num}", f"not valid CSV: {error}"))
            break
        if not row:
            continue  # a blank line, as csv.DictReader skips them too
        try:
            measurements.append(read_row(row))
        except SociaaldomeinError as error:
            problems.append(Problem(file, f"line {reader.line_num}", str(error)))
    if problems:
        raise LoadError(problems)
    return measurements


_STATUSES = {member.value: member for member in DataStatus}


class _RowReader:
    """Turns CSV rows into measurements; set up once per file, called per row."""

    def __init__(
        self,
        header: list[str],
        indicators: Mapping[str, Indicator] | None,
        registry: Mapping[str, MeasurementType],
    ) -> None:
        self.width = len(header)
        # A missing column reads the empty cell appended after the last one.
        column = {name: index for index, name in enumerate(header)}
        (
            self.i_indicator,
            self.i_subject,
            self.i_period,
            self.i_value,
            self.i_n,
            self.i_source,
            self.i_note,
            self.i_numerator,
            self.i_denominator,
            self.i_status,
        ) = (column.get(name, self.width) for name in CSV_COLUMNS)
        self.dimensions = [
            (name.removeprefix("dimension."), index)
            for index, name in enumerate(header)
            if name.startswith("dimension.")
        ]
        self.types = (
            None
            if indicators is None
            else {key: registry[i.measurement_type] for key, i in indicators.items()}
        )
        # Periods repeat on every row: read each text once (and share the object).
        self.period = functools.lru_cache(maxsize=4096)(Period.parse)

    def __call__(self, row: list[str]) -> Measurement:
        if len(row) > self.width:
            raise SociaaldomeinError("more cells than columns")
        cells = [cell.strip() for cell in row]
        cells += [""] * (self.width + 1 - len(cells))
        for column, index in zip(
            _REQUIRED, (self.i_indicator, self.i_subject, self.i_period), strict=True
        ):
            if not cells[index]:
                raise SociaaldomeinError(f"{column}: required, found an empty cell")
        indicator_id = cells[self.i_indicator]
        measurement_type = None
        if self.types is not None:
            measurement_type = self.types.get(indicator_id)
            if measurement_type is None:
                raise SociaaldomeinError(
                    f"indicator: unknown indicator {indicator_id!r}; known:"
                    f" {', '.join(sorted(self.types)) or '(none)'}"
                )
        value: Value | None = None
        text = cells[self.i_value]
        if text:
            try:
                value = (
                    _typed_value(text, measurement_type) if measurement_type else _guess_value(text)
                )
            except SociaaldomeinError as error:
                raise SociaaldomeinError(f"value: {error}") from None
        try:
            period = self.period(cells[self.i_period])
        except SociaaldomeinError as error:
            raise SociaaldomeinError(f"period: {error}") from None
        extra: dict[str, Any] = {}
        for column, index in (("numerator", self.i_numerator), ("denominator", self.i_denominator)):
            if number := cells[index]:
                extra[column] = _number(number, column)
        if respondents := cells[self.i_n]:
            if not respondents.isdigit():
                raise SociaaldomeinError(
                    f"n: expected a whole number of respondents, found {respondents!r}"
                )
            extra["n"] = int(respondents)
        status_text = cells[self.i_status] or "definitive"
        status = _STATUSES.get(status_text)
        if status is None:
            raise SociaaldomeinError(
                f"status: expected 'provisional' or 'definitive', found {status_text!r}"
            )
        if self.dimensions:
            extra["dimensions"] = {name: cells[i] for name, i in self.dimensions if cells[i]}
        measurement = Measurement(
            indicator_id,
            cells[self.i_subject],
            period,
            value,
            status=status,
            source=cells[self.i_source],
            note=cells[self.i_note],
            **extra,
        )
        if measurement_type is not None and value is None:
            measurement.value_as(measurement_type)  # a derived value must be valid too
        return measurement


def format_measurements(measurements: Iterable[Measurement]) -> str:
    """Measurements as CSV text that :func:`parse_measurements` reads back."""
    rows = list(measurements)
    dimensions = sorted({key for m in rows for key, _ in m.dimensions})
    columns = [*CSV_COLUMNS, *(f"dimension.{key}" for key in dimensions)]
    buffer = io.StringIO()
    # CRLF, as RFC 4180 has it: then a bare \r or \n inside a cell gets quoted too.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for m in rows:
        cells = {
            "indicator": m.indicator,
            "subject": m.subject,
            "period": str(m.period),
            "value": _cell(m.value),
            "n": "" if m.n is None else str(m.n),
            "source": m.source,
            "note": m.note,
            "numerator": _cell(m.numerator),
            "denominator": _cell(m.denominator),
            "status": m.status.value,
            **{f"dimension.{key}": item for key, item in m.dimensions},
        }
        writer.writerow([cells.get(column, "") for column in columns])
    return buffer.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def load_measurements(
    path: str | os.PathLike[str],
    *,
    indicators: Mapping[str, Indicator] | Iterable[Indicator] | None = None,
    types: Mapping[str, MeasurementType] | None = None,
) -> list[Measurement]:
    """Read measurements from a CSV file; see :func:`parse_measurements`."""
    path = Path(path)
    return parse_measurements(_read_text(path), file=str(path), indicators=indicators, types=types)
