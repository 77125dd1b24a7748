"""The accountability report (verantwoording): from an accountability run to the report model.

:func:`build_report` arranges an accountability run (already evaluated) as
the :class:`~sociaaldomein.render.model.Report` the templates show;
:mod:`.markdown` and :mod:`.html` write it. Nothing is evaluated here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from sociaaldomein.core.accountability import Accountability
from sociaaldomein.core.evaluation import Evaluation, describe_target
from sociaaldomein.core.reasons import PLACES
from sociaaldomein.core.trend import classify_trend
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import DataStatus, Measurement
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period
from sociaaldomein.model.prestatieveld import Prestatieveld
from sociaaldomein.model.target import Improvement
from sociaaldomein.model.trend_thresholds import TrendThresholds
from sociaaldomein.render.chart_data import Series, series_for
from sociaaldomein.render.comparison import build_comparison
from sociaaldomein.render.model import (
    Comparison,
    Link,
    Moment,
    Report,
    Row,
    Section,
)
from sociaaldomein.render.notes import dutch_notes
from sociaaldomein.render.plain import plain_summaries
from sociaaldomein.render.status import label, legend, summary
from sociaaldomein.render.tables import budget_table, phases_table, years_table
from sociaaldomein.render.values import show_group_value, show_value
from sociaaldomein.render.words import colophon, guide, report_title, tolerance_text
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import format_number

__all__ = [
    "Comparison",
    "Report",
    "Row",
    "Section",
    "build_report",
    "show_value",
]


def _anchor(prefix: str, text: str) -> str:
    return prefix + "".join(c if c.isalnum() or c in "-_." else "-" for c in text)


class _Builder:
    """Rows for the subject of one accountability run."""

    def __init__(self, run: Accountability) -> None:
        self.run = run
        self.totals: dict[str, tuple[Measurement, ...]] = {
            indicator.id: run.history(indicator.id) for indicator in run.indicators
        }
        self.results = {e.indicator: e for e in run.results if e.subject == run.subject}
        # Every period's evaluation of the subject's totals: the target in force per period.
        self.timelines: dict[str, tuple[Evaluation, ...]] = {
            indicator.id: run.judged(indicator.id) for indicator in run.indicators
        }
        self.series: list[Series] = []

    def timeline(self, indicator: Indicator, kind: MeasurementType) -> tuple[Moment, ...]:
        """Every measured or judged period of the subject's totals, oldest first."""
        measured = {m.period: m for m in self.totals.get(indicator.id, ())}
        judged = {e.period: e for e in self.timelines.get(indicator.id, ())}
        return tuple(
            _moment(indicator, kind, measured.get(period), judged.get(period))
            for period in sorted(measured.keys() | judged.keys())
        )

    def row(self, indicator: Indicator, tags: tuple[Link, ...], charts: bool) -> Row:
        run = self.run
        kind = run.types[indicator.measurement_type]
        result = self.results.get(indicator.id)
        history = [m for m in self.totals.get(indicator.id, []) if m.known]
        measured = next(
            (m for m in self.totals.get(indicator.id, []) if result and m.period == result.period),
            None,
        )
        points = (
            tuple((str(m.period), float(m.value_as(kind))) for m in history) if kind.numeric else ()
        )
        # The target in force for the period (a budget year's), else the plain one.
        in_force = result.target if result is not None and result.target else indicator.target
        # As many decimals as the reason shows, so that value and target read apart.
        places = result.places if result is not None else PLACES
        anchor = _anchor("indicator-", indicator.id)
        row = Row(
            anchor=anchor,
            indicator=indicator,
            evaluation=result,
            status=label(result.status if result else None),
            name=indicator.name,
            value=""
            if result is None or result.value is None
            else show_value(result.value, kind, places=places),
            target=describe_target(in_force, indicator, kind, places=places) if in_force else "",
            baseline=""
            if result is None or result.baseline is None
            else show_value(result.baseline, kind, places=places),
            reason=result.reason if result else _("geen meting"),
            tolerance=tolerance_text(indicator, kind),
            references=tuple(
                (who, f"{_reference_text(found, kind)} ({found.period.dutch()})")
                for who in run.references
                if (found := run.reference_values.get((indicator.id, who))) is not None
            )
            + tuple(
                (group.name, show_group_value(value, kind))
                for group in run.reference_groups
                if (value := run.group_values.get((indicator.id, group.name))) is not None
            ),
            # As the reference says: a trend where there is no number to reach (no target,
            # or "better than before"); a number to reach judges the value itself.
            trend=_trend(indicator, points, run.trend_thresholds)
            if in_force is None or isinstance(in_force, Improvement)
            else "",
            n="" if result is None or result.n is None else format_number(result.n),
            source=(measured.source if measured and measured.source else indicator.source),
            # A value not known has no status of its own to show: only a known value is
            # voorlopig or definitief (as the colofon counts them).
            data_status=_data_status_words(result) if result and result.value is not None else "",
            provisional=bool(
                result
                and result.value is not None
                and result.data_status
                and result.data_status is not DataStatus.DEFINITIVE
            ),
            period=result.period.dutch() if result else "",
            note=measured.note if measured else "",
            unknown=_unknown_text(measured),
            tags=tags,
            slices=tuple(
                _slice_row(anchor, number, indicator, evaluation, kind)
                for number, evaluation in enumerate(
                    (e for e in run.slices if e.indicator == indicator.id), start=1
                )
            ),
            history=points,
            timeline=self.timeline(indicator, kind),
        )
        if charts and len(points) > 1:
            baseline = None if result is None or result.baseline is None else result.baseline
            self.series.append(
                series_for(
                    run,
                    indicator,
                    target_text=row.target,
                    baseline=None if baseline is None else float(baseline),
                )
            )
        return row


