"""Hypothesis strategies for every public model type, valid by construction.

Requires hypothesis (``pip install sociaaldomein[test]``). Every strategy
takes keyword arguments to constrain what it draws, so that a municipality
can test its own rules::

    from hypothesis import given
    from sociaaldomein.testing import strategies as sds

    @given(sds.indicators(measurement_type="grade"))
    def test_grades_are_judged(indicator): ...

Importing :mod:`sociaaldomein.testing` also registers the strategies with
``st.register_type_strategy``, so ``st.from_type(Indicator)`` works.
"""

from __future__ import annotations

from sociaaldomein.testing.strategies._basics import (
    REFERENCE_SUBJECTS,
    identifiers,
    measurement_types,
    municipalities,
    names,
    organisations,
    period_texts,
    periods,
    texts,
    values,
)
from sociaaldomein.testing.strategies._groups import reference_groups
from sociaaldomein.testing.strategies._indicators import (
    derived_indicators,
    indicators,
    targets,
    tolerances,
)
from sociaaldomein.testing.strategies._measurements import (
    indicator_sets,
    measurement_series,
    measurements,
)
from sociaaldomein.testing.strategies._plans import assignments, budget_lines, budgets, projects

__all__ = [
    "REFERENCE_SUBJECTS",
    "assignments",
    "budget_lines",
    "budgets",
    "derived_indicators",
    "identifiers",
    "indicator_sets",
    "indicators",
    "measurement_series",
    "measurement_types",
    "measurements",
    "municipalities",
    "names",
    "organisations",
    "period_texts",
    "periods",
    "projects",
    "reference_groups",
    "targets",
    "texts",
    "tolerances",
    "values",
]
