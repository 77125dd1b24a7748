"""Importer for project portfolio pages such as CMO STAMM's (Drenthe).

One project per ``Aanleiding`` block, with the sections ``Uitdaging``,
``Aanpak``, ``Resultaten`` (or ``Resultaat``) and ``Opdrachtgevers``. Page
chrome (accessibility links, the copyright footer) is left out.
"""

from __future__ import annotations

import re

from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.findings import Finding
from sociaaldomein.importers._text import ImportResult, clean, error, tidy, warning
from sociaaldomein.model.project import Portfolio, Project
from sociaaldomein.text.language import _

__all__ = ["import_portfolio"]

RULE = "import.portfolio"
_SECTIONS = {
    "aanleiding": "background",
    "uitdaging": "goal",
    "aanpak": "activities",
    "resultaten": "results",
    "resultaat": "results",
    "opdrachtgevers": "commissioned_by",
    "opdrachtgever": "commissioned_by",
}
_CHROME = re.compile(
    r"^\s*(?:tekst vergroten.*|©.*|\(c\)\s*\d{4}.*|x|naar de inhoud.*|menu|zoeken|sluiten)\s*$",
    re.I,
)
_TITLE_MAX = 160


def _title(background: str, explicit: str) -> str:
    if explicit:
        return explicit.rstrip(" .")
    first = re.split(r"(?<=[.?!])\s", background, maxsplit=1)[0] if background else ""
    return (first[: _TITLE_MAX - 3] + "...") if len(first) > _TITLE_MAX else first


def import_portfolio(text: str, *, title: str = "") -> ImportResult:
    """Read a portfolio page into a :class:`Portfolio` (``items[0]``), one project per block."""
    lines = clean(text).split("\n")
    findings: list[Finding] = []
    projects: list[Project] = []
    blocks: list[tuple[int, str, dict[str, list[str]]]] = []
    pending_title: list[str] = []
    current: dict[str, list[str]] | None = None
    section: str | None = None
    for number, line in enumerate(lines, start=1):
        if _CHROME.match(line):
            continue
        key = _SECTIONS.get(line.strip().rstrip(":").casefold())
        if key == "background":
            explicit = (
                " ".join(pending_title) if current is None or not any(current.values()) else ""
            )
            current = {}
            blocks.append((number, explicit, current))
            section, pending_title = key, []
            continue
        if key is not None and current is not None:
            section = key
            continue
        if current is None:
            if line.strip():
                pending_title = [line.strip()]
            continue
        assert section is not None
        current.setdefault(section, []).append(line)
    for index, (start, explicit, sections) in enumerate(blocks, start=1):
        texts = {key: tidy(value) for key, value in sections.items()}
        name = _title(texts.get("background", ""), explicit if index == 1 else "")
        if not name:
            findings.append(error(start, _("projectblok zonder tekst; overgeslagen"), RULE))
            continue
        if index > 1 or not explicit:
            findings.append(
                warning(start, _("project heeft geen titel; genoemd naar de eerste zin"), RULE)
            )
        try:
            projects.append(
                Project(
                    number=str(index),
                    name=name,
                    background=texts.get("background", ""),
                    goal=texts.get("goal", ""),
                    activities=texts.get("activities", ""),
                    results=texts.get("results", ""),
                    commissioned_by=texts.get("commissioned_by", ""),
                )
            )
        except SociaaldomeinError as problem:
            findings.append(
                error(
                    start, _("projectblok: {problem}; overgeslagen").format(problem=problem), RULE
                )
            )
    if not blocks:
        findings.append(warning(1, _("geen projectblokken ('Aanleiding') gevonden"), RULE))
    return ImportResult((Portfolio(title, projects),), tuple(findings), len(blocks))
