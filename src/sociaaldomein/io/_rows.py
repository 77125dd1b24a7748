"""Turning one CSV row into a :class:`Measurement`; set up once per file."""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Mapping
from typing import Any

from sociaaldomein.errors import InvalidValueError, SociaaldomeinError
from sociaaldomein.io.columns import CSV_COLUMNS, not_known_marker
from sociaaldomein.io.numbers import DecimalMarks, agrees_as_written, as_type, read_exact
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import DataStatus, Measurement
from sociaaldomein.model.measurement_type import MeasurementType, Value, ValueKind
from sociaaldomein.model.period import Period
from sociaaldomein.text.escape import restore_formula
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import (
    AmbiguousNumberError,
    as_decimal,
    check_decimals,
    parse_number,
)
from sociaaldomein.text.suggest import unknown_name

__all__ = ["CSV_COLUMNS", "RowReader", "read_period"]

_REQUIRED = ("indicator", "subject", "period")
_STATUSES = {member.value: member for member in DataStatus}
# What float() reads exactly as read_number() would: the fast path for most cells.
# At most 15 digits (a float keeps them all), and never 1.234, which only the
# file's decimal mark reads.
_PLAIN = re.compile(
    r"(?!-?[1-9][0-9]{0,2}\.[0-9]{3}\Z)(?=-?[0-9.]{1,16}\Z)-?[0-9]{1,15}(?:\.[0-9]{1,15})?"
)
_WHOLE = re.compile(r"[0-9]{1,15}")
_INTEGER = re.compile(r"[+-]?(?:[0-9]+|[1-9][0-9]{0,2}(?:[.,][0-9]{3})+)")
_YES_NO = {"ja": True, "true": True, "yes": True, "nee": False, "false": False, "no": False}


def read_period(text: str) -> Period:
    """The period in a cell: :meth:`Period.parse`, with digits 0-9 and a year of 1000 or later.

    A year before 1000 (``0999``) would be written back as ``999``, which
    no reader takes for a period again.

    :raises InvalidValueError: the text is not such a period.
    """
    if not text.isascii():
        raise InvalidValueError(
            _("{text!r} is geen periode: schrijf hem met de cijfers 0-9, zoals 2023-Q3").format(
                text=text[:40]
            )
        )
    period = Period.parse(text)
    if period.start.year < 1000:
        raise InvalidValueError(
            _(
                "{text!r}: een jaar voor 1000 is geen periode die dit programma terugleest;"
                " schrijf het jaar in vier cijfers vanaf 1000, zoals 2023"
            ).format(text=text.strip()[:40])
        )
    return period


def _status_word(text: str) -> DataStatus | None:
    """A status written in words (``nader voorlopig``), as :class:`DataStatus` accepts them."""
    try:
        return DataStatus(text)
    except ValueError:
        return None


