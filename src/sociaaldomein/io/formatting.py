"""Measurements written as CSV that ``parse_measurements`` reads back.

Text cells that a spreadsheet would run as a formula get a leading ``'``
(OWASP's advice against CSV injection); the reader takes it off again, so a
file round-trips exactly. Numbers are written so that they cannot be read
as something else: never ``1.234`` (a Dutch thousands dot), but ``1.2340``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal

from sociaaldomein.io.measurements import CSV_COLUMNS
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.text.escape import neutralise_formula

__all__ = ["format_measurements"]

# Written only where a measurement uses them, so that plain files stay plain.
_OPTIONAL = ("revision", "as_of", "unknown", "forecast", "subject_code")
_THOUSANDS_LOOK = re.compile(r"-?[1-9]\d{0,2}(?:\.\d{3})+")


def format_measurements(
    measurements: Iterable[Measurement], *, delimiter: str = ",", neutralise: bool = True
) -> str:
    """Measurements as CSV text that :func:`parse_measurements` reads back.

    :param delimiter: ``,`` (the default) or ``;``, for Dutch Excel; numbers
        then get a decimal comma.
    :param neutralise: put a ``'`` before text cells that a spreadsheet would
        take as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return);
        plain numbers such as ``-3`` stay as they are.
    """
    rows = list(measurements)
    dimensions = sorted({key for m in rows for key, _ in m.dimensions})
    used = [c for c in _OPTIONAL if any(getattr(m, c) not in (None, "") for m in rows)]
    columns = [
        *(c for c in CSV_COLUMNS if c not in _OPTIONAL),
        *used,
        *(f"dimension.{key}" for key in dimensions),
    ]
    dutch = delimiter == ";"
    text = neutralise_formula if neutralise else str
    buffer = io.StringIO()
    # CRLF, as RFC 4180 has it: then a bare \r or \n inside a cell gets quoted too.
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for m in rows:
        cells = {
            "indicator": text(m.indicator),
            "subject": text(m.subject),
            "period": str(m.period),
            "value": text(m.value) if isinstance(m.value, str) else _cell(m.value, dutch),
            "n": "" if m.n is None else str(m.n),
            "source": text(m.source),
            "note": text(m.note),
            "numerator": _cell(m.numerator, dutch),
            "denominator": _cell(m.denominator, dutch),
            "status": m.status.value if m.status_given else "",
            "revision": "" if m.revision is None else str(m.revision),
            "as_of": "" if m.as_of is None else m.as_of.isoformat(),
            "unknown": text(m.unknown),
            "subject_code": text(m.subject_code),
            "forecast": (
                text(m.forecast) if isinstance(m.forecast, str) else _cell(m.forecast, dutch)
            ),
            **{f"dimension.{key}": text(item) for key, item in m.dimensions},
        }
        writer.writerow([cells.get(column, "") for column in columns])
    return buffer.getvalue()


def _cell(value: object, dutch: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        shown = f"{Decimal(repr(value)):f}" if dutch else repr(value)
    elif isinstance(value, Decimal):
        shown = f"{value:f}"
    else:
        shown = str(value)
    if _THOUSANDS_LOOK.fullmatch(shown):
        shown += "0"  # 1.234 would read as 1234 where a dot groups thousands
    return shown.replace(".", ",") if dutch else shown
