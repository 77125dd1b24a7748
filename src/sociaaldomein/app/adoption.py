"""Adoption (vaststelling) of a report, and verifying a report folder against its record.

A report is a concept until the council adopts it. :func:`adopt` records the
adoption (by which body, when, under which decision) in the folder's run
record, over the SHA-256 of every file the report wrote, and replaces the
report's "concept" line with the adoption. :func:`verify_report` checks every file
against the record later and names each that differs, and that the adopted
report says what the concept said. A folder holding an adopted report is
never written into again (:func:`refuse_if_adopted`): a new run goes to a new
folder, and ``sociaaldomein diff`` shows what changed.
"""

from __future__ import annotations

import datetime
import html
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from sociaaldomein.app.record import RECORD_NAME, digest, read_record, record_text
from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.text.language import N_

__all__ = [
    "CONCEPT",
    "STATE_END",
    "STATE_START",
    "Adoption",
    "AdoptionError",
    "adopt",
    "refuse_if_adopted",
    "verify_report",
]

#: The markers around the report's state line, in report.md and report.html.
STATE_START = "<!-- vaststelling -->"
STATE_END = "<!-- /vaststelling -->"
#: The state line of a report that is not adopted yet.
#: The state line of a report not yet adopted (a msgid: the report shows it translated).
CONCEPT = N_("Concept: deze verantwoording is nog niet vastgesteld.")
# The report files that carry the state line.
_STATED = ("report.html", "report.md")


class AdoptionError(SociaaldomeinError):
    """A report cannot be adopted, or a folder with an adopted report not written into."""


@attrs.frozen
class Adoption:
    """Who adopted a report, when, and under which decision.

    :param body: the body that adopted it (``gemeenteraad``).
    :param date: the date of the decision.
    :param decision: the decision's number or title.
    """

    body: str
    date: datetime.date
    decision: str

    @property
    def dutch(self) -> str:
        """The state line of the adopted report."""
        from sociaaldomein.model.period import Period

        return (
            f"Vastgesteld door {self.body} op {Period.day(self.date).dutch()}"
            f" (besluit: {self.decision})."
        )


def _state(text: str, name: str) -> tuple[int, int]:
    """Where the state line's content starts and ends in a report file."""
    start = text.find(STATE_START)
    end = text.find(STATE_END)
    if start < 0 or end < start or text.count(STATE_START) != 1:
        raise AdoptionError(
            f"{name} heeft geen (of meer dan één) regel voor de vaststelling"
            f" tussen {STATE_START} en {STATE_END}; maak het rapport opnieuw"
            " met de meegeleverde sjablonen"
        )
    return start + len(STATE_START), end


def _stamp(text: str, name: str, line: str) -> tuple[str, str]:
    """``text`` with the state line replaced by ``line``, and the content it replaced."""
    start, end = _state(text, name)
    if name.endswith(".html"):
        shown = f'\n<p class="state adopted">{html.escape(line)}</p>\n'
    else:
        from sociaaldomein.text.escape import escape_markdown

        shown = f"\n**{escape_markdown(line)}**\n"
    return text[:start] + shown + text[end:], text[start:end]


def adopt(
    folder: str | os.PathLike[str], *, body: str, date: datetime.date | str, decision: str
) -> dict[str, Any]:
    """Record that the report in ``folder`` was adopted; give the new record.

    The files must still be as the record says (checked first); the state
    line of report.md and report.html becomes the adoption, and the record
    keeps the hash of every file after that, with what the line said before.

    :raises AdoptionError: already adopted, a file differs from the record,
        or a text is empty.
    :raises LoadError: the folder holds no readable record.
    """
    from sociaaldomein.io.atomic import write_files

    out = Path(folder)
    record = read_record(out)
    if record.get("adoption"):
        raise AdoptionError(f"{out} is al vastgesteld: {_adopted_line(record['adoption'])}")
    for name, text in (("orgaan", body), ("besluit", decision)):
        if not text.strip():
            raise AdoptionError(f"{name}: geef een tekst")
    when = date if isinstance(date, datetime.date) else _date(date)
    differs = verify_report(out)
    if differs:
        raise AdoptionError(
            "de bestanden wijken af van het record; niet vastgesteld:\n  " + "\n  ".join(differs)
        )
    adoption = Adoption(body.strip(), when, decision.strip())
    stamped: dict[str | os.PathLike[str], str] = {}
    concept: dict[str, str] = {}
    for name in _STATED:
        if name not in record["outputs"]:
            continue
        text = (out / name).read_text(encoding="utf-8")
        stamped[out / name], concept[name] = _stamp(text, name, adoption.dutch)
    files = {
        name: digest(stamped[out / name].encode("utf-8") if out / name in stamped else out / name)
        for name in record["outputs"]
    }
    record = {
        **record,
        "adoption": {
            "body": adoption.body,
            "concept": concept,
            "date": when.isoformat(),
            "decision": adoption.decision,
            "files": files,
        },
    }
    stamped[out / RECORD_NAME] = record_text(record)
    write_files(stamped)
    return record


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise AdoptionError(
            f"datum: {text!r} is geen datum; schrijf jjjj-mm-dd (2025-06-30)"
        ) from None


