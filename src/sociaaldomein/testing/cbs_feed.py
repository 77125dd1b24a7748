"""A CBS open data feed on 127.0.0.1, serving stored documents: for tests and trying out mappings.

``fetch --feed URL`` reads from it as from CBS, so a mapping can be tried
without the network. The folder holds one JSON file per document, whole and
unfiltered, as the feed serves them: ``<folder>/<table>/<Document>.json``
(``Properties``, ``MeasureCodes``, ``RegioSCodes``, ``Observations`` for
OData v4; ``TableInfos``, ``DataProperties``, ``RegioS``, ``TypedDataSet``
for v3). The server does what the feeds do with them:

- ``GET /<table>`` lists the table's documents (``{"value": [{"name": ...}]}``);
- ``$filter`` keeps the rows that match: ``Column eq 'code'``,
  ``substringof('code',Column)``, ``contains(Column,'code')``, joined by
  ``and`` and ``or``, in brackets or not;
- a document of more rows than ``page_size`` comes in pages, each linking
  the next with ``@odata.nextLink`` (v4, a document with
  ``@odata.context``) or ``odata.nextLink`` (v3).

Every request is kept in :attr:`Feed.requests`, so a test can see what was asked.
"""

from __future__ import annotations

import json
import re
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

__all__ = ["Feed", "serve_feed"]

_CONDITION = re.compile(
    r"\s*(?:(?P<column>\w+)\s+eq\s+'(?P<value>[^']*)'"
    r"|substringof\('(?P<part>[^']*)',\s*(?P<within>\w+)\)"
    r"|contains\((?P<haystack>\w+),\s*'(?P<needle>[^']*)'\))\s*"
)


def _matches(expression: str, row: dict[str, Any]) -> bool:
    """Whether ``row`` passes an OData ``$filter`` of the forms the module lists."""
    text = expression.strip()
    while text.startswith("(") and _closing(text) == len(text) - 1:
        text = text[1:-1].strip()
    for operator in (" or ", " and "):
        parts = _split(text, operator)
        if len(parts) > 1:
            results = (_matches(part, row) for part in parts)
            return any(results) if operator == " or " else all(results)
    match = _CONDITION.fullmatch(text)
    if match is None:
        raise ValueError(f"filter not understood: {text!r}")
    if match["column"]:
        return str(row.get(match["column"], "")).strip() == match["value"].strip()
    if match["within"]:
        return match["part"] in str(row.get(match["within"], ""))
    return match["needle"] in str(row.get(match["haystack"], ""))


def _closing(text: str) -> int:
    depth = 0
    for index, character in enumerate(text):
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth == 0:
            return index
    return -1


def _split(text: str, operator: str) -> list[str]:
    """``text`` split at ``operator`` outside brackets and quotes."""
    parts, depth, quoted, start = [], 0, False, 0
    for index, character in enumerate(text):
        if character == "'":
            quoted = not quoted
        elif not quoted and character in "()":
            depth += 1 if character == "(" else -1
        elif not quoted and depth == 0 and text.startswith(operator, index):
            parts.append(text[start:index])
            start = index + len(operator)
    parts.append(text[start:])
    return [part for part in parts if part.strip()] if len(parts) > 1 else [text]


class Feed:
    """A feed serving ``folder`` at :attr:`url`; see :func:`serve_feed`.

    :param page_size: the most rows one answer holds.
    """

    def __init__(self, folder: Path, page_size: int = 1000) -> None:
        self.folder = folder
        self.page_size = page_size
        self.requests: list[str] = []
        self.url = ""

    def answer(self, target: str) -> tuple[int, bytes]:
        """The status and body for a request of ``target`` (path and query)."""
        self.requests.append(target)
        address = urllib.parse.urlsplit(target)
        parts = [urllib.parse.unquote(part) for part in address.path.strip("/").split("/")]
        query = dict(urllib.parse.parse_qsl(address.query))
        if len(parts) == 1 and (self.folder / parts[0]).is_dir():
            names = sorted(path.stem for path in (self.folder / parts[0]).glob("*.json"))
            listed = {"value": [{"name": name, "url": name} for name in names]}
            return 200, json.dumps(listed).encode()
        if len(parts) != 2 or not all(re.fullmatch(r"\w+", part) for part in parts):
            return 404, b'{"error": "not found"}'
        path = self.folder / parts[0] / f"{parts[1]}.json"
        if not path.is_file():
            return 404, b'{"error": "not found"}'
        document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        rows = document.get("value")
        if not isinstance(rows, list):
            return 200, json.dumps(document).encode()
        if wanted := query.get("$filter"):
            try:
                rows = [row for row in rows if _matches(wanted, row)]
            except ValueError as error:
                return 400, json.dumps({"error": str(error)}).encode()
        skip = int(query.get("$skip", "0"))
        page = {**document, "value": rows[skip : skip + self.page_size]}
        if skip + self.page_size < len(rows):
            link = "@odata.nextLink" if "@odata.context" in document else "odata.nextLink"
            following = urllib.parse.urlencode({**query, "$skip": str(skip + self.page_size)})
            page[link] = f"{self.url}{address.path}?{following}"
        return 200, json.dumps(page, ensure_ascii=False).encode()


@contextmanager
def serve_feed(folder: str | Path, *, page_size: int = 1000) -> Iterator[Feed]:
    """A :class:`Feed` of ``folder`` on 127.0.0.1 (a free port) while the block runs.

    ``with serve_feed("tests/data/cbs-feed/v4") as feed: ... feed.url ...``
    """
    feed = Feed(Path(folder), page_size)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, body = feed.answer(self.path)
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return  # quiet: the requests are in feed.requests

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    feed.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield feed
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
