"""Tools for test suites that check social-domain rules: strategies and fixtures.

``sociaaldomein.testing.strategies`` holds hypothesis strategies for every
model type; importing it needs hypothesis, importing this package does not.
The pytest fixtures come from the ``pytest11`` plugin
:mod:`sociaaldomein.testing.pytest_plugin`, which pytest loads by itself.
"""

from __future__ import annotations

__all__ = ["register_type_strategies"]


def register_type_strategies() -> None:
    """Make ``st.from_type(Indicator)`` and friends draw from our strategies.

    Hypothesis calls this through its ``hypothesis`` entry point, so a test
    suite need not; calling it twice is harmless.
    """
    from hypothesis import strategies as st

    from sociaaldomein import model
    from sociaaldomein.testing import strategies as sds

    for cls, strategy in (
        (model.Period, sds.periods()),
        (model.Municipality, sds.municipalities()),
        (model.Organisation, sds.organisations()),
        (model.MeasurementType, sds.measurement_types()),
        (model.Indicator, sds.indicators()),
        (model.Measurement, sds.measurements()),
        (model.IndicatorSet, sds.indicator_sets()),
        (model.BudgetLine, sds.budget_lines()),
        (model.Budget, sds.budgets()),
        (model.Assignment, sds.assignments()),
        (model.Project, sds.projects()),
    ):
        st.register_type_strategy(cls, strategy)


def _hypothesis_setup_hook() -> None:
    register_type_strategies()
