"""Numbers as Dutch texts write them: a decimal comma and a thousands dot.

One reader, :func:`read_number`, serves every place that accepts numbers as
text (CSV cells, the Dutch text of a measurement type), and
:func:`read_typed` every typed number (an Excel cell, a JSON number). The
text reader knows the Dutch form (``1.234,5``) and the decimal point
(``1234.5``, ``1,234.5``), reads digits 0-9 only, exactly (a Decimal, no
float on the way), and says so when a text such as ``1.234`` or ``1,234``
could be either, unless it is told the file's decimal mark
(:func:`decimal_mark_of` finds the evidence a text gives). Every number
either returns is below :data:`MAX_MAGNITUDE`, so that no later sum or
display overflows; :func:`check_decimals` bounds the decimals of numbers
kept as Decimals (:data:`MAX_DECIMALS`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.text.language import N_, _

__all__ = [
    "DECIMAL_MARKS",
    "MAX_DECIMALS",
    "MAX_MAGNITUDE",
    "AmbiguousNumberError",
    "as_decimal",
    "check_decimals",
    "check_magnitude",
    "decimal_mark_of",
    "format_number",
    "is_ambiguous",
    "parse_number",
    "read_number",
    "read_typed",
    "round_half_away",
    "show_number",
    "telling_places",
]

#: The largest magnitude a number read from input may have (exclusive):
#: 10^15, a thousand times the Dutch national budget in euros. Larger values
#: are typing errors or hostile, and would lose precision as floats.
MAX_MAGNITUDE = Decimal(10) ** 15

#: The most decimals a number kept as a Decimal (an amount, a numerator) may
#: have: what lies below 10^-15 is below the precision of any measurement,
#: and a text such as ``1e-400`` must not silently become 0.
MAX_DECIMALS = 15

#: The two decimal marks a file may use: ``,`` (Dutch, with a thousands
#: dot) and ``.`` (with a thousands comma, or none).
DECIMAL_MARKS = (",", ".")

# Digits 0-9 only: str patterns' \d would take Arabic-Indic and other digits too.
# Dutch: groups of three digits after a dot, an optional decimal comma.
_DUTCH_NUMBER = re.compile(r"[+-]?(?:[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?")
# A decimal point, with groups of three after a comma: 1,234.5.
_POINT_NUMBER = re.compile(
    r"[+-]?(?:(?:[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)"
)
# An exponent (1.5e3, 1234E-3): what software writes, never grouped.
_EXPONENT_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]{1,6}")
# 1.234 or 1,234: a thousands separator or a decimal mark, by the file's convention.
_AMBIGUOUS = re.compile(r"[+-]?[1-9][0-9]{0,2}[.,][0-9]{3}")
_NOT_A_NUMBER = N_(
    "{text!r} is geen getal; verwacht cijfers 0-9 met een decimale komma, zoals 1.234,5, of"
    " een decimale punt, zoals 1234.5"
)


class AmbiguousNumberError(InvalidValueError):
    """A text such as ``1.234`` or ``1,234`` read without knowing the file's decimal mark."""


def check_magnitude(value: Decimal, text: object = None) -> Decimal:
    """``value`` itself, when it is finite and below :data:`MAX_MAGNITUDE`.

    :raises InvalidValueError: it is not; the message shows ``text`` (or the value).
    """
    shown = value if text is None else text
    if not value.is_finite():
        raise InvalidValueError(
            _("verwacht een eindig getal, gevonden {value}").format(value=_short(shown))
        )
    if value and value.adjusted() >= 15:
        raise InvalidValueError(
            _(
                "{value} is te groot; getallen moeten onder 10^15 (1.000.000.000.000.000) blijven"
            ).format(value=_short(shown))
        )
    return value


