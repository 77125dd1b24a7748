"""Meierijstad's subsidy assignment to its welfare cooperative, block B, as a plugin.

Supplies the set ``meierijstad`` (deelopdrachten 1a, 1b and 2 to 14 with
their result indicators) and a validation rule: Meierijstad asks for a
client-satisfaction grade of at least 8 in almost every deelopdracht, so a
satisfaction indicator without that target is worth a warning.
"""

from __future__ import annotations

from decimal import Decimal
from importlib.resources import files
from importlib.resources.abc import Traversable

from sociaaldomein import AtLeast, Finding, Indicator, IndicatorSet
from sociaaldomein.plugin import hookimpl

SET_ID = "meierijstad"
SATISFACTION_THEME = "klanttevredenheid"
SATISFACTION_GRADE = Decimal(8)


@hookimpl
def sociaaldomein_indicator_sets() -> list[Traversable]:
    return [files(__package__) / "meierijstad.toml"]


@hookimpl
def sociaaldomein_taxonomies() -> list[Traversable]:
    return [files(__package__) / "themas.toml"]


def _satisfaction_problem(indicator: Indicator) -> str | None:
    if indicator.measurement_type != "grade":
        return f"is measured as {indicator.measurement_type!r}, not as a grade"
    target = indicator.target
    if not isinstance(target, AtLeast):
        return "has no target 'a grade of at least 8'"
    if target.value < SATISFACTION_GRADE:
        return f"asks for a grade of at least {target.value}, below Meierijstad's 8"
    return None


@hookimpl
def sociaaldomein_validate(indicator_set: IndicatorSet) -> list[Finding]:
    """Every satisfaction indicator of a Meierijstad set asks for a grade of at least 8."""
    if not indicator_set.id.startswith(SET_ID):
        return []
    findings = []
    for assignment in indicator_set.assignments:
        for indicator in assignment.indicators:
            if SATISFACTION_THEME not in indicator.themes:
                continue
            problem = _satisfaction_problem(indicator)
            if problem:
                findings.append(
                    Finding(
                        "warning",
                        f"satisfaction indicator {problem}",
                        where=f"deelopdracht {assignment.code}: {indicator.id}",
                        rule="meierijstad.klanttevredenheid-8",
                    )
                )
    return findings
