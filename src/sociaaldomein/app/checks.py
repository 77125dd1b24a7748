"""Validation that needs the plugins: the core checks, then every plugin's own rules.

Of one set or plan; files are checked in :mod:`sociaaldomein.app.file_checks`,
which uses these through :mod:`sociaaldomein.app.framework`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sociaaldomein.core.groups import check_groups
from sociaaldomein.core.mapping_checks import check_fetch_units
from sociaaldomein.core.validation import (
    check_indicators,
    check_plan,
    check_sources,
)
from sociaaldomein.findings import Finding
from sociaaldomein.model.indicator_set import IndicatorSet

if TYPE_CHECKING:
    from sociaaldomein.model.project import Project
    from sociaaldomein.plugin.manager import Plugins

__all__ = ["validate_plan", "validate_set"]


def validate_set(indicator_set: IndicatorSet, plugins: Plugins) -> list[Finding]:
    """The core checks on a (resolved) set, then every plugin's own rules."""
    return (
        check_indicators(indicator_set.all_indicators(), plugins.measurement_types)
        + check_groups(
            indicator_set.all_indicators(),
            plugins.measurement_types,
            indicator_set.reference_groups,
        )
        + check_sources(indicator_set.all_indicators(), plugins.sources)
        + check_fetch_units(indicator_set.all_indicators(), plugins.measurement_types)
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
