"""Reference targets (:class:`~sociaaldomein.model.target.ComparedTo`) on columns.

The subjects a reference target names (the country, the region, a size
class) are measured in the same table. Their rows are shown, never judged
(``not_assessed``, as ``evaluate_all`` reports them). Their known values are
gathered per indicator, slice and period into one column per reference
subject (``_cmp0``, ``_cmp1`` ...) and joined onto every row of that
indicator, slice and period; a target then reads the column of its subject.
Where there is none, the status is ``no_data`` naming the reference.

A reference group's column is its value (:mod:`.groups`), joined the same
way; rows given under a group's name are shown, never compared with.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from sociaaldomein.core.engine.kinds import Param, Row, register_target_kind
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.target import ComparedTo

if TYPE_CHECKING:
    import polars as pl

__all__ = ["References"]


class References:
    """The reference subjects of a set of indicators, and how rows find their values.

    :attr:`names` lists every reference subject once (the ``_cmp`` columns
    follow its order).
    """

    def __init__(
        self,
        indicators: Sequence[Indicator | None],
        subjects: Sequence[str],
        groups: Collection[str] = (),
    ) -> None:
        self.names: list[str] = list(
            dict.fromkeys(
                name
                for indicator in indicators
                if indicator is not None
                for name in indicator.reference_subjects
            )
        )
        self.groups = [name for name in self.names if name in groups]
        code_of = {subject: code for code, subject in enumerate(subjects)}
        self._subjects = len(code_of)
        self.pairs = [
            (code, code_of[name])
            for code, indicator in enumerate(indicators)
            if indicator is not None
            for name in indicator.reference_subjects
            if name in code_of
        ]

    @property
    def columns(self) -> list[str]:
        return [f"_cmp{number}" for number in range(len(self.names))]

    def is_reference(self) -> pl.Expr:
        """Whether a row is a reference subject's own (per ``_ind`` and ``subject``)."""
        import polars as pl

        if not self.pairs:
            return pl.lit(False).alias("_refrow")
        # One key per (indicator, subject): a single is_in, however many pairs.
        size = self._subjects
        key = pl.col("_ind").cast(pl.UInt64) * size + pl.col("subject").to_physical()
        return key.is_in([code * size + number for code, number in self.pairs]).alias("_refrow")

    def join(self, frame: pl.LazyFrame, groups: pl.DataFrame | None = None) -> pl.LazyFrame:
        """``frame`` with a ``_cmp`` column per reference subject (null where not measured).

        Of two values for one subject, period and slice the later row counts,
        as in ``evaluate_all``. ``groups`` holds the groups' columns by
        ``_ind``, ``slice`` and ``period`` (see :meth:`group_columns`).
        """
        import polars as pl

        if not self.names:
            return frame
        key = ["_ind", "slice", "period"]
        name = pl.col("subject").cast(pl.String)
        measured = [
            (subject, column)
            for subject, column in zip(self.names, self.columns, strict=True)
            if subject not in self.groups
        ]
        if measured:
            values = (
                frame.filter(pl.col("_refrow") & pl.col("_known"))
                .sort("row")
                .group_by(key)
                .agg(
                    pl.col("value").filter(name == subject).last().alias(column)
                    for subject, column in measured
                )
            )
            frame = frame.join(values, on=key, how="left", maintain_order="left")
        if self.groups:
            assert groups is not None
            frame = frame.join(groups.lazy(), on=key, how="left", maintain_order="left")
        return frame

    def group_columns(self) -> dict[str, str]:
        """The ``_cmp`` column of each group, by name."""
        return {
            subject: column
            for subject, column in zip(self.names, self.columns, strict=True)
            if subject in self.groups
        }

    def compared(self, subject: pl.Expr) -> pl.Expr:
        """The value of the reference subject named by ``subject`` on each row."""
        import polars as pl

        chain: Any = pl
        for name, column in zip(self.names, self.columns, strict=True):
            chain = chain.when(subject == name).then(pl.col(column))
        result: pl.Expr = pl.lit(None) if chain is pl else chain.otherwise(None)
        return result


class _ComparedTo:
    """At least / at most / within a margin of a reference subject's value."""

    params: ClassVar[dict[str, str]] = {
        "subject": "string",
        "share": "number",
        "amount": "number",
        "relative": "flag",
        "low_side": "flag",
        "high_side": "flag",
    }

    def values(self, target: ComparedTo) -> dict[str, Param]:
        return {
            "subject": target.subject,
            "share": target.margin / 100,
            "amount": target.margin,
            "relative": target.relative,
            "low_side": target.bound in ("at_least", "within"),
            "high_side": target.bound in ("at_most", "within"),
        }

    def reference(self, row: Row) -> pl.Expr:
        return row.compared(row.param("subject"))

    def bounds(self, row: Row) -> tuple[pl.Expr, pl.Expr]:
        """The lowest and highest value allowed (either may be unused: see the sides)."""
        import polars as pl

        reference = self.reference(row)
        allowed = (
            pl.when(row.param("relative"))
            .then(row.times(reference.abs(), row.param("share")))
            .otherwise(row.param("amount"))
        )
        return reference - allowed, reference + allowed

    def fraction(self, row: Row) -> tuple[pl.Expr, None]:
        import polars as pl

        low, high = self.bounds(row)
        low_side, high_side = row.param("low_side"), row.param("high_side")
        # "within" has two sides and so no one threshold.
        one = pl.when(low_side & ~high_side).then(low).when(high_side & ~low_side).then(high)
        return one.otherwise(None), None

    def holds(self, row: Row) -> pl.Expr:
        import polars as pl

        low, high = self.bounds(row)
        above = pl.when(row.param("low_side")).then(low <= row.value).otherwise(True)
        below = pl.when(row.param("high_side")).then(row.value <= high).otherwise(True)
        return above & below

    def two_sided(self, row: Row) -> tuple[pl.Expr, pl.Expr]:
        """The bounds of a "within" target (a margin widens both); null otherwise."""
        import polars as pl

        low, high = self.bounds(row)
        within = row.param("low_side") & row.param("high_side")
        return pl.when(within).then(low), pl.when(within).then(high)


register_target_kind(ComparedTo, _ComparedTo())  # type: ignore[arg-type]
