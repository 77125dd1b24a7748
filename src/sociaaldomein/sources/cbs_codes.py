"""The codes of CBS StatLine tables: periods, regions, period status and units.

As the CBS open data interface (OData v3, ``opendata.cbs.nl/ODataApi`` and
``ODataFeed``) documents them in the *Handleiding CBS Open Data Services*
(CBS, 30 June 2014, chapters TimeDimension and Geografische dimensies) and
the data portal's information pages
(https://www.cbs.nl/nl-nl/onze-diensten/open-data/databank-cbs-statline-als-open-data):

- a ``Perioden`` key is a year, two letters and two digits: ``2020JJ00``
  (year), ``2020HJ01`` / ``2020HJ02`` (half year), ``2020KW01`` .. ``KW04``
  (quarter), ``2020MM01`` .. ``MM12`` (month);
- each period carries a ``Status``: ``Voorlopig``, ``Nader voorlopig`` or
  ``Definitief``;
- a region key starts with its kind: ``NL01`` the Netherlands, ``PV22`` a
  province, ``GM0106`` a municipality, ``WK010601`` a district (wijk),
  ``BU01060101`` a neighbourhood (buurt); keys may be padded with spaces;
- a topic's ``Unit`` says what its numbers count (``aantal``, ``%``,
  ``per 10 000 inwoners``, ``x 1 000``) and ``Decimals`` how many decimals
  are meaningful.
"""

from __future__ import annotations

import re

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model.measurement import DataStatus
from sociaaldomein.model.period import Period
from sociaaldomein.text.language import _
from sociaaldomein.text.units import unit_scale

__all__ = [
    "REGION_KINDS",
    "parse_period_code",
    "parse_status",
    "period_code",
    "region_kind",
    "unit_scale",
]

_PERIOD = re.compile(r"(?P<year>\d{4})(?P<kind>JJ|HJ|KW|MM)(?P<number>\d{2})")

#: Region code prefixes and what they stand for.
REGION_KINDS = {
    "NL": "country",
    "LD": "part_of_country",
    "PV": "province",
    "CR": "corop_region",
    "GM": "municipality",
    "WK": "district",
    "BU": "neighbourhood",
}


def parse_period_code(code: str) -> Period:
    """The period a ``Perioden`` key stands for: ``2020HJ02`` is the second half of 2020.

    :raises InvalidValueError: not a year, half year, quarter or month code
        (CBS also has codes such as ``2015G300`` for multi-year averages).
    """
    match = _PERIOD.fullmatch(code.strip())
    if match is None:
        raise InvalidValueError(
            _(
                "CBS-periode {code!r} wordt niet begrepen; verwacht een jaar (2020JJ00),"
                " halfjaar (2020HJ01), kwartaal (2020KW03) of maand (2020MM11)"
            ).format(code=code.strip())
        )
    year, kind, number = int(match["year"]), match["kind"], int(match["number"])
    try:
        if kind == "JJ":
            if number != 0:
                raise InvalidValueError(_("een jaar eindigt op JJ00"))
            return Period.year(year)
        if kind == "HJ":
            return Period.half_year(year, number)
        if kind == "KW":
            return Period.quarter(year, number)
        return Period.month(year, number)
    except InvalidValueError as error:
        raise InvalidValueError(
            _("CBS-periode {code!r}: {error}").format(code=code.strip(), error=error)
        ) from None


def period_code(period: Period) -> str:
    """The ``Perioden`` key of a year, half year, quarter or month.

    :raises InvalidValueError: another kind of period (a range or a day).
    """
    kind, start = period.kind, period.start
    if kind == "year":
        return f"{start.year}JJ00"
    if kind == "half_year":
        return f"{start.year}HJ0{1 if start.month == 1 else 2}"
    if kind == "quarter":
        return f"{start.year}KW0{(start.month + 2) // 3}"
    if kind == "month":
        return f"{start.year}MM{start.month:02d}"
    raise InvalidValueError(_("CBS heeft geen periodecode voor {period}").format(period=period))


def parse_status(text: object) -> DataStatus | None:
    """The data status of a ``Perioden`` ``Status`` text; ``None`` when not understood."""
    if not isinstance(text, str):
        return None
    try:
        return DataStatus(text)
    except ValueError:
        return None


def region_kind(code: str) -> str:
    """What a region code stands for: ``municipality`` for ``GM0106``, ``region`` if unknown."""
    return REGION_KINDS.get(code.strip()[:2].upper(), "region")
