"""Hypothesis strategies for every public model type, valid by construction.

Requires hypothesis (``pip install sociaaldomein[test]``). Every strategy
takes keyword arguments to constrain what it draws, so that a municipality
can test its own rules::

    from hypothesis import given
    from sociaaldomein.testing import strategies as sds

    @given(sds.indicators(measurement_type="grade"))
    def test_grades_are_judged(indicator): ...

Importing :mod:`sociaaldomein.testing` also registers the strategies with
``st.register_type_strategy``, so ``st.from_type(Indicator)`` works.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping, Sequence
from decimal import Decimal

from hypothesis import strategies as st

from sociaaldomein.errors import UnknownNameError
from sociaaldomein.model import (
    BUILTIN_MEASUREMENT_TYPES,
    Accumulation,
    Assignment,
    AtLeast,
    AtMost,
    Basis,
    Between,
    Budget,
    BudgetLine,
    Change,
    ComparedTo,
    CountPerPeriod,
    DataStatus,
    Direction,
    Fallback,
    Frequency,
    Funding,
    Improvement,
    Indicator,
    IndicatorSet,
    Margin,
    Measurement,
    MeasurementType,
    MilestoneBy,
    Municipality,
    Organisation,
    Override,
    Period,
    Prestatieveld,
    Project,
    Reference,
    Retirement,
    RisingTrend,
    SliceTarget,
    Target,
    Tolerance,
    Value,
    ValueKind,
)

__all__ = [
    "assignments",
    "budget_lines",
    "budgets",
    "derived_indicators",
    "identifiers",
    "indicator_sets",
    "indicators",
    "measurement_series",
    "measurement_types",
    "measurements",
    "municipalities",
    "names",
    "organisations",
    "periods",
    "projects",
    "targets",
    "texts",
    "tolerances",
    "values",
]

_TYPES = {measurement_type.name: measurement_type for measurement_type in BUILTIN_MEASUREMENT_TYPES}
#: Subjects that reference targets (:class:`ComparedTo`) name by default.
REFERENCE_SUBJECTS = ("Nederland", "regio", "grootteklasse")


def _type(
    measurement_type: MeasurementType | str, types: Mapping[str, MeasurementType] | None = None
) -> MeasurementType:
    """A measurement type object; by name from ``types`` (built-in ones by default)."""
    if isinstance(measurement_type, MeasurementType):
        return measurement_type
    known = types if types is not None else _TYPES
    if measurement_type in known:
        return known[measurement_type]
    raise UnknownNameError(
        f"unknown measurement type {measurement_type!r}; the strategies know"
        f" {', '.join(sorted(known))}. For a plugin's type, pass the type itself"
        " (measurement_type=MeasurementType(...)) or types=Plugins().measurement_types"
    )


_FIRST = dt.date(1990, 1, 1)
_LAST = dt.date(2060, 12, 31)


def texts(*, max_size: int = 60) -> st.SearchStrategy[str]:
    """Any text TOML can hold: quotes, newlines, diacritics; no lone surrogates."""
    return st.text(st.characters(exclude_categories=["Cs"]), max_size=max_size)


def names(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text with at least one visible character, as names need."""
    return texts(max_size=max_size).filter(lambda text: text.strip() != "")


def identifiers() -> st.SearchStrategy[str]:
    """Ids as indicators and sets use them (``jeugd.bereik``)."""
    first = string.ascii_lowercase + string.digits
    return st.builds(
        lambda head, tail: head + tail,
        st.sampled_from(first),
        st.text(first + "_.-", max_size=20),
    )


@st.composite
def periods(
    draw: st.DrawFn, *, kinds: Sequence[str] | None = None, years: tuple[int, int] = (1990, 2060)
) -> Period:
    """A year, half-year, quarter, month, day or range between ``years``."""
    kind = draw(
        st.sampled_from(list(kinds or ("year", "half_year", "quarter", "month", "day", "range")))
    )
    year = draw(st.integers(*years))
    if kind == "year":
        return Period.year(year)
    if kind == "half_year":
        return Period.half_year(year, draw(st.integers(1, 2)))
    if kind == "quarter":
        return Period.quarter(year, draw(st.integers(1, 4)))
    if kind == "month":
        return Period.month(year, draw(st.integers(1, 12)))
    low, high = dt.date(years[0], 1, 1), dt.date(years[1], 12, 31)
    start = draw(st.dates(low, high))
    if kind == "day":
        return Period.day(start)
    return Period(start, draw(st.dates(start, high)))


def municipalities() -> st.SearchStrategy[Municipality]:
    codes = st.none() | st.integers(0, 9999).map(lambda n: f"GM{n:04d}")
    return st.builds(Municipality, names(), codes)


def organisations() -> st.SearchStrategy[Organisation]:
    return st.builds(Organisation, names())


