"""The accountability run: a set or plan, measurements, a period and a subject in; results out.

This is what ``sociaaldomein evaluate`` and ``report`` do, as one call::

    from sociaaldomein import account_for

    run = account_for(plan="plan.toml", measurements=["measurements.csv"], period="2016")
    for record in run.records():
        print(record["indicator"], record["status"], record["reason"])
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from sociaaldomein.app.framework import Framework, load_framework
from sociaaldomein.app.inputs import read_measurement_file
from sociaaldomein.app.measured import Measured, MeasuredObjects
from sociaaldomein.core.accountability import Accountability
from sociaaldomein.core.evaluation import Evaluation
from sociaaldomein.core.group_checks import measured_names
from sociaaldomein.core.lazy import LazyMapping
from sociaaldomein.core.reporting_period import (
    latest_first,
    missing_in_period,
    nothing_measured_in,
)
from sociaaldomein.core.verdict import no_data
from sociaaldomein.errors import InvalidValueError, UnknownNameError
from sociaaldomein.findings import Finding
from sociaaldomein.model.indicator import Indicator, target_for
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.period import Period
from sociaaldomein.model.project import Project
from sociaaldomein.text.language import _
from sociaaldomein.text.suggest import listed, unknown_name

if TYPE_CHECKING:
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

    Every source is one run: a measurement (indicator, subject, period and
    slice) given in two files, or twice among the objects, is an error
    naming both places, unless both rows are declared revisions; then the
    newest definitive one is in force, whichever file it is in (see
    :mod:`sociaaldomein.app.identity`).

    :param sheet: the sheet of a workbook to read (by default its first).
    :returns: the values in force, and what reading the files noticed (an
        encoding, revised values, subjects spelled with invisible characters
        or mixed scripts).

    :raises LoadError: a file is not valid, with every bad line named; or a
        measurement is given twice, with both places.
    :raises UnknownNameError: a measurement object names an unknown indicator.
    """
    from sociaaldomein.app.identity import Placed, in_force, placed_file, placed_objects

    known = {indicator.id: indicator for indicator in indicators}
    placed: list[Placed] = []
    objects: list[Measurement] = []
    positions: list[int] = []
    noticed: list[Finding] = []
    for position, source in enumerate(sources, start=1):
        if isinstance(source, Measurement):
            if source.indicator not in known:
                message = _("meting voor onbekende indicator {id}").format(
                    id=repr(source.indicator)
                )
                raise UnknownNameError(
                    unknown_name(
                        message, source.indicator, known, known_as=_("bekende indicatoren")
                    )
                )
            if source.known:  # one that is not known becomes no_data with its reason
                source.value_as(types[known[source.indicator].measurement_type])
            objects.append(source)
            positions.append(position)
        else:
            if objects:  # in the order given, so the values in force keep it
                placed.append(placed_objects(objects, positions))
                objects, positions = [], []
            read = read_measurement_file(source, indicators=known, types=types, sheet=sheet)
            placed.append(placed_file(read))
            noticed += read.findings
    if objects:
        placed.append(placed_objects(objects, positions))
    found, identified = in_force(placed)
    return found, [*noticed, *identified]


def choose_subject(
    measurements: Iterable[Measurement], subject: str | None, references: Sequence[str]
) -> str:
    """The subject to account for: the one asked for, or the only one measured.

    :raises UnknownNameError: ``subject`` has no measurements, or there are
        several subjects and none was chosen; the message lists them.
    """
    given = list(measurements)
    subjects = {m.subject for m in given}
    codes = {m.subject_code: m.subject for m in given if m.subject_code}
    return _choose(
        subjects,
        None if subject is None else subject_named(subject, subjects, codes),
        [subject_named(name, subjects, codes) for name in references],
        codes=codes,
    )


def subject_named(name: str, subjects: Collection[str], codes: Mapping[str, str]) -> str:
    """The measured subject ``name`` means: itself, or the subject whose code it is.

    The one resolution of ``--subject`` and ``--reference``: a fetched file
    names ``Assen`` with ``subject_code`` ``GM0106``, and fetch accepted either,
    so evaluate and report do too. A name neither measured nor a code is
    returned as given, for the caller's "geen metingen", which suggests.
    """
    return name if name in subjects else codes.get(name, name)


