"""Measurements, series of them, and indicator sets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from sociaaldomein.model import (
    DataStatus,
    Indicator,
    IndicatorSet,
    Measurement,
    MeasurementType,
    Override,
    Period,
    Retirement,
    Value,
)
from sociaaldomein.testing.strategies._basics import (
    SIGNS,
    _type,
    identifiers,
    names,
    periods,
    texts,
    values,
)
from sociaaldomein.testing.strategies._groups import reference_groups
from sociaaldomein.testing.strategies._indicators import indicators


def _revision(draw: st.DrawFn) -> tuple[int | None, dt.date | None]:
    revision = draw(st.none() | st.integers(1, 20))
    as_of = draw(st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)))
    return revision, as_of if revision is None or draw(st.booleans()) else None


@st.composite
def measurements(
    draw: st.DrawFn,
    *,
    indicator: Indicator | None = None,
    subject: str | None = None,
    periods: st.SearchStrategy[Period] | None = None,
    dimensions: st.SearchStrategy[dict[str, str]] | None = None,
    types: Mapping[str, MeasurementType] | None = None,
    known: bool | None = True,
    forecast: bool | None = False,
    revised: bool | None = False,
    coded: bool | None = False,
) -> Measurement:
    """A measurement valid for ``indicator``'s measurement type (looked up in ``types``).

    ``dimensions`` draws the slice; by default any of a few, or none.
    ``known=False`` draws a value that is not known (``unknown`` gives a
    reason such as ``n.n.b.``), ``None`` either; ``forecast`` adds an
    expected value: ``True`` always, ``None`` sometimes. ``revised`` declares
    a revision (``revision`` and or ``as_of``) the same way, and ``coded`` a
    ``subject_code`` (``GM0106``, or any short text).
    """
    measured = indicator or draw(indicators(types=types))
    kind = _type(measured.measurement_type, types)
    declared = revised or (revised is None and draw(st.booleans()))
    revision, as_of = _revision(draw) if declared else (None, None)
    value: Value | None = draw(values(kind))
    fraction: dict[str, Decimal] = {}
    if kind.scale is not None and draw(st.booleans()):
        denominator = draw(st.integers(1, 100_000))
        share = (
            draw(st.integers(0, denominator))
            if kind.maximum is not None
            else draw(st.integers(0, 10 * denominator))
        )
        fraction = {"numerator": Decimal(share), "denominator": Decimal(denominator)}
        value = None if draw(st.booleans()) else kind.from_fraction(share, denominator)
    unknown = ""
    if known is False or (known is None and draw(st.booleans())):
        value, fraction = None, {}
        unknown = draw(st.sampled_from(["n.n.b.", ".", "geheim", "nog niet bekend"]))
    # None: the file gave no status (judged as definitive, reported as not given).
    status = draw(st.sampled_from([*DataStatus, None]))
    return Measurement(
        measured.id,
        subject if subject is not None else draw(names(max_size=20)),
        draw(periods if periods is not None else _periods_default()),
        value,
        n=draw(st.none() | st.integers(0, 10_000)),
        dimensions=draw(
            dimensions
            if dimensions is not None
            else st.dictionaries(identifiers(), names(max_size=10), max_size=2)
        ),
        status=status or DataStatus.DEFINITIVE,
        status_given=status is not None,
        source=draw(texts(max_size=20)),
        note=draw(texts(max_size=20)),
        numerator=fraction.get("numerator"),
        denominator=fraction.get("denominator"),
        unknown=unknown,
        forecast=(
            draw(values(kind)) if forecast or (forecast is None and draw(st.booleans())) else None
        ),
        revision=revision,
        as_of=as_of,
        subject_code=(
            draw(st.from_regex(r"(GM|WK|PV|NL)[0-9]{2,6}", fullmatch=True) | names(max_size=10))
            if coded or (coded is None and draw(st.booleans()))
            else ""
        ),
    )


def _periods_default() -> st.SearchStrategy[Period]:
    return periods()


def _signs(kind: MeasurementType) -> list[str]:
    """The signs a value of ``kind`` can have."""
    low, high = kind.minimum, kind.maximum
    return [
        sign
        for sign, possible in (
            ("negative", low is None or low < 0),
            ("zero", (low is None or low <= 0) and (high is None or high >= 0)),
            ("positive", high is None or high > 0),
        )
        if possible
    ]


#: The layouts :func:`measurement_series` draws.
LAYOUTS = ("years", "nested", "partial")


def _layout_periods(draw: st.DrawFn, layout: str, first: int, size: int) -> list[Period]:
    """The periods after the baseline year ``first``: at most ``size``, distinct, sorted."""
    if layout == "years":
        return [Period.year(first + k) for k in range(1, size)]
    year = first + 1
    if layout == "nested":
        # Years and parts of them: a half year inside its year, a quarter inside
        # its half, so that a period overlaps those before and after it.
        pool = [
            Period.year(year),
            Period.year(year + 1),
            *(Period.half_year(year, half) for half in (1, 2)),
            *(Period.quarter(year, quarter) for quarter in (1, 2, 3, 4)),
            Period.half_year(year + 1, 1),
            Period.span(Period.month(year, 7), Period.month(year + 1, 6)),
        ]
    else:
        # Parts of one year with some left out: quarters, months, or months and
        # a quarter (January, February and Q2 without March).
        months = [Period.month(year, month) for month in range(1, 13)]
        quarters = [Period.quarter(year, quarter) for quarter in (1, 2, 3, 4)]
        pool = draw(
            st.sampled_from(
                [quarters, months[:6], [*months[:3], *quarters[1:]], [*months[:2], quarters[1]]]
            )
        )
    chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=size - 1, unique=True))
    return sorted(chosen, key=lambda period: (period.start, period.end))


@st.composite
def measurement_series(
    draw: st.DrawFn,
    *,
    indicator: Indicator | None = None,
    subject: str = "gemeente",
    size: int = 4,
    layout: str | None = None,
    baseline: str | None = None,
) -> list[Measurement]:
    """Measurements of one indicator, subject and slice: a baseline and periods after it.

    The series starts at the indicator's baseline year (2015 without one),
    at most ``size`` measurements, each period once. ``layout`` says what
    follows: ``years`` (consecutive years), ``nested`` (years and their
    halves and quarters, which overlap and nest), ``partial`` (parts of a
    year with some left out: quarters, months, months and a quarter);
    ``None`` any of them. ``baseline`` (``negative``, ``zero``, ``positive``)
    sets the sign of the first value where the type allows it (a
    percentage is never negative: then zero or positive); ``None`` any.
    """
    if layout is not None and layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, got {layout!r}")
    if baseline is not None and baseline not in SIGNS:
        raise ValueError(f"baseline must be one of {', '.join(SIGNS)}, got {baseline!r}")
    measured = indicator or draw(indicators())
    kind = _type(measured.measurement_type)
    first = measured.baseline_period.start.year if measured.baseline_period else 2015
    periods = [
        Period.year(first),
        *_layout_periods(draw, layout or draw(st.sampled_from(LAYOUTS)), first, size),
    ]
    series = []
    for period in periods:
        measurement = draw(
            measurements(
                indicator=measured,
                subject=subject,
                periods=st.just(period),
                dimensions=st.just({}),
            )
        )
        if period == periods[0] and kind.numeric:
            possible = _signs(kind)
            signs = [baseline] if baseline in possible else possible
            value = draw(st.one_of([values(kind, sign=sign) for sign in signs]))
            measurement = attrs.evolve(measurement, value=value, numerator=None, denominator=None)
        series.append(measurement)
    return series


@st.composite
def indicator_sets(
    draw: st.DrawFn,
    *,
    id: str | None = None,
    extends: IndicatorSet | None = None,
    max_indicators: int = 5,
) -> IndicatorSet:
    """A set; with ``extends``, a local set that adds, overrides and retires indicators of it."""
    own = draw(st.lists(indicators(), max_size=max_indicators, unique_by=lambda i: i.id))
    set_id = id or draw(identifiers())
    groups = draw(st.lists(reference_groups(), max_size=2, unique_by=lambda g: g.name))
    if extends is None:
        return IndicatorSet(
            set_id,
            draw(names()),
            indicators=own,
            owner=draw(texts(max_size=20)),
            reference_groups=groups,
        )
    inherited = [i.id for i in extends.all_indicators()]
    own = [i for i in own if i.id not in inherited]
    retired = (
        draw(st.lists(st.sampled_from(inherited), unique=True, max_size=2)) if inherited else []
    )
    kept = [i for i in inherited if i not in retired]
    overridden = draw(st.lists(st.sampled_from(kept), unique=True, max_size=2)) if kept else []
    return IndicatorSet(
        set_id if set_id != extends.id else set_id + "-lokaal",
        draw(names()),
        extends=extends.id,
        indicators=own,
        overrides=[Override(key, source=draw(names(max_size=20))) for key in overridden],
        retired=[Retirement(key, draw(names())) for key in retired],
        reference_groups=groups,
    )
