"""CBS StatLine as a measurement source, through the documented open data interface.

CBS publishes every StatLine table as open data over OData version 3
(https://www.cbs.nl/nl-nl/onze-diensten/open-data/databank-cbs-statline-als-open-data;
the *Handleiding CBS Open Data Services*, CBS 2014, describes the documents
used here). For a table such as ``85221NED`` the feed
``https://opendata.cbs.nl/ODataFeed/odata/85221NED/`` serves, each as JSON
``{"odata.metadata": ..., "value": [...]}`` (paged with ``odata.nextLink``):

- ``TableInfos``: title, frequency, period covered;
- ``DataProperties``: the columns: ``Type`` ``GeoDimension`` (``RegioS``),
  ``TimeDimension`` (``Perioden``), ``Dimension`` (``Leeftijd``, ...) or
  ``Topic`` (a figure, with ``Unit`` and ``Decimals``);
- ``Perioden``: each period's ``Key`` (``2020HJ01``) and ``Status``
  (``Voorlopig``, ``Nader voorlopig``, ``Definitief``);
- ``TypedDataSet``: the rows, one per region, period and dimension codes,
  with a number (or ``null``) per topic.

:class:`CBSSource` reads these from a cache folder, one file per document
(``<cache>/85221NED/DataProperties.json``, ``.../TypedDataSet/GM0106.json``),
and fetches and stores them only when asked with ``online=True``. The
standard library's ``urllib`` does the HTTP: the documents are plain JSON
over GET, and the client libraries (``cbsodata``) need ``requests``, replace
codes by titles and keep no cache of their own.
"""

from __future__ import annotations

import json
import os
import re
import urllib.parse
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.findings import Finding, Severity
from sociaaldomein.io.loading import write_atomic
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
from sociaaldomein.sources.cbs_table import Table, finding, kind_of, measurements_of

__all__ = ["CACHE_ENV", "FEED", "CBSSource", "default_cache"]

#: The OData v3 bulk feed; it pages large answers with ``odata.nextLink``.
FEED = "https://opendata.cbs.nl/ODataFeed/odata"
#: Environment variable naming the cache folder (default: ``~/.cache/sociaaldomein/cbs``).
CACHE_ENV = "SOCIAALDOMEIN_CBS_CACHE"
_CODE = re.compile(r"[A-Za-z0-9]{1,20}")


def default_cache() -> Path:
    """The cache folder: ``$SOCIAALDOMEIN_CBS_CACHE``, else the user's cache.

    That is ``sociaaldomein/cbs`` in ``$XDG_CACHE_HOME``, or in ``~/.cache`` without it.
    """
    if folder := os.environ.get(CACHE_ENV):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sociaaldomein" / "cbs"


class _NotCached(Exception):
    """A document is not in the cache and the network was not allowed."""


def _download(url: str, timeout: float) -> bytes:
    # Imported here: urllib.request is slow to import and only online runs need it.
    import http.client
    import urllib.request

    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "sociaaldomein"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            data: bytes = answer.read()
            return data
    except http.client.HTTPException as error:  # a broken answer, such as IncompleteRead
        raise OSError(f"{type(error).__name__}: {error}") from None


