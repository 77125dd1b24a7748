"""Consistency rules between measurements, declared per indicator set.

``Together``: two indicators are measured together or not at all
(participants and hours, a numerator and its denominator kept as separate
indicators). ``NotAbove``: one value may not exceed another (participants
reached at most the size of the target group). ``missing`` says what to do
when a value the rule needs is absent: ``skip`` the check, or ``report`` it.
"""

from __future__ import annotations

import enum
from typing import ClassVar

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model._convert import as_tuple
from sociaaldomein.text.language import _

__all__ = ["ConsistencyRule", "Missing", "NotAbove", "Together"]


class Missing(enum.StrEnum):
    """What a rule does when a value it needs is missing."""

    SKIP = "skip"
    REPORT = "report"


def _two_different(
    instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    if len(value) != 2 or value[0] == value[1]:
        raise InvalidValueError(
            _("een regel 'together' noemt twee verschillende indicatoren, gevonden {found}").format(
                found=list(value)
            )
        )


@attrs.frozen
class Together:
    """Both indicators are measured for a subject and period, or neither."""

    kind: ClassVar[str] = "together"
    indicators: tuple[str, ...] = attrs.field(converter=as_tuple, validator=_two_different)
    missing: Missing = attrs.field(default=Missing.REPORT, converter=Missing)


@attrs.frozen
class NotAbove:
    """``indicator``'s value may not exceed ``limit``'s for the same subject and period."""

    kind: ClassVar[str] = "not_above"
    indicator: str
    limit: str
    missing: Missing = attrs.field(default=Missing.SKIP, converter=Missing)


#: Any consistency rule.
ConsistencyRule = Together | NotAbove
