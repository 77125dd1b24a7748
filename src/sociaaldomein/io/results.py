"""Results written out: evaluation records as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sociaaldomein.text.escape import neutralise_formula

__all__ = ["format_records"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Mapping):
        value = ";".join(f"{key}={part}" for key, part in value.items())
    if isinstance(value, int | float):
        return str(value)  # numbers, negative ones included, stay numbers
    return neutralise_formula(str(value))


def format_records(records: Iterable[Mapping[str, Any]], fields: Sequence[str]) -> str:
    """Records (such as :func:`sociaaldomein.to_records` gives) as CSV with a header row.

    :param fields: the columns, in order (``RECORD_FIELDS`` for results).

    Text that a spreadsheet would run as a formula is prefixed with ``'``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for record in records:
        writer.writerow([_cell(record.get(field)) for field in fields])
    return buffer.getvalue()
