"""Revisions: which of several values for one indicator, subject, period and slice counts.

Two measurements of the same indicator, subject, period and slice are a
duplicate, and an error, unless both declare a revision (``revision`` or
``as_of``) and the two can be ordered. Then all of them are history, and
the value in force is the newest definitive one (or, while none is
definitive, the newest). Newest means the latest ``as_of`` date, then the
highest ``revision`` number.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model.measurement import DataStatus, Measurement
from sociaaldomein.text.language import _

__all__ = [
    "InForce",
    "Revised",
    "duplicate_pairs",
    "resolve_revisions",
    "revision_order",
    "select_revisions",
]


def revision_order(measurement: Measurement) -> tuple[datetime.date, int]:
    """The key that orders revisions of one value, oldest first."""
    return (
        measurement.as_of or datetime.date.min,
        -1 if measurement.revision is None else measurement.revision,
    )


def _describe(measurement: Measurement) -> str:
    where = "".join(f" {key}={item}" for key, item in measurement.dimensions)
    return _("{indicator} voor {subject} {period}{where}").format(
        indicator=measurement.indicator,
        subject=measurement.subject,
        period=measurement.period,
        where=where,
    )


def _groups(measurements: Sequence[Measurement]) -> list[list[int]]:
    """Positions of the measurements that share a key, for every key given more than once."""
    first: dict[object, int] = {}
    more: dict[int, list[int]] = {}
    for position, m in enumerate(measurements):
        earlier = first.setdefault((m.indicator, m.subject, m.period, m.dimensions), position)
        if earlier != position:
            more.setdefault(earlier, [earlier]).append(position)
    return list(more.values())


def _pairs(measurements: Sequence[Measurement], groups: list[list[int]]) -> list[tuple[int, int]]:
    pairs = []
    for group in groups:
        for index, position in enumerate(group[1:], start=1):
            measurement = measurements[position]
            for other in group[:index]:
                earlier = measurements[other]
                if not (
                    earlier.revised
                    and measurement.revised
                    and revision_order(earlier) != revision_order(measurement)
                ):
                    pairs.append((other, position))
                    break
    return sorted(pairs, key=lambda pair: pair[1])


def duplicate_pairs(measurements: Sequence[Measurement]) -> list[tuple[int, int]]:
    """Pairs of positions ``(earlier, later)`` in ``measurements`` that are duplicates.

    Each later measurement is paired with the first earlier one it clashes
    with: the same key, and not both revisions in a distinguishable order.
    """
    return _pairs(measurements, _groups(measurements))


@attrs.frozen
class Revised:
    """A value that was revised: the one in force and every version, oldest first."""

    used: Measurement
    history: tuple[Measurement, ...]

    def describe(self) -> str:
        """A Dutch sentence for a report: which value counts, and what it replaced."""
        older = [m for m in self.history if m is not self.used]
        shown = ", ".join(_version(m) for m in older)
        return _("{what}: herzien; gebruikt {used}, eerder {earlier}").format(
            what=_describe(self.used), used=_version(self.used), earlier=shown
        )


def _version(measurement: Measurement) -> str:
    label = []
    if measurement.revision is not None:
        label.append(_("revisie {revision}").format(revision=measurement.revision))
    if measurement.as_of is not None:
        label.append(_("per {date}").format(date=measurement.as_of.isoformat()))
    value: object = measurement.value
    if value is None:
        value = (
            f"{measurement.numerator}/{measurement.denominator}"
            if measurement.numerator is not None
            else measurement.unknown or _("geen waarde")
        )
    return f"{value} ({', '.join(label)}, {measurement.status.dutch})"


@attrs.frozen
class InForce:
    """What :func:`resolve_revisions` found.

    :param measurements: one measurement per indicator, subject, period and
        slice, in the order each first appeared: the ones to evaluate and add up.
    :param revised: the values that had more than one version.
    """

    measurements: tuple[Measurement, ...]
    revised: tuple[Revised, ...]

    def revision_of(self, measurement: Measurement) -> Revised | None:
        """The revision history ``measurement`` is the value in force of, if it was revised."""
        for revised in self.revised:
            if revised.used is measurement or revised.used == measurement:
                return revised
        return None


def resolve_revisions(measurements: Iterable[Measurement]) -> InForce:
    """The value in force for each indicator, subject, period and slice.

    :raises InvalidValueError: two measurements are duplicates (see the
        module description); the message names both.
    """
    rows = list(measurements)
    selected, pairs = select_revisions(rows)
    if selected is None:
        twice = _(
            "{what} is twee keer gegeven (metingen {first} en {later}); geef elk een revisie of"
            " een as_of-datum, of verwijder er een"
        )
        lines = [
            twice.format(what=_describe(rows[later]), first=first + 1, later=later + 1)
            for first, later in pairs
        ]
        raise InvalidValueError("\n".join(lines))
    return selected


def select_revisions(
    measurements: Sequence[Measurement],
) -> tuple[InForce | None, list[tuple[int, int]]]:
    """:func:`resolve_revisions`, or ``None`` and the :func:`duplicate_pairs`, in one pass."""
    groups = _groups(measurements)
    if not groups:  # the common case: every value given once
        return InForce(tuple(measurements), ()), []
    pairs = _pairs(measurements, groups)
    if pairs:
        return None, pairs
    dropped = set()
    chosen_at = {}
    revised = []
    for group in groups:
        history = tuple(sorted((measurements[i] for i in group), key=revision_order))
        definitive = [m for m in history if m.status is DataStatus.DEFINITIVE]
        chosen = (definitive or list(history))[-1]
        revised.append(Revised(chosen, history))
        dropped.update(group)
        chosen_at[group[0]] = chosen  # in the place the value first appeared
    used = [
        chosen_at.get(i, m)
        for i, m in enumerate(measurements)
        if i not in dropped or i in chosen_at
    ]
    return InForce(tuple(used), tuple(revised)), []
