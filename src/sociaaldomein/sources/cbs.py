"""CBS StatLine as a measurement source, through its open data interfaces, v4 and v3.

CBS publishes every StatLine table as open data: over OData v4 at
``https://datasets.cbs.nl/odata/v1/CBS/<table>/`` (the current interface;
:mod:`sociaaldomein.sources.cbs_v4`) and over OData v3 at
``https://opendata.cbs.nl/ODataFeed/odata/<table>/`` (the interface CBS is
phasing out; :mod:`sociaaldomein.sources.cbs_v3`, see
https://www.cbs.nl/nl-nl/onze-diensten/open-data/databank-cbs-statline-als-open-data).
Both give the same measurements (:mod:`sociaaldomein.sources.cbs_table`).

Which interface serves a table: the mapping's ``fetch.api`` (``v3`` or
``v4``); else the documents already in the cache; else, with a feed given
(``feed=``, ``sociaaldomein fetch --feed`` or ``SOCIAALDOMEIN_CBS_FEED``), the
feed's own list of a table's documents (``Observations`` for v4,
``TypedDataSet`` for v3); else v3.

:class:`CBSSource` reads the documents from a cache folder and fetches and
stores them only when asked with ``online=True``.
"""

from __future__ import annotations

import hashlib
import os
import re
import urllib.parse
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.findings import Finding, Severity
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.indicator_set import IndicatorSet
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.measurement_type import MeasurementType, MeasurementTypeRegistry
from sociaaldomein.model.period import Period
from sociaaldomein.sources.base import (
    Fetched,
    Source,
    SourceError,
    cache_path,
    checked_name,
    indicators_for,
)
from sociaaldomein.sources.cbs_documents import Feed, NotCached, download, read_json
from sociaaldomein.sources.cbs_table import Table, finding, measure_key, measurements_of
from sociaaldomein.sources.cbs_v3 import cells_v3, table_v3
from sociaaldomein.sources.cbs_v4 import cells_v4, table_v4
from sociaaldomein.text.language import _

__all__ = ["CACHE_ENV", "FEED", "FEED_ENV", "FEED_V4", "CBSSource", "default_cache"]

#: The OData v3 bulk feed; it pages large answers with ``odata.nextLink``.
FEED = "https://opendata.cbs.nl/ODataFeed/odata"
#: The OData v4 feed of the CBS catalog; it pages with ``@odata.nextLink``.
FEED_V4 = "https://datasets.cbs.nl/odata/v1/CBS"
#: Environment variable naming the cache folder (default: ``~/.cache/sociaaldomein/cbs``).
CACHE_ENV = "SOCIAALDOMEIN_CBS_CACHE"
#: Environment variable naming a feed (a mirror, a test server) for both interfaces.
FEED_ENV = "SOCIAALDOMEIN_CBS_FEED"
_APIS = ("v3", "v4")
_CODE = re.compile(r"[A-Za-z0-9]{1,20}")
# A subject is a code or a name ('s-Gravenhage, Súdwest-Fryslân): never a path or a control.
_SUBJECT = re.compile(r"[^\x00-\x1f\x7f/\\]{1,100}")


def default_cache() -> Path:
    """The cache folder: ``$SOCIAALDOMEIN_CBS_CACHE``, else the user's cache.

    That is ``sociaaldomein/cbs`` in ``$XDG_CACHE_HOME``, or in ``~/.cache`` without it.
    """
    if folder := os.environ.get(CACHE_ENV):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sociaaldomein" / "cbs"


