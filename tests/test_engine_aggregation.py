"""Adding a table up per region: the same aggregates as aggregate_regions."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from sociaaldomein import (
    Indicator,
    InvalidValueError,
    Measurement,
    MeasurementTypeRegistry,
    Municipality,
    Period,
    Region,
)
from sociaaldomein.core.aggregation import aggregate_regions
from sociaaldomein.core.engine import MeasurementTable, aggregate_table
from sociaaldomein.testing import strategies as sds

TYPES = MeasurementTypeRegistry()
REGIONS = [
    Region("Noord", [Municipality("Assen", "GM0106"), Municipality("Tynaarlo", "GM1730")]),
    Region("Zuid", [Municipality("Emmen", "GM0114")]),
]
SUBJECTS = ["Assen", "GM1730", "Tynaarlo", "Emmen", "Zwolle"]


@st.composite
def measured(draw: st.DrawFn) -> tuple[list[Indicator], list[Measurement]]:
    indicators = draw(st.lists(sds.indicators(), min_size=1, max_size=3, unique_by=lambda i: i.id))
    measurements = []
    for indicator in indicators:
        measurements += draw(
            st.lists(
                sds.measurements(
                    indicator=indicator,
                    subject=draw(st.sampled_from(SUBJECTS)),
                    periods=st.sampled_from([Period.year(2023), Period.year(2024)]),
                    dimensions=st.sampled_from([{}, {}, {"leeftijd": "12-17"}]),
                    known=None,
                    forecast=None,
                ),
                max_size=4,
            )
        )
        measurements += draw(
            st.lists(
                st.sampled_from(SUBJECTS).flatmap(
                    lambda subject, indicator=indicator: sds.measurements(
                        indicator=indicator,
                        subject=subject,
                        periods=st.just(Period.year(2024)),
                        dimensions=st.just({}),
                    )
                ),
                max_size=5,
            )
        )
    return indicators, draw(st.permutations(measurements))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(measured(), st.sampled_from([None, "Drenthe"]))
def test_a_table_adds_up_as_aggregate_regions_does(case, province):
    indicators, measurements = case
    try:
        table = MeasurementTable.from_measurements(measurements, indicators)
    except InvalidValueError as error:
        assume("cijfers" not in str(error))
        raise
    kinds = {indicator.id: indicator.measurement_type for indicator in indicators}
    expected = aggregate_regions(measurements, TYPES, kinds, REGIONS, province=province)
    event(f"aggregates: {min(len(expected), 3)}")
    event(f"computed: {sum(a.value is not None for a in expected) > 0}")
    event(f"not known: {any('niet bekend' in a.note for a in expected)}")
    assert aggregate_table(table, REGIONS, province=province) == expected
