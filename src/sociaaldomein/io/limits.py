"""Bounds on what the loaders read, checked before any parsing.

A file larger than its limit, a file of NUL bytes (``/dev/zero``), TOML
nested deeper than a person writes, or a number of thousands of digits is
a :class:`LoadError` naming the file (and the line), never a hang, a
memory blow-up or a ``RecursionError``.
"""

from __future__ import annotations

import functools
import os
import re
from decimal import Decimal
from pathlib import Path

import attrs

from sociaaldomein.errors import LoadError
from sociaaldomein.findings import Finding, Severity
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import format_number

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "check_digits",
    "decode_text",
    "read_bounded",
    "read_source",
    "scan_toml",
    "size_text",
]

_MIB = 1024 * 1024
_CHUNK = _MIB
_NEWLINE = b"\n"


@attrs.frozen
class Limits:
    """How much the loaders read; pass your own to ``read_measurements`` or ``read_toml``.

    :param max_csv_bytes: largest measurements file (256 MiB holds about five
        million rows).
    :param max_toml_bytes: largest TOML file.
    :param max_toml_depth: deepest nesting of arrays, tables and dotted keys
        in TOML.
    :param max_source_bytes: largest source document for an importer.
    :param max_digits: a run of more digits is named as the line at fault
        when the TOML parser refuses a number (Python reads at most 4,300).
    :param max_xlsx_bytes: largest ``.xlsx`` workbook, as stored.
    :param max_xlsx_expanded_bytes: the most its parts may expand to, all
        together, as the zip directory states it (reading never goes
        beyond what it states: the zip reader stops there).
    :param max_xlsx_ratio: the most a part over 1 MiB may expand relative
        to its stored size (a zip bomb expands a thousandfold).
    """

    max_csv_bytes: int = 256 * _MIB
    max_toml_bytes: int = 16 * _MIB
    max_toml_depth: int = 32
    max_source_bytes: int = 64 * _MIB
    max_digits: int = 100
    max_xlsx_bytes: int = 64 * _MIB
    max_xlsx_expanded_bytes: int = 512 * _MIB
    max_xlsx_ratio: int = 100


#: The limits used when none are given.
DEFAULT_LIMITS = Limits()


def size_text(count: int) -> str:
    """A file size as a message names it: ``64,0 MiB`` or ``1.000 bytes``."""
    if count >= _MIB:
        return format_number(round(Decimal(count) / _MIB, 1), decimals=1) + " MiB"
    return _("{count} bytes").format(count=format_number(count))


def read_bounded(path: Path, limit: int, *, setting: str = "max_csv_bytes") -> bytes:
    """The bytes of ``path``, read in chunks and never more than ``limit`` (plus one chunk).

    :raises LoadError: the file is larger than ``limit``, holds NUL bytes (so
        it is not text; this also stops ``/dev/zero`` at the first chunk), or
        cannot be read.
    """
    chunks: list[bytes] = []
    total = 0
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                if b"\x00" in chunk:
                    offset = total + chunk.index(b"\x00")
                    raise LoadError(
                        [
                            Finding.in_file(
                                str(path),
                                "",
                                _(
                                    "een NUL-byte op byte {offset}: geen UTF-8-tekst (UTF-16,"
                                    " of helemaal geen tekst)"
                                ).format(offset=format_number(offset)),
                            )
                        ]
                    )
                total += len(chunk)
                if total > limit:
                    raise LoadError(
                        [
                            Finding.in_file(
                                str(path),
                                "",
                                _(
                                    "groter dan de grens van {size}; verhoog die met"
                                    " Limits({setting}=...) als het bestand klopt"
                                ).format(size=size_text(limit), setting=setting),
                            )
                        ]
                    )
                chunks.append(chunk)
    except OSError as error:
        raise LoadError(
            [
                Finding.in_file(
                    str(path), "", _("niet te lezen: {error}").format(error=error.strerror)
                )
            ]
        ) from None
    return b"".join(chunks)


def _line_of(data: bytes, offset: int) -> str:
    return f"line {data.count(_NEWLINE, 0, offset) + 1}"


