"""The accountability report (verantwoording), in Dutch, as Markdown and as HTML.

:func:`build_report` arranges an accountability run (already evaluated) as
sections, rows and a comparison; :mod:`.markdown` and :mod:`.html` write it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal

import attrs

from sociaaldomein.core.accountability import Accountability
from sociaaldomein.core.aggregation import Aggregate
from sociaaldomein.core.budgets import BudgetSummary
from sociaaldomein.core.evaluation import Evaluation, Status, describe_target
from sociaaldomein.core.trend import classify_trend
from sociaaldomein.findings import Finding
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import DataStatus, Measurement
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period
from sociaaldomein.model.prestatieveld import Prestatieveld
from sociaaldomein.model.project import Phase
from sociaaldomein.model.target import Improvement
from sociaaldomein.model.trend_thresholds import TrendThresholds
from sociaaldomein.text.numbers import as_decimal, format_number

__all__ = [
    "Comparison",
    "Report",
    "Row",
    "Section",
    "build_report",
]

_ORDER = (Status.MET, Status.WITHIN_TOLERANCE, Status.NOT_MET, Status.NO_DATA, Status.NOT_ASSESSED)


@attrs.frozen
class Row:
    """One indicator's latest evaluation for one subject, with its history for a chart."""

    indicator: Indicator
    evaluation: Evaluation | None
    value: str
    target: str
    baseline: str
    history: tuple[tuple[str, float], ...]
    trend: str = ""
    label: str = ""
    references: str = ""


@attrs.frozen
class Section:
    """A heading and the rows under it (a prestatieveld or an assignment)."""

    title: str
    rows: tuple[Row, ...]


@attrs.frozen
class Comparison:
    """Municipalities side by side on the same indicators, with their regions' aggregates."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@attrs.frozen
class Report:
    """Everything the report shows, already formatted where it is text."""

    title: str
    subtitle: str
    summary: dict[Status, int]
    sections: tuple[Section, ...]
    comparison: Comparison | None
    budget: BudgetSummary | None
    phases: tuple[Phase, ...]
    findings: tuple[Finding, ...]
    charts: dict[str, str]
    references: tuple[str, ...] = ()


def _history(
    indicator: Indicator, totals: Sequence[Measurement], types: Mapping[str, MeasurementType]
) -> tuple[tuple[str, float], ...]:
    """(period, value) of one indicator and subject's totals, for its trend and chart."""
    measurement_type = types[indicator.measurement_type]
    if not measurement_type.numeric:
        return ()
    points = sorted(((m.period, m) for m in totals if m.known), key=lambda point: point[0])
    return tuple((str(period), float(m.value_as(measurement_type))) for period, m in points)


def _reference_text(found: Measurement, measurement_type: MeasurementType) -> str:
    if not found.known:
        return found.unknown or "onbekend"
    return measurement_type.format(found.value_as(measurement_type))


def build_report(run: Accountability, *, charts: bool = True) -> Report:
    """Arrange an accountability run for the report; nothing is evaluated here.

    :param charts: draw a trend chart per indicator with more than one
        measurement, where the optional plotting library is installed.
    """
    types = run.types
    totals: dict[tuple[str, str], list[Measurement]] = {}
    for measurement in run.measurements:
        if not measurement.dimensions and measurement.period.end <= run.period.end:
            key = (measurement.indicator, measurement.subject)
            totals.setdefault(key, []).append(measurement)
    results = {(e.indicator, e.subject): e for e in run.results}
    results.update(run.comparison)

    def row(indicator: Indicator, subject: str) -> Row:
        measurement_type = types[indicator.measurement_type]
        result = results.get((indicator.id, subject))
        value = (
            "" if result is None or result.value is None else measurement_type.format(result.value)
        )
        # The target in force for the period (a budget year's), else the plain one.
        in_force = result.target if result is not None and result.target else indicator.target
        target = describe_target(in_force, indicator, measurement_type) if in_force else ""
        baseline = (
            ""
            if result is None or result.baseline is None
            else _shown(result.baseline, measurement_type)
        )
        history = _history(indicator, totals.get((indicator.id, subject), []), types)
        references = "; ".join(
            f"{who}: {_reference_text(found, measurement_type)} ({found.period})"
            for who in run.references
            if (found := run.reference_values.get((indicator.id, who))) is not None
        )
        return Row(
            indicator,
            result,
            value,
            target,
            baseline,
            history,
            _trend(indicator, history, run.trend_thresholds),
            references=references,
        )

    rows = {indicator.id: row(indicator, run.subject) for indicator in run.indicators}
    slices: dict[str, list[Row]] = {}
    for evaluation in run.slices:
        indicator = next(i for i in run.indicators if i.id == evaluation.indicator)
        slices.setdefault(indicator.id, []).append(_slice_row(indicator, evaluation, types))

    def with_slices(members: Iterable[Row]) -> tuple[Row, ...]:
        return tuple(shown for r in members for shown in (r, *slices.get(r.indicator.id, ())))

    sections = []
    for field in Prestatieveld if run.by_prestatieveld else ():
        members = [rows[i.id] for i in run.indicators if field in i.prestatievelden]
        if members:
            sections.append(
                Section(f"Prestatieveld {field.value}: {field.short_name}", with_slices(members))
            )
    for heading, grouped in run.groups:
        sections.append(Section(heading, with_slices(rows[i] for i in grouped if i in rows)))
    untagged = [rows[i.id] for i in run.indicators if not i.prestatievelden]
    if untagged and not run.groups:
        sections.append(Section("Overige indicatoren", with_slices(untagged)))
    comparison = None
    if len(run.subjects) > 1:
        comparison = _comparison(
            run.indicators, run.subjects, row, types, run.aggregates, run.region_of
        )
    drawn = _charts(rows.values()) if charts else {}
    subtitle = f"Verslagperiode: {run.period.dutch()}"
    if run.subject:
        subtitle = f"Onderwerp: {run.subject}; {subtitle[0].lower()}{subtitle[1:]}"
    return Report(
        title=f"Verantwoording {run.period.dutch()}: {run.title}",
        subtitle=subtitle,
        summary=run.summary,
        sections=tuple(sections),
        comparison=comparison,
        budget=run.budget,
        phases=run.phases,
        findings=run.findings,
        charts=drawn,
        references=run.references,
    )


