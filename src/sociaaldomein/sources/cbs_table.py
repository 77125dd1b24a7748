"""Turning the cells of one CBS StatLine table into measurements of one indicator.

Both interfaces come here with the same shape: a :class:`Table` (its
measures with unit and decimals, dimensions, periods with their status,
the regions' code list) and :class:`Cell` objects, one per region, period,
dimension codes and measure. :mod:`sociaaldomein.sources.cbs_v3` and
:mod:`sociaaldomein.sources.cbs_v4` build them from the documents; the
rules below are the same for both:

- a value CBS does not publish (a v3 ``null``, a v4 ``ValueAttribute``, a
  v4 cell left out) is a measurement whose value is not known, with the
  reason in Dutch, never a zero and never dropped;
- the period's status is the data status;
- the value is rounded to the measure's decimals and converted exactly
  from its unit (see :func:`conversion`), the note stating both.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import InvalidOperation
from typing import Any

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.findings import Finding, Severity
from sociaaldomein.io.numbers import as_type
from sociaaldomein.model.indicator import Indicator, SourceRef
from sociaaldomein.model.measurement import DataStatus, Measurement
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period
from sociaaldomein.sources.base import wanted_period
from sociaaldomein.sources.cbs_codes import parse_period_code, parse_status
from sociaaldomein.sources.cbs_names import CodeList
from sociaaldomein.sources.cbs_units import Conversion, conversion
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import read_typed

__all__ = [
    "NOT_PUBLISHED",
    "UNKNOWN_REASONS",
    "Cell",
    "Cells",
    "Table",
    "finding",
    "measure_key",
    "measurements_of",
]

#: Why a value is not known, by the v4 ``ValueAttribute``; the text goes into
#: the measurements file's ``unknown`` column, in Dutch as CBS means it.
UNKNOWN_REASONS = {
    "NotAvailable": "niet gepubliceerd",
    "Confidential": "geheim (kleine aantallen)",
    "Impossible": "niet mogelijk",
}
#: A v3 ``null``, or a v4 cell left out where the table has the period.
NOT_PUBLISHED = UNKNOWN_REASONS["NotAvailable"]


@attrs.frozen
class Table:
    """One table's metadata, as either interface gives it.

    :param api: ``v3`` or ``v4``.
    :param measures: by key (a v3 topic, a v4 measure code): ``Title``,
        ``Unit`` and ``Decimals`` as CBS gives them.
    :param periods: by period code: ``Title`` and ``Status``.
    :param regions: the geographic dimension's code list (``None`` without one).
    :param modified: when the figures last changed (v4 ``ObservationsModified``)
        or were fetched (v3); becomes each measurement's ``as_of``.
    """

    id: str
    title: str
    api: str
    measures: dict[str, dict[str, Any]]
    geo: str | None
    time: str
    dimensions: tuple[str, ...]
    periods: dict[str, dict[str, Any]]
    regions: CodeList | None = None
    modified: datetime.date | None = None

    @property
    def source(self) -> str:
        """The text in each measurement's ``source`` column."""
        return f"CBS StatLine {self.id}"


@attrs.frozen
class Cell:
    """One figure of a table: region, period, other dimensions, measure, value.

    :param value: the JSON value; ``None`` where the cell is empty.
    :param attribute: the v4 ``ValueAttribute`` (``None``, ``Confidential``, ...); ``""`` in v3.
    """

    region: str
    period: str
    dimensions: tuple[tuple[str, str], ...]
    measure: str
    value: object
    attribute: str = ""


@attrs.frozen
class Cells:
    """What a table's data documents gave.

    :param missing: the cache files that were not there (offline).
    :param table: the table, with the day its figures changed or were fetched.
    :param regions: the regions asked for whose figures were read.
    """

    cells: list[Cell]
    missing: list[str]
    table: Table
    regions: list[str]


def finding(severity: Severity, message: str, where: str) -> Finding:
    """A finding of the CBS source."""
    return Finding(severity, message, where=where, rule="cbs")


def _fold(text: object) -> str:
    return " ".join(str(text or "").casefold().split())