def check_decimals(value: Decimal, text: object = None) -> Decimal:
    """``value`` itself, when it has at most :data:`MAX_DECIMALS` decimals (trailing zeros aside).

    For numbers kept as Decimals (amounts, numerators): a float type's own
    precision is its float (see ``sociaaldomein.io.numbers.as_type``).

    :raises InvalidValueError: it has more; the message shows ``text`` (or the value).
    """
    text = value if text is None else text
    exponent = value.as_tuple().exponent
    # Trailing zeros (15.000000000000000000) lose nothing; only a digit beyond counts.
    if (
        isinstance(exponent, int)
        and exponent < -MAX_DECIMALS
        and value
        and value.normalize().as_tuple().exponent < -MAX_DECIMALS  # type: ignore[operator]
    ):
        raise InvalidValueError(
            _(
                "{value} heeft meer dan {places} decimalen, onder de precisie van elke meting;"
                " rond het af"
            ).format(value=_short(text), places=MAX_DECIMALS)
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
            raise InvalidValueError(
                _("verwacht een eindig getal, gevonden {value}").format(value=repr(value))
            )
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
        raise InvalidValueError(
            _("verwacht een eindig getal, gevonden {value}").format(value=number)
        )
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
    whole, _point, fraction = f"{number.copy_abs():f}".partition(".")  # abs() would round
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


def decimal_mark_of(text: str) -> str | None:
    """The decimal mark ``text`` shows, if it is a number that shows one.

    ``,`` for ``12,5``, ``1.234,5`` or ``1.234.567`` (a thousands dot);
    ``.`` for ``12.5``, ``0.125``, ``1,234.5`` or ``1,234,567``; None for
    a whole number (``123``), a text that is no number, and ``1.234`` or
    ``1,234``, which could be either.
    """
    cleaned = text.strip()
    dutch = _DUTCH_NUMBER.fullmatch(cleaned) is not None
    point = (
        _POINT_NUMBER.fullmatch(cleaned) is not None
        or _EXPONENT_NUMBER.fullmatch(cleaned) is not None
    )
    if dutch == point:  # both (a whole number, 1.234) or neither (not a number)
        return None
    if point and "." not in cleaned and "," not in cleaned:
        return None  # 1234E-3: an exponent tells nothing of a convention
    return "," if dutch else "."


def is_ambiguous(text: str) -> bool:
    """Whether ``text`` is a number only the file's decimal mark reads: ``1.234``, ``-1,234``."""
    return _AMBIGUOUS.fullmatch(text.strip()) is not None


def read_number(text: str, *, decimal: str | None = None) -> Decimal:
    """Read a number written the Dutch way (``1.234,5``) or with a decimal point (``1234.5``).

    Read exactly, as a Decimal. A text that only one convention reads is
    read by it: ``12,5`` and ``1.234,5`` (Dutch), ``12.5``, ``1,234.5`` and
    ``1.5e3`` (a decimal point). A text that both read differently,
    ``1.234`` or ``1,234`` (one separator, then three digits), is read by
    ``decimal``, the file's decimal mark (``,`` or ``.``); without it, it is
    an :class:`AmbiguousNumberError`.

    :raises InvalidValueError: the text is not a number of digits 0-9, is
        ambiguous, or is too large (see :data:`MAX_MAGNITUDE`).
    """
    if decimal is not None and decimal not in DECIMAL_MARKS:
        raise InvalidValueError(
            _("het decimaalteken moet ',' of '.' zijn, gevonden {mark!r}").format(mark=decimal)
        )
    cleaned = text.strip()
    if not cleaned.isascii():
        if any(character.isdigit() for character in cleaned):
            raise InvalidValueError(
                _(
                    "{text!r} bevat andere cijfers dan 0-9 (Arabisch-Indische, bijvoorbeeld);"
                    " schrijf het getal met de cijfers 0-9"
                ).format(text=_short(cleaned))
            )
        raise InvalidValueError(_(_NOT_A_NUMBER).format(text=_short(text)))
    dutch = _DUTCH_NUMBER.fullmatch(cleaned) is not None
    point = (
        _POINT_NUMBER.fullmatch(cleaned) is not None
        or _EXPONENT_NUMBER.fullmatch(cleaned) is not None
    )
    if dutch and point and _AMBIGUOUS.fullmatch(cleaned):
        if decimal is None:
            separator = "." if "." in cleaned else ","
            whole = cleaned.replace(separator, "")
            fraction = cleaned.replace(separator, "," if separator == "." else ".")
            raise AmbiguousNumberError(
                _(
                    "{text!r} is dubbelzinnig: een scheidingsteken voor duizendtallen of een"
                    " decimaalteken; schrijf {whole} of {fraction}"
                ).format(text=cleaned, whole=whole, fraction=fraction)
            )
        dutch = decimal == ","
    elif not (dutch or point):
        raise InvalidValueError(_(_NOT_A_NUMBER).format(text=_short(text)))
    cleaned = cleaned.replace(".", "").replace(",", ".") if dutch else cleaned.replace(",", "")
    return _decimal(cleaned, text)


def read_typed(value: object) -> Decimal:
    """A typed number (an Excel cell, a JSON number) as an exact Decimal, never through text rules.

    An int is read as it is; a float as the shortest decimal that is that
    float (``0.1`` is 0.1), as :func:`as_decimal` reads it. The same bounds
    as :func:`read_number` apply.

    :raises InvalidValueError: ``value`` is not a number (yes/no and text
        are not), is not finite, or too large.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise InvalidValueError(
            _("verwacht een getal, gevonden {value}").format(value=_short(repr(value)))
        )
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidValueError(
                _("verwacht een eindig getal, gevonden {value}").format(value=repr(value))
            )
        number = Decimal(repr(value))
    else:
        number = Decimal(value)
    return check_magnitude(number)


def _decimal(cleaned: str, text: str) -> Decimal:
    try:
        number = Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the patterns admit only valid numbers
        raise InvalidValueError(_("{text!r} is geen getal").format(text=_short(text))) from None
    return check_magnitude(number, text.strip())


def parse_number(text: str) -> Decimal:
    """Read a number written the Dutch way (``1.234,50``, ``8,0``, ``-3``).

    The text :func:`format_number` writes; a dot is always a thousands dot.

    :raises InvalidValueError: the text is not such a number, or too large.
    """
    cleaned = text.strip()
    if not _DUTCH_NUMBER.fullmatch(cleaned):
        raise InvalidValueError(
            _(
                "{text!r} is geen Nederlands getal; verwacht cijfers met een decimale komma,"
                " zoals 1.234,5"
            ).format(text=_short(text))
        )
    return read_number(cleaned, decimal=",")
