"""The compiled plan of one evaluation: parameters per indicator, the working scale, the rules.

Each target and tolerance kind (:mod:`.kinds`) contributes parameter columns
and expressions; the plan gathers them onto every row and writes the status,
threshold, reference and progress columns in the order of the specification
(:mod:`sociaaldomein.core.rules`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Context, Decimal
from typing import TYPE_CHECKING, Any

from sociaaldomein.core.engine.kinds import (
    kinds_of,
    target_kind,
    tolerance_kind,
)
from sociaaldomein.core.evaluation import Status
from sociaaldomein.core.rules import _Context, _threshold
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.target import Fallback, Target
from sociaaldomein.table.measurements import MeasurementTable
from sociaaldomein.table.schema import MAX_DIGITS, TooManyDigitsError, decimal_scale

if TYPE_CHECKING:
    import polars as pl

__all__ = ["STATUSES", "Plan", "compiler", "quantize"]

STATUSES = [status.value for status in Status]


class Plan:
    """The compiled parameters and expressions for one set of indicators and one table.

    Parameters are kept per slot (:class:`~.schedules.Slots`: each target an
    indicator has, for a period or a slice or in general) and gathered onto
    the rows by their ``_slot`` column.
    """

    def __init__(
        self,
        table: MeasurementTable,
        indicators: Sequence[Indicator | None],
        slots: Sequence[tuple[int, Target | None]] | None = None,
        *,
        references: Sequence[Decimal] = (),
    ) -> None:
        self.table = table
        # Values compared with that are not in the table (reference groups').
        self._references = list(references)
        self.indicators = indicators
        if slots is None:
            slots = [(code, i.target if i else None) for code, i in enumerate(indicators)]
        self.slots = list(slots)
        owners = [indicators[code] for code, _ in self.slots]
        targets = [target for _, target in self.slots]
        fallbacks = [
            i.tolerance.target if i and isinstance(i.tolerance, Fallback) else None for i in owners
        ]
        tolerances = [
            i.tolerance if i and not isinstance(i.tolerance, Fallback) else None for i in owners
        ]
        self.target_kinds = kinds_of(targets)
        self.fallback_kinds = kinds_of(fallbacks)
        self.tolerance_kinds = kinds_of(tolerances)
        self.params: dict[str, tuple[str, list[Any]]] = {}
        self._collect("t", self.target_kinds, targets, lambda kind, t, i: kind.values(t))
        self._collect("f", self.fallback_kinds, fallbacks, lambda kind, t, i: kind.values(t))
        self._collect(
            "m",
            self.tolerance_kinds,
            tolerances,
            lambda kind, t, i: kind.values(t, targets[i]),
        )
        self.codes = {
            prefix: [kinds.index(type(x)) if x is not None else None for x in objects]
            for prefix, kinds, objects in (
                ("t", self.target_kinds, targets),
                ("f", self.fallback_kinds, fallbacks),
                ("m", self.tolerance_kinds, tolerances),
            )
        }
        self.fallback_of = [isinstance(i.tolerance, Fallback) if i else False for i in owners]
        self.sign = [
            i.good_direction.sign if i and i.good_direction is not None else None for i in owners
        ]
        self.baseline_periods = [self._baseline_index(i) for i in indicators]
        self.integer = False
        self.scale = self._working_scale()

    def _baseline_index(self, indicator: Indicator | None) -> int:
        if indicator is None or indicator.baseline_period is None:
            return -1
        try:
            return self.table.periods.index(indicator.baseline_period)
        except ValueError:
            return -1

    def _collect(self, prefix: str, kinds: list[type], objects: list[Any], values: Any) -> None:
        for code, cls in enumerate(kinds):
            kind_compiler = compiler(prefix, cls)
            columns: dict[str, list[Any]] = {name: [] for name in kind_compiler.params}
            for index, item in enumerate(objects):
                given = values(kind_compiler, item, index) if type(item) is cls else {}
                for name in kind_compiler.params:
                    columns[name].append(given.get(name))
            for name, kind in kind_compiler.params.items():
                self.params[f"{prefix}{code}.{name}"] = (kind, columns[name])

    def _working_scale(self) -> int:
        numbers = [
            number
            for kind, column in self.params.values()
            if kind == "number"
            for number in column
            if number is not None
        ]
        constants = decimal_scale(numbers)
        factors = max(
            (
                decimal_scale([n for n in column if n is not None])
                for name, (_, column) in self.params.items()
                if name.endswith((".factor", ".share"))
            ),
            default=0,
        )
        # A change (reference times its share), times a relative margin's share, stays exact.
        values = max(self.table.scale, decimal_scale(self._references))
        scale = max(constants, values + 2 * factors)
        largest = max((abs(n) for n in (*numbers, *self._references)), default=Decimal(0))
        frame = self.table.frame
        for bound in (frame.get_column("value").max(), frame.get_column("value").min()):
            if isinstance(bound, Decimal):
                largest = max(largest, abs(bound))
        digits = max(1, largest.adjusted() + 1) if largest else 1
        if scale + digits + 4 > MAX_DIGITS:
            raise TooManyDigitsError(
                f"evaluating needs {scale} decimals for values of {digits} digits; a polars"
                f" Decimal holds {MAX_DIGITS} digits in all (use evaluate_all for such values)"
            )
        # Integers scaled by 10**scale are ten times faster than Decimals where
        # no product can leave 64 bits: a value times a factor or share, or
        # times a month count (periods up to a few centuries of days).
        factor = max(
            (
                abs(n)
                for name, (_, column) in self.params.items()
                if name.endswith((".factor", ".share", ".count"))
                for n in column
                if n is not None
            ),
            default=Decimal(1),
        )
        bound = (largest + 1) * 10 ** (2 * scale) * max(factor + 1, Decimal(10**6))
        self.integer = bound < 2**62
        return scale

    def columns(self) -> dict[str, pl.Expr]:
        """Each parameter, the kind codes and the direction, gathered onto every row."""
        import polars as pl

        codes = pl.col("_slot")
        dtypes: dict[str, Any] = {
            "number": self.number,
            "flag": pl.Boolean,
            "date": pl.Date,
            "integer": pl.Int64,
            "string": pl.String,
        }

        def gathered(values: list[Any], dtype: Any, by: pl.Expr = codes) -> pl.Expr:
            return pl.lit(pl.Series(values, dtype=dtype)).gather(by)

        columns = {
            name: gathered(self._numbers(values) if kind == "number" else values, dtypes[kind])
            for name, (kind, values) in self.params.items()
        }
        for prefix, values in self.codes.items():
            columns[f"_{prefix}kind"] = gathered(values, pl.UInt8)
        columns["_sign"] = gathered(self.sign, pl.Int8)
        columns["_fallback"] = gathered(self.fallback_of, pl.Boolean)
        if self._uses_periods():
            period = pl.col("period")
            months = [p.months for p in self.table.periods]
            columns["_end"] = gathered([p.end for p in self.table.periods], pl.Date, period)
            columns["_months"] = gathered([m.numerator for m in months], pl.Int64, period)
            columns["_part"] = gathered([m.denominator for m in months], pl.Int64, period)
        return columns

    @property
    def number(self) -> Any:
        """The dtype numbers are evaluated in: scaled Int64, or an exact Decimal."""
        import polars as pl

        return pl.Int64 if self.integer else pl.Decimal(MAX_DIGITS, self.scale)

    def _numbers(self, values: list[Any]) -> list[Any]:
        if not self.integer:
            return values
        return [None if v is None else int(Decimal(v).scaleb(self.scale)) for v in values]

    def times(self, left: pl.Expr, right: pl.Expr) -> pl.Expr:
        """The product of two numbers in the working representation (exact by the scale)."""
        product: pl.Expr = left * right
        return product // 10**self.scale if self.integer else product

    def _uses_periods(self) -> bool:
        # Only milestones and counts per period look at the period itself.
        return any(
            getattr(compiler("t", cls), "uses_period", False)
            for cls in (*self.target_kinds, *self.fallback_kinds)
        )

    def fraction_thresholds(self, frame: pl.LazyFrame) -> dict[tuple[int, int], Decimal]:
        """Thresholds that are a fraction (a count over part of a year), by the specification.

        Keyed by slot and period index; the ``threshold`` column
        holds them rounded to the working scale, an evaluation made from a
        row gets the exact value.
        """
        import polars as pl

        codes = [
            slot
            for slot, (_, target) in enumerate(self.slots)
            if target is not None and getattr(compiler("t", type(target)), "fractional", False)
        ]
        if not codes:
            return {}
        pairs = (
            frame.filter(pl.col("_slot").is_in(codes))
            .select("_slot", "period")
            .unique()
            .collect()
            .iter_rows()
        )
        exact: dict[tuple[int, int], Decimal] = {}
        for slot, period_index in pairs:
            code, target = self.slots[slot]
            indicator = self.indicators[code]
            assert indicator is not None and target is not None
            measurement_type = self.table.types[indicator.id]
            period = self.table.periods[period_index]
            context = _Context(indicator, measurement_type, period, None, None, None, None)
            value = _threshold(target, context)
            assert value is not None
            exact[slot, period_index] = value
        return exact


def compiler(prefix: str, cls: type) -> Any:
    """The compiler of a target (``t``, ``f``) or tolerance (``m``) class."""
    return tolerance_kind(cls) if prefix == "m" else target_kind(cls)


def quantize(value: Decimal, scale: int) -> Decimal:
    """``value`` rounded to ``scale`` decimals, half to even."""
    # A local context: the default one holds 28 digits, a column up to 38.
    context = Context(prec=2 * MAX_DIGITS, rounding=ROUND_HALF_EVEN)
    return value.quantize(Decimal(1).scaleb(-scale), context=context)