class CBSSource(Source):
    """Figures from CBS StatLine tables, per region code and CBS period.

    :param cache: the folder with the stored documents (see :func:`default_cache`).
    :param feed: the OData feed's address.
    :param timeout: seconds to wait for one answer when online.
    :param download: fetches a URL's bytes; tests pass a stand-in, so that
        no test touches the network.
    """

    name = "cbs"
    description = "CBS StatLine (open data, OData v3): figures per region and period"

    def __init__(
        self,
        cache: str | os.PathLike[str] | None = None,
        *,
        feed: str = FEED,
        timeout: float = 60,
        download: Callable[[str, float], bytes] | None = None,
    ) -> None:
        self._cache = None if cache is None else Path(cache)
        self.feed = feed.rstrip("/")
        self.timeout = timeout
        self._download = download or _download

    @property
    def cache(self) -> Path:
        """The cache folder; read from the environment when not given."""
        return self._cache if self._cache is not None else default_cache()

    # -- documents -------------------------------------------------------------

    def _file(self, table: str, name: str, origin: str = "") -> Path:
        # Every part is checked as a file name before it touches the cache path.
        return cache_path(
            self.cache,
            table,
            *name.split("/"),
            suffix=".json",
            source=self.name,
            what="document name",
            origin=origin or f"table {table}",
        )

    def document(
        self,
        table: str,
        name: str,
        *,
        query: Mapping[str, str] | None = None,
        online: bool,
        origin: str = "",
    ) -> list[dict[str, Any]]:
        """The ``value`` rows of one document of ``table`` (``DataProperties``, ...).

        ``name`` may have a part after a slash (``TypedDataSet/GM0106``): the
        cache file is named by it, the feed is asked for the part before it
        with ``query``. Each part of the name is checked as a file name
        first (:func:`~sociaaldomein.sources.base.cache_path`).

        :param origin: where ``name`` was read, for the message when it is not safe.
        :raises SourceError: a stored file or an answer is not the documented JSON,
            a name is not safe as a file name, or the network failed.
        """
        path = self._file(table, name, origin)
        if path.exists():
            return _rows(_read_json(path.read_bytes(), str(path)), str(path))
        if not online:
            raise _NotCached(str(path))
        endpoint = name.partition("/")[0]
        params = {"$format": "json", **(query or {})}
        url: str | None = f"{self.feed}/{table}/{endpoint}?{urllib.parse.urlencode(params)}"
        document: dict[str, Any] | None = None
        while url is not None:
            try:
                page = _read_json(self._download(url, self.timeout), url)
            except (OSError, ValueError) as error:  # urllib's URLError is an OSError
                raise SourceError(f"cbs: cannot fetch {url}: {error}") from None
            rows = _rows(page, url)
            if document is None:
                document = page
            else:
                document["value"] = [*document["value"], *rows]
            next_link = page.get("odata.nextLink")
            url = next_link if isinstance(next_link, str) else None
            if url is not None and not url.startswith(f"{self.feed}/{table}/{endpoint}?"):
                # A page links on only within the document asked for, on the same feed.
                raise SourceError(
                    f"cbs: {self.feed}/{table}/{endpoint}: the next page {url[:120]!r} is not"
                    " on the same feed and document; not followed"
                )
        assert document is not None
        document.pop("odata.nextLink", None)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(document, ensure_ascii=False, indent=1))
        return _rows(document, url or str(path))

    def _table(self, table: str, *, online: bool) -> Table:
        infos = self.document(table, "TableInfos", online=online)
        origin = str(self._file(table, "DataProperties"))
        properties = {
            _check_property(row, origin): row
            for row in self.document(table, "DataProperties", online=online)
        }

        def keys(kind: str) -> list[str]:
            return [key for key, row in properties.items() if kind_of(row) == kind]

        times = keys("TimeDimension")
        if len(times) != 1:
            raise SourceError(f"cbs: table {table} has {len(times)} time dimensions; expected 1")
        geo = keys("GeoDimension")
        # The time dimension's key names a document: a file in the cache and a URL.
        time = checked_name(times[0], source=self.name, what="dimension key", origin=origin)
        for key in geo:
            checked_name(key, source=self.name, what="dimension key", origin=origin)
        periods = {
            str(row.get("Key", "")).strip(): row
            for row in self.document(table, time, online=online, origin=origin)
        }
        title = str(infos[0].get("Title", "")) if infos else ""
        return Table(
            table,
            title,
            properties,
            geo[0] if geo else None,
            times[0],
            tuple(keys("Dimension")),
            periods,
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
        wanted = tuple(code.strip().upper() for code in subjects)
        # Codes become file names in the cache and part of a query: letters and digits only.
        odd = [code for code in wanted if not _CODE.fullmatch(code)]
        if odd:
            raise InvalidValueError(
                f"cbs: {', '.join(map(repr, odd))} is not a CBS region code;"
                " expected letters and digits, such as GM0106, WK010601, PV22 or NL01"
            )
        by_table: dict[str, list[Indicator]] = {}
        for indicator in mine:
            assert indicator.fetch is not None
            by_table.setdefault(indicator.fetch.table, []).append(indicator)
        measurements: list[Measurement] = []
        findings: list[Finding] = []
        for table_id, listed in by_table.items():
            if not _CODE.fullmatch(table_id):
                findings += [
                    finding(
                        Severity.ERROR,
                        f"{table_id!r} is not a CBS table id; expected letters and digits"
                        " such as 85098NED",
                        indicator.id,
                    )
                    for indicator in listed
                ]
                continue
            rows: list[dict[str, Any]] | None
            try:
                table = self._table(table_id, online=online)
                rows, missing = self._rows(table, wanted, online=online)
            except _NotCached as error:
                rows, missing = None, [str(error)]
            findings += [
                finding(
                    Severity.ERROR,
                    f"not in the cache ({path}); fetch it with online=True"
                    " (sociaaldomein fetch --online)",
                    table_id,
                )
                for path in missing
            ]
            if rows is None:
                continue
            for indicator in listed:
                found, problems = measurements_of(table, rows, indicator, periods, registry)
                measurements += found
                findings += problems
        return Fetched(tuple(measurements), tuple(findings), tuple(skipped))

    def _rows(
        self, table: Table, subjects: tuple[str, ...], *, online: bool
    ) -> tuple[list[dict[str, Any]], list[str]]:
        """The table's rows for ``subjects`` (all rows without), and the cache files missing."""
        if table.geo is None or not subjects:
            return self.document(table.id, "TypedDataSet", online=online), []
        rows: list[dict[str, Any]] = []
        missing: list[str] = []
        for code in subjects:
            try:
                found = self.document(
                    table.id,
                    f"TypedDataSet/{code}",
                    online=online,
                    query={"$filter": f"substringof('{code}',{table.geo})"},
                )
            except _NotCached as error:
                # A whole table stored once serves every subject.
                if not self._file(table.id, "TypedDataSet").exists():
                    missing.append(str(error))
                    continue
                found = self.document(table.id, "TypedDataSet", online=False)
            rows += [row for row in found if str(row.get(table.geo, "")).strip() == code]
        return rows, missing


#: The most decimals a topic may declare (CBS publishes up to a few).
_MAX_DECIMALS = 20


def _check_property(row: Mapping[str, Any], origin: str) -> str:
    """A ``DataProperties`` row's ``Key`` (text), once its ``Decimals`` is absent or 0 to 20."""
    key = row.get("Key")
    if not isinstance(key, str):
        raise SourceError(f"cbs: {origin}: a Key is {str(key)[:40]!r}; expected text")
    decimals = row.get("Decimals")
    if decimals is None:
        return key
    if isinstance(decimals, bool) or not isinstance(decimals, int):
        raise SourceError(
            f"cbs: {origin}: Decimals of {key[:60]!r} is {str(decimals)[:40]!r}; expected a"
            f" whole number from 0 to {_MAX_DECIMALS}"
        )
    if not 0 <= decimals <= _MAX_DECIMALS:
        shown = str(decimals) if decimals.bit_length() < 64 else "a number too large to show"
        raise SourceError(
            f"cbs: {origin}: Decimals of {key[:60]!r} is {shown}; expected a whole number"
            f" from 0 to {_MAX_DECIMALS}"
        )
    return key


def _read_json(data: bytes, origin: str) -> dict[str, Any]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SourceError(f"cbs: {origin} is not JSON: {error}") from None
    except RecursionError:
        # The C decoder raises it cleanly at its depth limit (100,000 nested arrays).
        raise SourceError(f"cbs: {origin}: nested too deeply to be a CBS document") from None
    except ValueError as error:  # an integer of more than 4,300 digits
        raise SourceError(f"cbs: {origin}: a number too long to read ({error})") from None
    if not isinstance(document, dict):
        raise SourceError(f"cbs: {origin}: expected a JSON object with a 'value' list")
    return document


def _rows(document: Mapping[str, Any], origin: str) -> list[dict[str, Any]]:
    rows = document.get("value")
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise SourceError(f"cbs: {origin}: expected a JSON object with a 'value' list of objects")
    return rows
