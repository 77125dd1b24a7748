""":class:`~sociaaldomein.app.measured.Measured` over a columnar measurements table.

The whole country in one file is a hundred thousand measurements; a report
shows one subject's history, the results in force and the comparison. So
the table is evaluated whole (:func:`evaluate_table`), the results in
force are one group-by (:func:`in_force_results`), regions are added up
with group-bys (:func:`aggregate_table`), and :class:`Measurement` and
:class:`Evaluation` objects are made only for what is shown, checked or
asked for: the rest waits in :class:`~sociaaldomein.core.lazy.Lazy`
sequences until a caller reads it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from sociaaldomein.app.measured import Judged, MeasuredObjects
from sociaaldomein.core.engine import evaluate_table
from sociaaldomein.core.engine.in_force import in_force_results, upto_results
from sociaaldomein.core.engine.table import MeasurementTable
from sociaaldomein.core.lazy import Lazy
from sociaaldomein.core.validation import changed_from, check_consistency
from sociaaldomein.model.consistency import Together
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period

if TYPE_CHECKING:
    import polars as pl

    from sociaaldomein.core.aggregation import Aggregate
    from sociaaldomein.core.groups import GroupValue
    from sociaaldomein.findings import Finding
    from sociaaldomein.model.consistency import ConsistencyRule
    from sociaaldomein.model.parties import Province
    from sociaaldomein.model.reference_group import ReferenceGroup

__all__ = ["MeasuredTable"]


class MeasuredTable:
    """The measurements of one run as a :class:`MeasurementTable` (from one CSV file)."""

    def __init__(
        self,
        table: MeasurementTable,
        indicators: Sequence[Indicator],
        types: Mapping[str, MeasurementType],
    ) -> None:
        self.table = table
        self.indicators = indicators
        self.types = types
        self.measurements: Sequence[Measurement] = Lazy(len(table), table.to_measurements)
        self._names = table.frame.schema["subject"].categories.to_list()  # type: ignore[attr-defined]

    def _subject(self, names: Sequence[str]) -> pl.Expr:
        import polars as pl

        codes = [code for code, name in enumerate(self._names) if name in names]
        return pl.col("subject").to_physical().is_in(codes)

    def _objects(self, predicate: pl.Expr) -> MeasuredObjects:
        """The rows ``predicate`` keeps, made into objects (in the order read)."""
        rows = self.table.where(predicate).to_measurements()
        return MeasuredObjects(tuple(rows), self.indicators, self.types)

    def subjects(self) -> set[str]:
        codes = self.table.frame.get_column("subject").to_physical().unique().to_list()
        return {self._names[code] for code in codes}

    def periods(self, subject: str) -> set[Period]:
        frame = self.table.frame
        if subject in self._names:
            frame = frame.filter(self._subject([subject]))
        if not frame.height:
            frame = self.table.frame
        codes = frame.get_column("period").unique().to_list()
        return {self.table.periods[code] for code in codes}

    def own(self, subject: str) -> tuple[Measurement, ...]:
        return tuple(self.table.where(self._subject([subject])).to_measurements())

    def judge(
        self,
        subject: str,
        period: Period,
        references: Sequence[str],
        groups: Sequence[ReferenceGroup] = (),
    ) -> Judged:
        import polars as pl

        results = evaluate_table(self.table, self.indicators, references=references, groups=groups)
        upto = upto_results(results, period)
        names = results.table.frame.schema["subject"].categories.to_list()  # type: ignore[attr-defined]
        mine = (
            pl.col("subject")
            .to_physical()
            .is_in([code for code, name in enumerate(names) if name == subject])
        )
        own = tuple(upto.filter(mine).to_evaluations())
        # Every subject's totals make the comparison; the subject's slices its own rows.
        shown = in_force_results(upto, period).filter(mine | (pl.col("slice") == 0))
        return Judged(
            evaluations=Lazy(len(upto), upto.to_evaluations),
            own=own,
            in_force={(e.indicator, e.subject, e.dimensions): e for e in shown},
            slices=tuple(sorted({(e.indicator, e.dimensions) for e in own if e.dimensions})),
        )

    def reference_values(
        self, references: Sequence[str], period: Period
    ) -> dict[tuple[str, str], Measurement]:
        import polars as pl

        totals = self._subject(references) & (pl.col("slice") == 0)
        return self._objects(totals).reference_values(references, period)

    def group_values(
        self, groups: Sequence[ReferenceGroup], period: Period
    ) -> dict[tuple[str, str], GroupValue]:
        import polars as pl

        # Objects only for the members' totals: a few per period.
        members = sorted({member for group in groups for member in group.members})
        totals = self._subject(members) & (pl.col("slice") == 0)
        return self._objects(totals).group_values(groups, period)

    def findings(
        self, plan_period: Period | None, consistency: Sequence[ConsistencyRule]
    ) -> list[Finding]:
        # The reader has refused unknown indicators, duplicates and values
        # invalid for their type or their fraction; what can remain is
        # found on the rows that can have it, in the order read.
        found = self._objects(self._suspect(plan_period)).findings(plan_period, ())
        if consistency:
            named = {
                key
                for rule in consistency
                for key in (
                    rule.indicators if isinstance(rule, Together) else (rule.indicator, rule.limit)
                )
            }
            rows = self.table.where(_indicator_in(self.table, named)).to_measurements()
            by_id = {indicator.id: indicator for indicator in self.indicators}
            found += check_consistency(consistency, rows, self.types, by_id)
        return found

    def _suspect(self, plan_period: Period | None) -> pl.Expr:
        """Rows outside the plan's period, of an undeclared slice, or at the
        baseline of a change target."""
        import polars as pl

        periods, slices = self.table.periods, self.table.slices
        by_id = {indicator.id: indicator for indicator in self.indicators}
        known = [by_id[measured.id] for measured in self.table.indicators]
        code = {found: number for number, found in enumerate(periods)}
        outside = [plan_period is not None and not plan_period.overlaps(p) for p in periods]
        baselines = [changed_from(indicator) for indicator in known]
        baseline = [-1 if found is None else code.get(found, -1) for found in baselines]
        indicator = pl.col("indicator").to_physical().cast(pl.Int64)
        period = pl.col("period").cast(pl.Int64)
        pair = indicator * len(slices) + pl.col("slice")
        present = self.table.frame.select(pair.unique().alias("pair")).get_column("pair")
        undeclared = [
            number
            for number in present.to_list()
            if any(
                key not in known[number // len(slices)].slices
                for key, _ in slices[number % len(slices)]
            )
        ]
        return (
            pl.lit(pl.Series(outside, dtype=pl.Boolean)).gather(period)
            | (period == pl.lit(pl.Series(baseline, dtype=pl.Int64)).gather(indicator))
            | pair.is_in(undeclared)
        )

    def aggregates(self, province: Province) -> list[Aggregate]:
        from sociaaldomein.core.engine import aggregate_table

        return aggregate_table(self.table, province.regions, province=province.name)


def _indicator_in(table: MeasurementTable, ids: set[str]) -> pl.Expr:
    import polars as pl

    codes = [code for code, indicator in enumerate(table.indicators) if indicator.id in ids]
    return pl.col("indicator").to_physical().is_in(codes)
