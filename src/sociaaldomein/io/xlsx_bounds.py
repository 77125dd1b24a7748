"""Bounds on an ``.xlsx`` workbook, checked from its zip directory before anything expands.

A workbook of 403 KB that expands to 400 MB, or whose XML declares
entities, is a :class:`LoadError` naming the file and the part, never
seconds of work and gigabytes of memory first. :func:`opened_workbook` is
the one way a workbook is opened for reading: bounded first, and every way
openpyxl can fail on a damaged file a :class:`LoadError`.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sociaaldomein.errors import LoadError, SociaaldomeinError
from sociaaldomein.findings import Finding
from sociaaldomein.io.limits import DEFAULT_LIMITS, Limits, size_text
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import format_number

__all__ = ["check_workbook", "import_openpyxl", "opened_workbook"]

_MIB = 1024 * 1024


def import_openpyxl() -> Any:
    """openpyxl, imported when a workbook is read or written (an optional dependency).

    :raises SociaaldomeinError: it is not installed; the message says how to install it.
    """
    try:
        import openpyxl
    except ImportError:
        raise SociaaldomeinError(
            _("een .xlsx lezen of schrijven vraagt om openpyxl: pip install 'sociaaldomein[excel]'")
        ) from None
    return openpyxl


def check_workbook(path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Check an ``.xlsx`` file against ``limits`` before anything in it expands.

    The zip directory gives each part's stored and expanded size: the file,
    the parts together and the ratio of each are bounded from it, before a
    byte is decompressed. Then the XML parts are refused where they declare
    a document type (``<!DOCTYPE``, which carries entities; a workbook has none).

    :raises LoadError: over a limit, not a zip file, or an XML part with a document type.
    """
    import zipfile

    file = str(path)

    def refuse(message: str) -> LoadError:
        return LoadError([Finding.in_file(file, "", message)])

    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a FIFO would block the zip reader
            raise refuse(_("geen gewoon bestand"))
        size = status.st_size
        if size > limits.max_xlsx_bytes:
            raise refuse(
                _(
                    "groter dan de grens van {size}; verhoog die met"
                    " Limits({setting}=...) als het bestand klopt"
                ).format(size=size_text(limits.max_xlsx_bytes), setting="max_xlsx_bytes")
            )
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            expanded = sum(part.file_size for part in parts)
            if expanded > limits.max_xlsx_expanded_bytes:
                raise refuse(
                    _(
                        "pakt uit tot {size}, meer dan de grens van {limit}; verhoog die met"
                        " Limits(max_xlsx_expanded_bytes=...) als het bestand klopt"
                    ).format(
                        size=size_text(expanded), limit=size_text(limits.max_xlsx_expanded_bytes)
                    )
                )
            for part in parts:
                ratio = part.file_size / max(part.compress_size, 1)
                if part.file_size > _MIB and ratio > limits.max_xlsx_ratio:
                    raise refuse(
                        _(
                            "deel {part!r} pakt {ratio} keer uit ({packed} tot {size}), meer"
                            " dan {most}; geen werkmap zoals een rekenblad die opslaat"
                        ).format(
                            part=part.filename[:80],
                            ratio=format_number(round(ratio)),
                            packed=size_text(part.compress_size),
                            size=size_text(part.file_size),
                            most=limits.max_xlsx_ratio,
                        )
                    )
            for part in parts:
                if part.filename.endswith((".xml", ".rels")):
                    problem = _prolog_problem(archive, part)
                    if problem is not None:
                        raise refuse(
                            _("deel {part!r} {problem}").format(
                                part=part.filename[:80], problem=problem
                            )
                        )
    except LoadError:
        raise
    except OSError as error:
        raise refuse(_("niet te lezen: {error}").format(error=error.strerror or error)) from None
    except Exception as error:  # zipfile raises BadZipFile, zlib and struct errors
        raise refuse(_("geen .xlsx-werkmap ({error})").format(error=error)) from None


# What may come before an XML document's root: a declaration, comments, processing
# instructions, white space; a document type would come here too.
_PROLOG_END = re.compile(rb"<[A-Za-z_]")


@contextlib.contextmanager
def opened_workbook(
    openpyxl: Any, path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS
) -> Iterator[Any]:
    """The workbook at ``path`` (read-only, values not formulas), closed afterwards.

    It is checked with :func:`check_workbook` first. A file that is not a
    workbook, and a sheet whose XML fails while the caller reads it
    (openpyxl parses sheets only then), are a :class:`LoadError` naming the file.

    :param openpyxl: the module, imported by the caller (with its own message
        when the optional dependency is missing).
    """
    file = str(path)
    check_workbook(Path(path), limits)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError as error:
        raise LoadError(
            [Finding.in_file(file, "", _("niet te lezen: {error}").format(error=error))]
        ) from None
    except Exception as error:  # openpyxl raises zip, XML and key errors for non-workbooks
        raise LoadError(
            [Finding.in_file(file, "", _("geen .xlsx-werkmap ({error})").format(error=error))]
        ) from None
    try:
        yield workbook
    except LoadError:
        raise
    except Exception as error:  # a sheet's XML, parsed only now: truncated, or not XML
        raise LoadError(
            [
                Finding.in_file(
                    file,
                    "",
                    _("een blad van deze werkmap is niet te lezen ({error})").format(error=error),
                )
            ]
        ) from None
    finally:
        workbook.close()


def _prolog_problem(archive: object, part: object) -> str | None:
    """What is wrong with the XML prolog of ``part`` (read up to its root element), if anything."""
    import zipfile

    assert isinstance(archive, zipfile.ZipFile) and isinstance(part, zipfile.ZipInfo)
    seen = b""
    with archive.open(part) as stream:
        while chunk := stream.read(65536):
            seen += chunk
            if len(seen) > _MIB:
                return _(
                    "heeft geen XML-element in de eerste MiB; geen werkmap zoals een rekenblad"
                    " die opslaat"
                )
            if seen.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: read as text
                prolog = seen.decode("utf-16", "ignore").encode("utf-8", "ignore")
            else:
                prolog = seen
            root = _PROLOG_END.search(prolog)
            head = prolog if root is None else prolog[: root.start()]
            if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                return _(
                    "declareert een documenttype (<!DOCTYPE), dat entiteiten kan definiëren;"
                    " een werkmap heeft er geen"
                )
            if root is not None:
                return None
    return None
