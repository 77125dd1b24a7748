"""Tools for test suites that check social-domain rules: strategies and fixtures.

``sociaaldomein.testing.strategies`` holds hypothesis strategies for every
model type; importing it needs hypothesis, importing this package does not.
The pytest fixtures come from the ``pytest11`` plugin
:mod:`sociaaldomein.testing.pytest_plugin`, which pytest loads by itself.
"""

from __future__ import annotations

from typing import Any

__all__ = ["register_type_strategies"]


def register_type_strategies() -> None:
    """Make ``st.from_type(Indicator)`` and friends draw from our strategies.

    Hypothesis calls this through its ``hypothesis`` entry point, so a test
    suite need not; calling it twice is harmless. The strategies are looked
    up when first drawn: hypothesis runs this hook while it is being
    imported, possibly by :mod:`.strategies` itself, which is then not
    complete yet.
    """
    from hypothesis import strategies as st

    from sociaaldomein import model

    def deferred(name: str) -> st.SearchStrategy[Any]:
        def build() -> st.SearchStrategy[Any]:
            from sociaaldomein.testing import strategies as sds

            strategy: st.SearchStrategy[Any] = getattr(sds, name)()
            return strategy

        return st.deferred(build)

    for cls, name in (
        (model.Period, "periods"),
        (model.Municipality, "municipalities"),
        (model.Organisation, "organisations"),
        (model.MeasurementType, "measurement_types"),
        (model.Indicator, "indicators"),
        (model.Measurement, "measurements"),
        (model.IndicatorSet, "indicator_sets"),
        (model.BudgetLine, "budget_lines"),
        (model.Budget, "budgets"),
        (model.Assignment, "assignments"),
        (model.Project, "projects"),
        (model.ReferenceGroup, "reference_groups"),
    ):
        st.register_type_strategy(cls, deferred(name))


def _hypothesis_setup_hook() -> None:
    register_type_strategies()
