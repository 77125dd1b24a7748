"""Results as a polars DataFrame whose columns keep their types.

``pl.DataFrame(run.records())`` lets polars guess one type per column from
mixed values: a milestone's ``True`` next to a percentage becomes ``1.0``,
an exact threshold a float. :func:`results_frame` gives each kind of value
its own column instead, numbers as exact decimals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from sociaaldomein.core.engine.plan import quantize
from sociaaldomein.core.exact import exact_value
from sociaaldomein.core.records import reference_column
from sociaaldomein.core.verdict import Evaluation, Status
from sociaaldomein.model.measurement import DataStatus
from sociaaldomein.table.schema import MAX_DIGITS

if TYPE_CHECKING:
    import polars as pl

__all__ = ["results_frame"]

# Enough decimals for any measured value (15 digits at most are read) and for a
# threshold worked out from one; more would leave too few digits before the point.
_MAX_SCALE = 20


def _decimals(name: str, values: Sequence[Decimal | None]) -> pl.Series:
    """A Decimal column with as many decimals as its values need (at most ``_MAX_SCALE``)."""
    import polars as pl

    present = [value for value in values if value is not None]
    scale = min(max((max(-int(v.as_tuple().exponent), 0) for v in present), default=0), _MAX_SCALE)
    whole = max((v.adjusted() + 1 for v in present if not v.is_zero()), default=1)
    scale = max(0, min(scale, MAX_DIGITS - max(whole, 1)))
    kept = [None if value is None else quantize(value, scale) for value in values]
    return pl.Series(name, kept, dtype=pl.Decimal(MAX_DIGITS, scale))


def _kinds(name: str, values: Sequence[object]) -> list[pl.Series]:
    """``name`` (numbers), ``name_yes_no`` (milestones) and ``name_text`` (qualitative)."""
    import polars as pl

    exact = [exact_value(value) for value in values]  # type: ignore[arg-type]
    return [
        _decimals(name, [v if isinstance(v, Decimal) else None for v in exact]),
        pl.Series(
            f"{name}_yes_no", [v if isinstance(v, bool) else None for v in exact], pl.Boolean
        ),
        pl.Series(f"{name}_text", [v if isinstance(v, str) else None for v in exact], pl.String),
    ]


def results_frame(
    evaluations: Iterable[Evaluation],
    *,
    references: Sequence[str] = (),
    figures: Mapping[str, Mapping[str, object]] | None = None,
) -> pl.DataFrame:
    """The results as a polars ``DataFrame``, one row per evaluation, with typed columns.

    The columns of :data:`~sociaaldomein.RECORD_FIELDS`, typed: ``indicator``,
    ``subject``, ``period`` (``2016-H1``), ``dimensions`` (``leeftijd=12-17``;
    null for a total) and ``reason`` as text; ``status`` and ``data_status``
    as ``pl.Enum`` of their codes; ``value`` split by kind into ``value``
    (numbers, ``pl.Decimal``), ``value_yes_no`` (milestones, ``pl.Boolean``)
    and ``value_text`` (qualitative, ``pl.String``); ``threshold``,
    ``baseline`` and ``compared_with`` as ``pl.Decimal``; ``progress`` as
    ``pl.Float64``; ``status_given`` as ``pl.Boolean``; ``n`` as ``pl.Int64``.
    Then, for each reference subject, ``reference.<subject>`` with ``_yes_no``
    and ``_text`` beside it, as for ``value`` (``figures`` as for
    :func:`~sociaaldomein.to_records`).

    A Decimal column has as many decimals as its values need, up to 20.
    """
    import polars as pl

    chosen = list(evaluations)
    given = figures or {}
    columns = [
        pl.Series("indicator", [e.indicator for e in chosen], pl.String),
        pl.Series("subject", [e.subject for e in chosen], pl.String),
        pl.Series("period", [str(e.period) for e in chosen], pl.String),
        pl.Series(
            "dimensions",
            [";".join(f"{k}={v}" for k, v in e.dimensions) or None for e in chosen],
            pl.String,
        ),
        pl.Series("status", [e.status.value for e in chosen], pl.Enum([s.value for s in Status])),
        *_kinds("value", [e.value for e in chosen]),
        _decimals("threshold", [e.threshold for e in chosen]),
        _decimals("baseline", [e.baseline for e in chosen]),
        _decimals("compared_with", [e.reference for e in chosen]),
        pl.Series(
            "progress",
            [None if e.progress is None else float(e.progress) for e in chosen],
            pl.Float64,
        ),
        pl.Series("reason", [e.reason for e in chosen], pl.String),
        pl.Series(
            "data_status",
            [None if e.data_status is None else e.data_status.value for e in chosen],
            pl.Enum([s.value for s in DataStatus]),
        ),
        pl.Series(
            "status_given",
            [None if e.data_status is None else e.status_given for e in chosen],
            pl.Boolean,
        ),
        pl.Series("n", [e.n for e in chosen], pl.Int64),
    ]
    for name in references:
        values = [None if e.dimensions else given.get(e.indicator, {}).get(name) for e in chosen]
        columns += _kinds(reference_column(name), values)
    return pl.DataFrame(columns)
