"""The built-in behaviour, registered through the same hooks as any plugin."""

from __future__ import annotations

from sociaaldomein.model.measurement_type import BUILTIN_MEASUREMENT_TYPES, MeasurementType
from sociaaldomein.model.taxonomy import Taxonomy, prestatievelden_taxonomy
from sociaaldomein.plugin import hookimpl
from sociaaldomein.sources.base import Source


@hookimpl
def sociaaldomein_measurement_types() -> tuple[MeasurementType, ...]:
    return BUILTIN_MEASUREMENT_TYPES


@hookimpl
def sociaaldomein_taxonomies() -> list[Taxonomy]:
    return [prestatievelden_taxonomy()]


@hookimpl
def sociaaldomein_sources() -> list[Source]:
    # Imported here: the CBS source needs urllib and json, which most runs never use.
    from sociaaldomein.sources.cbs import CBSSource

    return [CBSSource()]