def _moment(
    indicator: Indicator,
    kind: MeasurementType,
    measured: Measurement | None,
    judged: Evaluation | None,
) -> Moment:
    """One period of the history: the measurement, and its evaluation where there is one."""
    if judged is not None:
        return Moment(
            period=judged.period.dutch(),
            value=""
            if judged.value is None
            else show_value(judged.value, kind, places=judged.places),
            target=describe_target(judged.target, indicator, kind, places=judged.places)
            if judged.target
            else "",
            status=label(judged.status),
            data_status=_data_status_words(judged),
            provisional=judged.data_status not in (None, DataStatus.DEFINITIVE),
            evaluation=judged,
        )
    assert measured is not None  # a moment has a measurement, an evaluation or both
    return Moment(
        period=measured.period.dutch(),
        value=_reference_text(measured, kind),
        data_status=measured.status.dutch if measured.status_given else _("status niet opgegeven"),
        provisional=measured.status is not DataStatus.DEFINITIVE,
    )


def _data_status_words(evaluation: Evaluation) -> str:
    """``voorlopig``, ``definitief``, or that no status was given (judged as definitief)."""
    if evaluation.data_status is None:
        return ""
    if not evaluation.status_given:
        return _("status niet opgegeven")
    return evaluation.data_status.dutch


def _unknown_text(measured: Measurement | None) -> str:
    """A value measured but not known, in words with the publisher's marker; else empty."""
    if measured is None or measured.known:
        return ""
    if measured.unknown:
        return _("niet bekend ({marker})").format(marker=measured.unknown)
    return _("niet bekend")


def _reference_text(found: Measurement, kind: MeasurementType) -> str:
    if not found.known:
        return found.unknown or _("onbekend")
    return show_value(found.value_as(kind), kind)


def _themes(run: Accountability) -> list[tuple[str, tuple[str, ...]]]:
    """Every section's title and indicator ids, before each indicator is placed once."""
    themes = []
    for field in Prestatieveld if run.by_prestatieveld else ():
        members = tuple(i.id for i in run.indicators if field in i.prestatievelden)
        if members:
            themes.append(
                (
                    _("Prestatieveld {number}: {name}").format(
                        number=field.value, name=_(field.short_name)
                    ),
                    members,
                )
            )
    themes += [(heading, tuple(ids)) for heading, ids in run.groups]
    placed = {i for _title, ids in themes for i in ids}
    rest = tuple(i.id for i in run.indicators if i.id not in placed)
    if rest:
        themes.append((_("Overige indicatoren"), rest))
    return themes


