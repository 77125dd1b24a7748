"""Importer for deelopdrachten as Meierijstad writes them (block B of a subsidy assignment).

One assignment per heading such as ``1a. Deelopdracht ...``; within it the
sections are recognised by their words (policy frame, task, result
measurement, changes, preconditions), whatever letter they carry, since
the source is irregular (``f. Randvoorwaarden``). Result indicators are
extracted from the result-measurement items with the targets the text
quantifies; where a reading is ambiguous, a finding says so.
"""

from __future__ import annotations

import re

from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.findings import Finding
from sociaaldomein.importers._text import ImportResult, clean, error, tidy, warning
from sociaaldomein.model.assignment import Assignment
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.indicator_set import IndicatorSet
from sociaaldomein.model.period import Period
from sociaaldomein.model.target import (
    AtLeast,
    Change,
    Direction,
    Improvement,
    Reference,
    Target,
)
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import parse_number

__all__ = ["import_assignments"]

RULE = "import.meierijstad"
_HEADING = re.compile(r"^(\d{1,2}[a-z]?)\.\s+(.*\bdeelopdracht\b.*)$", re.I)
_SECTION = re.compile(r"^\s*([a-f])\s*\.\s*(.*)$", re.I)
_SECTION_WORDS = (
    ("policy_frame", re.compile(r"uitgangspunt", re.I)),
    ("tasks", re.compile(r"^opdracht", re.I)),
    ("results", re.compile(r"^resultaat", re.I)),
    ("changes", re.compile(r"^verandert", re.I)),
    ("preconditions", re.compile(r"randvoorwaarden", re.I)),
)
_ITEM = re.compile(r"^\s*(?:\d{1,2}\s*[.)]|[a-z]\s*\.|[•·\-*]|ad\s*\d+\.?)\s*(.*)$", re.I)
_AD = re.compile(r"^\s*ad\s*\d+\s*\.?\s*$", re.I)
_SATISFACTION = re.compile(r"klanttevredenheid met een (\d+(?:[.,]\d+)?)", re.I)
_AT_LEAST = re.compile(r"(?:minimaal|ten ?minste|tenminste)\s+(\d+(?:[.,]\d+)?)\s*%", re.I)
_TOWARDS = re.compile(r"naar\s+(\d+(?:[.,]\d+)?)\s*%", re.I)
_SHARE = re.compile(r"(\d+(?:[.,]\d+)?)\s*%\s+van\s+(?:hen|de|het)\b", re.I)
_CHANGE = re.compile(
    r"met\s+(\d+(?:[.,]\d+)?)\s*%\s*(?:t\.?o\.?v\.?|ten opzichte van)"
    r"\s+(?:het\s+)?voorgaande?\s+jaar",
    re.I,
)
_BASELINE = re.compile(r"nulmeting\s+(?:in\s+)?(\d{4})", re.I)
_COMPARED_TO = re.compile(r"in vergelijking met\s+(\d{4})", re.I)
_UP = re.compile(r"\b(toename|stijging|verhogen|hogere?|meer|vergroten|behoud en toename)\b", re.I)
_DOWN = re.compile(r"\b(beperken|daling|afname|minder|verminderen|verlagen)\b", re.I)
_COUNT = re.compile(r"\baantal\b", re.I)
_QUANTIFIED = re.compile(r"\d\s*%|klanttevredenheid met een", re.I)


def _indicator(
    code: str, index: int, text: str, line: int, findings: list[Finding]
) -> list[Indicator]:
    """The indicators one result item describes (a satisfaction grade can come on top)."""
    found: list[Indicator] = []
    base = f"{code}.resultaat-{index}"
    name = text.split(". Net als")[0].strip().rstrip(".;") or text.strip()
    name = name[:200]
    if match := _SATISFACTION.search(text):
        found.append(
            Indicator(
                f"{base}.tevredenheid",
                f"Klanttevredenheid: {name}",
                "grade",
                target=AtLeast(parse_number(match.group(1))),
                themes=["klanttevredenheid"],
            )
        )
        if name.lower().startswith(("tevredenheid", "(tevredenheid", "resultaten/rapportage")):
            return found
    target: Target | None = None
    direction: Direction | None = None
    measurement_type = "count" if _COUNT.search(text) else "qualitative"
    baseline: Period | None = None
    if match := _BASELINE.search(text) or _COMPARED_TO.search(text):
        baseline = Period.year(int(match.group(1)))
    if match := _CHANGE.search(text):
        direction = Direction.HIGHER_IS_BETTER
        target = Change(parse_number(match.group(1)), relative=True, against=Reference.PREVIOUS)
        measurement_type = "count" if measurement_type == "count" else "percentage"
        findings.append(
            warning(
                line,
                _(
                    "'{text}' is dubbelzinnig (relatief of procentpunten); opgeslagen als een"
                    " relatieve verandering ten opzichte van het vorige jaar"
                ).format(text=match.group(0)),
                RULE,
            )
        )
    elif match := _AT_LEAST.search(text) or _TOWARDS.search(text) or _SHARE.search(text):
        target, measurement_type = AtLeast(parse_number(match.group(1))), "percentage"
    elif _UP.search(text) or _DOWN.search(text):
        direction = (
            Direction.LOWER_IS_BETTER
            if _DOWN.search(text) and not _UP.search(text)
            else Direction.HIGHER_IS_BETTER
        )
        against = Reference.BASELINE if baseline else Reference.PREVIOUS
        target = Improvement(against)
        if measurement_type == "qualitative":
            measurement_type = "count"
            findings.append(
                warning(
                    line,
                    _(
                        "resultaat met alleen een richting gelezen als een stijgende lijn van een"
                        " aantal: {name!r}"
                    ).format(name=name),
                    RULE,
                )
            )
    found.insert(
        0,
        Indicator(
            base,
            name,
            measurement_type,
            direction=direction,
            target=target,
            baseline_period=baseline,
        ),
    )
    return found


