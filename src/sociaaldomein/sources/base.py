"""What a measurement source is: something that yields measurements for indicators.

A source has a ``name`` (what ``fetch = { source = ... }`` in an indicator
and ``sociaaldomein fetch SOURCE`` refer to), a ``description`` and one
method, :meth:`Source.fetch`. Plugins supply sources through the hook
``sociaaldomein_sources``; the built-in plugin supplies CBS StatLine
(:class:`~sociaaldomein.sources.cbs.CBSSource`).
"""

from __future__ import annotations

import abc
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import attrs

from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.findings import Finding
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.indicator_set import IndicatorSet
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period
from sociaaldomein.text.language import _

__all__ = [
    "Fetched",
    "Source",
    "SourceError",
    "cache_path",
    "checked_name",
    "indicators_for",
    "wanted_period",
]

#: A name that may become part of a cache path: letters, digits, ``_`` and ``-``,
#: at most 100; never ``.``, ``..``, a separator, a drive or a control character.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")
#: Names Windows keeps for devices, whatever their suffix.
_DEVICES = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{n}" for n in range(10)),
    *(f"LPT{n}" for n in range(10)),
}


class SourceError(SociaaldomeinError):
    """A source could not be reached or answered something it should not have.

    The message names the source, what was asked (a URL or a file) and the cause.
    """


@attrs.frozen
class Fetched:
    """What a source found.

    :param measurements: one per indicator, subject, period (and slice).
    :param findings: what went wrong or looks odd, short of an error: a
        table not in the cache, a column that does not exist, a value the
        indicator's measurement type rejects, a period code not understood.
    :param skipped: ids of the indicators this source was asked for but
        does not supply (they have no ``fetch`` for it).
    """

    measurements: tuple[Measurement, ...] = ()
    findings: tuple[Finding, ...] = ()
    skipped: tuple[str, ...] = ()


class Source(abc.ABC):
    """A named supplier of measurements (CBS StatLine, a registration, a survey tool).

    Subclasses set :attr:`name` and :attr:`description` and implement
    :meth:`fetch`. A source works offline by default (from files it keeps)
    and reaches the network only when asked with ``online=True``.
    """

    #: What indicators (``fetch = { source = "cbs", ... }``) and the command line call it.
    name: str = ""
    #: One line for ``sociaaldomein plugins`` and the docs.
    description: str = ""

    @abc.abstractmethod
    def fetch(
        self,
        indicators: IndicatorSet | Iterable[Indicator],
        subjects: Sequence[str] = (),
        periods: Sequence[Period] = (),
        *,
        online: bool = False,
        types: Mapping[str, MeasurementType] | None = None,
    ) -> Fetched:
        """Measurements of ``indicators`` for ``subjects`` in ``periods``.

        :param indicators: a (resolved) set or its indicators; those without
            a ``fetch`` for this source are listed in :attr:`Fetched.skipped`.
        :param subjects: codes of the subjects (``GM0106``); empty for all.
        :param periods: the periods asked for; a measurement is returned when
            its period lies within one of them. Empty for all.
        :param online: whether the source may use the network; without it,
            only what it keeps offline is used.
        :param types: measurement types by name (the plugins' registry);
            the built-in ones when not given.
        :raises SourceError: the network was asked for and failed, or what
            the source keeps offline is damaged.
        :raises InvalidValueError: a subject is not a code the source knows how to ask for.
        """

    def at(self, feed: str) -> Source:
        """This source reading from ``feed`` (a mirror, a test server): ``fetch --feed``.

        :raises SourceError: the source has no feed to point elsewhere (the default).
        """
        raise SourceError(
            _("bron {name!r} leest niet van een feed; laat --feed weg").format(name=self.name)
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


def checked_name(name: object, *, source: str, what: str, origin: str) -> str:
    """``name``, read from a source document or a mapping, once it is safe as a file name.

    Every name a source reads (a table id, a dimension key such as
    ``Perioden``, a region code) passes here before it becomes part of a
    path or a URL: ``../../../x/Perioden`` in a tampered cache document
    must never reach a file outside the cache.

    :param source: the source's name (``cbs``), for the message.
    :param what: what the name is (``dimension key``).
    :param origin: where it was read (a cache file, a URL, an indicator).
    :raises SourceError: not letters, digits, ``_`` and ``-`` (at most 100),
        or a name Windows keeps for a device.
    """
    text = name if isinstance(name, str) else None
    if text is None or not _NAME.fullmatch(text) or text.upper() in _DEVICES:
        shown = repr(name) if len(repr(name)) <= 60 else repr(name)[:57] + "..."
        raise SourceError(
            f"{source}: {origin}: {what} {shown} cannot be a file name in the cache; expected"
            " letters, digits, '_' and '-' (at most 100)"
        )
    return text


def cache_path(
    cache: Path, *names: object, suffix: str, source: str, what: str, origin: str
) -> Path:
    """The file for ``names`` in the folder ``cache``: ``cache/85098NED/Perioden.json``.

    The one way a source makes a path in its cache: each name goes through
    :func:`checked_name` first, and the path, with links resolved, must lie
    inside ``cache`` (a link in the cache to elsewhere is refused too).

    :raises SourceError: a name is not safe, or the path leaves the cache.
    """
    parts = [checked_name(n, source=source, what=what, origin=origin) for n in names]
    if not parts:
        raise SourceError(f"{source}: {origin}: no name for a file in the cache")
    path = cache.joinpath(*parts[:-1], parts[-1] + suffix)
    root = cache.resolve()
    if not path.resolve().is_relative_to(root):
        raise SourceError(
            f"{source}: {origin}: {path} leads outside the cache folder {root}; not read or written"
        )
    return path


def indicators_for(
    source: str, indicators: IndicatorSet | Iterable[Indicator]
) -> tuple[list[Indicator], list[str]]:
    """The indicators whose ``fetch`` names ``source``, and the ids of the others."""
    listed = (
        indicators.all_indicators() if isinstance(indicators, IndicatorSet) else list(indicators)
    )
    mine = [i for i in listed if i.fetch is not None and i.fetch.source == source]
    return mine, [i.id for i in listed if i.fetch is None or i.fetch.source != source]


def wanted_period(period: Period, periods: Sequence[Period]) -> bool:
    """Whether ``period`` lies within one of ``periods`` (any period when there are none)."""
    return not periods or any(period in asked for asked in periods)
