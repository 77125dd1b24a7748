"""Targets and tolerances compiled to exact polars expressions, one compiler per kind.

A compiler turns the targets of one kind into parameter columns (one value
per indicator, gathered onto every row) and writes the kind's rule once as
an expression over those columns and the row's value, baseline and previous
value. :func:`register_target_kind` and :func:`register_tolerance_kind` add
a kind; the rules are those of :mod:`sociaaldomein.core.rules`, which stays
the specification (a property test holds the two to the same statuses).

A one-sided threshold is a fraction ``numerator / denominator`` (the
denominator is 1 except for a count per period over a part of a year), so
comparing a value with it stays exact without dividing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import attrs

from sociaaldomein.model.target import (
    PER_PERIOD_MONTHS,
    AtLeast,
    AtMost,
    Between,
    Change,
    ComparedTo,
    CountPerPeriod,
    Improvement,
    Margin,
    MilestoneBy,
    Reference,
    RisingTrend,
)

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "Row",
    "TargetKind",
    "ToleranceKind",
    "register_target_kind",
    "register_tolerance_kind",
    "target_kind",
    "tolerance_kind",
]

#: A parameter of a kind for one indicator: a number, a flag, a date or nothing.
Param = Any


@attrs.frozen
class Row:
    """The columns a kind's rule is written over.

    :param value: the exact value (null for yes/no and text).
    :param flag: a yes/no value.
    :param baseline: the value of the baseline period, where measured.
    :param previous: the value of the measurement before this one.
    :param sign: +1 higher is better, -1 lower is better, null without a direction.
    :param period_end: last day of the period.
    :param months: ``(numerator, denominator)`` of the period's length in months.
    :param param: a parameter column of the kind, by name.
    :param times: the exact product of two numbers (numbers may be integers
        scaled by a power of ten; multiplying by a plain integer needs no help).
    :param compared: the value of the indicator's reference subject number
        ``which`` (a parameter) for the row's period and slice, null where none.
    :param target_bounds: for a tolerance, the lowest and highest value the
        target allows where they depend on the row (a reference target "within").
    """

    value: pl.Expr
    flag: pl.Expr
    baseline: pl.Expr
    previous: pl.Expr
    sign: pl.Expr
    period_end: pl.Expr
    months: tuple[pl.Expr, pl.Expr]
    param: Callable[[str], pl.Expr]
    times: Callable[[pl.Expr, pl.Expr], pl.Expr]
    compared: Callable[[pl.Expr], pl.Expr]
    target_bounds: tuple[pl.Expr, pl.Expr] | None = None

    def reference(self, against_baseline: pl.Expr) -> pl.Expr:
        import polars as pl

        return pl.when(against_baseline).then(self.baseline).otherwise(self.previous)

    def good(self, difference: pl.Expr, *, strict: bool) -> pl.Expr:
        """``sign * difference >= 0`` (``> 0`` when strict), without multiplying."""
        import polars as pl

        above, below = (
            (difference > 0, difference < 0) if strict else (difference >= 0, difference <= 0)
        )
        return pl.when(self.sign > 0).then(above).when(self.sign < 0).then(below)


class TargetKind(Protocol):
    """How one kind of target is judged on a whole column."""

    #: Parameter names and whether each is a ``number`` (Decimal), ``integer``,
    #: ``flag`` or ``date``. A kind may also set ``uses_period = True`` (it reads
    #: ``Row.period_end`` or ``Row.months``) and ``fractional = True`` (its
    #: threshold has a denominator; the shown threshold comes from the
    #: specification's ``_threshold`` per indicator and period).
    params: dict[str, str]

    def values(self, target: Any) -> dict[str, Param]:
        """The parameters of one target."""

    def fraction(self, row: Row) -> tuple[pl.Expr, pl.Expr | None] | None:
        """The one-sided threshold as (numerator, denominator or None for 1); None if none."""

    def holds(self, row: Row) -> pl.Expr:
        """Whether the target holds (the value is not null)."""

    def reference(self, row: Row) -> pl.Expr | None:
        """The reference value a change is measured against; None for other kinds.

        A kind may also have ``undefined(row)``: true where the reference is
        there but the target cannot be judged against it (then ``no_data``).
        """


class ToleranceKind(Protocol):
    """How one kind of tolerance is judged on a whole column."""

    params: dict[str, str]

    def values(self, tolerance: Any, target: Any) -> dict[str, Param]:
        """The parameters of one tolerance, given the target it softens."""

    def within(self, row: Row, fraction: tuple[pl.Expr, pl.Expr | None] | None) -> pl.Expr:
        """Whether a missed target is still within the tolerance."""


def _times(expression: pl.Expr, denominator: pl.Expr | None) -> pl.Expr:
    return expression if denominator is None else expression * denominator


class _AtLeast:
    params: ClassVar[dict[str, str]] = {"value": "number"}

    def values(self, target: AtLeast) -> dict[str, Param]:
        return {"value": target.value}

    def fraction(self, row: Row) -> tuple[pl.Expr, pl.Expr | None]:
        return row.param("value"), None

    def holds(self, row: Row) -> pl.Expr:
        return row.value >= row.param("value")

    def reference(self, row: Row) -> None:
        return None


class _AtMost(_AtLeast):
    def holds(self, row: Row) -> pl.Expr:
        return row.value <= row.param("value")


class _Between:
    params: ClassVar[dict[str, str]] = {"low": "number", "high": "number"}

    def values(self, target: Between) -> dict[str, Param]:
        return {"low": target.low, "high": target.high}

    def fraction(self, row: Row) -> None:
        return None

    def holds(self, row: Row) -> pl.Expr:
        return (row.param("low") <= row.value) & (row.value <= row.param("high"))

    def reference(self, row: Row) -> None:
        return None


class _Change:
    # threshold = reference + |reference| * share + offset: a relative change
    # is the share amount/100 of the reference's size, an absolute one the offset.
    params: ClassVar[dict[str, str]] = {
        "share": "number",
        "offset": "number",
        "relative": "flag",
        "baseline": "flag",
    }

    def values(self, target: Change) -> dict[str, Param]:
        relative = target.relative
        return {
            "share": target.amount / 100 if relative else Decimal(0),
            "offset": Decimal(0) if relative else target.amount,
            "relative": relative,
            "baseline": target.against is Reference.BASELINE,
        }

    def reference(self, row: Row) -> pl.Expr:
        return row.reference(row.param("baseline"))

    def undefined(self, row: Row) -> pl.Expr:
        """A relative change of a reference of zero: it cannot be judged (``Change.measurable``)."""
        return row.param("relative") & (self.reference(row) == 0)

    def fraction(self, row: Row) -> tuple[pl.Expr, pl.Expr | None]:
        import polars as pl

        reference = self.reference(row)
        moved = row.times(reference.abs(), row.param("share")) + row.param("offset")
        return pl.when(~self.undefined(row)).then(reference + moved), None

    def holds(self, row: Row) -> pl.Expr:
        numerator, _ = self.fraction(row)
        return row.good(row.value - numerator, strict=False)


class _Improvement:
    params: ClassVar[dict[str, str]] = {"baseline": "flag"}

    def values(self, target: Improvement) -> dict[str, Param]:
        return {"baseline": target.against is Reference.BASELINE}

    def reference(self, row: Row) -> pl.Expr:
        return row.reference(row.param("baseline"))

    def fraction(self, row: Row) -> tuple[pl.Expr, pl.Expr | None]:
        return self.reference(row), None

    def holds(self, row: Row) -> pl.Expr:
        return row.good(row.value - self.reference(row), strict=True)


class _MilestoneBy:
    params: ClassVar[dict[str, str]] = {"due": "date"}
    uses_period = True

    def values(self, target: MilestoneBy) -> dict[str, Param]:
        return {"due": target.due}

    def fraction(self, row: Row) -> None:
        return None

    def holds(self, row: Row) -> pl.Expr:
        return row.flag.fill_null(False) & (row.period_end <= row.param("due"))

    def reference(self, row: Row) -> None:
        return None


class _CountPerPeriod:
    # count * months / per: months = m / d, so threshold = count * m / (d * per).
    params: ClassVar[dict[str, str]] = {"count": "number", "per": "integer"}
    uses_period = True
    # The threshold is a fraction; its exact value comes from the specification.
    fractional = True

    def values(self, target: CountPerPeriod) -> dict[str, Param]:
        return {"count": target.count, "per": PER_PERIOD_MONTHS[target.per]}

    def fraction(self, row: Row) -> tuple[pl.Expr, pl.Expr | None]:
        months, part = row.months
        return row.param("count") * months, part * row.param("per")

    def holds(self, row: Row) -> pl.Expr:
        numerator, denominator = self.fraction(row)
        return _times(row.value, denominator) >= numerator

    def reference(self, row: Row) -> None:
        return None


class _Margin:
    params: ClassVar[dict[str, str]] = {
        "amount": "number",
        "share": "number",
        "relative": "flag",
        "low": "number",
        "high": "number",
        "around": "flag",
    }

    def values(self, tolerance: Margin, target: Any) -> dict[str, Param]:
        amount = tolerance.amount
        values: dict[str, Param] = {
            "amount": amount,
            "share": amount / 100,
            "relative": tolerance.relative,
            "around": isinstance(target, ComparedTo) and target.bound == "within",
        }
        if isinstance(target, Between):
            # Constant bounds, worked out as the specification does.
            values["low"] = target.low - (
                abs(target.low) * amount / 100 if tolerance.relative else amount
            )
            values["high"] = target.high + (
                abs(target.high) * amount / 100 if tolerance.relative else amount
            )
        return values

    def within(self, row: Row, fraction: tuple[pl.Expr, pl.Expr | None] | None) -> pl.Expr:
        import polars as pl

        between = (row.param("low") <= row.value) & (row.value <= row.param("high"))
        if fraction is None:
            return pl.when(row.param("low").is_not_null()).then(between).otherwise(False)
        numerator, denominator = fraction
        short = numerator - _times(row.value, denominator)  # (threshold - value) * d
        allowed = (
            pl.when(row.param("relative"))
            .then(row.times(numerator.abs(), row.param("share")))
            .otherwise(_times(row.param("amount"), denominator))
        )
        # sign * short <= allowed: with sign +1, short <= allowed; with -1, -short <= allowed.
        one_sided = pl.when(row.sign > 0).then(short <= allowed).otherwise(-short <= allowed)
        chain: Any = pl.when(row.param("low").is_not_null()).then(between)
        if row.target_bounds is not None:
            # Around a reference value: each bound widened by the margin.
            low, high = row.target_bounds

            def widened(bound: pl.Expr) -> pl.Expr:
                return (
                    pl.when(row.param("relative"))
                    .then(row.times(bound.abs(), row.param("share")))
                    .otherwise(row.param("amount"))
                )

            around = (low - widened(low) <= row.value) & (row.value <= high + widened(high))
            chain = chain.when(row.param("around")).then(around.fill_null(False))
        result: pl.Expr = (
            chain.when(numerator.is_null() | row.sign.is_null()).then(False).otherwise(one_sided)
        )
        return result


class _RisingTrend:
    params: ClassVar[dict[str, str]] = {"baseline": "flag"}

    def values(self, tolerance: RisingTrend, target: Any) -> dict[str, Param]:
        return {"baseline": tolerance.against is Reference.BASELINE}

    def within(self, row: Row, fraction: tuple[pl.Expr, pl.Expr | None] | None) -> pl.Expr:
        reference = row.reference(row.param("baseline"))
        moved = row.good(row.value - reference, strict=True)
        return moved.fill_null(False)


_TARGETS: dict[type, Any] = {
    AtLeast: _AtLeast(),
    AtMost: _AtMost(),
    Between: _Between(),
    Change: _Change(),
    Improvement: _Improvement(),
    MilestoneBy: _MilestoneBy(),
    CountPerPeriod: _CountPerPeriod(),
}
_TOLERANCES: dict[type, Any] = {Margin: _Margin(), RisingTrend: _RisingTrend()}


def register_target_kind(cls: type, kind: TargetKind) -> None:
    """Judge targets of class ``cls`` on columns with ``kind``."""
    _TARGETS[cls] = kind


def register_tolerance_kind(cls: type, kind: ToleranceKind) -> None:
    """Judge tolerances of class ``cls`` on columns with ``kind`` (a fallback is built in)."""
    _TOLERANCES[cls] = kind


def target_kind(cls: type) -> TargetKind:
    """The compiler of targets of class ``cls``.

    :raises NotImplementedError: no compiler is registered for it.
    """
    try:
        kind: TargetKind = _TARGETS[cls]
    except KeyError:
        raise NotImplementedError(
            f"the columnar engine has no rule for {cls.__name__} targets"
        ) from None
    return kind


def tolerance_kind(cls: type) -> ToleranceKind:
    """The compiler of tolerances of class ``cls`` (a fallback is judged as its target).

    :raises NotImplementedError: no compiler is registered for it.
    """
    try:
        kind: ToleranceKind = _TOLERANCES[cls]
    except KeyError:
        raise NotImplementedError(
            f"the columnar engine has no rule for {cls.__name__} tolerances"
        ) from None
    return kind


def kinds_of(objects: Sequence[object]) -> list[type]:
    """The distinct classes among ``objects`` (None left out), in first-seen order."""
    seen: dict[type, None] = {}
    for item in objects:
        if item is not None:
            seen.setdefault(type(item), None)
    return list(seen)
