"""Checks that need more than one object: indicators against their measurement types,
a plan's dates against each other, and every plugin's own rules.

Each check returns findings rather than raising, so that a report can show
all of them; an ``error`` finding makes validation fail, a ``warning`` does not.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal

from sociaaldomein.core.groups import check_groups
from sociaaldomein.core.target_checks import target_findings, target_paths
from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.findings import Finding, Severity
from sociaaldomein.model.consistency import ConsistencyRule, Missing, NotAbove, Together
from sociaaldomein.model.indicator import Accumulation, Indicator
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.measurement_type import MeasurementType, ValueKind
from sociaaldomein.model.period import Period
from sociaaldomein.model.project import Project
from sociaaldomein.model.revisions import duplicate_pairs
from sociaaldomein.model.target import (
    AtLeast,
    AtMost,
    Between,
    Change,
    CountPerPeriod,
    Direction,
    Fallback,
    Reference,
    Target,
)
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import as_decimal, format_number
from sociaaldomein.text.suggest import unknown_name

__all__ = [
    "baseline_changes",
    "changed_from",
    "check_consistency",
    "check_indicators",
    "check_measurements",
    "check_plan",
    "check_sources",
]


def _target_values(target: Target | None) -> list[tuple[str, Decimal]]:
    if isinstance(target, AtLeast | AtMost):
        return [("value", target.value)]
    if isinstance(target, Between):
        return [("low", target.low), ("high", target.high)]
    return []


def check_indicators(
    indicators: Iterable[Indicator], types: Mapping[str, MeasurementType], *, where: str = ""
) -> list[Finding]:
    """Each indicator's measurement type exists and its target values are valid for it.

    Derived indicators must read indicators among ``indicators``, and not
    each other in a cycle.
    """
    indicators = list(indicators)
    findings = _formula_findings(indicators, types, where)
    for indicator in indicators:
        place = f"{where}{indicator.id}"
        if indicator.measurement_type not in types:
            name = indicator.measurement_type
            message = _("onbekend meettype {name}").format(name=repr(name))
            known_as = _("bekende meettypen")
            findings.append(
                Finding(
                    Severity.ERROR, unknown_name(message, name, types, known_as=known_as), place
                )
            )
            continue
        measurement_type = types[indicator.measurement_type]
        if indicator.accumulation is Accumulation.SUM and not measurement_type.additive:
            findings.append(
                Finding(
                    Severity.ERROR,
                    f"{measurement_type.name} values do not add up; accumulation 'sum' needs a"
                    " count, amount or hours (use 'running_total' for year-to-date figures)",
                    f"{place}.accumulation",
                )
            )
        findings += target_findings(indicator, place)
        for path, target in target_paths(indicator):
            if isinstance(target, CountPerPeriod) and measurement_type.kind is not ValueKind.NUMBER:
                findings.append(
                    Finding(
                        Severity.ERROR,
                        f"a count target needs a numeric type, not {measurement_type.name!r}",
                        f"{place}.{path}",
                    )
                )
            for key, value in _target_values(target):
                try:
                    measurement_type.validate(value)
                except SociaaldomeinError as error:
                    findings.append(Finding(Severity.ERROR, str(error), f"{place}.{path}.{key}"))
    return findings


def _formula_findings(
    indicators: list[Indicator], types: Mapping[str, MeasurementType], where: str
) -> list[Finding]:
    from sociaaldomein.core.derived import check_formulas

    if all(indicator.formula is None for indicator in indicators):
        return []
    try:
        check_formulas(indicators, types)
    except SociaaldomeinError as error:
        return [Finding(Severity.ERROR, str(error), f"{where}formula")]
    return []


def check_plan(project: Project, types: Mapping[str, MeasurementType]) -> list[Finding]:
    """The plan's indicators, and whether its own dates agree with each other."""
    findings = check_indicators(project.indicators, types, where="indicators: ")
    findings += check_groups(project.indicators, types, project.reference_groups, "indicators: ")
    period = project.period
    budget = project.budget
    if period is not None and budget is not None and budget.period != period:
        findings.append(
            Finding(
                Severity.WARNING,
                f"the budget covers {budget.period.dutch()}, but the project runs {period.dutch()}",
                "budget.period",
            )
        )
    if period is not None:
        for number, phase in enumerate(project.phases):
            moments = (
                [("period", phase.period)]
                + [(f"milestones[{i}]", m.due) for i, m in enumerate(phase.milestones)]
                + [(f"evaluations[{i}]", e.due) for i, e in enumerate(phase.evaluations)]
            )
            for path, when in moments:
                if when is not None and not period.overlaps(when):
                    findings.append(
                        Finding(
                            Severity.WARNING,
                            f"{when.dutch()} lies outside the project period {period.dutch()}",
                            f"phases[{number}].{path}",
                        )
                    )
    return findings


