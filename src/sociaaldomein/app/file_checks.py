"""``validate`` for files: plans, sets, portfolios and measurement files, each with its file."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from sociaaldomein.app.checks import validate_plan, validate_set
from sociaaldomein.app.framework import resolve_local_set
from sociaaldomein.app.identity import (
    Placed,
    first_lines,
    identify,
    placed_file,
    subject_findings,
)
from sociaaldomein.app.inputs import kind_of_document, read_measurement_file
from sociaaldomein.app.measured_table import MeasuredTable, columnar_table
from sociaaldomein.core.group_checks import measured_names
from sociaaldomein.core.resolution import resolve_set
from sociaaldomein.core.validation import check_consistency, check_measurements, check_plan
from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.findings import Finding, Severity
from sociaaldomein.model.consistency import ConsistencyRule
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.indicator_set import IndicatorSet
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period
from sociaaldomein.model.reference_group import ReferenceGroup
from sociaaldomein.table.measurements import MeasurementTable
from sociaaldomein.table.schema import TooManyDigitsError
from sociaaldomein.text.language import _

if TYPE_CHECKING:
    from sociaaldomein.plugin.manager import Plugins

__all__ = ["check_files"]


def _file_findings(error: SociaaldomeinError, file: str) -> list[Finding]:
    problems = getattr(error, "problems", None)
    if problems:
        return [
            Finding(Severity.ERROR, problem.message, problem.where, file=problem.file)
            for problem in problems
        ]
    return [Finding(Severity.ERROR, str(error), file=file)]


def check_files(
    paths: Iterable[str | os.PathLike[str]],
    plugins: Plugins,
    *,
    set_id: str | None = None,
    set_file: str | os.PathLike[str] | None = None,
) -> list[Finding]:
    """Every problem in plans, sets, portfolios and measurement files, each with its file.

    Measurements are checked against the set (``set_id``, ``set_file`` or a
    set among ``paths``, resolved with what it inherits) or the plan among
    ``paths``: unknown indicators, values their type does not allow, and
    the set's consistency rules. Measurements with neither are an error.
    A set named by ``set_id`` or ``set_file`` that cannot be resolved is the
    only finding: the files are not checked against a set that is not there.
    A measurement given in two files is an error naming both files and
    lines, unless both rows declare a revision (see
    :mod:`sociaaldomein.app.identity`).
    """
    from sociaaldomein.io.converter import structure
    from sociaaldomein.io.loading import read_toml
    from sociaaldomein.model.project import Portfolio, Project

    findings: list[Finding] = []
    indicators: dict[str, Indicator] = {}
    consistency: list[ConsistencyRule] = []
    groups: dict[str, ReferenceGroup] = {}
    plan_period: Period | None = None
    files = [Path(p) for p in paths]
    measurement_files = [path for path in files if path.suffix.lower() != ".toml"]
    placed: list[Placed] = []
    columnar: tuple[Path, MeasurementTable] | None = None
    if set_id is not None or set_file is not None:
        where = str(set_file) if set_file is not None else f"set {set_id}"
        try:
            flat = resolve_local_set(plugins, set_id, set_file).indicator_set
            indicators.update({i.id: i for i in flat.all_indicators()})
            consistency += flat.consistency
            groups.update({g.name: g for g in flat.reference_groups})
            findings += [attrs.evolve(f, file=where) for f in validate_set(flat, plugins)]
        except SociaaldomeinError as error:
            # Without the set nothing can be checked against it: this one error says
            # what to fix, where every measurement as "unknown indicator" would mislead.
            return _file_findings(error, where)
    # Plans and sets first, so that measurement files are checked against them.
    for path in sorted(files, key=lambda p: p.suffix.lower() != ".toml"):
        try:
            if path.suffix.lower() != ".toml":
                if not indicators:  # (read as objects, which say what is in the file)
                    findings.append(
                        Finding(
                            Severity.ERROR,
                            _(
                                "metingen zijn alleen te controleren tegen een set of plan; geef"
                                " --set, --set-file of een plan of set in TOML"
                            ),
                            file=str(path),
                        )
                    )
                elif len(measurement_files) == 1:
                    table = _table(path, indicators, plugins.measurement_types)
                    if table is not None:
                        columnar = (path, table)
                        continue
                read = read_measurement_file(
                    path, indicators=indicators or None, types=plugins.measurement_types
                )
                placed.append(placed_file(read))
                findings += read.findings
                measurements = read.measurements
                found = check_measurements(
                    measurements, indicators, plugins.measurement_types, period=plan_period
                )
                findings += [attrs.evolve(f, file=str(path)) for f in found]
                continue
            data = read_toml(path)  # read once, then structured as what its keys say
            kind = kind_of_document(data)
            if kind == "plan":
                plan = structure(data, Project, file=str(path))
                plan_period = plan.period
                indicators.update({i.id: i for i in plan.indicators})
                groups.update({g.name: g for g in plan.reference_groups})
                found = validate_plan(plan, plugins)
            elif kind == "set":
                loaded = structure(data, IndicatorSet, file=str(path))
                # A local set is checked as it resolves against the installed base sets.
                known = {key: value.indicator_set for key, value in plugins.sets.items()}
                flat = resolve_set(loaded.id, {**known, loaded.id: loaded}).indicator_set
                indicators.update({i.id: i for i in flat.all_indicators()})
                consistency += flat.consistency
                groups.update({g.name: g for g in flat.reference_groups})
                found = validate_set(flat, plugins)
            else:
                portfolio = structure(data, Portfolio, file=str(path))
                found = [
                    attrs.evolve(finding, where=f"projects[{index}].{finding.where}")
                    for index, project in enumerate(portfolio.projects)
                    for finding in check_plan(project, plugins.measurement_types)
                ]
            findings += [attrs.evolve(f, file=str(path)) for f in found]
        except SociaaldomeinError as error:
            findings += _file_findings(error, str(path))
    if columnar is not None:
        # The one measurement file, read as columns: the findings the objects would give.
        return [
            *findings,
            *_table_findings(*columnar, plugins, indicators, plan_period, consistency, groups),
        ]
    # One identity across the files: a measurement in two of them is an error
    # naming both; revisions are one history; odd subject spellings are named.
    identified = identify(placed)
    if consistency and not identified.duplicates:
        # The set's rules hold between the files of a run, as account_for applies
        # them: a rule's two indicators may well come from two files.
        findings += _consistency(consistency, identified.measurements, placed, plugins, indicators)
    if placed:
        subjects = {m.subject for m in identified.measurements}
        findings += _names(groups, indicators, subjects, ", ".join(s.file for s in placed))
    return [*findings, *identified.duplicates, *identified.findings]


def _names(
    groups: Mapping[str, ReferenceGroup],
    indicators: Mapping[str, Indicator],
    subjects: Collection[str],
    measured: str | os.PathLike[str],
) -> list[Finding]:
    """:func:`measured_names` as evaluate and report find them, each naming the files.

    Without a measurement there is nothing to check names against.
    """
    found = measured_names(groups.values(), indicators.values(), subjects)
    return [attrs.evolve(f, file=str(measured)) for f in found]


def _consistency(
    rules: Sequence[ConsistencyRule],
    measurements: Sequence[Measurement],
    placed: Sequence[Placed],
    plugins: Plugins,
    indicators: Mapping[str, Indicator],
) -> list[Finding]:
    """check_consistency over every file's values in force, each finding with the
    files holding that subject, period and slice (``where`` is written that way)."""
    files: dict[str, dict[str, None]] = {}
    for source in placed:
        for row in source.rows:
            key = f"{row.subject} {row.period}" + "".join(f" {k}={v}" for k, v in row.dimensions)
            files.setdefault(key, {})[source.file] = None
    every = ", ".join(dict.fromkeys(source.file for source in placed))
    found = check_consistency(rules, measurements, plugins.measurement_types, indicators)
    return [attrs.evolve(f, file=", ".join(files.get(f.where, {every: None}))) for f in found]


def _table(
    path: Path, indicators: Mapping[str, Indicator], types: Mapping[str, MeasurementType]
) -> MeasurementTable | None:
    """The one measurement file of a check as a table, where it is large and the
    table reader reads it whole (:func:`columnar_table`); None: read it as objects."""
    try:
        return columnar_table(path, list(indicators.values()), types)
    except TooManyDigitsError:
        return None  # values a table cannot hold: objects hold them
    except SociaaldomeinError:
        return None  # a wrong header: the scalar reader names it, as for any file


def _table_findings(
    path: Path,
    table: MeasurementTable,
    plugins: Plugins,
    indicators: Mapping[str, Indicator],
    period: Period | None,
    consistency: Sequence[ConsistencyRule],
    groups: Mapping[str, ReferenceGroup],
) -> list[Finding]:
    """What :func:`check_files` finds in one file read as a table, in its order.

    The table reader has refused what ``read_measurement_file`` would note or
    raise (another encoding, revisions, a bad row, a duplicate), so this is
    :func:`check_measurements` and the consistency rules (``account_for``'s
    findings of a table, each in this file), then the odd subject spellings,
    with the line each subject is first given on.
    """
    measured = MeasuredTable(table, list(indicators.values()), plugins.measurement_types)
    found = measured.findings(period, consistency)
    spellings = subject_findings(table.subjects_as_read(), lambda names: first_lines(path, names))
    names = _names(groups, indicators, measured.subjects(), path)
    return [*(attrs.evolve(f, file=str(path)) for f in found), *spellings, *names]
