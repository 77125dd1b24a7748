"""The measurements table: measurements as polars columns, below the layers that use it.

A layer of its own because two siblings share it: ``io/`` reads a CSV file
into a :class:`~sociaaldomein.table.measurements.MeasurementTable` and
``core/engine/`` evaluates one; neither may import the other. It depends on
``model/`` and ``text/`` only (and polars, imported when a table is made).
"""

__all__: list[str] = []
