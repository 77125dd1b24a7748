"""Measurement types (meettypen): what kind of value an indicator measures.

A type validates values, writes them in Dutch (``15%``, ``8,0``,
``EUR 1.234,50``) and reads that text back. The built-in types are in
:data:`BUILTIN_MEASUREMENT_TYPES`; plugins add more through a
:class:`MeasurementTypeRegistry`.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal

import attrs

from sociaaldomein.errors import InvalidValueError, UnknownNameError
from sociaaldomein.model._convert import optional_finite_decimal
from sociaaldomein.text.language import N_, _
from sociaaldomein.text.numbers import (
    MAX_MAGNITUDE,
    as_decimal,
    check_magnitude,
    format_number,
    parse_number,
    show_number,
)
from sociaaldomein.text.suggest import unknown_name

__all__ = [
    "BUILTIN_MEASUREMENT_TYPES",
    "MeasurementType",
    "MeasurementTypeRegistry",
    "Value",
    "ValueKind",
]

#: A measured value: a number, yes/no for milestones, or text for qualitative indicators.
Value = int | float | Decimal | bool | str


class ValueKind(enum.StrEnum):
    """The Python shape of a type's values."""

    NUMBER = "number"
    YES_NO = "yes_no"
    TEXT = "text"


_YES = ("ja", "yes", "true", "1")
_NO = ("nee", "no", "false", "0")


def _optional_decimal(value: object) -> Decimal | None:
    return optional_finite_decimal(value)  # type: ignore[arg-type]


@attrs.frozen
class MeasurementType:
    """One kind of measured value, with its valid range and Dutch text form.

    :param name: identifier used in TOML and CSV (``percentage``).
    :param label: Dutch name for reports (``percentage``, ``rapportcijfer``); a
        chart's axis title, translated where the catalog has it.
    :param kind: numbers, yes/no, or free text.
    :param minimum: smallest valid value, inclusive.
    :param maximum: largest valid value, inclusive.
    :param integral: only whole numbers are valid.
    :param exact: values are kept as :class:`~decimal.Decimal` (money).
    :param decimals: decimals always shown (``8,0`` has one).
    :param prefix: text before the number (``EUR ``).
    :param suffix: text after the number (``%``, `` uur``).
    :param scale: a value derived from a numerator and a denominator is
        ``numerator / denominator * scale`` (100 for percentages, 1,000 for
        a rate per 1,000 inhabitants); ``None`` when that makes no sense.
    :param additive: values of parts add up to the value of the whole
        (counts, amounts, hours); otherwise they aggregate through their
        numerators and denominators.
    """

    name: str
    label: str
    kind: ValueKind = ValueKind.NUMBER
    minimum: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    maximum: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    integral: bool = False
    exact: bool = False
    decimals: int = 0
    prefix: str = ""
    suffix: str = ""
    scale: int | None = None
    additive: bool = False
    _low: float = attrs.field(init=False, eq=False, repr=False)
    _high: float = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # Float bounds for the fast path of validate(); frozen, hence object.__setattr__.
        # No value reaches MAX_MAGNITUDE, whatever the type allows.
        limit = math.nextafter(float(MAX_MAGNITUDE), 0)
        low = -limit if self.minimum is None else max(float(self.minimum), -limit)
        high = limit if self.maximum is None else min(float(self.maximum), limit)
        object.__setattr__(self, "_low", low)
        object.__setattr__(self, "_high", high)

    @property
    def numeric(self) -> bool:
        return self.kind is ValueKind.NUMBER

    def _expected(self) -> str:
        if self.kind is ValueKind.YES_NO:
            return _("ja of nee (true/false)")
        if self.kind is ValueKind.TEXT:
            return _("tekst")
        low = None if self.minimum is None else format_number(self.minimum)
        high = None if self.maximum is None else format_number(self.maximum)
        if self.integral:
            if low is not None and high is not None:
                return _("een geheel getal van {low} t/m {high}").format(low=low, high=high)
            if low is not None:
                return _("een geheel getal van minstens {low}").format(low=low)
            if high is not None:
                return _("een geheel getal van hoogstens {high}").format(high=high)
            return _("een geheel getal")
        if low is not None and high is not None:
            return _("een getal van {low} t/m {high}").format(low=low, high=high)
        if low is not None:
            return _("een getal van minstens {low}").format(low=low)
        if high is not None:
            return _("een getal van hoogstens {high}").format(high=high)
        return _("een getal")

    def _invalid(self, value: object) -> InvalidValueError:
        shown = str(value) if isinstance(value, Decimal) else repr(value)
        return InvalidValueError(
            _("{value} is geen geldige waarde voor {name}; verwacht {expected}").format(
                value=shown, name=self.name, expected=self._expected()
            )
        )

    def validate(self, value: object) -> Value:
        """Check ``value`` and return it in this type's canonical Python form.

        Integral types give ``int``, exact types ``Decimal``, other numeric
        types ``float``; yes/no gives ``bool`` and text ``str``.

        :raises InvalidValueError: the value is outside this type; the message
            says what was expected.
        """
        if self.kind is ValueKind.YES_NO:
            if isinstance(value, bool):
                return value
            raise self._invalid(value)
        if self.kind is ValueKind.TEXT:
            if isinstance(value, str):
                return value
            raise self._invalid(value)
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise self._invalid(value)
        if type(value) is float and not self.exact and not self.integral:
            # The common case, kept free of Decimal: a float against float bounds.
            if not (self._low <= value <= self._high) or not math.isfinite(value):
                if math.isfinite(value):
                    check_magnitude(as_decimal(value))  # says "too large" where that is why
                raise self._invalid(value)
            return value + 0.0  # a zero has no sign: -0 is 0, in any reader
        if isinstance(value, float | Decimal) and not math.isfinite(value):
            raise self._invalid(value)
        number = check_magnitude(as_decimal(value))
        if self.minimum is not None and number < self.minimum:
            raise self._invalid(value)
        if self.maximum is not None and number > self.maximum:
            raise self._invalid(value)
        if self.integral:
            if number != number.to_integral_value():
                raise self._invalid(value)
            return int(number)
        if self.exact:
            # No sign on zero; (``+ 0`` would round to the context's 28 digits).
            return number.copy_abs() if number.is_zero() else number
        return float(value) + 0.0

    def format(self, value: Value) -> str:
        """Write a valid value the Dutch way: ``15%``, ``8,0``, ``EUR 1.234,50``, ``ja``."""
        checked = self.validate(value)
        if isinstance(checked, bool):
            return "ja" if checked else "nee"
        if isinstance(checked, str):
            return checked
        return f"{self.prefix}{format_number(checked, decimals=self.decimals)}{self.suffix}"

    def display(self, number: Decimal, *, places: int = 2) -> str:
        """A number as a reason or report shows it: ``14,99%``, ``7,0``, ``EUR 250,00``.

        Rounded a half away from zero to at most ``places`` decimals, with at
        least this type's :attr:`decimals`; not validated, since thresholds
        worked out from a change may lie beyond the type's range. See
        :func:`~sociaaldomein.text.numbers.show_number`.
        """
        shown = show_number(number, places=places, decimals=self.decimals)
        return f"{self.prefix}{shown}{self.suffix}"

    def parse(self, text: str) -> Value:
        """Read the text :meth:`format` writes, and validate it.

        :raises InvalidValueError: the text is not a value of this type.
        """
        if self.kind is ValueKind.TEXT:
            return self.validate(text)
        cleaned = text.strip()
        if self.kind is ValueKind.YES_NO:
            if cleaned.casefold() in _YES:
                return True
            if cleaned.casefold() in _NO:
                return False
            raise self._invalid(text)
        if self.prefix and cleaned.startswith(self.prefix.strip()):
            cleaned = cleaned[len(self.prefix.strip()) :]
        if self.suffix and cleaned.endswith(self.suffix.strip()):
            cleaned = cleaned[: -len(self.suffix.strip())]
        try:
            number = parse_number(cleaned)
        except InvalidValueError:
            raise self._invalid(text) from None
        return self.validate(number)

    def from_fraction(
        self, numerator: int | float | Decimal, denominator: int | float | Decimal
    ) -> Value:
        """The value that ``numerator`` out of ``denominator`` stands for.

        :raises InvalidValueError: this type has no scale, or the denominator is zero.
        """
        if self.scale is None:
            raise InvalidValueError(
                _("een {name} volgt niet uit een teller en noemer").format(name=self.name)
            )
        if denominator == 0:
            raise InvalidValueError(_("een noemer van 0 geeft geen waarde"))
        return self.validate(float(as_decimal(numerator) * self.scale / as_decimal(denominator)))


