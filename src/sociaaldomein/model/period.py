"""Periods: a year, half-year, quarter, month, day or a range between them.

A period is a closed range of calendar days. Its compact text form says what
kind of period it is: ``2010``, ``2010-H1``, ``2023-Q3``, ``2010-03``,
``2005-09-05``, ``2005-09..2007-08`` or ``2005-09-01..2007-12-31``.
:func:`parse_dutch_date` reads dates as Dutch documents write them and keeps
their precision: ``januari 2010`` is a month, ``1 april 2010`` a day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from fractions import Fraction

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.text.language import N_, _

__all__ = ["MONTHS", "Period", "parse_dutch_date"]

#: The Dutch month names, as Dutch documents write them (and :func:`parse_dutch_date` reads
#: them); :meth:`Period.dutch` shows them in the current language.
MONTHS = (
    N_("januari"),
    N_("februari"),
    N_("maart"),
    N_("april"),
    N_("mei"),
    N_("juni"),
    N_("juli"),
    N_("augustus"),
    N_("september"),
    N_("oktober"),
    N_("november"),
    N_("december"),
)
_MONTH_NUMBER = {name: number for number, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBER.update({name[:3]: number for name, number in list(_MONTH_NUMBER.items())})
_MONTH_NUMBER["sept"] = 9

_COMPACT = re.compile(
    r"(?P<year>\d{4})"
    r"(?:-(?:H(?P<half>[12])|Q(?P<quarter>[1-4])|(?P<month>\d{2})(?:-(?P<day>\d{2}))?))?"
)
_DUTCH_DATE = re.compile(
    r"(?:(?P<day>\d{1,2})\s+)?(?P<month>[a-z]+)\.?\s+(?P<year>\d{4})"
    r"|(?P<nday>\d{1,2})[-/.](?P<nmonth>\d{1,2})[-/.](?P<nyear>\d{4})"
    r"|(?P<ayear>\d{4})"
)


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _date(year: int, month: int, day: int) -> dt.date:
    """The day, or an :class:`InvalidValueError` in words (not Python's own ValueError)."""
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise InvalidValueError(_("jaar {year} valt buiten 1 t/m 9999").format(year=year))
    if not 1 <= month <= 12:
        raise InvalidValueError(_("maand moet 1 t/m 12 zijn, gevonden {month}").format(month=month))
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise InvalidValueError(
            _("{year}-{month:02d} heeft geen dag {day}").format(year=year, month=month, day=day)
        )
    return dt.date(year, month, day)


def _check_order(instance: Period, attribute: attrs.Attribute[dt.date], end: dt.date) -> None:
    if end < instance.start:
        raise InvalidValueError(
            _(
                "een periode kan niet eindigen voordat hij begint: einde {end} ligt voor"
                " begin {start}"
            ).format(end=end.isoformat(), start=instance.start.isoformat())
        )


@functools.total_ordering
@attrs.frozen
class Period:
    """A closed range of days from ``start`` to ``end`` inclusive.

    Build one with :meth:`year`, :meth:`half_year`, :meth:`quarter`,
    :meth:`month`, :meth:`day`, :meth:`span` or :meth:`parse`. Periods sort
    by start, then end.
    """

    start: dt.date
    end: dt.date = attrs.field(validator=_check_order)

    def __lt__(self, other: object) -> bool:
        # Written out: attrs' generated order builds two tuples through
        # generators per comparison, ten times this, and periods are sorted often.
        if not isinstance(other, Period):
            return NotImplemented
        return (self.start, self.end) < (other.start, other.end)

    # -- construction -------------------------------------------------------

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(_date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def half_year(cls, year: int, half: int) -> Period:
        if half not in (1, 2):
            raise InvalidValueError(
                _("halfjaar moet 1 of 2 zijn, gevonden {half}").format(half=half)
            )
        return cls.span(cls.month(year, 6 * half - 5), cls.month(year, 6 * half))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if quarter not in (1, 2, 3, 4):
            raise InvalidValueError(
                _("kwartaal moet 1 t/m 4 zijn, gevonden {quarter}").format(quarter=quarter)
            )
        return cls.span(cls.month(year, 3 * quarter - 2), cls.month(year, 3 * quarter))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        if not 1 <= month <= 12:
            raise InvalidValueError(
                _("maand moet 1 t/m 12 zijn, gevonden {month}").format(month=month)
            )
        return cls(_date(year, month, 1), _last_day(year, month))

    @classmethod
    def day(cls, date: dt.date) -> Period:
        return cls(date, date)

    @classmethod
    def span(cls, first: Period, last: Period) -> Period:
        """The period from the start of ``first`` to the end of ``last``."""
        return cls(first.start, last.end)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read the compact text form that ``str(period)`` writes.

        :raises InvalidValueError: the text is not a period; the message
            shows the accepted forms.
        """
        if not isinstance(text, str):
            raise InvalidValueError(
                _("verwacht een periode als tekst, gevonden {text!r}").format(text=text)
            )
        first, sep, last = text.strip().partition("..")
        try:
            if sep:
                return cls.span(cls._parse_one(first), cls._parse_one(last))
            return cls._parse_one(first)
        except InvalidValueError as error:
            raise InvalidValueError(
                _(
                    "{text!r} is geen periode ({error}); verwacht een vorm als 2010, 2010-H1,"
                    " 2023-Q3, 2010-03, 2005-09-05 of 2005-09..2007-08"
                ).format(text=text, error=error)
            ) from None

    @classmethod
    def _parse_one(cls, text: str) -> Period:
        match = _COMPACT.fullmatch(text.strip())
        if match is None:
            raise InvalidValueError(_("{text!r} is niet te lezen").format(text=text.strip()))
        year = int(match["year"])
        if match["half"]:
            return cls.half_year(year, int(match["half"]))
        if match["quarter"]:
            return cls.quarter(year, int(match["quarter"]))
        if match["day"]:
            return cls.day(_date(year, int(match["month"]), int(match["day"])))
        if match["month"]:
            return cls.month(year, int(match["month"]))
        return cls.year(year)

    # -- what kind of period it is ---------------------------------------------

    @property
    def kind(self) -> str:
        """``year``, ``half_year``, ``quarter``, ``month``, ``day`` or ``range``."""
        if self.start == self.end:
            return "day"
        if self.start.day != 1 or self.end != _last_day(self.end.year, self.end.month):
            return "range"
        if self.start.year != self.end.year:
            return "range"
        first, last = self.start.month, self.end.month
        if first == last:
            return "month"
        if (first, last) == (1, 12):
            return "year"
        if (first, last) in ((1, 6), (7, 12)):
            return "half_year"
        if last - first == 2 and first % 3 == 1:
            return "quarter"
        return "range"

    def _whole_months(self) -> bool:
        return self.start.day == 1 and self.end == _last_day(self.end.year, self.end.month)

    def __str__(self) -> str:
        kind = self.kind
        start = self.start
        if kind == "year":
            return f"{start.year}"
        if kind == "half_year":
            return f"{start.year}-H{1 if start.month == 1 else 2}"
        if kind == "quarter":
            return f"{start.year}-Q{(start.month + 2) // 3}"
        if kind == "month":
            return f"{start.year}-{start.month:02d}"
        if kind == "day":
            return start.isoformat()
        if self._whole_months():
            return f"{start.year}-{start.month:02d}..{self.end.year}-{self.end.month:02d}"
        return f"{start.isoformat()}..{self.end.isoformat()}"

    def dutch(self) -> str:
        """The period in words for a report: ``1e kwartaal 2023``.

        In the current language: Dutch by default (see :mod:`sociaaldomein.text.language`).
        """
        kind, start, end = self.kind, self.start, self.end
        if kind == "year":
            return f"{start.year}"
        if kind == "half_year":
            return _("{number}e halfjaar {year}").format(
                number=1 if start.month == 1 else 2, year=start.year
            )
        if kind == "quarter":
            return _("{number}e kwartaal {year}").format(
                number=(start.month + 2) // 3, year=start.year
            )
        if kind == "month":
            return _month(start)
        if kind == "day":
            return _dutch_day(start)
        if self._whole_months():
            return _("{start} t/m {end}").format(start=_month(start), end=_month(end))
        return _("{start} t/m {end}").format(start=_dutch_day(start), end=_dutch_day(end))

    # -- arithmetic ------------------------------------------------------------

    @property
    def days(self) -> int:
        """The number of days, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def months(self) -> Fraction:
        """Length in calendar months; a part of a month counts by its share of days."""
        return sum((share for _, share in self._month_shares()), Fraction(0))

    def _month_shares(self) -> list[tuple[int, Fraction]]:
        shares = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            first = max(self.start, dt.date(year, month, 1))
            last = min(self.end, _last_day(year, month))
            length = calendar.monthrange(year, month)[1]
            shares.append((year, Fraction((last - first).days + 1, length)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return shares

    def months_per_year(self) -> dict[int, Fraction]:
        """How many calendar months of this period fall in each calendar year."""
        result: dict[int, Fraction] = {}
        for year, share in self._month_shares():
            result[year] = result.get(year, Fraction(0)) + share
        return result

    def days_per_year(self) -> dict[int, int]:
        """How many days of this period fall in each calendar year."""
        return {
            year: (min(self.end, dt.date(year, 12, 31)) - max(self.start, dt.date(year, 1, 1))).days
            + 1
            for year in range(self.start.year, self.end.year + 1)
        }

    def __contains__(self, other: object) -> bool:
        if isinstance(other, Period):
            return self.start <= other.start and other.end <= self.end
        if isinstance(other, dt.date):
            return self.start <= other <= self.end
        return False

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end


def _month(date: dt.date) -> str:
    return f"{_(MONTHS[date.month - 1])} {date.year}"


def _dutch_day(date: dt.date) -> str:
    return f"{date.day} {_month(date)}"


def parse_dutch_date(text: str) -> Period:
    """Read a date as a Dutch document writes it, keeping its precision.

    ``1 januari 2010`` and ``1-9-2005`` give a day, ``januari 2010`` a month
    and ``2010`` a year.

    :raises InvalidValueError: the text is not a date in one of these forms.
    """
    cleaned = " ".join(text.casefold().split())
    match = _DUTCH_DATE.fullmatch(cleaned)
    if match is None:
        raise InvalidValueError(
            _(
                "{text!r} is geen Nederlandse datum; verwacht een vorm als"
                " '1 januari 2010', 'januari 2010', '1-9-2005' of '2010'"
            ).format(text=text.strip())
        )
    try:
        if match["ayear"]:
            return Period.year(int(match["ayear"]))
        if match["nyear"]:
            return Period.day(_date(int(match["nyear"]), int(match["nmonth"]), int(match["nday"])))
        month = _MONTH_NUMBER.get(match["month"])
        if month is None:
            raise InvalidValueError(
                _("{month!r} is geen Nederlandse maandnaam").format(month=match["month"])
            )
        year = int(match["year"])
        if match["day"]:
            return Period.day(_date(year, month, int(match["day"])))
        return Period.month(year, month)
    except InvalidValueError as error:
        raise InvalidValueError(
            _("{text!r} is geen geldige datum: {error}").format(text=text.strip(), error=error)
        ) from None
