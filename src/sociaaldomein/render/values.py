"""Values as the report shows them."""

from __future__ import annotations

from decimal import Decimal

from sociaaldomein.model.measurement_type import MeasurementType, Value
from sociaaldomein.text.numbers import as_decimal, format_number

__all__ = ["show_value"]

_ROUNDING = Decimal("0.01")


def show_value(value: Value, measurement_type: MeasurementType) -> str:
    """A value as the report shows it: rounded to two decimals, as the reason rounds it.

    A percentage of ``10.395956192080876`` (from a numerator and a
    denominator) shows as ``10,4%``; a grade keeps its one decimal (``8,0``).
    """
    if isinstance(value, bool | str):
        return measurement_type.format(value)
    number = as_decimal(value)
    if number != number.to_integral_value():
        number = number.quantize(_ROUNDING).normalize()
    shown = format_number(number, decimals=measurement_type.decimals)
    return f"{measurement_type.prefix}{shown}{measurement_type.suffix}"
