"""Reference groups: municipalities to compare with (a size class, a typology, any list).

A group is a reference subject: a ``compared_to`` target names it by its
name, and its value for a period is computed from its members' values
(see :mod:`sociaaldomein.core.groups`), shown with how many members
delivered one ("12 van 14 gemeenten").
"""

from __future__ import annotations

import enum

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model._convert import as_tuple
from sociaaldomein.text.language import _

__all__ = ["GroupStatistic", "ReferenceGroup", "unique_group_names"]


class GroupStatistic(enum.StrEnum):
    """How a group's value is made from its members' values.

    ``aggregate``: the whole, as :func:`sociaaldomein.core.aggregation.aggregate`
    adds up a region (counts, amounts and hours summed; percentages and
    rates through their numerators and denominators; grades weighted by
    respondents). ``median``: the middle value of the members that
    delivered one (of an even number, the mean of the two middle ones).
    """

    AGGREGATE = "aggregate"
    MEDIAN = "median"


def _named(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise InvalidValueError(_("een referentiegroep heeft een naam nodig"))


def _members(
    instance: ReferenceGroup, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    if not value:
        raise InvalidValueError(
            _("referentiegroep {name!r} heeft geen leden; geef members = ['Assen', ...]").format(
                name=instance.name
            )
        )
    seen: dict[str, int] = {}
    for position, member in enumerate(value):
        if not isinstance(member, str) or not member.strip():
            raise InvalidValueError(
                _(
                    "referentiegroep {name!r}: members[{position}] moet de naam of CBS-code"
                    " van een gemeente zijn, gevonden {member!r}"
                ).format(name=instance.name, position=position, member=member)
            )
        if member in seen:
            # Counted twice, a member would weigh double in the group's value.
            raise InvalidValueError(
                _(
                    "referentiegroep {name!r}: {member!r} staat twee keer in members"
                    " (members[{first}] en members[{second}])"
                ).format(name=instance.name, member=member, first=seen[member], second=position)
            )
        seen[member] = position


@attrs.frozen
class ReferenceGroup:
    """Municipalities compared with as one reference subject.

    :param name: how ``compared_to`` targets name the group (its ``subject``).
    :param members: the members as the measurements name them (a name or a
        CBS code), each once.
    :param value: ``aggregate`` (default) or ``median``.
    :param source: where the list comes from (a size class's page, a council
        decision), shown with the group.
    """

    name: str = attrs.field(validator=_named)
    members: tuple[str, ...] = attrs.field(converter=as_tuple, validator=_members)
    value: GroupStatistic = attrs.field(default=GroupStatistic.AGGREGATE, converter=GroupStatistic)
    source: str = ""

    def __str__(self) -> str:
        return self.name


def unique_group_names(
    instance: object,
    attribute: attrs.Attribute[tuple[ReferenceGroup, ...]],
    value: tuple[ReferenceGroup, ...],
) -> None:
    """attrs validator: a set's or plan's groups each have their own name."""
    seen: set[str] = set()
    for group in value:
        if group.name in seen:
            raise InvalidValueError(
                _("referentiegroep {name!r} is twee keer gegeven").format(name=group.name)
            )
        seen.add(group.name)