def check_consistency(
    rules: Iterable[ConsistencyRule],
    measurements: Iterable[Measurement],
    types: Mapping[str, MeasurementType],
    indicators: Mapping[str, Indicator],
) -> list[Finding]:
    """Findings where measurements of one subject, period and slice break a set's rules.

    A ``not_above`` rule between indicators that are not both numbers is
    itself an error, named once, and not applied.
    """
    values: dict[tuple[str, str, tuple[tuple[str, str], ...]], dict[str, Measurement]] = {}
    for m in measurements:
        values.setdefault((m.subject, str(m.period), m.dimensions), {})[m.indicator] = m
    findings = []
    for rule in rules:
        if isinstance(rule, NotAbove):
            unfit = _not_numbers(rule, types, indicators)
            if unfit:
                findings.append(unfit)
                continue
        for (subject, period, dimensions), found in sorted(values.items()):
            where = f"{subject} {period}" + "".join(f" {k}={v}" for k, v in dimensions)
            if isinstance(rule, Together):
                present = [key for key in rule.indicators if key in found]
                if len(present) == 1 and rule.missing is Missing.REPORT:
                    absent = next(key for key in rule.indicators if key not in found)
                    findings.append(
                        Finding(
                            Severity.ERROR,
                            f"{present[0]} is measured but {absent} is not; the set asks for both",
                            where,
                            "consistency.together",
                        )
                    )
                continue
            assert isinstance(rule, NotAbove)
            if rule.indicator not in found and rule.limit not in found:
                continue
            if rule.indicator not in found or rule.limit not in found:
                if rule.missing is Missing.REPORT:
                    absent = rule.limit if rule.indicator in found else rule.indicator
                    findings.append(
                        Finding(
                            Severity.WARNING,
                            f"{absent} is missing, so {rule.indicator} <="
                            f" {rule.limit} cannot be checked",
                            where,
                            "consistency.not_above",
                        )
                    )
                continue
            if not (found[rule.indicator].known and found[rule.limit].known):
                continue  # a value that is not known is reported as no_data, not compared
            value, limit = (
                as_decimal(found[key].value_as(types[indicators[key].measurement_type]))  # type: ignore[arg-type]
                for key in (rule.indicator, rule.limit)
            )
            if value > limit:
                findings.append(
                    Finding(
                        Severity.ERROR,
                        f"{rule.indicator} ({value}) is above {rule.limit} ({limit})",
                        where,
                        "consistency.not_above",
                    )
                )
    return findings


def _not_numbers(
    rule: NotAbove, types: Mapping[str, MeasurementType], indicators: Mapping[str, Indicator]
) -> Finding | None:
    """An error where a ``not_above`` rule names an indicator that is not a known number."""
    for key in (rule.indicator, rule.limit):
        indicator = indicators.get(key)
        kind = types.get(indicator.measurement_type) if indicator else None
        if kind is None or not kind.numeric:
            what = f"of type {kind.name}" if kind else "not a known indicator"
            return Finding(
                Severity.ERROR,
                f"{rule.indicator} <= {rule.limit} compares numbers, but {key} is {what};"
                " the rule is not applied",
                "consistency",
                "consistency.not_above",
            )
    return None


def _where(m: Measurement) -> str:
    return f"{m.indicator} {m.subject} {m.period}" + "".join(f" {k}={v}" for k, v in m.dimensions)


