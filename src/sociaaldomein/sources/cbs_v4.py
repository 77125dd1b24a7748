"""A CBS StatLine table through the OData v4 interface (CBS's current open data API).

The feed ``https://datasets.cbs.nl/odata/v1/CBS/<table>/`` serves, as the
release notes (https://datasets.cbs.nl/odata/v1/releasenotes.html), the
manual (https://www.cbs.nl/nl-nl/statline/odata4/general/info) and the
open clients (``cbsodata4`` for R, github.com/statistiekcbs/cbsodata4, and
for Python, github.com/dennis8/cbsodata4) show:

- ``Properties`` (one object): ``Identifier``, ``Title``,
  ``ObservationsModified`` (when the figures last changed);
- ``Dimensions``: each dimension's ``Identifier`` and ``Kind``
  (``Dimension``, ``TimeDimension``, ``GeoDimension``, ``GeoDetailDimension``);
- ``MeasureCodes``: each measure's ``Identifier`` (``M000352``), ``Title``,
  ``Unit`` and ``Decimals``;
- ``<dimension>Codes`` (``RegioSCodes``, ``PeriodenCodes``): each code's
  ``Identifier``, ``Title``, ``Description``, and for periods a ``Status``;
- ``Observations``: one cell per row, ``Measure``, a column per dimension,
  ``Value`` and ``ValueAttribute`` (``None``, or ``Impossible``,
  ``Confidential``, ``NotAvailable`` where there is no value); empty cells
  are left out unless they carry such an attribute; pages are joined by
  ``@odata.nextLink``.

Observations are asked for per region and measure with ``$filter``
(``RegioS eq 'GM0106' and Measure eq 'M000352'``), and stored so: one file
per region and measure.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from sociaaldomein.sources.base import SourceError, checked_name
from sociaaldomein.sources.cbs_documents import Documents, NotCached, check_decimals
from sociaaldomein.sources.cbs_names import CodeList
from sociaaldomein.sources.cbs_table import Cell, Cells, Table
from sociaaldomein.text.language import _

__all__ = ["cells_v4", "table_v4"]

_GEO = ("GeoDimension", "GeoDetailDimension")


def _date(text: object) -> datetime.date | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def table_v4(documents: Documents, table: str, *, online: bool) -> Table:
    """The table's metadata from ``Properties``, ``Dimensions``, ``MeasureCodes`` and code lists."""
    properties = documents.document(table, "Properties", online=online)
    origin = str(documents.file(table, "Dimensions"))
    dimensions = documents.document(table, "Dimensions", online=online)
    kinds = {str(row.get("Identifier", "")): str(row.get("Kind", "")) for row in dimensions}
    times = [key for key, kind in kinds.items() if kind == "TimeDimension"]
    if len(times) != 1:
        raise SourceError(
            _("cbs: tabel {table} heeft {count} tijddimensies; verwacht: 1").format(
                table=table, count=len(times)
            )
        )
    geo = [key for key, kind in kinds.items() if kind in _GEO]
    # Dimension identifiers name documents: a file in the cache and a URL.
    time = checked_name(times[0], source="cbs", what="dimension identifier", origin=origin)
    periods = {
        str(row.get("Identifier", "")).strip(): row
        for row in documents.document(table, f"{time}Codes", online=online, origin=origin)
    }
    regions = None
    if geo:
        name = checked_name(geo[0], source="cbs", what="dimension identifier", origin=origin)
        rows = documents.document(table, f"{name}Codes", online=online, origin=origin)
        regions = CodeList.of(rows, "Identifier")
    measures_origin = str(documents.file(table, "MeasureCodes"))
    measures: dict[str, dict[str, Any]] = {}
    for row in documents.document(table, "MeasureCodes", online=online):
        key = str(row.get("Identifier", ""))
        check_decimals(row, key, measures_origin)
        measures[key] = row
    about = properties[0] if properties else {}
    return Table(
        table,
        str(about.get("Title", "")),
        "v4",
        measures,
        geo[0] if geo else None,
        times[0],
        tuple(key for key, kind in kinds.items() if kind == "Dimension"),
        periods,
        regions,
        _date(about.get("ObservationsModified")),
    )


def cells_v4(
    documents: Documents,
    table: Table,
    regions: Sequence[str],
    measures: Sequence[str],
    *,
    online: bool,
) -> Cells:
    """The cells of ``measures`` for ``regions`` (codes; all without)."""
    cells: list[Cell] = []
    missing: list[str] = []
    failed: set[str | None] = set()
    whole = documents.file(table.id, "Observations")
    places: Sequence[str | None] = regions if table.geo is not None and regions else [None]
    for region in places:
        for measure in measures:
            checked_name(measure, source="cbs", what="measure", origin=f"table {table.id}")
            name = "/".join(part for part in ("Observations", region, measure) if part)
            wanted = f"Measure eq '{measure}'"
            if region is not None:
                # As the code list writes it: a padded code is asked for padded.
                key = table.regions.regions[region].key if table.regions is not None else region
                wanted = f"{table.geo} eq '{key or region}' and {wanted}"
            try:
                rows = documents.document(table.id, name, online=online, query={"$filter": wanted})
            except NotCached as error:
                # A whole table stored once (as a mirror holds it) serves every region and measure.
                if not whole.exists():
                    missing.append(str(error))
                    failed.add(region)
                    continue
                rows = documents.document(table.id, "Observations", online=False)
            cells += [
                _cell(table, row)
                for row in rows
                if row.get("Measure") == measure
                and (region is None or str(row.get(table.geo or "", "")).strip() == region)
            ]
    return Cells(cells, missing, table, [code for code in regions if code not in failed])


def _cell(table: Table, row: dict[str, Any]) -> Cell:
    attribute = row.get("ValueAttribute")
    return Cell(
        str(row.get(table.geo, "")).strip() if table.geo is not None else "NL01",
        str(row.get(table.time, "")).strip(),
        tuple((key, str(row.get(key, "")).strip()) for key in table.dimensions),
        str(row.get("Measure", "")),
        row.get("Value"),
        attribute if isinstance(attribute, str) else "",
    )