def build_report(run: Accountability, *, charts: bool = True) -> Report:
    """Arrange an accountability run for the report; nothing is evaluated here.

    Each indicator appears once, under the first theme it belongs to; its
    other themes are shown as tags, and those sections link to it.

    :param charts: draw a trend chart per indicator with more than one
        measurement, where the optional plotting library is installed.
        Where it is not, there are no charts; ``write_report`` and
        ``write_site`` then say so in the colofon
        (:func:`sociaaldomein.app.extras.note`).
    """
    known = {i.id: i for i in run.indicators}
    themes = _themes(run)
    anchors = [f"thema-{number}" for number in range(1, len(themes) + 1)]
    home: dict[str, int] = {}
    for number, (_title, ids) in enumerate(themes):
        for indicator_id in ids:
            home.setdefault(indicator_id, number)
    builder = _Builder(run)
    drawing = charts and _can_draw()
    rows: dict[str, Row] = {}
    for indicator in run.indicators:
        tags = tuple(
            Link(title, "#" + anchors[number])
            for number, (title, ids) in enumerate(themes)
            if indicator.id in ids and number != home.get(indicator.id)
        )
        rows[indicator.id] = builder.row(indicator, tags, drawing)
    drawn = _draw(builder.series) if drawing else {}
    sections = []
    for number, (title, ids) in enumerate(themes):
        shown = tuple(
            attrs.evolve(rows[i], chart=drawn.get(i, ""))
            for i in ids
            if i in known and home[i] == number
        )
        see_also = tuple(
            Link(known[i].name, "#" + rows[i].anchor)
            for i in ids
            if i in known and home[i] != number
        )
        if shown or see_also:
            sections.append(Section(anchors[number], title, shown, see_also))
    comparison = build_comparison(run) if len(run.subjects) > 1 else None
    period = run.period.dutch()
    sections_made = tuple(sections)
    subtitle = _("Verslagperiode: {period}").format(period=period)
    if run.subject:
        subtitle = _("Onderwerp: {subject}; verslagperiode: {period}").format(
            subject=run.subject, period=period
        )
    rows_made = tuple(rows.values())
    made_colophon = colophon(run, builder.totals, rows_made)
    return Report(
        title=report_title(period, run.title),
        subtitle=subtitle,
        subject=run.subject,
        period=period,
        summary=summary(run.summary),
        legend=legend(),
        guide=guide(run, rows_made),
        sections=sections_made,
        comparison=comparison,
        budget=budget_table(run.budget) if run.budget else None,
        budget_years=years_table(run.budget)
        if run.budget and run.budget.funding_per_year
        else None,
        phases=phases_table(run.phases) if run.phases else None,
        notes=dutch_notes(run.findings),
        colophon=made_colophon,
        references=run.references,
        plain=plain_summaries(sections_made, period),
    )


def _slice_row(
    parent: str, number: int, indicator: Indicator, evaluation: Evaluation, kind: MeasurementType
) -> Row:
    """A slice's result, shown under its total."""
    return Row(
        anchor=f"{parent}-{number}",
        indicator=indicator,
        evaluation=evaluation,
        status=label(evaluation.status),
        name=", ".join(f"{key} {value}" for key, value in evaluation.dimensions),
        value=""
        if evaluation.value is None
        else show_value(evaluation.value, kind, places=evaluation.places),
        reason=evaluation.reason,
        n="" if evaluation.n is None else format_number(evaluation.n),
    )


def _trend(
    indicator: Indicator,
    history: Iterable[tuple[str, float]],
    thresholds: TrendThresholds | None,
) -> str:
    """The trend class over the measured periods, for an indicator with a good direction."""
    direction = indicator.good_direction
    if direction is None:
        return ""
    points = [(Period.parse(period), value) for period, value in history]
    trend, growth = classify_trend(points, direction, thresholds)
    if growth is None:
        return trend.dutch
    return _("{trend} ({growth}% per jaar)").format(
        trend=trend.dutch, growth=format_number(Decimal(f"{growth:.1f}"))
    )


def _can_draw() -> bool:
    try:
        from sociaaldomein.render import charts  # noqa: F401
    except ImportError:  # pragma: no cover - the optional extra is not installed
        return False
    return True


def _draw(series: Sequence[Series]) -> dict[str, str]:
    from sociaaldomein.render.charts import trend_charts

    return trend_charts(series)
