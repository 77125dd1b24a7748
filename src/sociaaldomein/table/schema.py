"""The schema of a measurements table: its constants, scales, and values in Python form.

What every reader and user of a :class:`~sociaaldomein.table.measurements.MeasurementTable`
shares without the table itself: the data status enum's order, the digits a
Decimal column holds, the optional columns, and a row's value as the
measurement type gives it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import DataStatus
from sociaaldomein.model.measurement_type import MeasurementType, Value
from sociaaldomein.text.language import _

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "DATA_STATUSES",
    "MAX_DIGITS",
    "OPTIONAL_COLUMNS",
    "Slice",
    "TooManyDigitsError",
    "decimal_scale",
    "number_as_value",
    "python_value",
    "unique_indicators",
    "with_optional_columns",
]

#: The data statuses, least final first (the order of the ``data_status`` enum).
DATA_STATUSES = sorted((status.value for status in DataStatus), key=lambda v: DataStatus(v).rank)

#: Digits a polars Decimal holds; a table whose values need more is refused.
MAX_DIGITS = 38

Slice = tuple[tuple[str, str], ...]


class TooManyDigitsError(InvalidValueError):
    """Values (and targets) need more digits than a polars Decimal holds.

    Not wrong in themselves: ``evaluate_all`` takes them, and
    ``account_for`` reads such a file as objects instead.
    """


def _scale(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def _integer_digits(number: Decimal) -> int:
    return max(1, number.adjusted() + 1) if number != 0 else 1


def decimal_scale(numbers: Iterable[Decimal | None], *, at_least: int = 0) -> int:
    """The scale that holds every one of ``numbers`` exactly.

    :raises TooManyDigitsError: together with the largest, they need more
        than :data:`MAX_DIGITS` digits.
    """
    scale, digits = at_least, 1
    for number in numbers:
        if number is None:
            continue
        scale = max(scale, _scale(number))
        digits = max(digits, _integer_digits(number))
    if scale + digits > MAX_DIGITS:
        raise TooManyDigitsError(
            _(
                "waarden vragen om {digits} cijfers voor en {scale} na de komma; de tabel in"
                " kolommen bevat er {most} in totaal (gebruik evaluate_all voor zulke waarden)"
            ).format(digits=digits, scale=scale, most=MAX_DIGITS)
        )
    return scale


def unique_indicators(indicators: Iterable[Indicator]) -> tuple[Indicator, ...]:
    """``indicators`` as a tuple, each id once.

    :raises InvalidValueError: an id is given twice (a table holds one enum of ids).
    """
    given = tuple(indicators)
    ids = [indicator.id for indicator in given]
    if len(set(ids)) != len(ids):
        twice = sorted({key for key in ids if ids.count(key) > 1})
        raise InvalidValueError(
            _("indicator {id!r} is twee keer gegeven; ids moeten uniek zijn").format(id=twice[0])
        )
    return given


#: The optional columns and their dtypes (by name of a polars dtype constructor).
OPTIONAL_COLUMNS = (
    "unknown",
    "forecast",
    "forecast_flag",
    "forecast_text",
    "derived",
    "no_status",
)


def with_optional_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with every optional column, null where it had none.

    ``unknown`` is ``""`` on a row with no value at all where it was null.
    """
    import polars as pl

    dtypes: dict[str, Any] = {
        "unknown": pl.String,
        "forecast": pl.Decimal(MAX_DIGITS, 0),
        "forecast_flag": pl.Boolean,
        "forecast_text": pl.String,
        "derived": pl.Boolean,
        "no_status": pl.Boolean,
    }
    missing = [name for name in OPTIONAL_COLUMNS if name not in frame.schema]
    if missing:
        frame = frame.with_columns(pl.lit(None, dtype=dtypes[name]).alias(name) for name in missing)
    # A row without a value is not known, also where a reader left ``unknown`` out.
    empty = pl.col("value").is_null() & pl.col("flag").is_null() & pl.col("text").is_null()
    return frame.with_columns(
        unknown=pl.when(empty).then(pl.col("unknown").fill_null("")).otherwise(pl.col("unknown"))
    )


def python_value(
    record: Mapping[str, Any], measurement_type: MeasurementType, *, prefix: str = ""
) -> Value | None:
    """A row's value (or forecast, with ``prefix="forecast"``) as ``validate`` gives it."""
    flag, text, number = (
        (record["flag"], record["text"], record["value"])
        if not prefix
        else (record[f"{prefix}_flag"], record[f"{prefix}_text"], record[prefix])
    )
    if flag is not None:
        return bool(flag)
    if text is not None:
        return str(text)
    if number is None:
        return None
    return number_as_value(number, measurement_type)


def number_as_value(number: Decimal, measurement_type: MeasurementType) -> Value:
    """An exact number in its type's Python form (int, Decimal or float)."""
    if measurement_type.integral:
        return int(number)
    if measurement_type.exact:
        return number.normalize() if number != 0 else Decimal(0)
    return float(number)
