"""Targets as municipalities write them: schedules, slices, references, unknowns, forecasts."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import (
    AtLeast,
    AtMost,
    Between,
    Change,
    ComparedTo,
    Direction,
    Fallback,
    Indicator,
    IndicatorSet,
    InvalidValueError,
    LoadError,
    Margin,
    Measurement,
    MeasurementTypeRegistry,
    Period,
    RisingTrend,
    SliceTarget,
    Status,
    describe_target,
    dump_toml,
    evaluate,
    evaluate_all,
    loads_toml,
    target_for,
)
from sociaaldomein.testing import strategies as sds

TYPES = MeasurementTypeRegistry()
Y = Period.year


def bijstand(**extra):
    extra.setdefault("target", AtMost(34.0))
    return Indicator("bijstand", "Personen met een bijstandsuitkering", "rate_per_10000", **extra)


# -- target schedule ------------------------------------------------------------

BUDGET = bijstand(schedule={"2019": AtMost(37.5), 2020: AtMost(34.1)})


def test_the_schedule_picks_the_target_of_the_period_and_the_plain_one_elsewhere():
    assert target_for(BUDGET, Y(2019)) == AtMost(37.5)
    assert target_for(BUDGET, Y(2020)) == AtMost(34.1)
    assert target_for(BUDGET, Y(2021)) == AtMost(34.0)  # the streefwaarde
    assert BUDGET.target_for(Period.half_year(2020, 1)) == AtMost(34.1)


def test_a_half_year_entry_comes_before_its_year():
    indicator = bijstand(schedule={"2020": AtMost(34.1), "2020-H1": AtMost(36)})
    assert target_for(indicator, Period.half_year(2020, 1)) == AtMost(36)
    assert target_for(indicator, Period.half_year(2020, 2)) == AtMost(34.1)
    assert target_for(indicator, Y(2020)) == AtMost(34.1)


def test_each_year_is_judged_against_its_own_target():
    rows = [
        Measurement("bijstand", "Beverwijk", Y(year), v) for year, v in ((2019, 36), (2020, 36))
    ]
    first, second = evaluate_all([BUDGET], rows)
    assert (first.status, second.status) == (Status.MET, Status.NOT_MET)
    assert first.target == AtMost(37.5)
    assert second.reason == "36 per 10.000 (doel: maximaal 34,1 per 10.000); niet gehaald"


def test_a_schedule_in_toml_is_a_table_keyed_by_period_and_errors_name_the_period():
    text = """
