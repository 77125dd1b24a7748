"""Basic draws: text, ids, periods, parties, measurement types and values."""

from __future__ import annotations

import datetime as dt
import math
import string
from collections.abc import Mapping, Sequence
from decimal import Decimal

from hypothesis import strategies as st

from sociaaldomein.errors import UnknownNameError
from sociaaldomein.model import (
    BUILTIN_MEASUREMENT_TYPES,
    MeasurementType,
    Municipality,
    Organisation,
    Period,
    Value,
    ValueKind,
)

_TYPES = {measurement_type.name: measurement_type for measurement_type in BUILTIN_MEASUREMENT_TYPES}
#: Subjects that reference targets (:class:`ComparedTo`) name by default.
REFERENCE_SUBJECTS = ("Nederland", "regio", "grootteklasse")


def _type(
    measurement_type: MeasurementType | str, types: Mapping[str, MeasurementType] | None = None
) -> MeasurementType:
    """A measurement type object; by name from ``types`` (built-in ones by default)."""
    if isinstance(measurement_type, MeasurementType):
        return measurement_type
    known = types if types is not None else _TYPES
    if measurement_type in known:
        return known[measurement_type]
    raise UnknownNameError(
        f"unknown measurement type {measurement_type!r}; the strategies know"
        f" {', '.join(sorted(known))}. For a plugin's type, pass the type itself"
        " (measurement_type=MeasurementType(...)) or types=Plugins().measurement_types"
    )


_FIRST = dt.date(1990, 1, 1)
_LAST = dt.date(2060, 12, 31)


def texts(*, max_size: int = 60) -> st.SearchStrategy[str]:
    """Any text TOML can hold: quotes, newlines, diacritics; no lone surrogates."""
    return st.text(st.characters(exclude_categories=["Cs"]), max_size=max_size)


