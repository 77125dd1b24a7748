"""Measurements (metingen): one value of one indicator for one subject and period."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model.measurement_type import MeasurementType, Value
from sociaaldomein.model.period import Period
from sociaaldomein.text.language import N_, _
from sociaaldomein.text.numbers import as_decimal, check_magnitude

__all__ = ["DataStatus", "Measurement", "status_of_whole"]


class DataStatus(enum.StrEnum):
    """How final a figure is, as CBS publishes them: voorlopig, nader voorlopig, definitief.

    Members compare by finality: ``PROVISIONAL < REVISED_PROVISIONAL <
    DEFINITIVE``, so the weakest of several is their ``min()``. The Dutch
    words (``voorlopig``, ``nader voorlopig``, ``definitief``, in any case)
    are accepted wherever a status is read.
    """

    PROVISIONAL = "provisional"
    REVISED_PROVISIONAL = "revised_provisional"
    DEFINITIVE = "definitive"

    @property
    def dutch(self) -> str:
        """The word CBS uses: ``voorlopig``, ``nader voorlopig`` or ``definitief``.

        In the current language: these Dutch words by default.
        """
        return _(_DUTCH_STATUS[self])

    @property
    def rank(self) -> int:
        """0 for voorlopig, 1 for nader voorlopig, 2 for definitief."""
        return _STATUS_RANK[self]

    @property
    def final(self) -> bool:
        """Whether the figure will not change any more (definitief)."""
        return self is DataStatus.DEFINITIVE

    @classmethod
    def _missing_(cls, value: object) -> DataStatus | None:
        if isinstance(value, str):
            return _STATUS_WORDS.get(" ".join(value.casefold().replace("_", " ").split()))
        return None

    def __lt__(self, other: str) -> bool:
        if not isinstance(other, DataStatus):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: str) -> bool:
        if not isinstance(other, DataStatus):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: str) -> bool:
        if not isinstance(other, DataStatus):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: str) -> bool:
        if not isinstance(other, DataStatus):
            return NotImplemented
        return self.rank >= other.rank


_DUTCH_STATUS = {
    DataStatus.PROVISIONAL: N_("voorlopig"),
    DataStatus.REVISED_PROVISIONAL: N_("nader voorlopig"),
    DataStatus.DEFINITIVE: N_("definitief"),
}
_STATUS_RANK = {status: rank for rank, status in enumerate(DataStatus)}
_STATUS_WORDS = {
    **{word: status for status, word in _DUTCH_STATUS.items()},
    "revised provisional": DataStatus.REVISED_PROVISIONAL,
}


def _dimensions(
    value: Mapping[str, str] | Iterable[tuple[str, str]],
) -> tuple[tuple[str, str], ...]:
    # Sorted pairs keep measurements hashable and equal whatever the input order.
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(key), str(item)) for key, item in pairs))


def _optional_number(value: int | float | Decimal | None) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise InvalidValueError(_("verwacht een getal, gevonden {value!r}").format(value=value))
    return check_magnitude(as_decimal(value))


def _value(value: Value | None) -> Value | None:
    # A decimal that a float carries exactly is stored as that float, so that
    # TOML (which has no decimals) gives the same measurement back.
    if isinstance(value, Decimal) and value.is_finite():
        as_float = float(value)
        if as_decimal(as_float) == value:
            return as_float
    return value


def _optional_count(
    instance: object, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise InvalidValueError(
            _("{name} moet een geheel getal van 0 of meer zijn, gevonden {value!r}").format(
                name=attribute.name, value=value
            )
        )


def _optional_date(
    instance: object, attribute: attrs.Attribute[datetime.date | None], value: object
) -> None:
    if value is not None and (
        not isinstance(value, datetime.date) or isinstance(value, datetime.datetime)
    ):
        raise InvalidValueError(
            _("{name} moet een datum zijn, gevonden {value!r}").format(
                name=attribute.name, value=value
            )
        )


@attrs.frozen
class Measurement:
    """One measured value.

    Give either ``value`` or ``numerator`` and ``denominator`` (or all three);
    a percentage or a rate is then derived from the fraction, and adding up
    across subjects uses the fraction rather than averaging percentages.

    :param indicator: id of the indicator measured.
    :param subject: what was measured: a municipality, district, village or
        organisation.
    :param n: number of respondents behind a survey figure.
    :param dimensions: the slice this value describes (``{"age": "12-17"}``);
        empty for the total.
    :param status: provisional, revised provisional or definitive (see :class:`DataStatus`).
    :param status_given: whether the source stated the status. A file with
        an empty status cell (or no status column) gives ``False``; such a
        measurement is judged as definitive (``status`` is then
        ``DEFINITIVE``), but a report says its status was not given rather
        than calling it definitive.
    :param unknown: the value is not known, and why or how the source
        prints it (``n.n.b.``, ``.``, ``geheim``); then there is no value,
        and evaluation gives ``no_data`` with this reason.
    :param forecast: an expected value for the period (a budget's
        prognosis); shown beside the value and the target, never judged. A
        measurement may carry only a forecast.
    :param revision: the number of this revision of the value (1, 2, ...);
        with ``as_of``, what makes a second row for the same indicator,
        subject, period and slice a declared revision rather than a duplicate.
    :param as_of: the date this value was published or corrected.
    :param subject_code: the subject's code at the source where ``subject``
        is its name (``GM0106`` for ``Assen``); carried along, never judged.
    """

    indicator: str
    subject: str
    period: Period
    value: Value | None = attrs.field(default=None, converter=_value)
    n: int | None = attrs.field(default=None, validator=_optional_count)
    numerator: Decimal | None = attrs.field(default=None, converter=_optional_number)
    denominator: Decimal | None = attrs.field(default=None, converter=_optional_number)
    dimensions: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_dimensions)
    status: DataStatus = attrs.field(default=DataStatus.DEFINITIVE, converter=DataStatus)
    source: str = ""
    note: str = ""
    unknown: str = ""
    forecast: Value | None = attrs.field(default=None, converter=_value)
    # Checked in __attrs_post_init__: one test for the common case of neither.
    revision: int | None = None
    as_of: datetime.date | None = None
    subject_code: str = ""
    status_given: bool = True

    @property
    def known(self) -> bool:
        """Whether there is a value (or a fraction) to judge."""
        return self.value is not None or self.numerator is not None

    def __attrs_post_init__(self) -> None:
        if self.revision is not None or self.as_of is not None:
            fields = attrs.fields(Measurement)
            _optional_count(self, fields.revision, self.revision)
            _optional_date(self, fields.as_of, self.as_of)
        if not self.status_given and self.status is not DataStatus.DEFINITIVE:
            raise InvalidValueError(
                _(
                    "meting van {indicator!r} voor {subject!r} {period} is {status}, maar zegt"
                    " dat er geen status is opgegeven; geef één van beide"
                ).format(
                    indicator=self.indicator,
                    subject=self.subject,
                    period=self.period,
                    status=self.status.dutch,
                )
            )
        if self.unknown and self.known:
            raise InvalidValueError(
                _(
                    "meting van {indicator!r} voor {subject!r} {period} geeft een waarde en zegt"
                    " dat die niet bekend is ({unknown!r}); geef een van de twee"
                ).format(**self._named(), unknown=self.unknown)
            )
        if (self.numerator is None) != (self.denominator is None):
            raise InvalidValueError(
                _(
                    "meting van {indicator!r} voor {subject!r} {period}: geef teller en noemer"
                    " samen"
                ).format(**self._named())
            )
        if self.denominator is not None and self.denominator <= 0:
            raise InvalidValueError(
                _(
                    "meting van {indicator!r}: de noemer moet groter dan 0 zijn, gevonden"
                    " {denominator}"
                ).format(indicator=self.indicator, denominator=self.denominator)
            )
        if self.numerator is not None and self.numerator < 0:
            raise InvalidValueError(
                _(
                    "meting van {indicator!r}: de teller moet 0 of meer zijn, gevonden {numerator}"
                ).format(indicator=self.indicator, numerator=self.numerator)
            )
        if not self.known and not self.unknown and self.forecast is None:
            raise InvalidValueError(
                _(
                    "meting van {indicator!r} voor {subject!r} {period} heeft geen waarde en geen"
                    " teller/noemer; is de waarde niet bekend, zeg dat dan met unknown (zoals"
                    " 'n.n.b.')"
                ).format(**self._named())
            )

    def _named(self) -> dict[str, object]:
        """What a message names this measurement by: indicator, subject and period."""
        return {"indicator": self.indicator, "subject": self.subject, "period": self.period}

    @property
    def key(self) -> tuple[str, str, Period, tuple[tuple[str, str], ...]]:
        """What one value is of: indicator, subject, period and slice."""
        return (self.indicator, self.subject, self.period, self.dimensions)

    @property
    def revised(self) -> bool:
        """Whether this measurement declares a revision (``revision`` or ``as_of``)."""
        return self.revision is not None or self.as_of is not None

    def check(self, measurement_type: MeasurementType) -> Value | None:
        """:meth:`value_as` (None where the value is not known), after checking
        that a value and a fraction agree.

        With both ``value`` and ``numerator``/``denominator``, the fraction
        must give the value to within one unit of its last decimal (at least
        the type's ``decimals``, at most nine): 33 or 33,3 for 1/3 of 100, not
        90 for 10/100.

        :raises InvalidValueError: the value is invalid for the type, or
            disagrees with the fraction.
        """
        if not self.known:
            if self.forecast is not None:
                measurement_type.validate(self.forecast)
            return None
        value = self.value_as(measurement_type)
        if self.value is None or self.numerator is None or measurement_type.scale is None:
            return value
        assert self.denominator is not None
        if isinstance(value, bool | str):
            return value
        given = as_decimal(value)
        derived = self.numerator * measurement_type.scale / self.denominator
        exponent = given.normalize().as_tuple().exponent
        # Nine decimals at most: beyond that a float's own rounding shows.
        shown = -exponent if isinstance(exponent, int) else 0
        decimals = min(max(measurement_type.decimals, shown), 9)
        if abs(given - derived) >= Decimal(1).scaleb(-decimals):
            raise InvalidValueError(
                _(
                    "waarde {value} past niet bij teller/noemer {numerator}/{denominator}, die"
                    " {derived} geven"
                ).format(
                    value=f"{given.normalize():f}",
                    numerator=self.numerator,
                    denominator=self.denominator,
                    derived=derived.quantize(Decimal(1).scaleb(-decimals - 1)),
                )
            )
        return value

    def value_as(self, measurement_type: MeasurementType) -> Value:
        """The value, validated by ``measurement_type``, derived from the fraction if needed.

        :raises InvalidValueError: the value is not valid for the type, or
            there is none (see :attr:`known`).
        """
        if self.value is not None:
            return measurement_type.validate(self.value)
        if self.numerator is None or self.denominator is None:
            why = self.unknown or _("alleen een prognose")
            raise InvalidValueError(
                _(
                    "meting van {indicator!r} voor {subject!r} {period} heeft geen waarde ({why})"
                ).format(**self._named(), why=why)
            )
        return measurement_type.from_fraction(self.numerator, self.denominator)


def status_of_whole(parts: Iterable[Measurement]) -> tuple[DataStatus, bool]:
    """The data status of a value made of ``parts`` (a sum to date, a formula), and whether given.

    As final as the least final part (voorlopig < nader voorlopig <
    definitief). It counts as given unless it is definitief while a part
    stated no status: then "definitief" rests on a part that never said so.
    """
    status, all_given = DataStatus.DEFINITIVE, True
    for part in parts:
        status = min(status, part.status)
        all_given = all_given and part.status_given
    return status, status is not DataStatus.DEFINITIVE or all_given