def measurement_types(
    *, types: Mapping[str, MeasurementType] | None = None
) -> st.SearchStrategy[MeasurementType]:
    """One of ``types`` (a registry, plugin types included); the built-in types by default."""
    if types is None:
        return st.sampled_from(BUILTIN_MEASUREMENT_TYPES)
    return st.sampled_from([types[name] for name in sorted(types)])


def values(
    measurement_type: MeasurementType | str, *, types: Mapping[str, MeasurementType] | None = None
) -> st.SearchStrategy[Value]:
    """Valid values of a measurement type, in its canonical Python form.

    A type given by name is looked up in ``types`` (the built-in types by default).
    """
    kind = _type(measurement_type, types)
    if kind.kind is ValueKind.YES_NO:
        return st.booleans()
    if kind.kind is ValueKind.TEXT:
        return texts()
    low = float(kind.minimum) if kind.minimum is not None else -1e9
    high = float(kind.maximum) if kind.maximum is not None else 1e9
    if kind.integral:
        return st.integers(int(low), int(high))
    if kind.exact:
        return st.decimals(Decimal(int(low)), Decimal(int(high)), places=2).map(kind.validate)
    return st.floats(low, high, allow_nan=False).map(lambda x: round(x, 3)).map(kind.validate)


def _numbers(measurement_type: MeasurementType) -> st.SearchStrategy[Decimal]:
    low = measurement_type.minimum if measurement_type.minimum is not None else Decimal(-1000)
    high = measurement_type.maximum if measurement_type.maximum is not None else Decimal(1000)
    places = 0 if measurement_type.integral else 1
    return st.decimals(low, high, places=places)


@st.composite
def targets(
    draw: st.DrawFn,
    *,
    measurement_type: MeasurementType | str = "percentage",
    direction: Direction | None = None,
    kinds: Sequence[str] | None = None,
    types: Mapping[str, MeasurementType] | None = None,
    reference_subjects: Sequence[str] = REFERENCE_SUBJECTS,
) -> Target:
    """A target valid for ``measurement_type`` (and ``direction``, where it implies one).

    ``kinds`` limits the target kinds (``at_least``, ``change``,
    ``compared_to`` ...); ``compared_to`` targets name one of
    ``reference_subjects``.
    """
    kind_of = _type(measurement_type, types)
    if kind_of.kind is ValueKind.YES_NO:
        return MilestoneBy(draw(st.dates(_FIRST, _LAST)))
    choices = ["at_least", "at_most", "between", "change", "improvement", "count_per_period"]
    if kinds is not None and "compared_to" in kinds:
        choices.append("compared_to")
    if direction is Direction.LOWER_IS_BETTER:
        choices.remove("at_least")
        choices.remove("count_per_period")
    elif direction is Direction.HIGHER_IS_BETTER:
        choices.remove("at_most")
    kind = draw(st.sampled_from([k for k in choices if kinds is None or k in kinds]))
    number = _numbers(kind_of)
    if kind == "compared_to":
        bounds = {
            None: ["at_least", "at_most", "within"],
            Direction.HIGHER_IS_BETTER: ["at_least", "within"],
            Direction.LOWER_IS_BETTER: ["at_most", "within"],
        }[direction]
        return ComparedTo(
            draw(st.sampled_from(list(reference_subjects))),
            draw(st.sampled_from(bounds)),
            draw(st.decimals(0, 10, places=1)),
            draw(st.booleans()),
            draw(st.sampled_from(["", "landelijk", "G40"])),
        )
    if kind == "at_least":
        return AtLeast(draw(number))
    if kind == "at_most":
        return AtMost(draw(number))
    if kind == "between":
        low, high = sorted((draw(number), draw(number)))
        return Between(low, high)
    if kind == "change":
        return Change(
            draw(st.decimals(-50, 50, places=1)),
            draw(st.booleans()),
            draw(st.sampled_from(list(Reference))),
        )
    if kind == "improvement":
        return Improvement(draw(st.sampled_from(list(Reference))))
    return CountPerPeriod(
        draw(st.integers(0, 12)), draw(st.sampled_from(["year", "quarter", "month"]))
    )


@st.composite
def tolerances(
    draw: st.DrawFn,
    *,
    measurement_type: MeasurementType | str = "percentage",
    direction: Direction | None = None,
) -> Tolerance:
    """A tolerance: a margin, a rising trend or a fallback target.

    A fallback target agrees with ``direction`` (at least where higher is
    better, at most where lower is); without one it is a range.
    """
    kind = draw(st.sampled_from(["margin", "rising_trend", "fallback"]))
    if kind == "margin":
        return Margin(draw(st.decimals(0, 20, places=1)), draw(st.booleans()))
    if kind == "rising_trend":
        return RisingTrend(draw(st.sampled_from(list(Reference))))
    weaker = {
        Direction.HIGHER_IS_BETTER: ["at_least"],
        Direction.LOWER_IS_BETTER: ["at_most"],
        None: ["between"],
    }[direction]
    return Fallback(draw(targets(measurement_type=measurement_type, kinds=weaker)))


