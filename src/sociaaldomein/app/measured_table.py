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

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sociaaldomein.app.measured import Judged, MeasuredObjects
from sociaaldomein.core.engine import evaluate_table
from sociaaldomein.core.engine.checks import check_table
from sociaaldomein.core.engine.in_force import in_force_results, upto_results
from sociaaldomein.core.lazy import Lazy, LazyMapping
from sociaaldomein.core.validation import check_consistency
from sociaaldomein.model.consistency import Together
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period
from sociaaldomein.table.measurements import MeasurementTable

if TYPE_CHECKING:
    import polars as pl

    from sociaaldomein.core.aggregation import Aggregate
    from sociaaldomein.core.groups import GroupValue
    from sociaaldomein.findings import Finding
    from sociaaldomein.model.consistency import ConsistencyRule
    from sociaaldomein.model.parties import Province
    from sociaaldomein.model.reference_group import ReferenceGroup

__all__ = ["COLUMNAR_FROM_BYTES", "MeasuredTable", "columnar_table"]

#: From this size on, a CSV file is read and evaluated (or checked) as
#: columns. Below it, objects are faster: importing polars alone costs about
#: 0.1 s, what the objects' path spends on some 5,000 measurements.
COLUMNAR_FROM_BYTES = 256 * 1024


def columnar_table(
    path: str | os.PathLike[str],
    indicators: Sequence[Indicator],
    types: Mapping[str, MeasurementType],
) -> MeasurementTable | None:
    """The table of a CSV file of :data:`COLUMNAR_FROM_BYTES` or more, where the
    table reader reads it whole; None where objects should be read instead.

    What ``account_for`` and ``validate`` both ask: None for a workbook, a
    small file, indicators with an id twice (a table holds each once; the
    objects' path names the twin), and any file the table reader leaves to
    the scalar reader, which names what is wrong with it.

    :raises TooManyDigitsError: values a table cannot hold.
    :raises LoadError: the header is wrong, as the scalar reader words it.
    """
    from sociaaldomein.io.table import read_columnar

    given = Path(path)
    try:
        if given.suffix.lower() == ".xlsx" or given.stat().st_size < COLUMNAR_FROM_BYTES:
            return None
    except OSError:
        return None  # the objects' path names what is wrong with the file
    if len({indicator.id for indicator in indicators}) != len(indicators):
        return None
    return read_columnar(given, indicators=indicators, types=types)


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

    def subject_codes(self) -> dict[str, str]:
        return {}  # a file with a subject_code column is read as objects (io.table)

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
        in_force = in_force_results(upto, period)
        # The subject's series as objects; every subject's totals (the comparison)
        # stay columns until a reader asks for them.
        series = in_force.filter(mine)
        totals = in_force.filter(pl.col("slice") == 0)
        return Judged(
            evaluations=Lazy(len(upto), upto.to_evaluations),
            own=own,
            in_force={(e.indicator, e.subject, e.dimensions): e for e in series},
            compared=LazyMapping(
                len(totals), lambda: {(e.indicator, e.subject): e for e in totals}
            ),
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
        # invalid for their type; what can remain is found on the rows that
        # can have it (check_table), in the order read.
        found = check_table(self.table, self.indicators, self.types, period=plan_period)
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

    def aggregates(self, province: Province) -> list[Aggregate]:
        from sociaaldomein.core.engine import aggregate_table

        return aggregate_table(self.table, province.regions, province=province.name)


def _indicator_in(table: MeasurementTable, ids: set[str]) -> pl.Expr:
    import polars as pl

    codes = [code for code, indicator in enumerate(table.indicators) if indicator.id in ids]
    return pl.col("indicator").to_physical().is_in(codes)
