"""The accountability run: a set or plan, measurements, a period and a subject in; results out.

This is what ``sociaaldomein evaluate`` and ``report`` do, as one call::

    from sociaaldomein import account_for

    run = account_for(plan="plan.toml", measurements=["measurements.csv"], period="2016")
    for record in run.records():
        print(record["indicator"], record["status"], record["reason"])
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from sociaaldomein.app.framework import Framework, load_framework
from sociaaldomein.app.inputs import load_measurement_file
from sociaaldomein.core.accountability import Accountability
from sociaaldomein.core.evaluation import Evaluation, evaluate_all
from sociaaldomein.core.reporting_period import (
    default_period,
    in_force,
    latest_inside,
    missing_in_period,
)
from sociaaldomein.core.validation import check_consistency, check_measurements
from sociaaldomein.errors import InvalidValueError, UnknownNameError
from sociaaldomein.findings import Finding
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.period import Period
from sociaaldomein.model.project import Project

if TYPE_CHECKING:
    from sociaaldomein.core.aggregation import Aggregate
    from sociaaldomein.model.measurement_type import MeasurementType
    from sociaaldomein.model.parties import Province
    from sociaaldomein.plugin.manager import Plugins

__all__ = ["account_for", "choose_subject", "gather_measurements"]

MeasurementSource = str | os.PathLike[str] | Measurement


def gather_measurements(
    sources: Iterable[MeasurementSource],
    indicators: Iterable[Indicator],
    types: Mapping[str, MeasurementType],
    *,
    sheet: str | None = None,
) -> tuple[list[Measurement], list[Finding]]:
    """Measurements from files (CSV, xlsx) and measurement objects, checked against ``indicators``.

    :param sheet: the sheet of a workbook to read (by default its first).
    :returns: the measurements, and what reading the files noticed (an
        encoding, revised values).

    :raises LoadError: a file is not valid, with every bad line named.
    :raises UnknownNameError: a measurement object names an unknown indicator.
    """
    known = {indicator.id: indicator for indicator in indicators}
    found: list[Measurement] = []
    noticed: list[Finding] = []
    for source in sources:
        if isinstance(source, Measurement):
            if source.indicator not in known:
                raise UnknownNameError(
                    f"measurement for unknown indicator {source.indicator!r}; known"
                    f" indicators: {', '.join(known) or '(none)'}"
                )
            if source.known:  # one that is not known becomes no_data with its reason
                source.value_as(types[known[source.indicator].measurement_type])
            found.append(source)
        else:
            read, findings = load_measurement_file(
                source, indicators=known, types=types, sheet=sheet
            )
            found += read
            noticed += findings
    return found, noticed


def choose_subject(
    measurements: Iterable[Measurement], subject: str | None, references: Sequence[str]
) -> str:
    """The subject to account for: the one asked for, or the only one measured.

    :raises UnknownNameError: ``subject`` has no measurements, or there are
        several subjects and none was chosen; the message lists them.
    """
    present = sorted({m.subject for m in measurements} - set(references))
    if subject is not None:
        if present and subject not in present:
            raise UnknownNameError(
                f"no measurements for subject {subject!r}; subjects present: {', '.join(present)}"
            )
        return subject
    if len(present) > 1:
        raise UnknownNameError(
            f"the measurements hold {len(present)} subjects; choose one with --subject"
            f" (subject=...): {', '.join(present)}"
        )
    return present[0] if present else ""


def account_for(
    *,
    set_id: str | None = None,
    set_file: str | os.PathLike[str] | None = None,
    plan: str | os.PathLike[str] | Project | None = None,
    measurements: Iterable[MeasurementSource] = (),
    period: Period | str | None = None,
    subject: str | None = None,
    references: Sequence[str] = (),
    regions: str | os.PathLike[str] | Province | None = None,
    taxonomy: str | None = None,
    sheet: str | None = None,
    plugins: Plugins | None = None,
) -> Accountability:
    """Account for one subject over one reporting period.

    Give a set (``set_id`` of an installed set, or ``set_file``, a TOML set
    that may extend one) or a ``plan``; the measurements as files or
    :class:`Measurement` objects.

    :param period: the reporting period (``2016``, ``2016-H1``); by default
        the latest period measured (see :func:`default_period`).
    :param subject: who is accounted for; may be left out when the
        measurements hold one subject besides the references.
    :param references: subjects shown beside the value and never judged,
        such as ``Nederland``.
    :param regions: a Province TOML (or object): adds each region's and the
        province's aggregate to the comparison.
    :param taxonomy: a taxonomy id: sections per theme.
    :param sheet: the sheet to read of ``.xlsx`` measurement files.
    :raises SociaaldomeinError: bad files, an unknown set, indicator or
        subject, each with a message that says what to fix.
    """
    from sociaaldomein.plugin.manager import Plugins

    plugins = plugins if plugins is not None else Plugins()
    framework = load_framework(
        plugins, set_id=set_id, set_file=set_file, plan=plan, taxonomy=taxonomy
    )
    types = plugins.measurement_types
    loaded, noticed = gather_measurements(measurements, framework.indicators, types, sheet=sheet)
    chosen = choose_subject(loaded, subject, references)
    reporting = _period(period, [m for m in loaded if m.subject == chosen] or loaded)
    judged = [m for m in loaded if m.subject not in references]
    # References are compared with (targets against the country), never judged.
    compared = [m for m in loaded if m.subject in references]
    evaluations = evaluate_all(framework.indicators, judged, types, references=compared)
    accountability = _assemble(
        framework, types, loaded, evaluations, chosen, reporting, references, regions
    )
    # A plugin whose rule failed is named in the findings, never skipped in silence.
    return attrs.evolve(
        accountability, findings=(*noticed, *accountability.findings, *plugins.problems)
    )


def _period(period: Period | str | None, measurements: Sequence[Measurement]) -> Period:
    if isinstance(period, Period):
        return period
    if period is not None:
        return Period.parse(period)
    found = default_period(measurements)
    if found is None:
        raise InvalidValueError(
            "there are no measurements, so there is no latest period; give a period"
        )
    return found


def _assemble(
    framework: Framework,
    types: Mapping[str, MeasurementType],
    measurements: list[Measurement],
    evaluations: list[Evaluation],
    subject: str,
    period: Period,
    references: Sequence[str],
    regions: str | os.PathLike[str] | Province | None,
) -> Accountability:
    indicators = framework.indicators
    upto = [e for e in evaluations if e.period.end <= period.end]
    by_key: dict[tuple[str, str, tuple[tuple[str, str], ...]], list[Evaluation]] = {}
    for evaluation in upto:
        key = (evaluation.indicator, evaluation.subject, evaluation.dimensions)
        by_key.setdefault(key, []).append(evaluation)
    others = {m.subject for m in measurements} - {subject} - set(references)
    subjects = [subject, *sorted(others)]

    def force(indicator: Indicator, who: str, dims: tuple[tuple[str, str], ...] = ()) -> Evaluation:
        found = in_force(indicator, by_key.get((indicator.id, who, dims), []), period)
        return found if found.subject else attrs.evolve(found, subject=who, dimensions=dims)

    results = tuple(force(indicator, subject) for indicator in indicators)
    slices = tuple(
        force(indicator, subject, dims)
        for indicator in indicators
        if indicator.slices
        for (key, who, dims) in sorted(by_key)
        if key == indicator.id
        and who == subject
        and dims
        and {name for name, _ in dims} <= set(indicator.slices)
    )
    comparison = (
        {(i.id, who): force(i, who) for i in indicators for who in subjects}
        if len(subjects) > 1
        else {}
    )
    reference_values = {}
    for reference in references:
        own = [m for m in measurements if m.subject == reference]
        for indicator in indicators:
            series = [m for m in own if m.indicator == indicator.id and not m.dimensions]
            value = latest_inside(indicator, series, period, lambda m: m.period)
            if value is not None:
                reference_values[indicator.id, reference] = value
    findings = list(framework.findings)
    mine = [m for m in measurements if m.subject == subject]
    for indicator in indicators:
        missing = missing_in_period(indicator, mine, period, subject)
        if missing is not None:
            findings.append(missing)
    # Duplicates, values that disagree with their fraction, periods outside the
    # plan, undeclared slices, impossible targets: named, never silently used.
    findings += check_measurements(measurements, indicators, types, period=framework.period)
    if framework.consistency:
        findings += check_consistency(
            framework.consistency, measurements, types, {i.id: i for i in indicators}
        )
    aggregates, region_of = _regions(regions, measurements, types, indicators)
    return Accountability(
        title=framework.title,
        subject=subject,
        period=period,
        indicators=indicators,
        types=dict(types),
        results=results,
        evaluations=tuple(upto),
        measurements=tuple(measurements),
        slices=slices,
        subjects=tuple(subjects),
        references=tuple(references),
        reference_values=reference_values,
        comparison=comparison,
        groups=framework.groups,
        by_prestatieveld=framework.by_prestatieveld,
        aggregates=tuple(aggregates),
        region_of=region_of,
        budget=framework.budget,
        phases=framework.phases,
        findings=tuple(findings),
        trend_thresholds=framework.trend_thresholds,
    )


def _regions(
    regions: str | os.PathLike[str] | Province | None,
    measurements: Sequence[Measurement],
    types: Mapping[str, MeasurementType],
    indicators: Sequence[Indicator],
) -> tuple[list[Aggregate], dict[str, str]]:
    if regions is None:
        return [], {}
    from sociaaldomein.core.aggregation import aggregate_regions
    from sociaaldomein.model.parties import Province

    if not isinstance(regions, Province):
        from sociaaldomein.io.loading import load_toml

        regions = load_toml(regions, Province)
    aggregates = aggregate_regions(
        measurements,
        types,
        {i.id: i.measurement_type for i in indicators},
        regions.regions,
        province=regions.name,
    )
    return list(aggregates), regions.region_of()
