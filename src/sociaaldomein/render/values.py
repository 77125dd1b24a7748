"""Values as the report shows them."""

from __future__ import annotations

from sociaaldomein.core.groups import GroupValue
from sociaaldomein.model.measurement_type import MeasurementType, Value
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import as_decimal

__all__ = ["show_group_value", "show_value"]


def show_value(value: Value, measurement_type: MeasurementType, *, places: int = 2) -> str:
    """A value as the report shows it: as the reason shows it, with at most ``places`` decimals.

    A percentage of ``10.395956192080876`` (from a numerator and a
    denominator) shows as ``10,4%``; a grade keeps its one decimal (``8,0``);
    a half rounds away from zero (``0,125`` shows as ``0,13``). Give the
    evaluation's :attr:`~sociaaldomein.core.verdict.Evaluation.places` where
    the value stands beside its target, so that both read apart as in the reason.
    """
    if isinstance(value, bool | str):
        return measurement_type.format(value)
    return measurement_type.display(as_decimal(value), places=places)


def show_group_value(found: GroupValue, kind: MeasurementType) -> str:
    """A group's value with its period and coverage: ``mediaan 45% (2023; 12 van 14 gemeenten)``."""
    coverage = found.coverage
    if found.value is None:
        return _("geen waarde ({period}; {why})").format(
            period=found.period, why=coverage.missing()
        )
    shown = show_value(found.value, kind)
    if coverage.statistic == "median":
        shown = _("mediaan {value}").format(value=shown)
    return f"{shown} ({found.period}; {coverage.text()})"
