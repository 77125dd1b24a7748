"""Sorting the files a user names into a plan or set and measurement files.

The command line accepts a project folder (with ``plan.toml`` and
``measurements.csv``), TOML files (a plan or a set, told apart by their
keys) and measurement files in any order; :func:`sort_inputs` says which is
which, so a program can accept the same.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.text.language import _

if TYPE_CHECKING:
    from sociaaldomein.findings import Finding
    from sociaaldomein.io.measurements import MeasurementFile
    from sociaaldomein.model.indicator import Indicator
    from sociaaldomein.model.measurement import Measurement
    from sociaaldomein.model.measurement_type import MeasurementType

__all__ = [
    "MEASUREMENT_SUFFIXES",
    "Inputs",
    "kind_of_document",
    "load_measurement_file",
    "read_measurement_file",
    "sort_inputs",
]

#: File suffixes read as measurements.
MEASUREMENT_SUFFIXES = (".csv", ".xlsx")


@attrs.frozen
class Inputs:
    """The files of one run: at most one plan and one set file, any measurement files."""

    plan: Path | None = None
    set_file: Path | None = None
    measurements: tuple[Path, ...] = ()
    folder: Path | None = None


def kind_of_document(data: Mapping[str, Any]) -> str:
    """What a TOML document describes, by its keys: ``portfolio``, ``plan`` or ``set``."""
    if "projects" in data:
        return "portfolio"
    return "plan" if "number" in data else "set"


def sort_inputs(paths: Iterable[str | os.PathLike[str]]) -> Inputs:
    """Sort ``paths`` into a plan or set file and measurement files.

    A folder contributes its ``plan.toml`` and ``measurements.csv`` where
    they exist.

    :raises InvalidValueError: a path does not exist, has a suffix that is
        not TOML or measurements, or there are two plans or two set files.
    :raises LoadError: a TOML file cannot be read.
    """
    from sociaaldomein.io.loading import read_toml

    plan: Path | None = None
    set_file: Path | None = None
    folder: Path | None = None
    measurements: list[Path] = []

    def one(current: Path | None, path: Path, what: str) -> Path:
        if current is not None:
            raise InvalidValueError(
                _("twee {what}-bestanden gegeven: {first} en {second}; geef er een").format(
                    what=what, first=current, second=path
                )
            )
        return path

    for given in map(Path, paths):
        if given.is_dir():
            folder = folder or given
            if (given / "plan.toml").is_file():
                plan = one(plan, given / "plan.toml", "plan")
            measurements += [given / f"measurements{s}" for s in MEASUREMENT_SUFFIXES]
            measurements = [m for m in measurements if m.is_file()]
        elif not given.exists():
            raise InvalidValueError(
                _("{path}: dit bestand of deze map bestaat niet").format(path=given)
            )
        elif given.suffix.lower() in MEASUREMENT_SUFFIXES:
            measurements.append(given)
        elif given.suffix.lower() == ".toml":
            kind = kind_of_document(read_toml(given))
            if kind == "plan":
                plan = one(plan, given, "plan")
            elif kind == "set":
                set_file = one(set_file, given, "set")
            else:
                raise InvalidValueError(
                    _(
                        "{path}: een portefeuille van projecten heeft geen indicatoren om over"
                        " te verantwoorden; gebruik er 'sociaaldomein hours' voor"
                    ).format(path=given)
                )
        else:
            raise InvalidValueError(
                _(
                    "{path}: verwacht een map, een plan of set in .toml, of metingen ({suffixes})"
                ).format(path=given, suffixes=", ".join(MEASUREMENT_SUFFIXES))
            )
    return Inputs(plan, set_file, tuple(measurements), folder)


def read_measurement_file(
    path: str | os.PathLike[str],
    *,
    indicators: Mapping[str, Indicator] | Iterable[Indicator] | None = None,
    types: Mapping[str, MeasurementType] | None = None,
    sheet: str | None = None,
) -> MeasurementFile:
    """Every row of a CSV file or an ``.xlsx`` workbook, each with its line or sheet row.

    What the run's one identity (:func:`sociaaldomein.app.identity.identify`)
    needs to name both places of a measurement given in two files.

    :param sheet: the sheet of a workbook (by default its first).
    :raises LoadError: every bad line or row, with its place.
    :raises SociaaldomeinError: a workbook, and the ``excel`` extra is not installed.
    """
    if Path(path).suffix.lower() == ".xlsx":
        from sociaaldomein.io.xlsx import read_measurements_xlsx

        return read_measurements_xlsx(path, sheet=sheet, indicators=indicators, types=types)
    from sociaaldomein.io.measurements import read_measurements

    return read_measurements(path, indicators=indicators, types=types)


def load_measurement_file(
    path: str | os.PathLike[str],
    *,
    indicators: Mapping[str, Indicator] | Iterable[Indicator] | None = None,
    types: Mapping[str, MeasurementType] | None = None,
    sheet: str | None = None,
) -> tuple[list[Measurement], list[Finding]]:
    """Measurements from a CSV file or an ``.xlsx`` workbook, with what was noticed.

    The findings name the encoding of a file Dutch Excel saved (Windows-1252),
    every value that a later revision replaced (the value in force is the
    newest definitive one; see :func:`sociaaldomein.io.measurements.read_measurements`)
    and subjects spelled with invisible characters or mixed scripts.

    :param sheet: the sheet of a workbook (by default its first).
    :raises LoadError: every bad line or row, with its place.
    :raises SociaaldomeinError: a workbook, and the ``excel`` extra is not installed.
    """
    from sociaaldomein.app.identity import in_force, placed_file

    read = read_measurement_file(path, indicators=indicators, types=types, sheet=sheet)
    measurements, noticed = in_force([placed_file(read)])
    return measurements, [*read.findings, *noticed]