def decode_text(
    data: bytes, file: str, *, allow_cp1252: bool = False
) -> tuple[str, str, list[Finding]]:
    """``data`` as text, with the encoding used and findings about it.

    One encoding per file. UTF-8 (with or without a byte order mark) is
    read as is, with line ends made ``\n`` as :meth:`pathlib.Path.read_text`
    does. With ``allow_cp1252``, bytes that are not UTF-8 but are
    Windows-1252 (what Dutch Excel saves as "CSV") are read as that, with a
    warning, but only when no line is UTF-8 with a character beyond ASCII:
    a file mixing the two (``Súdwest`` saved twice) would otherwise turn
    the UTF-8 lines into other names (``SÃºdwest``). Nothing is ever
    replaced by U+FFFD; a file that already holds U+FFFD characters gets a
    warning too: characters were lost before it was made.

    :raises LoadError: the bytes are neither, or both, naming the line of
        the first bad byte (or the first line that disagrees).
    """
    findings: list[Finding] = []
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError as error:
        where = _line_of(data, error.start)
        if not allow_cp1252:
            raise LoadError(
                [
                    Finding.in_file(
                        file, where, _("geen UTF-8-tekst ({reason})").format(reason=error.reason)
                    )
                ]
            ) from None
        _one_encoding(data, file)
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as second:
            raise LoadError(
                [
                    Finding.in_file(
                        file,
                        _line_of(data, second.start),
                        _("geen UTF-8- en geen Windows-1252-tekst; sla het bestand op als UTF-8"),
                    )
                ]
            ) from None
        encoding = "cp1252"
        # Shown in the report's appendix, so it speaks the reader's language (issue 25).
        findings.append(
            Finding(
                Severity.WARNING,
                _(
                    "geen UTF-8 (voor het eerst op regel {line}): gelezen als Windows-1252"
                    " (cp1252), zoals Excel het opslaat; controleer letters met accenten, en"
                    " sla het bestand op als UTF-8 om zeker te zijn"
                ).format(line=data.count(_NEWLINE, 0, error.start) + 1),
                file,
                "encoding",
            )
        )
    if "\r" in text:  # line ends as Path.read_text gives them (universal newlines)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\ufffd" in text:
        line = text.count("\n", 0, text.index("\ufffd")) + 1
        findings.append(
            Finding(
                Severity.WARNING,
                _(
                    "bevat vervangingstekens U+FFFD: er zijn tekens verloren gegaan toen het"
                    " bestand werd gemaakt; ga terug naar de bron"
                ),
                f"{file}: line {line}",
                "encoding",
            )
        )
    return text, encoding, findings


# A line holding a character beyond ASCII: the lines whose encoding can be told.
_NOT_ASCII_LINE = re.compile(rb"[^\n]*[\x80-\xff][^\n]*")


def _one_encoding(data: bytes, file: str) -> None:
    """Raise a :class:`LoadError` where some lines are UTF-8 and others are not.

    Each line with a byte beyond ASCII is UTF-8 or not; the first line that
    disagrees with the first such line is named.
    """
    first: tuple[int, bool] | None = None
    line, counted = 1, 0
    for match in _NOT_ASCII_LINE.finditer(data):
        try:
            match.group().decode("utf-8")
            utf8 = True
        except UnicodeDecodeError:
            utf8 = False
        line += data.count(_NEWLINE, counted, match.start())  # counted once over the file
        counted = match.start()
        if first is None:
            first = (line, utf8)
        elif utf8 != first[1]:
            this, other = ("UTF-8", "Windows-1252") if utf8 else ("Windows-1252", "UTF-8")
            raise LoadError(
                [
                    Finding.in_file(
                        file,
                        f"line {line}",
                        _(
                            "{this}, maar regel {line} is {other}: het bestand mengt twee"
                            " coderingen; sla het opnieuw op als UTF-8"
                        ).format(this=this, line=first[0], other=other),
                    )
                ]
            )


