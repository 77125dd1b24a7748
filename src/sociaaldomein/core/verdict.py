"""The result of an evaluation: its status and the reason written from its numbers."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs

from sociaaldomein.core.exact import exact_value
from sociaaldomein.core.groups import Coverage
from sociaaldomein.core.reasons import PLACES, _reason, not_known_reason, reason_places
from sociaaldomein.core.rules import _Context, _progress
from sociaaldomein.model.indicator import Indicator, target_for
from sociaaldomein.model.measurement import DataStatus, Measurement
from sociaaldomein.model.measurement_type import MeasurementType, Value
from sociaaldomein.model.period import Period
from sociaaldomein.model.target import Target
from sociaaldomein.text.language import N_, _
from sociaaldomein.text.numbers import as_decimal

__all__ = ["Evaluation", "Status", "exact_value", "no_data"]


class Status(enum.StrEnum):
    """The outcome of evaluating one measurement."""

    NO_DATA = "no_data"
    NOT_ASSESSED = "not_assessed"
    MET = "met"
    WITHIN_TOLERANCE = "within_tolerance"
    NOT_MET = "not_met"

    @property
    def dutch(self) -> str:
        """The status in words, as a report shows it: in the current language (Dutch by default)."""
        return _(_DUTCH_STATUS[self])

    @property
    def rank(self) -> int | None:
        """How good the outcome is (``not_met`` 0 to ``met`` 2); ``None`` where not judged."""
        return _RANK.get(self)


_DUTCH_STATUS = {
    Status.NO_DATA: N_("geen gegevens"),
    Status.NOT_ASSESSED: N_("niet beoordeeld"),
    Status.MET: N_("gehaald"),
    Status.WITHIN_TOLERANCE: N_("binnen tolerantie"),
    Status.NOT_MET: N_("niet gehaald"),
}
_RANK = {Status.NOT_MET: 0, Status.WITHIN_TOLERANCE: 1, Status.MET: 2}


_NOTHING_COMPARED: Mapping[str, Decimal] = MappingProxyType({})

_NO_COVERAGE: Mapping[str, Coverage] = MappingProxyType({})

#: What a reason is written from: indicator, type, previous value and period,
#: the target in force, the reference subjects' values, and the coverage of
#: the reference groups among them.
_Why = tuple[
    Indicator,
    MeasurementType,
    Decimal | None,
    Period | None,
    Target | None,
    Mapping[str, Decimal],
    Mapping[str, Coverage],
]


@attrs.frozen
class Evaluation:
    """The status of one indicator for one subject, period and slice, with its reason.

    :param threshold: the value the target asked for (for a change target:
        the reference value plus the change); ``None`` for a range or a
        milestone.
    :param reference: the value a change or trend was measured against, or
        the reference subject's value a :class:`ComparedTo` target compared with
        (``compared_with`` in a record). Not the reference subjects' figures shown
        beside a result: those are :meth:`Accountability.reference_figures`.
    :param data_status: and ``n``: the measurement's data status and number
        of respondents, so that a result can be shown without its measurement.
    :param status_given: whether the measurement stated its data status; a
        measurement that did not is judged as definitive (``data_status``),
        and a report says its status was not given.
    :param value: the measured value: a number as a :class:`~decimal.Decimal`
        (whatever the measurement held: ``float``, ``int``), ``True``/``False``
        for a milestone, the text of a qualitative indicator; ``None`` where
        there is none. Every number of a result is a ``Decimal``
        (:func:`exact_value`), so ``value - threshold`` is exact.
    :param forecast: the expected value the measurement gave; shown, not judged
        (a ``Decimal`` where it is a number).
    :param target: the target in force for this period and slice.

    ``reason`` and ``progress`` (the share of the distance from baseline to
    threshold covered) are computed when read.
    """

    indicator: str
    subject: str
    period: Period
    status: Status
    value: Decimal | bool | str | None = attrs.field(default=None, converter=exact_value)
    threshold: Decimal | None = None
    baseline: Decimal | None = None
    reference: Decimal | None = None
    dimensions: tuple[tuple[str, str], ...] = ()
    data_status: DataStatus | None = None
    n: int | None = None
    forecast: Decimal | bool | str | None = attrs.field(default=None, converter=exact_value)
    target: Target | None = None
    status_given: bool = True
    # Either the reason itself, or what it is written from: writing Dutch
    # numbers costs more than judging, most results are never read, and a
    # million of them must fit in memory.
    _why: str | _Why = attrs.field(default="", eq=False, repr=False, alias="why")

    def _context(self) -> _Context | None:
        if isinstance(self._why, str):
            return None
        indicator, measurement_type, previous, previous_period, target, compared, coverage = (
            self._why
        )
        flag = self.value if isinstance(self.value, bool) else None
        number = None if flag is not None else _as_number(self.value)  # type: ignore[arg-type]
        return _Context(
            indicator,
            measurement_type,
            self.period,
            number,
            flag,
            self.baseline,
            previous,
            previous_period,
            target,
            compared,
            coverage,
        )

    @property
    def reason(self) -> str:
        """Why: the status in Dutch words, with the numbers used."""
        context = self._context()
        if context is None:
            return str(self._why)
        text = _reason(context)
        if self.forecast is not None:
            text += f"; verwacht: {context.measurement_type.format(self.forecast)}"
        return text

    @property
    def places(self) -> int:
        """The decimals the reason shows its numbers with: enough to tell value and target apart."""
        context = self._context()
        return PLACES if context is None else reason_places(context)

    @property
    def progress(self) -> Decimal | None:
        """Share of the distance from baseline to threshold covered, where both exist."""
        context = self._context()
        return None if context is None else _progress(context, self.threshold)


def _target(indicator: Indicator, measurement: Measurement) -> Target | None:
    if not indicator.schedule and not indicator.slice_targets:
        return indicator.target
    return target_for(indicator, measurement.period, measurement.dimensions)


def no_data(
    indicator: str, subject: str, period: Period, *, target: Target | None = None
) -> Evaluation:
    """The ``no_data`` result of an indicator without a measurement for ``period``.

    :param target: the target in force for ``period`` (see :func:`target_for`),
        to show beside it.
    """
    return Evaluation(
        indicator,
        subject,
        period,
        Status.NO_DATA,
        target=target,
        why=_("geen meting voor {period}").format(period=period.dutch()),
    )


def _not_known(
    indicator: Indicator, measurement: Measurement, measurement_type: MeasurementType
) -> Evaluation:
    """``no_data`` for a value that is not known (yet), naming why, with any forecast."""
    target = _target(indicator, measurement)
    forecast = (
        None if measurement.forecast is None else measurement_type.validate(measurement.forecast)
    )
    why = not_known_reason(
        measurement.unknown, measurement.period, target, indicator, measurement_type, forecast
    )
    return Evaluation(
        indicator.id,
        measurement.subject,
        measurement.period,
        Status.NO_DATA,
        dimensions=measurement.dimensions,
        data_status=measurement.status,
        status_given=measurement.status_given,
        n=measurement.n,
        forecast=forecast,
        target=target,
        why=why,
    )


def _reference_only(
    indicator: Indicator, measurement: Measurement, measurement_type: MeasurementType
) -> Evaluation:
    """A reference subject's value: shown beside the others, never judged."""
    if not measurement.known:
        why = _("referentie; waarde niet bekend ({unknown})").format(
            unknown=measurement.unknown or _("geen waarde")
        )
        value = None
    else:
        value = measurement.value_as(measurement_type)
        why = _("referentie: {value}, niet beoordeeld").format(value=measurement_type.format(value))
    return Evaluation(
        indicator.id,
        measurement.subject,
        measurement.period,
        Status.NOT_ASSESSED,
        value=value,
        dimensions=measurement.dimensions,
        data_status=measurement.status,
        status_given=measurement.status_given,
        n=measurement.n,
        why=why,
    )


def _as_number(value: Value) -> Decimal | None:
    return None if isinstance(value, bool | str) else as_decimal(value)
