"""Fetching a set's figures from a measurement source: what ``sociaaldomein fetch`` runs."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from sociaaldomein.app.framework import resolve_local_set
from sociaaldomein.core.mapping_checks import check_fetch_units
from sociaaldomein.core.resolution import ResolvedSet
from sociaaldomein.errors import LoadError, UnknownNameError
from sociaaldomein.findings import Finding
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.period import Period
from sociaaldomein.sources.base import Fetched
from sociaaldomein.text.language import _
from sociaaldomein.text.suggest import unknown_name

if TYPE_CHECKING:
    from sociaaldomein.plugin.manager import Plugins

__all__ = ["fetch_measurements", "save_measurements"]


def fetch_measurements(
    source: str,
    *,
    set_id: str | None = None,
    set_file: str | os.PathLike[str] | None = None,
    subjects: Sequence[str] = (),
    periods: Sequence[Period | str] = (),
    online: bool = False,
    feed: str | None = None,
    plugins: Plugins | None = None,
) -> Fetched:
    """The figures of a set's indicators from the source named ``source``.

    :param source: a source's name (``cbs``); see ``Plugins().sources``.
    :param set_id: an installed set, or with ``set_file`` a set in a file
        that may extend installed ones; it is resolved first.
    :param subjects: region names or codes (``Assen``, ``GM0106``); empty for every subject.
    :param periods: periods or their text (``2020..2024``, ``2023-H1``); a
        figure comes when its period lies within one of them; empty for all.
    :param online: let the source use the network (and fill its cache).
    :param feed: the address the source reads from instead of its own (a
        mirror, a test server): ``fetch --feed``. Naming a feed means asking
        it, so a feed implies ``online`` (its cache folder fills only from it).
    :raises UnknownNameError: no plugin supplies ``source``.
    :raises SetError: an unknown set. :raises LoadError: a bad set file, or a
        mapping's ``fetch.unit`` that cannot become its indicator's type
        (the file and the key path named).
    :raises SourceError: ``online`` and the network failed, or ``feed`` for a
        source without one.
    """
    from sociaaldomein.plugin.manager import Plugins

    plugins = plugins if plugins is not None else Plugins()
    found = plugins.sources.get(source)
    if found is None:
        message = _("onbekende bron {source}").format(source=repr(source))
        raise UnknownNameError(
            unknown_name(message, source, plugins.sources, known_as=_("bekende bronnen"))
        )
    resolved = resolve_local_set(plugins, set_id, set_file)
    files = _set_files(plugins, resolved, set_file)
    problems = check_fetch_units(resolved.indicator_set.all_indicators(), plugins.measurement_types)
    if problems:
        raise LoadError([_in_file(problem, resolved, files) for problem in problems])
    asked = [period if isinstance(period, Period) else Period.parse(period) for period in periods]
    fetched = (found.at(feed) if feed else found).fetch(
        resolved.indicator_set,
        subjects,
        asked,
        # A feed named but not asked was silently ignored: a person who names one means it.
        online=online or bool(feed),
        types=plugins.measurement_types,
    )
    findings = tuple(
        _in_file(f, resolved, files) if ".fetch" in f.where else f for f in fetched.findings
    )
    return attrs.evolve(fetched, findings=findings)


def _set_files(
    plugins: Plugins, resolved: ResolvedSet, set_file: str | os.PathLike[str] | None
) -> dict[str, str]:
    """The file (or plugin resource) of each set in the chain, by set id."""
    files = {key: provided.origin for key, provided in plugins.sets.items()}
    if set_file is not None:
        files[resolved.chain[-1]] = str(set_file)
    return files


def _in_file(finding: Finding, resolved: ResolvedSet, files: dict[str, str]) -> Finding:
    """``finding`` about an indicator's ``fetch``, with the file of the set that mapped it."""
    indicator = finding.where.partition(".fetch")[0]
    try:
        origin = resolved.origin(indicator, "fetch")
    except KeyError:
        return finding
    return attrs.evolve(finding, file=files.get(origin, origin))


def save_measurements(
    measurements: Sequence[Measurement],
    path: str | os.PathLike[str],
    *,
    inputs: Sequence[str | os.PathLike[str]] = (),
    force: bool = False,
) -> Path:
    """Write measurements as a CSV file, or an ``.xlsx`` workbook where the suffix says so.

    Written by the one writer (:func:`sociaaldomein.io.atomic.write_atomic`):
    atomically, never over an input, a link or something not a regular
    file; ``validate`` and ``report`` read it back.

    :param force: let no measurements replace an existing file (a header only).
    :raises OutputError: the output is refused; no measurements and an
        existing file (without ``force``) among the reasons.
    :raises SociaaldomeinError: xlsx, and the ``excel`` extra is not installed.
    """
    from sociaaldomein.io.atomic import write_atomic

    target = Path(path)
    data: str | bytes
    if target.suffix.lower() == ".xlsx":
        from sociaaldomein.io.xlsx import format_measurements_xlsx

        data = format_measurements_xlsx(measurements, file=str(target))
    else:
        from sociaaldomein.io.loading import format_measurements

        data = format_measurements(measurements)
    write_atomic(target, data, inputs=inputs, records=len(measurements), force=force)
    return target