def _builtin_types() -> tuple[MeasurementType, ...]:
    return (
        MeasurementType(
            "percentage", N_("percentage"), minimum=0, maximum=100, suffix="%", scale=100
        ),
        MeasurementType("grade", N_("rapportcijfer"), minimum=1, maximum=10, decimals=1),
        MeasurementType("count", N_("aantal"), minimum=0, integral=True, additive=True),
        MeasurementType(
            "amount", N_("bedrag"), exact=True, decimals=2, prefix="EUR ", additive=True
        ),
        MeasurementType("hours", N_("uren"), minimum=0, suffix=" uur", additive=True),
        MeasurementType("ratio", N_("verhouding"), minimum=0, scale=1),
        MeasurementType(
            "rate_per_1000", N_("per 1.000 inwoners"), minimum=0, suffix=" per 1.000", scale=1000
        ),
        MeasurementType(
            "rate_per_10000",
            N_("per 10.000 inwoners"),
            minimum=0,
            suffix=" per 10.000",
            scale=10_000,
        ),
        MeasurementType(
            "rate_per_100000",
            N_("per 100.000 inwoners"),
            minimum=0,
            suffix=" per 100.000",
            scale=100_000,
        ),
        MeasurementType("milestone", N_("mijlpaal"), kind=ValueKind.YES_NO),
        MeasurementType("qualitative", N_("kwalitatief"), kind=ValueKind.TEXT),
    )


#: The measurement types every registry starts with.
BUILTIN_MEASUREMENT_TYPES: tuple[MeasurementType, ...] = _builtin_types()


class MeasurementTypeRegistry(Mapping[str, MeasurementType]):
    """Measurement types by name; starts with the built-in ones.

    A plugin's types are added with :meth:`register`; a name can be
    registered once.
    """

    def __init__(self, types: Iterable[MeasurementType] = BUILTIN_MEASUREMENT_TYPES) -> None:
        self._types: dict[str, MeasurementType] = {}
        for measurement_type in types:
            self.register(measurement_type)

    def register(self, measurement_type: MeasurementType) -> None:
        """Add a type.

        :raises InvalidValueError: a type of that name is already registered.
        """
        if measurement_type.name in self._types:
            raise InvalidValueError(
                _("meettype {name!r} is al geregistreerd").format(name=measurement_type.name)
            )
        self._types[measurement_type.name] = measurement_type

    def __getitem__(self, name: str) -> MeasurementType:
        try:
            return self._types[name]
        except KeyError:
            message = _("onbekend meettype {name}").format(name=repr(name))
            raise UnknownNameError(
                unknown_name(message, name, self._types, known_as=_("bekende meettypen"))
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._types)

    def __len__(self) -> int:
        return len(self._types)