class RowReader:
    """Turns CSV rows into measurements; set up once per file, called per row."""

    def __init__(
        self,
        header: list[str],
        indicators: Mapping[str, Indicator] | None,
        registry: Mapping[str, MeasurementType],
        *,
        marks: DecimalMarks,
        unnamed: int = 0,
    ) -> None:
        """``marks``: the file's decimal marks; ``unnamed``: empty headings after the last column.

        Cells under those headings (the trailing delimiter Excel saves) must be empty.
        """
        self.unnamed = unnamed
        self.width = len(header) + unnamed
        self.marks = marks
        # A missing column reads the empty cell appended after the last one.
        column = {name: index for index, name in enumerate(header)}
        self.index = {name: column.get(name, self.width) for name in CSV_COLUMNS}
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
        self.period = functools.lru_cache(maxsize=4096)(read_period)
        # Per type, the pattern of a plain cell and how to read it: the fast path.
        self.fast: dict[str, tuple[re.Pattern[str], type[int] | type[float]] | None] = {}
        for measurement_type in (self.types or {}).values():
            fast = None
            if measurement_type.numeric and not measurement_type.exact:
                fast = (_WHOLE, int) if measurement_type.integral else (_PLAIN, float)
            self.fast[measurement_type.name] = fast

    def _value(self, text: str, measurement_type: MeasurementType | None, column: str) -> Value:
        if measurement_type is None:
            return self._guess(text, column)
        fast = self.fast.get(measurement_type.name)
        if fast is not None and fast[0].fullmatch(text):
            return measurement_type.validate(fast[1](text))
        if measurement_type.kind is ValueKind.TEXT:
            return restore_formula(text)
        if measurement_type.kind is ValueKind.YES_NO:
            return measurement_type.parse(text)
        try:
            number = self.marks.read(text, column)
        except AmbiguousNumberError:
            raise
        except SociaaldomeinError as error:
            own = _own_text(text, measurement_type)  # the type's own text: "15%", "EUR 1.234,50"
            if own is None:
                raise error from None
            number = own
        return as_type(number, measurement_type)

    def _guess(self, text: str, column: str) -> Value:
        flag = _YES_NO.get(text.casefold())
        if flag is not None:
            return flag
        try:
            number = self.marks.read(text, column)
        except AmbiguousNumberError:
            raise
        except SociaaldomeinError:
            return restore_formula(text)
        if _INTEGER.fullmatch(text) and number == number.to_integral_value():
            return int(number)
        return read_exact(number)  # nothing rounded unseen

    def _number(self, text: str, column: str) -> Any:
        try:
            return check_decimals(self.marks.read(text, column))
        except SociaaldomeinError as error:
            raise SociaaldomeinError(f"{column}: {error}") from None

    def _agrees(
        self, text: str, value: Value, extra: Mapping[str, Any], mt: MeasurementType
    ) -> None:
        """The value and its fraction agree at the precision the value was written with."""
        try:
            written = self.marks.read(text, "value")
        except SociaaldomeinError:  # the type's own text: 15,00%
            written = _own_text(text, mt) or as_decimal(value)  # type: ignore[arg-type]
        problem = agrees_as_written(written, extra["numerator"], extra["denominator"], mt)
        if problem is not None:
            raise SociaaldomeinError(problem)

    def __call__(self, row: list[str]) -> Measurement:
        if len(row) != self.width:
            raise SociaaldomeinError(
                _("{cells} cellen, maar de kopregel heeft {width} kolommen").format(
                    cells=len(row), width=self.width
                )
            )
        if self.unnamed and "".join(row[-self.unnamed :]).strip():
            extra_cell = next(
                i for i, cell in enumerate(row) if i >= self.width - self.unnamed and cell.strip()
            )
            raise SociaaldomeinError(
                _(
                    "kolom {column} heeft geen kop maar bevat {text!r}; geef hem een kop of maak"
                    " hem leeg"
                ).format(column=extra_cell + 1, text=row[extra_cell].strip()[:40])
            )
        cells = [cell.strip() for cell in row]
        if "'" in "".join(cells):  # rarely: only then look for neutralised formulas
            cells = [restore_formula(cell) for cell in cells]
        cells.append("")
        index = self.index
        for column in _REQUIRED:
            if not cells[index[column]]:
                raise SociaaldomeinError(
                    _("{column}: verplicht, gevonden een lege cel").format(column=column)
                )
        indicator_id = cells[index["indicator"]]
        measurement_type = None
        if self.types is not None:
            measurement_type = self.types.get(indicator_id)
            if measurement_type is None:
                # Said per line: the suggestion only, never the whole set's list.
                message = _("onbekende indicator {id}").format(id=repr(indicator_id))
                raise SociaaldomeinError(
                    "indicator: " + unknown_name(message, indicator_id, sorted(self.types))
                )
        value: Value | None = None
        text = row[index["value"]].strip() if index["value"] < self.width else ""
        extra_unknown = ""
        # n.n.b., onbekend, -: for a number or yes/no a value not known, the marker its
        # reason (unless the unknown column gives one). A text value stays as written,
        # so that every text written reads back the same.
        worded = measurement_type is None or measurement_type.kind is ValueKind.TEXT
        if not worded and (marker := not_known_marker(text)) is not None:
            text, extra_unknown = "", marker
        if text:
            try:
                value = self._value(text, measurement_type, "value")
            except SociaaldomeinError as error:
                raise SociaaldomeinError(f"value: {error}") from None
        try:
            period = self.period(cells[index["period"]])
        except SociaaldomeinError as error:
            raise SociaaldomeinError(f"period: {error}") from None
        extra: dict[str, Any] = {}
        for column in ("numerator", "denominator"):
            if number := cells[index[column]]:
                extra[column] = self._number(number, column)
        for column in ("n", "revision"):
            if whole := cells[index[column]]:
                if not _WHOLE.fullmatch(whole):
                    raise SociaaldomeinError(
                        _(
                            "{column}: verwacht een geheel getal (cijfers 0-9), gevonden {text!r}"
                        ).format(column=column, text=whole[:40])
                    )
                extra[column] = int(whole)
        if as_of := cells[index["as_of"]]:
            try:
                extra["as_of"] = datetime.date.fromisoformat(as_of)
            except ValueError:
                raise SociaaldomeinError(
                    _("as_of: verwacht een datum zoals 2024-03-31, gevonden {text!r}").format(
                        text=as_of[:40]
                    )
                ) from None
        # No status (an empty cell, or no status column): judged as definitive,
        # and marked as not given, so that a report does not call it definitive.
        status_text = cells[index["status"]]
        if not status_text:
            extra["status_given"] = False
        status = _STATUSES.get(status_text or "definitive") or _status_word(status_text)
        if status is None:
            raise SociaaldomeinError(
                _("status: verwacht een van {choices}, gevonden {text!r}").format(
                    choices=", ".join(map(repr, _STATUSES)), text=status_text[:40]
                )
            )
        if unknown := cells[index["unknown"]] or extra_unknown:
            extra["unknown"] = unknown
        if subject_code := cells[index["subject_code"]]:
            extra["subject_code"] = subject_code
        if forecast := cells[index["forecast"]]:
            try:
                extra["forecast"] = self._value(forecast, measurement_type, "forecast")
            except SociaaldomeinError as error:
                raise SociaaldomeinError(f"forecast: {error}") from None
        if self.dimensions:
            extra["dimensions"] = {name: cells[i] for name, i in self.dimensions if cells[i]}
        measurement = Measurement(
            indicator_id,
            cells[index["subject"]],
            period,
            value,
            status=status,
            source=cells[index["source"]],
            note=cells[index["note"]],
            **extra,
        )
        if measurement_type is not None and (value is None or "numerator" in extra):
            if value is not None and measurement_type.numeric:
                self._agrees(text, value, extra, measurement_type)
            measurement.check(measurement_type)  # a derived value must be valid and agree
        return measurement


def _own_text(text: str, measurement_type: MeasurementType) -> Any:
    """The number in the type's own Dutch text (``15%``, ``EUR 1.234,50``), or None."""
    cleaned = text.strip()
    prefix, suffix = measurement_type.prefix.strip(), measurement_type.suffix.strip()
    bare = cleaned.removeprefix(prefix) if prefix else cleaned
    bare = bare.removesuffix(suffix) if suffix else bare
    if bare == cleaned:
        if cleaned.endswith("%"):
            raise InvalidValueError(
                _("{text!r} is een percentage, maar een {name} is dat niet").format(
                    text=cleaned[:40], name=measurement_type.name
                )
            )
        return None
    try:
        return parse_number(bare)
    except InvalidValueError:
        return None  # the reader's own message says what a number looks like
