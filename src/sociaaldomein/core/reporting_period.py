"""Which evaluation counts for a reporting period (verslagperiode).

Accountability is about one period: a budget year, a half year. For each
indicator, the evaluation that counts is the one of the latest measurement
inside that period, preferring measurements at the indicator's own frequency
(a half-yearly indicator in a yearly account is judged on its second half
year). An indicator with no measurement inside the period is ``no_data``,
with the period named; it never falls back on an older value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from sociaaldomein.core.evaluation import Evaluation
from sociaaldomein.core.verdict import no_data
from sociaaldomein.findings import Finding, Severity
from sociaaldomein.model.indicator import Frequency, Indicator, target_for
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.period import Period
from sociaaldomein.text.language import N_, _
from sociaaldomein.text.suggest import listed

__all__ = [
    "default_period",
    "expected_periods",
    "frequency_kind",
    "frequency_word",
    "in_force",
    "latest_first",
    "latest_inside",
    "missing_in_period",
    "nothing_measured_in",
]

T = TypeVar("T")

_KIND = {
    Frequency.YEARLY: "year",
    Frequency.HALF_YEARLY: "half_year",
    Frequency.QUARTERLY: "quarter",
    Frequency.MONTHLY: "month",
}


def latest_first(period: Period) -> tuple[object, int]:
    """The sort key of periods by which the latest wins: the latest end, then the
    longer period (2016 over 2016-H2)."""
    return period.end, period.days


def frequency_kind(indicator: Indicator) -> str | None:
    """The :attr:`Period.kind` of the indicator's frequency (None: no frequency, or once)."""
    return _KIND.get(indicator.frequency) if indicator.frequency else None


def default_period(measurements: Iterable[Measurement]) -> Period | None:
    """The latest period present: the latest end, and the longest period ending then.

    ``None`` when there are no measurements.
    """
    periods = {m.period for m in measurements}
    return max(periods, key=latest_first) if periods else None


def expected_periods(indicator: Indicator, period: Period) -> tuple[Period, ...]:
    """The periods inside ``period`` at which the indicator's frequency expects a value.

    Empty when the indicator states no frequency, measures once, or its
    frequency does not divide the period (a yearly indicator in a half year).
    """
    kind = frequency_kind(indicator)
    if kind is None or period.kind == "day":
        return ()
    parts: list[Period] = []
    for year in range(period.start.year, period.end.year + 1):
        if kind == "year":
            candidates = [Period.year(year)]
        elif kind == "half_year":
            candidates = [Period.half_year(year, half) for half in (1, 2)]
        elif kind == "quarter":
            candidates = [Period.quarter(year, quarter) for quarter in (1, 2, 3, 4)]
        else:
            candidates = [Period.month(year, month) for month in range(1, 13)]
        parts += [candidate for candidate in candidates if candidate in period]
    return tuple(parts)


def in_force(indicator: Indicator, evaluations: Sequence[Evaluation], period: Period) -> Evaluation:
    """The evaluation that counts for ``indicator`` in the reporting ``period``.

    :param evaluations: the indicator's evaluations for one subject and
        slice, any periods (those outside ``period`` are ignored).
    :returns: the evaluation of the latest measurement inside ``period``, at
        the indicator's frequency where it has measurements at that
        frequency; otherwise a ``no_data`` evaluation naming the period.
    """
    mine = [e for e in evaluations if e.indicator == indicator.id]
    found = latest_inside(indicator, mine, period, lambda e: e.period)
    if found is not None:
        return found
    subject = evaluations[0].subject if evaluations else ""
    return no_data(indicator.id, subject, period, target=target_for(indicator, period))


def latest_inside(
    indicator: Indicator, items: Iterable[T], period: Period, period_of: Callable[[T], Period]
) -> T | None:
    """The item with the latest period inside ``period``, at the indicator's frequency if any.

    The rule of :func:`in_force`, for evaluations or measurements alike.
    """
    inside = [item for item in items if period_of(item) in period]
    kind = frequency_kind(indicator)
    candidates = [item for item in inside if period_of(item).kind == kind] or inside
    return max(candidates, key=lambda item: latest_first(period_of(item)), default=None)


def nothing_measured_in(period: Period, measured: Iterable[Period], subject: str) -> Finding | None:
    """A warning when no measured period lies inside ``period``: every result is ``no_data``.

    ``--period 2030`` over figures up to 2025 is most likely a typo; the
    results alone ("geen gegevens" on every line) do not say so.

    :param measured: the periods measured (of the subject accounted for).
    """
    periods = sorted(set(measured), key=lambda p: (p.start, p.end))
    if any(found in period for found in periods):
        return None
    return Finding(
        Severity.WARNING,
        _(
            "geen enkele meting in {period}, dus elk resultaat is 'geen gegevens';"
            " gemeten perioden: {measured}"
        ).format(period=period, measured=listed([str(p) for p in periods])),
        where=subject,
        rule="reporting-period",
    )


def missing_in_period(
    indicator: Indicator, measurements: Iterable[Measurement], period: Period, subject: str
) -> Finding | None:
    """A warning when the frequency expects more values inside ``period`` than there are.

    A half-yearly indicator with only its first half year in a yearly
    account is judged on that half year; this says the second is missing.
    """
    expected = expected_periods(indicator, period)
    if len(expected) < 2:
        return None
    present = {m.period for m in measurements if m.indicator == indicator.id and not m.dimensions}
    missing = [p for p in expected if p not in present]
    if not missing or len(missing) == len(expected):
        return None
    return Finding(
        Severity.WARNING,
        _(
            "{subject}: geen meting voor {missing} ({frequency}); beoordeeld op de"
            " laatste meting in de periode"
        ).format(
            subject=subject,
            missing=", ".join(p.dutch() for p in missing),
            frequency=frequency_word(indicator.frequency) if indicator.frequency else "",
        ),
        where=indicator.id,
        rule="reporting-period",
    )


_FREQUENCY_WORDS = {
    Frequency.ONCE: N_("eenmalig"),
    Frequency.YEARLY: N_("jaarlijks"),
    Frequency.HALF_YEARLY: N_("halfjaarlijks"),
    Frequency.QUARTERLY: N_("per kwartaal"),
    Frequency.MONTHLY: N_("maandelijks"),
}


def frequency_word(frequency: Frequency) -> str:
    """How often, in words a reader knows (``halfjaarlijks``), never the code (``half_yearly``)."""
    return _(_FREQUENCY_WORDS[frequency])
