"""Numbers as Dutch texts write them: a decimal comma and a thousands dot."""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

from sociaaldomein.errors import InvalidValueError

__all__ = ["as_decimal", "format_number", "parse_number"]

_DUTCH_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")


def as_decimal(value: int | float | Decimal) -> Decimal:
    """``value`` as an exact Decimal; a float counts as the decimal it prints as.

    ``as_decimal(0.1) == Decimal("0.1")``, so arithmetic on measured values
    gives the answer a person doing the sum on paper would get.
    """
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidValueError(f"expected a finite number, got {value!r}")
        return Decimal(repr(value))
    return Decimal(value)


def format_number(value: int | float | Decimal, *, decimals: int = 0, grouping: bool = True) -> str:
    """Write ``value`` the Dutch way: ``1.234,5``.

    Shows at least ``decimals`` decimals, and more where the value has them,
    so that :func:`parse_number` gives the same value back.
    """
    number = as_decimal(value)
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    if -number.as_tuple().exponent < decimals:  # type: ignore[operator]
        number = number.quantize(Decimal(1).scaleb(-decimals))
    sign = "-" if number.is_signed() and number != 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    if grouping:
        whole = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{whole},{fraction}" if fraction else f"{sign}{whole}"


def parse_number(text: str) -> Decimal:
    """Read a number written the Dutch way (``1.234,50``, ``8,0``, ``-3``).

    :raises InvalidValueError: the text is not such a number.
    """
    cleaned = text.strip()
    if not _DUTCH_NUMBER.fullmatch(cleaned):
        raise InvalidValueError(
            f"{text!r} is not a Dutch number; expected digits with a decimal comma, such as 1.234,5"
        )
    try:
        return Decimal(cleaned.replace(".", "").replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        raise InvalidValueError(f"{text!r} is not a number") from None
