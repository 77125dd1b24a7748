"""The run record: what a report was made from and what it wrote, as one JSON document.

Every report folder holds ``run.json`` beside the report. It names the
library and plugin versions, the set (id, version and a hash of the resolved
indicators), every input file (size, SHA-256, rows), the sources the
measurements name, the period, subject, references and options, each
indicator's result, and the SHA-256 of every file the report wrote. Keys are
sorted and the only field that changes from run to run on the same inputs is
``made``, so that two records read well in a ``git diff``.

:func:`~sociaaldomein.app.differences.compare_records` compares two records;
:mod:`sociaaldomein.app.adoption` records that a council adopted a report
and verifies the files against the record later.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sociaaldomein.core.accountability import Accountability
from sociaaldomein.errors import LoadError
from sociaaldomein.findings import Finding
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.text.language import N_, _

__all__ = [
    "RECORD_NAME",
    "RECORD_SCHEMA",
    "digest",
    "make_record",
    "output_digests",
    "read_record",
    "record_text",
]

#: The record's file name in a report folder.
RECORD_NAME = "run.json"
#: The version of the record's layout; a reader refuses a newer one.
RECORD_SCHEMA = 1
# A record is small; a "record" of more is not one (and is not read whole).
_MAX_RECORD_BYTES = 64 * 1024 * 1024


def digest(data: bytes | str | os.PathLike[str]) -> str:
    """The SHA-256 of bytes, or of a file's content (read in blocks), as hex."""
    if isinstance(data, bytes):
        return hashlib.sha256(data).hexdigest()
    sha = hashlib.sha256()
    with open(data, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def output_digests(outputs: Mapping[str, bytes | str | os.PathLike[str]]) -> dict[str, str]:
    """The SHA-256 of each output (its bytes, or the file at a path), by name, sorted."""
    return {name: digest(data) for name, data in sorted(outputs.items())}


def _rows(path: Path) -> int | None:
    """Data rows of a text table (lines after the header); None for other files."""
    if path.suffix.lower() not in (".csv", ".tsv", ".txt"):
        return None
    lines = 0
    last = b"\n"
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            lines += block.count(b"\n")
            last = block[-1:]
    if last != b"\n":
        lines += 1
    return max(lines - 1, 0)


def _name(path: Path, folder: Path) -> str:
    """A path relative to the report folder where it can be, else absolute (POSIX form)."""
    try:
        return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return path.resolve().as_posix()


def _input(path: Path, folder: Path) -> dict[str, Any]:
    return {
        "name": _name(path, folder),
        "rows": _rows(path),
        "sha256": digest(path),
        "size": path.stat().st_size,
    }


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sociaaldomein")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree
        return "onbekend"


def _plugins() -> dict[str, str]:
    """The installed distributions that provide sociaaldomein plugins, with their versions."""
    from importlib.metadata import entry_points

    found: dict[str, str] = {}
    for point in entry_points(group="sociaaldomein"):
        if point.dist is not None:
            found[point.dist.name] = point.dist.version
    return dict(sorted(found.items()))


def _text(value: object) -> Any:
    """A value as the record keeps it: exact numbers as text (``"12.50"``), others as they are."""
    if value is None or isinstance(value, bool | str):
        return value
    return str(value)


def _shown(value: object, measurement_type: MeasurementType | None) -> str | None:
    """The value as the report shows it (``76,0%``), or None without a value."""
    if value is None or measurement_type is None:
        return None
    return measurement_type.format(value)  # type: ignore[arg-type]


def _results(accountability: Accountability) -> dict[str, dict[str, Any]]:
    from sociaaldomein.core.reasons import describe_target

    indicators = {indicator.id: indicator for indicator in accountability.indicators}
    results: dict[str, dict[str, Any]] = {}
    for result in accountability.results:
        indicator = indicators[result.indicator]
        target = result.target if result.target is not None else indicator.target
        measurement_type = accountability.types.get(indicator.measurement_type)
        described = (
            describe_target(target, indicator, measurement_type)
            if target is not None and measurement_type is not None
            else None
        )
        results[result.indicator] = {
            "data_status": None if result.data_status is None else result.data_status.value,
            "name": indicator.name,
            "reason": result.reason,
            "shown": _shown(result.value, measurement_type),
            "status": result.status.value,
            "status_given": None if result.data_status is None else result.status_given,
            "target": described,
            "value": _text(result.value),
        }
    return results


def _set_hash(accountability: Accountability) -> str:
    """A hash of the resolved indicators: it changes when any target, type or text changes."""
    from sociaaldomein.io.converter import unstructure

    resolved = [unstructure(indicator) for indicator in accountability.indicators]
    text = json.dumps(resolved, sort_keys=True, ensure_ascii=False, default=str)
    return digest(text.encode("utf-8"))


def make_record(
    accountability: Accountability,
    folder: str | os.PathLike[str],
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    outputs: Mapping[str, bytes | str | os.PathLike[str]] = {},
    options: Mapping[str, Any] = {},
    made: datetime.datetime | None = None,
) -> dict[str, Any]:
    """The run record of ``accountability`` as a report in ``folder`` shows it.

    :param inputs: the files the run read (sets, plans, measurements); each
        is named relative to ``folder`` and hashed.
    :param outputs: every file the report wrote, by its name in ``folder``,
        as its bytes or its path; each is hashed.
    :param options: the options the report was made with (charts, templates, ...).
    :param made: when the record was made (now, in UTC, by default).
    """
    out = Path(folder)
    when = made or datetime.datetime.now(datetime.UTC)
    sources = Counter(
        measurement.source
        for measurement in accountability.subject_measurements or accountability.measurements
        if measurement.source
    )
    return {
        "adoption": None,
        "inputs": sorted(
            (_input(Path(path), out) for path in inputs), key=lambda entry: entry["name"]
        ),
        "made": when.isoformat(timespec="seconds"),
        "outputs": output_digests(outputs),
        "results": _results(accountability),
        "run": {
            "options": dict(sorted(options.items())),
            "period": str(accountability.period),
            "references": list(accountability.references),
            "subject": accountability.subject,
        },
        "schema": RECORD_SCHEMA,
        "set": {
            "id": accountability.set_id,
            "sha256": _set_hash(accountability),
            "title": accountability.title,
            "version": accountability.set_version,
        },
        "software": {"plugins": _plugins(), "sociaaldomein": _version()},
        "sources": [{"name": name, "rows": rows} for name, rows in sorted(sources.items())],
    }


def record_text(record: Mapping[str, Any]) -> str:
    """The record as its file holds it: sorted keys, two-space indents, a final newline."""
    return json.dumps(record, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


_KINDS = {
    int: N_("een geheel getal"),
    str: N_("tekst"),
    list: N_("een lijst"),
    dict: N_("een object"),
    type(None): N_("niets"),
}


def _found(value: object) -> str:
    named = _KINDS.get(type(value))
    return type(value).__name__ if named is None else _(named)


class _Each:
    """A JSON object of any keys whose every value has ``shape``."""

    def __init__(self, shape: object) -> None:
        self.shape = shape


# What a record must hold to be read: a type, an object with these keys ({key:
# shape}), a list of one shape ([shape]), _Each(shape), or a tuple of choices.
_SHAPE = {
    "schema": int,
    "made": str,
    "inputs": [{"name": str, "sha256": str}],
    "outputs": _Each(str),
    "results": _Each({"status": str}),
    "run": {"period": str, "subject": str},
    "set": dict,
    "adoption": (
        type(None),
        {
            "body": str,
            "date": str,
            "decision": str,
            "files": _Each(str),
            "concept": _Each(str),
        },
    ),
}


def _shape_problems(value: object, shape: object, where: str) -> list[tuple[str, str]]:
    """Each place where ``value`` is not of ``shape``, with what was expected there."""
    if isinstance(shape, tuple):
        for choice in shape:
            if not _shape_problems(value, choice, where):
                return []
        return _shape_problems(value, shape[-1], where)
    if isinstance(shape, type):
        if isinstance(value, shape) and not isinstance(value, bool):
            return []
        return [
            (
                where,
                _("verwacht {expected}, gevonden {found}").format(
                    expected=_(_KINDS[shape]), found=_found(value)
                ),
            )
        ]
    kind = list if isinstance(shape, list) else dict
    if not isinstance(value, kind):
        return [
            (
                where,
                _("verwacht {expected}, gevonden {found}").format(
                    expected=_(_KINDS[kind]), found=_found(value)
                ),
            )
        ]
    at = f"{where}." if where else ""
    if isinstance(shape, list):
        assert isinstance(value, list)
        return [
            problem
            for number, item in enumerate(value)
            for problem in _shape_problems(item, shape[0], f"{where}[{number}]")
        ]
    assert isinstance(value, dict)
    if isinstance(shape, _Each):
        return [
            problem
            for key, item in value.items()
            for problem in _shape_problems(item, shape.shape, f"{at}{key}")
        ]
    assert isinstance(shape, dict)
    return [
        problem
        for key, part in shape.items()
        for problem in _shape_problems(value.get(key), part, f"{at}{key}")
    ]


def _refuse(file: Path, where: str, message: str) -> LoadError:
    return LoadError([Finding.in_file(str(file), where, message)])


def read_record(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The record in a report folder (its ``run.json``) or in a record file.

    :raises LoadError: no record, not JSON, a newer schema, or a key missing
        or of the wrong type (named with its key).
    """
    where = Path(path)
    file = where / RECORD_NAME if where.is_dir() else where
    if not file.is_file():
        raise _refuse(
            file, "", _("geen verantwoordingsrecord: niet gemaakt met `sociaaldomein report`")
        )
    if file.stat().st_size > _MAX_RECORD_BYTES:
        raise _refuse(
            file,
            "",
            _("groter dan {count} bytes: geen record").format(count=_MAX_RECORD_BYTES),
        )
    try:
        record = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _refuse(file, "", _("geen geldige JSON ({error})").format(error=exc)) from None
    if not isinstance(record, dict):
        raise _refuse(file, "", _("verwacht een JSON-object"))
    newer = record.get("schema")
    if isinstance(newer, int) and not isinstance(newer, bool) and newer > RECORD_SCHEMA:
        raise _refuse(
            file,
            "schema",
            _(
                "versie {newer} is nieuwer dan deze versie van sociaaldomein leest ({schema});"
                " werk sociaaldomein bij"
            ).format(newer=newer, schema=RECORD_SCHEMA),
        )
    problems = [
        Finding.in_file(str(file), where, message)
        for where, message in _shape_problems(record, _SHAPE, "")
    ]
    if problems:
        raise LoadError(problems)
    return record
