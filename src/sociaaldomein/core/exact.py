"""The one numeric type of results: every number a result holds is a ``Decimal``.

Its own module, below everything that makes results (evaluations,
aggregates, reference groups), so that each can import it.
"""

from __future__ import annotations

from decimal import Decimal

from sociaaldomein.model.measurement_type import Value
from sociaaldomein.text.numbers import as_decimal

__all__ = ["exact_value"]


def exact_value(value: Value | None) -> Decimal | bool | str | None:
    """A value as results hold it: a number as the exact :class:`~decimal.Decimal` it was
    written as (``0.1`` gives ``Decimal("0.1")``), yes/no as ``bool``, text as ``str``.

    One numeric type for every number of a result (value, threshold, baseline,
    reference, forecast, progress), so that they can be subtracted from each other.
    """
    if value is None or isinstance(value, bool | str | Decimal):
        return value
    return as_decimal(value)
