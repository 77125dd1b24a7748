"""The loaders and writers under their former module name; see the modules named here.

- :mod:`sociaaldomein.io.toml`: model objects from and to TOML;
- :mod:`sociaaldomein.io.measurements` and :mod:`sociaaldomein.io.formatting`:
  measurements from and to CSV;
- :mod:`sociaaldomein.io.atomic`: writing files without losing data;
- :mod:`sociaaldomein.io.limits`: bounds on what is read.
"""

from __future__ import annotations

from sociaaldomein.io.atomic import OutputError, check_output, write_atomic, write_files
from sociaaldomein.io.formatting import format_measurements
from sociaaldomein.io.limits import DEFAULT_LIMITS, Limits
from sociaaldomein.io.measurements import (
    CSV_COLUMNS,
    DataWarning,
    MeasurementFile,
    load_measurements,
    parse_measurements,
    read_measurements,
)
from sociaaldomein.io.toml import (
    dump_toml,
    load_plan,
    load_set,
    load_toml,
    loads_toml,
    read_toml,
    save_toml,
)

__all__ = [
    "CSV_COLUMNS",
    "DEFAULT_LIMITS",
    "DataWarning",
    "Limits",
    "MeasurementFile",
    "OutputError",
    "check_output",
    "dump_toml",
    "format_measurements",
    "load_measurements",
    "load_plan",
    "load_set",
    "load_toml",
    "loads_toml",
    "parse_measurements",
    "read_measurements",
    "read_toml",
    "save_toml",
    "write_atomic",
    "write_files",
]