@st.composite
def indicators(
    draw: st.DrawFn,
    *,
    id: str | None = None,
    measurement_type: MeasurementType | str | None = None,
    with_target: bool | None = None,
    types: Mapping[str, MeasurementType] | None = None,
    target_kinds: Sequence[str] | None = None,
    with_schedule: bool | None = False,
    with_slice_targets: bool | None = False,
    accumulation: bool | None = False,
) -> Indicator:
    """An indicator whose targets, tolerance, direction and baseline fit together.

    ``measurement_type`` is a type or a name in ``types`` (every registered
    type, plugin ones included, when given ``types=Plugins().measurement_types``;
    the built-in types by default). ``with_schedule``, ``with_slice_targets``
    and ``accumulation`` draw a target schedule, slice targets and an
    accumulation: ``True`` always, ``None`` sometimes, ``False`` (the
    default) never. ``target_kinds`` limits the target kinds.
    """
    known = types if types is not None else _TYPES
    kind = (
        _type(measurement_type, known)
        if measurement_type is not None
        else draw(st.sampled_from(sorted(known)).map(lambda name: known[name]))
    )
    direction = draw(st.none() | st.sampled_from(list(Direction)))
    if kind.kind is not ValueKind.NUMBER:
        direction = None

    def wanted(flag: bool | None) -> bool:
        return flag or (flag is None and draw(st.booleans()))

    target = None
    tolerance = None
    schedule: dict[Period, Target] = {}
    slice_targets: list[SliceTarget] = []
    if kind.kind is not ValueKind.TEXT and wanted(with_target):
        target = draw(targets(measurement_type=kind, direction=direction, kinds=target_kinds))
        direction = direction or _implied(target)
        if wanted(with_schedule):
            years = draw(st.lists(st.integers(2015, 2030), min_size=1, max_size=3, unique=True))
            for year in years:
                schedule[Period.year(year)] = draw(
                    targets(measurement_type=kind, direction=direction, kinds=target_kinds)
                )
                direction = direction or _implied(schedule[Period.year(year)])
        if wanted(with_slice_targets):
            for_slice = draw(
                targets(measurement_type=kind, direction=direction, kinds=target_kinds)
            )
            direction = direction or _implied(for_slice)
            slice_targets.append(
                SliceTarget(
                    {"leeftijd": draw(st.sampled_from(["0-11", "12-17", "18-26"]))}, for_slice
                )
            )
    every = [target, *schedule.values(), *(entry.target for entry in slice_targets)]
    if direction is None and any(isinstance(t, Change | Improvement) for t in every):
        direction = draw(st.sampled_from(list(Direction)))
    # Drawn once the direction is known, so that a fallback agrees with it.
    if target is not None and kind.kind is ValueKind.NUMBER and draw(st.booleans()):
        tolerance = draw(tolerances(measurement_type=kind, direction=direction))
        if direction is None and isinstance(tolerance, RisingTrend | Margin):
            direction = draw(st.sampled_from(list(Direction)))
    return Indicator(
        id=id or draw(identifiers()),
        name=draw(names()),
        measurement_type=kind.name,
        direction=direction,
        target=target,
        tolerance=tolerance,
        baseline_period=draw(periods(kinds=["year"])),
        source=draw(texts(max_size=30)),
        frequency=draw(st.none() | st.sampled_from(list(Frequency))),
        prestatievelden=draw(
            st.lists(st.sampled_from(list(Prestatieveld)), max_size=3, unique=True)
        ),
        unit=draw(texts(max_size=10)),
        description=draw(texts()),
        themes=draw(st.lists(names(max_size=15), max_size=3)),
        schedule=schedule,
        slice_targets=slice_targets,
        accumulation=(
            draw(
                st.sampled_from(
                    [Accumulation.SUM] if kind.additive else [Accumulation.RUNNING_TOTAL]
                )
            )
            if kind.kind is ValueKind.NUMBER and wanted(accumulation)
            else None
        ),
    )


def _implied(target: Target) -> Direction | None:
    if isinstance(target, AtLeast | CountPerPeriod):
        return Direction.HIGHER_IS_BETTER
    if isinstance(target, AtMost):
        return Direction.LOWER_IS_BETTER
    if isinstance(target, ComparedTo) and target.bound != "within":
        return (
            Direction.HIGHER_IS_BETTER if target.bound == "at_least" else Direction.LOWER_IS_BETTER
        )
    return None


