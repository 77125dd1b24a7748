"""A CBS StatLine table through the OData v3 interface.

The feed ``https://opendata.cbs.nl/ODataFeed/odata/<table>/`` serves, each
as JSON ``{"odata.metadata": ..., "value": [...]}`` (paged with
``odata.nextLink``), as the *Handleiding CBS Open Data Services* (CBS,
2014) describes them:

- ``TableInfos``: title, frequency, period covered;
- ``DataProperties``: the columns: ``Type`` ``GeoDimension`` (``RegioS``),
  ``TimeDimension`` (``Perioden``), ``Dimension`` (``Leeftijd``, ...) or
  ``Topic`` (a figure, with ``Unit`` and ``Decimals``);
- one document per dimension, named by its key: ``Perioden`` (each period's
  ``Key``, ``Title`` and ``Status``), ``RegioS`` (each region's ``Key``,
  ``Title`` and ``Description``);
- ``TypedDataSet``: the rows, one per region, period and dimension codes,
  with a number (or ``null``: not published) per topic.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from sociaaldomein.sources.base import SourceError, checked_name
from sociaaldomein.sources.cbs_documents import Documents, NotCached, check_decimals
from sociaaldomein.sources.cbs_names import CodeList
from sociaaldomein.sources.cbs_table import Cell, Cells, Table
from sociaaldomein.text.language import _

__all__ = ["cells_v3", "kind_of", "table_v3"]


def kind_of(row: Mapping[str, Any]) -> str:
    """A ``DataProperties`` row's kind: ``Topic``, ``Dimension``, ``GeoDimension``, ..."""
    kind = row.get("Type") or str(row.get("odata.type", "")).rpartition(".")[2]
    return str(kind)


def table_v3(documents: Documents, table: str, *, online: bool) -> Table:
    """The table's metadata from ``TableInfos``, ``DataProperties`` and its dimensions."""
    infos = documents.document(table, "TableInfos", online=online)
    origin = str(documents.file(table, "DataProperties"))
    properties: dict[str, dict[str, Any]] = {}
    for row in documents.document(table, "DataProperties", online=online):
        key = row.get("Key")
        if not isinstance(key, str):
            raise SourceError(
                _("cbs: {origin}: een Key is {key!r}; verwacht: tekst").format(
                    origin=origin, key=str(key)[:40]
                )
            )
        check_decimals(row, key, origin)
        properties[key] = row

    def keys(kind: str) -> list[str]:
        return [key for key, row in properties.items() if kind_of(row) == kind]

    times = keys("TimeDimension")
    if len(times) != 1:
        raise SourceError(
            _("cbs: tabel {table} heeft {count} tijddimensies; verwacht: 1").format(
                table=table, count=len(times)
            )
        )
    geo = keys("GeoDimension")
    # Dimension keys name documents: a file in the cache and a URL.
    time = checked_name(times[0], source="cbs", what="dimension key", origin=origin)
    periods = {
        str(row.get("Key", "")).strip(): row
        for row in documents.document(table, time, online=online, origin=origin)
    }
    regions = None
    if geo:
        name = checked_name(geo[0], source="cbs", what="dimension key", origin=origin)
        regions = CodeList.of(documents.document(table, name, online=online, origin=origin), "Key")
    title = str(infos[0].get("Title", "")) if infos else ""
    topics = {key: row for key, row in properties.items() if kind_of(row) == "Topic"}
    return Table(
        table,
        title,
        "v3",
        topics,
        geo[0] if geo else None,
        times[0],
        tuple(keys("Dimension")),
        periods,
        regions,
    )


def cells_v3(
    documents: Documents,
    table: Table,
    regions: Sequence[str],
    measures: Sequence[str],
    *,
    online: bool,
) -> Cells:
    """The cells of ``measures`` for ``regions`` (codes; all without), with the table
    and the time its rows were fetched."""
    whole = documents.file(table.id, "TypedDataSet")
    rows: list[dict[str, Any]] = []
    missing: list[str] = []
    failed: set[str] = set()
    fetched = None
    if table.geo is None or not regions:
        read = documents.read(table.id, "TypedDataSet", online=online)
        rows, fetched = read.rows, read.fetched
    geo = table.geo or ""
    for code in regions if table.geo is not None else ():
        try:
            read = documents.read(
                table.id,
                f"TypedDataSet/{code}",
                online=online,
                query={"$filter": f"substringof('{code}',{table.geo})"},
            )
        except NotCached as error:
            # A whole table stored once serves every subject.
            if not whole.exists():
                missing.append(str(error))
                failed.add(code)
                continue
            read = documents.read(table.id, "TypedDataSet", online=False)
        fetched = read.fetched if fetched is None else min(fetched, read.fetched or fetched)
        rows += [row for row in read.rows if str(row.get(geo, "")).strip() == code]
    cells = [
        Cell(
            str(row.get(table.geo, "")).strip() if table.geo is not None else "NL01",
            str(row.get(table.time, "")).strip(),
            tuple((key, str(row.get(key, "")).strip()) for key in table.dimensions),
            measure,
            row.get(measure),
        )
        for row in rows
        for measure in measures
    ]
    read_from = [code for code in regions if code not in failed]
    return Cells(cells, missing, attrs.evolve(table, modified=fetched), read_from)
