"""Helpers the importers share: cleaning text exported from Word and web pages."""

from __future__ import annotations

import html
import re

import attrs

from sociaaldomein.findings import Finding, Severity

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(?:\+31|0031|0)[\s-]?(?:\d[\s-]?){9}(?!\d)")
_SPACES = re.compile(r"[ \t\u00a0]+")
# A character reference beyond Unicode (&#99999999;) is no character: keep it as text,
# and never hand html.unescape a number of thousands of digits.
_HUGE_REFERENCE = re.compile(r"&(#(?:[xX][0-9a-fA-F]{7,}|[0-9]{8,}))")


def clean(text: str) -> str:
    """Decode character references (``&#146;``), drop NULs and unify line ends."""
    text = _HUGE_REFERENCE.sub(r"&amp;\1", text.replace("\x00", ""))
    text = html.unescape(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def scrub(text: str) -> str:
    """Remove e-mail addresses and phone numbers: no contact details in the output."""
    return _PHONE.sub("[telefoonnummer verwijderd]", _EMAIL.sub("[e-mailadres verwijderd]", text))


def tidy(lines: list[str]) -> str:
    """Join lines into paragraphs: trim each line, keep blank lines as breaks."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        stripped = _SPACES.sub(" ", line).strip()
        if stripped:
            current.append(stripped)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return scrub("\n\n".join(paragraphs))


def warning(line: int, message: str, rule: str) -> Finding:
    return Finding(Severity.WARNING, message, where=f"line {line}", rule=rule)


def error(line: int, message: str, rule: str) -> Finding:
    return Finding(Severity.ERROR, message, where=f"line {line}", rule=rule)


@attrs.frozen
class ImportResult:
    """What an importer read: the model objects, and findings for what it could not.

    Every record the importer saw in the text is either in :attr:`items` or
    named by an error finding with the ``line`` it starts on.
    """

    items: tuple[object, ...]
    findings: tuple[Finding, ...]
    records_seen: int
