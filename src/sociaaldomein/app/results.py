"""Results out: an accountability run's records as CSV, xlsx or JSON files."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sociaaldomein.core.accountability import Accountability
from sociaaldomein.core.records import RECORD_FIELDS
from sociaaldomein.errors import InvalidValueError

__all__ = ["RESULT_FORMATS", "excel_installed", "format_results", "write_results"]

#: The formats results can be written in, by file suffix.
RESULT_FORMATS = ("csv", "json", "xlsx")


def excel_installed() -> bool:
    """Whether the ``excel`` extra (openpyxl) is installed."""
    import importlib.util

    return importlib.util.find_spec("openpyxl") is not None


def format_results(accountability: Accountability, form: str) -> str:
    """The results as text: ``csv`` (records with a header row) or ``json`` (the envelope)."""
    if form == "json":
        return json.dumps(accountability.envelope(), ensure_ascii=False, indent=2) + "\n"
    if form == "csv":
        from sociaaldomein.io.results import format_records

        return format_records(accountability.records(), RECORD_FIELDS)
    raise InvalidValueError(f"no text form {form!r} for results; expected csv or json")


def write_results(
    accountability: Accountability, path: str | os.PathLike[str], form: str | None = None
) -> Path:
    """Write the results to ``path``, as ``form`` or as its suffix says (csv, json, xlsx).

    Files are replaced atomically. In a workbook a slice is written as the
    CSV writes it (``leeftijd=12-17``).

    :raises InvalidValueError: an unknown format.
    :raises SociaaldomeinError: xlsx, and the ``excel`` extra is not installed.
    """
    target = Path(path)
    chosen = form or target.suffix.lower().lstrip(".")
    if chosen not in RESULT_FORMATS:
        raise InvalidValueError(
            f"{target}: cannot tell the format; expected {', '.join(RESULT_FORMATS)}"
        )
    if chosen == "xlsx":
        from sociaaldomein.io.xlsx import write_xlsx

        records = accountability.records()
        for record in records:
            record["dimensions"] = ";".join(f"{k}={v}" for k, v in record["dimensions"].items())
        write_xlsx(records, target, columns=RECORD_FIELDS)
        return target
    from sociaaldomein.io.loading import write_atomic

    write_atomic(target, format_results(accountability, chosen))
    return target
