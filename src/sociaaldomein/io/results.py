"""Results written out: evaluation records as CSV, plain or in the form Dutch Excel opens.

Two dialects of the results CSV (:data:`RESULT_DIALECTS`):

- ``plain``: ``,`` between cells, a decimal point, the record's keys as
  headings and status codes (``met``, ``definitive``): for programs.
- ``excel-nl``: what Excel with Dutch settings opens as columns by a double
  click: a byte order mark (so that it reads UTF-8), ``;`` between cells, a
  decimal comma without thousands separators (so that every number is a
  number), CRLF line ends, and headings, statuses and yes/no in words
  (``oordeel``, ``gehaald``, ``ja``), in the language chosen (Dutch unless
  ``--lang en``).

A record's reference subjects (``references``) become a column each:
``reference.Nederland``, headed ``referentie Nederland`` in Excel's form.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.io.result_dialects import RESULT_DIALECTS
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.text.escape import neutralise_formula
from sociaaldomein.text.language import N_, _

__all__ = [
    "RESULT_DIALECTS",
    "format_excel",
    "format_records",
    "format_results_csv",
    "number_format",
    "result_columns",
    "result_headings",
    "result_rows",
    "worded",
]


# The fixed columns of a results file (sociaaldomein.core.records.RECORD_FIELDS, which
# io/ may not import), with the heading a person reads in Excel's form.
_HEADINGS = {
    "indicator": N_("indicator"),
    "subject": N_("onderwerp"),
    "period": N_("periode"),
    "dimensions": N_("uitsplitsing"),
    "status": N_("oordeel"),
    "value": N_("waarde"),
    "threshold": N_("gevraagde waarde"),
    "baseline": N_("nulmeting"),
    "compared_with": N_("vergeleken met"),
    "progress": N_("voortgang"),
    "reason": N_("toelichting"),
    "data_status": N_("status cijfer"),
    "status_given": N_("status opgegeven"),
    "n": N_("respondenten"),
}
# The columns of a findings file beside results (FINDING_FIELDS), headed for a person.
_FINDING_HEADINGS = {
    "severity": N_("ernst"),
    "file": N_("bestand"),
    "where": N_("plaats"),
    "rule": N_("regel"),
    "message": N_("melding"),
}
_REFERENCE = "reference."
# Status codes in words: the verdicts and CBS's stages of a figure.
_WORDS = {
    "no_data": N_("geen gegevens"),
    "not_assessed": N_("niet beoordeeld"),
    "met": N_("gehaald"),
    "within_tolerance": N_("binnen tolerantie"),
    "not_met": N_("niet gehaald"),
    "error": N_("fout"),
    "warning": N_("waarschuwing"),
    "provisional": N_("voorlopig"),
    "revised_provisional": N_("nader voorlopig"),
    "definitive": N_("definitief"),
}
_WORDED = ("status", "data_status", "severity")


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


def result_columns(fields: Sequence[str], references: Sequence[str]) -> tuple[str, ...]:
    """The columns of a results file: ``fields``, then ``reference.<subject>`` for each."""
    return (*fields, *(f"{_REFERENCE}{name}" for name in references))


def result_rows(
    records: Iterable[Mapping[str, Any]], references: Sequence[str]
) -> list[dict[str, Any]]:
    """Records flattened for a sheet: the slice as ``leeftijd=12-17``, each reference subject's
    value under its own column (see :func:`result_columns`)."""
    rows = []
    for record in records:
        row = {key: item for key, item in record.items() if key != "references"}
        dimensions = record.get("dimensions") or {}
        row["dimensions"] = ";".join(f"{key}={part}" for key, part in dimensions.items())
        figures = record.get("references") or {}
        for name in references:
            row[f"{_REFERENCE}{name}"] = figures.get(name)
        rows.append(row)
    return rows


def result_headings(columns: Sequence[str], dialect: str = "plain") -> list[str]:
    """The heading row: the columns themselves (``plain``), or in words (``excel-nl``)."""
    _check(dialect)
    if dialect == "plain":
        return list(columns)
    headings = {**_HEADINGS, **_FINDING_HEADINGS}
    return [
        _("referentie {subject}").format(subject=column.removeprefix(_REFERENCE))
        if column.startswith(_REFERENCE)
        else _(headings[column])
        if column in headings
        else column
        for column in columns
    ]


def worded(column: str, value: object) -> object:
    """A status code in words (``met`` -> ``gehaald``) in a status column; other values as given."""
    if column in _WORDED and isinstance(value, str) and value in _WORDS:
        return _(_WORDS[value])
    return value


def _excel_cell(column: str, value: Any) -> str:
    """A cell as Dutch Excel reads it: a number with a decimal comma, words for codes."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, int | float | Decimal):
        text = format(Decimal(repr(value)) if isinstance(value, float) else Decimal(value), "f")
        return text.replace(".", ",")  # no exponent, no thousands separator: Excel's number
    return neutralise_formula(str(worded(column, value)))


def format_results_csv(
    records: Iterable[Mapping[str, Any]],
    fields: Sequence[str],
    references: Sequence[str] = (),
    *,
    dialect: str = "plain",
) -> str:
    """Results records as CSV: ``fields`` then a column per reference subject, in ``dialect``.

    :param fields: the fixed columns (``RECORD_FIELDS``).
    :param references: the reference subjects whose values the records carry.
    :param dialect: ``plain`` or ``excel-nl`` (see the module); the text of an
        ``excel-nl`` file starts with a byte order mark.
    :raises InvalidValueError: an unknown dialect.
    """
    _check(dialect)
    columns = result_columns(fields, references)
    rows = result_rows(records, references)
    if dialect == "plain":
        return format_records(rows, columns)
    return format_excel(rows, columns)


def format_excel(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """Rows as the ``excel-nl`` CSV (see the module): headings and codes in words."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(result_headings(columns, "excel-nl"))
    for row in rows:
        writer.writerow([_excel_cell(column, row.get(column)) for column in columns])
    return "\ufeff" + buffer.getvalue()


def number_format(measurement_type: MeasurementType) -> str:
    """The Excel number format of a value of ``measurement_type``, with its unit.

    ``#,##0.0"%"`` for a percentage (the cell holds 15 for 15%), ``"EUR "#,##0.00``
    for an amount, ``#,##0.0" per 10.000"`` for a rate, ``#,##0`` for a count,
    ``#,##0.0" uur"`` for hours; ``General`` for yes/no and text. Excel shows the
    separators of its own language; the cell keeps every decimal of the value.
    """
    if not measurement_type.numeric:
        return "General"
    if measurement_type.integral:
        body = "#,##0"
    else:
        body = "#,##0." + "0" * max(measurement_type.decimals, 1)
    prefix, suffix = (
        part.replace('"', "") for part in (measurement_type.prefix, measurement_type.suffix)
    )
    return (f'"{prefix}"' if prefix else "") + body + (f'"{suffix}"' if suffix else "")


def _check(dialect: str) -> None:
    if dialect not in RESULT_DIALECTS:
        raise InvalidValueError(
            _("onbekende vorm {dialect!r} voor resultaten; kies uit {choices}").format(
                dialect=dialect, choices=", ".join(RESULT_DIALECTS)
            )
        )
