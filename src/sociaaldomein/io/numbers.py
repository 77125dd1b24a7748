"""The one number reader of every source: cells, typed or text, to a measurement type's value.

Every loader reads numbers through these functions (the CSV reader, the
columnar table reader through it, ``.xlsx`` cells, the CBS source):

- :func:`sociaaldomein.text.numbers.read_number` reads a text exactly, with
  the file's decimal mark where a text such as ``1.234`` could be either
  (:class:`DecimalMarks` finds that mark per column);
- :func:`typed_text` writes a typed number (an Excel cell) as a text that
  only one convention reads, so that it never meets the thousands rule, and
  a percent-formatted cell as the percentage it shows (``16%``);
- :func:`as_type` gives the type's value, refusing a number the type would
  keep otherwise than written (``14.9999999999999999`` as a float is 15).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, localcontext

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement_type import (
    MeasurementType,
    MeasurementTypeRegistry,
    Value,
    ValueKind,
)
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import (
    DECIMAL_MARKS,
    AmbiguousNumberError,
    as_decimal,
    check_decimals,
    decimal_mark_of,
    format_number,
    is_ambiguous,
    read_number,
    read_typed,
)

__all__ = [
    "NUMBER_COLUMNS",
    "DecimalMarks",
    "agrees_as_written",
    "as_type",
    "column_mark",
    "read_exact",
    "text_valued",
    "typed_text",
]

#: The columns of a measurements file that hold numbers read with the file's decimal mark.
NUMBER_COLUMNS = ("value", "numerator", "denominator", "forecast")


def as_type(number: Decimal, measurement_type: MeasurementType) -> Value:
    """``number`` as ``measurement_type`` keeps it, or an error where that would change it.

    A float type keeps about 15 significant digits: a number it would round
    (``14.9999999999999999`` to 15, ``1e-400`` to 0) is refused, not rounded
    and then judged. An exact type (an amount) keeps at most
    :data:`~sociaaldomein.text.numbers.MAX_DECIMALS` decimals.

    :raises InvalidValueError: the number is outside the type, or finer than it keeps.
    """
    if measurement_type.exact:
        check_decimals(number)
    value = measurement_type.validate(number)
    if type(value) is float and as_decimal(value) != number:
        raise InvalidValueError(
            _(
                "{number} heeft meer cijfers dan een {name} bewaart (ongeveer 15 significante"
                " cijfers; het zou {kept} worden); rond het af"
            ).format(number=number, name=measurement_type.name, kept=as_decimal(value))
        )
    return value


def text_valued(
    indicators: Mapping[str, Indicator] | Iterable[Indicator] | None,
    types: Mapping[str, MeasurementType] | None,
) -> frozenset[str]:
    """The ids of ``indicators`` whose values are text: a typed number there is its text."""
    registry = types if types is not None else MeasurementTypeRegistry()
    known = indicators.values() if isinstance(indicators, Mapping) else indicators or ()
    return frozenset(
        i.id
        for i in known
        if i.measurement_type in registry and registry[i.measurement_type].kind is ValueKind.TEXT
    )


def typed_text(value: int | float | Decimal, *, percent: bool = False, shown: int = 0) -> str:
    """A typed number as a text :func:`read_number` reads back as exactly that number.

    Digits and an exponent (``1234E-3`` for 1.234), with no separator, so
    that no file convention applies; a percent-formatted cell (0,16 shown as
    16%) as the percentage it shows, in the Dutch form a percentage type
    reads (``16%``, ``12,5%``). ``shown``: the decimals the cell's format
    shows, which the text keeps (15 shown as 15,00 is ``1500E-2``), so that
    a value is checked against its fraction at the precision it is shown with.

    :raises InvalidValueError: the value is not a finite number within bounds.
    """
    number = read_typed(value)
    shown = min(shown, 15)
    if percent:
        return f"{format_number(number.scaleb(2), decimals=shown, grouping=False)}%"
    if shown > -number.as_tuple().exponent:  # type: ignore[operator]
        with localcontext(prec=60):  # trailing zeros only: the value stays the same
            number = number.quantize(Decimal(1).scaleb(-shown))
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # finite: read_typed says so
    text = "".join(map(str, digits))
    return ("-" if sign and number else "") + (f"{text}E{exponent}" if exponent else text)


def read_exact(number: Decimal) -> float | Decimal:
    """A number with no type yet (a numerator, a value read without indicators), kept exactly.

    A float where it holds the number exactly, else the Decimal; with more
    than :data:`~sociaaldomein.text.numbers.MAX_DECIMALS` decimals (``1e-400``)
    an error, as no type keeps it.
    """
    as_float = float(number)
    if as_decimal(as_float) == number:
        return as_float
    return check_decimals(number)


class DecimalMarks:
    """The decimal mark of each number column of one file: declared, or evident from its cells.

    A cell such as ``1.234`` is read with the mark declared for its column,
    or else with the mark every unambiguous number in that column shows
    (``12,5``: a comma; ``0.125``: a point); with none or both, it is an
    error naming the cell and, where the column shows both, a line of each.
    """

    def __init__(
        self,
        declared: str | dict[str, str] | None,
        cells: Callable[[str], Iterable[tuple[str, str]]],
    ) -> None:
        """``cells(column)`` gives each (place, text) of a column, to look for evidence.

        :raises InvalidValueError: a declared mark is not ``,`` or ``.``.
        """
        if isinstance(declared, str) or declared is None:
            self.declared = dict.fromkeys(NUMBER_COLUMNS, declared) if declared else {}
        else:
            self.declared = dict(declared)
        wrong = sorted({mark for mark in self.declared.values() if mark not in DECIMAL_MARKS})
        if wrong:
            raise InvalidValueError(
                _("het decimaalteken moet ',' of '.' zijn, gevonden {mark!r}").format(mark=wrong[0])
            )
        self.cells = cells
        self.found: dict[str, str | tuple[str, ...]] = {}

    def read(self, text: str, column: str) -> Decimal:
        """The number in ``text``, a cell of ``column``.

        :raises InvalidValueError: it is not a number, or ambiguous in this column.
        """
        try:
            return read_number(text, decimal=self.declared.get(column))
        except AmbiguousNumberError as error:
            mark = self._mark(column)
            if isinstance(mark, str):
                return read_number(text, decimal=mark)
            raise AmbiguousNumberError(f"{error}; {_why(mark, column)}") from None

    def _mark(self, column: str) -> str | tuple[str, ...]:
        if column not in self.found:
            self.found[column] = _evidence(self.cells(column))
        return self.found[column]


def _evidence(cells: Iterable[tuple[str, str]]) -> str | tuple[str, ...]:
    """The one decimal mark ``cells`` (place, text) show, or an example of each they show."""
    seen: dict[str, str] = {}
    for place, text in cells:
        mark = decimal_mark_of(text)
        if mark is not None:
            seen.setdefault(mark, f"{text.strip()!r} ({place})")
            if len(seen) == 2:
                break
    return next(iter(seen)) if len(seen) == 1 else tuple(seen.values())


def column_mark(cells: Iterable[str]) -> str | None:
    """The decimal mark a column of ``cells`` reads ``1.234`` by, as :class:`DecimalMarks` finds it.

    ``""`` where no cell is ambiguous (no mark is needed); None where one
    is and the cells show no mark, or both.
    """
    listed = list(cells)
    if not any(is_ambiguous(cell) for cell in listed):
        return ""
    found = _evidence(("", cell) for cell in listed)
    return found if isinstance(found, str) else None


def _why(seen: tuple[str, ...], column: str) -> str:
    if not seen:
        return _(
            "geen ander getal in kolom {column} laat zien welk, dus geef het decimaalteken van"
            " het bestand op (decimal=',' of '.')"
        ).format(column=column)
    return _(
        "kolom {column} toont zowel een decimale komma als een decimale punt: {examples}"
    ).format(column=column, examples=_(" en ").join(seen))


def agrees_as_written(
    number: Decimal,
    numerator: Decimal,
    denominator: Decimal,
    measurement_type: MeasurementType,
) -> str | None:
    """Why ``number`` disagrees with the fraction at the precision it was written with, or None.

    ``15.00`` claims two decimals: with 43/300 (14,33) it is refused, as
    ``15.1`` is, though 15 would do. The margin is one unit of the last
    decimal written (at least the type's ``decimals``; at most the 14th
    significant digit, beyond which a float's own rounding shows).
    """
    if measurement_type.scale is None or not denominator:
        return None
    exponent = number.as_tuple().exponent
    written = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    # Within 14 significant digits: beyond them a float's own rounding shows
    # (33.333333333333336 for 100/3).
    decimals = max(measurement_type.decimals, min(written, 14 - number.adjusted()))
    # Digits enough for any number read (below 10^15, 15 decimals) and its fraction.
    with localcontext(prec=80):
        derived = numerator * measurement_type.scale / denominator
        if abs(number - derived) < Decimal(1).scaleb(-decimals):
            return None
        shown = derived.quantize(Decimal(1).scaleb(-decimals - 1))
    return _(
        "waarde {value} past niet bij teller/noemer {numerator}/{denominator}, die {derived} geven"
    ).format(value=f"{number:f}", numerator=numerator, denominator=denominator, derived=shown)