class CBSSource(Source):
    """Figures from CBS StatLine tables, per region and CBS period, over OData v4 or v3.

    :param cache: the folder with the stored documents (see :func:`default_cache`).
    :param feed: one feed's address for both interfaces (a mirror, a test
        server); ``$SOCIAALDOMEIN_CBS_FEED`` when not given, else CBS's own
        (:data:`FEED_V4`, :data:`FEED`).
    :param timeout: seconds to wait for one answer when online.
    :param download: fetches a URL's bytes; tests pass a stand-in, so that
        no test touches the network.
    """

    name = "cbs"
    description = "CBS StatLine (open data, OData v4 en v3): cijfers per regio en periode"

    def __init__(
        self,
        cache: str | os.PathLike[str] | None = None,
        *,
        feed: str | None = None,
        timeout: float = 60,
        download: Callable[[str, float], bytes] | None = None,
    ) -> None:
        self._cache = None if cache is None else Path(cache)
        self._feed = None if feed is None else feed.rstrip("/")
        self.timeout = timeout
        self._download = download or _download

    @property
    def cache(self) -> Path:
        """The cache folder; read from the environment when not given."""
        return self._cache if self._cache is not None else default_cache()

    @property
    def feed(self) -> str | None:
        """The feed given (or set in ``$SOCIAALDOMEIN_CBS_FEED``); ``None`` for CBS's own."""
        given = self._feed or os.environ.get(FEED_ENV, "").strip().rstrip("/")
        return given or None

    def at(self, feed: str) -> CBSSource:
        """This source, reading from ``feed`` (a mirror, a test server)."""
        return CBSSource(self._cache, feed=feed, timeout=self.timeout, download=self._download)

    def documents(self, api: str) -> Feed:
        """The documents of interface ``api`` (``v3`` or ``v4``), cached in :attr:`cache`."""
        url = self.feed or (FEED_V4 if api == "v4" else FEED)
        params = {"$format": "json"} if api == "v3" else {}
        return Feed(self.feed_cache(), url, self.timeout, self._download, params)

    def feed_cache(self) -> Path:
        """The cache folder of this source's feed: :attr:`cache` itself for CBS's own.

        Another feed (a mirror, a test server) gets a folder of its own, named by a
        hash of its normalised URL, so a document cached from one feed is never
        served as another's. The folder goes through :func:`cache_path` like every
        other path in the cache.
        """
        if self.feed is None:
            return self.cache
        parts = urllib.parse.urlsplit(self.feed)
        normalised = parts._replace(
            scheme=parts.scheme.lower(), netloc=parts.netloc.lower(), path=parts.path.rstrip("/")
        ).geturl()
        digest = hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]
        return cache_path(
            self.cache, f"feed-{digest}", suffix="", source="cbs", what="feed", origin=self.feed
        )

    def api(self, table: str, *, online: bool) -> str:
        """The interface that serves ``table``: from the cache, else the feed's table document.

        :raises SourceError: the feed lists neither ``Observations`` nor ``TypedDataSet``.
        """
        documents = self.documents("v3")
        if documents.file(table, "Properties").exists():
            return "v4"
        if documents.file(table, "TableInfos").exists() or not online or self.feed is None:
            return "v3"
        url = f"{self.feed}/{table}?$format=json"
        try:
            listed = read_json(self._download(url, self.timeout), url).get("value")
        except (OSError, ValueError) as error:
            raise SourceError(
                _("cbs: kan {url} niet ophalen: {error}").format(url=url, error=error)
            ) from None
        names = (
            {str(row.get("name")) for row in listed if isinstance(row, dict)}
            if (isinstance(listed, list))
            else set()
        )
        if "Observations" in names:
            return "v4"
        if "TypedDataSet" in names:
            return "v3"
        raise SourceError(
            _(
                "cbs: {url} noemt geen Observations (OData v4) en geen TypedDataSet (OData v3);"
                " is dit een CBS-feed?"
            ).format(url=url)
        )

    # -- fetching --------------------------------------------------------------

    def fetch(
        self,
        indicators: IndicatorSet | Iterable[Indicator],
        subjects: Sequence[str] = (),
        periods: Sequence[Period] = (),
        *,
        online: bool = False,
        types: Mapping[str, MeasurementType] | None = None,
    ) -> Fetched:
        registry = types if types is not None else MeasurementTypeRegistry()
        mine, skipped = indicators_for(self.name, indicators)
        wanted = tuple(" ".join(subject.split()) for subject in subjects)
        odd = [subject for subject in wanted if not _SUBJECT.fullmatch(subject)]
        if odd:
            raise InvalidValueError(
                _(
                    "cbs: {subjects} is geen regio; geef een naam of code zoals Assen, GM0106,"
                    " PV22 of NL01 (zonder / of \\, hoogstens 100 tekens)"
                ).format(subjects=", ".join(map(repr, odd)))
            )
        by_table: dict[str, list[Indicator]] = {}
        for indicator in mine:
            assert indicator.fetch is not None
            by_table.setdefault(indicator.fetch.table, []).append(indicator)
        measurements: list[Measurement] = []
        findings: list[Finding] = []
        for table_id, listed in by_table.items():
            found, problems = self._fetch_table(table_id, listed, wanted, periods, online, registry)
            measurements += found
            findings += problems
        return Fetched(tuple(measurements), tuple(findings), tuple(skipped))

    def _fetch_table(
        self,
        table_id: str,
        listed: list[Indicator],
        wanted: tuple[str, ...],
        periods: Sequence[Period],
        online: bool,
        registry: Mapping[str, MeasurementType],
    ) -> tuple[list[Measurement], list[Finding]]:
        def each(message: str) -> list[Finding]:
            return [finding(Severity.ERROR, message, indicator.id) for indicator in listed]

        if not _CODE.fullmatch(table_id):
            return [], each(
                _(
                    "{table!r} is geen CBS-tabel; verwacht: letters en cijfers, zoals 85098NED"
                ).format(table=table_id)
            )
        apis = {i.fetch.api for i in listed if i.fetch is not None and i.fetch.api}
        if not apis <= set(_APIS) or len(apis) > 1:
            return [], each(
                _("fetch.api {apis} voor tabel {table}; verwacht: één van v3 en v4").format(
                    apis=", ".join(sorted(apis)), table=table_id
                )
            )
        api = apis.pop() if apis else self.api(table_id, online=online)
        documents = self.documents(api)
        read_table, read_cells = (table_v4, cells_v4) if api == "v4" else (table_v3, cells_v3)
        try:
            table = read_table(documents, table_id, online=online)
            codes, findings = _regions(table, wanted)
            if wanted and table.regions is not None and not codes:
                return [], findings  # none of the regions asked for: never the whole table
            keys = {measure_key(table, i.fetch) for i in listed if i.fetch is not None}
            known = sorted(key for key in keys if key is not None)
            read = read_cells(documents, table, codes, known, online=online)
        except NotCached as error:
            return [], self._not_cached(table_id, [str(error)])
        measurements: list[Measurement] = []
        findings += self._not_cached(table_id, read.missing)
        for indicator in listed:
            found, problems = measurements_of(
                read.table, read.cells, indicator, periods, registry, read.regions
            )
            measurements += found
            findings += problems
        return measurements, findings

    def _not_cached(self, table: str, paths: list[str]) -> list[Finding]:
        return [
            finding(
                Severity.ERROR,
                _(
                    "staat niet in de cache ({path}); haal het op met sociaaldomein fetch"
                    " --online (en --feed URL voor een andere feed)"
                ).format(path=path),
                table,
            )
            for path in paths
        ]


def _regions(table: Table, wanted: Sequence[str]) -> tuple[list[str], list[Finding]]:
    """The codes of the regions ``wanted`` (names or codes), and what was wrong with them."""
    if table.regions is None:
        return [], []
    codes: list[str] = []
    problems: list[Finding] = []
    for given in wanted:
        code, problem = table.regions.find(given)
        if code is None:
            problems.append(finding(Severity.ERROR, problem, table.id))
            continue
        if code in codes:
            continue  # the same region by name and by code, or as subject and reference
        # A code becomes a file name in the cache and part of a query.
        codes.append(checked_name(code, source="cbs", what="region code", origin=table.id))
        if (gone := table.regions.dissolved(code)) is not None:
            problems.append(finding(Severity.WARNING, gone, table.id))
    return codes, problems


_download = download
