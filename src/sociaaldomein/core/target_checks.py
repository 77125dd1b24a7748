"""Checks of one indicator's targets that the model alone cannot refuse.

Each is a finding rather than an exception, so that ``validate`` lists them
all with their key paths; :func:`~sociaaldomein.core.validation.check_indicators`
runs them for every indicator of a set or plan.
"""

from __future__ import annotations

from sociaaldomein.findings import Finding, Severity
from sociaaldomein.model.formula import written, zero_divisors
from sociaaldomein.model.indicator import Indicator, _implied_direction
from sociaaldomein.model.target import Fallback
from sociaaldomein.text.language import _

__all__ = ["target_findings"]


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