def read_source(
    path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS
) -> tuple[str, list[Finding]]:
    """A source document's text for an importer, with findings about its encoding.

    UTF-8, or Windows-1252 with a warning (see :func:`decode_text`); never
    a silent U+FFFD. Bounded by ``limits.max_source_bytes``.

    :raises LoadError: the file cannot be read, is too large, or is neither encoding.
    """
    source = Path(path)
    data = read_bounded(source, limits.max_source_bytes, setting="max_source_bytes")
    text, _, findings = decode_text(data, str(source), allow_cp1252=True)
    return text, findings


# Strings and comments are skipped; only brackets count towards nesting.
_TOML_NESTING = re.compile(
    r'"""(?:[^\\]|\\.)*?"""'
    r"|'''.*?'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*"
    r"|[\[\]{}]",
    re.S,
)
# Cheap searches first (each starts at one literal character); the exact scan of
# nesting runs only where the first says nesting may be too deep.
_DOTTED = r"""(?:\.[ \t]*(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')[ \t]*){%d}"""
_DIGITS = r"[0-9_]{%d,}"
_DEEP = r"[\[{](?:[^\[\]{}]*[\[{]){%d}"


def _line(text: str, offset: int) -> str:
    return f"line {text.count(chr(10), 0, offset) + 1}"


@functools.cache
def _patterns(depth: int, digits: int) -> tuple[re.Pattern[str], ...]:
    return (
        re.compile(_DOTTED % depth),
        re.compile(_DIGITS % (digits + 1)),
        re.compile(_DEEP % depth),
    )


def scan_toml(text: str, file: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Check TOML text against ``limits`` before it is parsed.

    Bounds the size, the nesting of arrays and inline tables, and the parts
    of a dotted key or table header: what would make the parser recurse
    without end or use memory without bound. Only a bound: the parser still
    judges whether the text is TOML. (Numbers too long for Python are found
    by :func:`check_digits` once the parser complains.)

    :raises LoadError: over a limit, with the line.
    """
    if len(text) > limits.max_toml_bytes:
        raise LoadError(
            [
                Finding.in_file(
                    file,
                    "",
                    _(
                        "groter dan de grens van {size}; verhoog die met"
                        " Limits({setting}=...) als het bestand klopt"
                    ).format(size=size_text(limits.max_toml_bytes), setting="max_toml_bytes"),
                )
            ]
        )
    dotted, _digits, deep = _patterns(limits.max_toml_depth, limits.max_digits)
    if text.count(".") > limits.max_toml_depth:
        # A key is on one line: only a line with that many dots can hold one.
        for number, line in enumerate(text.split("\n"), start=1):
            if line.count(".") > limits.max_toml_depth and dotted.search(line):
                raise LoadError(
                    [
                        Finding.in_file(
                            file,
                            f"line {number}",
                            _("een sleutel van meer dan {parts} delen met punten").format(
                                parts=limits.max_toml_depth
                            ),
                        )
                    ]
                )
    if deep.search(text) is not None:
        _scan_nesting(text, file, limits.max_toml_depth)


def check_digits(text: str, file: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Raise a :class:`LoadError` at the first run of more than ``max_digits`` digits."""
    _dotted, digits, _deep = _patterns(limits.max_toml_depth, limits.max_digits)
    if (match := digits.search(text)) is not None:
        raise LoadError(
            [
                Finding.in_file(
                    file,
                    _line(text, match.start()),
                    _("een getal van {digits} cijfers; hoogstens {most}").format(
                        digits=format_number(len(match.group())), most=limits.max_digits
                    ),
                )
            ]
        )


def _scan_nesting(text: str, file: str, max_depth: int) -> None:
    depth = 0
    for match in _TOML_NESTING.finditer(text):
        first = match.group()[0]
        if first in "[{":
            depth += 1
            if depth > max_depth:
                raise LoadError(
                    [
                        Finding.in_file(
                            file,
                            _line(text, match.start()),
                            _("meer dan {depth} niveaus diep genest").format(depth=max_depth),
                        )
                    ]
                )
        elif first in "]}":
            depth = max(0, depth - 1)