id = "bbv"
name = "BBV"
[[indicators]]
id = "bijstand"
name = "Personen met een bijstandsuitkering"
measurement_type = "rate_per_10000"
target = { kind = "at_most", value = 34.0 }
[indicators.schedule]
2019 = { kind = "at_most", value = 37.5 }
2020 = { kind = "at_most", value = 34.1 }
"""
    loaded = loads_toml(text, IndicatorSet)
    assert loaded.indicators[0] == BUDGET
    assert loads_toml(dump_toml(loaded), IndicatorSet) == loaded
    with pytest.raises(LoadError) as caught:
        loads_toml(text.replace("value = 34.1", 'value = "veel"'), IndicatorSet, file="bbv.toml")
    [problem] = caught.value.problems
    assert (problem.file, problem.where) == ("bbv.toml", "indicators[0].schedule['2020'].value")


def test_a_schedule_cannot_contradict_the_direction():
    with pytest.raises(InvalidValueError, match="veronderstellen zowel"):
        bijstand(schedule={"2019": AtLeast(30)})


@given(sds.indicators(with_target=True, measurement_type="percentage"), sds.values("percentage"))
def test_a_schedule_with_one_entry_equals_the_plain_target(indicator, value):
    assert indicator.target is not None
    scheduled = Indicator(
        indicator.id,
        indicator.name,
        indicator.measurement_type,
        direction=indicator.direction,
        tolerance=indicator.tolerance,
        baseline_period=indicator.baseline_period,
        schedule={Y(2021): indicator.target},
    )
    baseline = Measurement(indicator.id, "Oss", indicator.baseline_period, 50.0)
    previous = Measurement(indicator.id, "Oss", Y(2020), 40.0)
    now = Measurement(indicator.id, "Oss", Y(2021), value)
    plain, by_schedule = (
        evaluate(i, now, measurement_type=TYPES["percentage"], baseline=baseline, previous=previous)
        for i in (indicator, scheduled)
    )
    assert (plain.status, plain.threshold, plain.reason) == (
        by_schedule.status,
        by_schedule.threshold,
        by_schedule.reason,
    )


# -- targets per slice --------------------------------------------------------------


def test_a_slice_has_its_own_target_beside_the_total():
    indicator = Indicator(
        "bereik",
        "Bereik",
        "percentage",
        target=AtLeast(15),
        slices=["leeftijd"],
        slice_targets=[SliceTarget({"leeftijd": "12-17"}, AtLeast(25))],
    )
    rows = [
        Measurement("bereik", "Oss", Y(2024), 20.0),
        Measurement("bereik", "Oss", Y(2024), 20.0, dimensions={"leeftijd": "12-17"}),
        Measurement("bereik", "Oss", Y(2024), 20.0, dimensions={"leeftijd": "65+"}),
    ]
    by_slice = {e.dimensions: e.status for e in evaluate_all([indicator], rows)}
    assert by_slice == {
        (): Status.MET,
        (("leeftijd", "12-17"),): Status.NOT_MET,
        (("leeftijd", "65+"),): Status.MET,
    }
    toml = dump_toml(IndicatorSet("s", "S", indicators=[indicator]))
    assert 'slice_targets = [\n    { dimensions = { leeftijd = "12-17" }' in toml
    assert loads_toml(toml, IndicatorSet).indicators[0] == indicator


# -- reference targets ----------------------------------------------------------------

LANDELIJK = Indicator(
    "maatwerk",
    "Cliënten met een maatwerkarrangement Wmo",
    "rate_per_10000",
    target=ComparedTo("Nederland", "at_most", label="landelijk"),
)


def rows(indicator, **values):
    return [
        Measurement(indicator, subject.replace("_", "-"), Y(2018), value)
        for subject, value in values.items()
    ]


def test_at_most_the_national_figure_names_the_reference_and_its_period():
    results = evaluate_all([LANDELIJK], rows("maatwerk", Neder_Betuwe=490, Nederland=650))
    municipality, national = results
    assert municipality.status is Status.MET
    assert municipality.reference == 650
    assert municipality.reason == (
        "490 per 10.000 t.o.v. landelijk (2018: 650 per 10.000)"
        " (doel: niet hoger dan landelijk); gehaald"
    )
    assert national.status is Status.NOT_ASSESSED  # a reference is shown, never judged
    assert national.reason == "referentie: 650 per 10.000, niet beoordeeld"


def test_no_reference_value_is_no_data_naming_the_reference():
    [result] = evaluate_all([LANDELIJK], rows("maatwerk", Neder_Betuwe=490))
    assert result.status is Status.NO_DATA
    assert result.reason == (
        "490 per 10.000; referentiewaarde landelijk voor 2018 ontbreekt"
        " (doel: niet hoger dan landelijk)"
    )


def test_within_a_margin_of_the_region_in_percentage_points():
    indicator = Indicator(
        "jeugdhulp", "Jongeren met jeugdhulp", "percentage", target=ComparedTo("regio", "within", 1)
    )
    near, far = (
        evaluate(
            indicator,
            Measurement("jeugdhulp", "Oss", Y(2018), value),
            measurement_type=TYPES["percentage"],
            references=[Measurement("jeugdhulp", "regio", Y(2018), 10.0)],
        )
        for value in (10.8, 11.2)
    )
    assert (near.status, far.status) == (Status.MET, Status.NOT_MET)
    assert "(doel: binnen 1 procentpunt van regio, dus minimaal 9% en maximaal 11%)" in far.reason
    assert describe_target(indicator.target, indicator, TYPES["percentage"]) == (
        "binnen 1 procentpunt van regio"
    )


def test_a_reference_target_reads_from_toml():
    text = """
