"""Importing a source document into TOML: what ``sociaaldomein import`` runs."""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from sociaaldomein.findings import Finding

__all__ = ["Imported", "import_document"]


@attrs.frozen
class Imported:
    """What an import read and wrote.

    :param records: the records seen in the document; ``imported`` of them
        are in the written TOML, the rest are named by error findings.
    :param findings: the encoding's and the importer's findings.
    """

    output: Path
    records: int
    imported: int
    findings: tuple[Finding, ...]


def import_document(
    kind: str,
    path: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    force: bool = False,
) -> Imported:
    """Read a source document with the importer ``kind`` and write what it found as TOML.

    :param kind: ``projects``, ``deelopdrachten`` or ``portfolio``.
    :param force: write even when nothing was imported and ``output`` exists.
    :raises OutputError: ``output`` is the document itself, or nothing was
        imported and ``output`` exists (without ``force``); nothing is written.
    :raises LoadError: the document cannot be read.
    """
    from sociaaldomein.importers import IMPORTERS
    from sociaaldomein.io.atomic import write_atomic
    from sociaaldomein.io.limits import read_source
    from sociaaldomein.io.toml import dump_toml

    text, encoding = read_source(path)
    result = IMPORTERS[kind](text)
    imported = result.items[0]
    records: tuple[object, ...] = getattr(imported, "projects", ()) or getattr(
        imported, "assignments", ()
    )
    write_atomic(output, dump_toml(imported), inputs=[path], records=len(records), force=force)
    return Imported(Path(output), result.records_seen, len(records), (*encoding, *result.findings))
