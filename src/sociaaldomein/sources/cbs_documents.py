"""The documents of a CBS feed, from a cache folder or over HTTP, as both interfaces serve them.

One file per document in the cache (``<cache>/85098NED/DataProperties.json``,
``.../TypedDataSet/GM0106.json``, ``.../Observations/GM0106/M000352.json``),
stored as the feed sent it, pages joined, with the time it was fetched under
the key ``sociaaldomein.fetched``. Pages are followed by ``odata.nextLink``
(v3) or ``@odata.nextLink`` (v4), only within the document asked for on the
same feed. The standard library's ``urllib`` does the HTTP: the documents
are plain JSON over GET.
"""

from __future__ import annotations

import datetime
import json
import urllib.parse
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

import attrs

from sociaaldomein.io.loading import write_atomic
from sociaaldomein.sources.base import SourceError, cache_path
from sociaaldomein.text.language import _

__all__ = [
    "FETCHED",
    "Documents",
    "Feed",
    "NotCached",
    "Read",
    "check_decimals",
    "download",
    "read_json",
]

#: The key under which a stored document keeps when it was fetched (ISO 8601, UTC).
FETCHED = "sociaaldomein.fetched"
#: The most decimals a measure may declare (CBS publishes up to a few).
_MAX_DECIMALS = 20
_NEXT = ("@odata.nextLink", "odata.nextLink")
#: Documents that are one object rather than a ``value`` list (v4 ``Properties``).
_SINGLETONS = {"Properties"}


class NotCached(Exception):
    """A document is not in the cache and the network was not allowed."""


def download(url: str, timeout: float) -> bytes:
    """The bytes at ``url`` (``urllib``); :class:`OSError` when that fails."""
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


@attrs.frozen
class Read:
    """A document's rows and the day it was fetched (``None`` if the file does not say)."""

    rows: list[dict[str, Any]]
    fetched: datetime.date | None


class Documents(Protocol):
    """What reads a table's documents: :class:`Feed`."""

    def file(self, table: str, name: str, origin: str = "") -> Path: ...

    def read(
        self,
        table: str,
        name: str,
        *,
        online: bool,
        query: Mapping[str, str] | None = None,
        origin: str = "",
    ) -> Read: ...

    def document(
        self,
        table: str,
        name: str,
        *,
        online: bool,
        query: Mapping[str, str] | None = None,
        origin: str = "",
    ) -> list[dict[str, Any]]: ...


