"""Zuidwolde (fictitious): local colouring of the Drenthe model and one local rule."""

from __future__ import annotations

from decimal import Decimal
from importlib.resources import files
from importlib.resources.abc import Traversable

from sociaaldomein import AtLeast, Finding, IndicatorSet
from sociaaldomein.plugin import hookimpl

LOWEST_GRADE = Decimal(7)


@hookimpl
def sociaaldomein_indicator_sets() -> list[Traversable]:
    return [files(__package__) / "zuidwolde.toml"]


@hookimpl
def sociaaldomein_validate(indicator_set: IndicatorSet) -> list[Finding]:
    """In Zuidwolde's sets, a target on a satisfaction grade asks for at least a 7."""
    if not indicator_set.id.startswith("zuidwolde"):
        return []
    return [
        Finding("error", f"grade target {indicator.target.value} is below 7", where=indicator.id)
        for indicator in indicator_set.all_indicators()
        if indicator.measurement_type == "grade"
        and isinstance(indicator.target, AtLeast)
        and indicator.target.value < LOWEST_GRADE
    ]
