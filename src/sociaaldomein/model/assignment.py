"""Sub-assignments (deelopdrachten) of a subsidy assignment."""

from __future__ import annotations

import re

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model._convert import as_tuple
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.prestatieveld import Prestatieveld, to_prestatievelden
from sociaaldomein.text.language import _

__all__ = ["Assignment"]

_CODE = re.compile(r"\d+[a-z]?")


def _code(value: object) -> str:
    return str(value).strip().rstrip(".").lower()


def _check_code(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _CODE.fullmatch(value):
        raise InvalidValueError(
            _(
                "code van de deelopdracht {value!r} is niet geldig; verwacht een getal met"
                " eventueel een letter, zoals 1a of 12"
            ).format(value=value)
        )


@attrs.frozen
class Assignment:
    """A deelopdracht: policy frame, tasks, result indicators, changes, preconditions.

    :param code: its number in the subsidy assignment (``1a``, ``12``).
    :param changes: what changes compared to the current situation.
    """

    code: str = attrs.field(converter=_code, validator=_check_code)
    title: str
    policy_frame: str = ""
    tasks: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=as_tuple)
    changes: str = ""
    preconditions: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    prestatievelden: tuple[Prestatieveld, ...] = attrs.field(
        default=(), converter=to_prestatievelden
    )
    themes: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