def _items(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """List items (numbered, lettered, bulleted, 'Ad 1.'), each with its continuation lines."""
    items: list[tuple[int, list[str]]] = []
    loose: list[tuple[int, str]] = []
    for number, line in lines:
        if not line.strip():
            continue
        if _AD.match(line):
            continue
        if match := _ITEM.match(line):
            items.append((number, [match.group(1)]))
        elif items and line.startswith((" ", "\t")):
            items[-1][1].append(line)
        else:
            loose.append((number, line))
    result = [(number, tidy(parts)) for number, parts in items if tidy(parts)]
    if not result:
        return [(n, tidy([t])) for n, t in loose if t.strip()]
    # Text outside the list still counts where it states a target.
    quantified = [(n, tidy([t])) for n, t in loose if _QUANTIFIED.search(t)]
    return sorted(result + quantified)


def _build(
    code: str,
    title: str,
    start: int,
    sections: dict[str, list[tuple[int, str]]],
    findings: list[Finding],
) -> Assignment | None:
    indicators: list[Indicator] = []
    seen: set[str] = set()
    for index, (line, text) in enumerate(_items(sections.get("results", [])), start=1):
        try:
            for indicator in _indicator(code, index, text, line, findings):
                if indicator.id not in seen:
                    seen.add(indicator.id)
                    indicators.append(indicator)
        except SociaaldomeinError as problem:
            findings.append(
                warning(
                    line,
                    _("resultaat niet gelezen als indicator: {problem}").format(problem=problem),
                    RULE,
                )
            )
    if not sections.get("results"):
        findings.append(
            warning(
                start, _("deelopdracht {code} heeft geen resultaatmeting").format(code=code), RULE
            )
        )
    try:
        return Assignment(
            code=code,
            title=tidy([title]),
            policy_frame=tidy([t for _line, t in sections.get("policy_frame", [])]),
            tasks=[text for _line, text in _items(sections.get("tasks", []))],
            indicators=indicators,
            changes=tidy([t for _line, t in sections.get("changes", [])]),
            preconditions=[text for _line, text in _items(sections.get("preconditions", []))],
        )
    except SociaaldomeinError as problem:
        findings.append(
            error(
                start,
                _("deelopdracht {code}: {problem}; overgeslagen").format(
                    code=code, problem=problem
                ),
                RULE,
            )
        )
        return None


def import_assignments(text: str, *, set_id: str = "deelopdrachten") -> ImportResult:
    """Read deelopdrachten into an :class:`IndicatorSet` of assignments (``items[0]``)."""
    lines = clean(text).split("\n")
    findings: list[Finding] = []
    assignments: list[Assignment] = []
    codes: set[str] = set()
    current: tuple[str, str, int] | None = None
    sections: dict[str, list[tuple[int, str]]] = {}
    section: str | None = None
    records = 0

    def finish() -> None:
        if current is None:
            return
        code, title, start = current
        if code in codes:
            findings.append(
                error(
                    start,
                    _("deelopdracht {code} komt twee keer voor; overgeslagen").format(code=code),
                    RULE,
                )
            )
            return
        assignment = _build(code, title, start, sections, findings)
        if assignment is not None:
            codes.add(code)
            assignments.append(assignment)

    for number, line in enumerate(lines, start=1):
        if match := _HEADING.match(line):
            finish()
            records += 1
            current, sections, section = (match.group(1).lower(), match.group(2), number), {}, None
            continue
        if current is None:
            continue
        if match := _SECTION.match(line):
            heading = match.group(2)
            kind = next((key for key, words in _SECTION_WORDS if words.search(heading)), None)
            if kind is not None:
                section = kind
                rest = re.sub(r"^[^:]*:\s*", "", heading) if ":" in heading else ""
                if rest.strip():
                    sections.setdefault(section, []).append((number, rest))
                continue
        if section is None:
            sections.setdefault("policy_frame", []).append((number, line))
        else:
            sections.setdefault(section, []).append((number, line))
    finish()
    if records == 0:
        findings.append(
            warning(1, _("geen koppen van deelopdrachten ('1a. Deelopdracht ...') gevonden"), RULE)
        )
    result_set = IndicatorSet(set_id, "Geïmporteerde deelopdrachten", assignments=assignments)
    return ImportResult((result_set,), tuple(findings), records)
