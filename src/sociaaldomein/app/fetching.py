"""Fetching a set's figures from a measurement source: what ``sociaaldomein fetch`` runs."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sociaaldomein.app.framework import resolve_local_set
from sociaaldomein.errors import UnknownNameError
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
    plugins: Plugins | None = None,
) -> Fetched:
    """The figures of a set's indicators from the source named ``source``.

    :param source: a source's name (``cbs``); see ``Plugins().sources``.
    :param set_id: an installed set, or with ``set_file`` a set in a file
        that may extend installed ones; it is resolved first.
    :param subjects: region codes (``GM0106``); empty for every subject.
    :param periods: periods or their text (``2020..2024``, ``2023-H1``); a
        figure comes when its period lies within one of them; empty for all.
    :param online: let the source use the network (and fill its cache).
    :raises UnknownNameError: no plugin supplies ``source``.
    :raises SetError: an unknown set. :raises LoadError: a bad set file.
    :raises SourceError: ``online`` and the network failed.
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
    asked = [period if isinstance(period, Period) else Period.parse(period) for period in periods]
    return found.fetch(
        resolved.indicator_set,
        subjects,
        asked,
        online=online,
        types=plugins.measurement_types,
    )


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
