"""The columnar engine: measurements as a polars table, evaluated per kind at once.

polars is imported only when a table is built, so ``import sociaaldomein``
stays fast. The scalar functions in :mod:`sociaaldomein.core.rules` are the
specification; this engine gives the same statuses, thresholds, progress
and reasons for every target, tolerance and data-status kind, schedules,
slice targets, reference targets, accumulation and values not known
included (property tests hold it to that). Only the values of derived
indicators are computed by the scalar :func:`~sociaaldomein.core.derived.derive`
(from their inputs' rows), see :mod:`.derived`.
"""

from __future__ import annotations

from sociaaldomein.core.engine.aggregate import aggregate_table
from sociaaldomein.core.engine.evaluate import evaluate_table
from sociaaldomein.core.engine.results import Results
from sociaaldomein.table.measurements import MeasurementTable

__all__ = ["MeasurementTable", "Results", "aggregate_table", "evaluate_table"]
