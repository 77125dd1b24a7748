"""Checks of one indicator's targets that the model alone cannot refuse.

Each is a finding rather than an exception, so that ``validate`` lists them
all with their key paths; :func:`~sociaaldomein.core.validation.check_indicators`
runs them for every indicator of a set or plan.
"""

from __future__ import annotations

from collections.abc import Mapping

from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.findings import Finding, Severity
from sociaaldomein.model.formula import written, zero_divisors
from sociaaldomein.model.indicator import Indicator, _implied_direction
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period
from sociaaldomein.model.target import Change, Direction, Fallback, Reference, Target
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import as_decimal, format_number

__all__ = [
    "baseline_changes",
    "changed_from",
    "impossible_targets",
    "measurement_place",
    "target_findings",
    "target_paths",
]


def target_findings(indicator: Indicator, place: str) -> list[Finding]:
    """Errors where an indicator's targets cannot mean one thing, at ``place`` and below.

    A fallback target pointing the other way from the indicator's direction
    (at least 8, fallback at most 5); a schedule key spanning more than one
    budget year (a year's measurement never falls in it, and the plain target
    would be used without a word); a formula dividing by something that is 0
    whatever its inputs (``value(a) / 0``, ``/ (2 - 2)``, ``/ (0 * value(b))``).
    """
    findings = []
    good = indicator.good_direction
    if isinstance(indicator.tolerance, Fallback):
        way = _implied_direction(indicator.tolerance.target)
        if way is not None and good is not None and way is not good:
            findings.append(
                Finding(
                    Severity.ERROR,
                    _(
                        "de ondergrens (fallback) wijst de andere kant op dan het doel: hij vraagt"
                        " om {way}, de indicator is {good}; een ondergrens is een zwakker doel in"
                        " dezelfde richting (zoals at_least 6 onder at_least 8)"
                    ).format(way=way.value, good=good.value),
                    f"{place}.tolerance.target",
                )
            )
    for period, _target in indicator.schedule:
        if period.start.year != period.end.year:
            findings.append(
                Finding(
                    Severity.ERROR,
                    _(
                        "de sleutel {period} ({dutch}) van schedule beslaat meer dan een"
                        " begrotingsjaar: geen meting van een enkel jaar valt erin, dus het gewone"
                        " doel zou worden gebruikt; geef een sleutel per begrotingsjaar (2024,"
                        " 2024-H1)"
                    ).format(period=period, dutch=period.dutch()),
                    f"{place}.schedule.{period}",
                )
            )
    if indicator.formula is not None:
        for divisor in zero_divisors(indicator.formula.tree):
            findings.append(
                Finding(
                    Severity.ERROR,
                    _(
                        "formule {formula!r} deelt door {divisor}, dat 0 is wat de invoer ook is:"
                        " hij geeft nooit een waarde"
                    ).format(formula=indicator.formula.text, divisor=written(divisor)),
                    f"{place}.formula",
                )
            )
    return findings


def target_paths(indicator: Indicator) -> list[tuple[str, Target | None]]:
    """Every target of ``indicator`` with its key path below the indicator.

    ``target``, the fallback's ``tolerance.target``, ``schedule.<period>``
    and ``slice_targets[<n>].target``: where a check names what it found.
    """
    targets: list[tuple[str, Target | None]] = [("target", indicator.target)]
    if isinstance(indicator.tolerance, Fallback):
        targets.append(("tolerance.target", indicator.tolerance.target))
    targets += [(f"schedule.{period}", target) for period, target in indicator.schedule]
    targets += [
        (f"slice_targets[{number}].target", entry.target)
        for number, entry in enumerate(indicator.slice_targets)
    ]
    return targets


def measurement_place(m: Measurement) -> str:
    """Where a finding on a measurement is: ``bereik Oss 2024 leeftijd=12-17``."""
    return f"{m.indicator} {m.subject} {m.period}" + "".join(f" {k}={v}" for k, v in m.dimensions)


def impossible_targets(
    rows: list[Measurement], by_id: Mapping[str, Indicator], types: Mapping[str, MeasurementType]
) -> list[Finding]:
    """Errors where a change target asks beyond its type's limit, or a relative one of 0."""
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
                    _(
                        "een relatieve verandering op een nulmeting van 0 is niet te beoordelen:"
                        " elk percentage van 0 is 0; geef de verandering in de eigen eenheid van"
                        " de maat (relative = false) of een nulmetingsperiode met een waarde"
                    ),
                    measurement_place(m),
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
                        _(
                            "het doel vraagt {asked} vanaf een nulmeting van {baseline}, voorbij"
                            " de grens van {limit} van {name}: het is niet te halen"
                        ).format(
                            asked=format_number(asked),
                            baseline=format_number(baseline),
                            name=measurement_type.name,
                            limit=format_number(limit),
                        ),
                        measurement_place(m),
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