def _choose(
    subjects: set[str],
    subject: str | None,
    references: Sequence[str],
    compared_with: Sequence[str] = (),
    codes: Mapping[str, str] | None = None,
) -> str:
    """The subject to account for (see :func:`choose_subject`).

    :param compared_with: the subjects the set's targets compare with
        (:attr:`Indicator.reference_subjects`): measured, and not given as a
        reference, they are named as what ``--reference`` is for.
    :param codes: the subjects' codes (:func:`subject_named`), suggested too.
    """
    present = sorted(subjects - set(references))
    if subject is not None:
        if present and subject not in present:
            message = _("geen metingen voor {subject}").format(subject=repr(subject))
            message = unknown_name(message, subject, present + sorted(codes or {}))
            raise UnknownNameError(
                f"{message} ({_('gemeenten in de metingen')}: {listed(present)})"
            )
        return subject
    if len(present) > 1:
        message = _(
            "de metingen bevatten {count} gemeenten: {subjects}; kies er een met --subject"
            " (subject=...)"
        ).format(count=len(present), subjects=listed(present))
        unnamed = [name for name in compared_with if name in present]
        if unnamed:
            message += "; " + _(
                "{names} is een referentie van de set: geef die met --reference (references=...)"
            ).format(names=", ".join(unnamed))
        raise UnknownNameError(message)
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
    :class:`Measurement` objects. One CSV file of
    :data:`~sociaaldomein.app.measured_table.COLUMNAR_FROM_BYTES` or more is
    read and evaluated as columns where it can be (see
    :mod:`sociaaldomein.app.measured_table`): the same run, made in a
    fraction of the time for a whole country.

    :param period: the reporting period (``2016``, ``2016-H1``); by default
        the latest period measured (see
        :func:`~sociaaldomein.core.reporting_period.default_period`).
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
    from sociaaldomein.app.identity import first_lines, subject_findings
    from sociaaldomein.plugin.manager import Plugins

    plugins = plugins if plugins is not None else Plugins()
    framework = load_framework(
        plugins, set_id=set_id, set_file=set_file, plan=plan, taxonomy=taxonomy
    )
    types = plugins.measurement_types
    sources = list(measurements)
    # One name is one reference (a str is a sequence of letters, each no subject).
    references = (references,) if isinstance(references, str) else tuple(references)

    compared_with = list(
        dict.fromkeys(s for i in framework.indicators for s in i.reference_subjects)
    )

    def run(measured: Measured, noticed: Sequence[Finding]) -> Accountability:
        subjects, codes = measured.subjects(), measured.subject_codes()
        named = [subject_named(name, subjects, codes) for name in references]
        asked = None if subject is None else subject_named(subject, subjects, codes)
        chosen = _choose(subjects, asked, named, compared_with, codes)
        periods = measured.periods(chosen)
        reporting = _period(period, periods)
        made = _assemble(framework, types, measured, chosen, reporting, named, regions)
        empty = nothing_measured_in(reporting, periods, chosen) if periods else None
        # A plugin whose rule failed is named in the findings, never skipped in silence.
        return attrs.evolve(
            made,
            findings=(*noticed, *([empty] if empty else []), *made.findings, *plugins.problems),
        )

    from sociaaldomein.table.schema import TooManyDigitsError

    try:
        columns = _columnar(sources, framework.indicators, types)
        if columns is not None:
            # One file, whose reader refused its duplicates; its subjects' spellings
            # are checked here, with the line found only for a subject named.
            path = Path(sources[0])  # type: ignore[arg-type]
            names = sorted(columns.subjects())  # a set: sorted, the same findings each run
            odd = subject_findings(names, lambda wanted: first_lines(path, wanted))
            return run(columns, odd)
    except TooManyDigitsError:
        pass  # values (with targets) that a table cannot hold: read as objects
    loaded, noticed = gather_measurements(sources, framework.indicators, types, sheet=sheet)
    return run(MeasuredObjects(tuple(loaded), framework.indicators, types), noticed)


def _columnar(
    sources: Sequence[MeasurementSource],
    indicators: Sequence[Indicator],
    types: Mapping[str, MeasurementType],
) -> Measured | None:
    """One CSV file as a table (see :func:`~sociaaldomein.app.measured_table.columnar_table`);
    None sends it to the objects' path.

    :raises TooManyDigitsError: values a table cannot hold.
    """
    if len(sources) != 1 or isinstance(sources[0], Measurement):
        return None
    from sociaaldomein.app.measured_table import MeasuredTable, columnar_table

    table = columnar_table(sources[0], indicators, types)
    return None if table is None else MeasuredTable(table, indicators, types)


