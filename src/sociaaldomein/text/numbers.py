"""Numbers as Dutch texts write them: a decimal comma and a thousands dot.

One reader, :func:`read_number`, serves every place that accepts numbers as
text (CSV cells, the Dutch text of a measurement type): it knows both the
Dutch form (``1.234,5``) and the decimal point (``1234.5``), and says so
when a text such as ``1.234`` could be either. Every number it returns is
below :data:`MAX_MAGNITUDE`, so that no later sum or display overflows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from sociaaldomein.errors import InvalidValueError

__all__ = [
    "MAX_MAGNITUDE",
    "as_decimal",
    "check_magnitude",
    "format_number",
    "parse_number",
    "read_number",
    "round_half_away",
    "show_number",
    "telling_places",
]

#: The largest magnitude a number read from input may have (exclusive):
#: 10^15, a thousand times the Dutch national budget in euros. Larger values
#: are typing errors or hostile, and would lose precision as floats.
MAX_MAGNITUDE = Decimal(10) ** 15

# Dutch: groups of three digits after a dot, an optional decimal comma.
_DUTCH_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")
# A decimal point, optionally with an exponent (1.5e3): what software writes.
_POINT_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,6})?")
# 1.234 or 12.345.678: a Dutch thousands dot, or (with one dot) a decimal point.
_THOUSANDS_ONLY = re.compile(r"[+-]?[1-9]\d{0,2}(?:\.\d{3})+")


def check_magnitude(value: Decimal, text: object = None) -> Decimal:
    """``value`` itself, when it is finite and below :data:`MAX_MAGNITUDE`.

    :raises InvalidValueError: it is not; the message shows ``text`` (or the value).
    """
    shown = value if text is None else text
    if not value.is_finite():
        raise InvalidValueError(f"expected a finite number, got {shown}")
    if value and value.adjusted() >= 15:
        raise InvalidValueError(
            f"{_short(shown)} is too large; numbers must stay below 10^15 (1.000.000.000.000.000)"
        )
    return value


def _short(value: object) -> str:
    shown = str(value)
    return shown if len(shown) <= 40 else f"{shown[:20]}...({len(shown)} characters)"


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
    so that :func:`parse_number` gives the same value back. Any finite value
    can be written, however large.

    :raises InvalidValueError: ``value`` is not finite.
    """
    number = as_decimal(value)
    if not number.is_finite():
        raise InvalidValueError(f"expected a finite number, got {number}")
    # Enough precision for every digit the value has: quantize must never fail.
    digits = len(number.as_tuple().digits) + max(0, number.adjusted()) + decimals + 2
    with localcontext() as context:
        context.prec = max(28, digits)
        if number == number.to_integral_value():
            number = number.quantize(Decimal(1))
        else:
            number = number.normalize()
        if -number.as_tuple().exponent < decimals:  # type: ignore[operator]
            number = number.quantize(Decimal(1).scaleb(-decimals))
    sign = "-" if number.is_signed() and number != 0 else ""
    whole, _, fraction = f"{number.copy_abs():f}".partition(".")  # abs() would round
    if grouping:
        whole = _group(whole)
    return f"{sign}{whole},{fraction}" if fraction else f"{sign}{whole}"


# 1, 0.1, 0.01 ...: the exponents rounding quantizes to, made once.
_UNITS = tuple(Decimal(1).scaleb(-places) for places in range(30))