def _adopted_line(adoption: Mapping[str, Any]) -> str:
    return (
        f"door {adoption.get('body')} op {adoption.get('date')}"
        f" (besluit: {adoption.get('decision')})"
    )


def verify_report(folder: str | os.PathLike[str]) -> tuple[str, ...]:
    """What in ``folder`` differs from its record, one Dutch line per file; empty if nothing.

    Every file the report wrote, and every input it was made from (where the
    record names it, relative to ``folder``), is named when it is missing or
    its content has another SHA-256 than the record holds. For an adopted
    report, report.md and report.html must also say what the concept said,
    but for the adoption line.

    :raises LoadError: the folder holds no readable record.
    """
    out = Path(folder)
    record = read_record(out)
    adoption = record.get("adoption")
    expected: Mapping[str, str] = adoption["files"] if adoption else record["outputs"]
    problems = [
        f"{name}: {problem}"
        for name, sha in sorted(expected.items())
        if (problem := _differs(out / name, sha))
    ]
    problems += [
        f"invoer {entry['name']}: {problem}"
        for entry in record["inputs"]
        if isinstance(entry, dict)
        and isinstance(entry.get("name"), str)
        and (problem := _differs(out / entry["name"], entry.get("sha256")))
    ]
    if adoption:
        for name, before in adoption.get("concept", {}).items():
            path = out / name
            if not path.is_file() or any(p.startswith(f"{name}: ") for p in problems):
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            try:
                start, end = _state(text, name)
            except AdoptionError as exc:
                problems.append(str(exc))
                continue
            concept = text[:start] + before + text[end:]
            if digest(concept.encode("utf-8")) != record["outputs"].get(name):
                problems.append(f"{name}: zegt iets anders dan het vastgestelde concept")
    return tuple(problems)


def _differs(path: Path, sha: object) -> str:
    """Why ``path`` is not the file the record names (empty when it is)."""
    try:
        # Only a regular file is hashed: a record naming a device is not read.
        if not path.is_file():
            return "ontbreekt"
        return "" if digest(path) == sha else "de inhoud wijkt af van het record"
    except (OSError, ValueError) as exc:  # a name with a NUL byte, a file not readable
        return f"niet te lezen ({exc.__class__.__name__})"


def refuse_if_adopted(folder: str | os.PathLike[str]) -> None:
    """Raise if ``folder`` holds an adopted report (or a record that cannot be read).

    :raises AdoptionError: a new run may not replace what a council adopted.
    """
    from sociaaldomein.errors import LoadError

    record_file = Path(folder) / RECORD_NAME
    if not record_file.exists():
        return
    try:
        record = read_record(record_file)
    except LoadError as exc:
        raise AdoptionError(
            f"{record_file} is geen leesbaar record ({exc}); kies een andere map of"
            " verwijder het bestand als het geen vastgestelde verantwoording hoort"
        ) from None
    if record.get("adoption"):
        raise AdoptionError(
            f"{folder} bevat een vastgestelde verantwoording"
            f" ({_adopted_line(record['adoption'])}); schrijf een nieuwe run naar een"
            " nieuwe map (-o) en vergelijk ze met `sociaaldomein diff`"
        )