def check_measurements(
    measurements: Iterable[Measurement],
    indicators: Mapping[str, Indicator] | Iterable[Indicator],
    types: Mapping[str, MeasurementType],
    *,
    period: Period | None = None,
) -> list[Finding]:
    """What is wrong with measurements, whatever their source, short of raising.

    - error: an unknown indicator; two measurements of one indicator, subject,
      period and slice that are not declared revisions (both are named); a
      value invalid for its type or disagreeing with its numerator and
      denominator; a change target the baseline makes impossible
      (+10% on 97,8% asks 107,58%, beyond the percentage's 100); a relative
      change on a baseline of 0 (any percentage of 0 is 0);
    - warning: a period outside ``period`` (the plan's or the reporting
      period), and a slice of a dimension the indicator does not declare
      in ``slices`` (the report would not show it).
    """
    rows = list(measurements)
    by_id = (
        dict(indicators)
        if isinstance(indicators, Mapping)
        else {indicator.id: indicator for indicator in indicators}
    )
    findings = []
    for first, later in duplicate_pairs(rows):
        findings.append(
            Finding(
                Severity.ERROR,
                f"given twice (measurements {first + 1} and {later + 1}); remove one, or give"
                " both a revision or an as_of date",
                _where(rows[later]),
                "measurements.duplicate",
            )
        )
    for m in rows:
        indicator = by_id.get(m.indicator)
        if indicator is None:
            findings.append(
                Finding(Severity.ERROR, "unknown indicator", _where(m), "measurements.indicator")
            )
            continue
        if indicator.measurement_type in types:
            try:
                m.check(types[indicator.measurement_type])
            except SociaaldomeinError as error:
                findings.append(
                    Finding(Severity.ERROR, str(error), _where(m), "measurements.value")
                )
        if period is not None and not period.overlaps(m.period):
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"{m.period.dutch()} lies outside the period {period.dutch()}",
                    _where(m),
                    "measurements.period",
                )
            )
        undeclared = [key for key, _ in m.dimensions if key not in indicator.slices]
        if undeclared:
            declared = ", ".join(indicator.slices) or "none"
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"a slice by {', '.join(undeclared)}, which the indicator does not declare"
                    f" (slices: {declared}); the report does not show it",
                    _where(m),
                    "measurements.slice",
                )
            )
    return findings + _impossible_targets(rows, by_id, types)


def _impossible_targets(
    rows: list[Measurement], by_id: Mapping[str, Indicator], types: Mapping[str, MeasurementType]
) -> list[Finding]:
    findings = []
    # Per indicator, not per row: a country has thousands of rows per indicator.
    changed = {key: changed_from(indicator) for key, indicator in by_id.items()}
    changes_of: dict[str, list[Change]] = {}
    for m in rows:
        indicator = by_id.get(m.indicator)
        if (
            indicator is None
            or m.period != changed[m.indicator]
            or indicator.measurement_type not in types
        ):
            continue
        measurement_type = types[indicator.measurement_type]
        direction = indicator.good_direction
        try:
            baseline = as_decimal(m.check(measurement_type))  # type: ignore[arg-type]
        except (SociaaldomeinError, TypeError):
            continue  # reported above
        changes = changes_of.get(m.indicator)
        if changes is None:
            changes = changes_of[m.indicator] = baseline_changes(indicator)
        if baseline == 0 and any(target.relative for target in changes):
            findings.append(
                Finding(
                    Severity.ERROR,
                    "a relative change on a baseline of 0 cannot be judged: any percentage of 0"
                    " is 0; give the change in the measure's own unit (relative = false) or"
                    " a baseline period with a value",
                    _where(m),
                    "targets.zero_baseline",
                )
            )
        for target in changes:
            asked = target.threshold(baseline)
            limit = (
                measurement_type.maximum
                if direction is Direction.HIGHER_IS_BETTER
                else measurement_type.minimum
            )
            if limit is not None and (asked - limit) * (direction.sign if direction else 1) > 0:
                findings.append(
                    Finding(
                        Severity.ERROR,
                        f"the target asks {format_number(asked)} from a baseline of"
                        f" {format_number(baseline)}, beyond the {measurement_type.name}'s"
                        f" limit of {format_number(limit)}: it cannot be met",
                        _where(m),
                        "targets.impossible",
                    )
                )
    return findings


def baseline_changes(indicator: Indicator) -> list[Change]:
    """Every change against the baseline among an indicator's targets (scheduled, per slice
    and the fallback included)."""
    targets = list(indicator.all_targets())
    if isinstance(indicator.tolerance, Fallback):
        targets.append(indicator.tolerance.target)
    changes = [t for t in targets if isinstance(t, Change) and t.against is Reference.BASELINE]
    return list(dict.fromkeys(changes))  # one finding for a change given twice


def changed_from(indicator: Indicator) -> Period | None:
    """The baseline period a change target counts from (and may ask the impossible of).

    None where no target (scheduled, per slice or fallback) is a change against the baseline.
    """
    return indicator.baseline_period if baseline_changes(indicator) else None


def check_sources(indicators: Iterable[Indicator], known: Collection[str]) -> list[Finding]:
    """Each indicator's ``fetch`` names a ``known`` source.

    A warning, not an error: the set stays usable; only fetching its figures
    needs the plugin that supplies the source.
    """
    return [
        Finding(
            Severity.WARNING,
            f"fetch.source {indicator.fetch.source!r} is not a known source; known:"
            f" {', '.join(known) or '(none)'}",
            f"{indicator.id}.fetch",
        )
        for indicator in indicators
        if indicator.fetch is not None and indicator.fetch.source not in known
    ]
