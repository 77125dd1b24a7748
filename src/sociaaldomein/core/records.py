"""Evaluations as plain records: one dict per result, for JSON, CSV, spreadsheets and frames."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from sociaaldomein.core.evaluation import Evaluation

__all__ = ["RECORD_FIELDS", "reference_column", "to_records"]

#: The keys of every record but ``references``, in order: the columns of a CSV of
#: results, before one column per reference subject (see :func:`reference_column`).
RECORD_FIELDS = (
    "indicator",
    "subject",
    "period",
    "dimensions",
    "status",
    "value",
    "threshold",
    "baseline",
    "compared_with",
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


def reference_column(subject: str) -> str:
    """The CSV column of a reference subject's value: ``reference.Nederland``."""
    return f"reference.{subject}"


def to_records(
    evaluations: Iterable[Evaluation],
    *,
    references: Sequence[str] = (),
    figures: Mapping[str, Mapping[str, object]] | None = None,
) -> list[dict[str, Any]]:
    """One plain dict per evaluation, with the keys of :data:`RECORD_FIELDS` and ``references``.

    Values are JSON types: text, numbers (``int`` where exact, else
    ``float``), booleans for milestones, ``None`` where absent. ``period`` is
    its compact text (``2016``, ``2016-H1``); ``dimensions`` a dict of the
    slice; ``status`` and ``data_status`` their codes (``met``,
    ``definitive``); ``status_given`` false where the measurement stated no
    data status (``data_status`` is then ``definitive``, as it was judged),
    ``None`` without a measurement; ``reason`` the Dutch reason. ``compared_with`` is the
    value a change, trend or comparison was measured against (the baseline,
    the previous value, a reference subject's value that a ``compared_to``
    target names): what this result was judged by, not a reference figure.

    ``references`` maps each reference subject (the national figure, the
    region) to its value for the result's indicator (``None`` where it has
    none): from ``figures``, by indicator then subject (such as
    :meth:`~sociaaldomein.Accountability.reference_figures` gives), for
    every total; a slice has none of them. The results must be of the period
    the figures are for (an accountability run's results are).

    :param references: the reference subjects, in the order of their columns.
    """
    given = figures or {}
    none = dict.fromkeys(references)
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
            "compared_with": _number(e.reference),
            "progress": None if e.progress is None else float(e.progress),
            "reason": e.reason,
            "data_status": None if e.data_status is None else e.data_status.value,
            "status_given": None if e.data_status is None else e.status_given,
            "n": e.n,
            "references": (
                dict(none)
                if e.dimensions or e.indicator not in given
                else {name: _value(given[e.indicator].get(name)) for name in references}
            ),
        }
        for e in evaluations
    ]
