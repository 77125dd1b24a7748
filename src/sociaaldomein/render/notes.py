"""Technical findings in Dutch, for the report's appendix.

Validation rules write their findings in English with key paths
(``phases[0].milestones[1]``), for developers. A council document gets them
in Dutch: the known messages are translated, the key paths written as words
(``fase 1, mijlpaal 2``). A message this module does not know is kept as it
is, so nothing is lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from sociaaldomein.findings import Finding, Severity
from sociaaldomein.render.model import Note

__all__ = ["dutch_notes", "dutch_place"]

_SEVERITY = {Severity.ERROR: "fout", Severity.WARNING: "waarschuwing"}

_WORDS = {
    "phases": "fase",
    "milestones": "mijlpaal",
    "evaluations": "evaluatiemoment",
    "indicators": "indicator",
    "assignments": "deelopdracht",
    "budget": "begroting",
    "period": "periode",
    "target": "doel",
    "tolerance": "tolerantie",
    "consistency": "samenhang",
    "together": "samen gemeten",
    "not_above": "niet hoger dan",
    "value": "waarde",
    "low": "ondergrens",
    "high": "bovengrens",
    "lines": "post",
}

_PART = re.compile(r"([A-Za-z_]+)(?:\[(\d+)\])?")

_MESSAGES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"the budget covers (.+), but the project runs (.+)"),
        lambda m: f"De begroting beslaat {m[1]}, het project loopt {m[2]}.",
    ),
    (
        re.compile(r"(.+) lies outside the project period (.+)"),
        lambda m: f"{m[1]} valt buiten de projectperiode ({m[2]}).",
    ),
    (
        re.compile(r"(.+) is measured but (.+) is not; the set asks for both"),
        lambda m: f"{m[1]} is gemeten, {m[2]} niet; de set vraagt om beide.",
    ),
    (
        re.compile(r"(.+) is missing, so (.+) <= (.+) cannot be checked"),
        lambda m: f"{m[1]} ontbreekt, dus is niet na te gaan of {m[2]} niet boven {m[3]} ligt.",
    ),
    (
        re.compile(r"(.+) \((.+)\) is above (.+) \((.+)\)"),
        lambda m: f"{m[1]} ({m[2]}) ligt boven {m[3]} ({m[4]}).",
    ),
    (
        re.compile(r"unknown measurement type (.+?); expected one of: (.+)"),
        lambda m: f"Onbekend meettype {m[1]}; bekend zijn: {m[2]}.",
    ),
)


def dutch_place(where: str) -> str:
    """A key path in words: ``phases[0].milestones[1]`` -> ``fase 1, mijlpaal 2``."""
    path = re.fullmatch(r"[A-Za-z_]+(?:\[\d+\])?(?:\.[A-Za-z_]+(?:\[\d+\])?)*", where)
    if not path or ("[" not in where and where.split(".")[0] not in _WORDS):
        return where  # an indicator id, a line number or a subject: already readable
    words = []
    for part in where.split("."):
        match = _PART.fullmatch(part)
        assert match is not None  # the whole path matched above
        word = _WORDS.get(match[1], match[1].replace("_", " "))
        words.append(f"{word} {int(match[2]) + 1}" if match[2] is not None else word)
    return ", ".join(words)


def _dutch_message(message: str) -> str:
    for pattern, dutch in _MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return dutch(match)
    return message


def dutch_notes(findings: Iterable[Finding]) -> tuple[Note, ...]:
    """The findings as notes for the appendix, in Dutch where the message is known."""
    return tuple(
        Note(
            _SEVERITY.get(finding.severity, finding.severity.value),
            ", ".join(part for part in (finding.file, dutch_place(finding.where)) if part),
            _dutch_message(finding.message),
        )
        for finding in findings
    )
