"""The accountability report (verantwoording), in Dutch, as Markdown and as HTML.

:func:`build_report` gathers what the report shows from a plan or a set,
measurements and plugins; :func:`render_markdown` and :func:`render_html`
write it. The HTML is one self-contained file (no scripts, fonts or images
from elsewhere), so it works offline and can be mailed to a council.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal

import attrs

from sociaaldomein.core.aggregation import Aggregate
from sociaaldomein.core.budgets import BudgetSummary
from sociaaldomein.core.evaluation import Evaluation, Status, describe_target, evaluate_all
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
    "render_html",
    "render_markdown",
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


def _latest(evaluations: Sequence[Evaluation]) -> Evaluation | None:
    judged = [e for e in evaluations if not e.dimensions]
    return max(judged, key=lambda e: e.period) if judged else None


def _history(
    indicator: Indicator,
    totals: Sequence[Measurement],
    types: dict[str, MeasurementType],
) -> tuple[tuple[str, float], ...]:
    """(period, value) of one indicator and subject's totals, for its trend and chart."""
    measurement_type = types[indicator.measurement_type]
    if not measurement_type.numeric:
        return ()
    points = sorted(((m.period, m) for m in totals), key=lambda point: point[0])
    return tuple((str(period), float(m.value_as(measurement_type))) for period, m in points)


