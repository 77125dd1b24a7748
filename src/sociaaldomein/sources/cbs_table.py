"""Turning the rows of one CBS StatLine table into measurements of one indicator.

See :mod:`sociaaldomein.sources.cbs` for the documents and
:mod:`sociaaldomein.sources.cbs_codes` for the codes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.findings import Finding, Severity
from sociaaldomein.io.numbers import as_type
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import DataStatus, Measurement
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period
from sociaaldomein.sources.base import wanted_period
from sociaaldomein.sources.cbs_codes import parse_period_code, parse_status, unit_scale
from sociaaldomein.text.numbers import read_typed

__all__ = ["Table", "finding", "kind_of", "measurements_of"]


@attrs.frozen
class Table:
    """One table's metadata, as the cache or the feed gave it."""

    id: str
    title: str
    properties: dict[str, dict[str, Any]]
    geo: str | None
    time: str
    dimensions: tuple[str, ...]
    periods: dict[str, dict[str, Any]]


def kind_of(row: Mapping[str, Any]) -> str:
    """A ``DataProperties`` row's kind: ``Topic``, ``Dimension``, ``GeoDimension``, ..."""
    kind = row.get("Type") or str(row.get("odata.type", "")).rpartition(".")[2]
    return str(kind)


def finding(severity: Severity, message: str, where: str) -> Finding:
    """A finding of the CBS source."""
    return Finding(severity, message, where=where, rule="cbs")


def measurements_of(
    table: Table,
    rows: list[dict[str, Any]],
    indicator: Indicator,
    periods: Sequence[Period],
    registry: Mapping[str, MeasurementType],
) -> tuple[list[Measurement], list[Finding]]:
    """The measurements of ``indicator`` in ``rows``, and what was wrong on the way.

    A wrong mapping (no such topic, a dimension not fixed, a unit that does
    not fit the measurement type) gives one error finding and nothing else;
    a period code it cannot read or a value the type rejects gives one
    warning each and is skipped.
    """
    ref = indicator.fetch
    assert ref is not None
    where = f"{indicator.id} ({table.id}.{ref.column})"
    topic = table.properties.get(ref.column)
    if topic is None or kind_of(topic) != "Topic":
        topics = sorted(key for key, row in table.properties.items() if kind_of(row) == "Topic")
        return [], [
            finding(
                Severity.ERROR,
                f"table {table.id} has no topic {ref.column!r}; its topics: {', '.join(topics)}",
                indicator.id,
            )
        ]
    filters = dict(ref.filters)
    unfixed = [key for key in table.dimensions if key not in filters]
    unknown = [key for key in filters if key not in table.dimensions]
    if unfixed or unknown:
        return [], [
            finding(
                Severity.ERROR,
                f"fetch.filters must fix every dimension of table {table.id}"
                f" ({', '.join(table.dimensions) or 'none'}) and no other;"
                + (f" missing: {', '.join(unfixed)};" if unfixed else "")
                + (f" unknown: {', '.join(unknown)}" if unknown else ""),
                indicator.id,
            )
        ]
    measurement_type = registry[indicator.measurement_type]
    factor = _factor(str(topic.get("Unit") or ""), measurement_type)
    if isinstance(factor, str):
        return [], [finding(Severity.ERROR, factor, where)]
    decimals = topic.get("Decimals")
    quantum = Decimal(1).scaleb(-decimals) if isinstance(decimals, int) and decimals >= 0 else None
    found: list[Measurement] = []
    problems: dict[str, Finding] = {}
    for row in rows:
        if any(str(row.get(key, "")).strip() != code for key, code in filters.items()):
            continue
        code = str(row.get(table.time, "")).strip()
        try:
            period = parse_period_code(code)
        except InvalidValueError as error:
            if _year_asked(code, periods):
                problems.setdefault(code, finding(Severity.WARNING, f"{error}; skipped", where))
            continue
        raw = row.get(ref.column)
        if raw is None or not wanted_period(period, periods):
            continue  # no figure (secret or not yet known), or not asked for
        status = parse_status(table.periods.get(code, {}).get("Status"))
        if status is None:
            status = DataStatus.PROVISIONAL
            problems.setdefault(
                f"status {code}",
                finding(
                    Severity.WARNING,
                    f"period {code} has no known Status; taken as voorlopig",
                    where,
                ),
            )
        subject = str(row.get(table.geo, "")).strip() if table.geo else "NL01"
        try:
            # The one number reader: a JSON number is typed (a text, yes/no or NaN is refused).
            value = read_typed(raw)
            if quantum is not None:
                value = value.quantize(quantum)
            # The type's own form: an int for a count, a float for a rate, a Decimal for money.
            measurement = Measurement(
                indicator.id,
                subject,
                period,
                as_type(value * factor, measurement_type),
                status=status,
                source=f"CBS StatLine {table.id}",
            )
        except (InvalidValueError, InvalidOperation, TypeError) as error:
            problems.setdefault(
                f"{subject} {code}",
                finding(Severity.WARNING, f"{subject} {code}: {error}; skipped", where),
            )
            continue
        found.append(measurement)
    return found, list(problems.values())


def _year_asked(code: str, periods: Sequence[Period]) -> bool:
    """Whether a code the source cannot read may concern a period asked for (by its year)."""
    if not periods or not code[:4].isdigit():
        return True
    year = Period.year(int(code[:4]))
    return any(year.overlaps(asked) for asked in periods)


def _factor(unit: str, measurement_type: MeasurementType) -> Decimal | str:
    """What to multiply a CBS number by to get the type's value; a message if they do not fit."""
    meaning = unit_scale(unit)
    if meaning is None:
        return Decimal(1)
    kind, size = meaning
    if kind == "rate":
        if measurement_type.scale is None:
            return f"unit {unit!r} is a rate, but {measurement_type.name!r} is not"
        return Decimal(measurement_type.scale) / size
    if measurement_type.scale is not None and measurement_type.scale != 1:
        return f"unit {unit!r} is not a rate, but {measurement_type.name!r} is"
    return size