@attrs.frozen
class Feed:
    """One feed's documents, cached in ``cache``.

    :param params: query parameters every request carries (``$format=json`` for v3).
    :param download: fetches a URL's bytes; tests pass a stand-in.
    """

    cache: Path
    url: str
    timeout: float
    download: Callable[[str, float], bytes]
    params: Mapping[str, str] = attrs.field(factory=dict)

    def file(self, table: str, name: str, origin: str = "") -> Path:
        """The cache file of a document; every part of ``name`` checked as a file name."""
        return cache_path(
            self.cache,
            table,
            *name.split("/"),
            suffix=".json",
            source="cbs",
            what="document name",
            origin=origin or f"table {table}",
        )

    def document(
        self,
        table: str,
        name: str,
        *,
        online: bool,
        query: Mapping[str, str] | None = None,
        origin: str = "",
    ) -> list[dict[str, Any]]:
        """The rows of one document (see :meth:`read`)."""
        return self.read(table, name, online=online, query=query, origin=origin).rows

    def read(
        self,
        table: str,
        name: str,
        *,
        online: bool,
        query: Mapping[str, str] | None = None,
        origin: str = "",
    ) -> Read:
        """The rows of one document of ``table`` and when it was fetched.

        ``name`` may have parts after a slash (``TypedDataSet/GM0106``): the
        cache file is named by them, the feed is asked for the part before the
        first with ``query``.

        :raises NotCached: not in the cache, and not ``online``.
        :raises SourceError: a stored file or an answer is not the documented
            JSON, a name is not safe as a file name, or the network failed.
        """
        path = self.file(table, name, origin)
        endpoint = name.partition("/")[0]
        if path.exists():
            return _read(read_json(path.read_bytes(), str(path)), str(path), endpoint)
        if not online:
            raise NotCached(str(path))
        base = f"{self.url}/{table}/{endpoint}"
        params = {**self.params, **(query or {})}
        url: str | None = f"{base}?{urllib.parse.urlencode(params)}" if params else base
        document: dict[str, Any] | None = None
        while url is not None:
            try:
                page = read_json(self.download(url, self.timeout), url)
            except (OSError, ValueError) as error:  # urllib's URLError is an OSError
                raise SourceError(
                    _("cbs: kan {url} niet ophalen: {error}").format(url=url, error=error)
                ) from None
            rows = _read(page, url, endpoint).rows
            if document is None:
                document = page
            else:
                document["value"] = [*document["value"], *rows]
            link = next((page[key] for key in _NEXT if isinstance(page.get(key), str)), None)
            if link is not None and not link.startswith((f"{base}?", f"{base}/")):
                # A page links on only within the document asked for, on the same feed.
                raise SourceError(
                    _(
                        "cbs: {base}: de volgende pagina {link!r} ligt niet in hetzelfde"
                        " document van dezelfde feed; niet gevolgd"
                    ).format(base=base, link=link[:120])
                )
            url = link
        assert document is not None
        for key in _NEXT:
            document.pop(key, None)
        now = datetime.datetime.now(datetime.UTC)
        document[FETCHED] = now.isoformat(timespec="seconds")
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(document, ensure_ascii=False, indent=1))
        return _read(document, str(path), endpoint)


def check_decimals(row: Mapping[str, Any], key: str, origin: str) -> None:
    """A measure's ``Decimals`` is absent or a whole number from 0 to 20.

    :raises SourceError: naming the file and the measure.
    """
    decimals = row.get("Decimals")
    if decimals is None:
        return
    if isinstance(decimals, bool) or not isinstance(decimals, int):
        shown = str(decimals)[:40]
    elif not 0 <= decimals <= _MAX_DECIMALS:
        shown = str(decimals) if decimals.bit_length() < 64 else _("een getal te groot om te tonen")
    else:
        return
    raise SourceError(
        _(
            "cbs: {origin}: Decimals van {key!r} is {shown!r}; verwacht: een geheel getal"
            " van 0 tot en met {most}"
        ).format(origin=origin, key=key[:60], shown=shown, most=_MAX_DECIMALS)
    )


def read_json(data: bytes, origin: str) -> dict[str, Any]:
    """A JSON object from a file or an answer.

    :raises SourceError: not JSON, nested too deeply, a number too long, not an object.
    """
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SourceError(
            _("cbs: {origin} is geen JSON: {error}").format(origin=origin, error=error)
        ) from None
    except RecursionError:
        # The C decoder raises it cleanly at its depth limit (100,000 nested arrays).
        raise SourceError(
            _("cbs: {origin}: te diep genest voor een CBS-document").format(origin=origin)
        ) from None
    except ValueError as error:  # an integer of more than 4,300 digits
        raise SourceError(
            _("cbs: {origin}: een getal te lang om te lezen ({error})").format(
                origin=origin, error=error
            )
        ) from None
    if not isinstance(document, dict):
        raise SourceError(_("cbs: {origin}: verwacht een JSON-object").format(origin=origin))
    return document


def _read(document: Mapping[str, Any], origin: str, endpoint: str) -> Read:
    stamp = document.get(FETCHED)
    fetched = None
    if isinstance(stamp, str):
        try:
            fetched = datetime.datetime.fromisoformat(stamp).date()
        except ValueError:
            fetched = None
    if endpoint in _SINGLETONS and "value" not in document:
        return Read([{k: v for k, v in document.items() if not k.startswith("@")}], fetched)
    rows = document.get("value")
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise SourceError(
            _("cbs: {origin}: verwacht een JSON-object met een 'value'-lijst van objecten").format(
                origin=origin
            )
        )
    return Read(rows, fetched)
