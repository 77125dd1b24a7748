"""Validation that needs the plugins: the core checks, then every plugin's own rules."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from sociaaldomein.app.identity import Placed, identify, placed_file
from sociaaldomein.app.inputs import kind_of_document, read_measurement_file
from sociaaldomein.core.resolution import resolve_set
from sociaaldomein.core.validation import (
    check_consistency,
    check_indicators,
    check_measurements,
    check_plan,
    check_sources,
)
from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.findings import Finding, Severity
from sociaaldomein.model.consistency import ConsistencyRule
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.indicator_set import IndicatorSet
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.period import Period

if TYPE_CHECKING:
    from sociaaldomein.model.project import Project
    from sociaaldomein.plugin.manager import Plugins

__all__ = ["check_files", "validate_plan", "validate_set"]


def validate_set(indicator_set: IndicatorSet, plugins: Plugins) -> list[Finding]:
    """The core checks on a (resolved) set, then every plugin's own rules."""
    return (
        check_indicators(
            indicator_set.all_indicators(),
            plugins.measurement_types,
            groups=indicator_set.reference_groups,
        )
        + check_sources(indicator_set.all_indicators(), plugins.sources)
        + plugins.validate(indicator_set)
    )


def validate_plan(project: Project, plugins: Plugins) -> list[Finding]:
    """The core checks on a plan; plugin rules see its indicators as a set."""
    as_set = IndicatorSet(
        f"plan.{project.number}".lower().replace(" ", "-"),
        project.name,
        indicators=project.indicators,
    )
    return check_plan(project, plugins.measurement_types) + plugins.validate(as_set)


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
    plan_period: Period | None = None
    files = [Path(p) for p in paths]
    placed: list[Placed] = []
    if set_id is not None or set_file is not None:
        from sociaaldomein.app.framework import resolve_local_set

        where = str(set_file) if set_file is not None else f"set {set_id}"
        try:
            flat = resolve_local_set(plugins, set_id, set_file).indicator_set
            indicators.update({i.id: i for i in flat.all_indicators()})
            consistency += flat.consistency
            findings += [attrs.evolve(f, file=where) for f in validate_set(flat, plugins)]
        except SociaaldomeinError as error:
            findings += _file_findings(error, where)
    # Plans and sets first, so that measurement files are checked against them.
    for path in sorted(files, key=lambda p: p.suffix.lower() != ".toml"):
        try:
            if path.suffix.lower() != ".toml":
                if not indicators:
                    findings.append(
                        Finding(
                            Severity.ERROR,
                            "measurements can only be checked against a set or plan; give"
                            " --set, --set-file or a plan or set TOML file",
                            file=str(path),
                        )
                    )
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
                found = validate_plan(plan, plugins)
            elif kind == "set":
                loaded = structure(data, IndicatorSet, file=str(path))
                # A local set is checked as it resolves against the installed base sets.
                known = {key: value.indicator_set for key, value in plugins.sets.items()}
                flat = resolve_set(loaded.id, {**known, loaded.id: loaded}).indicator_set
                indicators.update({i.id: i for i in flat.all_indicators()})
                consistency += flat.consistency
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
    # One identity across the files: a measurement in two of them is an error
    # naming both; revisions are one history; odd subject spellings are named.
    identified = identify(placed)
    if consistency and not identified.duplicates:
        # The set's rules hold between the files of a run, as account_for applies
        # them: a rule's two indicators may well come from two files.
        findings += _consistency(consistency, identified.measurements, placed, plugins, indicators)
    return [*findings, *identified.duplicates, *identified.findings]


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
