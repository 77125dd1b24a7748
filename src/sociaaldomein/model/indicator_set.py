"""Indicator sets (basissets): named, versioned collections from one owner."""

from __future__ import annotations

from collections import Counter

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model.assignment import Assignment
from sociaaldomein.model.indicator import Indicator, check_identifier

__all__ = ["IndicatorSet"]


def _unique_ids(
    instance: IndicatorSet,
    attribute: attrs.Attribute[tuple[Indicator, ...]],
    value: tuple[Indicator, ...],
) -> None:
    ids = [indicator.id for indicator in value]
    for assignment in instance.assignments:
        ids.extend(indicator.id for indicator in assignment.indicators)
    duplicates = sorted(id_ for id_, count in Counter(ids).items() if count > 1)
    if duplicates:
        raise InvalidValueError(
            f"set {instance.id!r}: indicator ids must be unique,"
            f" found twice: {', '.join(duplicates)}"
        )


@attrs.frozen
class IndicatorSet:
    """A named, versioned collection of indicators and assignments.

    :param owner: the region or municipality that maintains it.
    :param extends: id of the set this one colours in locally.
    """

    id: str = attrs.field(validator=check_identifier)
    name: str
    version: str = "1"
    owner: str = ""
    description: str = ""
    extends: str | None = None
    assignments: tuple[Assignment, ...] = attrs.field(default=(), converter=tuple)
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(), converter=tuple, validator=_unique_ids
    )

    def all_indicators(self) -> tuple[Indicator, ...]:
        """The set's own indicators followed by those of its assignments."""
        return self.indicators + tuple(
            indicator for assignment in self.assignments for indicator in assignment.indicators
        )
