"""Measurements, series of them, and indicator sets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

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
    _type,
    identifiers,
    names,
    periods,
    texts,
    values,
)
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
) -> Measurement:
    """A measurement valid for ``indicator``'s measurement type (looked up in ``types``).

    ``dimensions`` draws the slice; by default any of a few, or none.
    ``known=False`` draws a value that is not known (``unknown`` gives a
    reason such as ``n.n.b.``), ``None`` either; ``forecast`` adds an
    expected value: ``True`` always, ``None`` sometimes. ``revised`` declares
    a revision (``revision`` and or ``as_of``) the same way.
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
        status=draw(st.sampled_from(list(DataStatus))),
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
    )


def _periods_default() -> st.SearchStrategy[Period]:
    return periods()


@st.composite
def measurement_series(
    draw: st.DrawFn, *, indicator: Indicator | None = None, subject: str = "gemeente", size: int = 4
) -> list[Measurement]:
    """Measurements of one indicator, subject and slice over consecutive years.

    The series starts at the indicator's baseline year (2015 without one).
    """
    measured = indicator or draw(indicators())
    first = measured.baseline_period.start.year if measured.baseline_period else 2015
    return [
        draw(
            measurements(
                indicator=measured,
                subject=subject,
                periods=st.just(Period.year(first + i)),
                dimensions=st.just({}),
            )
        )
        for i in range(size)
    ]


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
    if extends is None:
        return IndicatorSet(set_id, draw(names()), indicators=own, owner=draw(texts(max_size=20)))
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
    )
