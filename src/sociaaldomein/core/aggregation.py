"""Adding measurements up: municipalities into regions, regions into a province.

Counts, amounts and hours add up. Percentages, rates and ratios add up
through their numerators and denominators, never as an average of
percentages; where a part lacks them, the aggregate says it cannot be
computed instead of guessing. Grades are a respondent-weighted mean, kept
as a weighted sum over the respondents, so aggregating aggregates gives the
same answer as aggregating everything at once. Qualitative values are
listed. An aggregate is provisional when any part is.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from sociaaldomein.core.exact import exact_value
from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model.indicator import Accumulation
from sociaaldomein.model.measurement import DataStatus, Measurement, status_of_whole
from sociaaldomein.model.measurement_type import MeasurementType, Value, ValueKind
from sociaaldomein.model.parties import Region
from sociaaldomein.model.period import Period
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import as_decimal

__all__ = ["Aggregate", "accumulate", "aggregate", "aggregate_regions", "region_membership"]


@attrs.frozen
class Aggregate:
    """One indicator for a group of subjects and one period.

    :param value: the aggregate value (a number as a ``Decimal``, as every
        number of a result), or ``None`` where it cannot be computed
        (:attr:`note` says why) or the values are text.
    :param numerator: for fractions the summed numerators; for grades the
        respondent-weighted sum of grades.
    :param denominator: for fractions the summed denominators; for grades
        the number of respondents.
    :param texts: qualitative values, by part.
    """

    indicator: str
    subject: str
    period: Period
    value: Decimal | bool | str | None = attrs.field(converter=exact_value)
    status: DataStatus
    parts: tuple[str, ...]
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    texts: tuple[tuple[str, str], ...] = ()
    note: str = ""

    def as_measurement(self) -> Measurement | None:
        """The aggregate as a measurement of its group, to aggregate further up.

        ``None`` where there is no value (not computable, or text).
        """
        if self.value is None:
            return None
        return Measurement(
            self.indicator,
            self.subject,
            self.period,
            self.value,
            numerator=self.numerator,
            denominator=self.denominator,
            status=self.status,
        )


def _number(measurement: Measurement, measurement_type: MeasurementType) -> Decimal:
    value = measurement.value_as(measurement_type)
    if isinstance(value, bool | str):
        raise InvalidValueError(
            _("{subject}: verwacht een getal, gevonden {value!r}").format(
                subject=measurement.subject, value=value
            )
        )
    return as_decimal(value)


def _weakest(parts: Iterable[Measurement | Aggregate]) -> DataStatus:
    # Voorlopig < nader voorlopig < definitief: a whole is as final as its least final part.
    return min((part.status for part in parts), default=DataStatus.DEFINITIVE)


def aggregate(
    measurements: Sequence[Measurement],
    measurement_type: MeasurementType,
    *,
    subject: str,
) -> Aggregate:
    """Add up measurements of one indicator and period over their subjects.

    :raises InvalidValueError: the measurements are of different indicators
        or periods, or there are none.
    """
    if not measurements:
        raise InvalidValueError(_("niets om op te tellen voor {subject!r}").format(subject=subject))
    first = measurements[0]
    if any(m.indicator != first.indicator or m.period != first.period for m in measurements):
        raise InvalidValueError(_("tel een indicator en een periode tegelijk op"))
    parts = tuple(m.subject for m in measurements)
    status = _weakest(measurements)

    def result(value: Value | None, **extra: Any) -> Aggregate:
        return Aggregate(first.indicator, subject, first.period, value, status, parts, **extra)

    if measurement_type.kind is ValueKind.TEXT:
        texts = tuple((m.subject, str(m.value)) for m in measurements if m.value is not None)
        return result(None, texts=texts, note=_("kwalitatief: opgesomd"))
    nothing = _("geen waarde")
    not_known = [f"{m.subject} ({m.unknown or nothing})" for m in measurements if not m.known]
    if not_known:
        return result(
            None,
            note=_("niet te berekenen: waarde niet bekend bij {subjects}").format(
                subjects=", ".join(not_known)
            ),
        )
    if measurement_type.kind is ValueKind.YES_NO:
        reached = all(m.value_as(measurement_type) for m in measurements)
        return result(reached, note=_("bereikt als alle delen het bereikten"))
    if measurement_type.additive:
        total = sum((_number(m, measurement_type) for m in measurements), Decimal(0))
        return result(measurement_type.validate(total))
    if measurement_type.scale is not None:
        lacking = [m.subject for m in measurements if m.numerator is None]
        if lacking:
            return result(
                None,
                note=_("niet te berekenen: teller en noemer ontbreken bij {subjects}").format(
                    subjects=", ".join(lacking)
                ),
            )
        numerator = sum((m.numerator or Decimal(0) for m in measurements), Decimal(0))
        denominator = sum((m.denominator or Decimal(0) for m in measurements), Decimal(0))
        return result(
            measurement_type.from_fraction(numerator, denominator),
            numerator=numerator,
            denominator=denominator,
        )
    # A mean such as a grade: weighted by respondents, where every part has them.
    lacking = [m.subject for m in measurements if m.n is None and m.denominator is None]
    if lacking:
        return result(
            None,
            note=_("niet te berekenen: aantal respondenten ontbreekt bij {subjects}").format(
                subjects=", ".join(lacking)
            ),
        )
    weighted = Decimal(0)
    respondents = Decimal(0)
    for m in measurements:
        if m.n is None and m.numerator is not None and m.denominator is not None:
            weighted += m.numerator  # an earlier aggregate: already a weighted sum
            respondents += m.denominator
        else:
            count = Decimal(m.n or 0)
            weighted += _number(m, measurement_type) * count
            respondents += count
    if respondents == 0:
        return result(None, note=_("niet te berekenen: geen respondenten"))
    return result(
        float(weighted / respondents),
        numerator=weighted,
        denominator=respondents,
        note=_("gewogen naar respondenten"),
    )


def region_membership(regions: Sequence[Region]) -> dict[str, str]:
    """Each municipality's region, by name and by CBS code.

    :raises InvalidValueError: a municipality is in two regions.
    """
    member_of: dict[str, str] = {}
    for region in regions:
        for municipality in region.municipalities:
            for key in filter(None, (municipality.name, municipality.cbs_code)):
                if key in member_of and member_of[key] != region.name:
                    raise InvalidValueError(
                        _("{subject} ligt in regio {first!r} en in regio {second!r}").format(
                            subject=key, first=member_of[key], second=region.name
                        )
                    )
                member_of[key] = region.name
    return member_of


def aggregate_regions(
    measurements: Iterable[Measurement],
    types: Mapping[str, MeasurementType],
    indicators: Mapping[str, str],
    regions: Sequence[Region],
    *,
    province: str | None = None,
) -> list[Aggregate]:
    """Aggregate every indicator and period per region, and over all regions as ``province``.

    A measurement belongs to a region when its subject is the name or CBS
    code of one of the region's municipalities; slices (dimensions) are left
    out, totals only. ``indicators`` maps indicator ids to measurement type
    names.

    :raises InvalidValueError: a municipality is in two regions.
    """
    member_of = region_membership(regions)
    groups: dict[tuple[str, Period, str], list[Measurement]] = {}
    for m in measurements:
        if m.dimensions or m.subject not in member_of or m.indicator not in indicators:
            continue
        groups.setdefault((m.indicator, m.period, member_of[m.subject]), []).append(m)
    results = []
    by_indicator: dict[tuple[str, Period], list[Aggregate]] = {}
    for (indicator, _period, region_name), parts in sorted(
        groups.items(), key=lambda item: (item[0][0], item[0][1].start, item[0][1].end, item[0][2])
    ):
        outcome = aggregate(parts, types[indicators[indicator]], subject=region_name)
        results.append(outcome)
        by_indicator.setdefault((indicator, outcome.period), []).append(outcome)
    if province is not None:
        for (indicator, _period), region_results in by_indicator.items():
            results.append(
                _aggregate_aggregates(region_results, types[indicators[indicator]], province)
            )
    return results


def _aggregate_aggregates(
    parts: Sequence[Aggregate], measurement_type: MeasurementType, subject: str
) -> Aggregate:
    first = parts[0]

    def not_computed(**extra: Any) -> Aggregate:
        names = tuple(part.subject for part in parts)
        return Aggregate(
            first.indicator, subject, first.period, None, _weakest(parts), names, **extra
        )

    if measurement_type.kind is ValueKind.TEXT:
        texts = tuple(text for part in parts for text in part.texts)
        return not_computed(texts=texts, note=_("kwalitatief: opgesomd"))
    lacking = [part.subject for part in parts if part.value is None]
    if lacking:
        return not_computed(
            note=_("niet te berekenen: geen waarde voor {subjects}").format(
                subjects=", ".join(lacking)
            )
        )
    measurements = [part.as_measurement() for part in parts]
    return aggregate([m for m in measurements if m is not None], measurement_type, subject=subject)


def accumulate(
    measurements: Sequence[Measurement],
    accumulation: Accumulation | str,
    measurement_type: MeasurementType,
) -> list[Measurement]:
    """The year-to-date values of one indicator's series for one subject and slice.

    Within each calendar year, every measured part (a quarter, a month)
    gives the value from 1 January to its end: with ``sum`` the sum of the
    parts so far, with ``running_total`` the part's own value (already a
    total, so never added to the others). The period of each result is
    that stretch (``2024-01..2024-06``; the whole year once it is reached),
    so that a yearly target is in force for it. A measurement of the whole
    year is kept as it is and nothing is added to it; measurements that span
    years are kept as they are. After a part whose value is not known, the
    sum is not known either; nor is it after a stretch no part covers (Q1,
    Q3 and Q4 without Q2 are not the year: from Q3 on the value is not
    known, "2e kwartaal 2024 ontbreekt"). A running total is a total
    already, whatever reports are missing.

    :raises InvalidValueError: ``sum`` for a type whose values do not add
        up, or parts of one year that overlap (they would count twice).
    """
    accumulation = Accumulation(accumulation)
    if accumulation is Accumulation.SUM and not measurement_type.additive:
        raise InvalidValueError(
            _(
                "{name}-waarden tellen niet op: accumulation 'sum' vraagt om een aantal,"
                " bedrag of uren; gebruik 'running_total' voor cijfers tot nu toe in het jaar"
            ).format(name=measurement_type.name)
        )
    years: dict[int, list[Measurement]] = {}
    results: list[Measurement] = []
    for m in measurements:
        if m.period.start.year != m.period.end.year:
            results.append(m)
        else:
            years.setdefault(m.period.start.year, []).append(m)
    for year, parts in sorted(years.items()):
        whole = [m for m in parts if m.period.kind == "year"]
        if whole:
            results.extend(whole)
            continue
        parts.sort(key=lambda m: (m.period.start, m.period.end))
        for earlier, later in itertools.pairwise(parts):
            if later.period.overlaps(earlier.period):
                raise InvalidValueError(
                    _(
                        "{indicator} voor {subject}: {earlier} en {later} overlappen, dus een"
                        " waarde tot nu toe in het jaar zou ze twee keer tellen"
                    ).format(
                        indicator=later.indicator,
                        subject=later.subject,
                        earlier=earlier.period,
                        later=later.period,
                    )
                )
        results.extend(_year_to_date(year, parts, accumulation, measurement_type))
    return results


def _year_to_date(
    year: int,
    parts: Sequence[Measurement],
    accumulation: Accumulation,
    measurement_type: MeasurementType,
) -> list[Measurement]:
    results = []
    total = Decimal(0)
    unknown = ""
    covered = Period.year(year).start  # the first day no part has counted yet
    for index, part in enumerate(parts):
        period = Period(Period.year(year).start, part.period.end)
        if period.end == Period.year(year).end:
            period = Period.year(year)
        status, given = status_of_whole(parts[: index + 1])
        note = _("t/m {period}").format(period=part.period.dutch())
        if accumulation is Accumulation.RUNNING_TOTAL:
            results.append(attrs.evolve(part, period=period, note=part.note or note))
            continue
        if part.period.start > covered and not unknown:
            # A sum with a part missing is not the value to date: name the gap.
            gap = Period(covered, part.period.start - dt.timedelta(days=1))
            unknown = _("{period} ontbreekt").format(period=gap.dutch())
        covered = part.period.end + dt.timedelta(days=1)
        if not part.known and not unknown:
            unknown = f"{part.period.dutch()}: {part.unknown or _('geen waarde')}"
        if unknown:
            results.append(
                Measurement(
                    part.indicator,
                    part.subject,
                    period,
                    dimensions=part.dimensions,
                    status=status,
                    status_given=given,
                    unknown=unknown,
                    note=note,
                )
            )
            continue
        total += _number(part, measurement_type)
        results.append(
            Measurement(
                part.indicator,
                part.subject,
                period,
                measurement_type.validate(total),
                dimensions=part.dimensions,
                status=status,
                status_given=given,
                source=part.source,
                note=note,
            )
        )
    return results
