"""polars' reading of a measurements file, for the table reader (:mod:`.table`).

The categorical frame of a file's bytes, or of the file itself scanned by
polars' streaming engine (``scan_csv``, collected in batches), so that a file
larger than memory is read into columns, never held as bytes; whether every
line's cells line up; and the survey a large file gets first, in chunks of
bounded size, of what the table reader must know of its text.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "CATEGORICAL",
    "SCAN_FROM_BYTES",
    "Survey",
    "cells_line_up",
    "read_csv_frame",
    "scan_frame",
    "survey",
]

#: From this size on, a plain file (see :class:`Survey`) is scanned, not read
#: whole: about three million rows. Files above ``Limits.max_csv_bytes`` are
#: scanned whatever their size, where they are plain.
SCAN_FROM_BYTES = 64 * 1024 * 1024

_CHUNK = 8 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"
_ONLY_COMMAS = re.compile(rb"(?m)^,+\r?$")

CATEGORICAL = ("indicator", "subject", "period", "value")


def read_csv_frame(
    data: bytes, names: list[str], end: str
) -> tuple[pl.DataFrame, dict[str, pl.Categories]]:
    """polars' frame of ``data``, with lines ending in ``end``, and its categoricals' categories."""
    import polars as pl

    def parse(physical: Any) -> tuple[pl.DataFrame, dict[str, pl.Categories]]:
        schema: dict[str, Any] = {name: pl.String for name in names}
        # Each its own categories, so that codes are dense and checks run per distinct cell.
        categories: dict[str, pl.Categories] = {
            name: pl.Categories.random(physical=pl.UInt32 if name == "value" else physical)
            for name in CATEGORICAL
            if name in schema
        }
        schema.update({name: pl.Categorical(kept) for name, kept in categories.items()})
        frame = pl.read_csv(
            data,
            has_header=True,
            new_columns=names,
            schema=schema,
            raise_if_empty=False,
            eol_char=end,
        )
        return frame, categories

    # Codes of 16 bits where they fit (a parse some 5% faster), but for values, which may be many.
    try:
        return parse(pl.UInt16)
    except pl.exceptions.ComputeError:
        return parse(pl.UInt32)  # more distinct cells in a column than 16 bits number


def scan_frame(path: Path, names: list[str]) -> tuple[pl.DataFrame, dict[str, pl.Categories]]:
    """:func:`read_csv_frame` of a file whose lines end in LF, scanned in batches."""
    import polars as pl

    def scan(physical: Any) -> tuple[pl.DataFrame, dict[str, pl.Categories]]:
        categories: dict[str, pl.Categories] = {
            name: pl.Categories.random(physical=pl.UInt32 if name == "value" else physical)
            for name in CATEGORICAL
            if name in names
        }
        schema: dict[str, Any] = {name: pl.String for name in names}
        schema.update({name: pl.Categorical(kept) for name, kept in categories.items()})
        scanned = pl.scan_csv(
            path, has_header=True, new_columns=names, schema=schema, raise_if_empty=False
        )
        return scanned.collect(engine="streaming"), categories

    # As read_csv_frame: codes of 16 bits where they fit (half the memory of the keys).
    try:
        return scan(pl.UInt16)
    except pl.exceptions.ComputeError:
        return scan(pl.UInt32)


def cells_line_up(source: bytes | Path, width: int) -> bool:
    """Whether every line has ``width`` cells, and every quoted cell ends at its delimiter.

    polars fills a short row with nulls and reads on after a closing quote
    (``"4"0`` as 4), where the scalar reader names the line. A line break
    inside quotes splits a cell over two lines here, which sends such a
    file to the scalar reader as well.
    """
    import polars as pl

    lines = pl.scan_csv(
        source,
        has_header=False,
        new_columns=["line"],
        separator="\x00",  # no file with a NUL byte comes here: one column per line
        quote_char=None,
        schema={"line": pl.String},
        raise_if_empty=False,
    )
    line = pl.col("line")
    quoted = r'"(?:[^"]|"")*"'
    cell = rf'(?:{quoted}|[^",]*)'
    cells = line.str.replace_all(quoted, "").str.count_matches(",") + 1
    fits = line.is_null() | (line.str.contains(rf"^{cell}(?:,{cell})*$") & (cells == width))
    return bool(lines.select(fits.all()).collect(engine="streaming").item())


@attrs.frozen
class Survey:
    """What the table reader must know of a file's text, found in chunks.

    ``plain``: UTF-8 without a byte order mark, a quote, a carriage return,
    a NUL byte or a U+FFFD, and not blank: such a file reads the same from
    its bytes and scanned. ``start``: its first 64 KiB as text.
    """

    plain: bool
    start: str
    ends_with_delimiter: bool
    only_delimiters: bool


def survey(path: Path) -> Survey:
    """The :class:`Survey` of ``path``, reading it in chunks of 8 MiB.

    :raises OSError: the file cannot be read.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    plain, only, text, last, tail = True, False, False, b"", b""
    with path.open("rb") as stream:
        first = stream.read(_CHUNK)
        chunk = first
        plain = not first.startswith(_BOM)
        while chunk and plain:
            if b'"' in chunk or b"\r" in chunk or b"\x00" in chunk:
                plain = False
                break
            if not chunk.isascii():
                try:
                    plain = "\ufffd" not in decoder.decode(chunk)
                except UnicodeDecodeError:
                    plain = False
            text = text or bool(chunk.strip())
            lines = tail + chunk
            cut = lines.rfind(b"\n") + 1
            only = only or bool(_ONLY_COMMAS.search(lines, 0, cut))
            tail, last = lines[cut:], chunk
            chunk = stream.read(_CHUNK)
    if plain:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            plain = False
    return Survey(
        plain=plain and text,
        start=first[:65536].decode("utf-8", "ignore"),
        ends_with_delimiter=last.endswith(b","),
        only_delimiters=only or bool(_ONLY_COMMAS.fullmatch(tail)),
    )
