"""Statuses as the report shows them: a word, an icon and what they mean.

The icon makes each status readable without colour (a black-and-white print,
a colour-blind reader); the word is always printed beside it. Words and
meanings are made in the language of the run, so they are made per call.
"""

from __future__ import annotations

from collections.abc import Mapping

from sociaaldomein.core.accountability import STATUS_ORDER
from sociaaldomein.core.evaluation import Status
from sociaaldomein.render.model import StatusLabel
from sociaaldomein.text.language import N_, _

__all__ = ["label", "legend", "summary"]

_ICONS = {
    Status.MET: "✓",
    Status.WITHIN_TOLERANCE: "≈",
    Status.NOT_MET: "✗",
    Status.NO_DATA: "?",
    Status.NOT_ASSESSED: "○",
}

_MEANINGS = {
    Status.MET: N_("Het doel is bereikt."),
    Status.WITHIN_TOLERANCE: N_(
        "Het doel is niet bereikt, maar de waarde blijft binnen wat vooraf als"
        " aanvaardbaar is afgesproken (de tolerantiegrens)."
    ),
    Status.NOT_MET: N_("Het doel is niet bereikt en ook de tolerantiegrens niet."),
    Status.NO_DATA: N_(
        "Er is voor de verslagperiode geen meting, of de nulmeting waar het doel"
        " naar verwijst ontbreekt."
    ),
    # Not only descriptive indicators: a number without a target is shown, not judged, too.
    Status.NOT_ASSESSED: N_(
        "Er is geen doel om aan te toetsen: een beschrijvende indicator, of een cijfer"
        " zonder vastgesteld doel. De waarde wordt getoond, niet beoordeeld."
    ),
}


def label(status: Status | None) -> StatusLabel:
    """The label of ``status`` in the current language; ``None`` counts as no data."""
    found = Status.NO_DATA if status is None else status
    return StatusLabel(found, found.dutch, _ICONS[found], _(_MEANINGS[found]))


def legend() -> tuple[StatusLabel, ...]:
    """The leeswijzer: every status in report order, with what it means."""
    return tuple(label(status) for status in STATUS_ORDER)


def summary(counts: Mapping[Status, int]) -> tuple[StatusLabel, ...]:
    """The legend with each status's count, in report order."""
    return tuple(
        StatusLabel(e.status, e.label, e.icon, e.meaning, counts.get(e.status, 0)) for e in legend()
    )
