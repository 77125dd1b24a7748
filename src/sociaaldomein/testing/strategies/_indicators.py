"""Targets, tolerances and indicators (plain and derived), valid together."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hypothesis import strategies as st

from sociaaldomein.model import (
    Accumulation,
    AtLeast,
    AtMost,
    Between,
    Change,
    ComparedTo,
    CountPerPeriod,
    Direction,
    Fallback,
    Frequency,
    Improvement,
    Indicator,
    Margin,
    MeasurementType,
    MilestoneBy,
    Period,
    Prestatieveld,
    Reference,
    RisingTrend,
    SliceTarget,
    Target,
    Tolerance,
    ValueKind,
)
from sociaaldomein.testing.strategies._basics import (
    _FIRST,
    _LAST,
    _TYPES,
    REFERENCE_SUBJECTS,
    _numbers,
    _type,
    identifiers,
    names,
    periods,
    texts,
)


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
    reference_subjects: Sequence[str] = REFERENCE_SUBJECTS,
) -> Indicator:
    """An indicator whose targets, tolerance, direction and baseline fit together.

    ``measurement_type`` is a type or a name in ``types`` (every registered
    type, plugin ones included, when given ``types=Plugins().measurement_types``;
    the built-in types by default). ``with_schedule``, ``with_slice_targets``
    and ``accumulation`` draw a target schedule, slice targets and an
    accumulation: ``True`` always, ``None`` sometimes, ``False`` (the
    default) never. ``target_kinds`` limits the target kinds;
    ``compared_to`` targets name one of ``reference_subjects`` (a reference
    group's name, say).
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
        target = draw(
            targets(
                measurement_type=kind,
                direction=direction,
                kinds=target_kinds,
                reference_subjects=reference_subjects,
            )
        )
        direction = direction or _implied(target)
        if wanted(with_schedule):
            years = draw(st.lists(st.integers(2015, 2030), min_size=1, max_size=3, unique=True))
            for year in years:
                schedule[Period.year(year)] = draw(
                    targets(
                        measurement_type=kind,
                        direction=direction,
                        kinds=target_kinds,
                        reference_subjects=reference_subjects,
                    )
                )
                direction = direction or _implied(schedule[Period.year(year)])
        if wanted(with_slice_targets):
            for_slice = draw(
                targets(
                    measurement_type=kind,
                    direction=direction,
                    kinds=target_kinds,
                    reference_subjects=reference_subjects,
                )
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
