"""attrs converters shared by the model classes."""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import as_decimal

__all__ = ["as_tuple", "finite_decimal", "finite_float", "optional_finite_decimal"]


def as_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Store any iterable as a tuple, so that models stay hashable and comparable.

    Typed with ``Any`` because mypy's attrs plugin cannot infer a generic
    converter; the field's own annotation still types what callers read.
    """
    return tuple(values)


def _refuse_non_finite(value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise InvalidValueError(_("verwacht een getal, gevonden {value!r}").format(value=value))
    # is_finite() asks a signalling NaN nothing that makes it signal; math.isfinite would.
    finite = value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)
    if not finite:
        raise InvalidValueError(
            _("{value} is geen eindig getal; NaN en oneindig zijn hier geen waarde").format(
                value=value
            )
        )


def finite_decimal(value: int | float | Decimal) -> Decimal:
    """``value`` as an exact Decimal; every number field of a set, plan or budget takes this.

    :raises InvalidValueError: a boolean, not a number, or NaN (also
        ``sNaN``) or an infinity, which no target, margin or amount can be.
    """
    _refuse_non_finite(value)
    return as_decimal(value)


def optional_finite_decimal(value: int | float | Decimal | None) -> Decimal | None:
    """:func:`finite_decimal`, with ``None`` for a field left out."""
    return None if value is None else finite_decimal(value)


def finite_float(value: int | float) -> float:
    """``value`` as a float, for the float fields (trend thresholds); see :func:`finite_decimal`."""
    _refuse_non_finite(value)
    return float(value)
