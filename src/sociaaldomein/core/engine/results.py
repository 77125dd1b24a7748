"""The results of evaluating a table: columns first, :class:`Evaluation` objects on demand."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sociaaldomein.core.engine.table import MeasurementTable, number_as_value
from sociaaldomein.core.evaluation import Evaluation, Status
from sociaaldomein.model.indicator import Indicator

if TYPE_CHECKING:
    import polars as pl

__all__ = ["Results"]

_STATUS = {status.value: status for status in Status}


class Results:
    """Every evaluation of a table, as columns.

    :attr:`frame` has one row per evaluation, in the order of
    ``evaluate_all`` (indicator, subject, slice, period): ``status`` (enum
    of :class:`Status` values), ``value``, ``flag``, ``text``,
    ``threshold``, ``baseline``, ``reference``, ``previous`` (exact
    Decimals), ``progress`` (a float: the share of the distance from
    baseline to threshold covered), ``provisional``, and the table's
    ``row``, ``indicator``, ``subject``, ``slice`` and ``period`` columns.

    An :class:`Evaluation`, with its Dutch reason and exact progress, is
    made only for the rows asked for: :meth:`latest`, iteration, indexing,
    :meth:`to_evaluations`.
    """

    def __init__(
        self,
        frame: pl.DataFrame,
        *,
        table: MeasurementTable,
        indicators: Sequence[Indicator | None],
        exact_thresholds: Mapping[tuple[int, int], Decimal],
    ) -> None:
        self.frame = frame
        self.table = table
        self._indicators = {i.id: (code, i) for code, i in enumerate(indicators) if i}
        self._exact = dict(exact_thresholds)

    def __len__(self) -> int:
        return self.frame.height

    def __iter__(self) -> Iterator[Evaluation]:
        for record in self.frame.iter_rows(named=True):
            yield self._evaluation(record)

    def __getitem__(self, index: int) -> Evaluation:
        return self._evaluation(self.frame.row(index, named=True))

    def to_evaluations(self) -> list[Evaluation]:
        """Every result as an :class:`Evaluation`, equal to what ``evaluate_all`` gives."""
        return list(self)

    def counts(self) -> dict[Status, int]:
        """How many results have each status."""
        counted = self.frame.get_column("status").value_counts()
        return {_STATUS[str(s)]: int(n) for s, n in counted.iter_rows()}

    def latest(self) -> list[Evaluation]:
        """The evaluation of the last period of each indicator, subject and slice."""
        import polars as pl

        key = ["indicator", "subject", "slice"]
        last = self.frame.filter(
            pl.any_horizontal(*(pl.col(k) != pl.col(k).shift(-1) for k in key)).fill_null(True)
        )
        return [self._evaluation(record) for record in last.iter_rows(named=True)]

    def _evaluation(self, record: dict[str, Any]) -> Evaluation:
        indicator_id = str(record["indicator"])
        code, indicator = self._indicators[indicator_id]
        measurement_type = self.table.types[indicator_id]
        period = self.table.periods[record["period"]]
        dimensions = self.table.slices[record["slice"]]
        status = _STATUS[str(record["status"])]
        if record["text"] is not None:
            return Evaluation(
                indicator_id,
                str(record["subject"]),
                period,
                status,
                value=str(record["text"]),
                dimensions=dimensions,
                why="kwalitatief: niet beoordeeld",
            )
        if record["flag"] is not None:
            value: Any = bool(record["flag"])
        else:
            value = number_as_value(record["value"], measurement_type)
        threshold = self._exact.get((code, record["period"]), record["threshold"])
        if record["threshold"] is None:
            threshold = None
        return Evaluation(
            indicator_id,
            str(record["subject"]),
            period,
            status,
            value=value,
            threshold=threshold,
            baseline=record["baseline"],
            reference=record["reference"],
            dimensions=dimensions,
            why=(indicator, measurement_type, record["previous"]),
        )