def _period(period: Period | str | None, measured: set[Period]) -> Period:
    if isinstance(period, Period):
        return period
    if period is not None:
        return Period.parse(period)
    if not measured:
        raise InvalidValueError(
            _("er zijn geen metingen, dus er is geen laatste periode; geef een periode")
        )
    return max(measured, key=latest_first)


def _assemble(
    framework: Framework,
    types: Mapping[str, MeasurementType],
    measured: Measured,
    subject: str,
    period: Period,
    references: Sequence[str],
    regions: str | os.PathLike[str] | Province | None,
) -> Accountability:
    indicators = framework.indicators
    groups = framework.reference_groups
    judged = measured.judge(subject, period, references, groups)
    others = measured.subjects() - {subject} - set(references)
    subjects = [subject, *sorted(others)]

    def force(indicator: Indicator, who: str, dims: tuple[tuple[str, str], ...] = ()) -> Evaluation:
        found = judged.in_force.get((indicator.id, who, dims))
        if found is not None:
            return found
        target = target_for(indicator, period, dims)
        return attrs.evolve(no_data(indicator.id, who, period, target=target), dimensions=dims)

    results = tuple(force(indicator, subject) for indicator in indicators)
    slices = tuple(
        force(indicator, subject, dims)
        for indicator in indicators
        if indicator.slices
        for key, dims in judged.slices
        if key == indicator.id and {name for name, _ in dims} <= set(indicator.slices)
    )

    def compared(indicator: Indicator, who: str) -> Evaluation:
        found = judged.compared.get((indicator.id, who))
        return found if found is not None else force(indicator, who)

    # Every subject's result beside the subject's: made when a reader (the
    # report's comparison) first asks, so that a run of the whole country
    # does not make a hundred thousand objects nobody reads.
    ids = {indicator.id for indicator in indicators}
    comparison: Mapping[tuple[str, str], Evaluation] = (
        LazyMapping(
            len(ids) * len(subjects),
            lambda: {(i.id, who): compared(i, who) for i in indicators for who in subjects},
        )
        if len(subjects) > 1
        else {}
    )
    own = measured.own(subject)
    findings = list(framework.findings)
    for indicator in indicators:
        missing = missing_in_period(indicator, own, period, subject)
        if missing is not None:
            findings.append(missing)
    # Duplicates, values that disagree with their fraction, periods outside the
    # plan, undeclared slices, impossible targets: named, never silently used.
    findings += measured.findings(framework.period, framework.consistency)
    findings += measured_names(groups, indicators, measured.subjects())
    province = _province(regions)
    return Accountability(
        title=framework.title,
        subject=subject,
        period=period,
        indicators=indicators,
        types=dict(types),
        results=results,
        evaluations=judged.evaluations,
        measurements=measured.measurements,
        subject_measurements=own,
        subject_evaluations=judged.own,
        slices=slices,
        subjects=tuple(subjects),
        references=tuple(references),
        # Each reference's own history, read once: a chart draws it as a line.
        reference_measurements=tuple(m for who in references for m in measured.own(who)),
        reference_values=measured.reference_values(references, period),
        reference_groups=groups,
        group_values=measured.group_values(groups, period) if groups else {},
        comparison=comparison,
        groups=framework.groups,
        by_prestatieveld=framework.by_prestatieveld,
        aggregates=tuple(measured.aggregates(province)) if province else (),
        region_of=province.region_of() if province else {},
        budget=framework.budget,
        phases=framework.phases,
        findings=tuple(findings),
        trend_thresholds=framework.trend_thresholds,
        set_id=framework.resolved.indicator_set.id if framework.resolved else "",
        set_version=framework.resolved.indicator_set.version if framework.resolved else "",
    )


def _province(regions: str | os.PathLike[str] | Province | None) -> Province | None:
    if regions is None:
        return None
    from sociaaldomein.model.parties import Province

    if isinstance(regions, Province):
        return regions
    from sociaaldomein.io.loading import load_toml

    return load_toml(regions, Province)
