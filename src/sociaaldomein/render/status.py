"""Statuses as the report shows them: a Dutch word, an icon and what they mean.

The icon makes each status readable without colour (a black-and-white print,
a colour-blind reader); the word is always printed beside it.
"""

from __future__ import annotations

from collections.abc import Mapping

from sociaaldomein.core.accountability import STATUS_ORDER
from sociaaldomein.core.evaluation import Status
from sociaaldomein.render.model import StatusLabel

__all__ = ["LEGEND", "label", "summary"]

_ICONS = {
    Status.MET: "✓",
    Status.WITHIN_TOLERANCE: "≈",
    Status.NOT_MET: "✗",
    Status.NO_DATA: "?",
    Status.NOT_ASSESSED: "○",
}

_MEANINGS = {
    Status.MET: "Het doel is bereikt.",
    Status.WITHIN_TOLERANCE: (
        "Het doel is niet bereikt, maar de waarde blijft binnen wat vooraf als"
        " aanvaardbaar is afgesproken (de tolerantiegrens)."
    ),
    Status.NOT_MET: "Het doel is niet bereikt en ook de tolerantiegrens niet.",
    Status.NO_DATA: (
        "Er is voor de verslagperiode geen meting, of de nulmeting waar het doel"
        " naar verwijst ontbreekt."
    ),
    Status.NOT_ASSESSED: "Een beschrijvende indicator: de tekst wordt getoond, niet beoordeeld.",
}

#: The leeswijzer: every status in report order.
LEGEND = tuple(StatusLabel(s, s.dutch, _ICONS[s], _MEANINGS[s]) for s in STATUS_ORDER)
_BY_STATUS = {entry.status: entry for entry in LEGEND}


def label(status: Status | None) -> StatusLabel:
    """The label of ``status``; ``None`` counts as no data."""
    return _BY_STATUS[Status.NO_DATA if status is None else status]


def summary(counts: Mapping[Status, int]) -> tuple[StatusLabel, ...]:
    """The legend with each status's count, in report order."""
    return tuple(
        StatusLabel(e.status, e.label, e.icon, e.meaning, counts.get(e.status, 0)) for e in LEGEND
    )