def measure_key(table: Table, ref: SourceRef) -> str | None:
    """The table's key for the mapping's column: ``column`` itself, else the one measure
    whose title is ``title`` (v4 measure codes differ from v3 keys; titles do not)."""
    if ref.column in table.measures:
        return ref.column
    if ref.title:
        titled = [
            k for k, row in table.measures.items() if _fold(row.get("Title")) == _fold(ref.title)
        ]
        if len(titled) == 1:
            return titled[0]
    return None


def _mapping_problems(table: Table, indicator: Indicator) -> str | None:
    ref = indicator.fetch
    assert ref is not None
    if measure_key(table, ref) is None:
        known = ", ".join(
            f"{key} ({row.get('Title')})" if row.get("Title") else key
            for key, row in sorted(table.measures.items())
        )
        wanted = f"{ref.column!r}" + (f" / {ref.title!r}" if ref.title else "")
        return _("tabel {table} heeft geen onderwerp {column}; wel: {known}").format(
            table=table.id, column=wanted, known=known
        )
    filters = dict(ref.filters)
    unfixed = [key for key in table.dimensions if key not in filters]
    unknown = [key for key in filters if key not in table.dimensions]
    if not unfixed and not unknown:
        return None
    message = _(
        "fetch.filters moet elke dimensie van tabel {table} ({dimensions}) op één code zetten,"
        " en geen andere"
    ).format(table=table.id, dimensions=", ".join(table.dimensions) or "-")
    if unfixed:
        message += _("; ontbreekt: {keys}").format(keys=", ".join(unfixed))
    if unknown:
        message += _("; onbekend: {keys}").format(keys=", ".join(unknown))
    return message


def measurements_of(
    table: Table,
    cells: Iterable[Cell],
    indicator: Indicator,
    periods: Sequence[Period],
    registry: Mapping[str, MeasurementType],
    regions: Sequence[str] = (),
) -> tuple[list[Measurement], list[Finding]]:
    """The measurements of ``indicator`` in ``cells``, and what was wrong on the way.

    A wrong mapping (no such measure, a dimension not fixed, a unit that does
    not fit the measurement type) gives one error finding and nothing else; a
    period code it cannot read or a value the type rejects gives one warning
    each. A region of ``regions`` (codes; all regions seen without) that
    has no cell for a period of the table's code list asked for is a value
    not known, ``niet gepubliceerd``: CBS's v4 interface leaves such cells out.
    """
    ref = indicator.fetch
    assert ref is not None
    where = f"{indicator.id} ({table.id}.{ref.column})"
    if (problem := _mapping_problems(table, indicator)) is not None:
        return [], [finding(Severity.ERROR, problem, indicator.id)]
    key = measure_key(table, ref)
    assert key is not None
    measure = table.measures[key]
    measurement_type = registry[indicator.measurement_type]
    converted = conversion(ref.unit, measure.get("Unit"), measure.get("Decimals"), measurement_type)
    if isinstance(converted, str):
        return [], [finding(Severity.ERROR, converted, f"{indicator.id}.fetch.unit")]
    filters = dict(ref.filters)
    found: dict[tuple[str, str], Measurement] = {}
    skipped: set[tuple[str, str]] = set()
    problems: dict[str, Finding] = {}
    for cell in cells:
        if cell.measure != key or any(
            dict(cell.dimensions).get(dimension) != code for dimension, code in filters.items()
        ):
            continue
        try:
            period = parse_period_code(cell.period)
        except InvalidValueError as error:
            if _year_asked(cell.period, periods):
                title = table.periods.get(cell.period, {}).get("Title")
                shown = f"{error} ({title})" if title else str(error)
                problems.setdefault(
                    cell.period,
                    finding(
                        Severity.WARNING, _("{error}; overgeslagen").format(error=shown), where
                    ),
                )
            continue
        if not wanted_period(period, periods):
            continue
        made = _measurement(table, cell, indicator, period, converted, measurement_type)
        if isinstance(made, Finding):
            problems.setdefault(f"{cell.region} {cell.period}", attrs.evolve(made, where=where))
            skipped.add((cell.region, cell.period))  # a cell that is there, but unreadable
            continue
        if made.status is None:
            problems.setdefault(
                f"status {cell.period}",
                finding(
                    Severity.WARNING,
                    _("periode {code} heeft geen bekende Status; gelezen als voorlopig").format(
                        code=cell.period
                    ),
                    where,
                ),
            )
        found[(cell.region, cell.period)] = made.measurement
    found.update(
        _missing_cells(table, {**found, **dict.fromkeys(skipped)}, regions, indicator, periods)
    )
    return list(found.values()), list(problems.values())


