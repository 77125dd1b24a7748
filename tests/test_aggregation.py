"""A small province by hand, and the rules of adding up as properties."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import (
    DataStatus,
    InvalidValueError,
    Measurement,
    MeasurementTypeRegistry,
    Municipality,
    Period,
    Region,
)
from sociaaldomein.core.aggregation import aggregate, aggregate_regions
from sociaaldomein.text.numbers import as_decimal

TYPES = MeasurementTypeRegistry()
Y = Period.year(2024)
NOORD = Region("Noord", [Municipality("Assen", "GM0106"), Municipality("Tynaarlo", "GM1730")])
ZUID = Region("Zuid", [Municipality("Emmen", "GM0114"), Municipality("Coevorden", "GM0109")])
INDICATORS = {
    "vrijwilligers": "count",
    "bereik": "percentage",
    "gezond": "percentage",
    "tevredenheid": "grade",
    "verhaal": "qualitative",
}


def m(indicator, subject, value=None, **extra):
    return Measurement(indicator, subject, Y, value, **extra)


PROVINCE = [
    m("vrijwilligers", "Assen", 100),
    m("vrijwilligers", "GM1730", 50),  # Tynaarlo by its CBS code
    m("vrijwilligers", "Emmen", 80, status="provisional"),
    m("bereik", "Assen", numerator=30, denominator=200),
    m("bereik", "Tynaarlo", numerator=10, denominator=100),
    m("bereik", "Emmen", numerator=45, denominator=300),
    # A slice: evaluated on its own, never added to the totals.
    m("bereik", "Assen", numerator=20, denominator=50, dimensions={"leeftijd": "12-17"}),
    m("gezond", "Assen", numerator=140, denominator=200),
    m("gezond", "Tynaarlo", 70.0),  # no numerator and denominator
    m("gezond", "Emmen", numerator=180, denominator=300),
    m("tevredenheid", "Assen", 7.5, n=100),
    m("tevredenheid", "Tynaarlo", 8.0, n=300),
    m("tevredenheid", "Emmen", 7.0, n=100),
    m("verhaal", "Assen", "meer buurtinitiatieven"),
    m("verhaal", "Emmen", "wachtlijst korter"),
    m("vrijwilligers", "Zwolle", 999),  # not in the province
]


def results():
    found = aggregate_regions(PROVINCE, TYPES, INDICATORS, [NOORD, ZUID], province="Drenthe")
    return {(r.indicator, r.subject): r for r in found}


def test_counts_add_up_and_carry_the_weakest_status():
    r = results()
    assert r["vrijwilligers", "Noord"].value == 150
    assert r["vrijwilligers", "Noord"].status is DataStatus.DEFINITIVE
    assert r["vrijwilligers", "Zuid"].value == 80
    assert r["vrijwilligers", "Zuid"].status is DataStatus.PROVISIONAL
    assert r["vrijwilligers", "Drenthe"].value == 230
    assert r["vrijwilligers", "Drenthe"].status is DataStatus.PROVISIONAL


def test_percentages_add_up_through_numerator_and_denominator():
    r = results()
    # Noord: (30 + 10) / (200 + 100) = 13,33%, not the mean of 15% and 10% (12,5%).
    # Every number of a result is a Decimal: the value the type keeps, written exactly.
    assert r["bereik", "Noord"].value == as_decimal(100 * 40 / 300)
    assert (r["bereik", "Noord"].numerator, r["bereik", "Noord"].denominator) == (40, 300)
    assert r["bereik", "Zuid"].value == 15.0
    assert r["bereik", "Drenthe"].value == as_decimal(100 * 85 / 600)
    assert r["bereik", "Noord"].parts == ("Assen", "Tynaarlo")  # the slice is left out


def test_a_missing_denominator_means_it_cannot_be_computed():
    r = results()
    assert r["gezond", "Noord"].value is None
    assert "teller en noemer ontbreken bij Tynaarlo" in r["gezond", "Noord"].note
    assert r["gezond", "Zuid"].value == 60.0
    assert r["gezond", "Drenthe"].value is None
    assert "geen waarde voor Noord" in r["gezond", "Drenthe"].note


def test_grades_are_weighted_by_respondents():
    r = results()
    # Noord: (7,5 x 100 + 8,0 x 300) / 400 = 7,875; Drenthe: (3150 + 700) / 500 = 7,7.
    assert r["tevredenheid", "Noord"].value == 7.875
    assert r["tevredenheid", "Drenthe"].value == Decimal("7.7")
    assert r["tevredenheid", "Drenthe"].denominator == 500


def test_qualitative_values_are_listed():
    r = results()
    assert r["verhaal", "Drenthe"].texts == (
        ("Assen", "meer buurtinitiatieven"),
        ("Emmen", "wachtlijst korter"),
    )
    assert r["verhaal", "Drenthe"].value is None


def test_a_municipality_in_two_regions_is_an_error():
    twice = Region("Dubbel", [Municipality("Assen")])
    with pytest.raises(InvalidValueError, match="Assen ligt in regio 'Noord' en in regio"):
        aggregate_regions(PROVINCE, TYPES, INDICATORS, [NOORD, twice])


fractions = st.tuples(st.integers(0, 1000), st.integers(1, 1000)).filter(lambda f: f[0] <= f[1])


@st.composite
def partitioned(draw, kind):
    count = draw(st.integers(1, 8))
    if kind == "percentage":
        parts = [
            m("x", f"G{i}", numerator=a, denominator=b)
            for i, (a, b) in enumerate(draw(st.lists(fractions, min_size=count, max_size=count)))
        ]
    elif kind == "count":
        parts = [
            m("x", f"G{i}", v)
            for i, v in enumerate(
                draw(st.lists(st.integers(0, 10**6), min_size=count, max_size=count))
            )
        ]
    else:
        parts = [
            m("x", f"G{i}", v / 10, n=n)
            for i, (v, n) in enumerate(
                draw(
                    st.lists(
                        st.tuples(st.integers(10, 100), st.integers(1, 500)),
                        min_size=count,
                        max_size=count,
                    )
                )
            )
        ]
    labels = draw(st.lists(st.integers(0, 2), min_size=count, max_size=count))
    regions = [
        Region(f"R{k}", [Municipality(f"G{i}") for i, label in enumerate(labels) if label == k])
        for k in sorted(set(labels))
    ]
    return parts, regions


@given(
    st.sampled_from(["percentage", "count", "grade"]).flatmap(
        lambda kind: st.tuples(st.just(kind), partitioned(kind))
    )
)
def test_aggregating_the_parts_of_a_partition_equals_aggregating_all(case):
    kind, (parts, regions) = case
    at_once = aggregate(parts, TYPES[kind], subject="Provincie")
    in_steps = [
        r
        for r in aggregate_regions(parts, TYPES, {"x": kind}, regions, province="Provincie")
        if r.subject == "Provincie"
    ]
    assert len(in_steps) == 1
    assert in_steps[0].value == at_once.value
    assert (in_steps[0].numerator, in_steps[0].denominator) == (
        at_once.numerator,
        at_once.denominator,
    )


@given(st.lists(fractions, min_size=1, max_size=10))
def test_an_aggregate_percentage_lies_between_its_parts(pairs):
    parts = [m("x", f"G{i}", numerator=a, denominator=b) for i, (a, b) in enumerate(pairs)]
    total = aggregate(parts, TYPES["percentage"], subject="Regio")
    shares = [Fraction(a, b) * 100 for a, b in pairs]
    exact = Fraction(total.numerator) / Fraction(total.denominator) * 100
    assert min(shares) <= exact <= max(shares)
    assert (
        min(shares) - Fraction(1, 10**9)
        <= Fraction(total.value)
        <= max(shares) + Fraction(1, 10**9)
    )
    assert total.numerator == sum(Decimal(a) for a, _ in pairs)


def test_villages_add_up_to_a_municipality_and_on_to_a_region():
    # A municipality is a region of its villages: the same rules, one level down.
    villages = [
        m("bereik", "Gieten", numerator=12, denominator=80),
        m("bereik", "Rolde", numerator=8, denominator=120, status="provisional"),
        m("bereik", "Assen", numerator=30, denominator=200),
    ]
    aa_en_hunze = Region("Aa en Hunze", [Municipality("Gieten"), Municipality("Rolde")])
    [municipal] = aggregate_regions(villages, TYPES, INDICATORS, [aa_en_hunze])
    assert (municipal.numerator, municipal.denominator) == (20, 200)
    assert municipal.status is DataStatus.PROVISIONAL
    upward = [municipal.as_measurement(), villages[2]]
    region = Region("Noord", [Municipality("Aa en Hunze"), Municipality("Assen")])
    [noord] = aggregate_regions(upward, TYPES, INDICATORS, [region])
    assert (noord.numerator, noord.denominator) == (50, 400)
    assert noord.value == 12.5
    assert noord.status is DataStatus.PROVISIONAL


def test_the_report_shows_the_slices_an_indicator_asks_for(tmp_path, capsys):
    from sociaaldomein import AtLeast, Indicator, Project, save_toml
    from sociaaldomein.cli import main

    plan = Project(
        "p",
        "Bereik",
        indicators=[
            Indicator(
                "bereik",
                "Bereik jongeren",
                "percentage",
                slices=["leeftijd"],
                target=AtLeast(15),
            ),
        ],
    )
    save_toml(plan, tmp_path / "plan.toml")
    (tmp_path / "measurements.csv").write_text(
        "indicator,subject,period,value,dimension.leeftijd\n"
        "bereik,Assen,2024,16,\n"
        "bereik,Assen,2024,12,12-17\n"
        "bereik,Assen,2024,19,18-23\n",
        encoding="utf-8",
    )
    assert main(["report", str(tmp_path), "--no-charts"]) == 0
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    lines = [line for line in report.splitlines() if line.startswith("| ") and "%" in line]
    assert lines[0].startswith("| Bereik jongeren | gehaald | 16% |")
    assert lines[1].startswith("| — leeftijd 12-17 | niet gehaald | 12% |")
    assert lines[2].startswith("| — leeftijd 18-23 | gehaald | 19% |")
    capsys.readouterr()
