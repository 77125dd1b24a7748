"""Indicators (resultaatindicatoren): what is measured and what counts as success."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model._convert import as_tuple
from sociaaldomein.model.formula import Formula
from sociaaldomein.model.period import Period
from sociaaldomein.model.prestatieveld import Prestatieveld, to_prestatievelden
from sociaaldomein.model.target import (
    AtLeast,
    AtMost,
    Change,
    ComparedTo,
    CountPerPeriod,
    Direction,
    Fallback,
    Improvement,
    Margin,
    MilestoneBy,
    Reference,
    RisingTrend,
    Target,
    Tolerance,
)

__all__ = [
    "Accumulation",
    "Frequency",
    "Indicator",
    "SliceTarget",
    "SourceRef",
    "check_identifier",
    "target_for",
]

_IDENTIFIER = re.compile(r"[a-z0-9][a-z0-9_.-]*")


def check_identifier(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """attrs validator: a lower-case id of letters, digits, ``_``, ``.`` and ``-``."""
    if not isinstance(value, str) or not _IDENTIFIER.fullmatch(value):
        raise InvalidValueError(
            f"{attribute.name} {value!r} is not a valid id; expected lower-case letters, digits,"
            " '_', '.' or '-', starting with a letter or digit"
        )


class Frequency(enum.StrEnum):
    """How often an indicator is measured."""

    ONCE = "once"
    YEARLY = "yearly"
    HALF_YEARLY = "half_yearly"
    QUARTERLY = "quarterly"
    MONTHLY = "monthly"


def _not_blank(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(f"{attribute.name} may not be empty")


class Accumulation(enum.StrEnum):
    """How the values of an indicator build up within a year.

    ``sum``: each value counts its own period (a quarter's new clients); the
    year's value is the sum of its periods. ``running_total``: each value is
    the year to date (reach so far); the year's value is the latest one,
    never a sum of them.
    """

    SUM = "sum"
    RUNNING_TOTAL = "running_total"


def _dimensions(
    value: Mapping[str, str] | Iterable[tuple[str, str]],
) -> tuple[tuple[str, str], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(key), str(item)) for key, item in pairs))


def _a_slice(
    instance: object,
    attribute: attrs.Attribute[tuple[tuple[str, str], ...]],
    value: tuple[tuple[str, str], ...],
) -> None:
    if not value:
        raise InvalidValueError("a slice target needs dimensions, such as {leeftijd = '12-17'}")


@attrs.frozen
class SliceTarget:
    """The target for one slice (``{"leeftijd": "12-17"}``, a village), beside the total's."""

    dimensions: tuple[tuple[str, str], ...] = attrs.field(converter=_dimensions, validator=_a_slice)
    target: Target


def _schedule(
    value: Mapping[Any, Target] | Iterable[tuple[Period, Target]],
) -> tuple[tuple[Period, Target], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    entries = []
    for key, target in pairs:
        period = key if isinstance(key, Period) else Period.parse(str(key))
        entries.append((period, target))
    # Sorted so that equal schedules compare equal whatever order they came in.
    return tuple(sorted(entries, key=lambda entry: (entry[0].start, entry[0].end)))


def _unique_periods(
    instance: object,
    attribute: attrs.Attribute[tuple[tuple[Period, Target], ...]],
    value: tuple[tuple[Period, Target], ...],
) -> None:
    periods = [period for period, _ in value]
    twice = sorted({str(period) for period in periods if periods.count(period) > 1})
    if twice:
        raise InvalidValueError(f"schedule: period {', '.join(twice)} has more than one target")


def _formula(value: Formula | str | None) -> Formula | None:
    return value if value is None or isinstance(value, Formula) else Formula(value)


@attrs.frozen
class SourceRef:
    """Where a measurement source finds an indicator's figures.

    In TOML, under an indicator::

        fetch = { source = "cbs", table = "85221NED", column = "Bijstand_1" }

    :param source: name of a registered source (``cbs``).
    :param table: the source's table (a CBS StatLine table id).
    :param column: the column in that table (a CBS topic key).
    :param filters: the other dimensions of the table fixed to one code each
        (``{ Leeftijd = "10000" }``, the total of an age dimension).
    :param unit: the unit the source publishes the column in (``per 1 000
        inwoners``, ``%``, ``aantal``); the source converts it into the
        indicator's measurement type, and a table that has moved to another
        unit is an error. Empty: the unit the source states.
    :param api: the source's interface for this table where it has several
        (CBS: ``v3`` or ``v4``); empty: the source finds out.
    :param title: the column's title as the source publishes it (CBS: the
        measure's title, the same in both interfaces); finds the column where
        its key is another (OData v4's measure codes, a renumbered key).
    """

    source: str = attrs.field(validator=_not_blank)
    table: str = attrs.field(validator=_not_blank)
    column: str = attrs.field(validator=_not_blank)
    filters: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_dimensions)
    unit: str = ""
    api: str = ""
    title: str = ""


@attrs.frozen
class Indicator:
    """One result indicator: its measurement type, direction, target and tolerance.

    :param id: stable identifier within its set (``jeugd.bereik``).
    :param measurement_type: name of a registered :class:`MeasurementType`.
    :param direction: which way is good; may be left out where the target
        implies it (at least, at most, a count per period).
    :param baseline_period: the period of the nulmeting that change targets
        and trends refer to.
    :param source: where the figures come from (survey, CBS, registration).
    :param slices: dimensions (such as ``leeftijd``) whose slices the report
        shows under the total.
    :param schedule: targets per period (``{Period.year(2019): AtMost(37.5)}``),
        such as a budget's "Begroting 2019"; ``target`` holds where no entry
        does (the streefwaarde). See :func:`target_for`.
    :param slice_targets: targets for single slices, beside the total's.
    :param formula: makes this a derived indicator, computed from others
        (see :class:`~sociaaldomein.model.formula.Formula`).
    :param accumulation: how values build up within a year; with it, the
        periods of a year are evaluated as one year-to-date value.
    :param fetch: where a measurement source (``sociaaldomein fetch``) gets
        the figures; ``source`` stays the text a reader sees.
    """

    id: str = attrs.field(validator=check_identifier)
    name: str
    measurement_type: str
    direction: Direction | None = attrs.field(
        default=None, converter=attrs.converters.optional(Direction)
    )
    target: Target | None = None
    tolerance: Tolerance | None = None
    baseline_period: Period | None = None
    source: str = ""
    frequency: Frequency | None = attrs.field(
        default=None, converter=attrs.converters.optional(Frequency)
    )
    prestatievelden: tuple[Prestatieveld, ...] = attrs.field(
        default=(), converter=to_prestatievelden
    )
    unit: str = ""
    description: str = ""
    themes: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    slices: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    schedule: tuple[tuple[Period, Target], ...] = attrs.field(
        default=(), converter=_schedule, validator=_unique_periods
    )
    slice_targets: tuple[SliceTarget, ...] = attrs.field(default=(), converter=as_tuple)
    formula: Formula | None = attrs.field(default=None, converter=_formula)
    accumulation: Accumulation | None = attrs.field(
        default=None, converter=attrs.converters.optional(Accumulation)
    )
    fetch: SourceRef | None = None
    # Set once in __attrs_post_init__: evaluation asks for it per measurement.
    _good: Direction | None = attrs.field(init=False, eq=False, repr=False)

    def all_targets(self) -> Iterator[Target]:
        """The plain target, then every scheduled and slice target."""
        if self.target is not None:
            yield self.target
        yield from (target for _, target in self.schedule)
        yield from (entry.target for entry in self.slice_targets)

    def __attrs_post_init__(self) -> None:
        if self.measurement_type == "milestone" and isinstance(
            self.tolerance, Margin | RisingTrend
        ):
            # A margin or a trend measures distance, and yes/no has none: it would never count.
            raise InvalidValueError(
                f"indicator {self.id!r}: a {self.tolerance.kind!r} tolerance has nothing to"
                " measure on a milestone (yes/no); give a fallback milestone target instead"
            )
        implied = {
            way for target in self.all_targets() if (way := _implied_direction(target)) is not None
        }
        if len(implied) > 1:
            raise InvalidValueError(
                f"indicator {self.id!r}: its targets imply both higher_is_better and"
                " lower_is_better"
            )
        # Frozen: the direction the targets imply is kept once, here.
        object.__setattr__(self, "_good", self.direction or next(iter(implied), None))
        for way in implied:
            if self.direction and way is not self.direction:
                raise InvalidValueError(
                    f"indicator {self.id!r}: the target implies {way.value},"
                    f" but direction is {self.direction.value}"
                )
        fallback = self.tolerance.target if isinstance(self.tolerance, Fallback) else None
        needs_direction = any(
            isinstance(target, Change | Improvement) for target in (*self.all_targets(), fallback)
        ) or isinstance(self.tolerance, RisingTrend | Margin)
        if needs_direction and self.good_direction is None:
            raise InvalidValueError(
                f"indicator {self.id!r}: a change or improvement target, a margin or a"
                " rising-trend tolerance"
                " needs a direction (higher_is_better or lower_is_better)"
            )
        if self.baseline_period is None and any(
            _needs_baseline(target, self.tolerance) for target in self.all_targets()
        ):
            raise InvalidValueError(
                f"indicator {self.id!r}: a change or trend against the baseline needs a"
                " baseline_period (the period of the nulmeting)"
            )
        self._check_milestones()
        if self.formula is not None and self.id in self.formula.inputs:
            raise InvalidValueError(
                f"indicator {self.id!r}: its formula {self.formula.text!r} reads the indicator"
                " itself"
            )

    def _check_milestones(self) -> None:
        """Milestone targets and the yes/no type go together, a fallback target included."""
        fallback = self.tolerance.target if isinstance(self.tolerance, Fallback) else None
        judged = [("target", target) for target in self.all_targets()]
        if fallback is not None:
            judged.append(("fallback target", fallback))
        for role, target in judged:
            milestone = isinstance(target, MilestoneBy)
            if milestone and self.measurement_type != "milestone":
                raise InvalidValueError(
                    f"indicator {self.id!r}: a milestone {role} needs measurement type"
                    f" 'milestone', not {self.measurement_type!r}"
                )
            if not milestone and self.measurement_type == "milestone":
                # A yes/no value has no number to hold against a threshold.
                raise InvalidValueError(
                    f"indicator {self.id!r}: its {role} is {target.kind!r}, but a milestone"
                    " is yes/no and has no number to compare; give a milestone target"
                    " (as a fallback: one with a later due date)"
                )

    @property
    def good_direction(self) -> Direction | None:
        """The explicit direction, or the one the targets imply."""
        return self._good

    def target_for(
        self, period: Period, dimensions: tuple[tuple[str, str], ...] = ()
    ) -> Target | None:
        """The target in force for ``period`` (and slice); see :func:`target_for`."""
        return target_for(self, period, dimensions)

    @property
    def reference_subjects(self) -> tuple[str, ...]:
        """The subjects whose values :class:`ComparedTo` targets compare with."""
        return tuple(
            dict.fromkeys(
                target.subject for target in self.all_targets() if isinstance(target, ComparedTo)
            )
        )


def target_for(
    indicator: Indicator, period: Period, dimensions: tuple[tuple[str, str], ...] = ()
) -> Target | None:
    """The target in force for a measurement of ``period`` and slice ``dimensions``.

    A slice target for exactly these dimensions comes first. Otherwise the
    narrowest schedule entry whose period holds ``period`` (a half year's
    before its year's); otherwise the plain :attr:`Indicator.target`. A
    year-to-date range (``2024-01..2024-06``) falls in its year's entry.
    """
    if dimensions:
        for entry in indicator.slice_targets:
            if entry.dimensions == dimensions:
                return entry.target
    holding = [(when, target) for when, target in indicator.schedule if period in when]
    if holding:
        return min(holding, key=lambda entry: entry[0].days)[1]
    return indicator.target


def _implied_direction(target: Target | None) -> Direction | None:
    if isinstance(target, AtLeast | CountPerPeriod):
        return Direction.HIGHER_IS_BETTER
    if isinstance(target, AtMost):
        return Direction.LOWER_IS_BETTER
    if isinstance(target, ComparedTo) and target.bound != "within":
        if target.bound == "at_least":
            return Direction.HIGHER_IS_BETTER
        return Direction.LOWER_IS_BETTER
    return None


def _needs_baseline(target: Target | None, tolerance: Tolerance | None) -> bool:
    if isinstance(tolerance, Fallback):
        return _needs_baseline(target, None) or _needs_baseline(tolerance.target, None)
    return any(
        isinstance(part, Change | Improvement | RisingTrend) and part.against is Reference.BASELINE
        for part in (target, tolerance)
    )
