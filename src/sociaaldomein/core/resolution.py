"""Resolving a set that extends others into one flat set, with provenance.

A municipality's set colours in a regional base set: it adds indicators,
overrides fields of inherited ones and retires some with a reason.
:func:`resolve_set` flattens the chain and records, for every indicator and
field, which set its value came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.model.assignment import Assignment
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.indicator_set import IndicatorSet
from sociaaldomein.text.language import _
from sociaaldomein.text.suggest import unknown_name

__all__ = ["ResolvedSet", "SetError", "resolve_set"]

_FIELDS = tuple(field.name for field in attrs.fields(Indicator))


class SetError(SociaaldomeinError):
    """Sets do not fit together: an unknown base, a cycle, a clash or an unknown indicator.

    The message names both sides.
    """


@attrs.frozen
class ResolvedSet:
    """One flat set and where each of its values came from.

    :param indicator_set: the flat set: no ``extends``, no overrides, every
        inherited and local indicator with overrides applied, retired ones gone.
    :param chain: set ids from the root base set to this one.
    :param provenance: for each indicator id, each field's source set id.
    :param retired: for each retired indicator id, the retiring set and reason.
    """

    indicator_set: IndicatorSet
    chain: tuple[str, ...]
    provenance: Mapping[str, Mapping[str, str]]
    retired: Mapping[str, tuple[str, str]]

    def origin(self, indicator: str, field: str) -> str:
        """The id of the set that gave ``indicator`` its ``field``."""
        return self.provenance[indicator][field]


def _chain(set_id: str, sets: Mapping[str, IndicatorSet]) -> list[IndicatorSet]:
    chain: list[IndicatorSet] = []
    current: str | None = set_id
    child = None
    while current is not None:
        if current not in sets:
            known, heading = sorted(sets), _("bekende sets")
            if child is None:
                message = _("er is geen set {set}").format(set=repr(current))
            else:
                message = _(
                    "set {set} breidt {base} uit, maar geen plugin of bestand levert die"
                ).format(set=repr(child), base=repr(current))
            raise SetError(unknown_name(message, current, known, known_as=heading))
        if any(seen.id == current for seen in chain):
            cycle = " -> ".join([*(seen.id for seen in chain), current])
            raise SetError(f"sets extend each other in a cycle: {cycle}")
        chain.append(sets[current])
        child, current = current, sets[current].extends
    return chain[::-1]


def _apply(
    local: IndicatorSet,
    base_id: str,
    indicators: dict[str, Indicator],
    provenance: dict[str, dict[str, str]],
    retired: dict[str, tuple[str, str]],
) -> None:
    for indicator in local.all_indicators():
        if indicator.id in indicators:
            raise SetError(
                f"set {local.id!r} adds indicator {indicator.id!r}, which its base"
                f" {base_id!r} already has; override it instead"
            )
        indicators[indicator.id] = indicator
        provenance[indicator.id] = dict.fromkeys(_FIELDS, local.id)
    for override in local.overrides:
        if override.indicator not in indicators:
            raise SetError(
                f"set {local.id!r} overrides indicator {override.indicator!r}, which its"
                f" base {base_id!r} does not have"
            )
        changes: dict[str, Any] = override.changes()
        try:
            indicators[override.indicator] = attrs.evolve(indicators[override.indicator], **changes)
        except SociaaldomeinError as error:
            raise SetError(
                f"set {local.id!r} overrides indicator {override.indicator!r} of base"
                f" {base_id!r} into something invalid: {error}"
            ) from error
        provenance[override.indicator].update(dict.fromkeys(changes, local.id))
    for retirement in local.retired:
        if retirement.indicator not in indicators:
            raise SetError(
                f"set {local.id!r} retires indicator {retirement.indicator!r}, which its"
                f" base {base_id!r} does not have"
            )
        del indicators[retirement.indicator]
        del provenance[retirement.indicator]
        retired[retirement.indicator] = (local.id, retirement.reason)


def resolve_set(set_id: str, sets: Mapping[str, IndicatorSet]) -> ResolvedSet:
    """Flatten ``set_id`` and the sets it extends, from ``sets`` by id.

    :raises SetError: the set or a base is unknown, the sets extend each
        other in a cycle, or a set adds an inherited indicator again, or
        overrides or retires one its bases do not have.
    """
    chain = _chain(set_id, sets)
    indicators: dict[str, Indicator] = {}
    provenance: dict[str, dict[str, str]] = {}
    retired: dict[str, tuple[str, str]] = {}
    assignments: list[Assignment] = []
    for position, layer in enumerate(chain):
        base_id = chain[position - 1].id if position else layer.id
        _apply(layer, base_id, indicators, provenance, retired)
        assignments.extend(layer.assignments)
    flat_assignments = tuple(
        attrs.evolve(
            assignment,
            indicators=tuple(
                indicators[indicator.id]
                for indicator in assignment.indicators
                if indicator.id in indicators
            ),
        )
        for assignment in assignments
    )
    in_assignments = {i.id for a in flat_assignments for i in a.indicators}
    top = chain[-1]
    flat = attrs.evolve(
        top,
        extends=None,
        overrides=(),
        retired=(),
        consistency=tuple(rule for layer in chain for rule in layer.consistency),
        # The nearest set that names thresholds wins.
        trend_thresholds=next(
            (layer.trend_thresholds for layer in reversed(chain) if layer.trend_thresholds),
            None,
        ),
        # A local set may redefine a base's group by its name (the nearest wins).
        reference_groups=tuple(
            {group.name: group for layer in chain for group in layer.reference_groups}.values()
        ),
        # As the thresholds: the nearest set that names a taxonomy wins.
        taxonomy=next((layer.taxonomy for layer in reversed(chain) if layer.taxonomy), None),
        assignments=flat_assignments,
        indicators=tuple(
            indicator for id_, indicator in indicators.items() if id_ not in in_assignments
        ),
    )
    return ResolvedSet(flat, tuple(layer.id for layer in chain), provenance, retired)
