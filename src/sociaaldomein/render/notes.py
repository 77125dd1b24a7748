"""Technical findings in the reader's language, for the report's appendix.

Some validation rules write their findings in English with key paths
(``phases[0].milestones[1]``), for developers. A council document gets them
in words: the known messages are rewritten (Dutch, or English from the
catalog), the key paths written as words (``fase 1, mijlpaal 2``). A message
this module does not know is kept as it is, so nothing is lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from sociaaldomein.findings import Finding, Severity
from sociaaldomein.render.model import Note
from sociaaldomein.text.language import N_, _

__all__ = ["dutch_notes", "dutch_place"]

_SEVERITY = {Severity.ERROR: N_("fout"), Severity.WARNING: N_("waarschuwing")}

_WORDS = {
    "phases": N_("fase"),
    "milestones": N_("mijlpaal"),
    "evaluations": N_("evaluatiemoment"),
    "indicators": N_("indicator"),
    "assignments": N_("deelopdracht"),
    "budget": N_("begroting"),
    "period": N_("periode"),
    "target": N_("doel"),
    "tolerance": N_("tolerantie"),
    "consistency": N_("samenhang"),
    "together": N_("samen gemeten"),
    "not_above": N_("niet hoger dan"),
    "value": N_("waarde"),
    "low": N_("ondergrens"),
    "high": N_("bovengrens"),
    "lines": N_("post"),
}

_PART = re.compile(r"([A-Za-z_]+)(?:\[(\d+)\])?")

_MESSAGES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"the budget covers (.+), but the project runs (.+)"),
        lambda m: _("De begroting beslaat {budget}, het project loopt {project}.").format(
            budget=m[1], project=m[2]
        ),
    ),
    (
        re.compile(r"(.+) lies outside the project period (.+)"),
        lambda m: _("{when} valt buiten de projectperiode ({period}).").format(
            when=m[1], period=m[2]
        ),
    ),
    (
        re.compile(r"(.+) is measured but (.+) is not; the set asks for both"),
        lambda m: _("{one} is gemeten, {other} niet; de set vraagt om beide.").format(
            one=m[1], other=m[2]
        ),
    ),
    (
        re.compile(r"(.+) is missing, so (.+) <= (.+) cannot be checked"),
        lambda m: _(
            "{missing} ontbreekt, dus is niet na te gaan of {part} niet boven {whole} ligt."
        ).format(missing=m[1], part=m[2], whole=m[3]),
    ),
    (
        re.compile(r"(.+) \((.+)\) is above (.+) \((.+)\)"),
        lambda m: _("{part} ({part_value}) ligt boven {whole} ({whole_value}).").format(
            part=m[1], part_value=m[2], whole=m[3], whole_value=m[4]
        ),
    ),
    (
        re.compile(r"unknown measurement type (.+?); expected one of: (.+)"),
        lambda m: _("Onbekend meettype {name}; bekend zijn: {known}.").format(
            name=m[1], known=m[2]
        ),
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
        known = _WORDS.get(match[1])
        word = _(known) if known else match[1].replace("_", " ")
        words.append(f"{word} {int(match[2]) + 1}" if match[2] is not None else word)
    return ", ".join(words)


def _dutch_message(message: str) -> str:
    for pattern, dutch in _MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return dutch(match)
    return message


def dutch_notes(findings: Iterable[Finding]) -> tuple[Note, ...]:
    """The findings as notes for the appendix, in the reader's language where known."""
    return tuple(
        Note(
            _(_SEVERITY[finding.severity]),
            ", ".join(part for part in (finding.file, dutch_place(finding.where)) if part),
            _dutch_message(finding.message),
        )
        for finding in findings
    )
