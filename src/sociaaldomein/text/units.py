"""What a unit such as ``per 1 000 inwoners`` means for its numbers, and converting exactly.

A unit is the text a publisher states beside a figure (CBS: a measure's
``Unit``; a mapping: ``fetch.unit``). A rate (``%``, ``per 1 000``, ``per
10 000``, ``per 100 000``) converts into another rate by a power of ten; a
count or amount (``aantal``, ``x 1 000``, ``mln euro``) by its multiple; a
rate never becomes a count, nor a count a rate.
"""

from __future__ import annotations

import re
from decimal import Decimal

from sociaaldomein.text.language import _

__all__ = ["unit_factor", "unit_scale"]

_NUMBER = r"(\d{1,3}(?:[ .]?\d{3})*)"
_PER = re.compile(rf"per {_NUMBER}\b")
_TIMES = re.compile(rf"^x {_NUMBER}\b")


def _number(text: str) -> Decimal:
    return Decimal(re.sub(r"[ .]", "", text))


def unit_scale(unit: str) -> tuple[str, Decimal] | None:
    """What a topic's ``Unit`` means for its numbers.

    ``("rate", 100)`` for ``%``, ``("rate", 10000)`` for ``per 10 000
    inwoners``: the number is a share out of that many. ``("multiple", 1000)``
    for ``x 1 000`` (and ``x 1 000 euro``): the number counts thousands.
    ``("multiple", 1)`` for plain counts and amounts (``aantal``, ``euro``).
    ``None`` when the unit is empty.
    """
    text = " ".join(unit.casefold().replace("\u00a0", " ").split())
    if not text:
        return None
    if text in ("%", "procent", "percentage") or text.startswith("% "):
        return ("rate", Decimal(100))
    if (per := _PER.search(text)) is not None:
        return ("rate", _number(per.group(1)))
    if (times := _TIMES.match(text)) is not None:
        return ("multiple", _number(times.group(1)))
    if text.startswith(("mln", "miljoen")):
        return ("multiple", Decimal(1_000_000))
    if text.startswith(("mld", "miljard")):
        return ("multiple", Decimal(1_000_000_000))
    return ("multiple", Decimal(1))


def unit_factor(unit: str, scale: int | None, type_name: str) -> Decimal | str:
    """What to multiply a number in ``unit`` by to get a value of a type with ``scale``.

    :param scale: the type's scale (100 for a percentage, 10,000 for a rate
        per 10,000, 1 for a ratio, ``None`` for a count or an amount).
    :param type_name: the type's name, for the message.
    :returns: the factor (exact), or a message (Dutch) why the unit cannot become the type.
    """
    meaning = unit_scale(unit)
    if meaning is None:
        return Decimal(1)
    kind, size = meaning
    if kind == "rate":
        if scale is None:
            return _("eenheid {unit!r} is een verhouding, maar {type!r} niet").format(
                unit=unit, type=type_name
            )
        return Decimal(scale) / size
    if scale is not None and scale != 1:
        return _("eenheid {unit!r} is geen verhouding, maar {type!r} wel").format(
            unit=unit, type=type_name
        )
    return size