@attrs.frozen
class _Made:
    measurement: Measurement
    status: DataStatus | None


def _status(table: Table, code: str) -> DataStatus | None:
    return parse_status(table.periods.get(code, {}).get("Status"))


def _subject(table: Table, code: str) -> str:
    return table.regions.title(code) if table.regions is not None else code


def _measurement(
    table: Table,
    cell: Cell,
    indicator: Indicator,
    period: Period,
    converted: Conversion,
    measurement_type: MeasurementType,
) -> _Made | Finding:
    status = _status(table, cell.period)
    common: dict[str, Any] = {
        "status": status or DataStatus.PROVISIONAL,
        "source": table.source,
        "as_of": table.modified,
        "subject_code": cell.region,
    }
    subject = _subject(table, cell.region)
    reason = _unknown(cell)
    if reason is not None:
        made = Measurement(indicator.id, subject, period, unknown=reason, **common)
        return _Made(made, status)
    try:
        # The one number reader: a JSON number is typed (a text, yes/no or NaN is refused).
        value = converted.apply(read_typed(cell.value))
        # The type's own form: an int for a count, a float for a rate, a Decimal for money.
        made = Measurement(
            indicator.id,
            subject,
            period,
            as_type(value, measurement_type),
            note=converted.note,
            **common,
        )
    except (InvalidValueError, InvalidOperation, TypeError) as error:
        return finding(
            Severity.WARNING,
            _("{subject} {code}: {error}; overgeslagen").format(
                subject=subject if subject == cell.region else f"{subject} ({cell.region})",
                code=cell.period,
                error=error,
            ),
            "",
        )
    return _Made(made, status)


def _unknown(cell: Cell) -> str | None:
    """Why the cell has no value, or ``None`` when it has one."""
    if cell.attribute in UNKNOWN_REASONS:
        return UNKNOWN_REASONS[cell.attribute]
    if cell.value is None:
        # An attribute CBS may add later still says why; a v3 null says nothing more.
        shown = cell.attribute if cell.attribute not in ("", "None") else ""
        return f"{NOT_PUBLISHED} ({shown})" if shown else NOT_PUBLISHED
    return None


def _missing_cells(
    table: Table,
    found: Mapping[tuple[str, str], object],
    regions: Sequence[str],
    indicator: Indicator,
    periods: Sequence[Period],
) -> dict[tuple[str, str], Measurement]:
    """A value not known for each region asked for (or seen) and period of the table's
    code list asked for, without a cell: v3 gives such a cell as ``null``, v4 leaves it out."""
    subjects = regions or sorted({region for region, _code in found})
    missing: dict[tuple[str, str], Measurement] = {}
    for code in table.periods:
        try:
            period = parse_period_code(code)
        except InvalidValueError:
            continue  # a multi-year average: named once where a cell has it
        if not wanted_period(period, periods):
            continue
        for region in subjects:
            if (region, code) in found:
                continue
            missing[(region, code)] = Measurement(
                indicator.id,
                _subject(table, region),
                period,
                unknown=NOT_PUBLISHED,
                status=_status(table, code) or DataStatus.PROVISIONAL,
                source=table.source,
                as_of=table.modified,
                subject_code=region,
            )
    return missing


def _year_asked(code: str, periods: Sequence[Period]) -> bool:
    """Whether a code the source cannot read may concern a period asked for (by its year)."""
    if not periods or not code[:4].isdigit():
        return True
    year = Period.year(int(code[:4]))
    return any(year.overlaps(asked) for asked in periods)
