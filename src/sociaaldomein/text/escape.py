"""Making text from data safe for where it is shown: Markdown, spreadsheets, terminals.

Data (names, notes, sources) is never markup. These helpers keep it so:

- :func:`escape_markdown` for text put into Markdown (a report): no raw
  HTML, no line breaks that start a new heading or table row, no ``|`` that
  splits a table cell;
- :func:`neutralise_formula` and :func:`restore_formula` for CSV or xlsx
  cells, as OWASP recommends against formula injection, without changing
  how a negative number reads;
- :func:`strip_control` for text printed on a terminal;
- :func:`escape_mathtext` for labels in matplotlib charts, where ``$...$``
  would be read as mathematics (and ``$\\foo$`` fail to draw).
"""

from __future__ import annotations

import re

__all__ = [
    "escape_markdown",
    "escape_mathtext",
    "neutralise_formula",
    "restore_formula",
    "strip_control",
]

# Every way Unicode breaks a line, as str.splitlines() knows them.
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_MARKUP = re.compile(r"([\\`*_\[\]|#~!])")
_TABLE_ONLY = re.compile(r"([\\|])")


def escape_markdown(text: str, *, markup: bool = True) -> str:
    """``text`` as literal Markdown: shown as written, never as HTML or structure.

    HTML special characters become entities, every line break a space, and
    a ``|`` is escaped so it cannot end a table cell. With ``markup`` (the
    default) the characters that make emphasis, code, links and headings
    are backslash-escaped too; with ``markup=False`` they are left, for text
    that is meant to carry Markdown of its own.
    """
    flat = _LINE_BREAKS.sub(" ", strip_control(text, keep_newlines=True))
    escaped = (_MARKUP if markup else _TABLE_ONLY).sub(r"\\\1", flat)
    return "".join(_HTML.get(char, char) for char in escaped)


# C0 and C1 control characters and DEL, except the ones a caller may keep;
# the bidirectional controls too (Unicode's Bidi_Control: the overrides, embeddings,
# isolates and marks): they make text display in another order than it reads.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_AND_LINES = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def strip_control(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` without control characters, for printing on a terminal.

    Escape sequences lose their ESC, so their remains show as plain text
    instead of moving the cursor, changing colours or setting the window
    title. Tabs are kept; newlines only with ``keep_newlines``.
    """
    if keep_newlines:
        return _CONTROL.sub("", text)
    return _CONTROL_AND_LINES.sub(lambda m: "\t" if m.group() == "\t" else "", text)


# What spreadsheets take as the start of a formula (OWASP's list).
_FORMULA_START = frozenset("=+-@\t\r")
# A plain number is a value to a spreadsheet, not a formula: leave it readable.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*|[.,]\d+)(?:[eE][+-]?\d+)?%?")


def _quoted_formula(cell: str) -> bool:
    body = cell.lstrip("'")
    return bool(body) and body[0] in _FORMULA_START and not _PLAIN_NUMBER.fullmatch(body)


def neutralise_formula(cell: str) -> str:
    """``cell`` with a ``'`` before it if a spreadsheet would run it as a formula.

    Cells starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    get the quote, as OWASP advises; a plain number such as ``-3`` or
    ``-12,5`` does not, so it stays a number. Cells that already start with
    quotes before such a character get one more, so that
    :func:`restore_formula` gives every cell back exactly.
    """
    return f"'{cell}" if _quoted_formula(cell) else cell


def restore_formula(cell: str) -> str:
    """The text :func:`neutralise_formula` was given: one leading ``'`` less where it added one."""
    if cell.startswith("'") and _quoted_formula(cell[1:]):
        return cell[1:]
    return cell


def escape_mathtext(text: str) -> str:
    """``text`` for a matplotlib label: every ``$`` escaped, so no part is read as maths."""
    return strip_control(text).replace("$", r"\$")
