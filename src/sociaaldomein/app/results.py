"""Results out: an accountability run's records as CSV, xlsx or JSON files.

Every file goes through :func:`sociaaldomein.io.atomic.write_files`, the one
writer. The run's findings travel with the results: in the JSON envelope,
and beside CSV and xlsx results in ``<name>.findings.csv``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sociaaldomein.core.accountability import Accountability
from sociaaldomein.core.records import RECORD_FIELDS
from sociaaldomein.errors import InvalidValueError
from sociaaldomein.findings import Finding
from sociaaldomein.text.language import _

__all__ = [
    "FINDING_FIELDS",
    "RESULT_FORMATS",
    "excel_installed",
    "findings_path",
    "format_findings",
    "format_results",
    "result_files",
    "results_xlsx",
    "write_results",
]

#: The formats results can be written in, by file suffix.
RESULT_FORMATS = ("csv", "json", "xlsx")
#: The columns of a findings file.
FINDING_FIELDS = ("severity", "file", "where", "rule", "message")


def excel_installed() -> bool:
    """Whether the ``excel`` extra (openpyxl) is installed."""
    import importlib.util

    return importlib.util.find_spec("openpyxl") is not None


def format_results(accountability: Accountability, form: str, *, dialect: str = "plain") -> str:
    """The results as text: ``csv`` (records with a header row) or ``json`` (the envelope).

    :param dialect: of a CSV: ``plain`` or ``excel-nl`` (see :mod:`sociaaldomein.io.results`).
    """
    if form == "json":
        return json.dumps(accountability.envelope(), ensure_ascii=False, indent=2) + "\n"
    if form == "csv":
        from sociaaldomein.io.results import format_results_csv

        return format_results_csv(
            accountability.records(), RECORD_FIELDS, accountability.references, dialect=dialect
        )
    raise InvalidValueError(
        _("geen tekstvorm {form!r} voor resultaten; verwacht csv of json").format(form=form)
    )


def results_xlsx(
    accountability: Accountability,
    records: Sequence[Mapping[str, Any]],
    *,
    dialect: str = "plain",
    file: str = "",
) -> bytes:
    """The records as a workbook: a column per reference subject, and each number cell
    formatted in its indicator's unit (percent, euro, per 10.000, count, hours;
    :func:`~sociaaldomein.io.results.number_format`); progress as a percentage.
    Headings and status words as ``dialect`` writes them.

    :raises SociaaldomeinError: the ``excel`` extra is not installed.
    """
    from sociaaldomein.io.results import (
        number_format,
        result_columns,
        result_headings,
        result_rows,
        worded,
    )
    from sociaaldomein.io.xlsx import format_xlsx

    references = accountability.references
    columns = result_columns(RECORD_FIELDS, references)
    unit_of = {
        indicator.id: number_format(accountability.types[indicator.measurement_type])
        for indicator in accountability.indicators
    }
    in_unit = ("value", "threshold", "baseline", "compared_with", *columns[len(RECORD_FIELDS) :])
    rows = result_rows(records, references)
    formats = [
        {"progress": "0%", **dict.fromkeys(in_unit, unit_of.get(str(row["indicator"]), "General"))}
        for row in rows
    ]
    if dialect != "plain":
        rows = [{column: worded(column, item) for column, item in row.items()} for row in rows]
    return format_xlsx(
        rows,
        columns=columns,
        titles=result_headings(columns, dialect),
        formats=formats,
        file=file,
    )


def format_findings(findings: Iterable[Finding], *, dialect: str = "plain") -> str:
    """Findings as CSV with the columns :data:`FINDING_FIELDS` and a header row,
    in ``dialect`` as results are (``excel-nl``: ``;``, headings and severity in words)."""
    from sociaaldomein.io.results import format_excel, format_records

    rows = ({field: str(getattr(f, field)) for field in FINDING_FIELDS} for f in findings)
    if dialect == "excel-nl":
        return format_excel(rows, FINDING_FIELDS)
    return format_records(rows, FINDING_FIELDS)


def findings_path(results: str | os.PathLike[str]) -> Path:
    """Where the findings beside a results file go: ``uit.csv`` gives ``uit.findings.csv``."""
    target = Path(results)
    return target.with_name(f"{target.stem}.findings.csv")


def _form(target: Path, form: str | None) -> str:
    chosen = form or target.suffix.lower().lstrip(".")
    if chosen not in RESULT_FORMATS:
        raise InvalidValueError(
            _("{target}: het formaat is niet te bepalen; verwacht {formats}").format(
                target=target, formats=", ".join(RESULT_FORMATS)
            )
        )
    return chosen


def result_files(
    accountability: Accountability,
    path: str | os.PathLike[str],
    form: str | None = None,
    *,
    records: Sequence[Mapping[str, Any]] | None = None,
    findings: bool = True,
    dialect: str = "plain",
) -> dict[Path, str | bytes]:
    """The files :func:`write_results` writes, by path: the results and, beside CSV or
    xlsx results (with ``findings``), the run's findings.

    :param records: the records to write; by default ``accountability.records()``.
    :param dialect: of CSV and xlsx results: ``plain`` or ``excel-nl``.
    :raises InvalidValueError: an unknown format.
    :raises SociaaldomeinError: xlsx, and the ``excel`` extra is not installed.
    """
    target = Path(path)
    chosen = _form(target, form)
    rows = list(accountability.records() if records is None else records)
    files: dict[Path, str | bytes] = {}
    if chosen == "json":
        envelope = accountability.envelope()
        if records is not None:
            envelope["results"] = rows
        files[target] = json.dumps(envelope, ensure_ascii=False, indent=2) + "\n"
        return files  # the envelope carries the findings
    if chosen == "xlsx":
        files[target] = results_xlsx(accountability, rows, dialect=dialect, file=str(target))
    else:
        from sociaaldomein.io.results import format_results_csv

        files[target] = format_results_csv(
            rows, RECORD_FIELDS, accountability.references, dialect=dialect
        )
    if findings:
        files[findings_path(target)] = format_findings(accountability.findings, dialect=dialect)
    return files


def write_results(
    accountability: Accountability,
    path: str | os.PathLike[str],
    form: str | None = None,
    *,
    inputs: Sequence[str | os.PathLike[str]] = (),
    force: bool = False,
    dialect: str = "plain",
) -> Path:
    """Write the results to ``path``, as ``form`` or as its suffix says (csv, json, xlsx).

    A CSV is ``plain`` (``,``, a decimal point, codes: for programs) unless
    ``dialect="excel-nl"`` (``;``, a decimal comma, words, a byte order mark:
    what Dutch Excel opens as columns); see :mod:`sociaaldomein.io.results`.
    Each result carries its reference subjects' values, a column each.

    Beside CSV and xlsx results the findings go to ``<name>.findings.csv``
    (a header row only when there are none); JSON carries them in the
    envelope. The files are written as one set by the one writer
    (:func:`sociaaldomein.io.atomic.write_files`). In a workbook a slice is
    written as the CSV writes it (``leeftijd=12-17``).

    :param inputs: the run's input files, which the output may not replace.
    :param force: let a run without results replace an existing file.
    :raises InvalidValueError: an unknown format.
    :raises OutputError: the output is refused (an input, a link, not a
        regular file, an empty result over an existing file).
    :raises SociaaldomeinError: xlsx, and the ``excel`` extra is not installed.
    """
    from sociaaldomein.io.atomic import write_files

    target = Path(path)
    files = result_files(accountability, target, form, dialect=dialect)
    write_files(files, inputs=inputs, records={target: len(accountability.results)}, force=force)
    return target
