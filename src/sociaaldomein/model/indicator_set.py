"""Indicator sets (basissets): named, versioned collections from one owner."""

from __future__ import annotations

from collections import Counter

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model._convert import as_tuple
from sociaaldomein.model.assignment import Assignment
from sociaaldomein.model.consistency import ConsistencyRule
from sociaaldomein.model.indicator import (
    Frequency,
    Indicator,
    SliceTarget,
    SourceRef,
    check_identifier,
)
from sociaaldomein.model.period import Period
from sociaaldomein.model.prestatieveld import Prestatieveld
from sociaaldomein.model.reference_group import ReferenceGroup, unique_group_names
from sociaaldomein.model.target import Direction, Target, Tolerance
from sociaaldomein.model.trend_thresholds import TrendThresholds

__all__ = ["IndicatorSet", "Override", "Retirement"]


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
class Override:
    """A local change to an inherited indicator: every field given replaces the base's.

    The measurement type cannot be overridden: measurements of the base set
    must stay comparable.
    """

    indicator: str
    name: str | None = None
    direction: Direction | None = None
    target: Target | None = None
    tolerance: Tolerance | None = None
    baseline_period: Period | None = None
    source: str | None = None
    frequency: Frequency | None = None
    prestatievelden: tuple[Prestatieveld, ...] | None = None
    unit: str | None = None
    description: str | None = None
    themes: tuple[str, ...] | None = None
    slices: tuple[str, ...] | None = None
    schedule: tuple[tuple[Period, Target], ...] | None = None
    slice_targets: tuple[SliceTarget, ...] | None = None
    fetch: SourceRef | None = None

    def changes(self) -> dict[str, object]:
        """The fields this override sets, by name."""
        return {
            field.name: value
            for field in attrs.fields(Override)[1:]
            if (value := getattr(self, field.name)) is not None
        }


@attrs.frozen
class Retirement:
    """An inherited indicator that a local set no longer uses, and why."""

    indicator: str
    reason: str = attrs.field()

    @reason.validator
    def _has_reason(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not value.strip():
            raise InvalidValueError(f"retiring {self.indicator!r} needs a reason")


@attrs.frozen
class IndicatorSet:
    """A named, versioned collection of indicators and assignments.

    :param owner: the region or municipality that maintains it.
    :param extends: id of the set this one colours in locally; its
        ``overrides`` and ``retired`` then refer to the base's indicators.
    :param taxonomy: id of the taxonomy whose top-level themes are the
        report's sections when none is asked for (``--taxonomy``); a set
        that extends another inherits it unless it names its own.
    """

    id: str = attrs.field(validator=check_identifier)
    name: str
    version: str = "1"
    owner: str = ""
    description: str = ""
    extends: str | None = None
    assignments: tuple[Assignment, ...] = attrs.field(default=(), converter=as_tuple)
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(), converter=as_tuple, validator=_unique_ids
    )
    overrides: tuple[Override, ...] = attrs.field(default=(), converter=as_tuple)
    retired: tuple[Retirement, ...] = attrs.field(default=(), converter=as_tuple)
    consistency: tuple[ConsistencyRule, ...] = attrs.field(default=(), converter=as_tuple)
    trend_thresholds: TrendThresholds | None = None
    reference_groups: tuple[ReferenceGroup, ...] = attrs.field(
        default=(), converter=as_tuple, validator=unique_group_names
    )
    taxonomy: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.extends is None and (self.overrides or self.retired):
            raise InvalidValueError(
                f"set {self.id!r} overrides or retires indicators but extends no set;"
                " add extends = '<base set id>'"
            )
        if self.extends == self.id:
            raise InvalidValueError(f"set {self.id!r} cannot extend itself")

    def all_indicators(self) -> tuple[Indicator, ...]:
        """The set's own indicators followed by those of its assignments."""
        return self.indicators + tuple(
            indicator for assignment in self.assignments for indicator in assignment.indicators
        )