def build_report(
    *,
    title: str,
    indicators: Sequence[Indicator],
    measurements: Sequence[Measurement],
    types: dict[str, MeasurementType],
    groups: Iterable[tuple[str, Sequence[Indicator]]] = (),
    budget: BudgetSummary | None = None,
    phases: Sequence[Phase] = (),
    findings: Sequence[Finding] = (),
    subtitle: str = "",
    charts: bool = True,
    by_prestatieveld: bool = True,
    aggregates: Sequence[Aggregate] = (),
    region_of: Mapping[str, str] | None = None,
    trend_thresholds: TrendThresholds | None = None,
) -> Report:
    """Evaluate ``measurements`` and arrange the results for the report.

    :param groups: extra sections, such as one per assignment or per theme.
    :param by_prestatieveld: also a section per prestatieveld, from the
        indicators' own fields.
    :param aggregates: region and province aggregates for the comparison,
        with ``region_of`` mapping each subject to its region.
    :param charts: draw a trend chart per indicator with more than one
        measurement, where the optional plotting library is installed.
    """
    groups = list(groups)  # iterated twice below
    evaluations = evaluate_all(indicators, measurements, types)
    # One pass over the measurements, not one per indicator and subject.
    totals: dict[tuple[str, str], list[Measurement]] = {}
    for measurement in measurements:
        if not measurement.dimensions:
            totals.setdefault((measurement.indicator, measurement.subject), []).append(measurement)
    by_key: dict[tuple[str, str], list[Evaluation]] = {}
    for evaluation in evaluations:
        by_key.setdefault((evaluation.indicator, evaluation.subject), []).append(evaluation)
    subjects = sorted({m.subject for m in measurements}) or [""]
    main_subject = (
        Counter(m.subject for m in measurements).most_common(1)[0][0] if measurements else ""
    )

    def row(indicator: Indicator, subject: str) -> Row:
        measurement_type = types[indicator.measurement_type]
        latest = _latest(by_key.get((indicator.id, subject), []))
        value = (
            "" if latest is None or latest.value is None else measurement_type.format(latest.value)
        )
        target = (
            describe_target(indicator.target, indicator, measurement_type)
            if indicator.target
            else ""
        )
        baseline = (
            ""
            if latest is None or latest.baseline is None
            else _shown(latest.baseline, measurement_type)
        )
        history = _history(indicator, totals.get((indicator.id, subject), []), types)
        return Row(
            indicator,
            latest,
            value,
            target,
            baseline,
            history,
            _trend(indicator, history, trend_thresholds),
        )

    rows = {indicator.id: row(indicator, main_subject) for indicator in indicators}
    slices = {
        indicator.id: _slice_rows(indicator, by_key.get((indicator.id, main_subject), []), types)
        for indicator in indicators
        if indicator.slices
    }

    def with_slices(members: Iterable[Row]) -> tuple[Row, ...]:
        return tuple(shown for r in members for shown in (r, *slices.get(r.indicator.id, ())))

    sections = []
    for field in Prestatieveld if by_prestatieveld else ():
        members = [rows[i.id] for i in indicators if field in i.prestatievelden]
        if members:
            sections.append(
                Section(f"Prestatieveld {field.value}: {field.short_name}", with_slices(members))
            )
    for heading, grouped in groups:
        sections.append(Section(heading, with_slices(rows[i.id] for i in grouped if i.id in rows)))
    untagged = [rows[i.id] for i in indicators if not i.prestatievelden]
    if untagged and not groups:
        sections.append(Section("Overige indicatoren", with_slices(untagged)))

    summary = Counter(
        row.evaluation.status if row.evaluation else Status.NO_DATA for row in rows.values()
    )
    comparison = None
    if len(subjects) > 1:
        comparison = _comparison(indicators, subjects, row, types, aggregates, region_of)
    drawn = _charts(rows.values()) if charts else {}
    return Report(
        title=title,
        subtitle=subtitle or (f"Onderwerp: {main_subject}" if main_subject else ""),
        summary={status: summary.get(status, 0) for status in _ORDER},
        sections=tuple(sections),
        comparison=comparison,
        budget=budget,
        phases=tuple(phases),
        findings=tuple(findings),
        charts=drawn,
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
        if not any(r.evaluation for r in measured):
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


def _slice_rows(
    indicator: Indicator, evaluations: Sequence[Evaluation], types: Mapping[str, MeasurementType]
) -> tuple[Row, ...]:
    """The latest evaluation of each slice the indicator asks to show, under its total."""
    latest: dict[tuple[tuple[str, str], ...], Evaluation] = {}
    for evaluation in sorted(evaluations, key=lambda e: (e.period.start, e.period.end)):
        if evaluation.dimensions and {k for k, _ in evaluation.dimensions} <= set(indicator.slices):
            latest[evaluation.dimensions] = evaluation
    measurement_type = types[indicator.measurement_type]
    return tuple(
        Row(
            indicator,
            evaluation,
            "" if evaluation.value is None else measurement_type.format(evaluation.value),
            "",
            "",
            (),
            label="— " + ", ".join(f"{key} {value}" for key, value in dimensions),
        )
        for dimensions, evaluation in sorted(latest.items())
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


def _euro(amount: Decimal) -> str:
    return f"EUR {format_number(amount, decimals=2)}"


def _budget_rows(budget: BudgetSummary) -> tuple[list[str], list[list[str]]]:
    header = ["Bron", "Post", "Per jaar", "Hele periode"]
    body = [
        [line.source, line.description, _euro(amounts.per_year), _euro(amounts.period)]
        for line, amounts in budget.lines
    ]
    for source in budget.sources:
        for label, amounts in (
            ("Totaal kosten", budget.costs[source]),
            ("Dekking", budget.funding[source]),
            ("Tekort", budget.deficit[source]),
        ):
            body.append([source, label, _euro(amounts.per_year), _euro(amounts.period)])
    return header, body


def _years_rows(budget: BudgetSummary) -> tuple[list[str], list[list[str]]]:
    years = sorted({year for parts in budget.funding_per_year.values() for year in parts})
    header = ["Bron", *map(str, years)]
    body = [
        [source, *(_euro(parts.get(year, Decimal(0))) for year in years)]
        for source, parts in budget.funding_per_year.items()
    ]
    return header, body


_ROW_HEADER = ["Indicator", "Status", "Waarde", "Doel", "Nulmeting", "Trend", "Toelichting"]


def _row_cells(row: Row) -> list[str]:
    status = row.evaluation.status.dutch if row.evaluation else Status.NO_DATA.dutch
    reason = row.evaluation.reason if row.evaluation else "geen meting"
    name = row.label or row.indicator.name
    return [name, status, row.value, row.target, row.baseline, row.trend, reason]


def _md_table(header: list[str], body: Iterable[list[str]]) -> str:
    def line(cells: list[str]) -> str:
        return (
            "| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in cells) + " |"
        )

    return "\n".join([line(header), line(["---"] * len(header)), *map(line, body)])


def render_markdown(report: Report) -> str:
    """The report as Markdown (charts are left to the HTML version)."""
    parts = [f"# {report.title}", ""]
    if report.subtitle:
        parts += [report.subtitle, ""]
    parts += ["## Samenvatting", ""]
    parts += [f"- {status.dutch}: {count}" for status, count in report.summary.items()]
    for section in report.sections:
        parts += [
            "",
            f"## {section.title}",
            "",
            _md_table(_ROW_HEADER, map(_row_cells, section.rows)),
        ]
    if report.comparison:
        comparison = report.comparison
        parts += ["", "## Vergelijking", ""]
        parts.append(_md_table(list(comparison.header), map(list, comparison.rows)))
    if report.budget:
        parts += ["", "## Begroting", "", _md_table(*_budget_rows(report.budget))]
        if report.budget.funding_per_year:
            parts += [
                "",
                "### Dekking per kalenderjaar",
                "",
                _md_table(*_years_rows(report.budget)),
            ]
    if report.phases:
        parts += ["", "## Fasering en evaluatiemomenten", ""]
        for phase in report.phases:
            when = f" ({phase.period.dutch()})" if phase.period else ""
            parts.append(f"- **{phase.name}**{when}")
            parts += [f"  - mijlpaal: {m.description}, {m.due.dutch()}" for m in phase.milestones]
            parts += [
                f"  - evaluatie: {e.description}, {e.due.dutch()}"
                + (f" (voor {e.audience})" if e.audience else "")
                for e in phase.evaluations
            ]
    if report.findings:
        parts += ["", "## Opmerkingen bij de gegevens", ""]
        parts += [f"- {finding}" for finding in report.findings]
    return "\n".join(parts) + "\n"


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:70rem;
color:#1b1b1b;line-height:1.4;padding:0 1rem}
h1{font-size:1.8rem}h2{border-bottom:2px solid #154273;color:#154273;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccc;
padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#eef2f7}
.met{background:#dff0d8}.within_tolerance{background:#fcf8e3}.not_met{background:#f2dede}
.no_data,.not_assessed{background:#f5f5f5}.summary{display:flex;gap:1rem;flex-wrap:wrap}
.summary div{border:1px solid #ccc;padding:.5rem 1rem;border-radius:.3rem}
.charts{display:flex;flex-wrap:wrap;gap:1rem}.chart{margin:.5rem 0}
.chart svg{width:26rem;height:auto}figcaption{font-size:.85rem;color:#555}
"""


def _html_table(header: list[str], body: Iterable[list[str]], classes: Iterable[str] = ()) -> str:
    classes = list(classes)
    head = "".join(f"<th>{html.escape(cell)}</th>" for cell in header)
    lines = []
    for index, cells in enumerate(body):
        css = f' class="{classes[index]}"' if index < len(classes) and classes[index] else ""
        lines.append(f"<tr{css}>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page, with trend charts where drawn."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="nl"><head><meta charset="utf-8">',
        f"<title>{html.escape(report.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(report.title)}</h1>",
    ]
    if report.subtitle:
        out.append(f"<p>{html.escape(report.subtitle)}</p>")
    out.append('<h2>Samenvatting</h2><div class="summary">')
    out += [
        f'<div class="{status.value}"><strong>{count}</strong> {html.escape(status.dutch)}</div>'
        for status, count in report.summary.items()
    ]
    out.append("</div>")
    for section in report.sections:
        out.append(f"<h2>{html.escape(section.title)}</h2>")
        statuses = [r.evaluation.status.value if r.evaluation else "no_data" for r in section.rows]
        out.append(_html_table(_ROW_HEADER, map(_row_cells, section.rows), statuses))
        figures = [
            f'<figure class="chart" data-indicator="{html.escape(row.indicator.id)}">'
            f"{report.charts[row.indicator.id]}"
            f"<figcaption>{html.escape(row.indicator.name)}</figcaption></figure>"
            for row in section.rows
            if row.indicator.id in report.charts and not row.label
        ]
        if figures:
            out.append('<div class="charts">' + "".join(figures) + "</div>")
    if report.comparison:
        comparison = report.comparison
        out.append("<h2>Vergelijking</h2>")
        out.append(_html_table(list(comparison.header), map(list, comparison.rows)))
    if report.budget:
        out.append("<h2>Begroting</h2>" + _html_table(*_budget_rows(report.budget)))
        if report.budget.funding_per_year:
            out.append(
                "<h3>Dekking per kalenderjaar</h3>" + _html_table(*_years_rows(report.budget))
            )
    if report.phases:
        out.append("<h2>Fasering en evaluatiemomenten</h2>")
        body = []
        for phase in report.phases:
            when = phase.period.dutch() if phase.period else ""
            body += [
                [phase.name, when, "mijlpaal", m.description, m.due.dutch()]
                for m in phase.milestones
            ]
            body += [
                [
                    phase.name,
                    when,
                    "evaluatie",
                    e.description + (f" (voor {e.audience})" if e.audience else ""),
                    e.due.dutch(),
                ]
                for e in phase.evaluations
            ]
        out.append(_html_table(["Fase", "Periode", "Soort", "Wat", "Wanneer"], body))
    if report.findings:
        out.append("<h2>Opmerkingen bij de gegevens</h2><ul>")
        out += [f"<li>{html.escape(str(finding))}</li>" for finding in report.findings]
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