id = "s"
name = "S"
[[indicators]]
id = "maatwerk"
name = "Cliënten met een maatwerkarrangement Wmo"
measurement_type = "rate_per_10000"
target = { kind = "compared_to", subject = "Nederland", bound = "at_most", label = "landelijk" }
"""
    assert loads_toml(text, IndicatorSet).indicators[0] == LANDELIJK
    with pytest.raises(LoadError) as caught:
        loads_toml(text.replace('"at_most"', '"lower"'), IndicatorSet)
    assert caught.value.problems[0].where == "indicators[0].target.bound"


# -- unknown values and forecasts ---------------------------------------------------


def test_a_value_that_is_not_known_is_no_data_with_its_reason_never_dropped():
    indicator = bijstand()
    row = Measurement("bijstand", "Beverwijk", Y(2018), unknown="n.n.b.")
    [result] = evaluate_all([indicator], [row])
    assert result.status is Status.NO_DATA
    assert result.reason == "waarde niet bekend (n.n.b.) (doel: maximaal 34 per 10.000)"
    with pytest.raises(InvalidValueError, match="geef een van de twee"):
        Measurement("bijstand", "Beverwijk", Y(2018), 30, unknown="n.n.b.")
    with pytest.raises(InvalidValueError, match="unknown"):
        Measurement("bijstand", "Beverwijk", Y(2018))


def test_an_unknown_value_is_skipped_as_the_previous_measurement():
    indicator = bijstand(target=Change(-5, against="previous"), direction=Direction.LOWER_IS_BETTER)
    series = [
        Measurement("bijstand", "Beverwijk", Y(2016), 40),
        Measurement("bijstand", "Beverwijk", Y(2017), unknown="."),
        Measurement("bijstand", "Beverwijk", Y(2018), 37),
    ]
    results = evaluate_all([indicator], series)
    assert [r.status for r in results] == [Status.NO_DATA, Status.NO_DATA, Status.MET]
    assert "t.o.v. vorige meting (2016: 40 per 10.000)" in results[2].reason


def test_a_forecast_is_shown_beside_value_and_target_and_never_judged():
    indicator = bijstand()
    judged = Measurement("bijstand", "Beverwijk", Y(2018), 34.3, forecast=33)
    expected = Measurement("bijstand", "Beverwijk", Y(2019), forecast=37.5)
    first, second = evaluate_all([indicator], [judged, expected])
    assert (first.status, first.forecast) == (Status.NOT_MET, 33)
    assert first.reason.endswith("niet gehaald; verwacht: 33 per 10.000")
    assert (second.status, second.forecast) == (Status.NO_DATA, 37.5)
    assert second.reason == (
        "nog geen meting voor 2019 (doel: maximaal 34 per 10.000); verwacht: 37,5 per 10.000"
    )


# -- reason wording --------------------------------------------------------------------


def test_a_margin_on_a_percentage_is_in_percentage_points():
    indicator = Indicator("x", "X", "percentage", target=AtLeast(60), tolerance=Margin(5))
    result = evaluate(
        indicator,
        Measurement("x", "Oss", Y(2021), 56.0),
        measurement_type=TYPES["percentage"],
    )
    assert result.reason.endswith("marge 5 procentpunt, binnen tolerantie")


def test_lower_is_better_trend_says_verbetering_with_the_period_of_the_reference():
    indicator = Indicator(
        "wachttijd",
        "Wachttijd",
        "percentage",
        target=AtMost(80),
        tolerance=RisingTrend(against="previous"),
    )
    better, worse = (
        evaluate(
            indicator,
            Measurement("wachttijd", "Oss", Y(2015), value),
            measurement_type=TYPES["percentage"],
            previous=Measurement("wachttijd", "Oss", Y(2014), 92.0),
        )
        for value in (85.0, 95.0)
    )
    assert better.reason.endswith(
        "verbetering (daling) t.o.v. vorige meting (2014: 92%), binnen tolerantie"
    )
    assert worse.reason.endswith("geen verbetering (geen daling) t.o.v. vorige meting (2014: 92%)")


# -- properties ------------------------------------------------------------------------

percentages = st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2))


@st.composite
def reference_indicators(draw):
    direction = draw(st.sampled_from(list(Direction)))
    bound = "at_least" if direction is Direction.HIGHER_IS_BETTER else "at_most"
    tolerance = draw(
        st.one_of(
            st.none(),
            st.builds(Margin, st.integers(0, 20), st.booleans()),
            st.builds(RisingTrend, st.sampled_from(["baseline", "previous"])),
            st.builds(
                Fallback,
                st.builds(AtLeast if bound == "at_least" else AtMost, percentages),
            ),
        )
    )
    target = draw(
        st.builds(
            ComparedTo,
            st.sampled_from(["Nederland", "regio"]),
            st.just(bound),
            st.integers(0, 10),
            st.booleans(),
        )
    )
    schedule = draw(st.sampled_from([{}, {"2021": target}]))
    return Indicator(
        "x",
        "x",
        "percentage",
        direction=direction,
        target=None if schedule else target,
        schedule=schedule,
        tolerance=tolerance,
        baseline_period=Y(2019),
    )


@given(reference_indicators(), percentages, percentages, percentages, percentages, percentages)
def test_improving_a_value_never_worsens_its_status_against_a_reference(
    indicator, reference, baseline, previous, a, b
):
    worse, better = sorted((a, b), reverse=indicator.good_direction is Direction.LOWER_IS_BETTER)
    statuses = []
    for value in (worse, better):
        result = evaluate(
            indicator,
            Measurement("x", "Oss", Y(2021), value),
            measurement_type=TYPES["percentage"],
            baseline=Measurement("x", "Oss", Y(2019), baseline),
            previous=Measurement("x", "Oss", Y(2020), previous),
            references=[
                Measurement("x", subject, Y(2021), reference) for subject in ("Nederland", "regio")
            ],
        )
        statuses.append(result.status)
    assert statuses[1].rank >= statuses[0].rank


@given(
    st.builds(Between, st.integers(0, 40), st.integers(60, 100)),
    st.integers(0, 30),
    percentages,
)
def test_within_a_margin_of_a_reference_is_symmetric(range_, margin, reference):
    indicator = Indicator("x", "x", "percentage", target=ComparedTo("regio", "within", margin))
    statuses = set()
    for value in (reference - margin / 2, reference + margin / 2):
        if 0 <= value <= 100:
            result = evaluate(
                indicator,
                Measurement("x", "Oss", Y(2021), value),
                measurement_type=TYPES["percentage"],
                references=[Measurement("x", "regio", Y(2021), reference)],
            )
            statuses.add(result.status)
    assert statuses <= {Status.MET}


@given(st.data())
def test_a_measurement_that_is_not_known_is_always_no_data_with_its_reason(data):
    indicator = data.draw(sds.indicators(with_schedule=None, with_slice_targets=None))
    measurement = data.draw(sds.measurements(indicator=indicator, known=False, forecast=None))
    measurement_type = TYPES[indicator.measurement_type]
    result = evaluate(indicator, measurement, measurement_type=measurement_type)
    assert result.status is Status.NO_DATA
    assert f"waarde niet bekend ({measurement.unknown})" in result.reason
    if measurement.forecast is not None:
        assert result.reason.endswith(f"verwacht: {measurement_type.format(measurement.forecast)}")


DIRECTED = ["at_least", "at_most", "change", "improvement", "count_per_period", "compared_to"]


@given(
    sds.indicators(
        measurement_type="percentage",
        with_target=True,
        with_schedule=None,
        with_slice_targets=None,
        target_kinds=DIRECTED,
    ),
    percentages,
    percentages,
    percentages,
    percentages,
    st.sampled_from([Y(2015), Y(2021), Period.half_year(2021, 1)]),
)
def test_improving_a_value_never_worsens_its_status_for_any_kind(
    indicator, reference, previous, a, b, period
):
    direction = indicator.good_direction
    target = target_for(indicator, period)
    if direction is None or (isinstance(target, ComparedTo) and target.bound == "within"):
        return  # no better way to move: a range
    worse, better = sorted((a, b), reverse=direction is Direction.LOWER_IS_BETTER)
    ranks = []
    for value in (worse, better):
        result = evaluate(
            indicator,
            Measurement(indicator.id, "Oss", period, value),
            measurement_type=TYPES["percentage"],
            baseline=Measurement(indicator.id, "Oss", indicator.baseline_period, reference),
            previous=Measurement(indicator.id, "Oss", Y(2014), previous),
            references=[
                Measurement(indicator.id, subject, period, reference)
                for subject in sds.REFERENCE_SUBJECTS
            ],
        )
        ranks.append(result.status.rank)
    if None not in ranks:
        assert ranks[1] >= ranks[0]


@given(
    st.lists(
        sds.indicators(
            with_schedule=None,
            with_slice_targets=None,
            accumulation=None,
            target_kinds=[*DIRECTED, "between"],
        ),
        max_size=4,
        unique_by=lambda indicator: indicator.id,
    )
)
def test_every_new_kind_survives_toml(indicators):
    indicator_set = IndicatorSet("s", "S", indicators=indicators)
    assert loads_toml(dump_toml(indicator_set), IndicatorSet) == indicator_set


@given(st.data())
def test_unknown_values_and_forecasts_survive_toml(data):
    from sociaaldomein.io.converter import structure, unstructure

    indicator = data.draw(sds.indicators(measurement_type="percentage"))
    measurement = data.draw(sds.measurements(indicator=indicator, known=None, forecast=None))
    assert structure(unstructure(measurement), Measurement) == measurement


def test_the_strategies_take_plugin_types_or_say_what_they_need():
    from sociaaldomein import MeasurementType, UnknownNameError

    with pytest.raises(UnknownNameError, match="pass the type itself"):
        given(sds.indicators(measurement_type="per_client"))(lambda indicator: None)()
    per_client = MeasurementType("per_client", "per cliënt", minimum=0, scale=1)
    registry = MeasurementTypeRegistry()
    registry.register(per_client)

    @given(sds.indicators(measurement_type="per_client", types=registry, with_target=True))
    def by_name(indicator):
        assert indicator.measurement_type == "per_client"

    @given(sds.values(per_client))
    def by_object(value):
        assert per_client.validate(value) == value

    by_name()
    by_object()
