"""Importer for Holland Rijnland's overviews of project applications (CMO support, 2010).

Each overview has ``Cluster:`` headers and one record per ``Nummer project:``
block with labelled fields. Names of people among the submitters are left
out (with a finding): only organisations go into the model.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.findings import Finding
from sociaaldomein.importers._text import ImportResult, clean, error, tidy, warning
from sociaaldomein.model.parties import Municipality, Organisation
from sociaaldomein.model.period import Period, parse_dutch_date
from sociaaldomein.model.prestatieveld import Prestatieveld
from sociaaldomein.model.project import Portfolio, Project
from sociaaldomein.text.language import _

__all__ = ["import_project_overview"]

RULE = "import.holland-rijnland"
_LABELS = {
    "nummer project": "number",
    "naam project": "name",
    "indiener(s)": "submitters",
    "gemeente 1": "municipality",
    "gemeente 2": "municipality",
    "gemeente 3": "municipality",
    "start project": "start",
    "project eindigt": "end",
    "vallend onder prestatieveld": "prestatievelden",
    "onder welk cluster valt het project": "cluster_field",
    "aanleiding, achtergrond, probleem, vraag, belang": "background",
    "doel project": "goal",
    "resultaten": "results",
    "uit te voeren activiteiten": "activities",
    "begroting uren": "hours",
}
_LABEL = re.compile(
    r"^\s*(" + "|".join(re.escape(label) for label in _LABELS) + r")\s*:\s*(.*)$", re.I
)
_CLUSTER = re.compile(r"^\s*Cluster\s*:\s*(.*?)\s*$", re.I)
_NOT_CHOSEN = "maak uw keuze"
_NUMBERED = re.compile(r"^\s*\d+\s*[.)]\s*\S")
_PARENTHESES = re.compile(r"\(([^()]*)\)")
# A submitter written as a person's name: capitalised words, maybe with a
# Dutch infix (van, de, 't ...). Such entries are left out.
_PERSON = re.compile(
    r"^[A-Z][a-zé]+(?:\s+(?:van|de|der|den|het|'t|te|ten|ter|in|op|la|le|du))*"
    r"(?:\s+[A-Z][\w'-]+)+$"
)
_ORGANISATION_WORDS = re.compile(
    r"\b(?:rijnland|rijnstreek|gemeente|stichting|ggd|welzijn|vereniging|roc|centrum|platform)\b",
    re.I,
)


def _submitters(text: str, line: int, findings: list[Finding]) -> list[Organisation]:
    organisations = [part.strip() for part in _PARENTHESES.findall(text) if part.strip()]
    if organisations:
        if _PARENTHESES.sub("", text).strip(" ,;/"):
            findings.append(
                warning(line, _("de namen van personen onder de indieners weggelaten"), RULE)
            )
        return [Organisation(name) for name in dict.fromkeys(organisations)]
    kept = []
    for part in re.split(r"\s*[,;/]\s*|\s+en\s+", text):
        part = part.strip()
        if not part:
            continue
        if _PERSON.match(part) and not _ORGANISATION_WORDS.search(part):
            findings.append(
                warning(line, _("een indiener weggelaten die op een persoonsnaam lijkt"), RULE)
            )
            continue
        kept.append(Organisation(part))
    return kept


def _build(
    fields: dict[str, list[tuple[int, str]]], cluster: str, start_line: int, findings: list[Finding]
) -> Project | None:
    def first(key: str) -> tuple[int, str]:
        values = fields.get(key) or [(start_line, "")]
        line, text = values[0]
        return line, tidy([text] + [t for _line, t in values[1:]])

    number = first("number")[1]
    name = first("name")[1]
    if not number or not name:
        missing = (
            _("projectrecord zonder nummer; overgeslagen")
            if not number
            else _("projectrecord zonder naam; overgeslagen")
        )
        findings.append(error(start_line, missing, RULE))
        return None
    submitters: list[Organisation] = []
    for sub_line, text in fields.get("submitters", []):
        submitters += _submitters(text, sub_line, findings)
    municipalities = []
    for _line, text in fields.get("municipality", []):
        text = text.strip()
        if text and text.casefold() != _NOT_CHOSEN:
            municipalities.append(Municipality(text))
    dates: dict[str, Period | None] = {}
    for key in ("start", "end"):
        date_line, text = first(key)
        dates[key] = None
        if text:
            try:
                dates[key] = parse_dutch_date(text)
            except SociaaldomeinError as problem:
                findings.append(
                    warning(
                        date_line,
                        (
                            _("begindatum niet gelezen: {problem}")
                            if key == "start"
                            else _("einddatum niet gelezen: {problem}")
                        ).format(problem=problem),
                        RULE,
                    )
                )
    fields_found = []
    for field_line, text in fields.get("prestatievelden", []):
        if _NUMBERED.match(text):
            try:
                fields_found.append(Prestatieveld.lookup(text))
            except SociaaldomeinError as problem:
                findings.append(warning(field_line, str(problem).splitlines()[0], RULE))
    hours = None
    hours_line, hours_text = first("hours")
    if hours_text:
        try:
            hours = Decimal(hours_text.split()[0].replace(",", "."))
        except (InvalidOperation, IndexError):
            findings.append(
                warning(
                    hours_line,
                    _("begrote uren {text!r} zijn geen getal").format(text=hours_text),
                    RULE,
                )
            )
    try:
        return Project(
            number=number,
            name=name,
            submitters=submitters,
            municipalities=municipalities,
            start=dates["start"],
            end=dates["end"],
            prestatievelden=list(dict.fromkeys(fields_found)),
            cluster=cluster,
            background=first("background")[1],
            goal=first("goal")[1],
            results=first("results")[1],
            activities=first("activities")[1],
            budget_hours=hours if hours is None or hours >= 0 else None,
        )
    except SociaaldomeinError as problem:
        findings.append(
            error(
                start_line,
                _("project {number}: {problem}; overgeslagen").format(
                    number=number, problem=problem
                ),
                RULE,
            )
        )
        return None


def import_project_overview(text: str) -> ImportResult:
    """Read an overview of project applications into a :class:`Portfolio`.

    :return: one portfolio (``items[0]``) with a project per record, and
        findings (with line numbers) for what could not be read.
    """
    lines = clean(text).split("\n")
    findings: list[Finding] = []
    projects: list[Project] = []
    cluster = ""
    title = next((line.strip() for line in lines if line.strip()), "")
    fields: dict[str, list[tuple[int, str]]] | None = None
    current: str | None = None
    start_line = 0
    records = 0

    def finish() -> None:
        if fields is not None:
            project = _build(fields, record_cluster, start_line, findings)
            if project is not None:
                projects.append(project)

    record_cluster = ""
    for number, line in enumerate(lines, start=1):
        if match := _CLUSTER.match(line):
            finish()
            fields, current = None, None
            cluster = match.group(1)
            continue
        if match := _LABEL.match(line):
            key = _LABELS[match.group(1).casefold()]
            if key == "number":
                finish()
                records += 1
                fields, start_line, record_cluster = {}, number, cluster
            if fields is None:
                findings.append(
                    warning(
                        number,
                        _("veld {field!r} buiten een project").format(field=match.group(1)),
                        RULE,
                    )
                )
                current = None
                continue
            current = key
            fields.setdefault(key, []).append((number, match.group(2)))
            continue
        if fields is not None and current is not None:
            fields[current].append((number, line))
    finish()
    if records == 0:
        findings.append(warning(1, _("geen projectrecords ('Nummer project:') gevonden"), RULE))
    return ImportResult((Portfolio(title, projects),), tuple(findings), records)
