"""Checks of one indicator's targets that the model alone cannot refuse.

Each is a finding rather than an exception, so that ``validate`` lists them
all with their key paths; :func:`~sociaaldomein.core.validation.check_indicators`
runs them for every indicator of a set or plan.
"""

from __future__ import annotations

from sociaaldomein.findings import Finding, Severity
from sociaaldomein.model.formula import written, zero_divisors
from sociaaldomein.model.indicator import Indicator, _implied_direction
from sociaaldomein.model.target import Fallback, Target

__all__ = ["target_findings", "target_paths"]


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
                    f"the fallback target points the other way from the target: it asks for"
                    f" {way.value}, the indicator is {good.value}; a fallback is a weaker target"
                    " the same way (such as at_least 6 under at_least 8)",
                    f"{place}.tolerance.target",
                )
            )
    for period, _ in indicator.schedule:
        if period.start.year != period.end.year:
            findings.append(
                Finding(
                    Severity.ERROR,
                    f"the schedule key {period} ({period.dutch()}) spans more than one budget"
                    " year: no measurement of a single year falls in it, so the plain target"
                    " would be used instead; give a key per budget year (2024, 2024-H1)",
                    f"{place}.schedule.{period}",
                )
            )
    if indicator.formula is not None:
        for divisor in zero_divisors(indicator.formula.tree):
            findings.append(
                Finding(
                    Severity.ERROR,
                    f"formula {indicator.formula.text!r} divides by {written(divisor)}, which is"
                    " 0 whatever the inputs: it never gives a value",
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