@st.composite
def derived_indicators(
    draw: st.DrawFn,
    inputs: Sequence[Indicator],
    *,
    id: str | None = None,
    measurement_type: str = "ratio",
) -> Indicator:
    """A derived indicator whose formula reads one or two of ``inputs`` (numeric ones).

    The formula is a sum, difference, ratio or product of their values,
    sometimes times a factor.
    """
    first, second = draw(st.sampled_from(list(inputs))), draw(st.sampled_from(list(inputs)))
    left = f"value({first.id})"
    right = f"value({second.id})"
    op = draw(st.sampled_from(["+", "-", "*", "/"]))
    factor = draw(st.sampled_from(["", " * 100", " * 10000", " * 0.5"]))
    formula = f"({left} {op} {right}){factor}" if factor else f"{left} {op} {right}"
    return Indicator(
        id=id or draw(identifiers().filter(lambda name: name not in {i.id for i in inputs})),
        name=draw(names()),
        measurement_type=measurement_type,
        formula=formula,
    )


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
) -> Measurement:
    """A measurement valid for ``indicator``'s measurement type (looked up in ``types``).

    ``dimensions`` draws the slice; by default any of a few, or none.
    ``known=False`` draws a value that is not known (``unknown`` gives a
    reason such as ``n.n.b.``), ``None`` either; ``forecast`` adds an
    expected value: ``True`` always, ``None`` sometimes.
    """
    measured = indicator or draw(indicators(types=types))
    kind = _type(measured.measurement_type, types)
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


@st.composite
def budget_lines(draw: st.DrawFn, *, source: str | None = None) -> BudgetLine:
    """A cost line: a fixed amount, or hours times a rate."""
    money = st.decimals(0, 1_000_000, places=2)
    funder = source or draw(names(max_size=15))
    basis = draw(st.sampled_from(list(Basis)))
    if draw(st.booleans()):
        return BudgetLine(draw(names()), funder, amount=draw(money), basis=basis)
    return BudgetLine(
        draw(names()),
        funder,
        hours=draw(st.integers(0, 5000)),
        rate=draw(st.decimals(0, 500, places=2)),
        basis=basis,
    )


@st.composite
def budgets(draw: st.DrawFn, *, sources: Sequence[str] = ("gemeente", "subsidie")) -> Budget:
    """A budget over whole months, with lines and funding from ``sources``."""
    period = draw(periods(kinds=["year", "range"]).filter(lambda p: p.months >= 1))
    return Budget(
        period,
        lines=draw(
            st.lists(
                st.sampled_from(list(sources)).flatmap(lambda source: budget_lines(source=source)),
                max_size=5,
            )
        ),
        funding=draw(
            st.lists(
                st.builds(
                    Funding,
                    st.sampled_from(list(sources)),
                    st.decimals(0, 1_000_000, places=2),
                    st.sampled_from(list(Basis)),
                ),
                max_size=3,
            )
        ),
    )


@st.composite
def assignments(draw: st.DrawFn) -> Assignment:
    return Assignment(
        code=f"{draw(st.integers(1, 30))}{draw(st.sampled_from(['', 'a', 'b']))}",
        title=draw(names()),
        policy_frame=draw(texts()),
        tasks=draw(st.lists(names(), max_size=3)),
        indicators=draw(st.lists(indicators(), max_size=3, unique_by=lambda i: i.id)),
        changes=draw(texts()),
        preconditions=draw(st.lists(names(), max_size=3)),
        prestatievelden=draw(
            st.lists(st.sampled_from(list(Prestatieveld)), max_size=2, unique=True)
        ),
    )


@st.composite
def projects(draw: st.DrawFn, *, with_budget: bool | None = None) -> Project:
    """A project with dates in order, prestatievelden, hours and optionally a budget."""
    start = draw(periods(kinds=["day", "month", "year"], years=(2000, 2020)))
    end = draw(
        periods(kinds=["day", "month", "year"], years=(start.end.year, 2030)).filter(
            lambda p: p.end >= start.start
        )
    )
    budget = (
        draw(budgets()) if with_budget or (with_budget is None and draw(st.booleans())) else None
    )
    return Project(
        number=draw(identifiers()),
        name=draw(names()),
        submitters=draw(st.lists(organisations(), max_size=2)),
        municipalities=draw(st.lists(municipalities(), max_size=3)),
        start=start,
        end=end,
        prestatievelden=draw(
            st.lists(st.sampled_from(list(Prestatieveld)), max_size=3, unique=True)
        ),
        cluster=draw(texts(max_size=20)),
        background=draw(texts()),
        goal=draw(texts()),
        results=draw(texts()),
        activities=draw(texts()),
        budget_hours=draw(st.none() | st.integers(0, 10_000)),
        indicators=draw(st.lists(indicators(), max_size=3, unique_by=lambda i: i.id)),
        budget=budget,
    )