def round_half_away(value: Decimal, places: int) -> Decimal:
    """``value`` rounded to ``places`` decimals, a half away from zero (0,125 -> 0,13).

    The rounding a person does on paper, and monotone: a larger value never
    rounds to a smaller one. Exact for any finite value, however large.
    """
    exponent = _UNITS[places] if 0 <= places < len(_UNITS) else Decimal(1).scaleb(-places)
    try:
        return value.quantize(exponent, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        pass  # more digits than the context holds: again with enough precision for each one
    with localcontext() as context:
        context.prec = max(0, value.adjusted()) + places + 2
        return value.quantize(exponent, rounding=ROUND_HALF_UP)


def telling_places(value: Decimal, others: Iterable[Decimal], *, at_least: int = 2) -> int:
    """The fewest decimals, ``at_least`` or more, at which ``value`` rounds apart from each other.

    Every finite number of ``others`` that differs from ``value`` rounds
    (:func:`round_half_away`) to a different number than ``value`` does, so
    14,999 set beside 15 shows as 14,999, never as a second 15. Since the
    rounding is monotone, the rounded numbers keep the order of the exact ones.
    """
    places = at_least
    for other in others:
        if not other.is_finite() or other == value:
            continue
        # This ends: at the decimals both numbers have in full, they are exact and differ.
        while round_half_away(value, places) == round_half_away(other, places):
            places += 1
    return places


def show_number(value: Decimal, *, places: int = 2, decimals: int = 0) -> str:
    """``value`` as a reason or report shows it: at most ``places`` decimals, at least ``decimals``.

    A value with more decimals than ``places`` is rounded a half away from
    zero (:func:`round_half_away`); ``decimals`` are always written (a grade's
    ``7,0``). Pick ``places`` with :func:`telling_places` where the number
    is set beside another.
    """
    number = as_decimal(value)
    if number.is_finite():
        # Rounding a value with fewer decimals only adds zeros, which format_number drops.
        number = round_half_away(number, places)
    return format_number(number, decimals=decimals)


def _group(digits: str) -> str:
    # By string slicing rather than int(): no limit on the number of digits.
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(groups)


def read_number(text: str, *, thousands: bool | None = None) -> Decimal:
    """Read a number written the Dutch way (``1.234,5``) or with a decimal point (``1234.5``).

    A comma makes the text Dutch: dots are then thousands separators in groups
    of three. Without a comma a dot is a decimal point, except in a text like
    ``1.234`` or ``12.345.678`` that reads as thousands; ``12.345.678`` can
    only be that, while ``1.234`` is decided by ``thousands``:

    - ``True``: a thousands dot (1234), as Dutch text and the count and
      amount types write it;
    - ``False``: a decimal point (1.234);
    - ``None``: neither is assumed, and the text is an error.

    :raises InvalidValueError: the text is not a number, is ambiguous, or is
        too large (see :data:`MAX_MAGNITUDE`).
    """
    cleaned = text.strip()
    if "," in cleaned:
        if not _DUTCH_NUMBER.fullmatch(cleaned):
            raise InvalidValueError(
                f"{_short(text)!r} is not a number; expected digits with a decimal comma,"
                " such as 1.234,5, or a decimal point, such as 1234.5"
            )
        return _decimal(cleaned.replace(".", "").replace(",", "."), text)
    if _THOUSANDS_ONLY.fullmatch(cleaned) and (thousands or cleaned.count(".") > 1):
        return _decimal(cleaned.replace(".", ""), text)
    if _THOUSANDS_ONLY.fullmatch(cleaned) and thousands is None:
        raise InvalidValueError(
            f"{text.strip()!r} is ambiguous: a thousands dot or a decimal point;"
            f" write {cleaned.replace('.', '')} or {cleaned.replace('.', ',')}"
        )
    if not _POINT_NUMBER.fullmatch(cleaned):
        raise InvalidValueError(
            f"{_short(text)!r} is not a number; expected digits with a decimal comma,"
            " such as 1.234,5, or a decimal point, such as 1234.5"
        )
    return _decimal(cleaned, text)


def _decimal(cleaned: str, text: str) -> Decimal:
    try:
        number = Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the patterns admit only valid numbers
        raise InvalidValueError(f"{_short(text)!r} is not a number") from None
    return check_magnitude(number, text.strip())


def parse_number(text: str) -> Decimal:
    """Read a number written the Dutch way (``1.234,50``, ``8,0``, ``-3``).

    The text :func:`format_number` writes; a dot is always a thousands dot.

    :raises InvalidValueError: the text is not such a number, or too large.
    """
    cleaned = text.strip()
    if not _DUTCH_NUMBER.fullmatch(cleaned):
        raise InvalidValueError(
            f"{_short(text)!r} is not a Dutch number; expected digits with a decimal comma,"
            " such as 1.234,5"
        )
    return read_number(cleaned, thousands=True)