def names(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text with at least one visible character, as names need."""
    return texts(max_size=max_size).filter(lambda text: text.strip() != "")


def identifiers() -> st.SearchStrategy[str]:
    """Ids as indicators and sets use them (``jeugd.bereik``)."""
    first = string.ascii_lowercase + string.digits
    return st.builds(
        lambda head, tail: head + tail,
        st.sampled_from(first),
        st.text(first + "_.-", max_size=20),
    )


@st.composite
def periods(
    draw: st.DrawFn, *, kinds: Sequence[str] | None = None, years: tuple[int, int] = (1990, 2060)
) -> Period:
    """A year, half-year, quarter, month, day or range between ``years``."""
    kind = draw(
        st.sampled_from(list(kinds or ("year", "half_year", "quarter", "month", "day", "range")))
    )
    year = draw(st.integers(*years))
    if kind == "year":
        return Period.year(year)
    if kind == "half_year":
        return Period.half_year(year, draw(st.integers(1, 2)))
    if kind == "quarter":
        return Period.quarter(year, draw(st.integers(1, 4)))
    if kind == "month":
        return Period.month(year, draw(st.integers(1, 12)))
    low, high = dt.date(years[0], 1, 1), dt.date(years[1], 12, 31)
    start = draw(st.dates(low, high))
    if kind == "day":
        return Period.day(start)
    return Period(start, draw(st.dates(start, high)))


def _first_day_forms(day: dt.date) -> list[str]:
    """Every compact text whose period starts on ``day``."""
    forms = [day.isoformat()]
    if day.day == 1:
        forms.append(f"{day.year}-{day.month:02d}")
        if day.month % 3 == 1:
            forms.append(f"{day.year}-Q{day.month // 3 + 1}")
        if day.month in (1, 7):
            forms.append(f"{day.year}-H{day.month // 6 + 1}")
        if day.month == 1:
            forms.append(str(day.year))
    return forms


def _last_day_forms(day: dt.date) -> list[str]:
    """Every compact text whose period ends on ``day``."""
    forms = [day.isoformat()]
    if (day + dt.timedelta(days=1)).day == 1:
        forms.append(f"{day.year}-{day.month:02d}")
        if day.month % 3 == 0:
            forms.append(f"{day.year}-Q{day.month // 3}")
        if day.month in (6, 12):
            forms.append(f"{day.year}-H{day.month // 6}")
        if day.month == 12:
            forms.append(str(day.year))
    return forms


def period_texts(period: Period) -> st.SearchStrategy[str]:
    """Every way of writing ``period`` that :meth:`Period.parse` reads as it.

    ``2024`` is also ``2024..2024``, ``2024-01..2024-12``, ``2024-H1..2024-H2``
    and ``2024-01-01..2024-12-31``: two of them drawn as keys of one table
    are the same key in disguise (see ``schedule`` in the reference).
    """
    spelled = [str(period)] + [
        f"{first}..{last}"
        for first in _first_day_forms(period.start)
        for last in _last_day_forms(period.end)
    ]
    return st.sampled_from(sorted(set(spelled), key=spelled.index))


def municipalities() -> st.SearchStrategy[Municipality]:
    codes = st.none() | st.integers(0, 9999).map(lambda n: f"GM{n:04d}")
    return st.builds(Municipality, names(), codes)


def organisations() -> st.SearchStrategy[Organisation]:
    return st.builds(Organisation, names())


def measurement_types(
    *, types: Mapping[str, MeasurementType] | None = None
) -> st.SearchStrategy[MeasurementType]:
    """One of ``types`` (a registry, plugin types included); the built-in types by default."""
    if types is None:
        return st.sampled_from(BUILTIN_MEASUREMENT_TYPES)
    return st.sampled_from([types[name] for name in sorted(types)])


#: The signs :func:`values` can be limited to.
SIGNS = ("negative", "zero", "positive")


def values(
    measurement_type: MeasurementType | str,
    *,
    types: Mapping[str, MeasurementType] | None = None,
    sign: str | None = None,
) -> st.SearchStrategy[Value]:
    """Valid values of a measurement type, in its canonical Python form.

    A type given by name is looked up in ``types`` (the built-in types by
    default). Numbers include the edges often: zero, the type's bounds and
    small values either side of zero. ``sign`` (``negative``, ``zero`` or
    ``positive``) limits a number's sign; a sign the type cannot have (a
    negative percentage) draws nothing, so combine it with others
    (``st.one_of``) or check the type's ``minimum`` first.
    """
    kind = _type(measurement_type, types)
    if kind.kind is ValueKind.YES_NO:
        return st.booleans()
    if kind.kind is ValueKind.TEXT:
        return texts()
    low = float(kind.minimum) if kind.minimum is not None else -1e9
    high = float(kind.maximum) if kind.maximum is not None else 1e9
    if sign is not None:
        if sign not in SIGNS:
            raise ValueError(f"sign must be one of {', '.join(SIGNS)}, got {sign!r}")
        if sign == "zero":
            low, high = max(low, 0.0), min(high, 0.0)
        elif sign == "negative":
            high = min(high, -0.01)
        else:
            low = max(low, 0.01)
        if low > high:
            return st.nothing()
    numbers: st.SearchStrategy[Value]
    if kind.integral:
        low, high = float(math.ceil(low)), float(math.floor(high))
        if low > high:
            return st.nothing()
        numbers = st.integers(int(low), int(high))
    elif kind.exact:
        numbers = st.decimals(Decimal(str(low)), Decimal(str(high)), places=2)
    else:
        numbers = st.floats(low, high, allow_nan=False).map(lambda x: round(x, 3))
    edges = [
        number
        for number in (0, low, high, -1, 1, -0.01, 0.01)
        if low <= number <= high and (not kind.integral or float(number).is_integer())
    ]
    edge: st.SearchStrategy[Value] = st.sampled_from(
        [int(n) if kind.integral else Decimal(str(n)) for n in edges]
    )
    return st.one_of(edge, numbers).map(kind.validate)


def _numbers(measurement_type: MeasurementType) -> st.SearchStrategy[Decimal]:
    low = measurement_type.minimum if measurement_type.minimum is not None else Decimal(-1000)
    high = measurement_type.maximum if measurement_type.maximum is not None else Decimal(1000)
    places = 0 if measurement_type.integral else 1
    return st.decimals(low, high, places=places)
