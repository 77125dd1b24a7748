"""The comparison view: judged subjects side by side, readable for a handful or for 342.

With a few subjects the table has a column per subject. With many, the
table keeps to the report's subject, its position and the aggregates, and a
ranking per indicator lists every subject best first, the subject and the
other members of its region marked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sociaaldomein.core.accountability import Accountability
from sociaaldomein.core.aggregation import Aggregate
from sociaaldomein.core.evaluation import Evaluation
from sociaaldomein.core.reporting_period import latest_inside
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import DataStatus
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.render.model import Comparison, Place, Ranking, Table
from sociaaldomein.render.status import label
from sociaaldomein.render.values import show_value
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import as_decimal

__all__ = ["WIDE", "build_comparison"]

#: Up to this many subjects, the comparison has a column per subject.
WIDE = 8


def _shown(evaluation: Evaluation | None, kind: MeasurementType) -> str:
    if evaluation is None or evaluation.value is None:
        return ""
    # Beside its status: as many decimals as the reason needs to tell value and target apart.
    return show_value(evaluation.value, kind, places=evaluation.places)


def _aggregate_cell(found: Aggregate | None, kind: MeasurementType) -> str:
    if found is None or found.value is None:
        return found.note if found is not None and found.note else "-"
    provisional = " (" + _("voorlopig") + ")" if found.status is not DataStatus.DEFINITIVE else ""
    return show_value(found.value, kind) + provisional


def _position(indicator: Indicator, result: Evaluation | None, region: Aggregate | None) -> str:
    """Better or worse than the region, the good way; empty where it cannot be said."""
    direction = indicator.good_direction
    value = result.value if result else None
    if direction is None or region is None or value is None or region.value is None:
        return ""
    if isinstance(value, bool | str) or isinstance(region.value, bool | str):
        return ""
    difference = (as_decimal(value) - as_decimal(region.value)) * direction.sign
    if difference > 0:
        return _("beter dan")
    if difference < 0:
        return _("slechter dan")
    return _("gelijk aan")


def build_comparison(run: Accountability) -> Comparison:
    """The comparison of ``run.subjects`` on every indicator with a measured value."""
    results: dict[tuple[str, str], Evaluation] = {(e.indicator, e.subject): e for e in run.results}
    results.update(run.comparison)
    # Each group's aggregate in force for the reporting period, by the rule of the results.
    series: dict[tuple[str, str], list[Aggregate]] = {}
    for aggregate in run.aggregates:
        series.setdefault((aggregate.indicator, aggregate.subject), []).append(aggregate)
    by_id = {indicator.id: indicator for indicator in run.indicators}
    latest: dict[tuple[str, str], Aggregate] = {}
    for key, aggregates in series.items():
        if key[0] in by_id:
            chosen = latest_inside(by_id[key[0]], aggregates, run.period, lambda a: a.period)
            if chosen is not None:
                latest[key] = chosen
    groups = list(dict.fromkeys(a.subject for a in run.aggregates))
    measured = [
        indicator
        for indicator in run.indicators
        if any(
            (found := results.get((indicator.id, s))) is not None and found.value is not None
            for s in run.subjects
        )
    ]
    if len(run.subjects) <= WIDE:
        return _wide(run, measured, results, latest, groups)
    return _ranked(run, measured, results, latest, groups)


def _wide(
    run: Accountability,
    indicators: Sequence[Indicator],
    results: Mapping[tuple[str, str], Evaluation],
    latest: Mapping[tuple[str, str], Aggregate],
    groups: Sequence[str],
) -> Comparison:
    lines = []
    for indicator in indicators:
        kind = run.types[indicator.measurement_type]
        cells = [indicator.name]
        for subject in run.subjects:
            result = results.get((indicator.id, subject))
            cell = (
                f"{_shown(result, kind) or '-'} ({label(result.status if result else None).label})"
            )
            region = run.region_of.get(subject)
            position = (
                ""  # a municipality's count is not comparable with its region's total
                if kind.additive
                else _position(indicator, result, latest.get((indicator.id, region or "")))
            )
            cells.append(f"{cell}; {position} {region}" if position and region else cell)
        cells += [_aggregate_cell(latest.get((indicator.id, g)), kind) for g in groups]
        lines.append(tuple(cells))
    own = run.subjects.index(run.subject) + 1 if run.subject in run.subjects else None
    table = Table((_("Indicator"), *run.subjects, *groups), tuple(lines), highlight=own)
    return Comparison(
        table, subjects=len(run.subjects), keys=tuple(indicator.id for indicator in indicators)
    )


def _ranked(
    run: Accountability,
    indicators: Sequence[Indicator],
    results: Mapping[tuple[str, str], Evaluation],
    latest: Mapping[tuple[str, str], Aggregate],
    groups: Sequence[str],
) -> Comparison:
    region = run.region_of.get(run.subject, "")
    neighbours = {s for s, r in run.region_of.items() if r == region and region}
    regions = set(run.region_of.values())
    # The subject's own region and the groups above the regions (a province, the country).
    shown_groups = [g for g in groups if g == region or g not in regions]
    lines, rankings = [], []
    for number, indicator in enumerate(indicators, start=1):
        kind = run.types[indicator.measurement_type]
        sign = indicator.good_direction.sign if indicator.good_direction else 1
        scored = []
        for subject in run.subjects:
            result = results.get((indicator.id, subject))
            if result is None or result.value is None or isinstance(result.value, bool | str):
                continue
            scored.append((-sign * float(result.value), subject, result))
        scored.sort(key=lambda item: (item[0], item[1]))
        places = tuple(
            Place(
                rank,
                subject,
                show_value(result.value, kind, places=result.places)
                if result.value is not None
                else "",
                label(result.status),
                "subject" if subject == run.subject else "region" if subject in neighbours else "",
            )
            for rank, (_score, subject, result) in enumerate(scored, start=1)
        )
        own = next((p for p in places if p.mark == "subject"), None)
        position = (
            _("{rank}e van {count}").format(rank=own.rank, count=len(places))
            if own
            else _("geen waarde ({count} wel)").format(count=len(places))
        )
        result = results.get((indicator.id, run.subject))
        lines.append(
            (
                indicator.name,
                f"{_shown(result, kind) or '-'} ({label(result.status if result else None).label})",
                position,
                *(_aggregate_cell(latest.get((indicator.id, g)), kind) for g in shown_groups),
            )
        )
        rankings.append(
            Ranking(f"rangorde-{number}", indicator.name, places, position, key=indicator.id)
        )
    table = Table(
        (_("Indicator"), run.subject, _("Positie"), *shown_groups), tuple(lines), highlight=1
    )
    return Comparison(
        table,
        tuple(rankings),
        subjects=len(run.subjects),
        keys=tuple(indicator.id for indicator in indicators),
    )
