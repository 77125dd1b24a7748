"""Indicators (resultaatindicatoren): what is measured and what counts as success."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model._convert import as_tuple
from sociaaldomein.model.period import Period
from sociaaldomein.model.prestatieveld import Prestatieveld, to_prestatievelden
from sociaaldomein.model.target import (
    AtLeast,
    AtMost,
    Change,
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

__all__ = ["Frequency", "Indicator", "SourceRef", "check_identifier"]

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


def _filters(
    value: Mapping[str, str] | Iterable[tuple[str, str]],
) -> tuple[tuple[str, str], ...]:
    # Sorted pairs keep the reference hashable and equal whatever the input order.
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(key), str(item)) for key, item in pairs))


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
    """

    source: str = attrs.field(validator=_not_blank)
    table: str = attrs.field(validator=_not_blank)
    column: str = attrs.field(validator=_not_blank)
    filters: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_filters)


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
    fetch: SourceRef | None = None

    def __attrs_post_init__(self) -> None:
        implied = _implied_direction(self.target)
        if implied and self.direction and implied is not self.direction:
            raise InvalidValueError(
                f"indicator {self.id!r}: the target ({self.target.kind}) implies"  # type: ignore[union-attr]
                f" {implied.value}, but direction is {self.direction.value}"
            )
        needs_direction = isinstance(self.target, Change | Improvement) or isinstance(
            self.tolerance, RisingTrend | Margin
        )
        if needs_direction and self.good_direction is None:
            raise InvalidValueError(
                f"indicator {self.id!r}: a change or improvement target, a margin or a"
                " rising-trend tolerance"
                " needs a direction (higher_is_better or lower_is_better)"
            )
        if self.baseline_period is None and _needs_baseline(self.target, self.tolerance):
            raise InvalidValueError(
                f"indicator {self.id!r}: a change or trend against the baseline needs a"
                " baseline_period (the period of the nulmeting)"
            )
        if isinstance(self.target, MilestoneBy) and self.measurement_type != "milestone":
            raise InvalidValueError(
                f"indicator {self.id!r}: a milestone target needs measurement type 'milestone',"
                f" not {self.measurement_type!r}"
            )

    @property
    def good_direction(self) -> Direction | None:
        """The explicit direction, or the one the target implies."""
        return self.direction or _implied_direction(self.target)


def _implied_direction(target: Target | None) -> Direction | None:
    if isinstance(target, AtLeast | CountPerPeriod):
        return Direction.HIGHER_IS_BETTER
    if isinstance(target, AtMost):
        return Direction.LOWER_IS_BETTER
    return None


def _needs_baseline(target: Target | None, tolerance: Tolerance | None) -> bool:
    if isinstance(tolerance, Fallback):
        return _needs_baseline(target, None) or _needs_baseline(tolerance.target, None)
    return any(
        isinstance(part, Change | Improvement | RisingTrend) and part.against is Reference.BASELINE
        for part in (target, tolerance)
    )
