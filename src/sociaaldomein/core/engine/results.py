"""The results of evaluating a table: columns first, :class:`Evaluation` objects on demand."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from sociaaldomein.core.engine.groups import GroupKey
from sociaaldomein.core.evaluation import Evaluation, Status
from sociaaldomein.core.groups import Coverage, GroupValue
from sociaaldomein.core.reasons import not_known_reason
from sociaaldomein.core.verdict import _NO_COVERAGE, _NOTHING_COMPARED
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import DataStatus
from sociaaldomein.model.period import Period
from sociaaldomein.model.reference_group import ReferenceGroup
from sociaaldomein.model.target import Target
from sociaaldomein.table.measurements import MeasurementTable
from sociaaldomein.table.schema import MAX_DIGITS, Slice, number_as_value, python_value
from sociaaldomein.text.language import _

if TYPE_CHECKING:
    import polars as pl

__all__ = ["Results"]

_STATUS = {status.value: status for status in Status}
_NO_GROUPS: Mapping[str, ReferenceGroup] = MappingProxyType({})
_NO_GROUP_VALUES: Mapping[GroupKey, GroupValue] = MappingProxyType({})
_NUMBERS = ("value", "threshold", "baseline", "reference", "previous")


class Results:
    """Every evaluation of a table, as columns.

    :attr:`frame` has one row per evaluation, in the order of
    ``evaluate_all`` (indicator, subject, slice, period): ``status`` (enum
    of :class:`Status` values), ``value``, ``flag``, ``text``,
    ``threshold``, ``baseline``, ``reference``, ``previous`` (exact
    Decimals), ``progress`` (a float: the share of the distance from
    baseline to threshold covered), ``data_status``, ``n``, ``unknown``
    (why a value is not known; null where it is), ``forecast``,
    ``forecast_flag``, ``forecast_text``, and the ``row``, ``indicator``,
    ``subject``, ``slice`` and ``period`` columns of the table evaluated
    (:attr:`table`: with the rows of derived indicators, and year-to-date
    periods where an indicator accumulates).

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
        scale: int | None = None,
        slots: Sequence[tuple[int, Target | None]] | None = None,
        references: Sequence[str] = (),
        groups: Mapping[str, ReferenceGroup] = _NO_GROUPS,
        group_values: Mapping[GroupKey, GroupValue] = _NO_GROUP_VALUES,
    ) -> None:
        self._raw = frame
        self._scale = scale
        self._frame: pl.DataFrame | None = None
        self.table = table
        self._indicators = {i.id: (code, i) for code, i in enumerate(indicators) if i}
        self._exact = dict(exact_thresholds)
        self._slots = (
            list(slots)
            if slots is not None
            else [(code, i.target if i else None) for code, i in enumerate(indicators)]
        )
        self._compared = [(name, f"_cmp{number}") for number, name in enumerate(references)]
        self._numbers = (*_NUMBERS, *(column for _, column in self._compared))
        self._group_values = group_values
        # The groups each indicator's targets name, by indicator id.
        self._groups = {
            i.id: [g for name, g in groups.items() if name in i.reference_subjects]
            for i in indicators
            if i
        }

    @property
    def frame(self) -> pl.DataFrame:
        """The results as columns, numbers as exact Decimals."""
        import polars as pl

        if self._frame is None:
            frame = self._raw.select(c for c in self._raw.columns if not c.startswith("_"))
            scale = self._scale
            if scale is not None:
                # Evaluated as integers scaled by 10**scale: made Decimal when first asked for.
                decimal = pl.Decimal(MAX_DIGITS, scale)
                frame = frame.with_columns(
                    (pl.col(c).cast(decimal) / 10**scale).cast(decimal) for c in _NUMBERS
                )
            self._frame = frame
        return self._frame

    @property
    def statuses(self) -> pl.Series:
        """The ``status`` column (cheap: no Decimal columns are made)."""
        return self._raw.get_column("status")

    def __len__(self) -> int:
        return self._raw.height

    def __iter__(self) -> Iterator[Evaluation]:
        for record in self._raw.iter_rows(named=True):
            yield self._evaluation(record)

    def __getitem__(self, index: int) -> Evaluation:
        return self._evaluation(self._raw.row(index, named=True))

    def filter(self, predicate: pl.Expr, **columns: pl.Expr) -> Results:
        """The results whose rows ``predicate`` keeps, in the same order.

        ``predicate`` reads the columns of :attr:`frame` before numbers are
        made Decimal (codes for ``indicator``, ``subject``, ``slice`` and
        ``period``), and ``columns``, computed first and not kept.
        """
        kept = copy.copy(self)
        if columns:
            kept._raw = (
                self._raw.lazy()
                .with_columns(**columns)
                .filter(predicate)
                .drop(list(columns))
                .collect()
            )
        else:
            kept._raw = self._raw.filter(predicate)
        kept._frame = None
        return kept

    def to_evaluations(self) -> list[Evaluation]:
        """Every result as an :class:`Evaluation`, equal to what ``evaluate_all`` gives."""
        return list(self)

    def counts(self) -> dict[Status, int]:
        """How many results have each status."""
        counted = self.statuses.value_counts()
        return {_STATUS[str(s)]: int(n) for s, n in counted.iter_rows()}

    def latest(self) -> list[Evaluation]:
        """The evaluation of the last period of each indicator, subject and slice."""
        import polars as pl

        key = ["indicator", "subject", "slice"]
        last = self._raw.filter(
            pl.any_horizontal(*(pl.col(k) != pl.col(k).shift(-1) for k in key)).fill_null(True)
        )
        return [self._evaluation(record) for record in last.iter_rows(named=True)]

    def _evaluation(self, record: dict[str, Any]) -> Evaluation:
        if self._scale is not None:
            scale = -self._scale
            record = {
                key: Decimal(item).scaleb(scale)
                if key in self._numbers and item is not None
                else item
                for key, item in record.items()
            }
        indicator_id = str(record["indicator"])
        _code, indicator = self._indicators[indicator_id]
        measurement_type = self.table.types[indicator_id]
        periods = self.table.periods
        period = periods[record["period"]]
        dimensions = self.table.slices[record["slice"]]
        status = _STATUS[str(record["status"])]
        data_status = DataStatus(record["data_status"])
        if record["_refrow"]:
            return self._reference_only(record, indicator_id, period, dimensions, data_status)
        target = self._slots[record["_slot"]][1]
        if record["unknown"] is not None:
            return self._not_known(record, indicator, period, dimensions, data_status, target)
        if record["text"] is not None:
            return Evaluation(
                indicator_id,
                str(record["subject"]),
                period,
                status,
                value=str(record["text"]),
                dimensions=dimensions,
                data_status=data_status,
                status_given=not record["no_status"],
                n=record["n"],
                why=_("kwalitatief: niet beoordeeld"),
            )
        if record["flag"] is not None:
            value: Any = bool(record["flag"])
        else:
            value = number_as_value(record["value"], measurement_type)
        threshold = self._exact.get((record["_slot"], record["period"]), record["threshold"])
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
            data_status=data_status,
            status_given=not record["no_status"],
            n=record["n"],
            forecast=python_value(record, measurement_type, prefix="forecast"),
            target=target,
            why=(
                indicator,
                measurement_type,
                record["previous"],
                None if record["previous_period"] is None else periods[record["previous_period"]],
                target,
                {
                    name: record[column]
                    for name, column in self._compared
                    if record[column] is not None
                }
                or _NOTHING_COMPARED,
                self._coverage(indicator.id, record) or _NO_COVERAGE,
            ),
        )

    def _coverage(self, indicator_id: str, record: dict[str, Any]) -> dict[str, Coverage]:
        """The coverage of each group the indicator names, for the row's slice and period."""
        code = self._indicators[indicator_id][0]
        found = {}
        for group in self._groups.get(indicator_id, ()):
            value = self._group_values.get((group.name, code, record["slice"], record["period"]))
            found[group.name] = (
                value.coverage
                if value is not None
                else Coverage(0, len(group.members), group.value)
            )
        return found

    def _reference_only(
        self,
        record: dict[str, Any],
        indicator_id: str,
        period: Period,
        dimensions: Slice,
        data_status: DataStatus,
    ) -> Evaluation:
        """A reference subject's row, as ``evaluate_all`` shows it: not judged."""
        measurement_type = self.table.types[indicator_id]
        value = None if record["unknown"] is not None else python_value(record, measurement_type)
        if value is None:
            why = _("referentie; waarde niet bekend ({unknown})").format(
                unknown=record["unknown"] or _("geen waarde")
            )
        else:
            why = _("referentie: {value}, niet beoordeeld").format(
                value=measurement_type.format(value)
            )
        return Evaluation(
            indicator_id,
            str(record["subject"]),
            period,
            Status.NOT_ASSESSED,
            value=value,
            dimensions=dimensions,
            data_status=data_status,
            status_given=not record["no_status"],
            n=record["n"],
            why=why,
        )

    def _not_known(
        self,
        record: dict[str, Any],
        indicator: Indicator,
        period: Period,
        dimensions: Slice,
        data_status: DataStatus,
        target: Target | None,
    ) -> Evaluation:
        """``no_data`` for a value that is not known, naming why, with any forecast."""
        measurement_type = self.table.types[indicator.id]
        forecast = python_value(record, measurement_type, prefix="forecast")
        why = not_known_reason(
            record["unknown"], period, target, indicator, measurement_type, forecast
        )
        return Evaluation(
            indicator.id,
            str(record["subject"]),
            period,
            Status.NO_DATA,
            dimensions=dimensions,
            data_status=data_status,
            status_given=not record["no_status"],
            n=record["n"],
            forecast=forecast,
            target=target,
            why=why,
        )
