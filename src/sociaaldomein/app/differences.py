"""What changed between two accountability runs, read from their records.

In spring a report rests on provisional figures; in autumn they are revised
and the analyst says what changed. :func:`compare_records` compares two run
records (see :mod:`sociaaldomein.app.record`) per indicator: a value revised
(and its data status), a verdict changed, a target changed, an indicator
added or retired; and beside them the set's version and the input files.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from sociaaldomein.text.language import N_, _

__all__ = ["Difference", "Differences", "compare_records", "differences_since"]

_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
#: The kinds of change, in the order a reader wants them.
KINDS = ("value", "data_status", "status", "target", "added", "retired", "set", "input")
_KIND_WORDS = {
    "value": N_("waarde herzien"),
    "data_status": N_("status van de gegevens"),
    "status": N_("beoordeling"),
    "target": N_("doel"),
    "added": N_("nieuwe indicator"),
    "retired": N_("indicator vervallen"),
    "set": N_("indicatorenset"),
    "input": N_("invoerbestand"),
}


@attrs.frozen
class Difference:
    """One difference between two runs.

    :param kind: one of ``value``, ``data_status``, ``status``, ``target``,
        ``added``, ``retired``, ``set``, ``input``.
    :param subject: the indicator id, the set id or the input file's name.
    :param name: what a reader calls it (the indicator's name, or ``subject``).
    :param old: the earlier value as text (empty where there was none).
    :param new: the later value as text (empty where there is none).
    """

    kind: str
    subject: str
    name: str
    old: str = ""
    new: str = ""

    @property
    def what(self) -> str:
        """The kind of change in words (``waarde herzien``, ``beoordeling``)."""
        return _(_KIND_WORDS[self.kind])

    @property
    def dutch(self) -> str:
        """One line in Dutch: what changed, from what to what."""
        what = self.what
        if self.kind == "added":
            return f"{self.name}: {what}"
        if self.kind == "retired":
            return f"{self.name}: {what}"
        if not self.old:
            return _("{name}: {what} toegevoegd ({new})").format(
                name=self.name, what=what, new=self.new
            )
        if not self.new:
            return _("{name}: {what} verwijderd (was {old})").format(
                name=self.name, what=what, old=self.old
            )
        return f"{self.name}: {what} {self.old} → {self.new}"

    def as_json(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "name": self.name,
            "old": self.old,
            "new": self.new,
        }


@attrs.frozen
class Differences:
    """Every difference from an earlier run to a later one, indicators first.

    :param old: the earlier run's subject and period (``Assen, 2024``).
    :param new: the later run's.
    :param made: when each record was made (earlier, later).
    """

    old: str
    new: str
    changes: tuple[Difference, ...]
    made: tuple[str, str] = ("", "")

    def __bool__(self) -> bool:
        return bool(self.changes)

    def of_kind(self, kind: str) -> tuple[Difference, ...]:
        """The changes of one kind (``value``, ``status``, ...)."""
        return tuple(change for change in self.changes if change.kind == kind)

    def as_json(self) -> dict[str, Any]:
        """The changes as ``diff --format json`` writes them (schema 1)."""
        return {
            "schema": 1,
            "old": self.old,
            "new": self.new,
            "made": list(self.made),
            "changes": [change.as_json() for change in self.changes],
        }

    def text(self) -> str:
        """A plain-text list, one change a line."""
        head = _("Wijzigingen van {old} (gemaakt {made}) naar {new} (gemaakt {remade}):").format(
            old=self.old, made=self.made[0], new=self.new, remade=self.made[1]
        )
        if not self.changes:
            return f"{head}\n  " + _("geen wijzigingen")
        return "\n".join([head, *(f"  {change.dutch}" for change in self.changes)])

    def markdown(self) -> str:
        """A Markdown table, every text from the records escaped."""
        from sociaaldomein.text.escape import escape_markdown

        title = _("Wijzigingen van {old} naar {new}").format(
            old=escape_markdown(self.old), new=escape_markdown(self.new)
        )
        lines = [f"# {title}", ""]
        if not self.changes:
            return "\n".join([*lines, _("Geen wijzigingen."), ""])
        heads = (_("Wat"), _("Soort"), _("Was"), _("Wordt"))
        lines += ["| " + " | ".join(heads) + " |", "| --- | --- | --- | --- |"]
        for change in self.changes:
            cells = (change.name, change.what, change.old, change.new)
            lines.append("| " + " | ".join(escape_markdown(cell) for cell in cells) + " |")
        return "\n".join([*lines, ""])


def _value_text(result: Mapping[str, Any]) -> str:
    if result.get("shown"):
        return str(result["shown"])
    value = result.get("value")
    if value is None:
        return _("geen waarde")
    if value is True:
        return _("ja")
    if value is False:
        return _("nee")
    text = str(value)
    # Numbers are kept as exact text ("12.5"); shown the Dutch way.
    return text.replace(".", ",") if _NUMBER.fullmatch(text) else text


def _data_status(result: Mapping[str, Any]) -> str:
    from sociaaldomein.model.measurement import DataStatus

    code = result.get("data_status")
    try:
        return DataStatus(code).dutch if code else _("niet opgegeven")
    except ValueError:
        return str(code)


def _status(result: Mapping[str, Any]) -> str:
    from sociaaldomein.core.verdict import Status

    code = str(result.get("status"))
    try:
        return Status(code).dutch
    except ValueError:
        return str(code)


def _indicator_changes(
    old: Mapping[str, Mapping[str, Any]], new: Mapping[str, Mapping[str, Any]]
) -> list[Difference]:
    changes: list[Difference] = []
    for indicator, after in new.items():
        name = str(after.get("name") or indicator)
        before = old.get(indicator)
        if before is None:
            changes.append(Difference("added", indicator, name, "", _value_text(after)))
            continue
        if before.get("value") != after.get("value"):
            changes.append(
                Difference(
                    "value",
                    indicator,
                    name,
                    f"{_value_text(before)} ({_data_status(before)})",
                    f"{_value_text(after)} ({_data_status(after)})",
                )
            )
        elif before.get("data_status") != after.get("data_status"):
            changes.append(
                Difference(
                    "data_status", indicator, name, _data_status(before), _data_status(after)
                )
            )
        if before.get("status") != after.get("status"):
            changes.append(Difference("status", indicator, name, _status(before), _status(after)))
        if before.get("target") != after.get("target"):
            changes.append(
                Difference(
                    "target",
                    indicator,
                    name,
                    str(before.get("target") or ""),
                    str(after.get("target") or ""),
                )
            )
    for indicator, before in old.items():
        if indicator not in new:
            name = str(before.get("name") or indicator)
            changes.append(Difference("retired", indicator, name, _value_text(before), ""))
    return changes


def _input_changes(old: list[Any], new: list[Any]) -> list[Difference]:
    before = {entry.get("name"): entry for entry in old if isinstance(entry, dict)}
    after = {entry.get("name"): entry for entry in new if isinstance(entry, dict)}
    changes: list[Difference] = []
    for name in sorted(set(before) | set(after), key=str):
        was, now = before.get(name), after.get(name)
        if was is not None and now is not None and was.get("sha256") == now.get("sha256"):
            continue

        def shown(entry: Mapping[str, Any] | None) -> str:
            if entry is None:
                return ""
            rows = entry.get("rows")
            size = f"{rows} rijen" if rows is not None else f"{entry.get('size')} bytes"
            return f"{size}, sha256 {str(entry.get('sha256', ''))[:12]}"

        changes.append(Difference("input", str(name), str(name), shown(was), shown(now)))
    return changes


def _run_name(record: Mapping[str, Any]) -> str:
    from sociaaldomein.errors import SociaaldomeinError
    from sociaaldomein.model.period import Period

    run = record.get("run", {})
    period = str(run.get("period", "?"))
    with contextlib.suppress(SociaaldomeinError):
        period = Period.parse(period).dutch()
    return f"{run.get('subject', '?')}, {period}"


def compare_records(old: Mapping[str, Any], new: Mapping[str, Any]) -> Differences:
    """What changed from the run recorded in ``old`` to the one in ``new``.

    Per indicator, in the later run's order: a revised value (shown with the
    data status before and after), a data status that changed with the same
    value, a changed verdict, a changed target; then indicators added and
    retired, a new set version, and input files that changed, came or went.
    """
    changes = _indicator_changes(old.get("results", {}), new.get("results", {}))
    was, now = old.get("set", {}), new.get("set", {})
    if (was.get("id"), was.get("version"), was.get("sha256")) != (
        now.get("id"),
        now.get("version"),
        now.get("sha256"),
    ):

        def version(entry: Mapping[str, Any]) -> str:
            text = f"{entry.get('id') or entry.get('title', '')} versie {entry.get('version')}"
            return f"{text} ({str(entry.get('sha256', ''))[:12]})"

        changes.append(
            Difference("set", str(now.get("id", "")), "indicatorenset", version(was), version(now))
        )
    changes += _input_changes(old.get("inputs", []), new.get("inputs", []))
    return Differences(
        _run_name(old),
        _run_name(new),
        tuple(changes),
        (str(old.get("made", "")), str(new.get("made", ""))),
    )


def differences_since(earlier: str | os.PathLike[str], record: Mapping[str, Any]) -> Differences:
    """What changed since the report in the folder (or record file) ``earlier``.

    :raises LoadError: ``earlier`` holds no readable record.
    """
    from sociaaldomein.app.record import read_record

    return compare_records(read_record(Path(earlier)), record)
