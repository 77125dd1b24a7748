"""Checks of the mappings that tell a measurement source where an indicator's figures are."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sociaaldomein.findings import Finding, Severity
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.text.units import unit_factor

__all__ = ["check_fetch_units"]


def check_fetch_units(
    indicators: Iterable[Indicator], types: Mapping[str, MeasurementType]
) -> list[Finding]:
    """Each mapping's ``fetch.unit`` can become its indicator's measurement type.

    ``per 1 000 inwoners`` becomes a rate per 10,000 (exactly, by a power of
    ten); a rate never becomes a count, nor a count a rate. The key path is
    ``<indicator>.fetch.unit``.
    """
    findings: list[Finding] = []
    for indicator in indicators:
        fetch = indicator.fetch
        if fetch is None or not fetch.unit or indicator.measurement_type not in types:
            continue
        measurement_type = types[indicator.measurement_type]
        factor = unit_factor(fetch.unit, measurement_type.scale, measurement_type.name)
        if isinstance(factor, str):
            findings.append(Finding(Severity.ERROR, factor, f"{indicator.id}.fetch.unit"))
    return findings
