"""Sheet cells as the text cells of a measurements CSV file, for :mod:`sociaaldomein.io.xlsx`.

A typed number in a number column becomes a text only one decimal-mark
convention reads (:func:`~sociaaldomein.io.numbers.typed_text`), keeping
the decimals its format shows; a percent-formatted one the percentage it
shows; a date in the period column is named, never read as a day.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.io.numbers import NUMBER_COLUMNS, typed_text
from sociaaldomein.model.measurement import DataStatus
from sociaaldomein.text.language import _

__all__ = ["cell_text", "date_problem", "number_format_of"]

# Literal text in a number format ("%" in quotes, \%) shows a sign without scaling.
_QUOTED = re.compile(r'"[^"]*"|\\.')
_DECIMALS = re.compile(r"\.([0#?]+)")  # the decimals a format shows: 0.00 shows two


def cell_text(
    value: object, column: str, number_format: object = None, worded: bool = False
) -> str:
    """The CSV cell of a sheet cell; ``worded``: its row's values are text (a number as typed)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, int | float):
        if column in NUMBER_COLUMNS and not worded:
            shown = _QUOTED.sub("", number_format if isinstance(number_format, str) else "")
            decimals = _DECIMALS.search(shown.split(";")[0])
            try:
                return typed_text(
                    value, percent="%" in shown, shown=len(decimals[1]) if decimals else 0
                )
            except InvalidValueError:
                pass  # not finite, or out of bounds: the reader's message names it
        elif isinstance(value, float) and value.is_integer() and column in ("n", "revision"):
            return str(int(value))
    if isinstance(value, float):
        return repr(value)
    # One kind of line break, so that the CSV lines can be counted back to sheet rows.
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    if column == "status" and text.strip():
        try:
            return DataStatus(text.strip()).value  # voorlopig, Nader voorlopig, ...
        except ValueError:
            return text  # the CSV reader says what is expected
    return text


def number_format_of(cell: Any) -> object:
    """The number format of a cell holding a number, else None (a style read spared)."""
    value = getattr(cell, "value", None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return getattr(cell, "number_format", None)
    return None


def date_problem(value: dt.date) -> str:
    """What is wrong with a date cell in the period column, and what to do."""
    shown = value.date() if isinstance(value, dt.datetime) else value
    return _(
        "period: een datumcel ({date}), geen periode; Excel maakt een datum van 2024-01: maak de"
        " kolom tekst en schrijf de periode (zoals {month}, of {date} voor die ene dag)"
    ).format(date=shown.isoformat(), month=f"{shown.year}-{shown.month:02d}")
