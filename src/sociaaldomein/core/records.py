"""Evaluations as plain records: one dict per result, for JSON, CSV, spreadsheets and frames."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sociaaldomein.core.evaluation import Evaluation

__all__ = ["RECORD_FIELDS", "to_records"]

#: The keys of every record, in order (the columns of a CSV of results).
RECORD_FIELDS = (
    "indicator",
    "subject",
    "period",
    "dimensions",
    "status",
    "value",
    "threshold",
    "baseline",
    "reference",
    "progress",
    "reason",
    "data_status",
    "status_given",
    "n",
)


def _number(value: Decimal | None) -> int | float | None:
    """A JSON number: exact integers stay integers; other decimals become floats."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _value(value: object) -> Any:
    if isinstance(value, bool | str) or value is None:
        return value
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, int | float):
        return value
    raise TypeError(f"unexpected value {value!r}")  # pragma: no cover - model guarantees


def to_records(evaluations: Iterable[Evaluation]) -> list[dict[str, Any]]:
    """One plain dict per evaluation, with the keys of :data:`RECORD_FIELDS`.

    Values are JSON types: text, numbers (``int`` where exact, else
    ``float``), booleans for milestones, ``None`` where absent. ``period`` is
    its compact text (``2016``, ``2016-H1``); ``dimensions`` a dict of the
    slice; ``status`` and ``data_status`` their codes (``met``,
    ``definitive``); ``status_given`` false where the measurement stated no
    data status (``data_status`` is then ``definitive``, as it was judged),
    ``None`` without a measurement; ``reason`` the Dutch reason.
    """
    return [
        {
            "indicator": e.indicator,
            "subject": e.subject,
            "period": str(e.period),
            "dimensions": dict(e.dimensions),
            "status": e.status.value,
            "value": _value(e.value),
            "threshold": _number(e.threshold),
            "baseline": _number(e.baseline),
            "reference": _number(e.reference),
            "progress": None if e.progress is None else float(e.progress),
            "reason": e.reason,
            "data_status": None if e.data_status is None else e.data_status.value,
            "status_given": None if e.data_status is None else e.status_given,
            "n": e.n,
        }
        for e in evaluations
    ]
