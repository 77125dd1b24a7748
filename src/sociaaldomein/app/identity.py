"""One identity for a measurement across every source of a run.

A measurement is its indicator, subject, period and slice, whichever file
(or list of objects) it comes from. Each file's reader refuses a second row
with the identity of an earlier one in that file; :func:`identify` does the
same across the sources of a run, so that two files holding the same
measurement are an error naming both files and places, never a verdict
decided by the order the files were given in. Rows that declare revisions
(``revision`` or ``as_of``) are one history across files: the value in
force is the newest definitive one (see :mod:`sociaaldomein.model.revisions`).

Every command and function that takes several measurement sources
(``validate``, ``evaluate``, ``report``, :func:`~sociaaldomein.account_for`,
:func:`~sociaaldomein.check_files`) goes through :func:`identify`.

It also names subjects that are spelled in ways a reader cannot tell
apart (a Cyrillic letter, a zero-width space): those become separate
subjects, so each gets a finding with its file and place
(:func:`subject_findings`).
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, overload

import attrs

from sociaaldomein.errors import InvalidValueError, LoadError
from sociaaldomein.findings import Finding, Severity
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.revisions import Revised, select_revisions
from sociaaldomein.text.language import _

if TYPE_CHECKING:
    from sociaaldomein.io.measurements import MeasurementFile

__all__ = [
    "Identified",
    "Placed",
    "first_lines",
    "identify",
    "in_force",
    "placed_file",
    "placed_objects",
    "subject_findings",
]


@attrs.frozen
class Placed:
    """The rows of one source, each with where it is.

    :param file: the file (or ``<measurements>`` for objects given in code).
    :param rows: every row, revisions included, in the order read.
    :param places: for each row, where it is: ``line 4``, ``sheet 'Metingen'
        row 7``, ``measurement 3``; any sequence, read only for rows named.
    """

    file: str
    rows: tuple[Measurement, ...]
    places: Sequence[str]

    def __attrs_post_init__(self) -> None:
        if len(self.rows) != len(self.places):
            raise InvalidValueError(
                _("{file}: {rows} rijen maar {places} plaatsen; geef een plaats per rij").format(
                    file=self.file, rows=len(self.rows), places=len(self.places)
                )
            )


@attrs.frozen
class Identified:
    """What :func:`identify` found across the sources of a run.

    :param measurements: the value in force for each identity, in the
        order each identity first appeared.
    :param revised: every value with more than one version.
    :param duplicates: one error per row that repeats an earlier one
        without a revision, naming both places.
    :param findings: the revised values and the odd subject spellings.
    """

    measurements: tuple[Measurement, ...]
    revised: tuple[Revised, ...]
    duplicates: tuple[Finding, ...]
    findings: tuple[Finding, ...]


def _describe(m: Measurement) -> str:
    where = "".join(f" {key}={item}" for key, item in m.dimensions)
    return _("{indicator} voor {subject} {period}{where}").format(
        indicator=m.indicator, subject=m.subject, period=m.period, where=where
    )


def identify(sources: Sequence[Placed]) -> Identified:
    """The values in force across ``sources``, and every duplicate between them.

    Two rows with one indicator, subject, period and slice are a duplicate
    unless both declare a revision in a distinguishable order; then they
    are one history, whatever source each came from.
    """
    rows: list[Measurement] = []
    used: list[Placed] = []
    starts: list[int] = []  # where each used source's rows begin in ``rows``
    twice: list[Finding] = []
    seen: set[str] = set()
    for source in sources:
        # Objects given in code (``<measurements>``) may come in several runs between
        # files; only a file can be given twice.
        real = "" if source.file.startswith("<") else os.path.realpath(source.file)
        if real and real in seen:  # one file named twice: said once, not once per row
            twice.append(
                Finding.in_file(
                    source.file,
                    "",
                    _("dit bestand is twee keer als bron gegeven; geef het een keer"),
                )
            )
            continue
        seen.add(real)
        used.append(source)
        starts.append(len(rows))
        rows += source.rows

    def where(position: int) -> tuple[str, str]:
        # Places are looked up only for what is named: a run of a million rows
        # without a duplicate makes no tuple per row.
        owner = bisect.bisect_right(starts, position) - 1
        return used[owner].file, used[owner].places[position - starts[owner]]

    selected, pairs = select_revisions(rows)
    duplicates = []
    also = _(
        "{what} staat ook in {file} ({place}); verwijder er een, of geef beide een revisie of een"
        " as_of-datum"
    )
    for first, later in pairs:
        (file, place), (other_file, other_place) = where(later), where(first)
        duplicates.append(
            Finding.in_file(
                file,
                place,
                also.format(what=_describe(rows[later]), file=other_file, place=other_place),
            )
        )
    duplicates = twice + duplicates
    if selected is None:
        return Identified((), (), tuple(duplicates), ())
    revised = []
    if selected.revised:
        position_of = {id(row): position for position, row in enumerate(rows)}
        revised = [
            Finding(
                Severity.WARNING,
                revision.describe(),
                file=", ".join(
                    dict.fromkeys(where(position_of[id(m)])[0] for m in revision.history)
                ),
                rule="revision",
            )
            for revision in selected.revised
        ]

    def first_places(names: list[str]) -> dict[str, tuple[str, str]]:
        wanted = set(names)
        found: dict[str, tuple[str, str]] = {}
        for position, row in enumerate(rows):
            if row.subject in wanted and row.subject not in found:
                found[row.subject] = where(position)
        return found

    subjects = dict.fromkeys(row.subject for row in rows)
    return Identified(
        selected.measurements,
        selected.revised,
        tuple(duplicates),
        (*revised, *subject_findings(subjects, first_places)),
    )


def in_force(sources: Sequence[Placed]) -> tuple[list[Measurement], list[Finding]]:
    """:func:`identify`, raising where there are duplicates.

    :returns: the values in force, and the findings (revisions, odd subject spellings).
    :raises LoadError: every duplicate, each naming both files and places.
    """
    found = identify(sources)
    if found.duplicates:
        raise LoadError(list(found.duplicates))
    return list(found.measurements), list(found.findings)


def subject_findings(
    names: Iterable[str],
    place_of: Callable[[list[str]], Mapping[str, tuple[str, str]]],
) -> list[Finding]:
    """A warning for each subject spelled with invisible characters or mixed scripts,
    or that reads as another subject given (see :func:`~sociaaldomein.text.spelling.odd_spellings`).

    :param names: every subject as given.
    :param place_of: the file and place each of the subjects it is given
        first appears; asked only when there is something to say.
    """
    from sociaaldomein.text.spelling import odd_spellings

    odd = odd_spellings(names)
    if not odd:
        return []
    asked = list(dict.fromkeys(n for o in odd for n in (o.name, o.twin) if n is not None))
    places = place_of(asked)
    found = []
    for spelling in odd:
        file, place = places[spelling.name]
        message = _("onderwerp {name!r} {odd}").format(name=spelling.name, odd=spelling.describe())
        if spelling.twin is not None:
            twin_file, twin_place = places[spelling.twin]
            there = twin_place if twin_file == file else f"{twin_file} ({twin_place})"
            message += _(
                "; het leest als {twin!r} ({there}), maar telt als een ander onderwerp; schrijf"
                " beide hetzelfde"
            ).format(twin=spelling.twin, there=there)
        else:
            message += _("; controleer de schrijfwijze")
        found.append(Finding(Severity.WARNING, message, place, rule="subjects.spelling", file=file))
    return found


def first_lines(path: str | os.PathLike[str], names: Iterable[str]) -> dict[str, tuple[str, str]]:
    """For each of ``names``, the file and the first line of a CSV file holding it.

    For the columnar reader, which keeps no line numbers: asked only for the
    few subjects :func:`subject_findings` names, by searching the text.
    """
    from sociaaldomein.io.limits import decode_text

    file = str(path)
    wanted = list(names)
    try:
        text, _encoding, _findings = decode_text(Path(path).read_bytes(), file, allow_cp1252=True)
    except (OSError, LoadError):
        return {name: (file, "") for name in wanted}
    found = {}
    for name in wanted:
        # The name as a whole cell (perhaps quoted), not inside a longer name or a note.
        cell = re.compile(rf'(?:^|[,;\t])"?{re.escape(name)}"?(?=[,;\t\r\n]|$)', re.MULTILINE)
        match = cell.search(text) if name else None
        found[name] = (
            file,
            f"line {text.count(chr(10), 0, match.start()) + 1}" if match is not None else "",
        )
    return found


class _Positions(Sequence[str]):
    """``measurement N`` (or ``row N``) for each row, made only when a place is named."""

    def __init__(self, positions: Sequence[int], word: str = "measurement") -> None:
        self.positions = positions
        self.word = word

    def __len__(self) -> int:
        return len(self.positions)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [f"{self.word} {p}" for p in self.positions[index]]
        return f"{self.word} {self.positions[index]}"


def placed_file(read: MeasurementFile) -> Placed:
    """The rows a reader read from a file, each with its place (its line or sheet row).

    A reader that gives no place for each row (``places`` empty) still takes
    part: its rows are placed as ``row N`` in the order read.
    """
    places: Sequence[str] = read.places
    if len(places) != len(read.history):
        places = _Positions(range(1, len(read.history) + 1), "row")
    return Placed(read.file, read.history, places)


def placed_objects(measurements: Sequence[Measurement], positions: Sequence[int]) -> Placed:
    """Measurement objects given in code, each placed by its position among the sources."""
    return Placed("<measurements>", tuple(measurements), _Positions(positions))