def _comparison(
    indicators: Sequence[Indicator],
    subjects: Sequence[str],
    row: Callable[[Indicator, str], Row],
    types: Mapping[str, MeasurementType],
    aggregates: Sequence[Aggregate],
    region_of: Mapping[str, str] | None,
) -> Comparison:
    groups = list(dict.fromkeys(a.subject for a in aggregates))
    latest: dict[tuple[str, str], Aggregate] = {}
    for aggregate in sorted(aggregates, key=lambda a: (a.period.start, a.period.end)):
        latest[aggregate.indicator, aggregate.subject] = aggregate
    lines = []
    for indicator in indicators:
        measured = [row(indicator, subject) for subject in subjects]
        if all(r.evaluation is None or r.evaluation.value is None for r in measured):
            continue  # nothing to compare
        measurement_type = types[indicator.measurement_type]
        cells = [indicator.name]
        for subject, r in zip(subjects, measured, strict=True):
            status = r.evaluation.status.dutch if r.evaluation else Status.NO_DATA.dutch
            cell = f"{r.value or '-'} ({status})"
            region = (region_of or {}).get(subject)
            position = (
                ""  # a municipality's count is not comparable with its region's total
                if measurement_type.additive
                else _position(indicator, r, latest.get((indicator.id, region or "")))
            )
            cells.append(f"{cell}; {position} {region}" if position and region else cell)
        for group in groups:
            found = latest.get((indicator.id, group))
            if found is None or found.value is None:
                cells.append(found.note if found is not None and found.note else "-")
            else:
                provisional = " (voorlopig)" if found.status is DataStatus.PROVISIONAL else ""
                shown = (
                    measurement_type.format(found.value)
                    if isinstance(found.value, bool | str)
                    else _shown(as_decimal(found.value), measurement_type)
                )
                cells.append(shown + provisional)
        lines.append(tuple(cells))
    return Comparison(("Indicator", *subjects, *groups), tuple(lines))


def _position(indicator: Indicator, row: Row, region: Aggregate | None) -> str:
    """Better or worse than the region, the good way; empty where it cannot be said."""
    direction = indicator.good_direction
    value = row.evaluation.value if row.evaluation else None
    if direction is None or region is None or value is None or region.value is None:
        return ""
    if isinstance(value, bool | str) or isinstance(region.value, bool | str):
        return ""
    difference = (as_decimal(value) - as_decimal(region.value)) * direction.sign
    if difference > 0:
        return "beter dan"
    if difference < 0:
        return "slechter dan"
    return "gelijk aan"


def _slice_row(
    indicator: Indicator, evaluation: Evaluation, types: Mapping[str, MeasurementType]
) -> Row:
    """A slice's result, shown under its total."""
    measurement_type = types[indicator.measurement_type]
    return Row(
        indicator,
        evaluation,
        "" if evaluation.value is None else measurement_type.format(evaluation.value),
        "",
        "",
        (),
        label="— " + ", ".join(f"{key} {value}" for key, value in evaluation.dimensions),
    )


def _trend(
    indicator: Indicator,
    history: tuple[tuple[str, float], ...],
    thresholds: TrendThresholds | None,
) -> str:
    """The trend class for an indicator that has a direction but no number to reach."""
    direction = indicator.good_direction
    if direction is None or not (
        indicator.target is None or isinstance(indicator.target, Improvement)
    ):
        return ""
    points = [(Period.parse(period), value) for period, value in history]
    trend, growth = classify_trend(points, direction, thresholds)
    if growth is None:
        return trend.dutch
    return f"{trend.dutch} ({format_number(Decimal(f'{growth:.1f}'))}% per jaar)"


def _shown(number: Decimal, measurement_type: MeasurementType) -> str:
    rounded = number if number == number.to_integral_value() else number.quantize(Decimal("0.01"))
    return f"{measurement_type.prefix}{format_number(rounded)}{measurement_type.suffix}"


def _charts(rows: Iterable[Row]) -> dict[str, str]:
    """An inline SVG trend chart per indicator with two or more points, if matplotlib is there."""
    try:
        from sociaaldomein.render import charts
    except ImportError:  # pragma: no cover - the optional extra is not installed
        return {}
    return charts.trend_charts(
        {
            row.indicator.id: (row.indicator.name, row.history)
            for row in rows
            if len(row.history) > 1
        }
    )
