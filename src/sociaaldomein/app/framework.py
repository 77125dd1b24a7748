"""What is accounted for: an installed set, a set in a TOML file, or a project plan.

:func:`load_framework` turns any of the three into one :class:`Framework`:
the indicators, the sections the report groups them in, and what a plan adds
(budget, phases). A set file may extend an installed set; it resolves with
provenance like any plugin set.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from sociaaldomein.app.checks import validate_plan, validate_set
from sociaaldomein.core.budgets import BudgetSummary, summarise_budget
from sociaaldomein.core.resolution import ResolvedSet, resolve_set
from sociaaldomein.errors import UnknownNameError
from sociaaldomein.findings import Finding
from sociaaldomein.model.consistency import ConsistencyRule
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.period import Period
from sociaaldomein.model.project import Phase, Project
from sociaaldomein.model.reference_group import ReferenceGroup
from sociaaldomein.model.taxonomy import tags_of
from sociaaldomein.model.trend_thresholds import TrendThresholds
from sociaaldomein.text.language import _
from sociaaldomein.text.suggest import unknown_name

if TYPE_CHECKING:
    from sociaaldomein.plugin.manager import Plugins

__all__ = ["Framework", "load_framework", "resolve_local_set", "theme_groups"]


@attrs.frozen
class Framework:
    """A set or plan, ready to account for.

    :param groups: sections besides the prestatievelden, as (heading,
        indicator ids): a set's assignments, or a taxonomy's themes.
    :param findings: what validating the set or plan found.
    :param resolved: the resolved set with provenance, for a set.
    :param reference_groups: the set's or plan's groups of municipalities,
        compared with as reference subjects.
    """

    title: str
    indicators: tuple[Indicator, ...]
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    inherited_tags: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    budget: BudgetSummary | None = None
    phases: tuple[Phase, ...] = ()
    findings: tuple[Finding, ...] = ()
    consistency: tuple[ConsistencyRule, ...] = ()
    trend_thresholds: TrendThresholds | None = None
    resolved: ResolvedSet | None = None
    by_prestatieveld: bool = True
    period: Period | None = None
    reference_groups: tuple[ReferenceGroup, ...] = ()


def resolve_local_set(
    plugins: Plugins, set_id: str | None = None, set_file: str | os.PathLike[str] | None = None
) -> ResolvedSet:
    """Resolve an installed set, or a set in a TOML file that may extend installed ones.

    With both, ``set_id`` is resolved with the file's set among the installed ones.

    :raises SetError: an unknown set or base, a cycle, an unknown override.
    :raises LoadError: the file is not a valid set.
    """
    if set_file is None:
        if set_id is None:
            raise TypeError("resolve_local_set() needs set_id or set_file")
        return plugins.resolve(set_id)
    from sociaaldomein.io.loading import load_set

    local = load_set(set_file)
    known = {key: provided.indicator_set for key, provided in plugins.sets.items()}
    return resolve_set(set_id or local.id, {**known, local.id: local})


def _from_set(plugins: Plugins, resolved: ResolvedSet) -> Framework:
    flat = resolved.indicator_set
    assignments = flat.assignments
    return Framework(
        title=flat.name,
        indicators=tuple(flat.all_indicators()),
        groups=tuple(
            (f"Deelopdracht {a.code}: {a.title}", tuple(i.id for i in a.indicators))
            for a in assignments
        ),
        inherited_tags={i.id: tags_of(a) for a in assignments for i in a.indicators},
        findings=tuple(validate_set(flat, plugins)),
        consistency=flat.consistency,
        trend_thresholds=flat.trend_thresholds,
        resolved=resolved,
        reference_groups=flat.reference_groups,
    )


def _from_plan(plugins: Plugins, plan: Project) -> Framework:
    return Framework(
        title=plan.name,
        indicators=plan.indicators,
        budget=summarise_budget(plan.budget) if plan.budget else None,
        phases=plan.phases,
        findings=tuple(validate_plan(plan, plugins)),
        period=plan.period,
        reference_groups=plan.reference_groups,
    )


def load_framework(
    plugins: Plugins,
    *,
    set_id: str | None = None,
    set_file: str | os.PathLike[str] | None = None,
    plan: str | os.PathLike[str] | Project | None = None,
    taxonomy: str | None = None,
) -> Framework:
    """The set (installed or in a file) or plan to account for, validated.

    :param taxonomy: a taxonomy id: sections per top-level theme instead of
        per prestatieveld and assignment. Without it, the taxonomy the set
        names (its ``taxonomy`` key, inherited through ``extends``) is used.
    :raises TypeError: neither or both of a set and a plan are given.
    """
    if (plan is None) == (set_id is None and set_file is None):
        raise TypeError("load_framework() needs a set (set_id or set_file) or a plan, not both")
    if plan is not None:
        if not isinstance(plan, Project):
            from sociaaldomein.io.loading import load_plan

            plan = load_plan(Path(plan))
        framework = _from_plan(plugins, plan)
    else:
        framework = _from_set(plugins, resolve_local_set(plugins, set_id, set_file))
        if taxonomy is None and framework.resolved is not None:
            taxonomy = framework.resolved.indicator_set.taxonomy
    if taxonomy is not None:
        framework = attrs.evolve(
            framework,
            groups=theme_groups(plugins, taxonomy, framework.indicators, framework.inherited_tags),
            by_prestatieveld=False,
        )
    return framework


def theme_groups(
    plugins: Plugins,
    taxonomy_id: str,
    indicators: Sequence[Indicator],
    inherited: Mapping[str, tuple[str, ...]],
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Sections per top-level theme; an indicator carries its assignment's tags too.

    :raises UnknownNameError: no plugin provides ``taxonomy_id``.
    """
    taxonomy = plugins.taxonomies.get(taxonomy_id)
    if taxonomy is None:
        message = _("er is geen taxonomie {taxonomy}").format(taxonomy=repr(taxonomy_id))
        raise UnknownNameError(
            unknown_name(
                message, taxonomy_id, plugins.taxonomies, known_as=_("bekende taxonomieën")
            )
        )
    return tuple(
        (
            theme.name,
            tuple(
                i.id
                for i in indicators
                if taxonomy.covers(theme.id, tags_of(i) + tuple(inherited.get(i.id, ())))
            ),
        )
        for theme in taxonomy.themes
    )
