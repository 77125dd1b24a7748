"""Targets in force per period and slice, as one ``_slot`` column.

An indicator may have a target per period (a schedule) and per slice
beside its plain target (:func:`sociaaldomein.model.indicator.target_for`).
Each of those targets is a *slot*: slot ``i`` is the plain target of
indicator ``i``, the schedule entries and slice targets follow. Which slot
is in force is worked out once per indicator and period and once per
indicator and slice (a few hundred pairs, not a million rows), and gathered
onto the rows as lookups: a slice target first, then the narrowest schedule
entry holding the period, then the plain target.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.period import Period
from sociaaldomein.model.target import Target

if TYPE_CHECKING:
    import polars as pl

    from sociaaldomein.table.schema import Slice

__all__ = ["Slots"]


class Slots:
    """Every target of every indicator, and which one is in force on a row.

    :attr:`targets` holds ``(indicator code, target)`` per slot; the first
    ``len(indicators)`` slots are the plain targets in indicator order.
    """

    def __init__(
        self,
        indicators: Sequence[Indicator | None],
        periods: Sequence[Period],
        slices: Sequence[Slice],
    ) -> None:
        self.targets: list[tuple[int, Target | None]] = [
            (code, indicator.target if indicator else None)
            for code, indicator in enumerate(indicators)
        ]
        self._periods = len(periods)
        self._slices = len(slices)
        self.by_period: list[int] | None = None
        self.by_slice: list[int | None] | None = None
        if any(indicator and indicator.schedule for indicator in indicators):
            self.by_period = []
            for code, indicator in enumerate(indicators):
                first = len(self.targets)
                if indicator is not None:
                    self.targets += [(code, target) for _, target in indicator.schedule]
                for period in periods:
                    self.by_period.append(_scheduled(indicator, period, code, first))
        if any(indicator and indicator.slice_targets for indicator in indicators):
            self.by_slice = []
            for code, indicator in enumerate(indicators):
                first = len(self.targets)
                entries = indicator.slice_targets if indicator is not None else ()
                self.targets += [(code, entry.target) for entry in entries]
                for dimensions in slices:
                    self.by_slice.append(
                        next(
                            (
                                first + number
                                for number, entry in enumerate(entries)
                                if dimensions and entry.dimensions == dimensions
                            ),
                            None,
                        )
                    )

    def expression(self) -> pl.Expr:
        """The slot in force on each row (from ``_ind``, ``period`` and ``slice``)."""
        import polars as pl

        code = pl.col("_ind").cast(pl.UInt32)
        slot: pl.Expr = code
        if self.by_period is not None:
            slot = pl.lit(pl.Series(self.by_period, dtype=pl.UInt32)).gather(
                code * self._periods + pl.col("period")
            )
        if self.by_slice is not None:
            slot = pl.coalesce(
                pl.lit(pl.Series(self.by_slice, dtype=pl.UInt32)).gather(
                    code * self._slices + pl.col("slice")
                ),
                slot,
            )
        return slot.alias("_slot")


def _scheduled(indicator: Indicator | None, period: Period, code: int, first: int) -> int:
    """The slot of the narrowest schedule entry holding ``period``, else the plain target's."""
    if indicator is None:
        return code
    holding = [
        (when.days, number) for number, (when, _) in enumerate(indicator.schedule) if period in when
    ]
    # min() keeps the first of equally narrow entries, as target_for does.
    return first + min(holding, key=lambda entry: entry[0])[1] if holding else code
